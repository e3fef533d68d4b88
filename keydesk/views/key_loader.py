"""Reading every key off the GUI thread for the keys table: :class:`KeyLoader`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from keydesk.services.key_columns import KeyColumns
from keydesk.services.key_reads import first_key_values, iter_key_value_batches
from keydesk.services.threads import pause_for_gui
from keydesk.views.reading import run_read
from keydesk.views.tasks import Task


@dataclass(frozen=True)
class FirstPage:
    """The rows a window paints first, read before the rest: the first ``rows`` keys by
    ``sort_field`` (the table's sort column's field, when an index serves it; see
    :func:`~keydesk.services.key_reads.first_key_values`), newest first if
    ``descending``."""

    sort_field: str | None = None
    descending: bool = False
    rows: int = 256


class KeyLoader(QObject):
    """Loads every key in a worker thread, building the columns and their search index
    there too, and delivers them in chunks on the GUI thread: the :class:`FirstPage`
    (if given) at once, then the rest in the order they are stored
    (:func:`~keydesk.services.key_reads.iter_key_value_batches`, converted a column at
    a time), the first batch at once, then whatever arrived after ``interval``
    seconds, the wait doubling up to :attr:`MAX_INTERVAL` (each delivery re-sorts and
    repaints), so a million rows cost the GUI a handful of appends, not hundreds.
    Rows of the first page are not delivered again.

    Batches are small (5,000 rows) because each is held twice while it is converted
    (the driver's tuples and the columns): 20,000 at a time raised the peak of a
    100,000-key load by 18 MB.

    ``chunk(columns)`` (a :class:`KeyColumns`) for each delivery, then ``finished(total)`` or
    ``failed(error)``. :meth:`cancel` stops the worker at the next batch.
    """

    chunk = Signal(object)
    finished = Signal(int)
    failed = Signal(object)

    MAX_INTERVAL = 2.0
    #: The longest the worker waits for the GUI thread to take a delivery in.
    MAX_WAIT = 1.0

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        batch_size: int = 5_000,
        interval: float = 0.25,
        first_page: FirstPage | None = None,
    ) -> None:
        super().__init__(parent)
        self._batch_size = batch_size
        self._interval = interval
        self._first_page = first_page
        self._cancelled = threading.Event()
        #: Set by the GUI thread once it has taken a delivery in (see :meth:`start`).
        self._taken = threading.Event()
        self._task: Task | None = None

    def start(self) -> None:
        cancelled = self._cancelled
        batch_size, interval = self._batch_size, self._interval
        max_interval = max(interval, self.MAX_INTERVAL)
        first_page = self._first_page
        taken = self._taken

        def deliver(report: Callable[[KeyColumns], None], columns: KeyColumns) -> None:
            # Wait while the GUI thread takes the rows in (a merge into the sort and
            # the search index, tens of ms at a million rows): converting rows here
            # meanwhile took the GIL from each of its steps, and a delivery that takes
            # 30 ms alone held the window 150-270 ms.
            taken.clear()
            report(columns)
            taken.wait(self.MAX_WAIT)

        def work(report: Callable[[KeyColumns], None]) -> int:
            total = 0
            shared: dict[str, str] = {}
            names: dict[str, str] = {}
            shown: set[str] = set()
            if first_page is not None:
                page = KeyColumns()
                rows = first_key_values(
                    first_page.rows, first_page.sort_field, first_page.descending
                )
                page.add_values(rows, shared, names)
                if len(page):
                    deliver(report, page)
                    total += len(page)
                shown = set(page.prefix)
            pending = KeyColumns()
            last_sent: float | None = None
            wait = interval
            for batch in iter_key_value_batches(batch_size):
                if cancelled.is_set():
                    return total
                if shown:
                    batch = _without(batch, shown)
                pending.add_values(batch, shared, names)
                del batch
                pause_for_gui()  # the first rows are on screen, being painted
                now = time.monotonic()
                if last_sent is None or now - last_sent >= wait:
                    if len(pending):
                        deliver(report, pending)
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
        self._taken.set()
        if self._task is not None and self._task.running:
            self._task.cancel()

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.running

    def _deliver(self, columns: KeyColumns) -> None:
        try:
            if not self._cancelled.is_set():
                self.chunk.emit(columns)
        finally:
            # After the repaint the new rows asked for (posted before this).
            self._taken.set()

    def _done(self, total: int) -> None:
        if not self._cancelled.is_set():
            self.finished.emit(total)

    def _failed(self, error: Exception) -> None:
        if not self._cancelled.is_set():
            self.failed.emit(error)


def _without(rows: Sequence[tuple[Any, ...]], shown: set[str]) -> list[tuple[Any, ...]]:
    """``rows`` but those whose prefix (the first value) is in ``shown``, which loses
    each prefix found (so once the first page has been met, nothing is checked)."""
    kept = [row for row in rows if row[0] not in shown]
    if len(kept) != len(rows):
        shown.difference_update(row[0] for row in rows if row[0] in shown)
    return kept
