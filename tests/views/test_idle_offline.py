"""An idle window notices that the server is gone, and that it is back.

A support agent loads the keys and leaves the window alone; then the server goes away,
either by closing every connection (a restart, a crash the kernel reports) or by falling
silent (a partition, a server that died without a goodbye: the loopback proxy keeps every
socket open and forwards nothing, tests/support/tcp_proxy.py). Nobody touches the window
during the whole outage. It must say offline within a few seconds (default heartbeat 1 s
plus 3 s of silence: 4 s by design, waited for up to 10 s here), show live refresh as
paused, refuse edits, and once the server is back say so and show what another desk
changed meanwhile. The same for an SQLite file whose folder (a network share) goes away.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.desks import open_offline_window, run_cli, seed_three_keys
from support.tcp_proxy import TcpProxy

from keydesk.views.main_window import MainWindow

ADA = "ada@example.com"
OFFLINE_WITHIN_MS = 10_000  # designed for 4 s (heartbeat 1 s + silence 3 s)
BACK_WITHIN_MS = 10_000
SHOTS = os.environ.get("KEYDESK_SHOTS")


@pytest.fixture(params=["postgres", "mysql"])
def db_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """A PostgreSQL or MariaDB database without rows (the ``db_url`` of tests/conftest.py)."""
    if not db_url.startswith(request.param):
        pytest.skip("this test runs once per server backend")
    return db_url


def assert_offline_and_read_only(window: MainWindow, revoke_queued: bool) -> None:
    page = window.keys_page
    assert window.connection_text().startswith("Offline — data as of ")
    assert window.live_text() == "Live refresh paused"
    assert window.count_text() == "3 of 3 keys"  # the rows stay on screen
    assert not page.add_action.isEnabled()
    assert page.add_action.toolTip().startswith("You are offline: creating keys is not possible")
    assert page.revoke_action.toolTip().startswith("You are offline") != revoke_queued


@pytest.mark.parametrize("outage", ["cut", "blackhole"])
def test_an_idle_window_goes_offline_and_catches_up_after_the_server_returns(
    qtbot, proxy: TcpProxy, proxied_url: str, db_url: str, outage: str
) -> None:
    made = seed_three_keys(proxied_url, ADA)
    window = open_offline_window(qtbot, proxied_url)
    qtbot.waitUntil(lambda: window.session.snapshot.as_of() is not None, timeout=5000)
    assert window.connection_text() == "" and window.live_text() == ""

    getattr(proxy, outage)()  # from here on nobody touches the window
    qtbot.waitUntil(lambda: window.connection_text() != "", timeout=OFFLINE_WITHIN_MS)
    assert_offline_and_read_only(window, revoke_queued=True)
    if SHOTS is not None:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        qtbot.wait(50)
        window.grab().save(str(Path(SHOTS) / f"idle-offline-{outage}.png"))

    target = made[1].prefix
    run_cli(db_url, "keys", "revoke", target)  # another desk, straight to the server
    qtbot.wait(1500)  # still idle, still offline: nothing can arrive
    assert window.connection_text().startswith("Offline — data as of ")
    assert window.keys_page.revoked_text(target) != "Revoked"

    proxy.restore()
    qtbot.waitUntil(lambda: window.connection_text() == "", timeout=BACK_WITHIN_MS)
    assert window.live_text() == ""
    assert window.statusBar().currentMessage().startswith("Back online")
    qtbot.waitUntil(lambda: window.keys_page.revoked_text(target) == "Revoked", timeout=5000)
    assert window.keys_page.add_action.isEnabled()
    window.close()


def test_an_idle_window_on_an_sqlite_file_whose_share_goes_away_goes_offline(
    qtbot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    url = f"sqlite:///{share / 'keydesk.db'}"
    made = seed_three_keys(url, ADA)
    window = open_offline_window(qtbot, url)
    assert window.connection_text() == ""

    gone = tmp_path / "share-unmounted"
    share.rename(gone)  # the folder is out of reach (a share unmounted)
    qtbot.waitUntil(lambda: window.connection_text() != "", timeout=OFFLINE_WITHIN_MS)
    assert_offline_and_read_only(window, revoke_queued=False)
    assert window.keys_page.revoke_action.toolTip() == (
        "You are offline: revoking keys is not possible until the database file can be "
        "reached again."
    )
    assert str(share / "keydesk.db") in window.connection_label.toolTip()
    assert not share.exists()  # nothing was created in the file's place

    target = made[0].prefix
    run_cli(f"sqlite:///{gone / 'keydesk.db'}", "keys", "revoke", target)  # elsewhere
    gone.rename(share)  # the share is back
    qtbot.waitUntil(lambda: window.connection_text() == "", timeout=BACK_WITHIN_MS)
    assert window.statusBar().currentMessage().startswith("Back online")
    qtbot.waitUntil(lambda: window.keys_page.revoked_text(target) == "Revoked", timeout=5000)
    assert window.keys_page.revoke_action.toolTip() == "Revoke the selected keys"
    window.close()
