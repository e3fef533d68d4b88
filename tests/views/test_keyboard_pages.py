"""The Users, Models and Audit log pages driven by the keyboard alone: Ctrl+2/3/4 reach
them with the keyboard in their first field, a user and a model are added and the audit
log filtered with keys only, and Tab visits every control of each page, each with a
name for screen readers (read back through QAccessible) and its focus drawn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QApplication, QWidget
from support.desks import when_modal

from keydesk.app import main_window
from keydesk.services import audit, catalog, keys, users
from keydesk.services.keys import NewKey
from keydesk.views.main_window import MainWindow
from keydesk.views.users_page import AddUserDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: Any, sqlite_db: str) -> Iterator[MainWindow]:
    users.add_user("ada@example.com", "Ada")
    users.add_user("grace@example.com", "Grace")
    catalog.add_model("alfred-4")
    catalog.add_skill("web-search")
    audit.set_operator("alice")
    made = [
        keys.create_key(NewKey(name="Billing", user="ada@example.com", models=["alfred-4"])),
        keys.create_key(NewKey(name="Chat", user="grace@example.com")),
    ]
    audit.set_operator("test-operator")
    built = main_window(sqlite_db)
    built.made = made  # type: ignore[attr-defined]
    qtbot.addWidget(built)
    built.resize(1280, 760)
    built.show()
    qtbot.waitExposed(built)
    built.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is built)
    qtbot.waitUntil(lambda: not built.keys_page.loading, timeout=5000)
    yield built
    built.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key pressed where the keyboard is, as a person would."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget.objectName()
    return interface.text(QAccessible.Text.Name)


def _image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def tab_walk(qtbot: Any, page: QWidget, start: QWidget) -> list[tuple[QWidget, QImage]]:
    """The page's widgets Tab visits from ``start``, in order, each with how it looked
    while it had the focus, until the focus leaves the page or comes back to ``start``."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    press(qtbot, Qt.Key.Key_Tab)  # once round the page, so each focus comes from a Tab
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is start
    visited = [(start, _image(start))]
    for _ in range(30):
        press(qtbot, Qt.Key.Key_Tab)
        widget = focused()
        if widget is start or not page.isAncestorOf(widget):
            break
        visited.append((widget, _image(widget)))
    return visited


def _controls(page: QWidget) -> list[QWidget]:
    """The page's own interactive controls (those that take Tab focus and are enabled)."""
    return [
        widget
        for widget in page.findChildren(QWidget)
        if widget.isVisibleTo(page)
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
    ]


def check_page_walk(qtbot: Any, page: QWidget, start: QWidget) -> list[str]:
    """Tab from ``start``: every control of the page is met, has an accessible name, and
    looks different while it has the focus (Fusion draws it) than once Tab moved on."""
    walk = tab_walk(qtbot, page, start)
    visited = [widget for widget, _ in walk]
    names = [widget.objectName() for widget in visited]
    missed = [w.objectName() for w in _controls(page) if w not in visited]
    assert not missed, f"Tab never reaches {missed} (walk: {names})"
    assert not page.isAncestorOf(focused()) or focused() is start
    if focused() is start:
        press(qtbot, Qt.Key.Key_Tab)
    for widget, with_focus in walk:
        assert accessible_name(widget).strip(), f"{widget.objectName()} has no accessible name"
        assert not widget.hasFocus()
        assert _image(widget) != with_focus, f"{widget.objectName()}: its focus is not drawn"
    return names


# --- reaching the pages ----------------------------------------------------------------


def test_ctrl_2_3_4_reach_the_pages_with_the_keyboard_in_their_first_field(
    qtbot: Any, window: MainWindow
) -> None:
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: window.users_page.isVisible())
    assert focused() is window.users_page.search_field
    press(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.models_page.isVisible())
    assert focused() is window.models_page.name_field
    press(qtbot, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: window.audit_page.isVisible())
    assert focused() is window.audit_page.key_filter
    press(qtbot, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: window.keys_page.isVisible())


# --- flows with keys only --------------------------------------------------------------


def test_add_a_user_with_keys_only(qtbot: Any, window: MainWindow) -> None:
    page = window.users_page
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    press(qtbot, Qt.Key.Key_Tab)  # search field → Add user…
    assert focused() is page.add_button
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        seen.append(focused().objectName())
        type_text(qtbot, "linus@example.com")
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused().objectName())
        type_text(qtbot, "Linus")
        press(qtbot, Qt.Key.Key_Return)  # the default button: Add user

    when_modal("addUserDialog", fill)
    press(qtbot, Qt.Key.Key_Space)
    assert seen == ["userEmailField", "userDisplayNameField"]
    assert {u.email: u.display_name for u in users.list_users()}["linus@example.com"] == "Linus"
    assert page.selected_user() is not None and page.selected_user().email == "linus@example.com"
    assert window.statusBar().currentMessage() == "Added the user linus@example.com."


def test_the_add_user_dialog_is_cancelled_with_escape(qtbot: Any, window: MainWindow) -> None:
    page = window.users_page
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.add_button.setFocus()

    def cancel(dialog: QWidget) -> None:
        type_text(qtbot, "linus@example.com")
        press(qtbot, Qt.Key.Key_Escape)

    closed = when_modal("addUserDialog", cancel)
    press(qtbot, Qt.Key.Key_Space)
    assert closed and len(users.list_users()) == 2


def test_add_a_model_with_keys_only(qtbot: Any, window: MainWindow) -> None:
    page = window.models_page
    press(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: page.models_list.count() == 1)
    assert focused() is page.name_field
    type_text(qtbot, "claude-9")
    press(qtbot, Qt.Key.Key_Return)
    assert page.model_names() == ["alfred-4", "claude-9"]
    assert catalog.list_models() == ["alfred-4", "claude-9"]
    assert page.name_field.text() == "" and focused() is page.name_field
    # The button works from the keyboard too.
    type_text(qtbot, "zeta-1")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.add_button
    press(qtbot, Qt.Key.Key_Space)
    assert catalog.list_models() == ["alfred-4", "claude-9", "zeta-1"]


def test_filter_the_audit_log_by_key_and_operator_with_keys_only(
    qtbot: Any, window: MainWindow
) -> None:
    page = window.audit_page
    press(qtbot, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    everything = page.model.rowCount()
    billing = window.made[0]  # type: ignore[attr-defined]
    assert focused() is page.key_filter
    type_text(qtbot, billing.prefix)
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < everything, timeout=3000)
    assert {e.key_prefix for e in page.entries()} == {billing.prefix}

    # Clear the filter, then choose an operator in the combo box with the arrows.
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: page.model.rowCount() == everything, timeout=3000)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.operator_filter
    items = [page.operator_filter.itemText(i) for i in range(page.operator_filter.count())]
    assert items[:2] == ["All operators", "alice"]
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.operator() == "alice")
    qtbot.waitUntil(lambda: {e.operator for e in page.entries()} == {"alice"}, timeout=3000)
    # Down into the table, where the arrows move between events.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Down)
    assert page.table.currentIndex().isValid()


# --- Tab walks: every control named and its focus drawn -----------------------------------


def test_tab_walks_the_users_page(qtbot: Any, window: MainWindow) -> None:
    page = window.users_page
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.select_email("grace@example.com")  # every button enabled
    names = check_page_walk(qtbot, page, page.search_field)
    assert names == [
        "usersSearchField",
        "addUserButton",
        "renameUserButton",
        "toggleUserActiveButton",
        "showUserKeysButton",
        "usersTable",
    ]
    assert accessible_name(page.table) == "Users"
    assert accessible_name(page.search_field) == "Search users"


def test_tab_walks_the_add_user_dialog(qtbot: Any, window: MainWindow) -> None:
    page = window.users_page
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.add_button.setFocus()
    walked: list[tuple[str, str]] = []

    def walk(dialog: QWidget) -> None:
        dialog.email_field.setText("x@example.com")  # type: ignore[attr-defined]
        for _ in range(4):
            widget = focused()
            walked.append((widget.objectName(), accessible_name(widget)))
            press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Escape)

    when_modal("addUserDialog", walk)
    press(qtbot, Qt.Key.Key_Space)
    assert walked[:3] == [
        ("userEmailField", "Email"),
        ("userDisplayNameField", "Display name"),
        ("addUserOkButton", "Add user"),
    ]
    assert walked[3][1] == "Cancel"


def test_tab_walks_the_models_page(qtbot: Any, window: MainWindow) -> None:
    page = window.models_page
    press(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: page.models_list.count() == 1)
    type_text(qtbot, "x")  # the Add button is enabled once a name is typed
    names = check_page_walk(qtbot, page, page.name_field)
    assert names == ["modelNameField", "addModelButton", "modelsList"]
    assert accessible_name(page.name_field) == "New model name"
    assert accessible_name(page.skills_list) == "Skills (not active yet)"


def test_tab_walks_the_audit_page(qtbot: Any, window: MainWindow) -> None:
    page = window.audit_page
    press(qtbot, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.table.selectRow(0)
    names = check_page_walk(qtbot, page, page.key_filter)
    assert names == ["auditKeyFilter", "auditOperatorFilter", "auditTable"]
    assert accessible_name(page.key_filter) == "Filter by key"
    # On Linux Qt names a combo box by its current text (a label would be its relation);
    # the name set for the other platforms' readers is kept as the accessible name.
    assert accessible_name(page.operator_filter) == "All operators"
    assert page.operator_filter.accessibleName() == "Filter by operator"
    assert accessible_name(page.table) == "Audit log"
