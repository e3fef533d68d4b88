"""Roles enforced by the server (PostgreSQL): ``keydesk db roles`` makes a support role that
reads everything but the secret hashes and may only revoke, through ``keydesk_revoke()``,
and an admin role with full rights. Proven with raw SQL as the support role, then through
keydesk's own services; and the app's capability detection for each role and for SQLite.
"""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import pytest

from keydesk.cli import main
from keydesk.errors import PermissionDenied
from keydesk.services import capabilities, catalog, keys, users
from keydesk.services.audit import list_audit
from keydesk.services.changes import ChangeFeed
from keydesk.services.keys import KeyChanges, NewKey
from keydesk.store import connection
from keydesk.store.models import ALL_TABLES

postgres_only = pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
SUPPORT_SENTENCE = "may only inspect and revoke keys."


def raw(url: str):
    """A plain psycopg2 connection logging in as the URL's user (autocommit)."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def every_row() -> dict[str, list[tuple[object, ...]]]:
    return {m._meta.table_name: list(m.select().order_by(m.id).tuples()) for m in ALL_TABLES}


@postgres_only
def test_support_role_cannot_edit_unrevoke_delete_or_read_hashes(team_roles, make_key):
    active, revoked = make_key("active").prefix, make_key("revoked").prefix
    keys.revoke_keys([revoked])
    before = every_row()

    support = raw(team_roles.support_url)
    try:
        forbidden = (
            ("UPDATE api_key SET name = 'hacked'", ()),
            ("UPDATE api_key SET revoked = false WHERE prefix = %s", (revoked,)),
            ("UPDATE api_key SET expires = NULL", ()),
            ("DELETE FROM api_key", ()),
            ("DELETE FROM key_model", ()),
            ("INSERT INTO api_key (prefix) VALUES ('kd_forged00')", ()),
            ("SELECT secret_hash FROM api_key", ()),
            ("SELECT * FROM api_key", ()),
            (
                "INSERT INTO audit_event (at, operator, action, details) "
                "VALUES (now(), 'forged', 'edit', '{}')",
                (),
            ),
            ('UPDATE "user" SET active = false', ()),
        )
        for sql, params in forbidden:
            with support.cursor() as cursor, pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(sql, params)

        with support.cursor() as cursor:
            cursor.execute("SELECT prefix, name, revoked, version FROM api_key ORDER BY id")
            assert [row[:3] for row in cursor.fetchall()] == [
                (active, "active", False),
                (revoked, "revoked", True),
            ]
            cursor.execute("SELECT count(*) FROM audit_event")
            assert cursor.fetchone()[0] > 0
        assert every_row() == before

        # Revoking goes through the function: it revokes, bumps the version and audits
        # with the support login as operator, all at once; it never un-revokes.
        with support.cursor() as cursor:
            cursor.execute("SELECT * FROM keydesk_revoke(%s::text[], NULL)", ([active, revoked],))
            assert cursor.fetchall() == [(active, "revoked"), (revoked, "already_revoked")]
    finally:
        support.close()
    detail = keys.get_key(active)
    assert detail.revoked and detail.version == 2
    [entry] = [e for e in list_audit(key=active) if e.action == "revoke"]
    assert (entry.operator, entry.db_user) == (team_roles.support_login,) * 2
    assert entry.fields == {"revoked": {"before": False, "after": True}}


@postgres_only
def test_keydesk_works_as_support_and_refuses_with_a_sentence(team_roles, make_key):
    target, other = make_key("target").prefix, make_key("other").prefix
    connection.open_database(team_roles.support_url)

    assert [row.prefix for row in keys.list_key_rows()] == [target, other]
    assert keys.get_key(target).name == "target"
    assert [row.prefix for row in keys.get_key_rows([other])] == [other]
    assert [u.email for u in users.list_users()] == ["alice@example.com", "bob@example.com"]
    assert capabilities.revokes_through_function()

    refused = (
        ("edit", lambda: keys.edit_key(target, KeyChanges(name="renamed"))),
        ("create", lambda: keys.create_key(NewKey(name="new", user="alice@example.com"))),
        ("delete", lambda: keys.delete_keys([target])),
        ("manage_users", lambda: users.add_user("carol@example.com")),
        ("manage_users", lambda: users.rename_user("alice@example.com", "Alice A.")),
        ("manage_catalog", lambda: catalog.add_model("new-model-1")),
    )
    for action, attempt in refused:
        with pytest.raises(PermissionDenied) as denied:
            attempt()
        message = str(denied.value)
        expected = {
            "manage_users": "may not add or change users.",
            "manage_catalog": "may not change the catalog of models and skills.",
        }.get(action, SUPPORT_SENTENCE)
        assert message == f"Your database role ({team_roles.support}) {expected}"
        assert denied.value.action == action

    feed = ChangeFeed()  # the live refresh works for the support role too
    result = keys.revoke_keys([target], request_id="req-1")
    assert (result.revoked, result.already_revoked) == ((target,), ())
    assert keys.revoke_keys([target, other], request_id="req-1").already_revoked == (target,)
    assert keys.get_key(other).revoked  # the second call revoked the other key
    assert feed.poll().changed == {target, other}
    feed.close()
    [entry, *_] = list_audit(key=target)
    assert (entry.action, entry.operator) == ("revoke", team_roles.support_login)

    connection.open_database(team_roles.owner_url)
    assert [row.name for row in keys.list_key_rows()] == ["target", "other"]
    assert len(list_audit(key=target)) == 2  # create and one revoke: the replay was harmless


@postgres_only
def test_capabilities_follow_the_role(team_roles):
    owner = capabilities.detect()
    assert owner.everything and owner.reason("edit") == ""

    connection.open_database(team_roles.support_url)
    support = capabilities.detect()
    assert (support.can_revoke, support.role) == (True, team_roles.support)
    for action in ("create", "edit", "delete", "manage_users", "manage_catalog"):
        assert not support.allows(action)
    assert support.reason("edit") == f"Your database role ({team_roles.support}) {SUPPORT_SENTENCE}"
    assert support.reason("manage_users") == (
        f"Your database role ({team_roles.support}) may not add or change users."
    )
    assert support.reason("revoke") == ""

    connection.open_database(team_roles.admin_url)
    admin = capabilities.detect()
    assert admin.everything and admin.role == team_roles.admin
    assert not capabilities.revokes_through_function()


@postgres_only
def test_admin_role_may_do_everything(team_roles, make_key):
    prefix = make_key().prefix
    connection.open_database(team_roles.admin_url)
    created = keys.create_key(NewKey(name="by admin", user="bob@example.com"))
    assert keys.edit_key(prefix, KeyChanges(name="edited by admin")).version == 2
    assert keys.revoke_keys([prefix]).revoked == (prefix,)
    assert keys.delete_keys([prefix, created.prefix]) == 2
    users.add_user("carol@example.com")


@postgres_only
def test_roles_command_is_idempotent(team_roles, capsys):
    capsys.readouterr()
    again = ["--db", team_roles.owner_url, "db", "roles", "--support", team_roles.support]
    assert main(again) == 0
    out = capsys.readouterr().out
    assert f"Role {team_roles.support} already existed" in out
    connection.open_database(team_roles.support_url)
    assert capabilities.detect().reason("edit").endswith(SUPPORT_SENTENCE)


def test_capabilities_on_sqlite_allow_everything(sqlite_db):
    found = capabilities.detect()
    assert found.everything and found.backend == "sqlite"
    assert all(found.reason(action) == "" for action in capabilities.ACTIONS)


@pytest.mark.parametrize("db_url", ["mysql"], indirect=True)
def test_capabilities_of_root_on_mariadb_allow_everything(db):
    found = capabilities.detect()
    assert found.everything and (found.backend, found.role) == ("mysql", "root")


@pytest.mark.parametrize("db_url", ["sqlite", "mysql"], indirect=True)
def test_roles_command_says_it_is_postgresql_only(db, capsys):
    assert main(["--db", db, "db", "roles", "--support", "helpdesk"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Database roles are made on PostgreSQL only;")
    assert err.count("\n") == 1


def test_roles_command_needs_a_role(sqlite_url, capsys):
    assert main(["--db", sqlite_url, "db", "roles"]) == 2
    assert capsys.readouterr().err == (
        "Name at least one role: --support NAME, --admin NAME or both.\n"
    )


def test_mysql_grants_are_read_as_a_best_effort():
    lines = [
        "GRANT USAGE ON *.* TO `sam`@`%`",
        "GRANT SELECT ON `keydesk`.* TO `sam`@`%`",
        "GRANT INSERT, UPDATE (`revoked`, `name`) ON `keydesk`.`audit_event` TO `sam`@`%`",
        "GRANT `helpdesk` TO `sam`@`%`",
    ]
    rights = capabilities.mysql_grants(lines, "keydesk")
    assert "SELECT" in rights["api_key"] and "UPDATE" not in rights["api_key"]
    assert rights["audit_event"] == {"SELECT", "INSERT"}
    everything = capabilities.mysql_grants(["GRANT ALL PRIVILEGES ON *.* TO `root`@`%`"], "x")
    assert everything["user"] >= {"SELECT", "INSERT", "UPDATE", "DELETE"}
    assert capabilities.mysql_grants(lines, "other")["api_key"] == set()
