"""What the desktop app remembers between runs, kept in one place so every key is
spelled once: the last database that opened, the theme, the window and the columns.

Values live in the user's native settings store (``~/.config/keydesk/keydesk.conf`` on
Linux). They are conveniences only: a missing or unreadable value falls back to a
default, never to an error.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "keydesk"
APPLICATION = "keydesk"

DATABASE_URL = "database/url"
THEME = "view/theme"
LANGUAGE = "view/language"
WINDOW_GEOMETRY = "mainWindow/geometry"
WINDOW_STATE = "mainWindow/state"
KEY_TABLE_HEADER = "keyTable/header"
KEY_TABLE_HEADER_VERSION = "keyTable/headerVersion"


def app_settings() -> QSettings:
    """The settings store of keydesk, independent of the QApplication's names so tests
    and scripts that build their own QApplication read and write the same place."""
    return QSettings(ORGANIZATION, APPLICATION)


def read_str(key: str, default: str = "") -> str:
    value = app_settings().value(key, default)
    return value if isinstance(value, str) else default


def read_bytes(key: str) -> QByteArray | None:
    value = app_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def write(key: str, value: object) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()
