"""A read-only table model over a short list of records (users, audit events).

These lists are small next to the keys table (hundreds to a few thousand rows), so a
stock ``QSortFilterProxyModel`` over this model is fast enough. ``RECORD_ROLE`` returns
the row's record, so code behind a proxy finds its object.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")

RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: Sort by this role: numbers sort as numbers, times as times.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its title, its text, and optionally a sort key, colour and tooltip."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], object] | None = None
    color: Callable[[T], QColor | None] | None = None
    tooltip: Callable[[T], str | None] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: list[T] = []

    @property
    def records(self) -> Sequence[T]:
        return self._records

    def record(self, row: int) -> T:
        return self._records[row]

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def refresh_colors(self) -> None:
        if self._records:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._records) - 1, len(self._columns) - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == _DISPLAY:
            return self._columns[section].title
        if role == _ALIGNMENT and self._columns[section].align_right:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == _DISPLAY:
            return column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return column.sort(record) if column.sort is not None else column.text(record).lower()
        if role == _FOREGROUND and column.color is not None:
            return column.color(record)
        if role == _TOOLTIP and column.tooltip is not None:
            return column.tooltip(record)
        if role == _ALIGNMENT and column.align_right:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
