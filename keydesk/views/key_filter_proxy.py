"""Search and sort over the keys table's model, in bulk with NumPy: see
:class:`KeyFilterProxy` for why it is not a ``QSortFilterProxyModel``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)

from keydesk.services.clock import utcnow
from keydesk.services.key_columns import row_mapping, translate_rows
from keydesk.services.key_status_filter import (
    StatusCodes,
    StatusCounts,
    StatusFilter,
    count_codes,
)
from keydesk.services.keys import KeyRow
from keydesk.services.search import needle as search_needle
from keydesk.services.sort_order import Standing
from keydesk.views.key_proxy_layout import OrderedRows
from keydesk.views.key_sort_standing import TEXT_COLUMNS, StandingOrders
from keydesk.views.key_table_columns import (
    CLOCK_SORTED_COLUMNS,
    COLUMN_COUNT,
    ROW_FLAGS,
    SEARCHED_COLUMNS,
    STATUS_COLUMNS,
)
from keydesk.views.key_table_model import KeyTableModel, role_span
from keydesk.views.tasks import Task, run_task

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
#: The overload of layout(AboutToBe)Changed that carries a hint (PySide's default has none).
_NO_ROWS = np.empty(0, dtype=np.intp)
_NO_ROWS.flags.writeable = False


class KeyFilterProxy(OrderedRows):
    """Search and sort over a :class:`KeyTableModel`, computed in bulk with NumPy.

    Why not ``QSortFilterProxyModel``: it decides row by row, calling the Python
    ``filterAcceptsRow``/``lessThan`` (or the Python ``data()``) once per row per
    keystroke, about 2.6 s at 100,000 keys. Overriding its public methods does not
    switch that machinery off: it still listens to the source model and keeps its own
    private mapping, so two mappings would compete. Nor ``QAbstractProxyModel``: its
    ``parent()`` is abstract, so a Python override answered every call, and a selection
    model calls it ~100 times per selected row when the rows move (1,000 selected rows
    held a sort at a million rows 0.15 s). This class is a ``QAbstractTableModel``
    (``parent()`` stays in C++) with the proxy's methods (``setSourceModel``,
    ``mapToSource``, ``mapFromSource``), and keeps one array, :attr:`order` (proxy row →
    source row), computed with whole-array operations:

    * filter: the source's :class:`~keydesk.services.search_index.SearchIndex` (byte
      buffers searched by NumPy; a needle that extends the previous one only re-checks
      the previous matches);
    * sort: one stable permutation of all rows per (column, direction) from
      :mod:`keydesk.services.sort_order`, cached, merged with rows appended later
      (timestamps and flags) or recomputed (text), or for a text column taken from its
      standing order (:mod:`~keydesk.views.key_sort_standing`) when the table has been
      quiet; a filtered view then keeps the permutation's entries that match, or sorts
      its few matches by rank.

    Results are exactly those of :func:`keydesk.services.search.filter_rows` followed by
    Python's stable ``sorted`` on :func:`sort_key`. Changes reach views as a layout
    change with persistent indexes (selection, current row) moved to their rows' new
    positions; rows appended to the source go in as insertions where they land (at
    most :attr:`MAX_INSERT_RUNS` places, else as a layout change).
    """

    filterChanged = Signal(str)
    #: The status filter's new choice (see :meth:`set_status_filter`).
    statusFilterChanged = Signal(str)
    #: True while a sort runs in a worker thread, False once its order is shown.
    sortingChanged = Signal(bool)

    #: From this many rows on, a sort by text whose order is neither cached nor
    #: standing (:mod:`~keydesk.views.key_sort_standing`) is computed in a worker thread
    #: (NumPy releases the GIL), so the window keeps painting and answering; the rows
    #: keep their order until the new one is ready. A million rows take up to ~0.45 s by
    #: a text column.
    BACKGROUND_SORT_ROWS = 50_000
    #: The same for other columns: timestamps, flags and columns of few values take
    #: ~10 ms at 100,000 rows, ~0.1 s at a million.
    BACKGROUND_NUMBER_SORT_ROWS = 200_000
    #: From this many rows appended at once (a load's delivery) to a table of
    #: :attr:`BACKGROUND_SORT_ROWS`, they are shown at the end until a worker has sorted
    #: again, whatever the column.
    BACKGROUND_MERGE_ROWS = 10_000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: KeyTableModel | None = None
        self._order: np.ndarray = _NO_ROWS
        self._inverse: np.ndarray | None = None  # source row → proxy row, -1 if hidden
        self._needle = ""
        self._matches: np.ndarray | None = None  # ascending source rows; None: all rows
        self._status: StatusFilter = "all"
        self._statuses = StatusCodes()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._perms: dict[tuple[int, bool], np.ndarray] = {}
        self._ranks: dict[tuple[int, bool], np.ndarray] = {}
        #: Sorts waiting for a worker, and whether the cached order is only provisional
        #: (rows appended or edited since it was computed: a worker re-sorts).
        self._sort_task: Task | None = None
        self._wanted_sort: tuple[int, Qt.SortOrder] | None = None
        self._generation = 0
        self._snapshot: tuple[list[QModelIndex], list[int]] | None = None
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = []
        self.standing = StandingOrders(self)

    # --- public API ---

    @property
    def order(self) -> np.ndarray:
        """Proxy row → source row (read-only)."""
        return self._order

    def set_filter_text(self, text: str) -> None:
        """Show only rows whose haystack contains ``text`` (trimmed, case-insensitive; a
        whole key pasted is searched for by its prefix)."""
        needle = search_needle(text)
        if needle == self._needle:
            return
        self._relayout(lambda: self._apply_needle(needle), sort_only=False)
        self.filterChanged.emit(text)

    @property
    def status_filter(self) -> StatusFilter:
        return self._status

    def set_status_filter(self, status: StatusFilter) -> None:
        """Show only keys of this status (combined with the search): whole-array work
        over the status codes of :mod:`keydesk.services.key_status_filter`."""
        if status == self._status:
            return
        self._status = status
        self._reorder()
        self.statusFilterChanged.emit(status)

    def status_counts(self) -> tuple[StatusCounts, StatusCounts]:
        """How many keys each status choice shows with the search as it is, and in all."""
        if self._source is None:
            return StatusCounts(), StatusCounts()
        codes = self._statuses.of(self._source.columns)
        overall = count_codes(codes)
        return (overall if self._matches is None else count_codes(codes, self._matches)), overall

    def refresh_clock(self) -> None:
        """Time passed: keys may have become expiring soon or expired."""
        self._statuses.clear()
        if self._status != "all":
            self._reorder()

    def _reorder(self) -> None:
        """Show the rows the search and status choose now, in the sort's order."""
        self._relayout(lambda: setattr(self, "_order", self._compute_order()), sort_only=False)

    def _with_status(self, rows: np.ndarray | None) -> np.ndarray | None:
        """``rows`` (ascending source rows; None: all) that the status filter shows."""
        if self._source is None:
            return rows
        return self._statuses.rows(self._source.columns, self._status, rows)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: load order). Stable: ties keep the load order. Large
        tables are sorted in a worker thread (:attr:`sorting` until the order shows)."""
        column = column if 0 <= column < COLUMN_COUNT else -1
        unchanged = column == self._sort_column and order == self._sort_order
        if (
            self._wanted_sort is None
            and unchanged
            and column != -1
            and column not in CLOCK_SORTED_COLUMNS
        ):
            return  # (Has expired moves with time)
        if self._wanted_sort == (column, order):
            return  # being computed (QTableView asks twice per header click)
        self._cancel_background_sort()
        if self._sorts_in_background(column, order == Qt.SortOrder.DescendingOrder):
            self._start_background_sort(column, order)
            return
        self._relayout(lambda: self._apply_sort(column, order), sort_only=True)

    @property
    def sorting(self) -> bool:
        """Whether a sort is being computed in a worker thread."""
        return self._wanted_sort is not None

    def source_row(self, proxy_row: int) -> int:
        return int(self._order[proxy_row])

    def key_row(self, proxy_row: int) -> KeyRow:
        assert self._source is not None
        return self._source.row(int(self._order[proxy_row]))

    def visible_rows(self) -> list[KeyRow]:
        """The rows as shown: filtered and sorted."""
        return list(self.visible_snapshot()())

    def visible_snapshot(self) -> Callable[[], Iterator[KeyRow]]:
        """The rows as shown now, for a worker thread: the columns and the order are
        copied here (C-level copies, milliseconds at a million rows); the returned
        function builds the ``KeyRow`` objects wherever it is called."""
        if self._source is None:
            return lambda: iter(())
        columns, order = self._source.columns.detached_copy(), self._order.copy()
        return lambda: map(columns.row, order.tolist())

    # --- the source model ---

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if model is not None and not isinstance(model, KeyTableModel):
            raise TypeError("KeyFilterProxy works over a KeyTableModel only")
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        self._source = model
        self.standing.set_source(model)
        if model is not None:
            for signal, slot in (
                (model.modelAboutToBeReset, self._on_source_about_to_reset),
                (model.modelReset, self._on_source_reset),
                (model.rowsInserted, self._on_source_rows_inserted),
                (model.rowsAboutToBeRemoved, self._on_source_rows_about_to_be_removed),
                (model.rowsRemoved, self._on_source_rows_removed),
                (model.layoutAboutToBeChanged, self._on_source_layout_about_to_change),
                (model.layoutChanged, self._on_source_layout_changed),
                (model.dataChanged, self._on_source_data_changed),
            ):
                signal.connect(slot)
                self._connections.append((signal, slot))
        self._rebuild()
        self.endResetModel()

    # --- Qt's proxy interface ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._source is None else COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._order) > 0 and self._source is not None

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._order)):
            return QModelIndex()
        if self._source is None or not 0 <= column < COLUMN_COUNT:
            return QModelIndex()
        return self.createIndex(row, column)

    def sibling(
        self, row: int, column: int, index: QModelIndex | QPersistentModelIndex
    ) -> QModelIndex:
        return self.index(row, column)

    def buddy(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        return self.index(index.row(), index.column())

    def mapToSource(self, proxy_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._order):
            return QModelIndex()
        return self._source.index(int(self._order[row]), proxy_index.column())

    def mapFromSource(self, source_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._source is None or not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        if row < 0:
            return QModelIndex()
        return self.createIndex(row, source_index.column())

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if self._source is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        return self._source.cell_data(int(self._order[row]), index.column(), role)

    def multiData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,
    ) -> None:
        if self._source is None or not index.isValid():
            return
        row = index.row()
        if 0 <= row < len(self._order):
            self._source.fill_roles(int(self._order[row]), index.column(), role_span(roleDataSpan))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self._source is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if self._source is None:
            return None
        return self._source.headerData(section, orientation, role)

    # --- computing the order ---

    def _count(self) -> int:
        return self._source.rowCount() if self._source is not None else 0

    # --- sorting in a worker ---

    def _sorts_in_background(self, column: int, descending: bool) -> bool:
        if column < 0 or self._source is None or (column, descending) in self._perms:
            return False
        if column in TEXT_COLUMNS:
            return self._count() >= self.BACKGROUND_SORT_ROWS and self.standing.get(column) is None
        return self._count() >= self.BACKGROUND_NUMBER_SORT_ROWS

    def _start_background_sort(self, column: int, order: Qt.SortOrder) -> None:
        assert self._source is not None
        descending = order == Qt.SortOrder.DescendingOrder
        compute: Callable[[], tuple[Standing | None, np.ndarray]]
        if column in TEXT_COLUMNS:  # compute its standing order, so it is done once
            standing_of, keep = self.standing.job(column)

            def compute() -> tuple[Standing | None, np.ndarray]:
                standing = standing_of()
                return standing, standing.order(descending)
        else:
            permutation = self._source.permutation_job(column, descending, utcnow())

            def compute() -> tuple[Standing | None, np.ndarray]:
                return None, permutation()

        generation = self._generation
        wanted = (column, order)
        self._wanted_sort = wanted

        def done(result: tuple[Standing | None, np.ndarray]) -> None:
            standing, perm = result
            if standing is not None:
                keep(standing)
            if self._wanted_sort != wanted:
                return  # superseded by another sort
            self._sort_task = None
            if generation != self._generation:  # rows changed meanwhile: sort again
                self._start_background_sort(column, order)
                return
            self._wanted_sort = None
            perm.flags.writeable = False
            if column not in CLOCK_SORTED_COLUMNS:
                self._perms[(column, descending)] = perm
                self._ranks.pop((column, descending), None)
            self._relayout(lambda: self._apply_sort(column, order, perm), sort_only=True)
            self.sortingChanged.emit(False)

        def failed(error: Exception) -> None:  # a bug, not a user error: sort here instead
            if self._wanted_sort != wanted:
                return
            self._sort_task = self._wanted_sort = None
            self._relayout(lambda: self._apply_sort(column, order), sort_only=True)
            self.sortingChanged.emit(False)
            raise error

        self._sort_task = run_task(compute, done, failed, self)
        self.sortingChanged.emit(True)

    def _cancel_background_sort(self) -> None:
        if self._sort_task is not None:
            self._sort_task.cancel()
        self._sort_task = None
        if self._wanted_sort is not None:
            self._wanted_sort = None
            self.sortingChanged.emit(False)

    def _source_changed(self) -> None:
        """Rows were appended, removed or edited: a sort computed meanwhile is stale."""
        self._generation += 1
        self._statuses.clear()

    def _rebuild(self) -> None:
        """Recompute everything from the source (after a reset)."""
        self._statuses.clear()
        self._perms.clear()
        self._ranks.clear()
        self._matches = self._filter_all(self._needle)
        self._order = self._compute_order()
        self._inverse = None

    def _filter_all(self, needle: str) -> np.ndarray | None:
        if not needle:
            return None
        if self._source is None:
            return _NO_ROWS
        return self._source.columns.index.find(needle)

    def _apply_needle(self, needle: str) -> None:
        previous, matches = self._needle, self._matches
        if not needle:
            self._matches = None
        elif (
            previous
            and previous in needle
            and not needle.startswith(previous)  # the index refines an extension itself
            and matches is not None
            and self._source is not None
        ):
            # Typing in front or in the middle narrows too: only the previous matches
            # can still match.
            self._matches = self._source.columns.index.find(needle, among=matches)
        else:
            self._matches = self._filter_all(needle)
        self._needle = needle
        self._order = self._compute_order()

    def _apply_sort(self, column: int, order: Qt.SortOrder, perm: np.ndarray | None = None) -> None:
        self._sort_column = column
        self._sort_order = order
        # Keep the permutations of the column shown only (4–8 bytes a row each).
        for table in (self._perms, self._ranks):
            for cache_key in [k for k in table if k[0] != column]:
                del table[cache_key]
        self._order = _NO_ROWS
        self._inverse = None
        self._order = self._compute_order(perm)

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _permutation(self, column: int, descending: bool) -> np.ndarray:
        """All source rows sorted by ``column``, stable; cached per (column, order)."""
        cache_key = (column, descending)
        perm = self._perms.get(cache_key)
        if perm is None:
            assert self._source is not None
            standing = self.standing.get(column)
            if standing is not None:
                perm = standing.order(descending)
            else:
                perm = self._source.sort_permutation(column, descending, utcnow())
            perm.flags.writeable = False
            if column not in CLOCK_SORTED_COLUMNS:  # depends on the clock: never cached
                self._perms[cache_key] = perm
            self._ranks.pop(cache_key, None)
        return perm

    def _rank(self, column: int, descending: bool, perm: np.ndarray) -> np.ndarray:
        """Source row → its position in ``perm``."""
        cache_key = (column, descending)
        rank = self._ranks.get(cache_key)
        if rank is None:
            rank = np.empty(len(perm), dtype=np.intp)
            rank[perm] = np.arange(len(perm), dtype=np.intp)
            if column not in CLOCK_SORTED_COLUMNS:
                self._ranks[cache_key] = rank
        return rank

    def _compute_order(self, perm: np.ndarray | None = None) -> np.ndarray:
        matches = self._with_status(self._matches)
        column = self._sort_column
        if column < 0:
            return np.arange(self._count(), dtype=np.intp) if matches is None else matches
        descending = self._descending()
        if perm is None:
            perm = self._permutation(column, descending)
        if matches is None or len(matches) == len(perm):
            return perm
        if len(matches) <= 1:
            return matches
        if len(matches) * 16 < len(perm):
            rank = self._rank(column, descending, perm)
            return matches[np.argsort(rank[matches], kind="stable")]
        if self._matches is None and self._source is not None:  # the status filter only
            keep = self._statuses.mask(self._source.columns, self._status)
        else:
            keep = np.zeros(len(perm), dtype=bool)
            keep[matches] = True
        kept: np.ndarray = perm[keep[perm]]
        return kept

    # --- following the source ---

    def _on_source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _on_source_reset(self) -> None:
        self._source_changed()
        self.standing.forget()
        self._rebuild()
        self.endResetModel()

    def _on_source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = self._count()
        if last != count - 1:  # not an append: KeyTableModel never does this
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        assert self._source is not None
        self._generation += 1  # a sort computed meanwhile is stale; the codes are not
        self.standing.forget()
        self._statuses.appended(self._source.columns, first)
        new_rows = np.arange(first, last + 1, dtype=np.intp)
        resort = self._extend_sort_caches(first, count)
        if resort:
            self._resort_later()
        needle = self._needle
        added = new_rows if not needle else self._source.columns.index.find(needle, new_rows)
        if self._matches is not None:
            self._matches = np.concatenate((self._matches, added))
        shown = self._with_status(added)
        added = added if shown is None else shown
        if not len(added):
            return
        if self._sort_column < 0:
            start = len(self._order)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._order = np.concatenate((self._order, added))
            self._inverse = None
            self.endInsertRows()
            return
        old, new = self._order, self._compute_order()
        # Rows loaded in the sort's direction (or its reverse) form one block at an end,
        # and a key created or arriving live lands at one place: announce insertions,
        # which views and selections absorb far more cheaply than a new layout (that
        # moves every persistent index: 0.2 s with 1,000 rows selected at 100,000).
        if not self._insert_runs(old, new, first):
            self._relayout(lambda: setattr(self, "_order", new), sort_only=False)

    #: More runs of inserted rows than this are shown as a new layout instead.
    MAX_INSERT_RUNS = 32

    def _insert_runs(self, old: np.ndarray, new: np.ndarray, first_new: int) -> bool:
        """Announce the rows appended to the source (source rows from ``first_new``) as
        insertions at their places in ``new``, one run of adjacent rows at a time, if
        the other rows keep their order and the runs are few. Returns whether it did."""
        added = new >= first_new
        if not np.array_equal(new[~added], old):
            return False
        positions = np.flatnonzero(added)
        runs = np.split(positions, np.flatnonzero(np.diff(positions) != 1) + 1)
        if len(runs) > self.MAX_INSERT_RUNS:
            return False
        for run in runs:  # ascending, so each run's positions are final when it goes in
            shown = ~added
            shown[: int(run[-1]) + 1] = True
            self.beginInsertRows(QModelIndex(), int(run[0]), int(run[-1]))
            self._order = new[shown]
            self._inverse = None
            self.endInsertRows()
        return True

    def _extend_sort_caches(self, start: int, stop: int) -> bool:
        """Bring cached permutations up to date with rows ``start:stop`` appended: merged
        in where the source can (timestamps, flags), dropped otherwise, except the one
        shown in a large table, which gets the new rows at its end until a worker has
        sorted again. Returns whether that re-sort is needed."""
        self._ranks.clear()
        assert self._source is not None
        shown = (self._sort_column, self._descending())
        resort = False
        # A load's delivery of many rows into a large table is sorted in a worker, as
        # text is: merging it here held the window 20-40 ms a delivery at a million rows.
        in_worker = stop - start >= self.BACKGROUND_MERGE_ROWS
        for cache_key, perm in list(self._perms.items()):
            merged = (
                None if in_worker else self._source.merge_permutation(perm, *cache_key, start, stop)
            )
            if merged is None and cache_key == shown and stop >= self.BACKGROUND_SORT_ROWS:
                merged = np.concatenate((perm, np.arange(start, stop, dtype=np.intp)))
                resort = True
            if merged is None:
                del self._perms[cache_key]
            else:
                merged.flags.writeable = False
                self._perms[cache_key] = merged
        return resort

    def _resort_later(self) -> None:
        """Keep the order shown and sort again in a worker (see :meth:`sort`)."""
        column, order = self._sort_column, self._sort_order
        self._cancel_background_sort()
        self._start_background_sort(column, order)

    def _on_source_rows_about_to_be_removed(
        self, parent: QModelIndex, _first: int, _last: int
    ) -> None:
        if not parent.isValid():  # KeyTableModel removes by layout change; be safe anyway
            self.beginResetModel()

    def _on_source_rows_removed(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            self._rebuild()
            self.endResetModel()

    def _on_source_layout_about_to_change(self) -> None:
        self._begin_layout(sort_only=False)

    def _on_source_layout_changed(self) -> None:
        assert self._source is not None
        removed = self._source.removed_rows
        if removed is None:  # an unknown rearrangement: start again, lose persistence
            persistent, _ = self._snapshot or ([], [])
            self._snapshot = (persistent, [-1] * len(persistent))
            self.standing.forget()
            self._rebuild()
            self._end_layout(sort_only=False)
            return
        self._source_changed()
        old_count = self._count() + len(removed)
        mapping = row_mapping(old_count, removed)
        self.standing.removed(mapping)
        if self._matches is not None:
            self._matches = translate_rows(self._matches, mapping)
        for cache_key, perm in list(self._perms.items()):
            translated = translate_rows(perm, mapping)
            translated.flags.writeable = False
            self._perms[cache_key] = translated
        self._ranks.clear()
        self._order = self._compute_order()
        self._end_layout(sort_only=False, translate=mapping)

    def _on_source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if not top_left.isValid() or not bottom_right.isValid() or not len(self._order):
            return
        columns = range(top_left.column(), bottom_right.column() + 1)
        if roles and _DISPLAY not in roles:  # colours only: nothing to recompute
            self._emit_all_changed(columns, roles)
            return
        self._source_changed()
        self.standing.forget(TEXT_COLUMNS.intersection(columns))
        resort = self._sort_column in columns
        later = resort and self._count() >= self.BACKGROUND_SORT_ROWS
        for column in columns:
            for descending in (False, True):
                if later and (column, descending) == (self._sort_column, self._descending()):
                    continue  # shown as it is until a worker has sorted again
                self._perms.pop((column, descending), None)
                self._ranks.pop((column, descending), None)
        if later:
            self._resort_later()
            resort = False
        searched = SEARCHED_COLUMNS.intersection(columns)
        refilter = bool(self._needle and searched) or (
            self._status != "all" and bool(STATUS_COLUMNS.intersection(columns))
        )
        if refilter or resort:
            needle = self._needle

            def recompute() -> None:
                self._matches = self._filter_all(needle)
                self._order = self._compute_order()

            self._relayout(recompute, sort_only=not refilter)
        self._emit_all_changed(columns, roles)

    def _emit_all_changed(self, columns: range, roles: Sequence[int]) -> None:
        if len(self._order):
            self.dataChanged.emit(
                self.index(0, columns.start),
                self.index(len(self._order) - 1, columns.stop - 1),
                list(roles),
            )
