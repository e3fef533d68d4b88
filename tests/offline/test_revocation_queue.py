"""Revoking offline: queued durably, shown as pending, applied exactly once when the server
is back, with the audit entry carrying the original time and operator."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

import pytest
from support.offline_server import Seeded, Server
from support.tcp_proxy import TcpProxy

from keydesk.errors import NotFound
from keydesk.offline import OfflineSession, RevocationQueue
from keydesk.offline.local import execute
from keydesk.services.clock import utcnow
from keydesk.services.keys import RevokeResult, delete_keys, revoke_keys
from keydesk.store import connection

OPERATOR = "night-shift"


def _earlier(hours: int = 2) -> datetime:
    return utcnow() - timedelta(hours=hours)


def test_a_revocation_made_while_cut_is_applied_once_after_restore_with_its_time_and_operator(
    seeded: Seeded,
    proxy: TcpProxy,
    server: Server,
    make_session: Callable[..., OfflineSession],
) -> None:
    decided = _earlier()
    session = make_session(clock=lambda: decided, operator=lambda: OPERATOR)
    session.start()
    proxy.cut()
    session.on_connection_lost()
    target = seeded.prefixes[1]

    outcome = session.revoke([target])

    assert outcome.queued == (target,) and outcome.revoked == ()
    assert "pending" in outcome.message()
    assert session.pending_prefixes() == {target}
    assert session.status().pending == 1
    assert server.revoked(target) == (False, None)  # the server has not heard of it
    assert server.revoke_audits(target) == []

    proxy.restore()
    assert session.reconnect_step() is True

    assert session.pending_prefixes() == set()
    assert session.last_apply is not None
    assert [entry.prefix for entry in session.last_apply.revoked] == [target]
    assert server.revoked(target) == (True, decided)
    ((at, operator, details),) = server.revoke_audits(target)
    assert (at, operator) == (decided, OPERATOR)
    assert json.loads(details)["request_id"]

    # Reconnecting or starting again applies nothing more.
    session.on_connection_lost()
    assert session.reconnect_step() is True
    assert make_session().start().applied is not None
    assert len(server.revoke_audits(target)) == 1


def test_replaying_an_applied_request_id_writes_nothing(seeded: Seeded, server: Server) -> None:
    connection.open_database(seeded.url)
    target = seeded.prefixes[0]
    decided = _earlier()

    first = revoke_keys([target], at=decided, operator=OPERATOR, request_id="req-1")
    audits = server.audit_count()
    replay = revoke_keys([target], at=_earlier(1), operator="someone-else", request_id="req-1")

    assert first == RevokeResult(revoked=(target,), already_revoked=())
    assert replay == RevokeResult(revoked=(), already_revoked=(target,))
    assert server.audit_count() == audits
    assert server.revoked(target) == (True, decided)
    assert [(at, operator) for at, operator, _ in server.revoke_audits(target)] == [
        (decided, OPERATOR)
    ]


def test_a_crash_between_the_server_commit_and_forgetting_the_entry_revokes_once(
    seeded: Seeded, server: Server
) -> None:
    connection.open_database(seeded.url)
    queue = RevocationQueue(seeded.url)
    target = seeded.prefixes[2]
    queue.enqueue([target], OPERATOR, _earlier())

    class Crash(BaseException):
        """Stands for the process dying right after the server committed."""

    def revoke_then_crash(prefixes: Iterable[str], **marks: Any) -> RevokeResult:
        revoke_keys(prefixes, **marks)
        raise Crash

    with pytest.raises(Crash):
        queue.apply(revoke_then_crash)
    assert queue.pending_prefixes() == {target}  # the entry outlived the "crash"

    result = RevocationQueue(seeded.url).apply(revoke_keys)

    assert [entry.prefix for entry in result.already_revoked] == [target]
    assert result.revoked == () and result.done
    assert len(server.revoke_audits(target)) == 1


def test_an_entry_for_a_key_deleted_meanwhile_is_dropped_and_reported(
    seeded: Seeded, server: Server
) -> None:
    connection.open_database(seeded.url)
    queue = RevocationQueue(seeded.url)
    gone, kept = seeded.prefixes[0], seeded.prefixes[1]
    queue.enqueue([gone, kept], OPERATOR, _earlier())
    delete_keys([gone])

    result = queue.apply(revoke_keys)

    assert [entry.prefix for entry in result.dropped] == [gone]
    assert [entry.prefix for entry in result.revoked] == [kept]
    assert result.done and queue.count() == 0
    assert "no longer on the server" in result.summary()
    assert server.revoke_audits(gone) == []


def test_a_lost_connection_stops_applying_and_keeps_the_rest(
    seeded: Seeded, proxy: TcpProxy, server: Server
) -> None:
    connection.open_database(seeded.url)
    queue = RevocationQueue(seeded.url)
    for prefix in seeded.prefixes:
        queue.enqueue([prefix], OPERATOR, _earlier())
    calls = 0

    def revoke_then_lose_the_server(prefixes: Iterable[str], **marks: Any) -> RevokeResult:
        nonlocal calls
        calls += 1
        if calls == 2:
            proxy.cut()
        return revoke_keys(prefixes, **marks)

    result = queue.apply(revoke_then_lose_the_server)

    assert result.interrupted and calls == 2
    assert [entry.prefix for entry in result.revoked] == seeded.prefixes[:1]
    assert result.remaining == 2
    assert queue.pending_prefixes() == set(seeded.prefixes[1:])

    proxy.restore()
    connection.open_database(seeded.url)
    again = queue.apply(revoke_keys)
    assert [entry.prefix for entry in again.revoked] == seeded.prefixes[1:]
    assert again.done
    assert [len(server.revoke_audits(prefix)) for prefix in seeded.prefixes] == [1, 1, 1]


def test_an_online_revocation_cut_off_midway_is_queued_and_applied_once(
    seeded: Seeded,
    proxy: TcpProxy,
    server: Server,
    make_session: Callable[..., OfflineSession],
) -> None:
    decided = _earlier()
    session = make_session(clock=lambda: decided, operator=lambda: OPERATOR)
    session.start()
    proxy.cut()  # the session has not noticed yet
    targets = seeded.prefixes[:2]

    outcome = session.revoke(targets)

    assert outcome.queued == tuple(targets) and not session.online
    assert session.pending_prefixes() == set(targets)
    proxy.restore()
    assert session.reconnect_step() is True
    for prefix in targets:
        assert [(at, op) for at, op, _ in server.revoke_audits(prefix)] == [(decided, OPERATOR)]
    assert session.pending_prefixes() == set()


def test_online_revocation_is_immediate_and_leaves_nothing_queued(
    seeded: Seeded, server: Server, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session(operator=lambda: OPERATOR)
    session.start()

    outcome = session.revoke(seeded.prefixes[:2])
    again = session.revoke(seeded.prefixes[:1])

    assert outcome.revoked == tuple(seeded.prefixes[:2]) and outcome.queued == ()
    assert outcome.message() == "Revoked 2 keys."
    assert again.already_revoked == tuple(seeded.prefixes[:1])
    assert session.pending_prefixes() == set()
    assert [len(server.revoke_audits(p)) for p in seeded.prefixes] == [1, 1, 0]

    with pytest.raises(NotFound):  # an unknown prefix revokes nothing, queues nothing
        session.revoke([seeded.prefixes[2], "kd_00000000"])
    assert session.pending_prefixes() == set()
    assert server.revoke_audits(seeded.prefixes[2]) == []


def test_revoking_a_pending_key_again_offline_queues_it_once(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    session.start()
    proxy.cut()
    session.on_connection_lost()
    session.revoke(seeded.prefixes[:1])
    outcome = session.revoke(seeded.prefixes[:2])

    assert outcome.queued == tuple(seeded.prefixes[:2])
    assert session.queue is not None
    assert sorted(entry.prefix for entry in session.queue.pending()) == sorted(seeded.prefixes[:2])


def test_the_queue_is_on_disk_for_any_later_queue_object() -> None:
    url = "postgresql://postgres@127.0.0.1:5432/anything"
    decided = datetime(2026, 5, 4, 3, 2, 1, 999)
    request_id = RevocationQueue(url).enqueue([" kd_aaaaaaaa ", "kd_bbbbbbbb", ""], "op", decided)

    pending = RevocationQueue(url).pending()

    assert [(p.request_id, p.prefix, p.at, p.operator) for p in pending] == [
        (request_id, "kd_aaaaaaaa", decided.replace(microsecond=0), "op"),
        (request_id, "kd_bbbbbbbb", decided.replace(microsecond=0), "op"),
    ]
    assert RevocationQueue(url).remove(request_id, ["kd_aaaaaaaa"]) == 1
    assert RevocationQueue(url).pending_prefixes() == {"kd_bbbbbbbb"}


def test_the_queue_commits_with_full_synchronous_writes() -> None:
    queue = RevocationQueue("mysql://root@127.0.0.1:3306/anything")
    queue.enqueue(["kd_aaaaaaaa"], "op", datetime(2026, 1, 1))
    db = queue._db
    with db.connection_context():
        assert execute(db, "PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert execute(db, "PRAGMA journal_mode").fetchone()[0] == "wal"
