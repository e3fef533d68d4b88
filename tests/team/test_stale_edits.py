"""No lost update between desks: a stale edit is refused with what the other person changed,
and revoking or deleting a key someone else already revoked or deleted is harmless.

The other desk is the command line in another process, with its own connection."""

from __future__ import annotations

from datetime import datetime

import pytest

from keydesk.errors import Conflict, NotFound
from keydesk.services import audit, keys
from keydesk.services.keys import KeyChanges
from keydesk.store.models import AuditEvent

BOB = "bob@example.com"
LATER = "2099-01-01T10:00:00+00:00"
servers = pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)


def test_stale_edit_is_refused_naming_who_changed_what(desk, make_key):
    prefix = make_key("mine").prefix
    loaded = keys.get_key(prefix)  # the dialog opens
    desk("keys", "edit", prefix, "--name", "theirs", "--expires", LATER)  # ada saves first

    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(role="admin"), base=loaded)
    error = refused.value
    assert str(error) == (
        "ada changed this key while you were editing it: name is now 'theirs', "
        "expiry is now 2099-01-01 10:00 UTC. Reload it and apply your change again."
    )
    assert error.by == "ada"
    assert error.changed_fields == {
        "name": ("mine", "theirs"),
        "expires": (None, datetime(2099, 1, 1, 10, 0)),
    }
    assert isinstance(error.current, keys.KeyDetail) and error.current.name == "theirs"

    # Nothing was lost: ada's change stands, ours was not written ...
    now = keys.get_key(prefix)
    assert (now.name, now.role, now.version) == ("theirs", "standard", loaded.version + 1)
    # ... and after a reload ours applies on top of it.
    saved = keys.edit_key(prefix, KeyChanges(role="admin"), base=now)
    assert (saved.name, saved.role, saved.expires) == ("theirs", "admin", now.expires)
    assert [e.operator for e in audit.list_audit(key=prefix)][:2] == ["test-operator", "ada"]


def test_stale_edit_with_only_a_version_still_names_who(desk, make_key):
    prefix = make_key().prefix
    opened = keys.get_key(prefix).version
    desk("keys", "edit", prefix, "--user", BOB)
    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(name="late"), expected_version=opened)
    assert refused.value.by == "ada"
    assert str(refused.value).startswith("ada changed this key while you were editing it")
    assert keys.get_key(prefix).user == BOB


@servers
def test_edit_that_loses_the_race_names_the_change_that_won(desk, make_key, monkeypatch):
    """The version matched when read, but ada's edit commits between our read and our
    write: the conditional write refuses, and the message says what ada changed."""
    prefix = make_key("mine").prefix
    check_writable = keys._writable

    def ada_saves_meanwhile(key):
        check_writable(key)
        desk("keys", "edit", prefix, "--name", "theirs")

    monkeypatch.setattr(keys, "_writable", ada_saves_meanwhile)
    loaded = keys.get_key(prefix)
    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(role="project"), expected_version=loaded.version)
    error = refused.value
    assert error.by == "ada"
    assert error.changed_fields == {"name": ("mine", "theirs")}
    assert "name is now 'theirs'" in str(error)
    now = keys.get_key(prefix)
    assert (now.name, now.role) == ("theirs", "standard")


def test_edit_of_a_key_revoked_meanwhile_says_it_is_revoked(desk, make_key):
    prefix = make_key().prefix
    loaded = keys.get_key(prefix)
    desk("keys", "revoke", prefix)
    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(name="late"), base=loaded)
    assert str(refused.value) == (
        "ada revoked this key while you were editing it; a revoked key can no longer be "
        "changed, only deleted."
    )
    assert refused.value.changed_fields == {"revoked": (False, True)}


def test_edit_of_a_key_deleted_meanwhile_says_it_is_gone(desk, make_key):
    prefix = make_key().prefix
    loaded = keys.get_key(prefix)
    desk("keys", "delete", prefix, "--yes")
    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(name="late"), base=loaded)
    assert str(refused.value) == (
        "ada deleted this key while you were editing it, so your change was not saved."
    )
    assert refused.value.current is None


def test_revoking_a_key_twice_is_harmless_and_says_so(desk, make_key):
    prefix = make_key().prefix
    desk("keys", "revoke", prefix)
    result = keys.revoke_keys([prefix])
    assert (result.revoked, result.already_revoked) == ((), (prefix,))
    assert result.summary() == f"{prefix} was already revoked."
    again = desk("keys", "revoke", prefix)
    assert again.out == f"{prefix} was already revoked.\n"
    assert AuditEvent.select().where(AuditEvent.action == "revoke").count() == 1


def test_deleting_a_deleted_key_is_harmless_when_asked(desk, make_key):
    gone, kept, other = (make_key(f"key {i}").prefix for i in range(3))
    desk("keys", "delete", gone, "--yes")

    with pytest.raises(NotFound):  # the command line's contract stays strict
        keys.delete_keys([gone, kept])
    assert [row.prefix for row in keys.get_key_rows([kept])] == [kept]

    assert keys.delete_keys([gone, kept], missing_ok=True) == 1
    report = keys.delete_keys_report([gone, other])
    assert (report.deleted, report.already_deleted) == ((other,), (gone,))
    assert report.summary() == f"Deleted {other}. {gone} was already deleted."
    revoked = keys.revoke_keys([gone], missing_ok=True)
    assert (revoked.revoked, revoked.missing) == ((), (gone,))
    assert revoked.summary() == f"{gone} no longer exists."
    assert keys.list_key_rows() == []


def test_get_key_rows_returns_just_those_rows_in_creation_order(make_key):
    prefixes = [make_key(f"key {i}").prefix for i in range(4)]
    rows = keys.get_key_rows([prefixes[2], prefixes[0], "kd_NoSuchK3", prefixes[2].upper()])
    assert [row.prefix for row in rows] == [prefixes[0], prefixes[2]]
    everything = {row.prefix: row for row in keys.list_key_rows()}
    assert rows == [everything[prefixes[0]], everything[prefixes[2]]]
    assert keys.get_key_rows([]) == []


def test_a_conflict_with_the_same_login_says_someone_else(make_key):
    """Another window, or a shared OS login: the trail names our own operator, so the
    message does not claim it was someone by that name."""
    prefix = make_key("mine").prefix
    loaded = keys.get_key(prefix)
    keys.edit_key(prefix, KeyChanges(name="other window", models=["alfred-4"]))
    with pytest.raises(Conflict) as refused:
        keys.edit_key(prefix, KeyChanges(opt_in=True), base=loaded)
    assert str(refused.value) == (
        "This key was changed by someone else (also signed in as test-operator) while you "
        "were editing it: name is now 'other window', permitted models are now alfred-4. "
        "Reload it and apply your change again."
    )
    assert refused.value.by == "test-operator"
