"""Every change is audited in its own transaction, with operator and time, never a secret."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keydesk import keyformat
from keydesk.services import audit, catalog, keys, users
from keydesk.services.clock import iso, utcnow
from keydesk.services.keys import KeyChanges, NewKey
from keydesk.store.connection import database_user
from keydesk.store.models import ApiKey, AuditEvent


def test_every_change_is_audited_with_operator_and_time(db):
    started = utcnow()
    users.add_user("alice@example.com", "Alice")
    users.add_user("bob@example.com", "Bob")
    catalog.add_model("alfred-4")
    catalog.add_model("bertha-2")
    catalog.add_skill("vision")
    first_expiry, second_expiry = utcnow() + timedelta(days=9), utcnow() + timedelta(days=3)
    created = keys.create_key(
        NewKey(
            name="first",
            user="alice@example.com",
            models=["alfred-4"],
            skills=["vision"],
            expires=first_expiry,
        )
    )
    keys.edit_key(
        created.prefix,
        KeyChanges(
            name="second",
            role="admin",
            models=["bertha-2"],
            expires=second_expiry,
            opt_in=True,
            user="bob@example.com",
        ),
    )
    users.rename_user("bob@example.com", "Robert")
    users.set_user_active("alice@example.com", False)
    keys.revoke_keys([created.prefix])
    keys.delete_keys([created.prefix])
    finished = utcnow()

    trail = list(reversed(audit.list_audit()))
    assert [entry.action for entry in trail] == [
        "user_add",
        "user_add",
        "model_add",
        "model_add",
        "skill_add",
        "create",
        "edit",
        "reassign",
        "user_edit",
        "user_edit",
        "revoke",
        "delete",
    ]
    for entry in trail:
        assert entry.operator == "test-operator"
        assert started <= entry.at <= finished
        assert entry.db_user == database_user()
    by_action = {entry.action: entry for entry in trail}

    assert trail[0].subject == "alice@example.com"
    assert trail[0].fields == {
        "email": {"before": None, "after": "alice@example.com"},
        "display_name": {"before": None, "after": "Alice"},
    }
    assert trail[2].fields == {"name": {"before": None, "after": "alfred-4"}}
    create = by_action["create"]
    assert (create.key_prefix, create.key_unique_name) == (created.prefix, created.unique_name)
    assert create.subject == "alice@example.com"
    assert {field: values["after"] for field, values in create.fields.items()} == {
        "name": "first",
        "role": "standard",
        "user": "alice@example.com",
        "models": ["alfred-4"],
        "skills": ["vision"],
        "expires": iso(first_expiry),
        "opt_in": False,
    }
    assert by_action["edit"].fields == {
        "name": {"before": "first", "after": "second"},
        "role": {"before": "standard", "after": "admin"},
        "models": {"before": ["alfred-4"], "after": ["bertha-2"]},
        "expires": {"before": iso(first_expiry), "after": iso(second_expiry)},
        "opt_in": {"before": False, "after": True},
    }
    assert by_action["reassign"].fields == {
        "user": {"before": "alice@example.com", "after": "bob@example.com"}
    }
    assert by_action["reassign"].key_prefix == created.prefix
    assert [entry.fields for entry in trail if entry.action == "user_edit"] == [
        {"display_name": {"before": "Bob", "after": "Robert"}},
        {"active": {"before": True, "after": False}},
    ]
    assert by_action["revoke"].fields == {"revoked": {"before": False, "after": True}}
    assert by_action["delete"].key_prefix == created.prefix
    assert by_action["delete"].fields["name"] == {"before": "second", "after": None}
    assert "name: 'first' → 'second'" in by_action["edit"].summary()
    assert by_action["create"].summary().startswith("expires: ")


def test_audit_never_contains_the_secret_or_the_hash(make_key, people):
    created = make_key("leaky?", models=["alfred-4"], opt_in=True)
    secret = keyformat.parse_key(created.key).secret
    hashed = ApiKey.get(ApiKey.prefix == created.prefix).secret_hash
    keys.edit_key(created.prefix, KeyChanges(name="renamed", user=people[1]))
    keys.revoke_keys([created.prefix])
    keys.delete_keys([created.prefix])

    texts = [
        value for row in AuditEvent.select().tuples() for value in row if isinstance(value, str)
    ]
    assert any(created.prefix in text for text in texts)  # the trail names the key...
    for text in texts:  # ...but never holds what unlocks it
        assert created.key not in text
        assert secret not in text
        assert hashed not in text
        assert "$2b$" not in text


def test_audit_refuses_secret_material(db, snapshot):
    state = snapshot()
    for field in ("secret", "secret_hash", "key", "hash"):
        with pytest.raises(AssertionError, match="secret material"):
            audit.record("edit", fields={field: audit.change(None, "x")})
    assert snapshot() == state


def test_audit_can_be_filtered_by_key_and_operator(make_key):
    first = make_key("first")
    audit.set_operator("night-shift")
    second = make_key("second")
    keys.revoke_keys([second.prefix])

    assert [e.action for e in audit.list_audit(key=second.prefix)] == ["revoke", "create"]
    assert [e.action for e in audit.list_audit(key=first.unique_name)] == ["create"]
    assert {e.key_prefix for e in audit.list_audit(operator="night-shift")} == {second.prefix}
    assert audit.list_operators() == ["night-shift", "test-operator"]
    assert len(audit.list_audit(limit=2)) == 2
    # What a person types in the filter box: any part of a prefix or name, any case.
    part = second.prefix[3:9].swapcase()
    assert {e.key_prefix for e in audit.list_audit(key_contains=part)} == {second.prefix}
    assert {e.key_prefix for e in audit.list_audit(key_contains="FIRST")} == set()
    name_part = first.unique_name.split("-")[0].upper()
    assert first.prefix in {e.key_prefix for e in audit.list_audit(key_contains=name_part)}


def test_operator_is_the_os_login_unless_set(monkeypatch):
    audit.set_operator(None)
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "os-login")
    assert audit.current_operator() == "os-login"

    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(audit.getpass, "getuser", no_login)
    assert audit.current_operator() == "unknown"
    audit.set_operator("desk-7")
    assert audit.current_operator() == "desk-7"
