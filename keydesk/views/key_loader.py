"""Reading every key off the GUI thread for the keys table: :class:`KeyLoader`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from keydesk.services.key_columns import KeyColumns
from keydesk.services.keys import iter_key_row_batches
from keydesk.services.threads import pause_for_gui
from keydesk.views.reading import run_read
from keydesk.views.tasks import Task


class KeyLoader(QObject):
    """Loads every key in a worker thread (``iter_key_row_batches``), building the
    columns and their search index there too, and delivers them in chunks on the GUI
    thread: the first batch at once, then whatever arrived after ``interval`` seconds,
    the wait doubling up to :attr:`MAX_INTERVAL` (each delivery re-sorts and repaints),
    so a million rows cost the GUI a handful of appends, not hundreds.

    ``chunk(columns)`` (a :class:`KeyColumns`) for each delivery, then ``finished(total)`` or
    ``failed(error)``. :meth:`cancel` stops the worker at the next batch.
    """

    chunk = Signal(object)
    finished = Signal(int)
    failed = Signal(object)

    MAX_INTERVAL = 1.0

    def __init__(
        self, parent: QObject | None = None, *, batch_size: int = 5_000, interval: float = 0.25
    ) -> None:
        super().__init__(parent)
        self._batch_size = batch_size
        self._interval = interval
        self._cancelled = threading.Event()
        self._task: Task | None = None

    def start(self) -> None:
        cancelled = self._cancelled
        batch_size, interval = self._batch_size, self._interval
        max_interval = max(interval, self.MAX_INTERVAL)

        def work(report: Callable[[KeyColumns], None]) -> int:
            total = 0
            pending = KeyColumns()
            last_sent: float | None = None
            wait = interval
            shared: dict[str, str] = {}
            names: dict[str, str] = {}
            for batch in iter_key_row_batches(batch_size):
                if cancelled.is_set():
                    return total
                pending.add_rows(batch, shared, names)
                del batch
                pause_for_gui()  # the first rows are on screen, being painted
                now = time.monotonic()
                if last_sent is None or now - last_sent >= wait:
                    report(pending)
                    total += len(pending)
                    pending = KeyColumns()
                    wait = interval if last_sent is None else min(wait * 2, max_interval)
                    last_sent = now
            if len(pending) and not cancelled.is_set():
                report(pending)
                total += len(pending)
            return total

        self._task = run_read(work, self._done, self._failed, self, on_progress=self._deliver)

    def cancel(self) -> None:
        self._cancelled.set()
        if self._task is not None and self._task.running:
            self._task.cancel()

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.running

    def _deliver(self, columns: KeyColumns) -> None:
        if not self._cancelled.is_set():
            self.chunk.emit(columns)

    def _done(self, total: int) -> None:
        if not self._cancelled.is_set():
            self.finished.emit(total)

    def _failed(self, error: Exception) -> None:
        if not self._cancelled.is_set():
            self.failed.emit(error)
