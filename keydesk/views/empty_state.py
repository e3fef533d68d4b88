"""What an empty table says: why it is empty and what to do, in words over its viewport.

A fresh database and a search that matches nothing both used to show a blank table.
:class:`EmptyState` sits on a view's viewport, covering it while shown, with a title, a
sentence and one button that does the suggested thing (add a key, clear the search).
The page says which state it is in (:meth:`EmptyState.show_state`) or that rows are
shown (:meth:`EmptyState.hide`).

Object names: ``emptyState``, ``emptyStateTitle``, ``emptyStateText``,
``emptyStateButton``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QPushButton, QVBoxLayout, QWidget

from keydesk.views.widgets import mute


class EmptyState(QWidget):
    """Words over an empty view (see the module docstring)."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyState")
        self._viewport = view.viewport()
        self._action: Callable[[], None] | None = None
        self.title = QLabel(self)
        self.title.setObjectName("emptyStateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("emptyStateText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        mute(self.text)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyStateButton")
        self.setAccessibleName(self.tr("Empty table"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._viewport.installEventFilter(self)
        self.hide()

    def show_state(
        self, title: str, text: str, button: str = "", action: Callable[[], None] | None = None
    ) -> None:
        """Say ``title`` and ``text`` over the view; ``button`` runs ``action``."""
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button) and action is not None)
        self._action = action
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.setGeometry(self._viewport.rect())
        self.show()
        self.raise_()

    @property
    def showing(self) -> str:
        """The title shown, or "" while hidden."""
        return self.title.text() if not self.isHidden() else ""

    def _on_clicked(self) -> None:
        if self._action is not None:
            self._action()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._viewport.rect())
        return False
