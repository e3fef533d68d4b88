"""A server that falls silent (a partition: no answer, no FIN, no RST) blocks a call for as
long as the driver and the kernel let it; the change feed's heartbeat asks it, and a call
that waits on it is ended from another thread. An SQLite file that went away is a lost
connection too, and probing it never creates it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from support.offline_server import Seeded, one_sentence
from support.tcp_proxy import TcpProxy

from keydesk.errors import DatabaseUnavailable
from keydesk.offline import OfflineSession, is_connection_error, probe_server
from keydesk.services.changes import ChangeFeed

WAIT_S = 10.0


def test_a_heartbeat_answers_while_the_server_does(seeded: Seeded) -> None:
    with ChangeFeed(seeded.url) as feed:
        feed.wait(0.01)  # opens the LISTEN connection on PostgreSQL
        feed.heartbeat()
        assert feed.quiet_for < 1.0


def test_a_call_waiting_on_a_silent_server_is_ended_by_interrupt(
    seeded: Seeded, proxy: TcpProxy
) -> None:
    with ChangeFeed(seeded.url) as feed:
        feed.wait(0.01)
        proxy.blackhole()
        ended_by_interrupt(feed)
        proxy.restore()  # the feed reconnects by itself on its next call
        feed.heartbeat()


def ended_by_interrupt(feed: ChangeFeed) -> None:
    failed: list[BaseException] = []
    started = threading.Event()

    def beat() -> None:
        started.set()
        try:
            feed.heartbeat()
        except BaseException as error:
            failed.append(error)

    worker = threading.Thread(target=beat)
    worker.start()
    assert started.wait(WAIT_S)
    worker.join(0.5)
    assert worker.is_alive()  # silence: the heartbeat just waits
    feed.interrupt()
    worker.join(WAIT_S)  # at once, not after a reconnection that would wait as well
    assert not worker.is_alive()
    assert len(failed) == 1 and isinstance(failed[0], DatabaseUnavailable)
    assert is_connection_error(failed[0])


def test_a_silent_server_takes_the_session_offline_with_one_sentence(
    seeded: Seeded, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    session.start(load=False)
    session.on_server_silent(3.0)
    assert not session.online
    reason = session.status().reason
    assert reason is not None and one_sentence(reason)
    assert reason.endswith("has not answered for 3 seconds.")


def test_probing_an_sqlite_file_that_went_away_never_creates_it(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    url = f"sqlite:///{share / 'keydesk.db'}"
    error = probe_server(url)
    assert isinstance(error, DatabaseUnavailable) and is_connection_error(error)
    assert str(error) == f"The database file {share / 'keydesk.db'} cannot be reached."
    assert not (share / "keydesk.db").exists()
