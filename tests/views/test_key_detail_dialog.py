"""The detail dialog: every field shown, edits saved through the services and audited,
refusals shown where they belong, revoke and delete behind confirmations."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support.desks import child, tab_order

from keydesk.errors import DatabaseUnavailable, NotFound
from keydesk.services import audit, catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.views import key_detail_dialog, key_detail_parts, theme
from keydesk.views.formatting import format_time
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.key_detail_parts import read_key_detail
from keydesk.views.key_form_fields import from_qdatetime, to_qdatetime

# The offscreen platform cannot pass window size hints on; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

Answer = Callable[..., list[str]]


@pytest.fixture
def key(sqlite_db: str) -> keys.KeyDetail:
    """An active key of Ada's expiring in 30 days, permitted alfred-4, not opted in."""
    users.add_user("ada@example.com", "Ada Lovelace")
    users.add_user("grace@example.com", "Grace Hopper")
    for model in ("alfred-4", "bertha-2", "cora-vision"):
        catalog.add_model(model)
    catalog.add_skill("web-search")
    created = keys.create_key(
        keys.NewKey(
            name="Billing service",
            user="ada@example.com",
            models=["alfred-4"],
            expires=utcnow() + timedelta(days=30),
        )
    )
    return keys.get_key(created.prefix)


def open_dialog(qtbot: QtBot, prefix: str) -> KeyDetailDialog:
    """The dialog as the admin meets it: shown, with the key it read in a worker."""
    dialog = KeyDetailDialog(prefix)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.hide())
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_loaded(qtbot, dialog)
    return dialog


def wait_loaded(qtbot: QtBot, dialog: KeyDetailDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)


@pytest.fixture
def dialog(qtbot: QtBot, key: keys.KeyDetail) -> KeyDetailDialog:
    return open_dialog(qtbot, key.prefix)


def button(dialog: QWidget, name: str) -> QPushButton:
    return child(dialog, QPushButton, name)


def text_of(dialog: QWidget, name: str) -> str:
    return child(dialog, QLabel, name).text()


def set_model(dialog: QWidget, name: str, checked: bool) -> None:
    models: QListWidget = child(dialog, QListWidget, "modelList")
    (item,) = models.findItems(name, Qt.MatchFlag.MatchExactly)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def set_expiry(dialog: QWidget, moment: datetime) -> None:
    child(dialog, QDateTimeEdit, "expiresEdit").setDateTime(to_qdatetime(moment))


def key_events(prefix: str) -> list[audit.AuditEntry]:
    return audit.list_audit(key=prefix)


# --- showing -----------------------------------------------------------------------------


def test_shows_every_field(dialog: KeyDetailDialog, key: keys.KeyDetail) -> None:
    assert dialog.objectName() == "keyDetailDialog"
    assert text_of(dialog, "prefixValue") == key.prefix
    assert text_of(dialog, "uniqueNameValue") == key.unique_name
    assert text_of(dialog, "createdValue") == format_time(key.created)
    assert text_of(dialog, "revokedValue") == "No"
    assert text_of(dialog, "revokedAtValue") == "—"
    assert text_of(dialog, "hasExpiredValue") == "No"
    assert "Not recorded" in text_of(dialog, "lastUsedValue")  # not opted in
    assert text_of(dialog, "statusLabel") == "Active"
    assert child(dialog, QLineEdit, "nameField").text() == "Billing service"
    assert child(dialog, QComboBox, "userCombo").currentData() == "ada@example.com"
    assert child(dialog, QComboBox, "roleCombo").currentData() == "standard"
    assert child(dialog, QCheckBox, "expiresCheck").isChecked()
    shown = from_qdatetime(child(dialog, QDateTimeEdit, "expiresEdit").dateTime())
    assert shown == key.expires
    assert not child(dialog, QCheckBox, "optInCheck").isChecked()
    models: QListWidget = child(dialog, QListWidget, "modelList")
    checked = [
        models.item(row).text()
        for row in range(models.count())
        if models.item(row).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["alfred-4"]
    assert key.unique_name in dialog.windowTitle()


def test_system_fields_are_read_only_text(dialog: KeyDetailDialog) -> None:
    for name in (
        "prefixValue",
        "uniqueNameValue",
        "createdValue",
        "revokedValue",
        "revokedAtValue",
        "hasExpiredValue",
        "lastUsedValue",
    ):
        value: QLabel = child(dialog, QLabel, name)
        assert type(value) is QLabel  # plain text, no input frame
        flags = value.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert not flags & Qt.TextInteractionFlag.TextEditable


def test_last_used_of_an_opted_in_key_reads_never(qtbot: QtBot, key: keys.KeyDetail) -> None:
    keys.edit_key(key.prefix, keys.KeyChanges(opt_in=True))
    dialog = open_dialog(qtbot, key.prefix)
    assert text_of(dialog, "lastUsedValue") == "Never"


def test_an_expired_key_says_so_in_text(qtbot: QtBot, key: keys.KeyDetail) -> None:
    keys.edit_key(key.prefix, keys.KeyChanges(expires=utcnow() - timedelta(minutes=1)))
    dialog = open_dialog(qtbot, key.prefix)
    assert text_of(dialog, "statusLabel") == "Expired"
    assert text_of(dialog, "hasExpiredValue") == "Yes"


def test_skills_are_shown_disabled_with_the_reason(dialog: KeyDetailDialog) -> None:
    skills: QListWidget = child(dialog, QListWidget, "skillList")
    assert skills.count() == 1 and not skills.isEnabled()
    assert skills.toolTip() == "Skills are not active yet"


# --- reading off the GUI thread ---------------------------------------------------------------


def test_the_dialog_opens_at_once_and_reads_the_key_in_a_worker(
    qtbot: QtBot, key: keys.KeyDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window never waits on the database: the dialog shows "Loading…" while a worker
    reads (held here until the test lets it go), then every field."""
    readers: list[threading.Thread] = []
    release = threading.Event()
    real_get_key, real_choices = key_detail_dialog.get_key, key_detail_parts.read_form_choices

    def slow_get_key(prefix: str) -> keys.KeyDetail:
        readers.append(threading.current_thread())
        assert release.wait(5), "the test never released the read"
        return real_get_key(prefix)

    def choices() -> object:
        readers.append(threading.current_thread())
        return real_choices()

    for module in (key_detail_dialog, key_detail_parts):  # the first read, and Reload
        monkeypatch.setattr(module, "get_key", slow_get_key)
    monkeypatch.setattr(key_detail_parts, "read_form_choices", choices)
    try:
        dialog = KeyDetailDialog(key.prefix)  # returns while the worker waits
        qtbot.addWidget(dialog, before_close_func=lambda widget: widget.hide())
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.loading
        assert text_of(dialog, "keySubtitle") == "Loading…"
        assert text_of(dialog, "uniqueNameTitle") == key.prefix
        assert not child(dialog, QLineEdit, "nameField").isEnabled()
        for name in ("saveButton", "revokeButton", "deleteButton"):
            assert not button(dialog, name).isEnabled(), name
        assert button(dialog, "closeButton").isEnabled()
        assert not child(dialog, QLabel, "noUsersHint").isVisible()  # not read yet, not absent
        assert not child(dialog, QLabel, "noModelWarning").isVisible()
    finally:
        release.set()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert text_of(dialog, "prefixValue") == key.prefix
    assert child(dialog, QLineEdit, "nameField").text() == "Billing service"
    assert child(dialog, QLineEdit, "nameField").isEnabled()
    assert child(dialog, QListWidget, "modelList").count() == 3
    assert button(dialog, "revokeButton").isEnabled()

    # Reload reads in a worker too, and discards the draft.
    qtbot.keyClicks(child(dialog, QLineEdit, "nameField"), " draft")
    keys.edit_key(key.prefix, keys.KeyChanges(name="Renamed"))
    dialog.reload()
    assert not button(dialog, "saveButton").isEnabled()  # waits for the read
    wait_loaded(qtbot, dialog)
    assert child(dialog, QLineEdit, "nameField").text() == "Renamed"
    assert len(readers) == 3
    assert all(reader is not threading.main_thread() for reader in readers)


def test_opened_with_data_read_before_it_reads_nothing(
    qtbot: QtBot, key: keys.KeyDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the keys page may open it: the reads done in a worker first, then the dialog."""
    data = read_key_detail(key.prefix)

    def no_read(*_args: object) -> None:
        raise AssertionError("the dialog read the database")

    for module in (key_detail_dialog, key_detail_parts):
        monkeypatch.setattr(module, "get_key", no_read)
    monkeypatch.setattr(key_detail_parts, "read_form_choices", no_read)
    dialog = KeyDetailDialog(key.prefix, data=data)
    qtbot.addWidget(dialog)
    assert not dialog.loading
    assert text_of(dialog, "prefixValue") == key.prefix
    assert child(dialog, QComboBox, "userCombo").currentData() == "ada@example.com"
    assert child(dialog, QListWidget, "skillList").count() == 1


def test_a_key_that_cannot_be_read_says_why_and_leaves_only_close(
    qtbot: QtBot, key: keys.KeyDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(_prefix: str) -> keys.KeyDetail:
        raise DatabaseUnavailable("Cannot connect to the database 'keys' on db.example.")

    for module in (key_detail_dialog, key_detail_parts):
        monkeypatch.setattr(module, "get_key", unavailable)
    dialog = open_dialog(qtbot, key.prefix)
    assert text_of(dialog, "formError") == "Cannot connect to the database 'keys' on db.example."
    assert text_of(dialog, "keySubtitle") == ""
    for name in ("saveButton", "revokeButton", "deleteButton"):
        assert not button(dialog, name).isEnabled(), name
    assert button(dialog, "closeButton").isEnabled()


# --- editing -------------------------------------------------------------------------------


def test_save_is_enabled_only_for_a_valid_change(dialog: KeyDetailDialog, qtbot: QtBot) -> None:
    save = button(dialog, "saveButton")
    name: QLineEdit = child(dialog, QLineEdit, "nameField")
    assert not save.isEnabled()
    qtbot.keyClicks(name, "!")
    assert save.isEnabled()
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert not save.isEnabled()  # back to what is stored: nothing to save
    name.clear()
    assert not save.isEnabled()
    assert "cannot be empty" in text_of(dialog, "nameError")
    assert child(dialog, QLabel, "nameCounter").text() == "0/50"


def test_every_editable_field_is_saved_and_audited(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    name: QLineEdit = child(dialog, QLineEdit, "nameField")
    name.clear()
    qtbot.keyClicks(name, "Billing service (prod)")
    role: QComboBox = child(dialog, QComboBox, "roleCombo")
    role.setCurrentIndex(role.findData("admin"))
    user: QComboBox = child(dialog, QComboBox, "userCombo")
    user.setCurrentIndex(user.findData("grace@example.com"))
    set_model(dialog, "alfred-4", False)
    set_model(dialog, "bertha-2", True)
    set_model(dialog, "cora-vision", True)
    qtbot.mouseClick(child(dialog, QCheckBox, "optInCheck"), Qt.MouseButton.LeftButton)
    assert key.expires is not None
    earlier = key.expires - timedelta(days=10)
    set_expiry(dialog, earlier)

    qtbot.mouseClick(button(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changed and not dialog.deleted
    saved = keys.get_key(key.prefix)
    assert saved.name == "Billing service (prod)"
    assert saved.role == "admin"
    assert saved.user == "grace@example.com"
    assert saved.models == ("bertha-2", "cora-vision")
    assert saved.opt_in is True
    assert saved.expires == earlier
    assert saved.skills == ()

    events = {entry.action: entry for entry in key_events(key.prefix)}
    assert set(events["edit"].fields) == {"name", "role", "models", "opt_in", "expires"}
    assert events["edit"].fields["role"] == {"before": "standard", "after": "admin"}
    assert events["reassign"].fields["user"] == {
        "before": "ada@example.com",
        "after": "grace@example.com",
    }


def test_only_the_changed_fields_are_sent(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "nameField"), " 2")
    qtbot.keyClick(child(dialog, QLineEdit, "nameField"), Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    (edit,) = [entry for entry in key_events(key.prefix) if entry.action == "edit"]
    assert set(edit.fields) == {"name"}
    assert keys.get_key(key.prefix).version == key.version + 1


def test_an_expiry_can_be_set_on_a_key_that_had_none(qtbot: QtBot, key: keys.KeyDetail) -> None:
    endless = keys.create_key(keys.NewKey(name="Endless", user="ada@example.com"))
    dialog = open_dialog(qtbot, endless.prefix)
    assert not child(dialog, QCheckBox, "expiresCheck").isChecked()
    qtbot.mouseClick(child(dialog, QCheckBox, "expiresCheck"), Qt.MouseButton.LeftButton)
    wanted = (utcnow() + timedelta(days=5)).replace(second=0)
    set_expiry(dialog, wanted)
    button(dialog, "saveButton").click()
    assert keys.get_key(endless.prefix).expires == wanted


# --- refusals ----------------------------------------------------------------------------------


def test_lengthening_the_expiry_says_why_next_to_the_field(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    assert key.expires is not None
    hint: QLabel = child(dialog, QLabel, "expiresHint")
    assert hint.isVisible() and "can only be shortened" in hint.text()
    assert format_time(key.expires) in hint.text()
    error: QLabel = child(dialog, QLabel, "expiresError")
    assert not error.isVisible()
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    edit.setFocus()
    edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # a day later than the current expiry
    assert from_qdatetime(edit.dateTime()) == key.expires + timedelta(days=1)
    assert error.isVisible() and "later than the current one" in error.text()
    assert not button(dialog, "saveButton").isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # a day earlier: allowed
    assert not error.isVisible()
    assert button(dialog, "saveButton").isEnabled()


def test_a_typed_later_year_is_refused_in_words_not_dropped(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    assert key.expires is not None
    edit: QDateTimeEdit = child(dialog, QDateTimeEdit, "expiresEdit")
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)  # as a double-click does
    later = str(key.expires.year + 3)
    qtbot.keyClicks(edit, later)
    assert edit.text().startswith(later)
    error: QLabel = child(dialog, QLabel, "expiresError")
    assert error.isVisible() and "can only be shortened" in error.text()


def test_removing_the_expiry_is_refused_next_to_the_field(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    before = key_events(key.prefix)
    qtbot.mouseClick(child(dialog, QCheckBox, "expiresCheck"), Qt.MouseButton.LeftButton)
    error: QLabel = child(dialog, QLabel, "expiresError")
    assert error.isVisible()
    assert "lifetime can only be shortened" in error.text()
    assert not button(dialog, "saveButton").isEnabled()

    dialog.save()  # the save path itself: the services refuse, and say why
    assert error.isVisible() and "cannot be removed" in error.text()
    assert dialog.isVisible() and not dialog.changed
    assert keys.get_key(key.prefix) == key
    assert key_events(key.prefix) == before


def test_a_refused_reassignment_is_shown_next_to_the_user(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    user: QComboBox = child(dialog, QComboBox, "userCombo")
    user.setCurrentIndex(user.findData("grace@example.com"))
    users.set_user_active("grace@example.com", False)  # by someone else, meanwhile
    qtbot.mouseClick(button(dialog, "saveButton"), Qt.MouseButton.LeftButton)
    error: QLabel = child(dialog, QLabel, "userError")
    assert error.isVisible() and "deactivated" in error.text()
    assert dialog.isVisible() and not dialog.changed
    assert keys.get_key(key.prefix) == key


def test_an_edit_made_elsewhere_meanwhile_is_a_conflict(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    keys.edit_key(key.prefix, keys.KeyChanges(name="Renamed elsewhere"))
    role: QComboBox = child(dialog, QComboBox, "roleCombo")
    role.setCurrentIndex(role.findData("project"))
    qtbot.mouseClick(button(dialog, "saveButton"), Qt.MouseButton.LeftButton)

    message: QLabel = child(dialog, QLabel, "formError")
    assert message.isVisible() and "changed by someone else" in message.text()
    assert not button(dialog, "saveButton").isEnabled()
    stored = keys.get_key(key.prefix)
    assert (stored.name, stored.role) == ("Renamed elsewhere", "standard")
    assert dialog.isVisible() and not dialog.changed

    reload: QPushButton = button(dialog, "reloadButton")
    assert reload.isVisible()
    reload.click()
    wait_loaded(qtbot, dialog)
    assert child(dialog, QLineEdit, "nameField").text() == "Renamed elsewhere"
    assert not message.isVisible()
    role.setCurrentIndex(role.findData("project"))
    button(dialog, "saveButton").click()
    assert keys.get_key(key.prefix).role == "project"


def test_an_expiry_moved_earlier_elsewhere_is_not_overwritten(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot
) -> None:
    assert key.expires is not None
    much_earlier = key.expires - timedelta(days=20)
    keys.edit_key(key.prefix, keys.KeyChanges(expires=much_earlier))
    set_expiry(dialog, key.expires - timedelta(days=1))  # fine for what the dialog loaded
    button(dialog, "saveButton").click()
    assert "changed by someone else" in text_of(dialog, "formError")
    assert keys.get_key(key.prefix).expires == much_earlier
    button(dialog, "reloadButton").click()
    wait_loaded(qtbot, dialog)
    assert format_time(much_earlier) in text_of(dialog, "expiresHint")


# --- revoking and deleting ----------------------------------------------------------------------


def test_revoke_asks_naming_the_key_then_shows_it_revoked(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot, answer_box: Answer
) -> None:
    told = answer_box("confirmDialog", "confirmAcceptButton")
    qtbot.mouseClick(button(dialog, "revokeButton"), Qt.MouseButton.LeftButton)
    assert told and f"Revoke {key.unique_name} ({key.prefix})?" in told[0]
    assert keys.get_key(key.prefix).revoked
    wait_loaded(qtbot, dialog)  # the dialog reads the key again
    assert dialog.changed and dialog.isVisible()
    assert child(dialog, QFrame, "revokedBanner").isVisible()
    assert text_of(dialog, "statusLabel") == "Revoked"
    assert key_events(key.prefix)[0].action == "revoke"


def test_revoke_cancelled_changes_nothing(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot, answer_box: Answer
) -> None:
    told = answer_box("confirmDialog", "confirmCancelButton")
    button(dialog, "revokeButton").click()
    assert told
    assert keys.get_key(key.prefix) == key
    assert not dialog.changed
    assert not child(dialog, QFrame, "revokedBanner").isVisible()


def test_delete_asks_naming_the_key_then_closes(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot, answer_box: Answer
) -> None:
    told = answer_box("confirmDialog", "confirmAcceptButton")
    qtbot.mouseClick(button(dialog, "deleteButton"), Qt.MouseButton.LeftButton)
    assert told and f"Delete {key.unique_name} ({key.prefix})?" in told[0]
    assert dialog.deleted
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    with pytest.raises(NotFound):
        keys.get_key(key.prefix)
    assert key_events(key.prefix)[0].action == "delete"


def test_delete_cancelled_changes_nothing(
    dialog: KeyDetailDialog, key: keys.KeyDetail, answer_box: Answer
) -> None:
    answer_box("confirmDialog", "confirmCancelButton")
    button(dialog, "deleteButton").click()
    assert keys.get_key(key.prefix) == key
    assert not dialog.deleted and dialog.isVisible()


def test_a_revoked_key_opens_read_only_with_only_delete_enabled(
    qtbot: QtBot, key: keys.KeyDetail, answer_box: Answer
) -> None:
    keys.revoke_keys([key.prefix])
    dialog = open_dialog(qtbot, key.prefix)
    banner: QFrame = child(dialog, QFrame, "revokedBanner")
    assert banner.isVisible()
    assert "Revoked" in text_of(dialog, "revokedBannerText")
    assert text_of(dialog, "revokedValue") == "Yes"
    assert text_of(dialog, "revokedAtValue") != "—"
    for kind, name in (
        (QLineEdit, "nameField"),
        (QComboBox, "userCombo"),
        (QComboBox, "roleCombo"),
        (QListWidget, "modelList"),
        (QListWidget, "skillList"),
        (QCheckBox, "optInCheck"),
        (QCheckBox, "expiresCheck"),
    ):
        assert not child(dialog, kind, name).isEnabled(), name
    assert not button(dialog, "saveButton").isEnabled()
    assert not button(dialog, "revokeButton").isEnabled()
    assert button(dialog, "deleteButton").isEnabled()
    assert button(dialog, "closeButton").isEnabled()

    answer_box("confirmDialog", "confirmAcceptButton")
    button(dialog, "deleteButton").click()
    assert dialog.deleted


def test_the_revoked_banner_stays_dark_in_the_dark_theme(qtbot: QtBot, key: keys.KeyDetail) -> None:
    keys.revoke_keys([key.prefix])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(theme.dark_palette())
    try:
        dialog = open_dialog(qtbot, key.prefix)
        banner: QFrame = child(dialog, QFrame, "revokedBanner")
        image = banner.grab().toImage()
        background = image.pixelColor(image.width() - 4, image.height() // 2)
    finally:
        app.setPalette(before)
    assert background.lightness() < 80, background.name()  # not the light theme's pink


def test_a_key_deleted_elsewhere_opens_as_missing(qtbot: QtBot, key: keys.KeyDetail) -> None:
    keys.delete_keys([key.prefix])
    dialog = open_dialog(qtbot, key.prefix)
    assert "no key" in text_of(dialog, "formError")
    for name in ("saveButton", "revokeButton", "deleteButton"):
        assert not button(dialog, name).isEnabled()
    assert button(dialog, "closeButton").isEnabled()


# --- closing -------------------------------------------------------------------------------


def test_escape_closes_an_unchanged_dialog(dialog: KeyDetailDialog, qtbot: QtBot) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.changed and not dialog.deleted


def test_closing_with_unsaved_changes_asks_first(
    dialog: KeyDetailDialog, key: keys.KeyDetail, qtbot: QtBot, answer_box: Answer
) -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "nameField"), " draft")
    told = answer_box("confirmDialog", "confirmCancelButton")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert told and "Discard your changes" in told[0]
    assert dialog.isVisible()

    answer_box("confirmDialog", "confirmAcceptButton")
    button(dialog, "closeButton").click()
    assert not dialog.isVisible()
    assert keys.get_key(key.prefix) == key


def test_tab_order_follows_the_form(dialog: KeyDetailDialog) -> None:
    order = [
        "nameField",
        "userCombo",
        "roleCombo",
        "modelList",
        "optInCheck",
        "expiresCheck",
        "expiresEdit",
        "revokeButton",
        "deleteButton",
        "saveButton",
        "closeButton",
    ]
    widget: QWidget = child(dialog, QLineEdit, "nameField")
    assert tab_order(widget, order) == order


def test_a_deactivated_owner_is_still_shown_as_the_owner(qtbot: QtBot, key: keys.KeyDetail) -> None:
    users.set_user_active("ada@example.com", False)
    dialog = open_dialog(qtbot, key.prefix)
    user: QComboBox = child(dialog, QComboBox, "userCombo")
    assert user.currentData() == "ada@example.com"
    assert "(deactivated)" in user.currentText()
    assert not button(dialog, "saveButton").isEnabled()  # nothing changed
