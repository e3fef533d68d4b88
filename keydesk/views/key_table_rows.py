"""Finding, selecting and keeping in view rows of the keys table by key, through its
filter proxy: helpers of :class:`~keydesk.views.keys_page.KeysPage`, kept apart from
the page's widgets and actions."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QItemSelectionRange
from PySide6.QtWidgets import QAbstractItemView, QTableView

from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_table_model import KeyTableModel


def selection_ranges(table: QTableView) -> list[QItemSelectionRange]:
    selection = table.selectionModel().selection()
    return [selection.at(i) for i in range(selection.size())]


def selected_sources(table: QTableView, proxy: KeyFilterProxy) -> list[int]:
    """The source row of every selected row, in the order shown. Reads the selection
    as ranges, so selecting a million rows costs list slices, not a million index
    objects, and builds no ``KeyRow`` (100,000 of them took 0.9 s): read what is
    needed from :attr:`KeyTableModel.columns`."""
    order = proxy.order
    proxy_rows: list[int] = []
    for selection_range in selection_ranges(table):
        proxy_rows.extend(range(selection_range.top(), selection_range.bottom() + 1))
    proxy_rows = sorted(set(proxy_rows))
    return list(order[[p for p in proxy_rows if p < len(order)]].tolist())


def select_prefix(
    table: QTableView, model: KeyTableModel, proxy: KeyFilterProxy, prefix: str
) -> bool:
    """Make the row of ``prefix`` current and selected, scrolled into view."""
    found = model.find_rows([prefix])
    if prefix not in found:
        return False
    index = proxy.mapFromSource(model.index(found[prefix], 0))
    if not index.isValid():
        return False
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    return True


def top_prefix(table: QTableView, proxy: KeyFilterProxy) -> str | None:
    """The key in the top visible row when the table is scrolled (None at the top)."""
    if table.verticalScrollBar().value() == 0:
        return None
    row = table.rowAt(0)
    return proxy.key_row(row).prefix if row >= 0 else None


def restore_top(
    table: QTableView, model: KeyTableModel, proxy: KeyFilterProxy, prefix: str
) -> None:
    """Scroll so that ``prefix``'s row is the top visible one again (if it is shown)."""
    row = table.rowAt(0)
    if row >= 0 and proxy.key_row(row).prefix == prefix:
        return
    found = model.find_rows([prefix])
    if prefix not in found:
        return
    index = proxy.mapFromSource(model.index(found[prefix], 0))
    if index.isValid():
        table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
