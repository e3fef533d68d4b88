"""What the key services hand to the GUI and CLI and take from them: a table row, one
key in full, a new key, an edit, the created key, and what a revocation or a deletion did.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from keydesk.services.key_rules import KeyStatus, has_expired, key_status, role_label


class Unset(enum.Enum):
    UNSET = "unset"


UNSET = Unset.UNSET


# --- values exchanged with the GUI and CLI ------------------------------------------------


class KeyRow(NamedTuple):
    """One row of the keys table, read in bulk as a plain tuple (datetimes naive UTC)."""

    prefix: str
    unique_name: str
    name: str
    user: str
    role: str
    created: datetime
    expires: datetime | None
    revoked: bool
    last_used: datetime | None
    opt_in: bool


KEY_ROW_FIELDS = KeyRow._fields


@dataclass(frozen=True)
class KeyDetail:
    prefix: str
    unique_name: str
    name: str
    role: str
    user: str
    user_display_name: str
    models: tuple[str, ...]
    skills: tuple[str, ...]
    opt_in: bool
    created: datetime
    expires: datetime | None
    revoked: bool
    revoked_at: datetime | None
    last_used: datetime | None
    version: int

    @property
    def has_expired(self) -> bool:
        return has_expired(self.expires)

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def status(self) -> KeyStatus:
        return key_status(self.revoked, self.expires)


@dataclass(frozen=True)
class NewKey:
    name: str
    user: str
    role: str = "standard"
    models: Sequence[str] = ()
    skills: Sequence[str] = ()
    expires: datetime | None = None
    opt_in: bool = False


@dataclass(frozen=True)
class KeyChanges:
    """An edit: fields left UNSET are not touched. ``expires=None`` asks to remove the
    expiry, which the lifetime rule refuses on a key that has one."""

    name: str | Unset = UNSET
    role: str | Unset = UNSET
    models: Sequence[str] | Unset = UNSET
    skills: Sequence[str] | Unset = UNSET
    user: str | Unset = UNSET
    expires: datetime | Unset | None = UNSET
    opt_in: bool | Unset = UNSET


@dataclass(frozen=True)
class PreparedSecret:
    """A freshly drawn prefix and secret with the bcrypt hash of the secret.

    Built by :func:`prepare_secret` (slow: run it off the GUI thread) and consumed
    once by :func:`create_key`.
    """

    prefix: str
    secret: str = field(repr=False)
    secret_hash: str = field(repr=False)


@dataclass(frozen=True)
class CreatedKey:
    """The result of a creation: the only object that ever holds the full key."""

    key: str = field(repr=False)
    prefix: str
    unique_name: str


@dataclass(frozen=True)
class RevokeResult:
    """What a revocation did: ``revoked`` now, ``already_revoked`` before (by this desk or
    another: harmless), and ``missing``, prefixes that no longer exist (only with
    ``missing_ok=True``; otherwise they raise NotFound)."""

    revoked: tuple[str, ...]
    already_revoked: tuple[str, ...]
    missing: tuple[str, ...] = ()

    def summary(self) -> str:
        """Sentences for a status bar: ``Revoked 2 keys. kd_x was already revoked.``"""
        return _summary(
            "Revoked", self.revoked, self.already_revoked, "already revoked", self.missing
        )


@dataclass(frozen=True)
class DeleteResult:
    """What a deletion did: ``deleted`` now, and ``already_deleted``, prefixes that no
    longer existed (someone else deleted them first: harmless)."""

    deleted: tuple[str, ...]
    already_deleted: tuple[str, ...]

    def summary(self) -> str:
        """Sentences for a status bar: ``Deleted 1 key. kd_x was already deleted.``"""
        return _summary("Deleted", self.deleted, self.already_deleted, "already deleted", ())


def _names(prefixes: Sequence[str], listed: int = 5) -> str:
    """The prefixes, or a count once there are more than ``listed`` (a status bar line)."""
    if len(prefixes) <= listed:
        return ", ".join(prefixes)
    return f"{len(prefixes):,} keys"


def _summary(
    verb: str, done: Sequence[str], already: Sequence[str], state: str, missing: Sequence[str]
) -> str:
    parts = []
    if done:
        parts.append(f"{verb} {done[0]}." if len(done) == 1 else f"{verb} {len(done):,} keys.")
    if already:
        names = _names(already)
        parts.append(f"{names} {'was' if len(already) == 1 else 'were'} {state}.")
    if missing:
        names = _names(missing)
        parts.append(f"{names} no longer {'exists' if len(missing) == 1 else 'exist'}.")
    return " ".join(parts) or "Nothing to do."
