"""Verifying a presented key, on every backend: parse → checksum → lookup → bcrypt →
revoked? → expired? → model permitted? — and usage is recorded only with consent.

Each rule is checked through a :class:`~keydesk.Verifier` (the ``verifier`` fixture,
which remembers keys and follows changes) the way a service calls it; memory, the change
feed and failures have their own file, test_verifier_memory.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import bcrypt
import pytest
from support.verifying import caught_up, other_secret

import keydesk
from keydesk import keyformat
from keydesk.errors import NotFound
from keydesk.services import keys
from keydesk.services.clock import utcnow
from keydesk.services.hashing import hash_secret
from keydesk.services.keys import KeyChanges, NewKey, PreparedSecret
from keydesk.services.verify import Verdict, Verifier
from keydesk.store.models import ApiKey, UsageMinute


@pytest.fixture
def checkpw_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts bcrypt checks: the list grows by one per ``bcrypt.checkpw`` call."""
    calls: list[int] = []
    real = bcrypt.checkpw

    def counting(password: bytes, hashed: bytes) -> bool:
        calls.append(1)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting)
    return calls


@pytest.fixture
def verify_key(verifier: Verifier) -> Callable[..., Verdict]:
    """``verify_key(key, model=None)`` through the test's verifier, after the follower has
    caught up with everything committed before the call (so a rule is judged on the rows
    as the test left them, not on what memory held a moment ago)."""

    def verify(key: object, model: str | None = None) -> Verdict:
        caught_up(verifier)
        return verifier.verify(key, model)

    return verify


def test_valid_key_verifies(make_key, verify_key, db):
    created = make_key(models=["alfred-4", "bertha-2"])
    for model in (None, "alfred-4", "bertha-2", " bertha-2 "):
        verdict = verify_key(created.key, model)
        assert verdict == Verdict(True, None, created.prefix)
        assert verdict and verdict.code == "valid"
    assert keydesk.verify(created.key, "alfred-4", db_url=db).valid  # the library entry point


def test_malformed_key_is_refused_without_a_bcrypt_check(make_key, verify_key, checkpw_calls):
    created = make_key()
    typo = created.key[:-1] + ("A" if created.key[-1] != "A" else "B")
    for text in (typo, "", "kd_", created.key + "x", created.key.upper(), None, 42, b"kd_"):
        verdict = verify_key(text)
        assert (verdict.valid, verdict.reason, verdict.code) == (False, "malformed", "malformed")
    assert checkpw_calls == []


def test_unknown_prefix_costs_one_bcrypt_check(make_key, verify_key, checkpw_calls):
    make_key()
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    verdict = verify_key(unknown)
    assert (verdict.valid, verdict.reason) == (False, "unknown")
    assert len(checkpw_calls) == 1


def test_wrong_secret_with_known_prefix_is_unknown(make_key, verify_key, checkpw_calls):
    created = make_key()
    verdict = verify_key(other_secret(created.key))
    assert verdict == Verdict(False, "unknown", created.prefix)
    assert len(checkpw_calls) == 1


def test_prefix_is_matched_exactly(make_key, verify_key, people):
    secret = keyformat.generate_secret()
    prepared = PreparedSecret("kd_AbCdEfGh", secret, hash_secret(secret))
    created = keys.create_key(NewKey(name="mixed case", user=people[0]), prepared)
    assert created.prefix == "kd_AbCdEfGh" and verify_key(created.key).valid

    # the real secret behind a prefix that differs only in case (MySQL collations ignore
    # case, so the service must compare exactly itself)
    swapped = keyformat.format_key("kd_aBcDeFgH", secret)
    assert verify_key(swapped) == Verdict(False, "unknown", "kd_aBcDeFgH")
    for action in (keys.get_key, lambda p: keys.edit_key(p, KeyChanges(name="x"))):
        with pytest.raises(NotFound):
            action("kd_aBcDeFgH")
    with pytest.raises(NotFound):
        keys.revoke_keys(["kd_aBcDeFgH"])
    assert not keys.get_key(created.prefix).revoked


def test_revoked_key_is_refused(make_key, verify_key):
    created = make_key(models=["alfred-4"])
    keys.revoke_keys([created.prefix])
    assert verify_key(created.key).reason == "revoked"
    assert verify_key(created.key, "alfred-4").reason == "revoked"
    # only the holder of the secret learns that the key was revoked
    assert verify_key(other_secret(created.key)).reason == "unknown"


def test_expired_key_is_refused(make_key, verify_key):
    stored = make_key("stored past")
    ApiKey.update(expires=utcnow() - timedelta(seconds=1)).where(
        ApiKey.prefix == stored.prefix
    ).execute()
    assert verify_key(stored.key).reason == "expired"

    edited = make_key("edited earlier", expires=utcnow() + timedelta(days=1))
    assert verify_key(edited.key).valid
    keys.edit_key(edited.prefix, KeyChanges(expires=utcnow() - timedelta(minutes=1)))
    assert verify_key(edited.key).reason == "expired"

    # expiry is checked after revocation, and "expires" is inclusive of that very second
    keys.revoke_keys([edited.prefix])
    assert verify_key(edited.key).reason == "revoked"
    soon = make_key("expires now")
    ApiKey.update(expires=utcnow()).where(ApiKey.prefix == soon.prefix).execute()
    assert verify_key(soon.key).reason == "expired"


def test_model_must_be_permitted(make_key, verify_key):
    some = make_key(models=["alfred-4"])
    none = make_key(models=[])
    assert verify_key(some.key, "bertha-2") == Verdict(False, "model_not_permitted", some.prefix)
    assert verify_key(some.key, "not-in-catalog").reason == "model_not_permitted"
    assert verify_key(some.key, "ALFRED-4").reason == "model_not_permitted"
    for model in ("alfred-4", "bertha-2"):
        assert verify_key(none.key, model).reason == "model_not_permitted"
    # asking for no particular model only proves the key itself
    assert verify_key(none.key).valid


def test_opted_in_key_records_usage(make_key, verifier, verify_key):
    created = make_key(models=["alfred-4"], opt_in=True)
    before = utcnow()
    assert verify_key(created.key, "alfred-4").valid
    assert verify_key(created.key).valid
    assert verify_key(created.key, " alfred-4 ").valid  # counted under the catalog's name
    after = utcnow()
    assert verifier.flush()

    rows = list(UsageMinute.select().order_by(UsageMinute.model))
    assert [(row.model, row.calls) for row in rows] == [("", 1), ("alfred-4", 2)]
    assert all(before.replace(second=0) <= row.minute <= after for row in rows)
    assert {row.key_id for row in rows} == {ApiKey.get(prefix=created.prefix).id}
    last_used = keys.get_key(created.prefix).last_used
    assert last_used is not None and before <= last_used <= after
    assert [row.last_used for row in keys.list_key_rows()] == [last_used]


def test_key_without_opt_in_records_nothing(
    make_key, verifier, verify_key, snapshot: Callable[[], object]
):
    created = make_key(models=["alfred-4"], opt_in=False)
    state = snapshot()
    assert verify_key(created.key, "alfred-4").valid
    assert verify_key(created.key).valid
    assert verifier.flush()
    assert snapshot() == state
    assert keys.get_key(created.prefix).last_used is None
    assert UsageMinute.select().count() == 0

    # withdrawing consent stops recording at once, even for calls counted before the
    # write: consent is read again in the write's transaction
    consenting = make_key(models=["alfred-4"], opt_in=True)
    assert verify_key(consenting.key).valid
    keys.edit_key(consenting.prefix, KeyChanges(opt_in=False))
    state = snapshot()
    assert verifier.flush()
    assert verify_key(consenting.key).valid
    assert verifier.flush()
    assert snapshot() == state


def test_failed_verification_records_nothing(
    make_key, verifier, verify_key, snapshot: Callable[[], object]
):
    created = make_key(models=["alfred-4"], opt_in=True)
    revoked = make_key(opt_in=True)
    keys.revoke_keys([revoked.prefix])
    expired = make_key(opt_in=True)
    ApiKey.update(expires=utcnow() - timedelta(days=1)).where(
        ApiKey.prefix == expired.prefix
    ).execute()

    state = snapshot()
    failures = [
        verify_key(created.key, "bertha-2"),
        verify_key(other_secret(created.key)),
        verify_key(created.key[:-2]),
        verify_key(revoked.key),
        verify_key(expired.key),
    ]
    assert [v.reason for v in failures] == [
        "model_not_permitted",
        "unknown",
        "malformed",
        "revoked",
        "expired",
    ]
    assert verifier.flush()
    assert snapshot() == state
