"""The pool of migrated server databases (tests/support/db_pool.py) isolates tests: a
database comes back without rows and with its counters restarted, other sessions on it
are ended, and one whose schema changed is dropped instead of handed out again."""

from __future__ import annotations

import peewee
import pytest
from support.db_pool import DatabasePool
from support.servers import admin_connection

from keydesk.services import catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.services.keys import NewKey
from keydesk.store import connection
from keydesk.store.connection import HISTORY_TABLE
from keydesk.store.models import ApiKey, UsageMinute, User

SERVERS = ("postgres", "mysql")


@pytest.fixture
def pool(database_pool: DatabasePool) -> DatabasePool:
    """The session's pool (it drops every database it made at the end, even one a failed
    test still held)."""
    return database_pool


def fill(url: str) -> None:
    """Rows in every table, the append-only ones included (audit trail, issued prefixes)."""
    connection.open_database(url)
    users.add_user("ada@example.com")
    catalog.add_model("alfred-4")
    catalog.add_skill("vision")
    created = keys.create_key(
        NewKey(name="k", user="ada@example.com", models=["alfred-4"], skills=["vision"])
    )
    UsageMinute.create(key=ApiKey.get(prefix=created.prefix), minute=utcnow(), calls=3)
    keys.revoke_keys([created.prefix])


def row_counts(url: str) -> dict[str, int]:
    db = connection.connect(url)
    try:
        quote = db.quote[0]
        return {
            table: db.execute_sql(f"SELECT count(*) FROM {quote}{table}{quote}").fetchone()[0]
            for table in db.get_tables()
            if table != HISTORY_TABLE
        }
    finally:
        db.close()


def exists(kind: str, url: str) -> bool:
    name = url.rsplit("/", 1)[1]
    admin = admin_connection(kind)
    try:
        with admin.cursor() as cursor:
            if kind == "postgres":
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            else:
                cursor.execute(
                    "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s", (name,)
                )
            return cursor.fetchone() is not None
    finally:
        admin.close()


@pytest.mark.parametrize("kind", SERVERS)
def test_a_database_handed_back_comes_back_without_rows(pool: DatabasePool, kind: str) -> None:
    url = pool.take(kind)
    fill(url)
    assert all(row_counts(url).values()), row_counts(url)
    lingering = connection.connect(url)  # a session the test forgot: it is ended
    lingering.execute_sql("SELECT 1")
    connection.close_database()
    pool.give_back(url)

    again = pool.take(kind)
    assert again == url, pool.dropped  # reused, not made anew
    counts = row_counts(again)
    assert set(counts) >= {"user", "api_key", "audit_event", "issued_prefix", "key_model"}
    assert not any(counts.values()), counts
    connection.open_database(again)
    users.add_user("bob@example.com")
    assert [user.id for user in User.select()] == [1]  # the counters restarted too
    with pytest.raises(peewee.DatabaseError):
        lingering.execute_sql("SELECT 1")
    lingering.close()
    connection.close_database()
    pool.give_back(again)


CHANGES = {  # each costs a newly migrated database: a few of each kind
    "postgres": [
        "DROP TRIGGER audit_event_append_only ON audit_event",
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate",
        "ALTER TABLE api_key ADD COLUMN extra integer",
        "CREATE OR REPLACE FUNCTION keydesk_forbid_unrevoke() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "GRANT SELECT ON api_key TO PUBLIC",
        "DELETE FROM schema_migration WHERE name LIKE '0006%%'",
    ],
    "mysql": [
        "DROP TRIGGER audit_event_no_delete",
        "ALTER TABLE api_key ADD COLUMN extra INTEGER",
        "CREATE INDEX api_key_name ON api_key (name)",
    ],
}


@pytest.mark.parametrize(
    ("kind", "change"), [(kind, change) for kind in SERVERS for change in CHANGES[kind]]
)
def test_a_database_whose_schema_changed_is_dropped(
    pool: DatabasePool, kind: str, change: str
) -> None:
    url = pool.take(kind)
    db = connection.connect(url)
    db.execute_sql(change)
    db.close()
    pool.give_back(url)

    again = pool.take(kind)
    assert again != url
    assert url.rsplit("/", 1)[1] in pool.dropped
    assert "SchemaChanged" in pool.dropped[url.rsplit("/", 1)[1]]
    assert not exists(kind, url)
    assert not any(row_counts(again).values())
    pool.give_back(again)


# Through the fixtures, as every test gets its database: the second test of each pair is
# handed the database of the first, emptied.
_first_urls: dict[str, str] = {}


@pytest.mark.parametrize("db_url", SERVERS, indirect=True)
def test_pool_through_the_fixture_1_writes(db: str) -> None:
    fill(db)
    _first_urls[db.split(":", 1)[0]] = db


@pytest.mark.parametrize("db_url", SERVERS, indirect=True)
def test_pool_through_the_fixture_2_gets_it_back_empty(db: str) -> None:
    first = _first_urls.get(db.split(":", 1)[0])
    if first is None:
        pytest.skip("runs after test_pool_through_the_fixture_1_writes")
    assert db == first
    assert not any(row_counts(db).values())


@pytest.mark.empty_database
@pytest.mark.parametrize("db_url", SERVERS, indirect=True)
def test_a_test_marked_empty_database_gets_one_without_tables(db_url: str) -> None:
    db = connection.connect(db_url)
    assert db.get_tables() == []
    db.close()
