"""How the keys table shows a revocation queued while offline: "Revocation pending",
in italics and amber, in the Revoked column, until the server applies it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from keydesk.views import theme

#: What the Revoked column says of a key whose revocation is queued while offline
#: (English; :func:`pending_text` says it in the language spoken now).
PENDING_TEXT = "Revocation pending"


def pending_text() -> str:
    return QCoreApplication.translate("PendingRevocationDelegate", "Revocation pending")


PENDING_COLOURS = {False: "#a15c00", True: "#ffb74d"}


class PendingRevocationDelegate(QStyledItemDelegate):
    """Paints "Revocation pending" (text and colour) in the Revoked column of keys whose
    revocation waits in the offline queue; every other cell as the model says."""

    def __init__(
        self, is_pending_row: Callable[[int], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._is_pending_row = is_pending_row

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self._is_pending_row(index.row()):
            option.text = pending_text()
            if not option.state & QStyle.StateFlag.State_Selected:  # keep selection contrast
                palette = QPalette(option.palette)
                colour = QColor(PENDING_COLOURS[theme.palette_is_dark(QApplication.palette())])
                palette.setColor(QPalette.ColorRole.Text, colour)
                option.palette = palette
            font = option.font
            font.setItalic(True)
            option.font = font


def make_room_for_pending(table: QTableView, column: int) -> None:
    """Widen ``column`` to fit the words, not "Revocati…"."""
    header = table.horizontalHeader()
    font = QFont(table.font())
    font.setItalic(True)
    needed = QFontMetrics(font).horizontalAdvance(pending_text()) + 16
    if header.sectionSize(column) < needed:
        header.resizeSection(column, needed)
