"""Regression guard for a platform fact (PRODUCT.md, "Platform facts").

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call that
returns ``None`` (setters, ``processEvents``, and Python ``data()`` overrides returning
``None`` when a view or proxy calls them); after a few thousand calls the process aborts
with "none_dealloc: deallocating None". pyproject.toml therefore pins PySide6 below 6.12.
When these tests pass on a newer PySide6, the bound can be lifted.

CPython 3.12+ makes ``None`` immortal, which hides the leak: there the tests only check
that nothing crashes.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

CALLS = 5_000
#: The count may wobble a little (caches, interned objects); a leak loses ~one per call.
SLACK = 50


def none_refs() -> int:
    return sys.getrefcount(None)


def test_setter_returning_none_keeps_none_alive(qapp: QApplication) -> None:
    field = QLineEdit()
    field.setText("warm-up")
    before = none_refs()
    for number in range(CALLS):
        field.setText("x" if number % 2 else "y")
    assert abs(none_refs() - before) < SLACK


def test_process_events_keeps_none_alive(qapp: QApplication) -> None:
    QApplication.processEvents()
    before = none_refs()
    for _ in range(CALLS):
        QApplication.processEvents()
    assert abs(none_refs() - before) < SLACK


class _NoneModel(QAbstractTableModel):
    """A model whose data() returns None for every role but DisplayRole."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 50

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        self.calls += 1
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}:{index.column()}"
        return None


@pytest.mark.parametrize("through_proxy", [False, True], ids=["view", "proxy"])
def test_data_override_returning_none_keeps_none_alive(
    qtbot, qapp: QApplication, through_proxy: bool
) -> None:
    model = _NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy if through_proxy else model)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    QApplication.processEvents()
    model.calls = 0
    before = none_refs()
    for _ in range(1_000):  # each paint asks data() for many roles, mostly None
        view.viewport().update()
        QApplication.processEvents()
        if model.calls >= CALLS:
            break
    if through_proxy:
        proxy.sort(0, Qt.SortOrder.DescendingOrder)  # the proxy calls data() itself too
    assert model.calls >= CALLS
    assert abs(none_refs() - before) < SLACK
