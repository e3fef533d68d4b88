"""A verifier in this process and a desk in another: a revocation made with the real
command line is refused within the bound of PRODUCT.md (1 s on PostgreSQL, 2 s on SQLite
and MariaDB), and a verifier whose connections are killed or whose server vanishes
answers ``unavailable`` meanwhile and valid verdicts again afterwards, on every backend.

The bound is not a speed measurement: a verifier that has not confirmed the change feed
within ``stale_after`` stops answering from memory, so the bound holds on a slow machine
too (what a slow machine changes is how often the row is read again).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from support.tcp_proxy import TcpProxy

from keydesk.services.verify import Verdict, Verifier

BOUND = {"postgres": 1.0, "mysql": 2.0, "sqlite": 2.0}


def kind_of(url: str) -> str:
    scheme = urlsplit(url).scheme
    return {"postgresql": "postgres", "mysql": "mysql"}.get(scheme, "sqlite")


def until(condition: Callable[[], bool], timeout: float) -> float:
    """Seconds until ``condition()`` held; fails after ``timeout``."""
    start = time.monotonic()
    while not condition():
        elapsed = time.monotonic() - start
        assert elapsed < timeout, f"not within {timeout} s"
        time.sleep(0.002)
    return time.monotonic() - start


def remembered(verifier: Verifier, key: str) -> None:
    """Verify once (the bcrypt) and wait until memory answers."""
    assert verifier.verify(key).valid
    until(lambda: verifier.remembered(key) is not None, 5)


def test_a_revoke_from_another_process_is_refused_within_the_bound(db, make_key, desk):
    created = make_key()
    with Verifier(db) as verifier:  # the default cadence, as a service runs it
        remembered(verifier, created.key)
        desk("keys", "revoke", created.prefix)  # returns after the commit
        delay = until(lambda: verifier.verify(created.key).reason == "revoked", BOUND[kind_of(db)])
        assert verifier.cold_checks == 1, delay


def test_edits_and_deletes_from_another_process_reach_memory(db, make_key, desk):
    created = make_key(models=["alfred-4"])
    with Verifier(db) as verifier:
        remembered(verifier, created.key)
        assert verifier.verify(created.key, "alfred-4").valid
        desk("keys", "edit", created.prefix, "--model", "bertha-2")
        bound = BOUND[kind_of(db)]
        until(
            lambda: verifier.verify(created.key, "alfred-4").reason == "model_not_permitted", bound
        )
        assert verifier.verify(created.key, "bertha-2").valid
        assert verifier.cold_checks == 1  # the edit was read, not checked again
        desk("keys", "delete", created.prefix, "--yes")
        until(lambda: verifier.verify(created.key).reason == "unknown", bound)
        assert verifier.remembered_count == 0


def _kill_other_sessions(url: str) -> int:
    """Kill every server session on the test's database but this process's own: the
    verifier's lookups, its change feed and its LISTEN connection alike."""
    from keydesk.store import connection

    db = connection.database
    if kind_of(url) == "postgres":
        rows = db.execute_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        return len(rows)
    ids = [
        row[0]
        for row in db.execute_sql(
            "SELECT id FROM information_schema.processlist "
            "WHERE db = DATABASE() AND id <> CONNECTION_ID()"
        ).fetchall()
    ]
    for session in ids:
        db.execute_sql(f"KILL {int(session)}")
    return len(ids)


@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
def test_killed_connections_are_replaced_and_verdicts_stay_right(db, make_key, desk):
    first, second = make_key("first"), make_key("second")
    with Verifier(db) as verifier:
        remembered(verifier, first.key)
        assert _kill_other_sessions(db) >= 2  # a lookup connection and the feed's
        # a cold check reconnects on its own; memory keeps answering once the feed has
        # reconnected too, and still follows revocations
        assert verifier.verify(second.key) == Verdict(True, None, second.prefix)
        until(lambda: verifier.remembered(first.key) is not None, 5)
        desk("keys", "revoke", first.prefix)
        until(lambda: verifier.verify(first.key).reason == "revoked", BOUND[kind_of(db)])


@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
def test_a_vanished_server_is_unavailable_then_verdicts_come_back(
    db, make_key, desk, proxy: TcpProxy, proxied_url: str
):
    created, other = make_key("known"), make_key("other")
    with Verifier(proxied_url) as verifier:
        remembered(verifier, created.key)
        proxy.cut()
        # memory is trusted for at most stale_after; then, with no row to read, no verdict
        until(lambda: verifier.verify(created.key).reason == "unavailable", 5)
        assert verifier.verify(other.key).reason == "unavailable"
        assert not verifier.healthy()
        desk("keys", "revoke", created.prefix)  # meanwhile, straight to the server
        proxy.restore()
        until(lambda: verifier.verify(other.key).valid, 5)
        assert verifier.verify(created.key).reason == "revoked"
        assert verifier.healthy()
