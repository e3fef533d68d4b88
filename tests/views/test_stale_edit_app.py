"""No lost update, as the person at the desk meets it: a detail dialog open while another
desk edits the key says so, a stale save is refused with what the other person changed,
nothing is lost, and Reload then re-applying the change saves it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from support.desks import run_cli

from keydesk.app import main_window
from keydesk.services import catalog, keys, users
from keydesk.services.keys import NewKey, get_key
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.main_window import MainWindow

ADA = "ada@example.com"
SHOTS = Path(os.environ.get("KEYDESK_SHOTS", "/tmp/kd-team-shots"))


@pytest.fixture
def key(db: str) -> keys.CreatedKey:
    users.add_user(ADA, "Ada")
    catalog.add_model("alfred-4")
    return keys.create_key(NewKey(name="billing", user=ADA, models=["alfred-4"]))


@pytest.fixture
def window(qtbot, db: str, key: keys.CreatedKey) -> Iterator[MainWindow]:
    made = main_window(db)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: not made.keys_page.loading, timeout=5000)
    yield made
    made.close()


def test_stale_edit_is_refused_then_reapplied(
    qtbot, db: str, key: keys.CreatedKey, window: MainWindow
) -> None:
    dialog = window.keys_page.detail_dialog(key.prefix)
    assert isinstance(dialog, KeyDetailDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)  # read in a worker
    assert dialog.notice == ""

    # Another desk (operator grace, its own connection) renames the key and makes it an
    # admin key while the dialog is open: the dialog says so.
    run_cli(
        db, "keys", "edit", key.prefix, "--name", "billing-v2", "--role", "admin", operator="grace"
    )
    qtbot.waitUntil(lambda: "changed elsewhere" in dialog.notice, timeout=2500)
    assert "“billing-v2”" in dialog.notice
    assert "Admin API Key" in dialog.notice
    if os.environ.get("KEYDESK_SHOTS") is not None or SHOTS.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "detail-changed-underneath.png"))

    # Saving the edit made on the old read is refused, naming who changed what.
    dialog.form.name.edit.setText("billing-mine")
    save = dialog.findChild(QPushButton, "saveButton")
    assert save is not None and save.isEnabled()
    save.click()
    assert dialog.isVisible()
    message = next(
        label.text() for label in dialog.findChildren(QLabel) if "editing it" in label.text()
    )
    assert message.startswith("grace changed this key while you were editing it")
    assert "billing-v2" in message
    assert "Name: “billing” → “billing-v2”" in dialog.notice
    assert "Your change, not saved: name “billing” → “billing-mine”" in dialog.notice
    if SHOTS.exists():
        dialog.grab().save(str(SHOTS / "detail-stale-save.png"))
    # Nothing is lost: the other desk's change stands, ours was not written.
    current = get_key(key.prefix)
    assert (current.name, current.role) == ("billing-v2", "admin")
    assert not save.isEnabled()

    # Reload, apply the change again, save: it lands on top of the other desk's change.
    reload_button = dialog.findChild(QPushButton, "reloadButton")
    assert reload_button is not None
    assert reload_button.isVisible()
    reload_button.click()
    assert dialog.notice == ""
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert dialog.form.name.edit.text() == "billing-v2"
    dialog.form.name.edit.setText("billing-mine")
    save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    current = get_key(key.prefix)
    assert (current.name, current.role) == ("billing-mine", "admin")


def test_own_save_shows_no_notice(qtbot, db: str, key: keys.CreatedKey, window: MainWindow) -> None:
    """The feed reports this desk's own change too; the dialog must not call it foreign."""
    dialog = window.keys_page.detail_dialog(key.prefix)
    assert isinstance(dialog, KeyDetailDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    keys.revoke_keys([key.prefix])
    dialog.reload()  # as the dialog does after its own revocation
    qtbot.wait(1500)  # the feed delivers the revocation meanwhile
    assert dialog.notice == ""
