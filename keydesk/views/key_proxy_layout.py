"""How the keys table's filter proxy tells views that its rows moved: :class:`OrderedRows`,
the base of :class:`~keydesk.views.key_filter_proxy.KeyFilterProxy`."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
)

#: The overload of layout(AboutToBe)Changed that carries a hint (PySide's default has none).
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


class OrderedRows(QAbstractTableModel):
    """A table model whose rows are source rows in an order (:attr:`_order`, proxy row →
    source row), with the inverse built when needed, and a layout change that moves
    persistent indexes (selection, current row) to their rows' new positions: what the
    filter proxy does after each search, sort or change of the source's rows. It is a
    ``QAbstractTableModel`` so that ``parent()`` stays in C++ (see the proxy)."""

    _order: np.ndarray
    _inverse: np.ndarray | None
    _snapshot: tuple[list[QModelIndex], list[int]] | None

    def _count(self) -> int:
        """How many source rows there are."""
        raise NotImplementedError

    def _inverse_order(self) -> np.ndarray:
        if self._inverse is None:
            inverse = np.full(self._count(), -1, dtype=np.intp)
            inverse[self._order] = np.arange(len(self._order), dtype=np.intp)
            self._inverse = inverse
        return self._inverse

    def _proxy_row(self, source_row: int) -> int:
        if not 0 <= source_row < self._count():
            return -1
        if len(self._order) <= 8:
            hits = np.flatnonzero(self._order == source_row)
            return int(hits[0]) if len(hits) else -1
        return int(self._inverse_order()[source_row])

    def _new_positions(self, source_rows: list[int]) -> dict[int, int]:
        """Source row → proxy row in the current order, for a few or many rows."""
        wanted = {row for row in source_rows if row >= 0}
        if len(wanted) <= 8:
            positions = {}
            for row in wanted:
                hits = np.flatnonzero(self._order == row)
                positions[row] = int(hits[0]) if len(hits) else -1
            return positions
        inverse = self._inverse_order()
        return {row: int(inverse[row]) if row < len(inverse) else -1 for row in wanted}

    def _begin_layout(self, sort_only: bool) -> None:
        hint = (
            QAbstractItemModel.LayoutChangeHint.VerticalSortHint
            if sort_only
            else QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
        )
        # The stub declares no Signal.__getitem__; PySide picks the overload by signature.
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]
        persistent = self.persistentIndexList()
        order = self._order
        sources = [
            int(order[index.row()]) if 0 <= index.row() < len(order) else -1 for index in persistent
        ]
        self._snapshot = (persistent, sources)

    def _end_layout(self, sort_only: bool, translate: np.ndarray | None = None) -> None:
        """Move persistent indexes to their rows' new positions and signal the change.
        ``translate`` maps the snapshot's source rows to new source rows (after a
        removal in the source)."""
        self._inverse = None
        persistent, sources = self._snapshot or ([], [])
        self._snapshot = None
        if persistent:
            if translate is not None:
                sources = [int(translate[row]) if row >= 0 else -1 for row in sources]
            positions = self._new_positions(sources)
            moved = [
                self.createIndex(positions[row], index.column())
                if row >= 0 and positions.get(row, -1) >= 0
                else QModelIndex()
                for index, row in zip(persistent, sources, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        hint = (
            QAbstractItemModel.LayoutChangeHint.VerticalSortHint
            if sort_only
            else QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
        )
        # The stub declares no Signal.__getitem__; PySide picks the overload by signature.
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]

    def _relayout(self, change: Callable[[], None], *, sort_only: bool) -> None:
        self._begin_layout(sort_only)
        try:
            change()
        finally:
            self._end_layout(sort_only)
