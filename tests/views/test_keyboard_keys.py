"""The main window and the keys page driven from the keyboard alone: Tab visits every
control in a sensible order, each with a name a screen reader can say and a visible
focus; Ctrl+F, typing, arrows, Shift/Ctrl+arrows and Space, Enter, the Keys menu by its
Alt accelerator, and the status filter, all with keys only (no clicks, no direct calls
of the actions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from support.desks import shown_window, when_modal, when_popup

from keydesk.services import catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.services.keys import NewKey
from keydesk.store.models import ApiKey
from keydesk.views.key_table_columns import COL_NAME, COL_REVOKED
from keydesk.views.main_window import MainWindow

# Menus popped up from the keyboard ask the offscreen platform to raise them and grab
# the keyboard, which it cannot (and says so).
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing)"
)

OWNER = "ada@example.com"
NAMES = ("ci-alpha", "ci-beta", "ci-gamma", "web-delta", "web-omega")
#: The window's controls in Tab order (the reminder shows: a key expires soon).
TAB_ORDER = [
    "sidebar",
    "searchField",
    "statusFilter",
    "addKeyButton",
    "actionsButton",
    "keyTable",
    "expiryReminder",
]
Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: Any, sqlite_db: str) -> Iterator[MainWindow]:
    users.add_user(OWNER, "Ada")
    catalog.add_model("alfred-4")
    for name in NAMES:
        keys.create_key(NewKey(name=name, user=OWNER, models=["alfred-4"]))
    soon = keys.list_key_rows()[-1].prefix  # web-omega expires in 3 days
    ApiKey.update(expires=utcnow() + timedelta(days=3)).where(ApiKey.prefix == soon).execute()
    window = shown_window(qtbot, sqlite_db, size=(1280, 640))
    window.activateWindow()
    qtbot.waitUntil(window.expiry_reminder.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: focused() is window.keys_page.table, timeout=2000)
    yield window
    window.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as a keyboard would deliver it."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    QTest.keyClick(target, key, modifier)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return str(interface.text(QAccessible.Text.Name))


def shown_names(window: MainWindow) -> list[str]:
    model = window.keys_page.table.model()
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def selected_names(window: MainWindow) -> list[str]:
    return sorted(row.name for _source, row in window.keys_page.selected_rows())


def back_to(qtbot: Any, window: MainWindow) -> None:
    """Once a modal box closed, the window is active again. A window manager does that;
    the offscreen platform has none, so the test activates the window itself (the focus
    inside it is the window's own: where the keyboard left it)."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def answer_with_keys(*keys_pressed: Qt.Key) -> Callable[[QWidget], None]:
    """For when_modal: press these keys in the modal box, each where its focus is."""

    def act(box: QWidget) -> None:
        for key in keys_pressed:
            QTest.keyClick(box.focusWidget() or box, key)

    return act


def test_tab_visits_every_control_with_a_name_and_a_visible_focus(
    qtbot: Any, window: MainWindow
) -> None:
    window.sidebar.setFocus(Qt.FocusReason.TabFocusReason)
    visited: list[str] = []
    for step in range(len(TAB_ORDER) + 1):
        if step:
            press(Qt.Key.Key_Tab)
        widget = focused()
        assert widget is not None and widget.hasFocus()
        visited.append(widget.objectName())
        # A name a screen reader says (on Linux a combo box says its current text and
        # takes its label from the accessible name set on it).
        assert spoken_name(widget), widget.objectName()
        assert widget.accessibleName() or widget.objectName() in (
            "addKeyButton",
            "expiryReminder",
        ), widget.objectName()
        if widget is window.keys_page.table:  # the focus shows as a highlighted row
            qtbot.waitUntil(lambda: window.keys_page.selected_count() == 1, timeout=1000)
            assert window.keys_page.table.currentIndex().isValid()
    assert visited == [*TAB_ORDER, "sidebar"]
    # And back again with Shift+Tab.
    for expected in reversed(TAB_ORDER):
        press(Qt.Key.Key_Backtab)
        assert focused() is not None and focused().objectName() == expected


def test_the_named_controls_say_what_they_are(window: MainWindow) -> None:
    page = window.keys_page
    names = {
        window.sidebar: "Sections",
        page.search_field: "Search keys",
        page.add_button: "Add API Key",
        page.actions_button: "Actions",
        page.table: "API keys",
    }
    for widget, name in names.items():
        assert spoken_name(widget) == name
    assert page.status_filter.accessibleName() == "Status filter"
    assert spoken_name(window.expiry_reminder) == "Reminder: 1 key expires within 7 days"
    for widget in (page.search_field, page.status_filter, page.table, page.actions_button):
        assert widget.accessibleDescription(), widget.objectName()


def test_search_select_open_and_revoke_with_keys_only(qtbot: Any, window: MainWindow) -> None:
    page = window.keys_page
    # Ctrl+F from the table: the search field, ready for typing.
    press(Qt.Key.Key_F, Ctrl)
    assert focused() is page.search_field
    QTest.keyClicks(page.search_field, "ci-")
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3, timeout=2000)
    # Down: into the table, on the first row.
    press(Qt.Key.Key_Down)
    assert focused() is page.table and page.table.currentIndex().row() == 0
    first = shown_names(window)[0]
    assert selected_names(window) == [first]

    # Enter opens the current key's details; Escape closes them.
    seen = when_modal("keyDetailDialog", answer_with_keys(Qt.Key.Key_Escape))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen) and seen[0].isHidden(), timeout=3000)
    back_to(qtbot, window)
    assert focused() is page.table  # where the keyboard left it

    # Shift+Down extends the selection; Ctrl+Down moves without selecting, Ctrl+Space adds.
    press(Qt.Key.Key_Down, Shift)
    assert len(selected_names(window)) == 2
    press(Qt.Key.Key_Up, Ctrl)
    press(Qt.Key.Key_Up, Ctrl)  # back on the first row, still two selected
    press(Qt.Key.Key_Space, Ctrl)  # unselect the first row
    assert len(selected_names(window)) == 1
    press(Qt.Key.Key_Space, Ctrl)  # and select it again
    assert len(selected_names(window)) == 2
    press(Qt.Key.Key_Down)  # a plain move selects the row moved to, alone
    press(Qt.Key.Key_Up)
    assert len(selected_names(window)) == 1
    press(Qt.Key.Key_Down, Shift)
    press(Qt.Key.Key_Down, Shift)
    chosen = selected_names(window)
    assert chosen == ["ci-alpha", "ci-beta", "ci-gamma"]

    # Alt+K opens the Keys menu; arrows reach "Revoke selected (3)…"; Enter asks. The
    # question's default is Cancel: Tab reaches Revoke, Enter confirms.
    press(Qt.Key.Key_K, Alt)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "keysMenu"
    for _ in range(len(menu.actions())):
        if menu.activeAction() is page.revoke_action:
            break
        QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is page.revoke_action
    assert page.revoke_action.text() == "Revoke selected (3)…"
    boxes = when_modal("confirmDialog", answer_with_keys(Qt.Key.Key_Tab, Qt.Key.Key_Return))
    QTest.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    qtbot.waitUntil(lambda: not page.changing, timeout=5000)
    model = page.table.model()
    qtbot.waitUntil(
        lambda: all(
            model.index(row, COL_REVOKED).data() == "Revoked" for row in range(model.rowCount())
        ),
        timeout=3000,
    )
    assert {row.name for row in keys.list_key_rows() if row.revoked} == set(chosen)


def test_enter_on_a_revoke_question_cancels(qtbot: Any, window: MainWindow) -> None:
    """Enter alone answers the default, Cancel: nothing destroyed by a stray key."""
    page = window.keys_page
    press(Qt.Key.Key_End)
    press(Qt.Key.Key_Home)  # the first row, current and selected
    assert len(selected_names(window)) == 1
    boxes = when_modal("confirmDialog", answer_with_keys(Qt.Key.Key_Return))
    press(Qt.Key.Key_Delete)  # delete the current key… asks first
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    assert len(keys.list_key_rows()) == len(NAMES)
    back_to(qtbot, window)
    assert focused() is page.table


def test_delete_two_keys_with_keys_only(qtbot: Any, window: MainWindow) -> None:
    """Select two rows by keys, press Delete, Tab from Cancel to Delete, Enter."""
    page = window.keys_page
    press(Qt.Key.Key_Home)
    press(Qt.Key.Key_Down, Shift)
    chosen = selected_names(window)
    assert len(chosen) == 2
    boxes = when_modal("confirmDialog", answer_with_keys(Qt.Key.Key_Tab, Qt.Key.Key_Return))
    press(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    qtbot.waitUntil(lambda: not page.changing, timeout=5000)
    qtbot.waitUntil(lambda: len(shown_names(window)) == len(NAMES) - 2, timeout=3000)
    assert {row.name for row in keys.list_key_rows()} == set(NAMES) - set(chosen)
    assert not set(chosen) & set(shown_names(window))


def test_the_status_filter_changes_with_the_keyboard(qtbot: Any, window: MainWindow) -> None:
    page = window.keys_page
    press(Qt.Key.Key_F, Ctrl)
    press(Qt.Key.Key_Tab)
    assert focused() is page.status_filter
    press(Qt.Key.Key_Down)  # All → Active
    assert page.status_filter.status == "active"
    press(Qt.Key.Key_Down)  # → Expiring soon
    assert page.status_filter.status == "expiring"
    qtbot.waitUntil(lambda: shown_names(window) == ["web-omega"], timeout=2000)
    press(Qt.Key.Key_Home)
    assert page.status_filter.status == "all"
    qtbot.waitUntil(lambda: len(shown_names(window)) == len(NAMES), timeout=2000)


def test_the_reminder_and_the_actions_menu_answer_to_keys(qtbot: Any, window: MainWindow) -> None:
    page = window.keys_page
    window.expiry_reminder.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Space)  # the reminder: the Expiring soon filter
    assert page.status_filter.status == "expiring"
    assert focused() is page.table
    # Space on the Actions button opens its menu (which runs until closed): Escape there.
    page.actions_button.setFocus(Qt.FocusReason.TabFocusReason)
    menus = when_popup(lambda menu: QTest.keyClick(menu, Qt.Key.Key_Escape))
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(menus), timeout=3000)
    assert menus[0] is page.actions_menu
    assert focused() is page.actions_button
