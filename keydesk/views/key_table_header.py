"""The keys table's header: default widths, the columns menu, and the layout (widths,
order, hidden columns, sort column) remembered from the last run."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from keydesk.views import settings
from keydesk.views.key_table_columns import COL_PREFIX, COLUMN_COUNT, HEADERS, KEY_TABLE_COLUMNS

#: Bump when the columns change, so an old saved header layout is ignored.
HEADER_VERSION = 1


def default_widths(table: QTableView) -> None:
    """Each column as wide as its sample text, or its title and sort arrow if wider."""
    header = table.horizontalHeader()
    text = table.fontMetrics()
    mono = QFontMetrics(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    for number, column in enumerate(KEY_TABLE_COLUMNS):
        metrics = mono if column.monospace else text
        content = metrics.horizontalAdvance(column.sample) + 14
        title = header.fontMetrics().horizontalAdvance(column.header) + 24  # + arrow
        header.resizeSection(number, max(content, title))


def restore(table: QTableView) -> None:
    """Column widths, order, hidden columns and sort column from the last run."""
    if settings.app_settings().value(settings.KEY_TABLE_HEADER_VERSION) not in (
        HEADER_VERSION,
        str(HEADER_VERSION),
    ):
        return
    state = settings.read_bytes(settings.KEY_TABLE_HEADER)
    header = table.horizontalHeader()
    restored = state is not None and header.restoreState(state)
    if restored and all(header.isSectionHidden(c) for c in range(COLUMN_COUNT)):
        header.showSection(COL_PREFIX)


def save(table: QTableView) -> None:
    settings.write(settings.KEY_TABLE_HEADER, table.horizontalHeader().saveState())
    settings.write(settings.KEY_TABLE_HEADER_VERSION, HEADER_VERSION)


def columns_menu(table: QTableView, parent: QWidget) -> QMenu:
    """Checkable columns: unchecking hides a column (the last visible one stays)."""
    header = table.horizontalHeader()
    menu = QMenu(parent)
    menu.setObjectName("columnsMenu")
    visible = [c for c in range(COLUMN_COUNT) if not header.isSectionHidden(c)]
    for column, title in enumerate(HEADERS):
        action = menu.addAction(title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.setEnabled(not (len(visible) == 1 and column in visible))
        action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
    menu.addSeparator()
    reset = menu.addAction("Reset columns")
    reset.triggered.connect(lambda: reset_columns(table))
    return menu


def reset_columns(table: QTableView) -> None:
    """Every column shown, in its first order, at its default width."""
    header = table.horizontalHeader()
    for column in range(COLUMN_COUNT):
        header.setSectionHidden(column, False)
        header.moveSection(header.visualIndex(column), column)
    default_widths(table)
