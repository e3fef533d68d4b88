"""A tinted strip across a dialog that says one thing about what it shows (the detail
dialog's "Revoked" banner and its "changed elsewhere" notice): a coloured frame with a
line of text and, if needed, a button; hidden until shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QHBoxLayout, QLabel, QWidget

from keydesk.views.widgets import tone

#: A colour for the light palette and one for the dark palette.
Pair = tuple[str, str]


class Banner(QFrame):
    """A frame named ``name`` in these colours (chosen for the palette when it is built);
    :attr:`text` is its label."""

    def __init__(
        self, name: str, parent: QWidget, *, background: Pair, border: Pair, text: Pair
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            f"#{name} {{ background: {tone(self, *background)};"
            f" border: 1px solid {tone(self, *border)}; border-radius: 4px; }}"
            f"#{name} QLabel {{ color: {tone(self, *text)}; background: transparent;"
            " border: none; }"
        )
        self.text = QLabel(self)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.text, 1)
        self.hide()

    def add_button(self, button: QAbstractButton) -> None:
        """Put ``button`` at the right end, centred on the text."""
        self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
