"""The rules of one key that need no database: its role's label, its name, its expiry.

Asked by the services before they write, by the GUI for live validation, and by the
CLI and the table for what they show; each rule lives here once.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, overload

from keydesk import keyformat
from keydesk.errors import ExpiryExtended, ValidationError, sentence
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.text import check_visible

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NAME_MAX = 50
ROLES: dict[str, str] = {
    "standard": sentence("Keys", "Standard API Key"),
    "admin": sentence("Keys", "Admin API Key"),
    "project": sentence("Keys", "Project API Key"),
}


def role_label(code: str) -> str:
    """The label people read for a role code; an unknown code reads as itself."""
    return ROLES.get(code, code)


# --- which key a person means -----------------------------------------------------------

_KEY_SHAPED = keyformat.PREFIX_PATTERN.pattern + r"_[0-9A-Za-z]{38}"


def prefix_of(text: str) -> str:
    """The prefix a person means by ``text``: a prefix as typed, or the prefix of a whole
    key pasted instead (recognised by shape and checksum: support staff paste leaked keys).

    Raises :class:`ValidationError` for anything else, in words that never repeat the
    text: it may be a secret, a mistyped key, or pages of something pasted by mistake.
    """
    text = text.strip()
    if keyformat.is_prefix(text):
        return text
    try:
        return keyformat.parse_key(text).prefix
    except keyformat.MalformedKey:
        pass
    if re.fullmatch(_KEY_SHAPED, text):
        raise ValidationError(
            sentence(
                "Keys",
                "That looks like a whole key, but its checksum does not match: check it for a "
                "typo (the key itself is not repeated here).",
            )
        )
    raise ValidationError(
        sentence(
            "Keys",
            "That is neither a key prefix (such as kd_3fZk9QaB) nor a whole key; it is not "
            "repeated here in case it holds a secret.",
        )
    )


# --- single rules, asked by the GUI for live validation too ------------------------------


def has_expired(expires: datetime | None, now: datetime | None = None) -> bool:
    """A key has expired once its expiry is at or before now; without one it never does."""
    return expires is not None and expires <= (now or utcnow())


@overload
def has_expired_us(expires_us: int, now_us: int) -> bool: ...
@overload
def has_expired_us(expires_us: npt.NDArray[np.int64], now_us: int) -> npt.NDArray[np.bool_]: ...
def has_expired_us(
    expires_us: int | npt.NDArray[np.int64], now_us: int
) -> bool | npt.NDArray[np.bool_]:
    """:func:`has_expired` on microseconds since 1970 (naive UTC), as the keys table keeps
    its times: "never expires" is stored as a number later than any clock, so it needs no
    test of its own. Given an array of expiries, answers for each (a whole column at
    once, for sorting)."""
    return expires_us <= now_us


class KeyStatus(enum.Enum):
    """What a service presenting the key meets."""

    # Sentences, so the GUI says them in its language (i18n.say); they read as English.
    ACTIVE = sentence("Keys", "Active")
    EXPIRED = sentence("Keys", "Expired")
    REVOKED = sentence("Keys", "Revoked")


def key_status(revoked: bool, expires: datetime | None, now: datetime | None = None) -> KeyStatus:
    """Revoked before Expired before Active: a revoked key says Revoked even once its
    expiry has passed, because revoking is final and expiring is not news."""
    if revoked:
        return KeyStatus.REVOKED
    if has_expired(expires, now):
        return KeyStatus.EXPIRED
    return KeyStatus.ACTIVE


#: What "expiring soon" means in the app: the status filter and the status bar's reminder.
EXPIRING_SOON_DAYS = 7


def expires_within(
    revoked: bool, expires: datetime | None, days: float, now: datetime | None = None
) -> bool:
    """Whether a key is *expiring within* ``days`` days: active (neither revoked nor
    expired) with an expiry inside that many days from now."""
    if revoked or expires is None:
        return False
    now = now or utcnow()
    return now < expires <= now + timedelta(days=days)


def validate_name(name: str) -> str:
    """The trimmed name, or ValidationError saying what is wrong with it."""
    trimmed = (name or "").strip()
    if not trimmed:
        raise ValidationError(sentence("Keys", "The name cannot be empty."), field="name")
    check_visible(trimmed, sentence("Fields", "The name"), field="name")
    if len(trimmed) > NAME_MAX:
        raise ValidationError(
            sentence(
                "Keys", "The name must have at most {most} characters; it has {count}."
            ).format(most=NAME_MAX, count=len(trimmed)),
            field="name",
        )
    return trimmed


def validate_role(role: str) -> str:
    code = (role or "").strip().lower()
    for known, label in ROLES.items():
        if code in (known, label.lower()):
            return known
    raise ValidationError(
        sentence("Keys", "{role} is not a role: choose standard, admin or project.").format(
            role=repr(role)
        ),
        field="role",
    )


def check_new_expiry(expires: datetime | None, now: datetime | None = None) -> datetime | None:
    if expires is None:
        return None
    expires = to_storage(expires)
    if expires <= (now or utcnow()):
        raise ValidationError(
            sentence("Keys", "The expiry must be in the future."), field="expires"
        )
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
            sentence(
                "Keys",
                "This key expires at {current} UTC; its expiry cannot be removed, because a "
                "key's lifetime can only be shortened.",
            ).format(current=f"{current:%Y-%m-%d %H:%M}"),
            field="expires",
        )
    if new > current:
        raise ExpiryExtended(
            sentence(
                "Keys",
                "The new expiry {new} UTC is later than the current one ({current} UTC); a "
                "key's lifetime can only be shortened.",
            ).format(new=f"{new:%Y-%m-%d %H:%M}", current=f"{current:%Y-%m-%d %H:%M}"),
            field="expires",
        )
    return new
