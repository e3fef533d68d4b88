"""Noticing a server that stopped answering, without waiting for the call that waits on it.

A server that closes its connections is noticed by the next call: it fails at once. A
network partition, or a server that died without a goodbye, sends nothing at all, so the
next call simply waits, and how long depends on the driver and the kernel: PyMySQL gives
up after its ``read_timeout``, libpq only when the kernel gives up on the connection
(minutes with outstanding data; TCP keepalives only help an idle socket, and only where
the peer's kernel is really gone). Nothing that waits *inside* the blocked call can judge
it, so :class:`Watchdog` judges from a thread of its own::

    watchdog = Watchdog(on_silent)          # on_silent(seconds) runs on the watchdog's thread
    with watchdog.guard(3.0):               # around each call to the server
        feed.heartbeat()
    watchdog.close()

If a guarded call is still running ``timeout`` seconds after it began, ``on_silent`` is
called (e.g. to mark the session offline and shut the blocked connection's socket so the
call returns with an error). It returns whether to keep watching the same call: True
gives it another ``timeout`` (a long read that a quick probe showed the server is still
serving), False judges it once and for all. No Qt, one thread, which sleeps while nothing
is guarded.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

_JOIN_S = 5.0


class Watchdog:
    """Calls ``on_silent(seconds)`` when a call guarded by :meth:`guard` outlives its
    timeout; again after each further timeout while it returns True. Guards do not nest:
    one worker thread uses one watchdog."""

    def __init__(self, on_silent: Callable[[float], bool], *, name: str = "keydesk-watchdog"):
        self._on_silent = on_silent
        self._cond = threading.Condition()
        self._deadline: float | None = None  # monotonic; None while nothing is guarded
        self._timeout = 0.0
        self._guarded = 0  # changes on entering and leaving each guard
        self._closed = False
        self.fired = 0  # how many guarded calls outlived their timeout (tests, logs)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @contextlib.contextmanager
    def guard(self, timeout: float) -> Iterator[None]:
        """Judge the enclosed call: if it has not finished ``timeout`` seconds from now,
        the server is taken as silent."""
        with self._cond:
            self._guarded += 1  # tells this call from the next one
            self._deadline = time.monotonic() + timeout
            self._timeout = timeout
            self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._deadline = None
                self._guarded += 1
                self._cond.notify()

    def close(self) -> None:
        """Stop the watchdog's thread (a call still guarded is not judged any more)."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not threading.current_thread():
            self._thread.join(_JOIN_S)

    def _run(self) -> None:
        with self._cond:
            while not self._closed:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                self._deadline = None  # judged, unless the handler asks for more time
                self.fired += 1
                timeout = self._timeout
                guarded = self._guarded
                self._cond.release()
                again = False
                try:
                    again = self._on_silent(timeout)
                except Exception:
                    log.exception("the watchdog's handler failed")
                finally:
                    self._cond.acquire()
                if again and self._guarded == guarded and self._deadline is None:
                    self._deadline = time.monotonic() + timeout
