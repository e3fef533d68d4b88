"""Support staff offline inspect everything from the copy, not just the table.

The window talks to PostgreSQL or MariaDB through a loopback proxy the test cuts
(tests/support/tcp_proxy.py). Offline, a key's details open read-only from the copy
behind an "as of" banner, with its permitted models and its history; Revoke there is
queued; the Users, Models and Audit log pages read the copy, labelled with its time and
read-only. When the proxy is restored the queued revocation is applied once and the
pages read the server again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from support.desks import open_offline_window, when_modal
from support.offline_server import Server
from support.tcp_proxy import TcpProxy

from keydesk.services import catalog, keys, users
from keydesk.services.keys import KeyChanges, NewKey
from keydesk.store import connection
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.main_window import PAGE_AUDIT, PAGE_MODELS, PAGE_USERS, MainWindow

ADA = "ada@example.com"
BEN = "ben@example.com"
SHOTS = os.environ.get("KEYDESK_SHOTS")  # a folder: the offline screens are saved there
SHOTS_THEME = os.environ.get("KEYDESK_SHOTS_THEME", "light")  # light or dark


@pytest.fixture
def db_url(db_url: str) -> str:
    """A PostgreSQL or MariaDB database without rows (SQLite has no server to lose)."""
    if db_url.startswith("sqlite"):
        pytest.skip("offline mode needs a server database")
    return db_url


@pytest.fixture
def seeded(proxied_url: str) -> list[keys.CreatedKey]:
    connection.open_database(proxied_url)
    users.add_user(ADA, "Ada Lovelace")
    users.add_user(BEN, "Ben Okafor")
    catalog.add_model("alfred-4")
    catalog.add_model("bertha-2")
    made = [
        keys.create_key(NewKey(name="billing", user=ADA, models=["alfred-4", "bertha-2"])),
        keys.create_key(NewKey(name="search", user=BEN, models=["alfred-4"])),
        keys.create_key(NewKey(name="nightly", user=ADA)),
    ]
    keys.edit_key(made[0].prefix, KeyChanges(name="billing-eu"))
    connection.close_database()
    connection.database.initialize(None)
    return made


def open_window(qtbot, url: str) -> MainWindow:
    """Taller than the other offline tests' window, in the theme asked for screenshots."""
    return open_offline_window(qtbot, url, height=560, theme=SHOTS_THEME if SHOTS else None)


def shoot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        widget.grab().save(str(Path(SHOTS) / f"{name}-{SHOTS_THEME}-x{scale}.png"))


def test_offline_details_pages_and_audit_come_from_the_copy(
    qtbot, proxy: TcpProxy, proxied_url: str, db_url: str, seeded, answer_box
) -> None:
    server = Server(db_url)
    window = open_window(qtbot, proxied_url)
    page = window.keys_page
    copy = window.session.offline_copy
    qtbot.waitUntil(lambda: copy() is not None and copy().event_count() > 0, timeout=5000)

    proxy.cut()
    qtbot.waitUntil(
        lambda: window.connection_text().startswith("Offline — data as of "), timeout=5000
    )

    # A key's details open from the copy, read-only, with its models and its history;
    # Revoke there is queued.
    target = seeded[0].prefix
    seen: list[str] = []

    def inspect(widget: QWidget) -> None:
        assert isinstance(widget, KeyDetailDialog)
        try:
            check(widget)
        finally:
            seen.append("closed")
            widget.reject()

    def check(dialog: KeyDetailDialog) -> None:
        banner = dialog.findChild(QWidget, "offlineCopyBanner")
        assert banner is not None and banner.isVisible()
        seen.append(dialog._copy_note.shown_text())
        assert dialog.detail is not None and dialog.detail.name == "billing-eu"
        assert sorted(dialog.form.values()["models"]) == ["alfred-4", "bertha-2"]  # type: ignore[arg-type]
        assert not dialog.form.name.edit.isEnabled()
        history = [entry.action for entry in dialog._history.entries()]
        assert history == ["edit", "create"]
        buttons = {
            name: dialog.findChild(QPushButton, name)
            for name in ("saveButton", "deleteButton", "revokeButton")
        }
        assert not buttons["saveButton"].isEnabled()
        assert not buttons["deleteButton"].isEnabled()
        assert buttons["revokeButton"].isEnabled()
        shoot(dialog, "offline-detail")
        told = answer_box("confirmDialog", "confirmAcceptButton")
        buttons["revokeButton"].click()
        assert told and target in told[0]
        assert not buttons["revokeButton"].isEnabled()
        seen.append(dialog._copy_note.shown_text())

    assert page.select_prefix(target)
    when_modal("keyDetailDialog", inspect)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "closed" in seen, timeout=5000)
    assert len(seen) == 3
    assert seen[0].startswith("Offline — this key as of ")
    assert "you can still revoke it" in seen[0]
    assert seen[1].endswith("its revocation is pending.")
    qtbot.waitUntil(lambda: page.revoked_text(target) == "Revocation pending", timeout=2000)
    assert window.connection_text().endswith("· 1 revocation pending")
    assert server.revoked(target) == (False, None)

    # Users, Models and Audit log read the copy, labelled with its time, read-only.
    window.sidebar.setCurrentRow(PAGE_USERS)
    users_page = window.users_page
    qtbot.waitUntil(lambda: users_page.model.rowCount() == 2, timeout=5000)
    assert users_page.from_copy
    assert users_page.copy_note.shown_text().startswith("Offline — users and their key counts")
    assert [(u.email, u.key_count) for u in users_page.model.records] == [(ADA, 2), (BEN, 1)]
    assert not users_page.add_button.isEnabled()
    assert users_page.add_button.toolTip().startswith("You are offline")
    shoot(window, "offline-users")

    window.sidebar.setCurrentRow(PAGE_MODELS)
    models_page = window.models_page
    qtbot.waitUntil(lambda: models_page.from_copy, timeout=5000)
    assert models_page.model_names() == ["alfred-4", "bertha-2"]
    assert not models_page.name_field.isEnabled()

    window.sidebar.setCurrentRow(PAGE_AUDIT)
    audit_page = window.audit_page
    qtbot.waitUntil(lambda: audit_page.from_copy, timeout=5000)
    assert len(audit_page.entries()) == server.audit_count()
    assert audit_page.copy_note.shown_text().startswith("Offline — the audit log as of ")
    shoot(window, "offline-audit")
    with qtbot.waitSignal(audit_page.loaded, timeout=5000):
        qtbot.keyClicks(audit_page.key_filter, target)
    assert {entry.key_prefix for entry in audit_page.entries()} == {target}
    assert [entry.action for entry in audit_page.entries()] == ["edit", "create"]

    # The server is back: the revocation is applied once and the page reads it live.
    proxy.restore()
    qtbot.waitUntil(lambda: window.connection_text() == "", timeout=10000)
    assert server.revoked(target)[0]
    assert len(server.revoke_audits(target)) == 1
    qtbot.waitUntil(lambda: not audit_page.from_copy, timeout=5000)
    qtbot.waitUntil(
        lambda: [e.action for e in audit_page.entries()] == ["revoke", "edit", "create"],
        timeout=5000,
    )
    window.sidebar.setCurrentRow(PAGE_USERS)
    qtbot.waitUntil(lambda: not users_page.from_copy, timeout=5000)
    assert users_page.add_button.isEnabled()
    qtbot.waitUntil(lambda: page.revoked_text(target) == "Revoked", timeout=5000)
    qtbot.wait(300)
    assert len(server.revoke_audits(target)) == 1
    window.close()


def test_offline_a_pasted_key_is_found_by_prefix_and_its_revocation_queued(
    qtbot, proxy: TcpProxy, proxied_url: str, db_url: str, seeded, answer_box
) -> None:
    """The copy holds no hashes, so offline a key in pasted text is matched by its prefix
    only, said plainly; Revoke queues it, and it is applied once when the server is back."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget

    server = Server(db_url)
    window = open_window(qtbot, proxied_url)
    page = window.keys_page
    copy = window.session.offline_copy
    qtbot.waitUntil(lambda: copy() is not None, timeout=5000)
    proxy.cut()
    qtbot.waitUntil(
        lambda: window.connection_text().startswith("Offline — data as of "), timeout=5000
    )
    leaked = seeded[1]
    text = f"[09:14] ben: the search key is {leaked.key} oops\n[09:15] kd_nothing here\n"
    seen: list[str] = []

    def search_and_revoke(dialog: QWidget) -> None:
        try:
            field = dialog.findChild(QPlainTextEdit, "leakedTextField")
            field.setPlainText(text)  # as a paste does
            dialog.findChild(QPushButton, "findKeysButton").click()
            table = dialog.findChild(QTableWidget, "leakFindings")
            qtbot.waitUntil(lambda: table.rowCount() == 1 and not dialog.busy, timeout=5000)
            row = [table.item(0, c).text() for c in range(table.columnCount())]
            assert row[:5] == [leaked.prefix, "Prefix matches (offline)", BEN, "search", "Active"]
            summary = dialog.findChild(QLabel, "leakSummary").text()
            assert "the secret cannot be checked offline" in summary
            seen.append(summary)
            told = answer_box("confirmDialog", "confirmAcceptButton")
            revoke = dialog.findChild(QPushButton, "revokeLeakedButton")
            assert revoke.isEnabled() and revoke.text() == "&Queue the revocation of 1 key…"
            shoot(dialog, "offline-find-leaked")
            revoke.click()
            assert told and leaked.prefix in told[0]
            assert table.item(0, 4).text() == "Revocation pending" and not revoke.isEnabled()
            shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
            seen.append(shown)
        finally:
            dialog.reject()
            seen.append("closed")

    when_modal("findLeakedDialog", search_and_revoke)
    page.lifecycle.find_leaked_action.trigger()
    qtbot.waitUntil(lambda: "closed" in seen, timeout=10000)
    assert len(seen) == 3, seen
    assert leaked.key.split("_", 2)[2] not in " ".join(seen)  # the secret is never shown
    qtbot.waitUntil(lambda: page.revoked_text(leaked.prefix) == "Revocation pending", timeout=2000)
    assert server.revoked(leaked.prefix) == (False, None)

    proxy.restore()
    qtbot.waitUntil(lambda: window.connection_text() == "", timeout=10000)
    qtbot.waitUntil(lambda: server.revoked(leaked.prefix)[0], timeout=10000)
    assert len(server.revoke_audits(leaked.prefix)) == 1
    qtbot.waitUntil(lambda: page.revoked_text(leaked.prefix) == "Revoked", timeout=5000)
    window.close()
