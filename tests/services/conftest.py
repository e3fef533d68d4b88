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

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from keydesk.services import catalog, users
from keydesk.services.keys import CreatedKey, NewKey, create_key
from keydesk.store import connection
from keydesk.store.models import ALL_TABLES

ALICE = "alice@example.com"
BOB = "bob@example.com"
MODELS = ("alfred-4", "bertha-2", "cosmo-1")
SKILLS = ("vision", "search")

Snapshot = dict[str, list[tuple[Any, ...]]]
SERVER_ENV = {"postgres": "KEYDESK_TEST_POSTGRES", "mysql": "KEYDESK_TEST_MYSQL"}


class ServerDatabases:
    """One keydesk database per server backend for the session, created on first use."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self._drops: list[Callable[[], None]] = []

    def url(self, kind: str) -> str:
        if kind not in self.urls:
            base = os.environ.get(SERVER_ENV[kind], "").strip()
            if not base:
                pytest.skip(f"{SERVER_ENV[kind]} is not set")
            self.urls[kind] = self._create(kind, base)
            connection.open_database(self.urls[kind])  # migrate once
            connection.close_database()
        return self.urls[kind]

    def _create(self, kind: str, base: str) -> str:
        name = f"kd_test_{uuid.uuid4().hex[:12]}"
        parts = urlsplit(base)
        host, port, user = parts.hostname or "127.0.0.1", parts.port, parts.username
        admin: Any
        if kind == "postgres":
            import psycopg2

            admin = psycopg2.connect(
                host=host, port=port or 5432, user=user, password=parts.password,
                dbname=parts.path.lstrip("/"),
            )  # fmt: skip
            admin.autocommit = True
            create = f'CREATE DATABASE "{name}"'
            drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        else:
            import pymysql

            admin = pymysql.connect(
                host=host, port=port or 3306, user=user, password=parts.password or "",
                database=parts.path.lstrip("/"), autocommit=True,
            )  # fmt: skip
            create = f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            drop = f"DROP DATABASE IF EXISTS `{name}`"
        with admin.cursor() as cursor:
            cursor.execute(create)

        def drop_it() -> None:
            with admin.cursor() as cursor:
                cursor.execute(drop)
            admin.close()

        self._drops.append(drop_it)
        return urlunsplit(parts._replace(path=f"/{name}"))

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
        with connection.database.atomic():
            for model in reversed(ALL_TABLES):  # children before parents
                model.delete().execute()
    yield url
    connection.close_database()


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
