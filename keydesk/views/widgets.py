"""Small helpers the dialogs share: secondary text, text colours that suit the theme,
check boxes that show on a dark palette, fitting a window to its screen and growing
it to fit a message that just appeared.

Whether a palette is dark is the theme's to say (:func:`keydesk.views.theme.palette_is_dark`);
these helpers ask it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QProxyStyle,
    QScrollArea,
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
    """Grow a shown window whose word-wrapped messages need more height than it has
    (never past its screen).

    Qt sizes a window's minimum from its minimum width, so a wrapped message that just
    appeared can otherwise squeeze the rows above it.
    """
    if not dialog.isVisible():
        return
    needed = min(dialog.heightForWidth(dialog.width()), available_area(dialog).height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


#: Room left for the window manager's frame and title bar around a window.
_FRAME_ALLOWANCE = QSize(16, 48)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (or the primary screen) a window may cover, less
    room for its frame, in the logical pixels Qt lays out in (at QT_SCALE_FACTOR=2 a
    1600×1000 screen is 800×500 of them)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1 << 15, 1 << 15)
    area = screen.availableGeometry()
    return QRect(
        area.topLeft(),
        QSize(
            max(200, area.width() - _FRAME_ALLOWANCE.width()),
            max(150, area.height() - _FRAME_ALLOWANCE.height()),
        ),
    )


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen's available area, and move it inside the area.

    A window's minimum size gives way too (a dialog whose content scrolls, a main window
    whose table does): Qt would otherwise open it past the screen's edge, where its
    buttons cannot be reached.
    """
    area = available_area(window)
    minimum = window.minimumSize()
    if minimum.width() > area.width() or minimum.height() > area.height():
        window.setMinimumSize(minimum.boundedTo(area.size()))
    if window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        size = window.size()  # chosen by the code or the user
    else:  # Qt's own first size, which is at most 2/3 of the screen: the hint instead
        size = window.sizeHint().expandedTo(window.minimumSizeHint())
    size = size.boundedTo(area.size())
    if size != window.size():
        window.resize(size)
    if window.isWindow() and window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        left = min(max(window.x(), area.left()), area.left() + area.width() - size.width())
        top = min(max(window.y(), area.top()), area.top() + area.height() - size.height())
        if (left, top) != (window.x(), window.y()):
            window.move(left, top)


class ContentScrollArea(QScrollArea):
    """A dialog's body, scrolled only when the screen is too small for it.

    Its size hint is the content's own (a plain QScrollArea caps its hint at 24 lines),
    so the dialog opens at its natural size wherever that fits; its minimum height is a
    few lines, so :func:`fit_to_screen` can shrink the dialog to a small screen, and the
    body then scrolls while the buttons stay in view.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialogBody")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Content that grew (a key read after the dialog opened, a message shown) grows
        the shown window as far as the screen allows, as it would without scrolling."""
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self.updateGeometry()  # this hint follows the content's
            window = self.window()
            if window.isVisible():
                QTimer.singleShot(0, self, lambda: self._grow(window))
        return False

    def _grow(self, window: QWidget) -> None:
        wanted = min(window.sizeHint().height(), available_area(window).height())
        if wanted > window.height():
            window.resize(window.width(), wanted)

    def _scroll_bar_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint().expandedTo(content.minimumSizeHint())
        return QSize(hint.width() + self._scroll_bar_width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        lines = 6 * self.fontMetrics().height()
        minimum = content.minimumSizeHint()
        return QSize(minimum.width() + self._scroll_bar_width(), min(minimum.height(), lines))


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
