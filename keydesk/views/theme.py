"""Light and dark themes: the Fusion style with an explicit palette.

The theme follows the system colour scheme by default (``QStyleHints.colorScheme()``,
Qt 6.5+) and can be pinned to light or dark from the View menu; the choice is
remembered. Fusion is used everywhere because it honours a palette completely on every
platform, so both themes look the same on Linux, Windows and macOS.

Status colours (revoked, expired, muted text, links) are chosen per theme so that they
keep enough contrast on either background; the table always pairs them with a word.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from keydesk.views import settings

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)
#: The choices' English names, as before translation; menus show :func:`mode_labels`.
MODE_LABELS = {SYSTEM: "System", LIGHT: "Light", DARK: "Dark"}


def mode_labels() -> dict[str, str]:
    """Each theme choice's name in the language spoken now."""
    return {
        SYSTEM: QCoreApplication.translate("ThemeManager", "System"),
        LIGHT: QCoreApplication.translate("ThemeManager", "Light"),
        DARK: QCoreApplication.translate("ThemeManager", "Dark"),
    }


def _icon_dir() -> Path:
    """``resources/icons`` of the source tree (an editable install), else the copy a
    regular install puts in ``<prefix>/share/keydesk/icons`` (pyproject's data-files)."""
    source = Path(__file__).resolve().parents[2] / "resources" / "icons"
    if source.is_dir():
        return source
    return Path(sys.prefix) / "share" / "keydesk" / "icons"


ICON_DIR = _icon_dir()

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


@dataclass(frozen=True)
class StatusColors:
    """Foreground colours the keys table uses next to status words."""

    revoked: QColor
    expired: QColor
    muted: QColor
    link: QColor


def status_colors(dark: bool) -> StatusColors:
    if dark:
        return StatusColors(
            revoked=QColor("#ff7b72"),
            expired=QColor("#e3a549"),
            muted=QColor("#8b929c"),
            link=QColor("#79b0ff"),
        )
    return StatusColors(
        revoked=QColor("#c4271f"),
        expired=QColor("#a15c00"),
        muted=QColor("#6f747b"),
        link=QColor("#1b5fc1"),
    )


def _palette(colors: dict[_Role, str], disabled: dict[_Role, str]) -> QPalette:
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    for role, value in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(value))
    return palette


def light_palette() -> QPalette:
    return _palette(
        {
            _Role.Window: "#f3f4f6",
            _Role.WindowText: "#1d2025",
            _Role.Base: "#ffffff",
            _Role.AlternateBase: "#f6f7f9",
            _Role.ToolTipBase: "#ffffff",
            _Role.ToolTipText: "#1d2025",
            _Role.PlaceholderText: "#7b8088",
            _Role.Text: "#1d2025",
            _Role.Button: "#f7f8fa",
            _Role.ButtonText: "#1d2025",
            _Role.BrightText: "#c4271f",
            _Role.Light: "#ffffff",
            _Role.Midlight: "#e9eaee",
            _Role.Mid: "#c9ccd2",
            _Role.Dark: "#a9adb5",
            _Role.Shadow: "#6b6f76",
            _Role.Highlight: "#2f6fde",
            _Role.HighlightedText: "#ffffff",
            _Role.Link: "#1b5fc1",
            _Role.LinkVisited: "#6d3fc0",
            _Role.Accent: "#2f6fde",
        },
        {
            _Role.WindowText: "#9a9ea6",
            _Role.Text: "#9a9ea6",
            _Role.ButtonText: "#9a9ea6",
            _Role.Highlight: "#b8c4da",
            _Role.HighlightedText: "#ffffff",
        },
    )


def dark_palette() -> QPalette:
    return _palette(
        {
            _Role.Window: "#25272b",
            _Role.WindowText: "#e4e6ea",
            _Role.Base: "#1c1e21",
            _Role.AlternateBase: "#222428",
            _Role.ToolTipBase: "#2e3136",
            _Role.ToolTipText: "#e4e6ea",
            _Role.PlaceholderText: "#8b929c",
            _Role.Text: "#e4e6ea",
            _Role.Button: "#2e3136",
            _Role.ButtonText: "#e4e6ea",
            _Role.BrightText: "#ff7b72",
            _Role.Light: "#3a3d43",
            _Role.Midlight: "#33363b",
            _Role.Mid: "#2a2c30",
            _Role.Dark: "#151618",
            _Role.Shadow: "#000000",
            _Role.Highlight: "#3b73d1",
            _Role.HighlightedText: "#ffffff",
            _Role.Link: "#79b0ff",
            _Role.LinkVisited: "#c29bff",
            _Role.Accent: "#3b73d1",
        },
        {
            _Role.WindowText: "#6b7079",
            _Role.Text: "#6b7079",
            _Role.ButtonText: "#6b7079",
            _Role.Highlight: "#3a3f48",
            _Role.HighlightedText: "#9a9ea6",
        },
    )


def system_prefers_dark() -> bool:
    """True when the platform reports a dark colour scheme (Unknown counts as light)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _mode_is_dark(mode: str) -> bool:
    """Whether ``mode`` (system, light or dark) means the dark palette now."""
    if mode == DARK:
        return True
    if mode == LIGHT:
        return False
    return system_prefers_dark()


def saved_mode() -> str:
    mode = settings.read_str(settings.THEME, SYSTEM)
    return mode if mode in MODES else SYSTEM


def palette_is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one: the one test of darkness every view asks
    (a widget's ``palette()``, or ``QApplication.palette()``)."""
    return palette.color(_Role.Window).lightness() < 128


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The SVG icon ``resources/icons/<name>.svg`` drawn in ``color`` (default: the
    application's text colour), so one monochrome file serves both themes. An empty
    icon if the file is missing, e.g. in an installation without resources."""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    if color is None:
        color = QApplication.palette().color(_Role.WindowText)
    svg = path.read_text(encoding="utf-8").replace("currentColor", color.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result


class ThemeManager(QObject):
    """Applies the chosen theme to the application and re-applies it when the system
    scheme changes while the choice is "System". ``changed(dark)`` lets widgets refresh
    colours they draw themselves (status colours, icons)."""

    changed = Signal(bool)

    OBJECT_NAME = "themeManager"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(self.OBJECT_NAME)
        self._app = app
        self._mode = saved_mode()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @classmethod
    def for_app(cls, app: QApplication) -> ThemeManager:
        """The application's manager (created once, owned by the application). Its mode
        starts as the remembered choice; nothing is applied until :meth:`apply`."""
        manager = app.findChild(ThemeManager, cls.OBJECT_NAME)
        return manager if manager is not None else cls(app)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def dark(self) -> bool:
        return _mode_is_dark(self._mode)

    def apply(self, mode: str, *, remember: bool = True) -> None:
        """Switch to ``mode`` (system, light or dark) and optionally remember it."""
        if mode not in MODES:
            mode = SYSTEM
        self._mode = mode
        apply_to(self._app, mode)
        if remember:
            settings.write(settings.THEME, mode)
        self.changed.emit(self.dark)

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == SYSTEM:
            self.apply(SYSTEM, remember=False)


def apply_to(app: QApplication, mode: str) -> None:
    """Fusion style and the palette for ``mode``; no settings are touched."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if _mode_is_dark(mode) else light_palette())
