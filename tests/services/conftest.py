"""Fixtures for the rules: a clean database, a catalog, two users, a key factory and a
whole-database snapshot.

``db`` here overrides the one of tests/conftest.py for speed, with the same contract: an
opened, migrated keydesk database with no rows, on SQLite, PostgreSQL and MariaDB in turn
(test ids ``[sqlite]``, ``[postgres]``, ``[mysql]``). SQLite still gets a new file per test;
each server backend gets one freshly created and migrated database per session, emptied
before every test, because creating a server database costs ~0.4 s and migrating it ~0.2 s,
and the rules need a few dozen tests per backend. The migrations themselves are tested on
fresh databases in tests/store.

Test modules get values through fixtures, never by importing this file (several
conftest.py files share that module name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.servers import create_server_database

from keydesk.services import catalog, users
from keydesk.services.keys import CreatedKey, NewKey, create_key
from keydesk.store import connection
from keydesk.store.connection import ISSUED_TABLE
from keydesk.store.models import ALL_TABLES, AuditEvent

ALICE = "alice@example.com"
BOB = "bob@example.com"
MODELS = ("alfred-4", "bertha-2", "cosmo-1")
SKILLS = ("vision", "search")

Snapshot = dict[str, list[tuple[Any, ...]]]


class ServerDatabases:
    """One keydesk database per server backend for the session, created on first use."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self._drops: list[Callable[[], None]] = []

    def url(self, kind: str) -> str:
        if kind not in self.urls:
            url, drop = create_server_database(kind)
            self._drops.append(drop)
            self.urls[kind] = url
            connection.open_database(url)  # migrate once
            connection.close_database()
        return self.urls[kind]

    def drop_all(self) -> None:
        connection.close_database()
        for drop in self._drops:
            drop()


@pytest.fixture(scope="session")
def server_databases() -> Iterator[ServerDatabases]:
    servers = ServerDatabases()
    yield servers
    servers.drop_all()


@pytest.fixture(params=("sqlite", "postgres", "mysql"))
def db(
    request: pytest.FixtureRequest, tmp_path: Path, server_databases: ServerDatabases
) -> Iterator[str]:
    """An opened, migrated keydesk database without rows, on each backend; yields its URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'keydesk.db'}"
        connection.open_database(url)
    else:
        url = server_databases.url(request.param)
        connection.open_database(url)
        _empty_as_superuser(request.param)
    yield url
    connection.close_database()


def _empty_as_superuser(kind: str) -> None:
    """Delete every row, as the server's superuser may: the audit trail and the issued
    prefixes refuse DELETE from anyone else (migration 0006). PostgreSQL skips triggers
    for a replica session; MariaDB's TRUNCATE never fires them."""
    db = connection.database
    with db.atomic():
        if kind == "postgres":
            db.execute_sql("SET LOCAL session_replication_role = replica")
        for model in reversed(ALL_TABLES):  # children before parents
            if kind == "mysql" and model is AuditEvent:
                continue
            model.delete().execute()
        if kind == "postgres":
            db.execute_sql(f"DELETE FROM {ISSUED_TABLE}")
    if kind == "mysql":
        for table in (AuditEvent._meta.table_name, ISSUED_TABLE):
            db.execute_sql(f"TRUNCATE TABLE {table}")


def take_snapshot() -> Snapshot:
    """Every row of every keydesk table, in a stable order, for "nothing changed" checks."""
    return {
        model._meta.table_name: list(model.select().order_by(model.id).tuples())
        for model in ALL_TABLES
    }


@pytest.fixture
def snapshot(db: str) -> Callable[[], Snapshot]:
    """``snapshot()`` returns every row of every table; compare two to prove nothing changed."""
    return take_snapshot


@pytest.fixture
def people(db: str) -> tuple[str, str]:
    """Two active users, Alice and Bob; yields their emails."""
    users.add_user(ALICE, "Alice Admin")
    users.add_user(BOB, "Bob Builder")
    return ALICE, BOB


@pytest.fixture
def catalog_entries(db: str) -> None:
    for name in MODELS:
        catalog.add_model(name)
    for name in SKILLS:
        catalog.add_skill(name)


@pytest.fixture
def make_key(people: tuple[str, str], catalog_entries: None) -> Callable[..., CreatedKey]:
    """``make_key(name=..., models=[...], ...)`` creates a key owned by Alice by default."""

    def make(name: str = "service key", **fields: Any) -> CreatedKey:
        fields.setdefault("user", ALICE)
        return create_key(NewKey(name=name, **fields))

    return make
