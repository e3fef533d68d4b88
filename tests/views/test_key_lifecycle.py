"""Rotate key…, Create similar…, Find leaked keys… and the usage chart, driven in the main
window and its dialogs as an admin would, over a real temporary SQLite database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, QThreadPool
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support.desks import child, when_modal
from support.dialog_keys import seed_billing_and_ci
from support.verifying import other_secret

from keydesk import keyformat
from keydesk.app import main_window
from keydesk.services import audit, keys
from keydesk.services.verify import Verifier
from keydesk.store.models import ApiKey, UsageMinute
from keydesk.views.formatting import format_time
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.key_table_columns import COL_EXPIRES, COL_NAME
from keydesk.views.leaks_dialog import FindLeakedDialog
from keydesk.views.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def created(sqlite_db: str) -> dict[str, keys.CreatedKey]:
    return seed_billing_and_ci(billing_expires=datetime(2099, 1, 1))


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: str, created) -> Iterator[MainWindow]:
    shown = main_window(sqlite_db)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: not shown.keys_page.loading)
    yield shown
    shown.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)


def select_name(window: MainWindow, name: str) -> None:
    table = window.keys_page.table
    model = table.model()
    selection = table.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if model.index(row, COL_NAME).data() == name:
            selection.setCurrentIndex(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )


def cells(window: MainWindow, column: int) -> list[str]:
    model = window.keys_page.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def copy_and_close(found: list[str]) -> Callable[[QWidget], None]:
    """Act on the copy-once dialog: read the key (for the test), Copy, Done."""

    def act(copy: QWidget) -> None:
        found.append(child(copy, QLineEdit, "secretField").text())
        child(copy, QPushButton, "copyButton").click()
        child(copy, QPushButton, "doneButton").click()

    return act


def rotate_with(grace_label: str, found: list[str]) -> list[QWidget]:
    def act(dialog: QWidget) -> None:
        combo: QComboBox = child(dialog, QComboBox, "graceCombo")
        combo.setCurrentIndex(combo.findText(grace_label))
        when_modal("copyOnceDialog", copy_and_close(found))
        child(dialog, QPushButton, "rotateButton").click()

    return when_modal("rotateKeyDialog", act)


def _epoch(moment: datetime) -> float:
    return moment.replace(tzinfo=timezone.utc).timestamp()


# --- rotation ---------------------------------------------------------------------------------


def test_rotate_from_the_actions_menu(qtbot: QtBot, window: MainWindow, sqlite_db, created):
    select_name(window, "CI pipeline")
    action = window.keys_page.lifecycle.rotate_action
    assert action in window.keys_page.actions_menu.actions() and action.isEnabled()
    found: list[str] = []
    shown = rotate_with("1 hour", found)
    action.trigger()
    qtbot.waitUntil(lambda: len(found) == 1 and cells(window, COL_NAME).count("CI pipeline") == 2)
    QApplication.clipboard().clear()
    new_key = found[0]
    new_prefix = keyformat.parse_key(new_key).prefix
    old = keys.get_key(created["ci"].prefix)
    assert shown and old.expires is not None
    assert (
        timedelta(minutes=59)
        < old.expires - datetime.now(timezone.utc).replace(tzinfo=None)
        <= timedelta(hours=1)
    )
    # The old key's row says when it stops working.
    qtbot.waitUntil(lambda: format_time(old.expires) in cells(window, COL_EXPIRES))
    assert keys.get_key(new_prefix).name == "CI pipeline"
    clock = [_epoch(old.expires) - 1]
    with Verifier(sqlite_db, clock=lambda: clock[0], remember=False) as verifier:
        assert verifier.verify(created["ci"].key).valid
        assert verifier.verify(new_key).valid
        clock[0] += 1
        assert verifier.verify(created["ci"].key).reason == "expired"
        assert verifier.verify(new_key).valid


def test_rotate_from_the_detail_dialog_with_no_grace(qtbot: QtBot, sqlite_db, created):
    dialog = KeyDetailDialog(created["billing"].prefix)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.hide())
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    made: list[str] = []
    dialog.keyCreated.connect(made.append)
    found: list[str] = []
    rotate_with("Stop now", found)
    child(dialog, QPushButton, "rotateKeyButton").click()
    qtbot.waitUntil(lambda: bool(made) and not dialog.loading)
    QApplication.clipboard().clear()
    assert made == [keyformat.parse_key(found[0]).prefix]
    assert dialog.detail is not None and dialog.detail.has_expired  # shown again, expired
    assert not child(dialog, QPushButton, "rotateKeyButton").isEnabled()
    new = keys.get_key(made[0])
    assert new.expires == datetime(2099, 1, 1)  # the old key's expiry: never lengthened
    assert (new.models, new.role, new.opt_in) == (("alfred-4", "bertha-2"), "project", True)
    with Verifier(sqlite_db, remember=False) as verifier:
        assert verifier.verify(created["billing"].key).reason == "expired"
        assert verifier.verify(found[0]).valid
    [event] = [e for e in audit.list_audit(key=created["billing"].prefix) if e.action == "rotate"]
    assert event.fields["rotated_to"]["after"] == made[0]


def test_create_similar_fills_the_create_dialog(qtbot: QtBot, window: MainWindow, created):
    select_name(window, "Billing service")
    seen: dict[str, object] = {}
    found: list[str] = []

    def act(dialog: QWidget) -> None:
        seen["name"] = child(dialog, QLineEdit, "nameField").text()
        seen["user"] = child(dialog, QComboBox, "userCombo").currentData()
        seen["role"] = child(dialog, QComboBox, "roleCombo").currentData()
        models: QListWidget = child(dialog, QListWidget, "modelList")
        seen["models"] = [
            models.item(i).text()
            for i in range(models.count())
            if models.item(i).checkState().value
        ]
        seen["opt_in"] = child(dialog, QCheckBox, "optInCheck").isChecked()
        when_modal("copyOnceDialog", copy_and_close(found))
        child(dialog, QPushButton, "saveButton").click()

    when_modal("createKeyDialog", act)
    window.keys_page.lifecycle.similar_action.trigger()
    qtbot.waitUntil(lambda: cells(window, COL_NAME).count("Billing service") == 2)
    QApplication.clipboard().clear()
    assert seen == {
        "name": "Billing service", "user": "grace@example.com", "role": "project",
        "models": ["alfred-4", "bertha-2"], "opt_in": True,
    }  # fmt: skip
    assert keys.get_key(keyformat.parse_key(found[0]).prefix).user == "grace@example.com"


# --- find leaked keys -------------------------------------------------------------------------


@pytest.fixture
def leaked_text(created) -> tuple[str, list[str]]:
    """A chat log with the billing key, a forgery of the CI key's prefix, an unknown key
    and garbage; and every secret in it."""
    forged = other_secret(created["ci"].key)
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    text = (
        f"ada: here is the billing key {created['billing'].key} (oops)\n"
        f"bob: and ci {forged}\nlog: token={unknown}\nnoise kd_123 {'x' * 44}\n"
    )
    secrets = [keyformat.parse_key(k).secret for k in (created["billing"].key, forged, unknown)]
    return text, secrets


def test_find_leaked_keys_and_revoke_the_confirmed_one(
    qtbot: QtBot, created, leaked_text, answer_box, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    text, secrets = leaked_text
    dialog = FindLeakedDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    field: QPlainTextEdit = child(dialog, QPlainTextEdit, "leakedTextField")
    field.setPlainText(text)  # as a paste does
    child(dialog, QPushButton, "findKeysButton").click()
    table: QTableWidget = child(dialog, QTableWidget, "leakFindings")
    qtbot.waitUntil(lambda: table.rowCount() == 3 and not dialog.busy)
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(3)]
    assert rows[0][:5] == [
        created["billing"].prefix, "Confirmed: this key leaked", "grace@example.com",
        "Billing service", "Active",
    ]  # fmt: skip
    assert rows[0][5] == "never"
    assert rows[1][:3] == [created["ci"].prefix, "Prefix only: not this key", "ada@example.com"]
    assert rows[2][1] == "Unknown prefix"
    revoke: QPushButton = child(dialog, QPushButton, "revokeLeakedButton")
    assert revoke.isEnabled() and "1 confirmed key" in revoke.text()

    told = answer_box("confirmDialog", "confirmAcceptButton")
    revoked: list[list[str]] = []
    dialog.keysRevoked.connect(revoked.append)
    revoke.click()
    qtbot.waitUntil(lambda: bool(revoked))
    assert revoked == [[created["billing"].prefix]]
    assert "Billing service" in told[0] and "leaked" in told[0]
    assert keys.get_key(created["billing"].prefix).revoked
    assert not keys.get_key(created["ci"].prefix).revoked
    assert table.item(0, 4).text() == "Revoked" and not revoke.isEnabled()
    [event] = [e for e in audit.list_audit(key=created["billing"].prefix) if e.action == "revoke"]
    assert event.reason == "leaked"

    shown = " ".join(
        table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
    )
    shown += " ".join(label.text() for label in dialog.findChildren(QLabel)) + caplog.text
    dialog.close()
    assert field.toPlainText() == "" and not field.document().isUndoAvailable()
    for secret in secrets:
        assert secret not in shown


def test_find_leaked_keys_opens_from_the_keys_menu(qtbot: QtBot, window: MainWindow) -> None:
    action = window.keys_page.lifecycle.find_leaked_action
    keys_menu = next(m for m in window.menuBar().actions() if m.text() == "&Keys").menu()
    assert action in keys_menu.actions()
    seen = when_modal("findLeakedDialog", lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    action.trigger()
    assert len(seen) == 1
    assert seen[0].findChild(QPlainTextEdit, "leakedTextField") is not None


# --- usage --------------------------------------------------------------------------------------


def add_usage(prefix: str, rows: list[tuple[datetime, str, int]]) -> None:
    key = ApiKey.get(ApiKey.prefix == prefix)
    for minute, model, calls in rows:
        UsageMinute.create(key=key, minute=minute, model=model, calls=calls)


def open_detail(qtbot: QtBot, prefix: str) -> KeyDetailDialog:
    dialog = KeyDetailDialog(prefix)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.hide())
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading and not dialog.usage.loading)
    return dialog


def test_the_usage_chart_shows_the_counts_per_day_and_model(qtbot: QtBot, created) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    prefix = created["billing"].prefix
    add_usage(
        prefix,
        [
            (now, "alfred-4", 12),
            (now - timedelta(minutes=1), "alfred-4", 3),
            (now - timedelta(days=1), "bertha-2", 7),
            (now - timedelta(days=45), "alfred-4", 100),
        ],
    )
    dialog = open_detail(qtbot, prefix)
    chart = dialog.findChild(QWidget, "usageChart")
    assert chart is not None and chart.isVisible()
    series = chart.series()  # type: ignore[attr-defined]
    assert set(series) == {"alfred-4", "bertha-2"}
    assert series["alfred-4"] == (0,) * 29 + (15,)
    assert series["bertha-2"] == (0,) * 28 + (7, 0)
    totals = child(dialog, QLabel, "usageTotals").text()
    assert totals.startswith("22 calls in the last 30 days")
    period: QComboBox = child(dialog, QComboBox, "usagePeriod")
    period.setCurrentIndex(period.findData(90))
    qtbot.waitUntil(lambda: "90 days" in child(dialog, QLabel, "usageTotals").text())
    assert chart.series()["alfred-4"][-46] == 100  # type: ignore[attr-defined]
    assert child(dialog, QLabel, "usageTotals").text().startswith("122 calls")


def test_a_key_without_opt_in_says_not_tracked(qtbot: QtBot, created) -> None:
    dialog = open_detail(qtbot, created["ci"].prefix)
    label = child(dialog, QLabel, "usageNotTracked")
    assert label.isVisible() and label.text().startswith("Not tracked")
    chart = dialog.findChild(QWidget, "usageChart")
    assert chart is not None and not chart.isVisible()


def test_the_audit_log_says_why_a_leaked_key_was_revoked_and_names_rotations() -> None:
    from keydesk.views.audit_page import action_label, changes_text

    entry = audit.AuditEntry(
        at=datetime(2026, 12, 1),
        operator="alice",
        db_user=None,
        action="revoke",
        key_prefix="kd_x",
        key_unique_name="calm-otter-1",
        subject=None,
        fields={"revoked": {"before": False, "after": True}},
        reason="leaked",
    )
    assert changes_text(entry) == "revoked: no → yes · reason: leaked"
    assert action_label("rotate") == "Rotated"


def test_the_new_detail_buttons_have_mnemonics_of_their_own(qtbot: QtBot, created) -> None:
    import re

    from PySide6.QtWidgets import QAbstractButton

    dialog = open_detail(qtbot, created["ci"].prefix)
    texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.text() for w in dialog.findChildren(QLabel)]
    keys_used = [m.lower() for text in texts for m in re.findall(r"&(\w)", text)]
    assert "t" in keys_used and "i" in keys_used  # Ro&tate…, Create s&imilar…
    assert len(keys_used) == len(set(keys_used)), keys_used


def test_bcrypt_work_runs_off_the_gui_thread(
    qtbot: QtBot, created, leaked_text, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from keydesk.views import leaks_dialog, rotate_dialog

    threads: list[str] = []
    real_check, real_prepare = leaks_dialog.check_text, rotate_dialog.prepare_secret

    def check(text: str):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_check(text)

    def prepare():  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_prepare()

    monkeypatch.setattr(leaks_dialog, "check_text", check)
    monkeypatch.setattr(rotate_dialog, "prepare_secret", prepare)
    dialog = FindLeakedDialog()
    qtbot.addWidget(dialog)
    dialog.text_field.setPlainText(leaked_text[0])
    dialog.find_keys()
    qtbot.waitUntil(lambda: bool(dialog.findings))
    rotate = rotate_dialog.RotateKeyDialog(keys.get_key(created["ci"].prefix))
    qtbot.addWidget(
        rotate,
        before_close_func=lambda w: [
            d.hide() for d in [*w.findChildren(QWidget), w] if d.isWindow()
        ],
    )
    rotate.show()
    rotate.rotate()
    qtbot.waitUntil(lambda: rotate.new_prefix is not None)
    assert len(threads) == 2 and threading.main_thread().name not in threads


def test_a_lost_database_is_said_in_words(
    qtbot: QtBot, created, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keydesk.errors import DatabaseUnavailable
    from keydesk.views import leaks_dialog, usage_chart

    def lost(*_args: object) -> None:
        raise DatabaseUnavailable("The database server is unreachable.")

    monkeypatch.setattr(leaks_dialog, "check_text", lost)
    monkeypatch.setattr(usage_chart, "usage_report", lost)
    dialog = FindLeakedDialog()
    qtbot.addWidget(dialog)
    dialog.text_field.setPlainText(created["ci"].key)
    dialog.find_keys()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "does not answer" in dialog.summary.text()
    assert dialog.find_button.isEnabled()
    detail = open_detail(qtbot, created["billing"].prefix)
    assert "does not answer" in child(detail, QLabel, "usageTotals").text()


def test_usage_read_after_its_chart_was_torn_down_is_dropped(
    qtbot: QtBot, created, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog may be closed and torn down while its usage is still being read: the
    late answer is dropped, never drawn into a deleted chart (seen once as an error in
    the event loop)."""
    import threading

    from shiboken6 import delete

    from keydesk.views import usage_chart

    release = threading.Event()
    real = usage_chart.usage_report

    def slow(prefix: str, days: int) -> object:
        assert release.wait(5)
        return real(prefix, days)

    monkeypatch.setattr(usage_chart, "usage_report", slow)
    dialog = KeyDetailDialog(created["billing"].prefix)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.hide())
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading and dialog.usage.loading)
    delete(dialog.usage.chart)  # what tearing the dialog down does first
    release.set()
    qtbot.waitUntil(lambda: not dialog.usage.loading)
