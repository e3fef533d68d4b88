"""Rotating (rolling) a key: a new key that replaces an old one, with a grace period.

The new key copies the old one's name, role, permitted models and skills, opt-in and
owner; it gets its own prefix and unique name and is shown once, like any new key. Its
expiry is the old key's, so a rotation never lengthens a lifetime. The old key keeps
working for the grace period (24 hours unless told otherwise, 0 = stop now) and then
expires: its expiry moves to ``min(expiry, now + grace)``, an edit that never lengthens
it either. Both changes, and the audit events that link them (``create`` of the new key
naming ``rotated_from``, ``rotate`` of the old one naming ``rotated_to``), are one
transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee

from keydesk import keyformat
from keydesk.config import settings
from keydesk.errors import Conflict, KeyRevoked, ValidationError, sentence
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.key_reads import detail_of, load_key
from keydesk.services.key_records import CreatedKey, NewKey, PreparedSecret
from keydesk.services.key_rules import has_expired, prefix_of
from keydesk.services.keys import insert_key, prepare_secret
from keydesk.services.names import generate_unique_name
from keydesk.store.connection import write_transaction
from keydesk.store.models import ApiKey

#: How long the old key keeps working after a rotation unless told otherwise.
DEFAULT_GRACE = timedelta(hours=24)

#: The grace periods the desktop app offers, as (label, duration).
GRACE_CHOICES: tuple[tuple[str, timedelta], ...] = (
    ("Stop now", timedelta(0)),
    ("1 hour", timedelta(hours=1)),
    ("24 hours", timedelta(hours=24)),
    ("7 days", timedelta(days=7)),
    ("30 days", timedelta(days=30)),
)

_DURATION = re.compile(r"(\d{1,6})\s*([smhdw]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}
_ATTEMPTS = 20


def parse_duration(text: str) -> timedelta:
    """``0``, ``90s``, ``30m``, ``24h``, ``7d`` or ``2w`` as a timedelta (a bare number is
    seconds, so only ``0`` reads naturally without a unit)."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None:
        raise ValidationError(
            sentence(
                "Keys",
                "{text} is not a duration: write a whole number with a unit, such as 0, 30m, "
                "24h or 7d.",
            ).format(text=repr(text.strip()[:20])),
            field="grace",
        )
    return timedelta(seconds=int(match[1]) * _UNITS[match[2]])


@dataclass(frozen=True)
class RotatedKey:
    """What a rotation did. ``new`` is the only object holding the new key in full."""

    new: CreatedKey
    old_prefix: str
    #: When the old key stops working (its expiry now).
    old_expires: datetime


def rotate_key(
    prefix: str,
    grace: timedelta = DEFAULT_GRACE,
    *,
    prepared: PreparedSecret | None = None,
    now: datetime | None = None,
) -> RotatedKey:
    """Replace the key ``prefix`` (or the key whose whole text is given) by a new one; the
    old one stops working after ``grace``.

    A revoked or expired key cannot be rotated (there is nothing left to keep working);
    the owner must still be active. ``prepared`` is the new key's secret hashed ahead (the
    GUI does that off its thread); ``now`` is the clock, for tests.
    """
    prefix = prefix_of(prefix)  # a whole key pasted instead: never echo its secret
    if grace < timedelta(0):
        raise ValidationError(
            sentence("Keys", "The grace period cannot be negative."), field="grace"
        )
    prepared = prepared or prepare_secret()
    for attempt in range(_ATTEMPTS):
        new_prefix = (
            prepared.prefix if attempt == 0 else keyformat.generate_prefix(settings().key_tag)
        )
        unique_name = generate_unique_name()
        if (
            ApiKey.select()
            .where((ApiKey.prefix == new_prefix) | (ApiKey.unique_name == unique_name))
            .exists()
        ):
            continue
        try:
            with denied_as_error("create"), write_transaction():
                stops = _replace(prefix, new_prefix, unique_name, prepared, grace, now)
        except peewee.IntegrityError:
            continue  # a concurrent creation took the same prefix or name: draw again
        created = CreatedKey(
            key=keyformat.format_key(new_prefix, prepared.secret),
            prefix=new_prefix,
            unique_name=unique_name,
        )
        return RotatedKey(new=created, old_prefix=prefix, old_expires=stops)
    raise ValidationError(
        sentence("Keys", "Could not find a free prefix and name for the key; try again.")
    )


def _replace(
    prefix: str,
    new_prefix: str,
    unique_name: str,
    prepared: PreparedSecret,
    grace: timedelta,
    now: datetime | None,
) -> datetime:
    """Inside the transaction: write the new key and shorten the old one; returns when
    the old one stops working."""
    old = load_key(prefix)
    now = to_storage(now) if now is not None else utcnow()
    if old.revoked:
        raise KeyRevoked(
            sentence("Keys", "The key {name} is revoked: there is nothing to rotate.").format(
                name=old.unique_name
            )
        )
    if has_expired(old.expires, now):
        raise ValidationError(
            sentence(
                "Keys", "The key {name} has expired: create a new key instead of rotating it."
            ).format(name=old.unique_name)
        )
    detail = detail_of(old)
    insert_key(
        NewKey(
            name=detail.name,
            user=detail.user,
            role=detail.role,
            models=list(detail.models),
            skills=list(detail.skills),
            expires=detail.expires,
            opt_in=detail.opt_in,
        ),
        new_prefix,
        unique_name,
        prepared.secret_hash,
        audited={"rotated_from": audit.change(None, prefix)},
    )
    stops = now + grace
    if detail.expires is not None:
        stops = min(detail.expires, stops)
    written = (
        ApiKey.update(expires=stops, version=ApiKey.version + 1)
        .where((ApiKey.id == old.id) & (ApiKey.version == old.version) & ~ApiKey.revoked)
        .execute()
    )
    if written != 1:  # cannot happen under the write lock; never guess
        raise Conflict(sentence("Keys", "The key changed while rotating it; try again."))
    audit.record(
        "rotate",
        key_prefix=old.prefix,
        key_unique_name=old.unique_name,
        subject=detail.user,
        fields={
            "expires": audit.change(detail.expires, stops),
            "rotated_to": audit.change(None, new_prefix),
        },
    )
    return stops
