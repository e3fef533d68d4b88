"""bcrypt checks on a few dedicated threads, so that they cannot starve anything else.

A bcrypt check at cost 12 holds a core for ~250 ms (bcrypt releases the GIL meanwhile).
If every caller ran its own, a flood of well-formed unknown keys from many threads would
occupy every core, and answers from memory (a few microseconds of Python each) would
wait for a core too. The pool runs at most ``workers`` checks at once (by default one
core fewer than the machine has, at least one); the other callers queue, so a flood
slows cold checks only. :attr:`BcryptPool.queued` is the queue's length for metrics.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def default_workers() -> int:
    return max(1, (os.cpu_count() or 2) - 1)


class PoolClosed(RuntimeError):
    """The pool was shut down (its verifier closed) while a check waited."""


class BcryptPool:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="keydesk-bcrypt")
        self._lock = threading.Lock()
        self._waiting = 0

    @property
    def queued(self) -> int:
        """Checks submitted and not finished (running ones included)."""
        return self._waiting

    def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on a pool thread and wait for its result (or exception)."""
        with self._lock:
            self._waiting += 1
        try:
            try:
                future = self._executor.submit(work)
            except RuntimeError:  # cannot schedule new futures after shutdown
                raise PoolClosed("the bcrypt pool is closed") from None
            try:
                return future.result()
            except CancelledError:  # the pool shut down before this check ran
                raise PoolClosed("the bcrypt pool is closed") from None
        finally:
            with self._lock:
                self._waiting -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
