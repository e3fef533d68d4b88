"""A tinted strip across a dialog that says one thing about what it shows (the detail
dialog's "Revoked" banner and its "changed elsewhere" notice): a coloured frame with a
line of text and, if needed, a button; hidden until shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from keydesk.views.theme import palette_is_dark

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
        self._colours = (background, border, text)
        self._apply_colours()
        self.text = QLabel(self)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.text, 1)
        self.hide()

    def _apply_colours(self) -> None:
        """Colour the frame for the current palette (again after a theme switch)."""
        background, border, text = self._colours
        name = self.objectName()
        # The application's palette: a theme switch reaches it before this widget's.
        pick = 1 if palette_is_dark(QApplication.palette()) else 0
        sheet = (
            f"#{name} {{ background: {background[pick]};"
            f" border: 1px solid {border[pick]}; border-radius: 4px; }}"
            f"#{name} QLabel {{ color: {text[pick]}; background: transparent;"
            " border: none; }"
        )
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)

    def add_button(self, button: QAbstractButton) -> None:
        """Put ``button`` at the right end, centred on the text."""
        self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
