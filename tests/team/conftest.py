"""Fixtures for a team on one shared database: a second desk in another process, people,
a key factory, and (on PostgreSQL) the support and admin roles with a login for each.

The second desk is the real command line in a subprocess (``python -m keydesk --db URL
...``) with its own connection and its own operator name (the OS login it reports comes
from ``LOGNAME``), so "two real connections" is literal. Tests use the ``db`` fixture of
tests/conftest.py (a database without rows per test on SQLite, PostgreSQL and MariaDB); a module
narrows it with ``pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)``
where a scenario needs a server. Modules get values through fixtures, never by importing
this file (several conftest.py files share that module name).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from keydesk.services import catalog, users
from keydesk.services.keys import CreatedKey, NewKey, create_key
from keydesk.store import connection

ALICE = "alice@example.com"
BOB = "bob@example.com"
MODELS = ("alfred-4", "bertha-2")


@dataclass
class DeskResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class OtherDesk:
    """``desk("keys", "edit", prefix, "--name", "x")`` runs the CLI in a subprocess against
    the same database, as operator ``ada`` unless told otherwise."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, *args: str, operator: str = "ada", check: bool = True) -> DeskResult:
        env = dict(os.environ)
        env.update(KEYDESK_BCRYPT_ROUNDS="4", LOGNAME=operator, USER=operator, USERNAME=operator)
        env.pop("KEYDESK_DB", None)
        done = subprocess.run(
            [sys.executable, "-m", "keydesk", "--db", self.url, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        result = DeskResult(done.returncode, done.stdout, done.stderr)
        if check:
            assert result.code == 0, result.err
        return result


@pytest.fixture
def desk(db: str) -> OtherDesk:
    return OtherDesk(db)


@pytest.fixture
def people(db: str) -> tuple[str, str]:
    users.add_user(ALICE, "Alice Admin")
    users.add_user(BOB, "Bob Builder")
    for name in MODELS:
        catalog.add_model(name)
    return ALICE, BOB


@pytest.fixture
def make_key(people: tuple[str, str]) -> Callable[..., CreatedKey]:
    def make(name: str = "service key", **fields: Any) -> CreatedKey:
        fields.setdefault("user", ALICE)
        return create_key(NewKey(name=name, **fields))

    return make


def with_user(url: str, user: str) -> str:
    """``url`` logging in as ``user`` instead (trust authentication on the test server)."""
    parts = urlsplit(url)
    netloc = f"{user}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


@dataclass
class TeamRoles:
    """The roles made by ``keydesk db roles`` and one login member of each."""

    support: str
    admin: str
    support_login: str
    admin_login: str
    support_url: str
    admin_url: str
    owner_url: str


def _superuser(url: str) -> Any:
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username,
        password=parts.password, dbname=parts.path.lstrip("/"),
    )  # fmt: skip
    conn.autocommit = True
    return conn


@pytest.fixture
def team_roles(db: str) -> Iterator[TeamRoles]:
    """Support and admin roles on this test's PostgreSQL database, made by the command,
    each with a login member; all dropped afterwards (roles are cluster-wide)."""
    from keydesk.cli import main

    suffix = uuid.uuid4().hex[:10]
    roles = TeamRoles(
        support=f"kd_support_{suffix}",
        admin=f"kd_admin_{suffix}",
        support_login=f"kd_sam_{suffix}",
        admin_login=f"kd_ada_{suffix}",
        support_url="",
        admin_url="",
        owner_url=db,
    )
    made: list[str] = []
    admin = _superuser(db)
    try:
        assert main(["--db", db, "db", "roles", "--support", roles.support,
                     "--admin", roles.admin]) == 0  # fmt: skip
        made += [roles.support, roles.admin]
        with admin.cursor() as cursor:
            for login, group in (
                (roles.support_login, roles.support),
                (roles.admin_login, roles.admin),
            ):
                cursor.execute(f'CREATE ROLE "{login}" LOGIN IN ROLE "{group}"')
                made.append(login)
        roles.support_url = with_user(db, roles.support_login)
        roles.admin_url = with_user(db, roles.admin_login)
        connection.open_database(db)  # main() closed it; the test starts as the owner
        yield roles
    finally:
        connection.close_database()
        with admin.cursor() as cursor:
            for name in reversed(made):
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                    (name,),
                )
                cursor.execute(f'DROP OWNED BY "{name}"')
                cursor.execute(f'DROP ROLE IF EXISTS "{name}"')
        admin.close()
