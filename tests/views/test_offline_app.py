"""The app when the shared server goes away, for real: the window talks to PostgreSQL
through a loopback proxy the test cuts and restores (tests/support/tcp_proxy.py).

Offline the status bar says "Offline — data as of …", revoking from the Actions menu is
queued and shown as "Revocation pending", every other change is disabled with a one-
sentence tooltip; when the proxy is restored the revocation is applied exactly once,
with the original operator, and the window is online again. An app started while the
server is out of reach shows the snapshot of the previous run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.desks import open_offline_window, seed_three_keys
from support.offline_server import Server
from support.tcp_proxy import TcpProxy

from keydesk.services import keys

ADA = "ada@example.com"
SHOTS = Path(os.environ.get("KEYDESK_SHOTS", "/tmp/kd-team-shots"))


@pytest.fixture(params=["postgres"])
def db_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """A PostgreSQL database without rows (the ``db_url`` of tests/conftest.py, server only)."""
    if not db_url.startswith("postgres"):
        pytest.skip("offline mode needs a server database")
    return db_url


@pytest.fixture
def seeded(proxied_url: str) -> list[keys.CreatedKey]:
    return seed_three_keys(proxied_url, ADA)


def test_offline_revocation_is_queued_then_applied_once(
    qtbot, proxy: TcpProxy, proxied_url: str, db_url: str, seeded, answer_box
) -> None:
    server = Server(db_url)
    window = open_offline_window(qtbot, proxied_url)
    page = window.keys_page
    assert window.connection_text() == ""
    qtbot.waitUntil(lambda: window.session.snapshot.as_of() is not None, timeout=5000)

    proxy.cut()
    qtbot.waitUntil(
        lambda: window.connection_text().startswith("Offline — data as of "), timeout=5000
    )
    assert page.counts() == (3, 3)  # the rows stay on screen

    # Revoke from the Actions menu: queued, shown as pending.
    target = seeded[0].prefix
    assert page.select_prefix(target)
    assert page.revoke_action.isEnabled()
    told = answer_box("confirmDialog", "confirmAcceptButton")
    page.revoke_action.trigger()
    assert told and "offline" in told[0]
    assert page.revoked_text(target) == "Revocation pending"
    assert page.revoked_text(seeded[1].prefix) != "Revocation pending"
    assert window.connection_text().endswith("· 1 revocation pending")
    assert "pending" in window.statusBar().currentMessage()
    assert server.revoked(target) == (False, None)

    # Every other change is disabled, its tooltip one sentence saying why.
    for action, verb in (
        (page.add_action, "creating keys"),
        (page.delete_action, "deleting keys"),
    ):
        assert not action.isEnabled()
        assert action.toolTip().startswith(f"You are offline: {verb} is not possible")
    assert not page.add_button.isEnabled()
    assert page.add_button.toolTip() == page.add_action.toolTip()
    # (Details still open, from the offline copy: tests/views/test_offline_inspect.py.)
    if SHOTS.exists() or os.environ.get("KEYDESK_SHOTS") is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.statusBar().clearMessage()
        page.table.clearSelection()
        qtbot.wait(50)  # let the status bar lay out its new text
        window.grab().save(str(SHOTS / "main-window-offline.png"))

    # The server is back: the queue is applied once, with the original operator.
    proxy.restore()
    qtbot.waitUntil(lambda: window.connection_text() == "", timeout=10000)
    assert server.revoked(target)[0]
    audits = server.revoke_audits(target)
    assert len(audits) == 1
    assert audits[0][1] == "test-operator"
    with qtbot.waitSignal(window.live.snapshotSaved, timeout=5000):  # kept up to date
        qtbot.waitUntil(lambda: page.revoked_text(target) == "Revoked", timeout=2500)
    assert page.pending == frozenset()
    assert page.add_action.isEnabled()
    # Nothing is applied twice later on.
    qtbot.wait(300)
    assert len(server.revoke_audits(target)) == 1
    window.close()

    # Starting while the server is out of reach shows the snapshot of the last run.
    proxy.cut()
    offline = open_offline_window(qtbot, proxied_url)
    assert offline.connection_text().startswith("Offline — data as of ")
    assert offline.keys_page.counts() == (3, 3)
    assert offline.keys_page.revoked_text(target) == "Revoked"
    assert not offline.keys_page.add_action.isEnabled()
    # ...and goes online by itself when it is back.
    proxy.restore()
    qtbot.waitUntil(lambda: offline.connection_text() == "", timeout=10000)
    offline.close()
