"""A loopback TCP proxy that a test can cut and restore, to break real connections.

Point a database URL at ``127.0.0.1:<proxy.port>`` instead of the server's port and the
client talks to the server through the proxy. Two ways to lose the server:

* :meth:`TcpProxy.cut` behaves like a server that vanished: every live connection is
  aborted (the client sees "server closed the connection unexpectedly" / "Lost connection
  to MySQL server") and every new connection is accepted and reset at once, so a reconnect
  fails fast instead of hanging.
* :meth:`TcpProxy.blackhole` behaves like a network partition or a server that died
  without a goodbye: every socket stays open and nothing is forwarded or answered, no FIN,
  no RST. A query waits for an answer that never comes, and a new connection is accepted
  and then left silent. (The proxy's own kernel still acknowledges what the client sends,
  so TCP keepalives cannot see this loss: only a timeout on an answer can.)

:meth:`restore` forwards again; connections held by a black hole resume where they stopped,
as after a healed partition. The listening port never changes, so URLs stay valid.

Only loopback: the proxy listens on 127.0.0.1 and only ever connects to 127.0.0.1.
Bounded: at most ``max_connections`` live connections (one pump thread each, plus one
accept thread); every blocking call has a short timeout, and :meth:`close` stops and joins
all threads. Use it as a context manager::

    with TcpProxy(5432) as proxy:
        url = f"postgresql://postgres@127.0.0.1:{proxy.port}/test"
        ...
        proxy.cut()
        ...
        proxy.restore()
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from types import TracebackType

LOOPBACK = "127.0.0.1"
_POLL = 0.05  # seconds: how often blocked threads look at the stop flags
_JOIN_TIMEOUT = 5.0


def _abort(sock: socket.socket) -> None:
    """Close ``sock`` with a TCP reset (linger 0), so the peer sees the loss at once."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class _Link:
    """One proxied connection: the accepted client socket and its upstream socket."""

    def __init__(
        self, client: socket.socket, upstream: socket.socket, flowing: threading.Event
    ) -> None:
        self.client = client
        self.upstream = upstream
        self.flowing = flowing  # cleared: a black hole, nothing is read or forwarded
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def pump(self) -> None:
        """Copy bytes both ways until either side closes or :attr:`stop` is set; while
        :attr:`flowing` is clear, read nothing (the bytes wait in the kernel's buffers)."""
        peers = {self.client: self.upstream, self.upstream: self.client}
        try:
            while not self.stop.is_set():
                if not self.flowing.is_set():
                    self.flowing.wait(_POLL)
                    continue
                readable, _, _ = select.select(list(peers), [], [], _POLL)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except OSError:
            return
        finally:
            _abort(self.client)
            _abort(self.upstream)


class TcpProxy:
    """Forward ``127.0.0.1:<port>`` to ``127.0.0.1:<target_port>``; cut and restore at will."""

    def __init__(
        self, target_port: int, *, target_host: str = LOOPBACK, max_connections: int = 32
    ) -> None:
        if target_host not in (LOOPBACK, "localhost"):
            raise ValueError(f"TcpProxy only forwards to {LOOPBACK}, not to {target_host!r}.")
        self.target_port = target_port
        self.max_connections = max_connections
        self._lock = threading.Lock()
        self._links: set[_Link] = set()
        self._cut = False
        self._flowing = threading.Event()
        self._flowing.set()
        self._closed = threading.Event()
        self.accepted = 0  # connections forwarded so far (for assertions)
        self.refused = 0  # connections reset because the proxy was cut or full
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((LOOPBACK, 0))
        self._listener.listen(16)
        self._listener.settimeout(_POLL)
        self.port: int = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(
            target=self._accept_loop, name=f"tcp-proxy-{self.port}", daemon=True
        )
        self._acceptor.start()

    # --- control ------------------------------------------------------------------------

    @property
    def is_cut(self) -> bool:
        return self._cut

    @property
    def is_blackhole(self) -> bool:
        return not self._flowing.is_set()

    def cut(self) -> None:
        """Abort every live connection and reset new ones until :meth:`restore`.

        Returns once every forwarded connection is closed on both sides.
        """
        with self._lock:
            self._cut = True
            links = list(self._links)
        self._stop_links(links)

    def blackhole(self) -> None:
        """Stop forwarding and answering anything, on every connection, live or new, until
        :meth:`restore`: sockets stay open, nothing is sent, neither FIN nor RST."""
        with self._lock:
            self._flowing.clear()

    def restore(self) -> None:
        """Forward again: new connections, and those a black hole held (connections cut
        earlier stay dead)."""
        with self._lock:
            self._cut = False
            self._flowing.set()

    def close(self) -> None:
        """Stop accepting, abort every connection and join every thread."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._acceptor.join(_JOIN_TIMEOUT)
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            links = list(self._links)
        self._stop_links(links)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- workers ------------------------------------------------------------------------

    def _stop_links(self, links: list[_Link]) -> None:
        for link in links:
            link.stop.set()
            # Wake the pump at once: a shut-down socket reads as end of stream.
            for sock in (link.client, link.upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        for link in links:
            if link.thread is not None:
                link.thread.join(_JOIN_TIMEOUT)

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                refuse = self._cut or len(self._links) >= self.max_connections
            if refuse:
                self.refused += 1
                _abort(client)
                continue
            try:
                upstream = socket.create_connection((LOOPBACK, self.target_port), timeout=5)
            except OSError:
                self.refused += 1
                _abort(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            link = _Link(client, upstream, self._flowing)
            thread = threading.Thread(
                target=self._run_link, args=(link,), name=f"tcp-proxy-{self.port}-link", daemon=True
            )
            link.thread = thread
            with self._lock:
                if self._cut or self._closed.is_set():  # cut while we were connecting
                    self.refused += 1
                    _abort(client)
                    _abort(upstream)
                    continue
                self._links.add(link)
                self.accepted += 1
                thread.start()  # under the lock, so cut() never joins an unstarted thread

    def _run_link(self, link: _Link) -> None:
        try:
            link.pump()
        finally:
            with self._lock:
                self._links.discard(link)
