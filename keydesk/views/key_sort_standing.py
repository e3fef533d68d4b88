"""Standing orders of the keys table's text columns: :class:`StandingOrders`.

Sorting a million keys by prefix, unique name or name takes 0.35-0.45 s of a worker
(timestamps and flags ~0.1 s, a column of few values less). Once the table is quiet (the
load done, no change for a moment) a worker computes each text column's ascending order
once and keeps it (:class:`~keydesk.services.sort_order.Standing`, 4-5 bytes a row: 13 MB
at a million keys); a click on such a column then takes the order from it in ~10 ms, on
the GUI thread, in either direction. A change drops what it makes stale: appended rows
every text column's, an edit its columns', a reset all; removed rows only renumber them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QObject, QTimer

from keydesk.services import threads
from keydesk.services.sort_order import Standing
from keydesk.views.key_table_columns import KEY_TABLE_COLUMNS
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.tasks import Task, run_task

#: The columns kept: those sorted by their text (the others sort in ~0.1 s anyway).
TEXT_COLUMNS = frozenset(
    i for i, column in enumerate(KEY_TABLE_COLUMNS) if column.sort.how == "text"
)


class StandingOrders(QObject):
    """Keeps a :class:`Standing` order per text column of ``source`` while it is quiet.

    Held while a load runs (:meth:`hold`); after :meth:`resume` and after each change,
    the orders missing are computed one column at a time in a worker, :attr:`QUIET_MS`
    after the last change. Tables under :attr:`MIN_ROWS` rows sort quickly anyway and
    keep none."""

    #: Wait this long after the last change before computing (deliveries, live edits).
    QUIET_MS = 1500
    MIN_ROWS = 20_000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: KeyTableModel | None = None
        self._orders: dict[int, Standing] = {}
        self._held = False
        self._generation = 0
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.QUIET_MS)
        self._timer.timeout.connect(self._compute_next)

    def set_source(self, source: KeyTableModel | None) -> None:
        self._source = source
        self.forget()

    def get(self, column: int) -> Standing | None:
        return self._orders.get(column)

    def columns(self) -> list[int]:
        """The columns whose order is kept now."""
        return sorted(self._orders)

    def hold(self) -> None:
        """A load starts: compute nothing until :meth:`resume`."""
        self._held = True
        self.forget()

    def resume(self, delay_ms: int = 500) -> None:
        self._held = False
        self._timer.start(delay_ms)

    def forget(self, columns: Iterable[int] | None = None) -> None:
        """Drop the orders of ``columns`` (all by default): their rows changed."""
        if columns is None:
            self._orders.clear()
        else:
            columns = set(columns)
            if not columns:
                return  # an edit of other columns: what is kept or under way stays right
            for column in columns:
                self._orders.pop(column, None)
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if not self._held:
            self._timer.start(self.QUIET_MS)

    def job(self, column: int) -> tuple[Callable[[], Standing], Callable[[Standing], None]]:
        """For a user's sort by ``column`` before its order stands: a function computing
        it, for a worker, and one keeping its result (on the GUI thread, unless the rows
        changed meanwhile), so that it is computed once."""
        assert self._source is not None
        compute = self._source.standing_job(column)
        generation = self._generation

        def keep(standing: Standing) -> None:
            if generation == self._generation:
                self._orders[column] = standing

        return compute, keep

    def removed(self, mapping: np.ndarray) -> None:
        """Rows were removed (``mapping``: old row → new row or -1): renumber."""
        self._orders = {column: kept.without(mapping) for column, kept in self._orders.items()}

    def _compute_next(self) -> None:
        source = self._source
        if self._held or self._task is not None or source is None:
            return
        if source.rowCount() < self.MIN_ROWS:
            return
        missing = sorted(TEXT_COLUMNS.difference(self._orders))
        if not missing:
            return
        column = missing[0]
        compute = source.standing_job(column)
        generation = self._generation

        def job() -> Standing:
            with threads.as_upkeep():  # nobody waits for it: the user's typing goes first
                return compute()

        def done(standing: Standing) -> None:
            self._task = None
            if generation == self._generation:
                self._orders[column] = standing
                self._compute_next()

        def failed(error: Exception) -> None:  # a bug: sorts still work without
            self._task = None
            raise error

        self._task = run_task(job, done, failed, self)
