"""Small helpers the dialogs share: secondary text, text colours that suit the theme,
check boxes that show on a dark palette, fitting a window to its screen and growing
it to fit a message that just appeared.

Whether a palette is dark is the theme's to say (:func:`keydesk.views.theme.palette_is_dark`);
these helpers ask it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

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


class _VisibleChecks(QProxyStyle):
    """The application's style, with a check box's outline drawn in a colour that shows.

    Fusion outlines an unchecked box in the window colour made 40 % darker, which on
    the dark palette is the colour of the box itself: only a checked box's tick showed.
    Set on the few widgets that hold check boxes (:func:`show_checks`), not on the
    application: a Python ``drawPrimitive`` is asked for every cell a table paints, and
    made a full repaint of the keys table 40 % slower (16 → 24 ms).
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element != QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        palette = option.palette
        if not palette_is_dark(palette):
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        colour = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        if not enabled:
            colour.setAlphaF(0.45)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.setPen(QPen(colour, 1))
        painter.drawRect(rect)
        painter.restore()


_check_style: list[_VisibleChecks] = []


def show_checks(*widgets: QWidget) -> None:
    """Draw the check boxes of these widgets (a QCheckBox, a list of checkable items)
    so that an unchecked box shows on either theme."""
    if not _check_style:
        style = _VisibleChecks()
        style.setParent(QApplication.instance())  # lives as long as the application
        _check_style.append(style)
    for widget in widgets:
        widget.setStyle(_check_style[0])
