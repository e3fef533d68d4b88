"""Numbered migrations on every backend: old databases are upgraded with their data, newer
ones are refused untouched, and the schema has the tables, indexes and constraints."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import peewee
import pytest
from playhouse.migrations import Runner

from keydesk import keyformat
from keydesk.errors import SchemaTooNew
from keydesk.services import keys, users
from keydesk.services.audit import list_audit
from keydesk.services.hashing import hash_secret
from keydesk.services.keys import KeyChanges
from keydesk.services.verify import Verifier
from keydesk.store import connection
from keydesk.store.connection import MIGRATIONS_DIR, connect, open_database
from keydesk.store.models import ApiKey, KeyModel, UsageMinute, User

PREFIX = "kd_0ldK3y00"
GONE = "kd_G0neK3y0"


def quoted(db: peewee.Database, name: str) -> str:
    return db.quote[0] + name + db.quote[1]


def insert(db: peewee.Database, table: str, **values: object) -> None:
    columns = ", ".join(quoted(db, column) for column in values)
    marks = ", ".join([db.param] * len(values))
    db.execute_sql(
        f"INSERT INTO {quoted(db, table)} ({columns}) VALUES ({marks})", tuple(values.values())
    )


def scalar(db: peewee.Database, sql: str) -> object:
    return db.execute_sql(sql).fetchone()[0]


def history(db: peewee.Database) -> list[tuple[object, ...]]:
    table = quoted(db, "schema_migration")
    return list(db.execute_sql(f"SELECT name, applied FROM {table} ORDER BY name").fetchall())


def sqlite_files(url: str) -> dict[str, str]:
    """sha256 of the database file and of any -wal/-shm beside it."""
    folder = Path(url.removeprefix("sqlite:///")).parent
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.empty_database
def test_first_schema_is_upgraded_with_its_data(db_url):
    secret = keyformat.generate_secret()
    raw = connect(db_url)
    assert Runner(raw, str(MIGRATIONS_DIR), table_name="schema_migration").up(
        target="0001_initial"
    ) == ["0001_initial"]
    assert "version" not in {c.name for c in raw.get_columns("api_key")}
    with raw.atomic():
        insert(
            raw,
            "user",
            email="old@example.com",
            display_name="Old Timer",
            active=True,
            created="2024-05-06 07:08:09",
        )
        user_id = scalar(raw, f"SELECT id FROM {quoted(raw, 'user')}")
        insert(raw, "ai_model", name="alfred-4")
        insert(
            raw,
            "api_key",
            prefix=PREFIX,
            unique_name="old-otter-1234",
            name="legacy",
            role="admin",
            user_id=user_id,
            created="2024-05-06 07:08:09",
            expires="2999-01-01 00:00:00",
            revoked=False,
            secret_hash=hash_secret(secret),
            opt_in=False,
        )
        key_id = scalar(raw, f"SELECT id FROM {quoted(raw, 'api_key')}")
        model_id = scalar(raw, f"SELECT id FROM {quoted(raw, 'ai_model')}")
        insert(raw, "key_model", key_id=key_id, model_id=model_id)
        for at, model in (
            ("2024-05-06 07:08:09", "alfred-4"),
            ("2024-05-06 07:08:59", "alfred-4"),
            ("2024-05-06 07:08:30", None),
            ("2024-05-06 07:09:00", "alfred-4"),
        ):
            insert(raw, "usage_event", key_id=key_id, at=at, model=model)
        insert(
            raw,
            "audit_event",
            at="2024-05-06 07:08:09",
            operator="old-operator",
            action="create",
            key_prefix=PREFIX,
            key_unique_name="old-otter-1234",
            subject="old@example.com",
            details='{"fields": {}}',
        )
        insert(  # a key deleted long ago: only the trail remembers it
            raw,
            "audit_event",
            at="2024-05-06 07:08:10",
            operator="old-operator",
            action="delete",
            key_prefix=GONE,
            key_unique_name="gone-gnu-1234",
            subject="old@example.com",
            details='{"fields": {}}',
        )
    raw.close()

    upgraded = open_database(db_url)
    columns = {c.name: c for c in upgraded.get_columns("api_key")}
    assert {"version", "synthetic"} <= set(columns)
    assert [name for name, _ in history(upgraded)] == [
        "0001_initial",
        "0002_key_version_and_synthetic",
        "0003_team_guards",
        "0004_exact_text_on_mysql",
        "0005_usage_per_minute",
        "0006_append_only_trail",
    ]
    # every prefix ever issued is remembered, the deleted key's too (migration 0006)
    issued = upgraded.execute_sql("SELECT prefix FROM issued_prefix").fetchall()
    assert sorted(prefix for (prefix,) in issued) == sorted([PREFIX, GONE])
    # per-call usage rows were folded into per-minute counts, and their table is gone
    assert "usage_event" not in upgraded.get_tables()
    assert sorted(
        (str(minute)[:16], model, calls)
        for minute, model, calls in UsageMinute.select(
            UsageMinute.minute, UsageMinute.model, UsageMinute.calls
        ).tuples()
    ) == [
        ("2024-05-06 07:08", "", 1),
        ("2024-05-06 07:08", "alfred-4", 2),
        ("2024-05-06 07:09", "alfred-4", 1),
    ]
    row = ApiKey.get(ApiKey.prefix == PREFIX)
    assert (row.version, bool(row.synthetic)) == (1, False)

    detail = keys.get_key(PREFIX)
    assert (detail.name, detail.role, detail.user, detail.models) == (
        "legacy",
        "admin",
        "old@example.com",
        ("alfred-4",),
    )
    assert [(e.operator, e.action) for e in list_audit(key=PREFIX)] == [("old-operator", "create")]
    full_key = keyformat.format_key(PREFIX, secret)
    with Verifier(db_url, remember=False) as verifier:
        assert verifier.verify(full_key, "alfred-4").valid
    edited = keys.edit_key(PREFIX, KeyChanges(name="legacy, edited"), expected_version=1)
    assert edited.version == 2
    assert [e.action for e in list_audit(key=PREFIX)] == ["edit", "create"]
    # new rows get the defaults from the model too
    users.add_user("new@example.com")
    assert [u.email for u in users.list_users()] == ["new@example.com", "old@example.com"]


@pytest.mark.empty_database
def test_newer_schema_is_refused_and_left_untouched(db_url):
    open_database(db_url)
    users.add_user("kept@example.com")
    connection.close_database()
    raw = connect(db_url)
    insert(raw, "schema_migration", name="9999_future", applied="2030-01-01 00:00:00")
    before = (sorted(raw.get_tables()), history(raw), [c.name for c in raw.get_columns("user")])
    raw.close()
    files = sqlite_files(db_url) if db_url.startswith("sqlite") else None
    bound = connection.database.obj

    with pytest.raises(SchemaTooNew) as refused:
        open_database(db_url)
    message = str(refused.value)
    assert "\n" not in message and message.endswith(".")
    assert len(re.findall(r"[.!?](?:\s|$)", message)) == 1, message  # one sentence
    assert "newer keydesk" in message and "9999_future" in message
    assert connection.database.obj is bound  # the refused database was not bound

    if files is not None:
        assert sqlite_files(db_url) == files
    raw = connect(db_url)
    after = (sorted(raw.get_tables()), history(raw), [c.name for c in raw.get_columns("user")])
    assert scalar(raw, f"SELECT email FROM {quoted(raw, 'user')}") == "kept@example.com"
    raw.close()
    assert after == before


@pytest.mark.empty_database
def test_opening_twice_changes_nothing(db_url):
    first = open_database(db_url)
    tables, applied = sorted(first.get_tables()), history(first)
    users.add_user("kept@example.com")
    connection.close_database()

    second = open_database(db_url)
    assert sorted(second.get_tables()) == tables
    assert history(second) == applied
    assert [u.email for u in users.list_users()] == ["kept@example.com"]
    assert [name for name, _ in applied] == sorted(
        path.stem for path in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py")
    )


def test_api_key_lookups_are_indexed(db):
    indexes = connection.database.get_indexes("api_key")
    by_columns = {tuple(index.columns): index.unique for index in indexes}
    assert by_columns[("prefix",)] is True
    assert by_columns[("unique_name",)] is True
    for column in ("user_id", "created", "expires"):
        assert (column,) in by_columns, f"no index on api_key.{column}: {by_columns}"
    key_model = {tuple(i.columns): i.unique for i in connection.database.get_indexes("key_model")}
    assert key_model[("key_id", "model_id")] is True


def test_schema_enforces_foreign_keys(db):
    users.add_user("owner@example.com")
    with pytest.raises(peewee.IntegrityError), connection.database.atomic():
        KeyModel.create(key=987654, model=123456)
    keys.create_key(keys.NewKey(name="held", user="owner@example.com"))
    with pytest.raises(peewee.IntegrityError), connection.database.atomic():
        User.delete().execute()  # an owner with keys cannot vanish from under them
    assert [u.email for u in users.list_users()] == ["owner@example.com"]
