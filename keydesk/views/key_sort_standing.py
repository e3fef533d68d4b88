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

import threading
import time
import weakref
from collections.abc import Callable, Iterable

import numpy as np
import shiboken6
from PySide6.QtCore import QObject, QTimer

from keydesk.services import threads
from keydesk.services.sort_order import Standing
from keydesk.views.key_table_columns import KEY_TABLE_COLUMNS
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.memory import release_free_memory
from keydesk.views.tasks import Task, run_task

#: The columns kept: those sorted by their text (the others sort in ~0.1 s anyway).
TEXT_COLUMNS = frozenset(
    i for i, column in enumerate(KEY_TABLE_COLUMNS) if column.sort.how == "text"
)


class StandingOrders:
    """Keeps a :class:`Standing` order per text column of ``source`` while it is quiet.

    Held while a load runs (:meth:`hold`); after :meth:`resume` and after each change,
    the orders missing are computed one column at a time in a worker, :attr:`QUIET_MS`
    after the last change. Tables under :attr:`MIN_ROWS` rows sort quickly anyway and
    keep none.

    Not a QObject, and it owns no QTimer: the proxy and its model refer to each other,
    so Python's cycle collector frees them, on whatever thread it runs (a worker's,
    too), and a timer must not die there. Its workers' tasks are children of ``owner``.
    """

    #: Wait this long after the last change before computing (deliveries, live edits).
    QUIET_MS = 1500
    MIN_ROWS = 20_000

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._source: KeyTableModel | None = None
        self._orders: dict[int, Standing] = {}
        self._held = False
        self._generation = 0
        self._task: Task | None = None
        #: Results by (column, generation), shared by the workers under the lock: a
        #: user's sort and the work ahead never compute one order twice, nor two at once
        #: (each takes ~78 MB of work arrays at a million rows).
        self._computed: dict[tuple[int, int], Standing] = {}
        self._lock = threading.Lock()
        #: When to compute next (time.monotonic()), and whether a timer is out for it.
        self._due: float | None = None
        self._timer_out = False

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
        self._compute_in(delay_ms)

    def _compute_in(self, delay_ms: int) -> None:
        """Compute what is missing ``delay_ms`` from now (a later call pushes it back)."""
        self._due = time.monotonic() + delay_ms / 1000
        if self._timer_out:
            return
        self._timer_out = True
        me = weakref.ref(self)
        QTimer.singleShot(delay_ms, lambda: _on_due(me))

    def _on_due(self) -> None:
        self._timer_out = False
        if self._due is None or not shiboken6.isValid(self._owner):
            return
        left_ms = round((self._due - time.monotonic()) * 1000)
        if left_ms > 0:
            self._compute_in(left_ms)
            return
        if threads.user_is_active():  # start once the user pauses, not in mid-typing
            self._compute_in(self.QUIET_MS)
            return
        self._due = None
        self._compute_next()

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
        self._stale()

    def removed(self, mapping: np.ndarray) -> None:
        """Rows were removed (``mapping``: old row → new row or -1): renumber."""
        self._orders = {column: kept.without(mapping) for column, kept in self._orders.items()}
        self._stale()  # what workers compute meanwhile has the old row numbers

    def _stale(self) -> None:
        """The rows changed: what is being computed, or was for a sort since superseded,
        is of no use any more."""
        self._generation += 1
        self._computed.clear()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if not self._held:
            self._compute_in(self.QUIET_MS)

    def job(self, column: int) -> tuple[Callable[[], Standing], Callable[[Standing], None]]:
        """For a user's sort by ``column`` before its order stands: a function computing
        it, for a worker, and one keeping its result (on the GUI thread, unless the rows
        changed meanwhile), so that it is computed once."""
        generation = self._generation

        def keep(standing: Standing) -> None:
            if generation == self._generation:
                self._orders[column] = standing

        return self._computing(column), keep

    def _computing(self, column: int) -> Callable[[], Standing]:
        """The worker's function computing ``column``'s order (or taking it from the
        work ahead, if that computed it meanwhile)."""
        assert self._source is not None
        compute = self._source.standing_job(column)
        key = (column, self._generation)
        computed, lock = self._computed, self._lock

        def run() -> Standing:
            with lock:
                found = computed.get(key)
                if found is None:
                    release_free_memory()  # what the search left, before the work arrays
                    found = computed[key] = compute()
                return found

        return run

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
        compute = self._computing(column)
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

        self._task = run_task(job, done, failed, self._owner)


def _on_due(standing: weakref.ref[StandingOrders]) -> None:
    alive = standing()
    if alive is not None:
        alive._on_due()
