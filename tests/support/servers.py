"""Fresh server databases for tests: one CREATE DATABASE per call, dropped afterwards.

PostgreSQL and MariaDB are reached through ``KEYDESK_TEST_POSTGRES`` /
``KEYDESK_TEST_MYSQL`` (``.ci/run`` sets both); a test skips when its variable is unset.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER_ENV = {"postgres": "KEYDESK_TEST_POSTGRES", "mysql": "KEYDESK_TEST_MYSQL"}


def server_base_url(kind: str) -> str:
    """The configured URL of ``kind`` ("postgres" or "mysql"), or skip the test."""
    base = os.environ.get(SERVER_ENV[kind], "").strip()
    if not base:
        pytest.skip(f"{SERVER_ENV[kind]} is not set")
    return base


def database_url(kind: str, name: str) -> str:
    """The URL of the database ``name`` on the ``kind`` server."""
    return urlunsplit(urlsplit(server_base_url(kind))._replace(path=f"/{name}"))


def admin_connection(kind: str, database: str | None = None) -> Any:
    """An autocommit DB-API connection to the ``kind`` server as the configured user, on
    ``database`` (the configured database by default)."""
    parts = urlsplit(server_base_url(kind))
    host, port, user = parts.hostname or "127.0.0.1", parts.port, parts.username
    database = database or parts.path.lstrip("/")
    if kind == "postgres":
        import psycopg2

        admin = psycopg2.connect(
            host=host, port=port or 5432, user=user, password=parts.password, dbname=database,
        )  # fmt: skip
        admin.autocommit = True
        return admin
    import pymysql

    return pymysql.connect(
        host=host, port=port or 3306, user=user, password=parts.password or "",
        database=database, autocommit=True,
    )  # fmt: skip


def create_statement(kind: str, name: str) -> str:
    if kind == "postgres":
        return f'CREATE DATABASE "{name}"'
    return f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"


def drop_statement(kind: str, name: str) -> str:
    """DROP DATABASE, closing other sessions on it first (PostgreSQL)."""
    if kind == "postgres":
        return f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    return f"DROP DATABASE IF EXISTS `{name}`"


def create_server_database(kind: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database with a unique name on the ``kind`` server; returns its
    URL and a function that drops it (closing other sessions on it first)."""
    name = f"kd_test_{uuid.uuid4().hex[:12]}"
    url = database_url(kind, name)
    admin = admin_connection(kind)
    with admin.cursor() as cursor:
        cursor.execute(create_statement(kind, name))

    def drop_it() -> None:
        with admin.cursor() as cursor:
            cursor.execute(drop_statement(kind, name))
        admin.close()

    return url, drop_it
