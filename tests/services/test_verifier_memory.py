"""What a Verifier remembers, for how long, and what it never keeps, on every backend.

The rules of a verdict are in test_verification.py; here: one bcrypt per key and process,
digests instead of keys in memory, a wrong secret that never evicts the good entry,
expiry judged at every call, changes followed within the bound, usage counted exactly
once, a bounded bcrypt pool that a flood of unknown keys cannot use to stall answers from
memory, and a hypothesis check that memory and a fresh bcrypt path always agree.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta

import bcrypt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.verifying import caught_up, other_secret

from keydesk import keyformat
from keydesk.services import keys
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyChanges
from keydesk.services.verify import Verdict, Verifier
from keydesk.store.models import ApiKey, UsageMinute


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The hashes bcrypt was asked to check against, one entry per check."""
    seen: list[bytes] = []
    real = bcrypt.checkpw

    def counting(password: bytes, hashed: bytes) -> bool:
        seen.append(hashed)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting)
    return seen


def test_second_check_of_a_key_costs_no_bcrypt(make_key, verifier, checks):
    created = make_key(models=["alfred-4"])
    assert verifier.verify(created.key, "alfred-4").valid
    assert len(checks) == 1
    caught_up(verifier)
    for model in ("alfred-4", None, " alfred-4 ", "bertha-2"):
        verifier.verify(created.key, model)
    assert len(checks) == 1
    assert verifier.memory_hits == 4
    assert verifier.remembered(created.key, "bertha-2") == Verdict(
        False, "model_not_permitted", created.prefix
    )


def test_memory_never_holds_the_plaintext(make_key, verifier):
    created = [make_key(f"key {n}", models=["alfred-4"]) for n in range(3)]
    for key in created:
        assert verifier.verify(key.key).valid
    assert verifier.remembered_count == 3
    secrets_ = [keyformat.parse_key(key.key).secret for key in created]
    for digest, entry in verifier._known.items():
        assert isinstance(digest, bytes) and len(digest) == 16
        assert not any(secret.encode() in digest for secret in secrets_)
        text = repr(vars(entry.facts)) + repr(entry.valid)
        assert not any(secret in text for secret in secrets_)
    # nothing the verifier refers to, however deep, is a key or a secret
    reachable = gc.get_referents(*gc.get_referents(verifier))
    for item in reachable + list(verifier._by_prefix):
        if isinstance(item, str):
            assert not any(secret in item for secret in secrets_)


def test_the_digest_key_is_random_per_process(make_key, db):
    created = make_key()
    with Verifier(db, follow_interval=0.02) as one, Verifier(db, follow_interval=0.02) as two:
        assert one.verify(created.key).valid and two.verify(created.key).valid
        assert set(one._known).isdisjoint(two._known)


def test_a_wrong_secret_costs_a_bcrypt_and_never_evicts_the_good_entry(make_key, verifier, checks):
    created = make_key()
    assert verifier.verify(created.key).valid
    caught_up(verifier)
    wrong = other_secret(created.key)
    for _ in range(2):
        assert verifier.verify(wrong) == Verdict(False, "unknown", created.prefix)
    assert len(checks) == 3  # the good key once, each wrong secret once
    assert verifier.verify(created.key).valid
    assert len(checks) == 3  # still answered from memory


def test_unknown_prefix_and_wrong_secret_check_against_the_same_cost(make_key, db, checks):
    created = make_key()
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(unknown).reason == "unknown"
        assert verifier.verify(other_secret(created.key)).reason == "unknown"
    assert len(checks) == 2
    assert checks[0][:7] == checks[1][:7] == b"$2b$04$"  # same algorithm and cost


def test_expiry_is_judged_at_every_call(make_key, db, checks):
    created = make_key(expires=utcnow() + timedelta(hours=1))
    now = [time.time()]
    with Verifier(db, clock=lambda: now[0], follow_interval=0.02) as verifier:
        assert verifier.verify(created.key).valid
        caught_up(verifier)
        now[0] += 3599
        assert verifier.verify(created.key).valid
        now[0] += 2
        assert verifier.verify(created.key) == Verdict(False, "expired", created.prefix)
        assert len(checks) == 1  # judged from memory both times


def test_edits_reach_memory_without_a_second_bcrypt(make_key, verifier, checks):
    created = make_key(models=["alfred-4"], expires=utcnow() + timedelta(days=30))
    assert verifier.verify(created.key, "alfred-4").valid
    keys.edit_key(created.prefix, KeyChanges(models=["bertha-2"]))
    caught_up(verifier)
    assert verifier.verify(created.key, "alfred-4").reason == "model_not_permitted"
    assert verifier.verify(created.key, "bertha-2").valid
    keys.edit_key(created.prefix, KeyChanges(user="bob@example.com"))
    caught_up(verifier)
    assert verifier.verify(created.key).user == "bob@example.com"
    keys.edit_key(created.prefix, KeyChanges(expires=utcnow() - timedelta(minutes=1)))
    caught_up(verifier)
    assert verifier.verify(created.key).reason == "expired"
    assert len(checks) == 1
    keys.delete_keys([created.prefix])
    caught_up(verifier)
    assert verifier.remembered_count == 0
    assert verifier.verify(created.key).reason == "unknown"


def test_memory_is_not_trusted_once_the_follower_stops(make_key, db, checks):
    created = make_key()
    with Verifier(db, follow_interval=0.02, stale_after=0.2) as verifier:
        assert verifier.verify(created.key).valid
        caught_up(verifier)
        assert verifier.follower is not None
        verifier.follower.stop()  # as if the feed were lost for good
        keys.revoke_keys([created.prefix])
        time.sleep(0.25)
        assert verifier.remembered(created.key) is None  # memory may not answer now
        assert verifier.verify(created.key).reason == "revoked"  # the row, read again
        assert verifier.rereads >= 1
        assert len(checks) == 1  # never a second bcrypt


def test_usage_is_counted_exactly_once_across_flushes(make_key, verifier):
    consenting = make_key("counted", models=["alfred-4"], opt_in=True)
    private = make_key("private", models=["alfred-4"], opt_in=False)
    done = 0
    for round_ in range(3):
        for _ in range(50):
            assert verifier.verify(consenting.key, "alfred-4").valid
            assert verifier.verify(private.key, "alfred-4").valid
            done += 1
        if round_ < 2:
            assert verifier.flush()
    # the writer thread may have flushed meanwhile too: counts add up all the same
    assert verifier.flush()
    rows = list(UsageMinute.select(UsageMinute.key, UsageMinute.model, UsageMinute.calls).tuples())
    consenting_id = ApiKey.get(ApiKey.prefix == consenting.prefix).id
    assert {key_id for key_id, _, _ in rows} == {consenting_id}
    assert sum(calls for _, _, calls in rows) == done
    assert keys.get_key(private.prefix).last_used is None
    assert keys.get_key(consenting.prefix).last_used is not None


def test_usage_write_is_retried_and_never_changes_a_verdict(make_key, verifier, monkeypatch):
    created = make_key(opt_in=True)
    assert verifier.verify(created.key).valid

    import peewee

    from keydesk.services import usage

    real = usage._upsert
    failing = [True]

    def sometimes(db, rows):
        if failing[0]:
            raise peewee.OperationalError("database is locked")
        return real(db, rows)

    monkeypatch.setattr(usage, "_upsert", sometimes)
    assert not verifier.flush()  # failed: kept for later
    assert verifier.verify(created.key).valid  # verdicts go on
    failing[0] = False
    assert verifier.flush()
    assert sum(row.calls for row in UsageMinute.select()) == 2


def test_a_flood_of_unknown_keys_never_delays_answers_from_memory(make_key, db, monkeypatch):
    remembered = make_key()
    release = threading.Event()
    running: list[int] = []
    real = bcrypt.checkpw

    def held(password: bytes, hashed: bytes) -> bool:
        running.append(1)
        release.wait(10)
        return real(password, hashed)

    with Verifier(db, follow_interval=0.02, bcrypt_workers=1) as verifier:
        assert verifier.verify(remembered.key).valid
        caught_up(verifier)
        monkeypatch.setattr(bcrypt, "checkpw", held)
        flood = [
            keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
            for _ in range(6)
        ]
        threads = [threading.Thread(target=verifier.verify, args=(key,)) for key in flood]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while verifier.bcrypt_queue < len(flood):
            assert time.monotonic() < deadline
            time.sleep(0.005)
        assert len(running) == 1  # one worker: the others queue
        assert verifier.verify(remembered.key).valid  # answered while the pool is full
        release.set()
        for thread in threads:
            thread.join(10)
        assert verifier.bcrypt_queue == 0


def test_a_database_out_of_reach_is_a_verdict_not_an_exception(sqlite_db, tmp_path):
    with Verifier("postgresql://nobody@127.0.0.1:9/nothing", remember=False) as verifier:
        key = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
        verdict = verifier.verify(key)
        assert (verdict.valid, verdict.reason) == (False, "unavailable")
        assert verifier.problem is not None and "127.0.0.1:9" in verifier.problem
        assert (
            key not in verifier.problem and keyformat.parse_key(key).secret not in verifier.problem
        )
        assert not verifier.healthy()


# --- memory and a fresh bcrypt path always agree (SQLite) -----------------------------------

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("verify"), st.integers(0, 2), st.sampled_from([None, "alfred-4", "bertha-2", "nope"])),
        st.tuples(st.just("wrong"), st.integers(0, 2), st.none()),
        st.tuples(st.just("revoke"), st.integers(0, 2), st.none()),
        st.tuples(st.just("models"), st.integers(0, 2), st.sampled_from([(), ("alfred-4",), ("alfred-4", "bertha-2")])),
        st.tuples(st.just("expire"), st.integers(0, 2), st.none()),
        st.tuples(st.just("delete"), st.integers(0, 2), st.none()),
    ),
    min_size=1,
    max_size=12,
)  # fmt: skip


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_memory_and_a_fresh_bcrypt_path_always_agree(db, make_key, operations):
    created = [make_key(f"key {n}", models=["alfred-4"], opt_in=n == 1) for n in range(3)]
    with Verifier(db, remember=False) as fresh, Verifier(db, follow_interval=0.02) as remembering:
        for action, index, argument in operations:
            key = created[index]
            row = ApiKey.get_or_none(ApiKey.prefix == key.prefix)
            if action == "revoke" and row is not None:
                keys.revoke_keys([key.prefix])
            elif action == "models" and row is not None and not row.revoked:
                keys.edit_key(key.prefix, KeyChanges(models=list(argument)))
            elif action == "expire" and row is not None and not row.revoked:
                earlier = utcnow() - timedelta(seconds=1)
                if row.expires is None or row.expires > earlier:
                    keys.edit_key(key.prefix, KeyChanges(expires=earlier))
            elif action == "delete" and row is not None:
                keys.delete_keys([key.prefix])
            presented = other_secret(key.key) if action == "wrong" else key.key
            model = argument if action == "verify" else None
            caught_up(remembering)
            assert remembering.verify(presented, model) == fresh.verify(presented, model)


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_a_long_write_elsewhere_never_fails_a_verification(make_key, db, verifier):
    """On SQLite a verification once wrote its usage in the call and failed with
    "database is locked" behind a long bulk write; now only the write waits."""
    created = make_key(opt_in=True)
    assert verifier.verify(created.key).valid
    verifier.flush()
    blocker = sqlite3.connect(db.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another desk's long bulk revoke holds the lock
    try:
        for _ in range(3):
            assert verifier.verify(created.key).valid
        assert not verifier.flush()  # waited for the lock, gave up, kept the counts
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert verifier.flush()
    assert sum(row.calls for row in UsageMinute.select()) == 4


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_keydesk_verify_uses_keydesk_db_and_writes_usage_at_exit(make_key, db):
    created = make_key(opt_in=True)
    script = (
        "import sys, keydesk\n"
        "verdict = keydesk.verify(sys.stdin.readline().strip(), None)\n"
        "print(verdict.code)\n"  # and exit at once: no close(), no flush()
    )
    env = {**os.environ, "KEYDESK_DB": db, "KEYDESK_BCRYPT_ROUNDS": "4"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=created.key + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.stdout.strip() == "valid", done.stderr
    assert [row.calls for row in UsageMinute.select()] == [1]
    assert keys.get_key(created.prefix).last_used is not None
