"""Fixtures for the offline rules: real servers behind a proxy the test can cut.

Every test that asks for ``db_url`` here runs on PostgreSQL and on MariaDB (``[postgres]``,
``[mysql]``; SQLite has no connection to lose), each time on a server database without
rows (the ``db_url`` fixture of tests/conftest.py). The app under test never talks to the
server directly: it gets ``proxied_url``, the same database reached through a
:class:`~support.tcp_proxy.TcpProxy` on a loopback port, so ``proxy.cut()`` breaks its
connections for real and ``proxy.restore()`` brings the server back. The test itself
checks the server through ``db_url``, which the cut does not touch.

The autouse fixture of tests/conftest.py points ``XDG_DATA_HOME`` at a temporary folder,
so snapshots and queues of one test never meet another's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from support.offline_server import Seeded, Server
from support.tcp_proxy import TcpProxy

from keydesk.offline import Backoff, OfflineSession
from keydesk.services import catalog, users
from keydesk.services.clock import utcnow
from keydesk.services.keys import NewKey, create_key
from keydesk.store import connection
from keydesk.store.models import ApiKey

SERVER_BACKENDS = ("postgres", "mysql")
ALICE = "alice@example.com"
BOB = "bob@example.com"


@pytest.fixture(params=SERVER_BACKENDS)
def db_url(db_url: str) -> str:
    """The ``db_url`` of tests/conftest.py (a database without rows per test), on the
    server backends only."""
    return db_url


@pytest.fixture
def unreachable_url() -> Iterator[str]:
    """A PostgreSQL URL whose server is gone: a cut proxy that resets every connection.
    For tests that never need the server to answer (no database is created for them)."""
    with TcpProxy(5432) as dead:
        dead.cut()
        yield f"postgresql://postgres@127.0.0.1:{dead.port}/gone"


@pytest.fixture
def seeded(proxied_url: str) -> Seeded:
    """Two users, two models and three keys on the server, written through the proxy;
    the database proxy is left unbound afterwards, as at application start."""
    connection.open_database(proxied_url)
    users.add_user(ALICE, "Alice Admin")
    users.add_user(BOB, "Bob Builder")
    catalog.add_model("alfred-4")
    catalog.add_model("bertha-2")
    keys = [
        create_key(NewKey(name="billing", user=ALICE, models=["alfred-4", "bertha-2"])),
        create_key(NewKey(name="search", user=BOB, role="project", models=["alfred-4"])),
        create_key(NewKey(name="nightly", user=ALICE, role="admin", opt_in=True)),
    ]
    # Made yesterday, so a revocation decided a few hours ago may keep its time (a time
    # before a key's creation is never recorded).
    ApiKey.update(created=utcnow() - timedelta(days=1)).execute()
    connection.close_database()
    connection.database.initialize(None)
    return Seeded(proxied_url, keys)


@pytest.fixture
def make_session(proxied_url: str) -> Iterator[Callable[..., OfflineSession]]:
    """``make_session(**options)`` builds an OfflineSession on the proxied URL with a
    fast back-off; every session is closed (its reconnect thread joined) afterwards."""
    sessions: list[OfflineSession] = []

    def make(**options: Any) -> OfflineSession:
        options.setdefault("backoff", Backoff(0.02, 0.2, rng=lambda: 0.0))
        session = OfflineSession(proxied_url, **options)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def server(db_url: str) -> Server:
    return Server(db_url)
