"""Rotating a key: what the new key copies, how long the old one keeps working, and the
audit that links them, on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from keydesk.errors import KeyRevoked, NotFound, ValidationError
from keydesk.services import audit, keys
from keydesk.services.clock import utcnow
from keydesk.services.rotation import DEFAULT_GRACE, parse_duration, rotate_key
from keydesk.services.verify import Verifier


def _epoch(moment: datetime) -> float:
    return moment.replace(tzinfo=timezone.utc).timestamp()


def test_rotation_copies_every_field_but_prefix_and_unique_name(make_key):
    old = make_key(
        name="billing", role="project", models=["alfred-4", "cosmo-1"], skills=["vision"],
        opt_in=True, user="bob@example.com", expires=utcnow() + timedelta(days=30),
    )  # fmt: skip
    rotated = rotate_key(old.prefix)
    before, after = keys.get_key(old.prefix), keys.get_key(rotated.new.prefix)
    assert rotated.new.prefix != old.prefix
    assert after.unique_name != before.unique_name
    for field in ("name", "role", "models", "skills", "opt_in", "user"):
        assert getattr(after, field) == getattr(before, field), field
    assert rotated.new.key.startswith(rotated.new.prefix + "_")


def test_rotation_never_lengthens_a_lifetime(make_key):
    expires = utcnow() + timedelta(hours=2)
    old = make_key(expires=expires)
    rotated = rotate_key(old.prefix, timedelta(days=7))
    assert keys.get_key(rotated.new.prefix).expires == expires  # the old key's expiry
    assert keys.get_key(old.prefix).expires == expires  # the grace is cut at it
    assert rotated.old_expires == expires


def test_old_key_stops_after_the_grace_period(make_key):
    old = make_key()  # no expiry
    now = utcnow()
    rotated = rotate_key(old.prefix, timedelta(hours=1), now=now)
    assert keys.get_key(old.prefix).expires == now + timedelta(hours=1)
    assert keys.get_key(rotated.new.prefix).expires is None


def test_rotated_keys_both_verify_during_the_grace_and_only_the_new_one_after(make_key, db):
    old = make_key()
    now = utcnow()
    rotated = rotate_key(old.prefix, DEFAULT_GRACE, now=now)
    clock = [_epoch(now)]
    with Verifier(db, clock=lambda: clock[0], remember=False) as verifier:
        assert verifier.verify(old.key).valid
        assert verifier.verify(rotated.new.key).valid
        clock[0] += DEFAULT_GRACE.total_seconds() - 1
        assert verifier.verify(old.key).valid
        clock[0] += 1
        assert verifier.verify(old.key).reason == "expired"
        assert verifier.verify(rotated.new.key).valid


def test_grace_zero_stops_the_old_key_now(make_key, db):
    old = make_key()
    rotated = rotate_key(old.prefix, timedelta(0))
    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(old.key).reason == "expired"
        assert verifier.verify(rotated.new.key).valid


def test_audit_links_the_two_keys(make_key):
    old = make_key()
    rotated = rotate_key(old.prefix)
    new_events = audit.list_audit(key=rotated.new.prefix)
    old_events = audit.list_audit(key=old.prefix)
    assert new_events[0].action == "create"
    assert new_events[0].fields["rotated_from"]["after"] == old.prefix
    assert old_events[0].action == "rotate"
    assert old_events[0].fields["rotated_to"]["after"] == rotated.new.prefix
    assert "expires" in old_events[0].fields


def test_a_revoked_key_cannot_be_rotated(make_key, snapshot):
    old = make_key()
    keys.revoke_keys([old.prefix])
    before = snapshot()
    with pytest.raises(KeyRevoked):
        rotate_key(old.prefix)
    assert snapshot() == before


def test_an_expired_key_cannot_be_rotated(make_key):
    old = make_key(expires=utcnow() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="expired"):
        rotate_key(old.prefix, now=utcnow() + timedelta(hours=2))


def test_an_unknown_prefix_rotates_nothing(db):
    with pytest.raises(NotFound):
        rotate_key("kd_00000000")


def test_the_new_key_is_not_in_its_repr(make_key):
    rotated = rotate_key(make_key().prefix)
    assert rotated.new.key not in repr(rotated)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", timedelta(0)),
        ("30m", timedelta(minutes=30)),
        ("24h", timedelta(hours=24)),
        ("7d", timedelta(days=7)),
        (" 2W ", timedelta(weeks=2)),
        ("90s", timedelta(seconds=90)),
    ],
)
def test_durations_read_as_people_write_them(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "-1h", "1.5h", "tomorrow", "24 hours"])
def test_other_durations_are_refused(text):
    with pytest.raises(ValidationError):
        parse_duration(text)


def test_the_new_key_is_stored_nowhere_in_clear(make_key, db, tmp_path, caplog):
    import logging

    from keydesk import keyformat

    caplog.set_level(logging.DEBUG)
    rotated = rotate_key(make_key().prefix)
    secret = keyformat.parse_key(rotated.new.key).secret
    assert secret not in caplog.text
    if db.startswith("sqlite"):
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("keydesk.db*"))
        assert rotated.new.prefix.encode() in stored  # the file really is the one written
        assert secret.encode() not in stored
    assert all(secret not in repr(vars(e)) for e in audit.list_audit())
