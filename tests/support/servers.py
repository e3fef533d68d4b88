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


def create_server_database(kind: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database with a unique name on the ``kind`` server; returns its
    URL and a function that drops it (closing other sessions on it first)."""
    parts = urlsplit(server_base_url(kind))
    name = f"kd_test_{uuid.uuid4().hex[:12]}"
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

    return urlunsplit(parts._replace(path=f"/{name}")), drop_it
