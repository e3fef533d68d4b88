"""Losing the server while online, and finding it again: real connections, really cut."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

import peewee
import pytest
from support.offline_server import Seeded, one_sentence
from support.tcp_proxy import TcpProxy

from keydesk.errors import NotFound, ValidationError
from keydesk.offline import (
    Backoff,
    ConnectionLost,
    OfflineError,
    OfflineSession,
    SessionStatus,
    Snapshot,
    is_connection_error,
    probe_server,
    try_reconnect,
)
from keydesk.offline.connectivity import with_connect_timeout
from keydesk.services.keys import KeyChanges, edit_key, get_key, list_key_rows
from keydesk.store import connection

WAIT_S = 10.0


def _eventually(condition: Callable[[], bool]) -> bool:
    """Poll ``condition`` until it holds (True) or WAIT_S passed (False)."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_a_query_through_a_cut_connection_is_recognised_as_a_connection_error(
    seeded: Seeded, proxy: TcpProxy
) -> None:
    connection.open_database(seeded.url)
    assert len(list_key_rows()) == 3
    proxy.cut()

    with pytest.raises(peewee.PeeweeException) as first:
        list_key_rows()  # the driver finds the server gone
    with pytest.raises(peewee.PeeweeException) as second:
        get_key(seeded.prefixes[0])  # and the connection closed

    assert is_connection_error(first.value)
    assert is_connection_error(first.value.__context__ or first.value)
    assert is_connection_error(second.value)


def test_server_answers_that_are_not_a_lost_connection_are_not_connection_errors(
    seeded: Seeded, make_session: Callable[..., OfflineSession]
) -> None:
    connection.open_database(seeded.url)
    with pytest.raises(peewee.DatabaseError) as syntax:
        connection.database.execute_sql("SELEC 1")
    with pytest.raises(NotFound) as missing:
        get_key("kd_00000000")

    assert not is_connection_error(syntax.value)
    assert not is_connection_error(missing.value)
    assert not is_connection_error(ValidationError("The name cannot be empty."))
    assert not is_connection_error(peewee.OperationalError("Connection already opened."))
    assert not is_connection_error(ValueError("nothing to do with a server"))

    session = make_session()
    session.start()
    with pytest.raises(ValidationError):  # passed through as it is, and still online
        session.call_online("editing keys", edit_key, seeded.prefixes[0], KeyChanges(name=" "))
    assert session.online
    assert session.handle_error(ValidationError("no")) is False
    assert session.online


def test_probing_a_cut_server_fails_fast_and_never_raises(seeded: Seeded, proxy: TcpProxy) -> None:
    proxy.cut()
    assert try_reconnect(seeded.url) is False
    error = probe_server(seeded.url)
    assert error is not None and is_connection_error(error)
    proxy.restore()
    assert try_reconnect(seeded.url) is True


def test_a_change_cut_off_midway_takes_the_session_offline_with_one_sentence(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    session.start()
    seen: list[SessionStatus] = []
    session.subscribe(seen.append)
    proxy.cut()

    with pytest.raises(ConnectionLost) as lost:
        session.call_online(
            "editing keys", edit_key, seeded.prefixes[0], KeyChanges(name="renamed")
        )

    assert one_sentence(str(lost.value))
    assert not session.online
    assert is_connection_error(lost.value)
    assert [status.online for status in seen] == [False]
    assert session.status_text() is not None
    assert session.status_text() == seen[0].text
    with pytest.raises(OfflineError):  # refused from now on, without trying the server
        session.call_online("editing keys", edit_key, seeded.prefixes[0], KeyChanges())


def test_reconnect_step_fails_while_cut_and_goes_online_after_restore(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    session.start()
    proxy.cut()
    session.on_connection_lost()

    assert session.reconnect_step() is False
    assert session.reconnect_step() is False
    assert not session.online
    proxy.restore()

    assert session.reconnect_step() is True
    assert session.online and session.status_text() is None
    # The whole process uses the fresh connection: the old, broken one is gone.
    assert session.call_online("reading keys", get_key, seeded.prefixes[0]).name == "billing"


def test_reconnection_is_automatic_with_back_off_off_the_calling_thread(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session(auto_reconnect=True, backoff=Backoff(0.02, 0.1, rng=lambda: 0.0))
    session.start()
    back = threading.Event()
    threads: list[str] = []

    def listen(status: SessionStatus) -> None:
        threads.append(threading.current_thread().name)
        if status.online:
            back.set()

    session.subscribe(listen)
    proxy.cut()
    with pytest.raises(ConnectionLost):
        session.call_online("reading keys", list_key_rows)
    assert session.reconnecting

    # While cut, the background attempts fail and back off.
    assert _eventually(lambda: session.backoff.attempts >= 2)
    assert not session.online
    proxy.restore()

    assert back.wait(WAIT_S), "did not reconnect after the server came back"
    assert session.online
    assert threads[0] == threading.current_thread().name  # went offline here
    assert threads[-1] == "keydesk-reconnect"  # came back on the worker thread
    session.close()
    assert not session.reconnecting
    assert len(session.call_online("reading keys", list_key_rows)) == 3


def test_close_stops_a_reconnection_that_cannot_succeed(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session(auto_reconnect=True, backoff=Backoff(0.02, 0.05, rng=lambda: 0.0))
    session.start()
    proxy.cut()
    session.on_connection_lost()
    assert session.reconnecting
    session.close()
    assert not session.reconnecting
    assert not session.online


@pytest.mark.parametrize(
    ("url", "probed"),
    [
        ("postgresql://u@h/db", "postgresql://u@h/db?connect_timeout=5"),
        (
            "mysql://u@h/db?charset=utf8mb4",
            "mysql://u@h/db?charset=utf8mb4&connect_timeout=5&read_timeout=5",
        ),
        ("mysql://u@h/db?read_timeout=2", "mysql://u@h/db?read_timeout=2&connect_timeout=5"),
        ("postgresql://u@h/db?connect_timeout=2", "postgresql://u@h/db?connect_timeout=2"),
    ],
)
def test_a_probe_gives_up_on_a_silent_server_after_a_few_seconds(url: str, probed: str) -> None:
    assert with_connect_timeout(url) == probed


def test_a_failing_status_listener_does_not_stop_the_session(unreachable_url: str) -> None:
    Snapshot(unreachable_url).save([], {}, [], datetime(2026, 1, 1))
    session = OfflineSession(unreachable_url)
    seen: list[bool] = []

    def broken(status: SessionStatus) -> None:
        raise RuntimeError("a listener bug")

    session.subscribe(broken)
    unsubscribe = session.subscribe(lambda status: seen.append(status.online))
    assert not session.start().online
    session.revoke(["kd_aaaaaaaa"])
    unsubscribe()
    session.revoke(["kd_bbbbbbbb"])

    assert seen == [False, False]  # went offline, then one queued revocation
    assert session.status().pending == 2
