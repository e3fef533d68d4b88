"""The rules of one key that need no database: its role's label, its name, its expiry.

Asked by the services before they write, by the GUI for live validation, and by the
CLI and the table for what they show; each rule lives here once.
"""

from __future__ import annotations

from datetime import datetime

from keydesk.errors import ExpiryExtended, ValidationError
from keydesk.services.clock import to_storage, utcnow

NAME_MAX = 50
ROLES: dict[str, str] = {
    "standard": "Standard API Key",
    "admin": "Admin API Key",
    "project": "Project API Key",
}


def role_label(code: str) -> str:
    """The label people read for a role code; an unknown code reads as itself."""
    return ROLES.get(code, code)


# --- single rules, asked by the GUI for live validation too ------------------------------


def has_expired(expires: datetime | None, now: datetime | None = None) -> bool:
    return expires is not None and expires <= (now or utcnow())


def validate_name(name: str) -> str:
    """The trimmed name, or ValidationError saying what is wrong with it."""
    trimmed = (name or "").strip()
    if not trimmed:
        raise ValidationError("The name cannot be empty.", field="name")
    if len(trimmed) > NAME_MAX:
        raise ValidationError(
            f"The name must have at most {NAME_MAX} characters; it has {len(trimmed)}.",
            field="name",
        )
    return trimmed


def validate_role(role: str) -> str:
    code = (role or "").strip().lower()
    for known, label in ROLES.items():
        if code in (known, label.lower()):
            return known
    raise ValidationError(
        f"{role!r} is not a role: choose standard, admin or project.", field="role"
    )


def check_new_expiry(expires: datetime | None, now: datetime | None = None) -> datetime | None:
    if expires is None:
        return None
    expires = to_storage(expires)
    if expires <= (now or utcnow()):
        raise ValidationError("The expiry must be in the future.", field="expires")
    return expires


def check_expiry_change(current: datetime | None, new: datetime | None) -> datetime | None:
    """Apply the lifetime rule: setting an expiry or moving it earlier is allowed; removing
    it or moving it later is refused with :class:`ExpiryExtended`."""
    if new is not None:
        new = to_storage(new)
    if current is None or new == current:
        return new
    if new is None:
        raise ExpiryExtended(
            f"This key expires at {current:%Y-%m-%d %H:%M} UTC; its expiry cannot be removed, "
            "because a key's lifetime can only be shortened.",
            field="expires",
        )
    if new > current:
        raise ExpiryExtended(
            f"The new expiry {new:%Y-%m-%d %H:%M} UTC is later than the current one "
            f"({current:%Y-%m-%d %H:%M} UTC); a key's lifetime can only be shortened.",
            field="expires",
        )
    return new
