"""Small helpers the dialogs share: secondary text, text colours that suit the theme,
and growing a window to fit a message that just appeared.

Whether a palette is dark is the theme's to say (:func:`keydesk.views.theme.palette_is_dark`);
these helpers ask it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from keydesk.views.theme import palette_is_dark


def tone(widget: QWidget, light: str, dark: str) -> str:
    """``light`` on a light palette, ``dark`` on a dark one."""
    return dark if palette_is_dark(widget.palette()) else light


def mute(label: QLabel) -> None:
    """Draw ``label`` as secondary text: the palette's placeholder colour, theme-aware."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def set_text_colour(widget: QWidget, light: str, dark: str) -> None:
    """Colour a widget's text (``light`` or ``dark`` to suit the palette) while it is
    enabled; disabled, it greys out like any other text."""
    palette = widget.palette()
    colour = QColor(tone(widget, light, dark))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, colour)
        palette.setColor(group, QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def fit_height(dialog: QWidget) -> None:
    """Grow a shown window whose word-wrapped messages need more height than it has.

    Qt sizes a window's minimum from its minimum width, so a wrapped message that just
    appeared can otherwise squeeze the rows above it.
    """
    if not dialog.isVisible():
        return
    needed = dialog.heightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)
