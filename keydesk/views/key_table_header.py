"""The keys table's header: default widths (and a wide window's spare width given to
the columns that get cut), the columns menu, and the layout (widths, order, hidden
columns, sort column) remembered from the last run."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from keydesk.views import settings
from keydesk.views.key_table_columns import (
    COL_NAME,
    COL_PREFIX,
    COL_UNIQUE_NAME,
    COL_USER,
    COLUMN_COUNT,
    KEY_TABLE_COLUMNS,
    WORDS,
)

#: Bump when the columns change, so an old saved header layout is ignored.
HEADER_VERSION = 1


#: Where a window wider than the default widths puts the rest, in these shares: the
#: texts that get cut first (a key's name, its owner's email, its unique name). "Last
#: used", the last column, would otherwise take it all.
SPARE_SHARES = {COL_NAME: 3, COL_USER: 2, COL_UNIQUE_NAME: 1}


def default_width_of(table: QTableView, column: int) -> int:
    """As wide as the column's widest sample text, or its title and sort arrow if wider."""
    described = KEY_TABLE_COLUMNS[column]
    metrics = (
        QFontMetrics(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        if described.monospace
        else table.fontMetrics()
    )
    samples = (*described.samples, *WORDS.samples.get(described.name, ()))
    content = max(metrics.horizontalAdvance(sample) for sample in samples) + 16
    title = table.horizontalHeader().fontMetrics().horizontalAdvance(WORDS.headers[column]) + 24
    return max(content, title)


def default_widths(table: QTableView) -> None:
    """Every column at its default width (:func:`default_width_of`)."""
    header = table.horizontalHeader()
    for number in range(COLUMN_COUNT):
        header.resizeSection(number, default_width_of(table, number))
    fitter = table.findChild(SpareWidth)
    if fitter is not None:
        fitter.restart()


class SpareWidth(QObject):
    """While the columns have their default widths, a table wider than their sum gives
    the rest to :data:`SPARE_SHARES` instead of stretching the last column, and a
    narrower one takes what is missing from them (down to :attr:`FLOOR` of their
    default width) if that spares it scrolling sideways. It stops
    when the user resizes a column or a saved layout is restored, and starts again on
    "Reset columns"."""

    FLOOR = 0.6

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._fitting = False
        self.active = True
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def stop(self) -> None:
        self.active = False

    def restart(self) -> None:
        self.active = True
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Default widths, plus the spare width shared out."""
        header = self._table.horizontalHeader()
        shown = [c for c in range(COLUMN_COUNT) if not header.isSectionHidden(c)]
        widths = {c: default_width_of(self._table, c) for c in shown}
        spare = self._table.viewport().width() - sum(widths.values())
        shares = {c: share for c, share in SPARE_SHARES.items() if c in widths}
        reducible = sum(widths[c] - int(widths[c] * self.FLOOR) for c in shares)
        if spare < -reducible:
            spare = 0  # it scrolls sideways anyway: keep the names whole rather than cut
        if shares:
            total = sum(shares.values())
            for column, share in shares.items():
                floor = int(widths[column] * self.FLOOR)
                widths[column] = max(floor, widths[column] + spare * share // total)
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _on_section_resized(self, column: int, old: int, new: int) -> None:
        if self._fitting or not self.active:
            return  # our own change
        if old == 0 or new == 0:  # a column shown or hidden: share the room again
            QTimer.singleShot(0, self, self.fit)
            return
        header = self._table.horizontalHeader()
        visible = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        if header.stretchLastSection() and visible and column == visible[-1]:
            return  # the header filling the row
        self.active = False


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
    fitter = table.findChild(SpareWidth)
    if restored and fitter is not None:
        fitter.stop()  # the widths the user chose
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
    for column, title in enumerate(WORDS.headers):
        action = menu.addAction(title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.setEnabled(not (len(visible) == 1 and column in visible))
        action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
    menu.addSeparator()
    reset = menu.addAction(QCoreApplication.translate("KeyTableHeader", "Reset columns"))
    reset.triggered.connect(lambda: reset_columns(table))
    return menu


def reset_columns(table: QTableView) -> None:
    """Every column shown, in its first order, at its default width."""
    header = table.horizontalHeader()
    for column in range(COLUMN_COUNT):
        header.setSectionHidden(column, False)
        header.moveSection(header.visualIndex(column), column)
    default_widths(table)
