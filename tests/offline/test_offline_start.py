"""Starting: online from the server (refreshing the snapshot), or offline from the snapshot
when the server cannot be reached, with the status bar saying how old the data is."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from support.offline_server import Seeded, one_sentence
from support.tcp_proxy import TcpProxy

from keydesk.offline import NoOfflineCopy, OfflineSession, SessionStatus
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyRow, list_key_rows

STATUS = re.compile(r"^Offline — data as of \d{4}-\d\d-\d\d \d\d:\d\d$")


def test_starts_offline_from_the_snapshot_when_the_server_is_cut(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    online = make_session().start()
    assert online.online and online.data is not None and online.status_text is None
    proxy.cut()

    session = make_session()
    seen: list[SessionStatus] = []
    session.subscribe(seen.append)
    offline = session.start()

    assert not offline.online and not session.online
    assert offline.data is not None and not offline.data.live
    assert offline.data.rows == online.data.rows
    assert offline.data.models == online.data.models
    assert [u.email for u in offline.data.users] == [u.email for u in online.data.users]
    assert offline.as_of == online.as_of == session.as_of
    assert offline.status_text is not None and STATUS.match(offline.status_text)
    assert session.status_text() == offline.status_text
    assert offline.reason is not None and one_sentence(offline.reason)
    assert [status.online for status in seen] == [False]
    assert seen[0].text == offline.status_text


def test_the_status_shows_the_snapshot_time_in_local_time() -> None:
    as_of = datetime(2026, 3, 1, 8, 30, 59)
    local = as_of.replace(tzinfo=timezone.utc).astimezone()
    status = SessionStatus(online=False, as_of=as_of, pending=0, reason=None)
    assert status.text == f"Offline — data as of {local:%Y-%m-%d %H:%M}"
    assert SessionStatus(online=True, as_of=as_of, pending=0, reason=None).text == "Online"


def test_starting_while_cut_without_a_snapshot_says_so_in_one_sentence(
    unreachable_url: str,
) -> None:
    with pytest.raises(NoOfflineCopy) as refused:
        OfflineSession(unreachable_url).start()
    assert one_sentence(str(refused.value))
    assert "no offline copy" in str(refused.value)


def test_each_online_start_refreshes_the_snapshot(
    seeded: Seeded, make_session: Callable[..., OfflineSession]
) -> None:
    first_time = utcnow() - timedelta(hours=3)
    make_session(clock=lambda: first_time).start()
    session = make_session()
    assert session.snapshot is not None and session.snapshot.as_of() == first_time

    started = session.start()

    assert started.online and started.as_of is not None and started.as_of > first_time
    assert session.snapshot.as_of() == started.as_of


def test_a_caller_that_loads_rows_itself_refreshes_the_snapshot_with_them(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    started = session.start(load=False)
    assert started.online and started.data is None
    assert session.snapshot is not None and not session.snapshot.exists()

    rows: list[KeyRow] = list_key_rows()
    assert session.refresh_snapshot(iter(rows)) == 3

    proxy.cut()
    offline = make_session().start()
    assert offline.data is not None and offline.data.rows == rows
    assert set(offline.data.models) == set(seeded.prefixes[:2])
