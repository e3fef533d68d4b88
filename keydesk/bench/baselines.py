"""The two designs keydesk is measured against, built as their authors would.

* :class:`StockKeyModel` under a stock ``QSortFilterProxyModel``: a plain Python
  ``QAbstractTableModel`` over the rows, filtered with ``setFilterFixedString`` over
  every column. Qt calls ``data()`` in Python once per row per keystroke.
* Qt's own ``QSqlTableModel`` on the same SQLite file, filtered with ``setFilter``
  (a ``LIKE`` per searched column, the user through a sub-select), fetching lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtSql import QSqlDatabase, QSqlTableModel

from keydesk.services.keys import ROLES, KeyRow
from keydesk.views.formatting import format_time

HEADERS = (
    "Prefix", "Unique name", "Name", "User", "Role", "Created", "Expires", "Has expired",
    "Revoked", "Last used",
)  # fmt: skip


class StockKeyModel(QAbstractTableModel):
    """The textbook table model: rows in a list, ``data()`` formats on demand."""

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self._rows = list(rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return row.prefix
        if column == 1:
            return row.unique_name
        if column == 2:
            return row.name
        if column == 3:
            return row.user
        if column == 4:
            return ROLES.get(row.role, row.role)
        if column == 5:
            return format_time(row.created)
        if column == 6:
            return format_time(row.expires, "Never")
        if column == 7:
            return "No"
        if column == 8:
            return "Revoked" if row.revoked else "No"
        return format_time(row.last_used, "Never")


def stock_proxy(rows: Sequence[KeyRow]) -> tuple[StockKeyModel, QSortFilterProxyModel]:
    model = StockKeyModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return model, proxy


class SqlTableBaseline:
    """``QSqlTableModel`` over ``api_key`` in an SQLite file, searched with ``setFilter``."""

    def __init__(self, path: str) -> None:
        self.db = QSqlDatabase.addDatabase("QSQLITE", "keydesk-bench-baseline")
        self.db.setDatabaseName(path)
        if not self.db.open():
            raise RuntimeError(f"QSQLITE could not open {path}: {self.db.lastError().text()}")
        self.model = QSqlTableModel(None, self.db)
        self.model.setTable("api_key")
        self.model.setEditStrategy(QSqlTableModel.EditStrategy.OnManualSubmit)
        self.model.select()

    def set_search(self, text: str) -> None:
        needle = text.replace("'", "''").replace("%", "").replace("_", "\\_")
        like = f"LIKE '%{needle}%' ESCAPE '\\'"
        # keydesk searches the role's label ("Admin API Key"), not its code
        labels = " ".join(f"WHEN '{code}' THEN '{label}'" for code, label in ROLES.items())
        self.model.setFilter(
            f"prefix {like} OR unique_name {like} OR name {like} OR "
            f"(CASE role {labels} ELSE role END) {like} OR "
            f"user_id IN (SELECT id FROM user WHERE email {like})"
        )
        self.model.select()

    #: The api_key columns that match keydesk's table columns (the user is an id here).
    COLUMNS = (
        "prefix", "unique_name", "name", "user_id", "role", "created", "expires", "revoked",
        "last_used",
    )  # fmt: skip

    def sort_by(self, column: str) -> None:
        self.model.setSort(self.model.fieldIndex(column), Qt.SortOrder.AscendingOrder)
        self.model.select()

    def total_rows(self) -> int:
        from PySide6.QtSql import QSqlQuery

        query = QSqlQuery("SELECT count(*) FROM api_key", self.db)
        return int(query.value(0)) if query.next() else 0

    def close(self) -> None:
        self.model.clear()
        self.db.close()
