"""The create dialog, driven as a user would, against a real temporary SQLite database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support.desks import child, tab_order

import keydesk
from keydesk import keyformat
from keydesk.services import catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.views import create_dialog, theme
from keydesk.views.copy_once_dialog import CopyOnceDialog
from keydesk.views.create_dialog import CreateKeyDialog
from keydesk.views.formatting import format_time
from keydesk.views.key_form_fields import from_qdatetime, to_qdatetime

# The offscreen platform cannot pass window size hints on; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def seeded(sqlite_db: str) -> str:
    users.add_user("ada@example.com", "Ada Lovelace")
    users.add_user("grace@example.com", "Grace Hopper")
    users.add_user("old@example.com", "Former Colleague")
    users.set_user_active("old@example.com", False)
    catalog.add_model("alfred-4")
    catalog.add_model("bertha-2")
    catalog.add_skill("web-search")
    return sqlite_db


@pytest.fixture
def dialog(qtbot: QtBot, seeded: str) -> CreateKeyDialog:
    shown = CreateKeyDialog()
    qtbot.addWidget(shown, before_close_func=_hide_all)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _hide_all(dialog: QDialog) -> None:
    """Teardown closes widgets: hide them first so no closing question is asked."""
    for inner in dialog.findChildren(QDialog):
        inner.hide()
    dialog.hide()


def save_button(dialog: QDialog) -> QPushButton:
    return child(dialog, QPushButton, "saveButton")


def choose_user(dialog: QDialog, email: str) -> None:
    combo: QComboBox = child(dialog, QComboBox, "userCombo")
    combo.setCurrentIndex(combo.findData(email))


def check_model(dialog: QDialog, name: str, checked: bool = True) -> None:
    models: QListWidget = child(dialog, QListWidget, "modelList")
    (item,) = models.findItems(name, Qt.MatchFlag.MatchExactly)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def wait_for_copy_dialog(qtbot: QtBot, dialog: QDialog) -> CopyOnceDialog:
    found: list[CopyOnceDialog] = []

    def shown() -> None:
        copy = dialog.findChild(CopyOnceDialog)
        assert copy is not None and copy.isVisible()
        found.append(copy)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[-1]


def fill_valid(dialog: QDialog, qtbot: QtBot, name: str = "Billing service") -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "nameField"), name)
    choose_user(dialog, "ada@example.com")


def db_bytes(tmp_path: Path) -> bytes:
    """The raw bytes of the SQLite database and its write-ahead log."""
    data = b""
    for name in ("keydesk.db", "keydesk.db-wal"):
        path = tmp_path / name
        if path.exists():
            data += path.read_bytes()
    return data


# --- the whole journey -----------------------------------------------------------------------


def test_create_a_key_as_a_user_would(
    dialog: CreateKeyDialog, qtbot: QtBot, tmp_path: Path, seeded: str
) -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "nameField"), "  Billing service  ")
    choose_user(dialog, "grace@example.com")
    role: QComboBox = child(dialog, QComboBox, "roleCombo")
    role.setCurrentIndex(role.findData("project"))
    check_model(dialog, "alfred-4")
    qtbot.mouseClick(child(dialog, QCheckBox, "optInCheck"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    copy = wait_for_copy_dialog(qtbot, dialog)
    assert copy.windowModality() != Qt.WindowModality.NonModal
    key = child(copy, QLineEdit, "secretField").text()
    assert keydesk.verify(key, db_url=seeded).valid
    assert keydesk.verify(key, "alfred-4", db_url=seeded).valid
    assert keydesk.verify(key, "bertha-2", db_url=seeded).code == "model_not_permitted"

    prefix = keyformat.parse_key(key).prefix
    assert dialog.created_prefix == prefix
    detail = keys.get_key(prefix)
    assert (detail.name, detail.user, detail.role) == (
        "Billing service",
        "grace@example.com",
        "project",
    )
    assert detail.models == ("alfred-4",)
    assert detail.opt_in is True
    assert detail.expires is None

    stored = db_bytes(tmp_path)
    assert prefix.encode() in stored  # the file really is the one written
    assert keyformat.parse_key(key).secret.encode() not in stored
    assert key.encode() not in stored

    qtbot.mouseClick(child(copy, QPushButton, "copyButton"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == key
    qtbot.mouseClick(child(copy, QPushButton, "doneButton"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert child(copy, QLineEdit, "secretField").text() == ""
    QApplication.clipboard().clear()


def test_exec_returns_accepted_once_the_copy_once_dialog_closes(qtbot: QtBot, seeded: str) -> None:
    dialog = CreateKeyDialog()
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    seen: dict[str, str] = {}
    ticks = [0]

    def drive() -> None:
        ticks[0] += 1
        if ticks[0] > 500:  # 10 s: give up rather than hang
            dialog.done(QDialog.DialogCode.Rejected)
        if not dialog.isVisible():
            return
        if "saved" not in seen:
            fill_valid(dialog, qtbot)
            save_button(dialog).click()
            seen["saved"] = "yes"
            return
        copy = dialog.findChild(CopyOnceDialog)
        if copy is not None and copy.isVisible() and "key" not in seen:
            seen["key"] = child(copy, QLineEdit, "secretField").text()
            child(copy, QPushButton, "copyButton").click()
            child(copy, QPushButton, "doneButton").click()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(20)
    result = dialog.exec()
    timer.stop()
    assert result == QDialog.DialogCode.Accepted
    assert dialog.created_prefix == keyformat.parse_key(seen["key"]).prefix
    assert keydesk.verify(seen["key"], db_url=seeded).valid
    QApplication.clipboard().clear()


def test_the_dialog_keeps_no_reference_to_the_key(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    fill_valid(dialog, qtbot)
    save_button(dialog).click()
    copy = wait_for_copy_dialog(qtbot, dialog)
    key = child(copy, QLineEdit, "secretField").text()
    secret = keyformat.parse_key(key).secret
    for value in vars(dialog).values():
        assert not (isinstance(value, str) and secret in value)
        assert not hasattr(value, "secret") and not hasattr(value, "key")
    assert dialog._task is None


# --- the form ------------------------------------------------------------------------------


def test_save_is_disabled_until_the_input_is_valid(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    save = save_button(dialog)
    assert not save.isEnabled()
    name: QLineEdit = child(dialog, QLineEdit, "nameField")
    qtbot.keyClicks(name, "   ")
    choose_user(dialog, "ada@example.com")
    assert not save.isEnabled()  # a blank name is no name
    assert "cannot be empty" in child(dialog, QLabel, "nameError").text()
    qtbot.keyClicks(name, "Reporting")
    assert save.isEnabled()
    assert not child(dialog, QLabel, "nameError").isVisible()
    child(dialog, QComboBox, "userCombo").setCurrentIndex(-1)
    assert not save.isEnabled()  # a key needs an owner
    choose_user(dialog, "ada@example.com")
    assert save.isEnabled()


def test_an_expiry_in_the_past_keeps_save_disabled(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    fill_valid(dialog, qtbot)
    choose_preset(dialog, qtbot, "Custom…")
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    edit.setDateTime(QDateTime.currentDateTime().addSecs(-60))
    assert not save_button(dialog).isEnabled()
    error: QLabel = child(dialog, QLabel, "expiresError")
    assert error.isVisible() and "future" in error.text()
    edit.setDateTime(QDateTime.currentDateTime().addDays(2))
    assert save_button(dialog).isEnabled()
    assert not error.isVisible()


def test_the_name_counter_is_live_and_stops_at_50(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    counter: QLabel = child(dialog, QLabel, "nameCounter")
    name: QLineEdit = child(dialog, QLineEdit, "nameField")
    assert counter.text() == "0/50"
    qtbot.keyClicks(name, "abc")
    assert counter.text() == "3/50"
    qtbot.keyClicks(name, "x" * 60)
    assert len(name.text()) == 50
    assert counter.text() == "50/50"
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert counter.text() == "49/50"


def test_a_key_without_models_is_warned_about(dialog: CreateKeyDialog) -> None:
    warning: QLabel = child(dialog, QLabel, "noModelWarning")
    assert warning.isVisible()
    assert warning.text() == "This key can call no model"
    check_model(dialog, "bertha-2")
    assert not warning.isVisible()
    check_model(dialog, "bertha-2", checked=False)
    assert warning.isVisible()


def test_skills_are_listed_but_disabled_with_the_reason(dialog: CreateKeyDialog) -> None:
    skills: QListWidget = child(dialog, QListWidget, "skillList")
    assert [skills.item(row).text() for row in range(skills.count())] == ["web-search"]
    assert not skills.isEnabled()
    assert skills.toolTip() == "Skills are not active yet"


def test_opt_in_explains_that_off_means_no_usage_data(dialog: CreateKeyDialog) -> None:
    opt_in: QCheckBox = child(dialog, QCheckBox, "optInCheck")
    assert not opt_in.isChecked()
    assert "no usage data" in opt_in.toolTip()


def test_role_offers_the_three_roles(dialog: CreateKeyDialog) -> None:
    role: QComboBox = child(dialog, QComboBox, "roleCombo")
    labels = [role.itemText(index) for index in range(role.count())]
    assert labels == ["Standard API Key", "Admin API Key", "Project API Key"]
    assert role.currentData() == "standard"


def test_user_combo_lists_active_users_with_name_and_email(dialog: CreateKeyDialog) -> None:
    combo: QComboBox = child(dialog, QComboBox, "userCombo")
    labels = [combo.itemText(index) for index in range(combo.count())]
    assert labels == ["Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>"]
    assert combo.currentIndex() == -1


def test_initial_user_is_preselected(qtbot: QtBot, seeded: str) -> None:
    dialog = CreateKeyDialog(initial_user="grace@example.com")
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    assert child(dialog, QComboBox, "userCombo").currentData() == "grace@example.com"


def choose_preset(dialog: CreateKeyDialog, qtbot: QtBot, label: str) -> None:
    """Pick an expiry preset from the keyboard: focus the presets, Home, then Down."""
    presets: QComboBox = child(dialog, QComboBox, "expiryPresets")
    presets.setFocus()
    qtbot.keyClick(presets, Qt.Key.Key_Home)
    while presets.currentText() != label:
        before = presets.currentIndex()
        qtbot.keyClick(presets, Qt.Key.Key_Down)
        assert presets.currentIndex() != before, f"no preset {label}"


def test_expiry_is_never_by_default_and_custom_offers_90_days(
    dialog: CreateKeyDialog, qtbot: QtBot
) -> None:
    presets: QComboBox = child(dialog, QComboBox, "expiryPresets")
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    assert [presets.itemText(i) for i in range(presets.count())] == [
        "Never", "7 days", "30 days", "60 days", "90 days", "Custom…",
    ]  # fmt: skip
    assert presets.currentText() == "Never" and presets.isVisible()
    assert not edit.isVisible()
    assert dialog.form.expiry.value() is None
    choose_preset(dialog, qtbot, "Custom…")
    assert edit.isVisible() and edit.calendarPopup()
    offered = from_qdatetime(edit.dateTime())
    assert abs(offered - (utcnow() + timedelta(days=90))) < timedelta(minutes=2)


def test_a_chosen_expiry_is_stored(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    fill_valid(dialog, qtbot)
    choose_preset(dialog, qtbot, "Custom…")
    wanted = (utcnow() + timedelta(days=7)).replace(second=0)
    child(dialog, QDateTimeEdit, "expiresEdit").setDateTime(to_qdatetime(wanted))
    save_button(dialog).click()
    wait_for_copy_dialog(qtbot, dialog)
    assert dialog.created_prefix is not None
    assert keys.get_key(dialog.created_prefix).expires == wanted


def test_enter_saves_when_valid(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    name: QLineEdit = child(dialog, QLineEdit, "nameField")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert dialog.findChild(CopyOnceDialog) is None  # invalid: Enter does nothing
    fill_valid(dialog, qtbot)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    wait_for_copy_dialog(qtbot, dialog)


def test_fields_have_mnemonic_labels(dialog: CreateKeyDialog) -> None:
    buddies = {
        label.buddy().objectName(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    for name in ("nameField", "userCombo", "roleCombo", "modelList"):
        assert "&" in buddies[name]


# --- saving ----------------------------------------------------------------------------------


@pytest.fixture
def slow_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold prepare_secret on its worker thread until the test releases it."""
    release = threading.Event()
    real = keys.prepare_secret

    def held() -> keys.PreparedSecret:
        release.wait(10)
        return real()

    monkeypatch.setattr(create_dialog, "prepare_secret", held)
    yield release
    release.set()


def test_hashing_runs_off_the_gui_thread_behind_a_busy_indicator(
    dialog: CreateKeyDialog, qtbot: QtBot, slow_hashing: threading.Event
) -> None:
    fill_valid(dialog, qtbot)
    save_button(dialog).click()
    progress: QProgressBar = child(dialog, QProgressBar, "busyIndicator")
    assert progress.isVisible()
    assert (progress.minimum(), progress.maximum()) == (0, 0)  # indeterminate
    assert not child(dialog, QLineEdit, "nameField").isEnabled()
    assert not save_button(dialog).isEnabled()
    assert not child(dialog, QPushButton, "cancelButton").isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # cannot be cancelled halfway
    assert keys.count_keys() == 0  # the GUI thread was free while bcrypt waited

    slow_hashing.set()
    wait_for_copy_dialog(qtbot, dialog)
    assert keys.count_keys() == 1


def test_a_refusal_is_shown_next_to_its_field_and_nothing_is_saved(
    dialog: CreateKeyDialog, qtbot: QtBot
) -> None:
    fill_valid(dialog, qtbot)
    users.set_user_active("ada@example.com", False)  # by someone else, meanwhile
    save_button(dialog).click()
    error: QLabel = child(dialog, QLabel, "userError")
    qtbot.waitUntil(error.isVisible)
    assert "deactivated" in error.text()
    assert keys.count_keys() == 0
    assert dialog.findChild(CopyOnceDialog) is None
    assert dialog.isVisible() and child(dialog, QLineEdit, "nameField").isEnabled()
    assert not child(dialog, QProgressBar, "busyIndicator").isVisible()


def test_a_failure_while_hashing_is_reported(
    dialog: CreateKeyDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> keys.PreparedSecret:
        raise OSError("no randomness available")

    monkeypatch.setattr(create_dialog, "prepare_secret", broken)
    told: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "errorDialog":
            told.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, answer)

    fill_valid(dialog, qtbot)
    QTimer.singleShot(20, answer)
    save_button(dialog).click()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert "no randomness available" in told[0]
    assert keys.count_keys() == 0
    qtbot.waitUntil(save_button(dialog).isEnabled)


def test_cancel_creates_nothing(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    fill_valid(dialog, qtbot)
    qtbot.mouseClick(child(dialog, QPushButton, "cancelButton"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.created_prefix is None
    assert keys.count_keys() == 0


def test_tab_order_follows_the_form(dialog: CreateKeyDialog, qtbot: QtBot) -> None:
    order = [
        "nameField",
        "userCombo",
        "roleCombo",
        "modelList",
        "optInCheck",
        "expiryPresets",
        "expiresEdit",
        "saveButton",
        "cancelButton",
    ]
    widget = child(dialog, QLineEdit, "nameField")
    assert dialog.focusWidget() is widget
    assert tab_order(widget, order) == order


def _outline_contrast(widget: QWidget, area: QRect) -> int:
    """How far the lightest pixel of ``area`` (in ``widget``) stands out from the darkest:
    an unchecked box on a dark background shows only by its outline."""
    image = widget.grab(area).toImage()
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    ]
    return max(values) - min(values)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_unchecked_boxes_show_in_both_themes(qtbot: QtBot, seeded: str, palette: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(theme.dark_palette() if palette == "dark" else theme.light_palette())
    try:
        shown = CreateKeyDialog()
        qtbot.addWidget(shown, before_close_func=_hide_all)
        shown.show()
        qtbot.waitExposed(shown)
        models: QListWidget = child(shown, QListWidget, "modelList")
        skills: QListWidget = child(shown, QListWidget, "skillList")
        opt_in: QCheckBox = child(shown, QCheckBox, "optInCheck")
        assert models.item(0).checkState() == Qt.CheckState.Unchecked
        for box in (opt_in,):
            assert not box.isChecked()
            option = QStyleOptionButton()
            box.initStyleOption(option)
            indicator = box.style().subElementRect(
                QStyle.SubElement.SE_CheckBoxIndicator, option, box
            )
            assert _outline_contrast(box, indicator) >= 60, box.objectName()
        for view, least in ((models, 60), (skills, 25)):  # skills: disabled, dimmer
            row = view.visualItemRect(view.item(0))
            box = QRect(row.left(), row.top(), row.height() + 4, row.height())
            assert _outline_contrast(view.viewport(), box) >= least, view.objectName()
    finally:
        app.setPalette(before)


def test_permitted_models_show_ten_rows_a_summary_and_a_filter_for_long_catalogs(
    qtbot: QtBot, seeded: str
) -> None:
    for number in range(3, 40):
        catalog.add_model(f"model-{number:02}")
    shown = CreateKeyDialog()
    qtbot.addWidget(shown, before_close_func=_hide_all)
    shown.show()
    qtbot.waitExposed(shown)
    models: QListWidget = child(shown, QListWidget, "modelList")
    summary: QLabel = child(shown, QLabel, "modelSummary")
    search: QLineEdit = child(shown, QLineEdit, "modelFilter")
    assert models.count() == 39
    visible_rows = [
        row for row in range(models.count())
        if models.viewport().rect().contains(models.visualItemRect(models.item(row)))
    ]  # fmt: skip
    assert len(visible_rows) >= 10
    assert summary.text() == "0 of 39 selected" and search.isVisible()

    qtbot.keyClicks(search, "model-1")
    assert [models.item(r).text() for r in range(39) if not models.isRowHidden(r)] == [
        f"model-{n}" for n in range(10, 20)
    ]
    assert summary.text() == "0 of 39 selected · 10 shown"
    for text in ("model-12", "model-17"):
        item = models.findItems(text, Qt.MatchFlag.MatchExactly)[0]
        rect = models.visualItemRect(item)
        check = QPoint(rect.left() + rect.height() // 2, rect.center().y())  # the box
        qtbot.mouseClick(models.viewport(), Qt.MouseButton.LeftButton, pos=check)
    assert summary.text() == "2 of 39 selected · 10 shown"
    search.clear()
    assert summary.text() == "2 of 39 selected"
    assert shown.form.values()["models"] == ["model-12", "model-17"]


def test_a_short_catalog_needs_no_filter(dialog: CreateKeyDialog) -> None:
    assert not child(dialog, QLineEdit, "modelFilter").isVisible()
    assert child(dialog, QLabel, "modelSummary").text() == "0 of 2 selected"


def test_a_typed_past_year_is_refused_in_words_not_dropped(
    dialog: CreateKeyDialog, qtbot: QtBot
) -> None:
    fill_valid(dialog, qtbot)
    choose_preset(dialog, qtbot, "Custom…")
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)  # as a double-click does
    qtbot.keyClicks(edit, "2020")
    assert edit.text().startswith("2020-")
    error: QLabel = child(dialog, QLabel, "expiresError")
    assert error.isVisible() and "future" in error.text()
    assert not save_button(dialog).isEnabled()


@pytest.mark.parametrize("days", [7, 30, 60, 90])
def test_an_expiry_preset_stores_now_plus_its_days(
    dialog: CreateKeyDialog, qtbot: QtBot, days: int
) -> None:
    fill_valid(dialog, qtbot)
    choose_preset(dialog, qtbot, f"{days} days")
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    moment: QLabel = child(dialog, QLabel, "expiryPresetMoment")
    assert not edit.isVisible()  # a preset needs no calendar…
    assert moment.isVisible() and moment.text().startswith("until ")  # …but says the date
    before = utcnow()
    save_button(dialog).click()
    wait_for_copy_dialog(qtbot, dialog)
    assert dialog.created_prefix is not None
    stored = keys.get_key(dialog.created_prefix).expires
    assert stored is not None
    assert abs(stored - (before + timedelta(days=days))) < timedelta(minutes=2)
    assert format_time(stored) in moment.text()


def test_custom_starts_from_the_preset_chosen_and_never_clears_it(
    dialog: CreateKeyDialog, qtbot: QtBot
) -> None:
    choose_preset(dialog, qtbot, "30 days")
    thirty = dialog.form.expiry.value()
    presets = dialog.expiry_presets
    presets.setCurrentIndex(presets.findText("Custom…"))  # picked from the list
    assert dialog.form.expiry.value() == thirty  # to adjust, not to start over
    assert child(dialog, QDateTimeEdit, "expiresEdit").isVisible()
    assert not child(dialog, QLabel, "expiryPresetMoment").isVisible()
    choose_preset(dialog, qtbot, "Never")
    assert dialog.form.expiry.value() is None
    assert not child(dialog, QDateTimeEdit, "expiresEdit").isVisible()
    fill_valid(dialog, qtbot)
    save_button(dialog).click()
    wait_for_copy_dialog(qtbot, dialog)
    assert dialog.created_prefix is not None
    assert keys.get_key(dialog.created_prefix).expires is None


def test_a_form_loaded_with_an_expiry_shows_custom(dialog: CreateKeyDialog) -> None:
    """A dialog prefilled from another key (as "Create similar" does) keeps its expiry."""
    wanted = (utcnow() + timedelta(days=12)).replace(second=0)
    dialog.form.expiry.set_value(wanted)
    assert dialog.expiry_presets.currentText() == "Custom…"
    assert dialog.form.expiry.value() == wanted
