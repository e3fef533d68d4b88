"""The test proxy itself: forwards, cuts live connections, refuses while cut, restores."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from support.tcp_proxy import TcpProxy

TIMEOUT_S = 5.0


@pytest.fixture
def echo_port() -> Iterator[int]:
    """A loopback echo server (one thread per connection, stopped afterwards)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def serve(conn: socket.socket) -> None:
        conn.settimeout(0.05)
        with conn:
            while not stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                conn.sendall(data)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            worker = threading.Thread(target=serve, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    yield listener.getsockname()[1]
    stop.set()
    acceptor.join(TIMEOUT_S)
    for worker in workers:
        worker.join(TIMEOUT_S)
    listener.close()


def _client(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)


def _echo(sock: socket.socket, data: bytes) -> bytes:
    sock.sendall(data)
    return sock.recv(4096)


def _closed_by_peer(sock: socket.socket) -> bool:
    """Whether the other end is gone: end of stream or a reset (a live but silent peer
    times out instead)."""
    try:
        return sock.recv(4096) == b""
    except TimeoutError:
        return False
    except OSError:  # ConnectionResetError
        return True


def _refused(port: int) -> bool:
    """Whether a new connection is reset at once (during or right after the handshake)."""
    try:
        sock = _client(port)
    except ConnectionError:
        return True
    with sock:
        return _closed_by_peer(sock)


def test_the_proxy_forwards_cuts_refuses_and_restores(echo_port: int) -> None:
    with TcpProxy(echo_port) as proxy:
        with _client(proxy.port) as live:
            assert _echo(live, b"ping") == b"ping"
            proxy.cut()
            assert _closed_by_peer(live)

        assert _refused(proxy.port)
        assert proxy.refused >= 1

        proxy.restore()
        with _client(proxy.port) as again:
            assert _echo(again, b"back") == b"back"
        assert proxy.accepted == 2


def test_the_proxy_only_forwards_to_loopback() -> None:
    with pytest.raises(ValueError):
        TcpProxy(5432, target_host="192.0.2.1")


def test_closing_the_proxy_stops_its_threads(echo_port: int) -> None:
    proxy = TcpProxy(echo_port)
    with _client(proxy.port) as live:
        assert _echo(live, b"x") == b"x"
        mine = [t for t in threading.enumerate() if t.name.startswith(f"tcp-proxy-{proxy.port}")]
        assert len(mine) == 2  # the acceptor and one link
        proxy.close()
    assert not any(thread.is_alive() for thread in mine)


def _silent(sock: socket.socket, seconds: float = 0.3) -> bool:
    """Whether the peer neither answers nor closes within ``seconds``."""
    sock.settimeout(seconds)
    try:
        sock.recv(4096)
    except TimeoutError:
        return True
    except OSError:
        return False
    finally:
        sock.settimeout(TIMEOUT_S)
    return False


def test_a_black_hole_keeps_connections_open_and_silent_until_restored(echo_port: int) -> None:
    with TcpProxy(echo_port) as proxy:
        with _client(proxy.port) as live:
            assert _echo(live, b"ping") == b"ping"
            proxy.blackhole()
            assert proxy.is_blackhole
            live.sendall(b"lost?")
            assert _silent(live)  # no answer, and no FIN or RST either

            with _client(proxy.port) as fresh:  # a new connection is accepted, then silent
                fresh.sendall(b"hello")
                assert _silent(fresh)

                proxy.restore()  # a healed partition: what was sent arrives after all
                assert live.recv(4096) == b"lost?"
                assert fresh.recv(4096) == b"hello"
        assert not proxy.is_blackhole
        assert proxy.refused == 0
