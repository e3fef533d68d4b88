"""The rules of an API key, each checked on SQLite, PostgreSQL and MariaDB (via ``db``)."""

from __future__ import annotations

import dataclasses
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest

from keydesk import keyformat
from keydesk.errors import (
    Conflict,
    ExpiryExtended,
    KeyRevoked,
    NotFound,
    ValidationError,
)
from keydesk.services import key_removal, keys, users
from keydesk.services.audit import list_audit
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyChanges, KeyRow, NewKey
from keydesk.services.verify import Verifier
from keydesk.store import connection
from keydesk.store.models import ApiKey, AuditEvent, KeyModel, KeySkill, UsageMinute

UNKNOWN_PREFIX = "kd_00000000"


def in_days(days: float) -> datetime:
    return utcnow() + timedelta(days=days)


# --- creation -------------------------------------------------------------------------------


def test_created_key_has_generated_prefix_unique_name_and_owner(make_key, people):
    before = utcnow()
    created = make_key("billing", role="project", models=["alfred-4"], skills=["vision"])
    detail = keys.get_key(created.prefix)

    assert re.fullmatch(r"kd_[0-9A-Za-z]{8}", created.prefix)
    assert re.fullmatch(r"[a-z]+-[a-z]+-\d{4}", created.unique_name)
    assert keyformat.parse_key(created.key).prefix == created.prefix
    assert (detail.prefix, detail.unique_name) == (created.prefix, created.unique_name)
    assert (detail.name, detail.role, detail.user) == ("billing", "project", people[0])
    assert (detail.models, detail.skills) == (("alfred-4",), ("vision",))
    assert before <= detail.created <= utcnow()
    assert detail.expires is None and not detail.has_expired
    assert not detail.revoked and detail.version == 1


def test_name_is_1_to_50_characters_after_trimming(make_key, snapshot):
    fifty = "n" * 50
    assert keys.get_key(make_key(fifty).prefix).name == fifty
    assert keys.get_key(make_key(f"  \t{fifty}  ").prefix).name == fifty
    assert keys.get_key(make_key("  padded name ").prefix).name == "padded name"

    state = snapshot()
    for bad in ("n" * 51, "", "   ", "\t\n"):
        with pytest.raises(ValidationError) as refused:
            make_key(bad)
        assert refused.value.field == "name"
    assert snapshot() == state

    prefix = make_key("short").prefix
    state = snapshot()
    for bad in ("x" * 51, "  "):
        with pytest.raises(ValidationError) as refused:
            keys.edit_key(prefix, KeyChanges(name=bad))
        assert refused.value.field == "name"
    assert snapshot() == state
    assert keys.edit_key(prefix, KeyChanges(name="  renamed  ")).name == "renamed"


def test_role_is_standard_admin_or_project(make_key, snapshot):
    for given, stored in [
        ("standard", "standard"),
        ("admin", "admin"),
        ("project", "project"),
        ("Admin API Key", "admin"),
        (" PROJECT ", "project"),
    ]:
        assert keys.get_key(make_key(role=given).prefix).role == stored

    prefix = make_key(role="standard").prefix
    state = snapshot()
    for bad in ("superuser", "", "standard api", "admins"):
        with pytest.raises(ValidationError) as refused:
            make_key(role=bad)
        assert refused.value.field == "role"
        with pytest.raises(ValidationError) as refused:
            keys.edit_key(prefix, KeyChanges(role=bad))
        assert refused.value.field == "role"
    assert snapshot() == state
    detail = keys.edit_key(prefix, KeyChanges(role="admin"))
    assert (detail.role, detail.role_label) == ("admin", "Admin API Key")


def test_key_has_exactly_one_existing_owner(make_key, snapshot):
    state = snapshot()
    for nobody in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            make_key(user=nobody)
        assert refused.value.field == "user"
    with pytest.raises(NotFound, match=r"nobody@example\.com"):
        make_key(user="nobody@example.com")
    assert snapshot() == state

    detail = keys.get_key(make_key(user="  ALICE@example.com ").prefix)
    assert detail.user == "alice@example.com"
    assert detail.user_display_name == "Alice Admin"


def test_deactivated_user_cannot_get_a_new_key(make_key, people, snapshot):
    alice, bob = people
    kept = make_key(user=bob).prefix
    users.set_user_active(bob, False)

    state = snapshot()
    with pytest.raises(ValidationError) as refused:
        make_key(user=bob)
    assert refused.value.field == "user"
    assert snapshot() == state
    mine = make_key(user=alice).prefix
    state = snapshot()
    with pytest.raises(ValidationError) as refused:
        keys.edit_key(mine, KeyChanges(user=bob))
    assert refused.value.field == "user"
    assert snapshot() == state

    assert keys.get_key(kept).user == bob  # existing keys stay with their owner
    users.set_user_active(bob, True)
    assert keys.get_key(make_key(user=bob).prefix).user == bob


# --- expiry ---------------------------------------------------------------------------------


def test_expiry_at_creation_must_be_in_the_future(make_key, snapshot):
    state = snapshot()
    for past in (utcnow() - timedelta(seconds=1), utcnow() - timedelta(days=400), utcnow()):
        with pytest.raises(ValidationError) as refused:
            make_key(expires=past)
        assert refused.value.field == "expires"
    assert snapshot() == state

    wanted = in_days(30)
    assert keys.get_key(make_key(expires=wanted).prefix).expires == wanted
    # an aware time is stored as UTC, to the second
    aware = datetime(2999, 1, 2, 12, 30, 15, 999, tzinfo=timezone(timedelta(hours=2)))
    stored = keys.get_key(make_key(expires=aware).prefix).expires
    assert stored == datetime(2999, 1, 2, 10, 30, 15)


def test_expiry_may_be_set_on_a_key_that_had_none(make_key):
    prefix = make_key().prefix
    wanted = in_days(10)
    detail = keys.edit_key(prefix, KeyChanges(expires=wanted))
    assert detail.expires == wanted == keys.get_key(prefix).expires


def test_expiry_may_be_moved_earlier(make_key):
    prefix = make_key(expires=in_days(30)).prefix
    earlier = in_days(5)
    assert keys.edit_key(prefix, KeyChanges(expires=earlier)).expires == earlier
    # even into the past: the key then has expired
    past = utcnow() - timedelta(hours=1)
    detail = keys.edit_key(prefix, KeyChanges(expires=past))
    assert detail.expires == past and detail.has_expired


def test_expiry_cannot_be_extended(make_key, snapshot):
    current = in_days(30)
    prefix = make_key(expires=current).prefix
    state = snapshot()
    with pytest.raises(ExpiryExtended) as refused:
        keys.edit_key(prefix, KeyChanges(expires=current + timedelta(seconds=1)))
    assert refused.value.field == "expires"
    with pytest.raises(ExpiryExtended):
        keys.edit_key(prefix, KeyChanges(name="other", expires=in_days(365)))
    assert snapshot() == state
    assert keys.get_key(prefix).expires == current


def test_expiry_cannot_be_removed(make_key, snapshot):
    current = in_days(30)
    prefix = make_key(expires=current).prefix
    state = snapshot()
    with pytest.raises(ExpiryExtended) as refused:
        keys.edit_key(prefix, KeyChanges(expires=None))
    assert refused.value.field == "expires"
    assert snapshot() == state
    # asking for the same expiry again is no change at all
    assert keys.edit_key(prefix, KeyChanges(expires=current)).version == 1
    assert snapshot() == state


# --- revoking and deleting ------------------------------------------------------------------


def test_revoke_is_irreversible(make_key, people, snapshot):
    prefix = make_key(expires=in_days(30)).prefix
    first = keys.revoke_keys([prefix])
    assert first == keys.RevokeResult(revoked=(prefix,), already_revoked=())
    detail = keys.get_key(prefix)
    assert detail.revoked and detail.revoked_at is not None

    state = snapshot()
    again = keys.revoke_keys([prefix])
    assert again == keys.RevokeResult(revoked=(), already_revoked=(prefix,))
    assert snapshot() == state  # harmless: no new time, no new audit event

    every_field = [
        KeyChanges(name="new name"),
        KeyChanges(role="admin"),
        KeyChanges(models=["cosmo-1"]),
        KeyChanges(skills=["vision"]),
        KeyChanges(user=people[1]),
        KeyChanges(expires=in_days(1)),
        KeyChanges(opt_in=True),
    ]
    assert {f.name for f in dataclasses.fields(KeyChanges)} == {
        "name",
        "role",
        "models",
        "skills",
        "user",
        "expires",
        "opt_in",
    }
    for changes in every_field:
        with pytest.raises(KeyRevoked):
            keys.edit_key(prefix, changes)
    assert snapshot() == state
    assert keys.get_key(prefix).revoked
    assert not any(
        "unrevoke" in name or "reinstate" in name or "restore" in name for name in dir(keys)
    )


def test_revoked_key_can_be_deleted(make_key):
    prefix = make_key().prefix
    keys.revoke_keys([prefix])
    assert keys.delete_keys([prefix]) == 1
    with pytest.raises(NotFound):
        keys.get_key(prefix)


def test_bulk_revoke_is_one_transaction(make_key, snapshot):
    first, second, third = (make_key(f"key {i}").prefix for i in range(3))
    keys.revoke_keys([third])
    state = snapshot()
    with pytest.raises(NotFound, match=UNKNOWN_PREFIX):
        keys.revoke_keys([first, second, UNKNOWN_PREFIX, third])
    assert snapshot() == state

    result = keys.revoke_keys([first, second, third, first])
    assert result.revoked == (first, second)
    assert result.already_revoked == (third,)
    assert all(row.revoked for row in keys.list_key_rows())
    revoke_events = AuditEvent.select().where(AuditEvent.action == "revoke").count()
    assert revoke_events == 3


def test_a_bulk_revoke_reports_each_step_and_a_raising_report_rolls_it_back(
    make_key, snapshot, monkeypatch
):
    monkeypatch.setattr(key_removal, "PREFIXES_PER_QUERY", 2)  # several chunks, few keys
    prefixes = [make_key(f"key {i}").prefix for i in range(5)]
    state = snapshot()

    class Stop(Exception):
        pass

    def stop_at_audit(step: str, done: int, total: int) -> None:
        if step == "audit":
            raise Stop  # after every key was flagged, before the commit

    with pytest.raises(Stop):
        keys.revoke_keys(prefixes, progress=stop_at_audit)
    assert snapshot() == state  # nothing revoked, nothing audited

    heard: list[tuple[str, int, int]] = []
    keys.revoke_keys(prefixes, progress=lambda *step: heard.append(step))
    assert [h for h in heard if h[0] == "read"] == [("read", 2, 5), ("read", 4, 5), ("read", 5, 5)]
    assert [h for h in heard if h[0] == "write"] == [
        ("write", 2, 5),
        ("write", 4, 5),
        ("write", 5, 5),
    ]
    assert heard[-1] == ("audit", 5, 5)
    assert all(row.revoked for row in keys.list_key_rows())


def test_a_bulk_delete_reports_each_key_and_a_raising_report_rolls_it_back(make_key, snapshot):
    prefixes = [make_key(f"key {i}").prefix for i in range(3)]
    state = snapshot()

    class Stop(Exception):
        pass

    def stop_at_the_last_chunk(step: str, done: int, total: int) -> None:
        if step == "write" and done == total:
            raise Stop  # every row deleted, not committed yet

    with pytest.raises(Stop):
        keys.delete_keys_report(prefixes, progress=stop_at_the_last_chunk)
    assert snapshot() == state

    heard: list[tuple[str, int, int]] = []
    keys.delete_keys_report(prefixes, progress=lambda *step: heard.append(step))
    assert [h for h in heard if h[0] == "audit"] == [("audit", 3, 3)]  # one batch
    assert heard[0] == ("read", 3, 3) and heard[-1] == ("write", 3, 3)
    assert keys.list_key_rows() == []


def test_bulk_delete_is_one_transaction(make_key, snapshot, db):
    doomed = make_key("doomed", models=["alfred-4"], skills=["vision"], opt_in=True)
    with Verifier(db, remember=False) as verifier:  # leaves usage counts behind
        assert verifier.verify(doomed.key, "alfred-4").valid
    assert UsageMinute.select().count() == 1
    revoked = make_key("revoked").prefix
    keys.revoke_keys([revoked])
    survivor = make_key("survivor", models=["alfred-4"]).prefix

    state = snapshot()
    with pytest.raises(NotFound, match=UNKNOWN_PREFIX):
        keys.delete_keys([doomed.prefix, UNKNOWN_PREFIX, revoked])
    assert snapshot() == state
    with pytest.raises(ValidationError):
        keys.delete_keys([])
    assert snapshot() == state

    assert keys.delete_keys([doomed.prefix, revoked]) == 2
    assert [row.prefix for row in keys.list_key_rows()] == [survivor]
    assert KeyModel.select().count() == 1
    assert KeySkill.select().count() == 0
    assert UsageMinute.select().count() == 0
    deleted = {e.key_prefix for e in list_audit() if e.action == "delete"}
    assert deleted == {doomed.prefix, revoked}


# --- editing --------------------------------------------------------------------------------


def test_key_can_be_reassigned_to_another_user(make_key, people, snapshot):
    alice, bob = people
    prefix = make_key(user=alice).prefix
    detail = keys.edit_key(prefix, KeyChanges(user=bob.upper()))
    assert detail.user == bob and detail.user_display_name == "Bob Builder"
    assert [row.user for row in keys.list_key_rows()] == [bob]

    state = snapshot()
    keys.edit_key(prefix, KeyChanges(user=f" {bob} "))  # the same owner: nothing to do
    assert snapshot() == state
    with pytest.raises(NotFound):
        keys.edit_key(prefix, KeyChanges(user="carol@example.com"))
    assert snapshot() == state


def test_models_and_skills_are_replaced_by_an_edit(make_key, snapshot):
    prefix = make_key(models=["alfred-4", "bertha-2"]).prefix
    assert keys.get_key(prefix).models == ("alfred-4", "bertha-2")

    detail = keys.edit_key(prefix, KeyChanges(models=["cosmo-1", "alfred-4"], skills=["search"]))
    assert (detail.models, detail.skills) == (("alfred-4", "cosmo-1"), ("search",))
    assert keys.models_by_prefix([prefix]) == {prefix: ["alfred-4", "cosmo-1"]}

    state = snapshot()
    with pytest.raises(ValidationError) as refused:
        keys.edit_key(prefix, KeyChanges(models=["cosmo-1", "no-such-model"]))
    assert refused.value.field == "models"
    with pytest.raises(ValidationError) as refused:
        keys.edit_key(prefix, KeyChanges(skills=["telepathy"]))
    assert refused.value.field == "skills"
    assert snapshot() == state

    detail = keys.edit_key(prefix, KeyChanges(models=[], skills=[]))
    assert (detail.models, detail.skills) == ((), ())
    assert keys.models_by_prefix() == {}
    with pytest.raises(ValidationError) as refused:
        keys.create_key(NewKey(name="x", user="alice@example.com", models=["ghost"]))
    assert refused.value.field == "models"


def test_stale_edit_is_a_conflict(make_key, snapshot):
    prefix = make_key().prefix
    opened = keys.get_key(prefix).version
    assert keys.edit_key(prefix, KeyChanges(name="mine"), expected_version=opened).version == (
        opened + 1
    )

    state = snapshot()
    with pytest.raises(Conflict):
        keys.edit_key(prefix, KeyChanges(name="theirs"), expected_version=opened)
    assert snapshot() == state
    assert keys.get_key(prefix).name == "mine"

    keys.revoke_keys([prefix])  # revoking is a change too: stale views must reload
    assert keys.get_key(prefix).version == opened + 2


def test_concurrent_edit_never_unrevokes_a_key(db, make_key, monkeypatch):
    """Another desk revokes the key while this one is inside edit_key, between reading the
    key and writing it: the edit must fail rather than write back its stale "not revoked"."""
    prefix = make_key("target").prefix
    has_read, revoked = threading.Event(), threading.Event()
    check_writable = keys._writable

    def pause_after_reading(key: ApiKey) -> None:
        check_writable(key)
        if threading.current_thread() is not threading.main_thread():
            has_read.set()
            assert revoked.wait(10)

    monkeypatch.setattr(keys, "_writable", pause_after_reading)
    outcome: list[object] = []

    def other_desk() -> None:
        try:
            outcome.append(keys.edit_key(prefix, KeyChanges(name="late edit")))
        except Exception as error:
            outcome.append(error)
        finally:
            connection.database.close()  # this thread's own connection

    def revoking_desk() -> None:
        try:
            keys.revoke_keys([prefix])
        finally:
            connection.database.close()

    desk = threading.Thread(target=other_desk)
    desk.start()
    assert has_read.wait(10)
    revoker = threading.Thread(target=revoking_desk)
    revoker.start()
    # On a server the revoke commits while the edit is paused. On SQLite the edit holds
    # the write lock from BEGIN IMMEDIATE, so the revoke queues behind it instead.
    revoker.join(2)
    revoked.set()
    desk.join(20)
    revoker.join(20)

    detail = keys.get_key(prefix)
    assert detail.revoked and detail.revoked_at is not None
    [result] = outcome
    if db.startswith("sqlite"):  # serialized: the edit, then the revoke; nothing undone
        assert not isinstance(result, Exception), result
        assert detail.name == "late edit"
    else:
        assert isinstance(result, Conflict), result
        assert detail.name == "target"


def test_edit_without_a_change_changes_nothing(make_key, snapshot):
    prefix = make_key("same", role="admin", models=["alfred-4"], opt_in=True).prefix
    state = snapshot()
    same = KeyChanges(name=" same ", role="admin", models=["alfred-4"], opt_in=True)
    assert keys.edit_key(prefix, same).version == 1
    assert snapshot() == state


def test_unknown_prefix_is_not_found(db):
    with pytest.raises(NotFound, match=UNKNOWN_PREFIX):
        keys.get_key(UNKNOWN_PREFIX)
    with pytest.raises(NotFound):
        keys.edit_key(UNKNOWN_PREFIX, KeyChanges(name="x"))


# --- reading --------------------------------------------------------------------------------


def test_list_key_rows_returns_tuples_with_user_email(make_key, people):
    alice, bob = people
    first = make_key("first", role="admin", opt_in=True, expires=in_days(3))
    second = make_key("second", user=bob)
    keys.revoke_keys([second.prefix])

    rows = keys.list_key_rows()
    assert all(type(row) is KeyRow and isinstance(row, tuple) for row in rows)
    assert [(r.prefix, r.unique_name, r.name, r.user, r.role) for r in rows] == [
        (first.prefix, first.unique_name, "first", alice, "admin"),
        (second.prefix, second.unique_name, "second", bob, "standard"),
    ]
    assert [(r.revoked, r.opt_in, r.last_used) for r in rows] == [
        (False, True, None),
        (True, False, None),
    ]
    assert rows[0].expires == keys.get_key(first.prefix).expires and rows[1].expires is None
    assert all(isinstance(r.created, datetime) for r in rows)
    assert keys.count_keys() == 2


def test_models_by_prefix_lists_the_permitted_models_of_each_key(make_key):
    both = make_key(models=["bertha-2", "alfred-4"]).prefix
    one = make_key(models=["cosmo-1"]).prefix
    none = make_key(models=[]).prefix

    assert keys.models_by_prefix() == {both: ["alfred-4", "bertha-2"], one: ["cosmo-1"]}
    assert keys.models_by_prefix([one, none]) == {one: ["cosmo-1"]}
    assert keys.models_by_prefix([]) == {}


def test_key_row_of_deleted_key_disappears_and_audit_outlives_it(make_key):
    created = make_key()
    keys.delete_keys([created.prefix])
    assert keys.list_key_rows() == []
    assert ApiKey.select().count() == 0
    assert [e.action for e in list_audit(key=created.prefix)] == ["delete", "create"]
