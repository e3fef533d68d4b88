"""The status bar's reminder that keys expire within 7 days: "3 keys expire within 7
days", one click from the Expiring soon filter. Hidden while no key is that close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget

from keydesk.services.key_rules import EXPIRING_SOON_DAYS
from keydesk.views import theme


class ExpiryReminder(QPushButton):
    """A flat, link-coloured button; ``clicked`` is the page's cue to show those keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiryReminder")
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            self.tr(
                "Show the keys that expire within {days} days (the Expiring soon filter)"
            ).format(days=EXPIRING_SOON_DAYS)
        )
        self.setAccessibleDescription(self.toolTip())
        self.count = 0
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        text = self.reminder_text(count)
        self.setText(text)
        self.setAccessibleName(self.tr("Reminder: {text}").format(text=text))
        self.setVisible(count > 0)

    def reminder_text(self, count: int, days: int = EXPIRING_SOON_DAYS) -> str:
        """The button's words: "3 keys expire within 7 days"."""
        return self.tr("%Ln keys expire within {days} days", "", count).format(days=days)

    def apply_colors(self, dark: bool) -> None:
        color = theme.status_colors(dark).expired
        self.setIcon(theme.icon("clock", color))
        self.setStyleSheet(
            f"QPushButton#expiryReminder {{ color: {QColor(color).name()}; border: none;"
            " padding: 0 8px; text-decoration: underline; }"
        )
