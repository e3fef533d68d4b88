"""Installation settings shared by the CLI, the GUI and ``keydesk.verify``. No Qt.

Values come from the environment so that scripts, services and tests can set
them without touching code: ``KEYDESK_DB``, ``KEYDESK_BCRYPT_ROUNDS``,
``KEYDESK_KEY_TAG``. :func:`configure` overrides them in-process.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import platformdirs

from keydesk.errors import KeydeskError
from keydesk.keyformat import DEFAULT_TAG, validate_tag

if TYPE_CHECKING:
    from typing import Unpack  # Python 3.11+; keydesk still runs on 3.10

APP_NAME = "keydesk"


class ConfigError(KeydeskError):
    """A setting from the environment is unusable."""


DEFAULT_BCRYPT_ROUNDS = 12


@dataclass(frozen=True)
class Settings:
    bcrypt_rounds: int = DEFAULT_BCRYPT_ROUNDS
    key_tag: str = DEFAULT_TAG


def _from_environment() -> Settings:
    rounds_text = os.environ.get("KEYDESK_BCRYPT_ROUNDS", "").strip()
    rounds = DEFAULT_BCRYPT_ROUNDS
    if rounds_text:
        if not (rounds_text.isascii() and rounds_text.isdigit()):
            raise ConfigError(
                f"KEYDESK_BCRYPT_ROUNDS is {rounds_text!r}: set it to a whole number from 4 to 31."
            )
        rounds = int(rounds_text)
    tag = os.environ.get("KEYDESK_KEY_TAG", "").strip() or DEFAULT_TAG
    return _checked(Settings(bcrypt_rounds=rounds, key_tag=tag))


def _checked(settings: Settings) -> Settings:
    if not 4 <= settings.bcrypt_rounds <= 31:
        raise ConfigError(
            f"The bcrypt cost is {settings.bcrypt_rounds}: it must be between 4 and 31."
        )
    try:
        validate_tag(settings.key_tag)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    return settings


_current: Settings | None = None


def settings() -> Settings:
    global _current
    if _current is None:
        _current = _from_environment()
    return _current


class SettingsChanges(TypedDict, total=False):
    """The fields of :class:`Settings` that :func:`configure` may override."""

    bcrypt_rounds: int
    key_tag: str


def configure(**changes: Unpack[SettingsChanges]) -> Settings:
    """Override settings for this process (e.g. ``configure(bcrypt_rounds=4)`` in tests)."""
    global _current
    _current = _checked(replace(settings(), **changes))
    return _current


def reset() -> None:
    """Forget overrides; the next :func:`settings` call reads the environment again."""
    global _current
    _current = None


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    """``$KEYDESK_DB``, else the embedded SQLite file in the user's data folder (made
    here on first use, readable by its owner only: a fresh account has none yet)."""
    from_env = os.environ.get("KEYDESK_DB", "").strip()
    if from_env:
        return from_env
    folder = data_dir()
    with contextlib.suppress(OSError):  # then opening the file says what is wrong
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{folder / 'keydesk.db'}"
