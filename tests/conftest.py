"""Shared fixtures: a clean database per test on every backend that can be reached.

SQLite always; PostgreSQL and MariaDB when ``KEYDESK_TEST_POSTGRES`` /
``KEYDESK_TEST_MYSQL`` hold URLs (``.ci/run`` sets both). On a server a test gets an
already migrated database without rows from a pool (tests/support/db_pool.py: emptied
and checked between tests, dropped when its schema changed); a test marked
``empty_database`` gets a freshly created, empty one instead, dropped afterwards.
bcrypt runs at cost 4 unless a test asks for more, so the suite stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from support.db_pool import DatabasePool
from support.servers import create_server_database

from keydesk import config
from keydesk.services import audit
from keydesk.services.verify import Verifier, close_shared_verifiers
from keydesk.store import connection

#: Fixtures shared by folders: proxy / proxied_url for tests that cut a connection.
pytest_plugins = ["support.proxy_fixtures"]

BACKENDS = ("sqlite", "postgres", "mysql")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cheap bcrypt, a fixed operator, no stray KEYDESK_DB, and a private data folder."""
    monkeypatch.delenv("KEYDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    config.reset()
    config.configure(bcrypt_rounds=4)
    audit.set_operator("test-operator")
    yield
    close_shared_verifiers()
    audit.set_operator(None)
    config.reset()
    connection.close_database()
    connection.database.initialize(None)


@pytest.fixture(scope="session")
def database_pool() -> Iterator[DatabasePool]:
    """Migrated server databases shared by the session's tests, dropped at its end."""
    pool = DatabasePool()
    yield pool
    pool.close()


def _server_database(kind: str, empty: bool, pool: DatabasePool) -> Iterator[str]:
    if empty:
        url, drop = create_server_database(kind)
    else:
        url = pool.take(kind)
    try:
        yield url
    finally:
        connection.close_database()
        if empty:
            drop()
        else:
            pool.give_back(url)


@pytest.fixture(params=BACKENDS)
def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, database_pool: DatabasePool
) -> Iterator[str]:
    """A URL of a database without rows on each backend in turn: on SQLite a new file;
    on a server one already migrated by this keydesk, or an empty one (no tables at
    all) for a test marked ``empty_database``."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'keydesk.db'}"
    else:
        empty = request.node.get_closest_marker("empty_database") is not None
        yield from _server_database(request.param, empty, database_pool)


@pytest.fixture
def db(db_url: str) -> Iterator[str]:
    """An opened, migrated keydesk database without rows on each backend; yields its URL."""
    connection.open_database(db_url)
    yield db_url
    connection.close_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'keydesk.db'}"


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[str]:
    """An opened, migrated, empty SQLite keydesk database; yields its URL."""
    connection.open_database(sqlite_url)
    yield sqlite_url
    connection.close_database()


@pytest.fixture
def verifier(db: str) -> Iterator[Verifier]:
    """A :class:`~keydesk.Verifier` on the test's database, following its changes every
    20 ms (instead of 0.25-0.5 s) so that tests waiting for a round stay quick."""
    with Verifier(db, follow_interval=0.02) as made:
        yield made
