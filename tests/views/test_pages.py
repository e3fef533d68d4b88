"""The Users, Models and Audit log pages, driven through the main window over a real
temporary SQLite database; every change is checked in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from support.desks import when_modal

from keydesk.app import main_window
from keydesk.services import audit, catalog, keys, users
from keydesk.services.keys import NewKey
from keydesk.views.audit_page import ALL_OPERATORS, changes_text
from keydesk.views.key_table_columns import COL_NAME
from keydesk.views.main_window import PAGE_AUDIT, PAGE_KEYS, PAGE_MODELS, PAGE_USERS, MainWindow
from keydesk.views.models_page import SKILLS_INACTIVE
from keydesk.views.users_page import AddUserDialog


@pytest.fixture
def window(qtbot, sqlite_db: str) -> Iterator[MainWindow]:
    users.add_user("ada@example.com", "Ada")
    users.add_user("grace@example.com", "Grace")
    catalog.add_model("alfred-4")
    catalog.add_skill("web-search")
    audit.set_operator("alice")
    keys.create_key(NewKey(name="Billing", user="ada@example.com", models=["alfred-4"]))
    keys.create_key(NewKey(name="Backups", user="ada@example.com"))
    audit.set_operator("bob")
    keys.create_key(NewKey(name="Chat", user="grace@example.com", role="admin"))
    audit.set_operator("test-operator")
    built = main_window(sqlite_db)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitUntil(lambda: not built.keys_page.loading)
    yield built
    built.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)


def users_shown(window: MainWindow) -> dict[str, tuple[str, str, str]]:
    model = window.users_page.table.model()
    return {
        model.index(row, 0).data(): tuple(model.index(row, c).data() for c in (1, 2, 3))
        for row in range(model.rowCount())
    }


def open_users(qtbot, window: MainWindow) -> None:
    window.sidebar.setCurrentRow(PAGE_USERS)
    qtbot.waitUntil(lambda: len(users_shown(window)) == 2)


# --- users ------------------------------------------------------------------------------------


def test_users_page_lists_users_with_key_counts(qtbot, window: MainWindow) -> None:
    open_users(qtbot, window)
    assert users_shown(window) == {
        "ada@example.com": ("Ada", "Active", "2"),
        "grace@example.com": ("Grace", "Active", "1"),
    }


def test_add_user_through_the_dialog(qtbot, window: MainWindow) -> None:
    open_users(qtbot, window)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        dialog.email_field.setText("Linus@Example.com")
        dialog.name_field.setText("Linus")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal("addUserDialog", fill)
    qtbot.mouseClick(window.users_page.add_button, Qt.MouseButton.LeftButton)
    assert [(u.email, u.display_name) for u in users.list_users()][-1] == (
        "linus@example.com",
        "Linus",
    )
    assert users_shown(window)["linus@example.com"] == ("Linus", "Active", "0")


def test_add_user_with_a_taken_email_says_why_and_keeps_the_input(
    qtbot, window: MainWindow
) -> None:
    open_users(qtbot, window)
    errors: list[str] = []
    state: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        dialog.email_field.setText("ada@example.com")

        def after_error(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            errors.append(box.text())
            box.accept()
            QTimer.singleShot(50, lambda: finish(dialog))

        when_modal("errorDialog", after_error)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def finish(dialog: AddUserDialog) -> None:
        state["email"] = dialog.email_field.text()
        state["visible"] = str(dialog.isVisible())
        dialog.reject()

    when_modal("addUserDialog", fill)
    window.users_page.add_user()
    assert errors == ["A user with the email ada@example.com already exists."]
    assert state == {"email": "ada@example.com", "visible": "True"}
    assert len(users.list_users()) == 2


def test_edit_display_name(qtbot, window: MainWindow) -> None:
    open_users(qtbot, window)
    assert window.users_page.select_email("grace@example.com")

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Grace B. Hopper")
        dialog.accept()

    when_modal("renameUserDialog", rename)
    qtbot.mouseClick(window.users_page.rename_button, Qt.MouseButton.LeftButton)
    assert {u.email: u.display_name for u in users.list_users()}["grace@example.com"] == (
        "Grace B. Hopper"
    )
    assert users_shown(window)["grace@example.com"][0] == "Grace B. Hopper"


def test_deactivate_and_reactivate(qtbot, window: MainWindow, answer_box) -> None:
    open_users(qtbot, window)
    page = window.users_page
    assert page.select_email("ada@example.com")
    assert page.active_button.text() == "Deactivate"
    told = answer_box("confirmDialog", "confirmAcceptButton")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "Deactivate ada@example.com?" in told[0]
    assert not {u.email: u.active for u in users.list_users()}["ada@example.com"]
    assert users_shown(window)["ada@example.com"][1] == "Deactivated"
    assert page.active_button.text() == "Reactivate"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # no question to undo
    assert {u.email: u.active for u in users.list_users()}["ada@example.com"]
    assert users_shown(window)["ada@example.com"][1] == "Active"


def test_show_keys_switches_to_the_keys_filtered_by_email(qtbot, window: MainWindow) -> None:
    open_users(qtbot, window)
    window.users_page.select_email("ada@example.com")
    qtbot.mouseClick(window.users_page.keys_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == PAGE_KEYS
    assert window.keys_page.search_field.text() == "ada@example.com"
    qtbot.waitUntil(lambda: window.count_text() == "2 of 3 keys")
    model = window.keys_page.table.model()
    assert {model.index(r, COL_NAME).data() for r in range(model.rowCount())} == {
        "Billing",
        "Backups",
    }


# --- models -----------------------------------------------------------------------------------


def test_models_page_lists_models_and_disabled_skills(qtbot, window: MainWindow) -> None:
    window.sidebar.setCurrentRow(PAGE_MODELS)
    page = window.models_page
    qtbot.waitUntil(lambda: page.model_names() == ["alfred-4"])
    skill = page.skills_list.item(0)
    assert skill.text() == "web-search"
    assert not skill.flags() & Qt.ItemFlag.ItemIsEnabled
    assert skill.toolTip() == SKILLS_INACTIVE == "Skills are not active yet"


def test_add_model(qtbot, window: MainWindow) -> None:
    window.sidebar.setCurrentRow(PAGE_MODELS)
    page = window.models_page
    qtbot.waitUntil(lambda: page.model_names() == ["alfred-4"])
    qtbot.keyClicks(page.name_field, "bertha-2")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert catalog.list_models() == ["alfred-4", "bertha-2"]
    assert page.model_names() == ["alfred-4", "bertha-2"]
    assert page.name_field.text() == ""


def test_invalid_model_name_is_explained_and_kept(qtbot, window: MainWindow) -> None:
    window.sidebar.setCurrentRow(PAGE_MODELS)
    page = window.models_page
    errors: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        errors.append(box.text())
        box.accept()

    when_modal("errorDialog", close)
    page.name_field.setText("bad name!")
    qtbot.keyClick(page.name_field, Qt.Key.Key_Return)
    assert errors and "is not a valid model name" in errors[0]
    assert page.name_field.text() == "bad name!"
    assert catalog.list_models() == ["alfred-4"]


# --- audit log --------------------------------------------------------------------------------


def audit_rows(window: MainWindow) -> list[tuple[str, ...]]:
    model = window.audit_page.table.model()
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_audit_page_shows_entries_newest_first(qtbot, window: MainWindow) -> None:
    window.sidebar.setCurrentRow(PAGE_AUDIT)
    expected = len(audit.list_audit())
    qtbot.waitUntil(lambda: len(audit_rows(window)) == expected)
    rows = audit_rows(window)
    created = [row for row in rows if row[2] == "Created"]
    assert len(created) == 3
    assert {row[1] for row in created} == {"alice", "bob"}
    assert any("name: Billing" in row[5] for row in created)
    table = window.audit_page.table
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers


def test_audit_filters_by_key_and_operator(qtbot, window: MainWindow) -> None:
    (chat,) = [r for r in keys.list_key_rows() if r.name == "Chat"]
    keys.revoke_keys([chat.prefix])
    window.sidebar.setCurrentRow(PAGE_AUDIT)
    page = window.audit_page
    qtbot.waitUntil(lambda: page.model.rowCount() == len(audit.list_audit()))
    qtbot.keyClicks(page.key_filter, chat.unique_name)
    qtbot.waitUntil(lambda: {row[2] for row in audit_rows(window)} == {"Created", "Revoked"})
    assert {row[3] for row in audit_rows(window)} == {chat.prefix}
    page.key_filter.clear()
    # Part of a prefix, typed in another case, finds the same key's events.
    qtbot.keyClicks(page.key_filter, chat.prefix[2:9].swapcase())
    qtbot.waitUntil(lambda: {row[2] for row in audit_rows(window)} == {"Created", "Revoked"})
    assert {row[3] for row in audit_rows(window)} == {chat.prefix}
    page.key_filter.clear()
    qtbot.waitUntil(lambda: page.operator_filter.count() >= 3)
    assert page.operator_filter.itemText(0) == ALL_OPERATORS
    page.operator_filter.setCurrentText("alice")
    qtbot.waitUntil(
        lambda: bool(audit_rows(window)) and {r[1] for r in audit_rows(window)} == {"alice"}
    )
    assert len(audit_rows(window)) == 2


def test_changes_are_summarised_for_people() -> None:
    entry = audit.AuditEntry(
        at=keys.utcnow(),
        operator="alice",
        db_user=None,
        action="edit",
        key_prefix="kd_x",
        key_unique_name="calm-otter-1",
        subject=None,
        fields={
            "name": {"before": "Old", "after": "New"},
            "opt_in": {"before": False, "after": True},
            "models": {"before": ["a"], "after": ["a", "b"]},
        },
    )
    assert changes_text(entry) == "models: a → a, b · name: Old → New · opt-in: no → yes"
