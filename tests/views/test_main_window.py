"""The main window driven like a user would, over a real temporary SQLite database:
search, sort, bulk revoke and delete, shortcuts, export, and what is remembered."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QWidget,
)
from support.desks import when_modal

from keydesk.errors import PermissionDenied
from keydesk.services import audit, catalog, keys, users
from keydesk.services.capabilities import Capabilities
from keydesk.services.keys import NewKey
from keydesk.views import settings as app_settings
from keydesk.views import theme
from keydesk.views.key_detail_parts import DetailOutcome
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_form import FormChoices
from keydesk.views.key_table_columns import (
    COL_NAME,
    COL_PREFIX,
    COL_REVOKED,
    COL_USER,
    ROW_ROLE,
)
from keydesk.views.main_window import MainWindow

KEY_SPECS = (
    ("Billing service", "ada@example.com", "standard"),
    ("CI pipeline", "grace@example.com", "admin"),
    ("Staging API", "ada@example.com", "project"),
    ("Support bot", "grace@example.com", "standard"),
    ("Data export", "ken@example.com", "admin"),
)


def seed() -> list[keys.CreatedKey]:
    for email, name in (
        ("ada@example.com", "Ada"),
        ("grace@example.com", "Grace"),
        ("ken@example.com", "Ken"),
    ):
        users.add_user(email, name)
    catalog.add_model("alfred-4")
    return [
        keys.create_key(NewKey(name=name, user=user, role=role, models=["alfred-4"]))
        for name, user, role in KEY_SPECS
    ]


@pytest.fixture
def created(sqlite_db: str) -> list[keys.CreatedKey]:
    return seed()


@pytest.fixture
def open_window(windows, sqlite_db: str) -> Callable[[], MainWindow]:
    """Builds the main window through keydesk.app.main_window, shows it and waits for
    its rows; at the end, waits for background reads to finish."""
    return lambda: windows(sqlite_db, size=None)


@pytest.fixture
def window(open_window: Callable[[], MainWindow], created: list[keys.CreatedKey]) -> MainWindow:
    return open_window()


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    style, palette = qapp.style().name(), qapp.palette()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


# --- helpers ----------------------------------------------------------------------------------


def table_column(window: MainWindow, column: int) -> list[str]:
    """What the key table shows in a column, read through the view's model."""
    model = window.keys_page.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_names(window: MainWindow, *names: str) -> None:
    table = window.keys_page.table
    model = table.model()
    selection = table.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if model.index(row, COL_NAME).data() in names:
            selection.select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.setCurrentIndex(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )


def menu_action(window: MainWindow, object_name: str) -> QAction:
    menu = window.keys_page.actions_button.menu()
    assert isinstance(menu, QMenu)
    for action in menu.actions():
        if action.objectName() == object_name:
            return action
    raise AssertionError(f"the Actions menu has no {object_name}")


def key_named(name: str) -> keys.KeyDetail:
    (row,) = [r for r in keys.list_key_rows() if r.name == name]
    return keys.get_key(row.prefix)


def accept_box(widget: QWidget) -> None:
    assert isinstance(widget, QMessageBox)
    widget.accept()


# --- the window -------------------------------------------------------------------------------


def test_window_names_title_and_controls(window: MainWindow, sqlite_db: str) -> None:
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == "keydesk — keydesk.db"
    page = window.keys_page
    assert window.findChild(QWidget, "searchField") is page.search_field
    assert page.search_field.placeholderText() == "Search prefix, name, user, role…"
    assert page.search_field.isClearButtonEnabled()
    assert window.findChild(QWidget, "addKeyButton").text() == "Add API Key"
    assert window.findChild(QWidget, "actionsButton").text() == "Actions"
    assert [a.text().rstrip("…") for a in page.actions_menu.actions() if a.text()] == [
        "Revoke selected",
        "Delete selected",
        "Rotate key",
        "Create similar",
        "Export CSV",
    ]
    assert window.findChild(QWidget, "keyTable") is page.table
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "API Keys",
        "Users",
        "Models",
        "Audit log",
    ]


def test_rows_load_in_the_background_and_the_status_counts_them(
    window: MainWindow, created: list[keys.CreatedKey]
) -> None:
    assert window.count_text() == "5 of 5 keys"
    assert sorted(table_column(window, COL_PREFIX)) == sorted(k.prefix for k in created)
    assert set(table_column(window, COL_REVOKED)) == {"No"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("billing", {"Billing service"}),
        ("GRACE@", {"CI pipeline", "Support bot"}),
        ("admin api", {"CI pipeline", "Data export"}),
        ("zzz", set()),
    ],
)
def test_typing_in_the_search_field_filters_the_table(
    qtbot, window: MainWindow, typed: str, expected: set[str]
) -> None:
    qtbot.keyClicks(window.keys_page.search_field, typed)
    qtbot.waitUntil(lambda: window.count_text() == f"{len(expected)} of 5 keys")
    assert set(table_column(window, COL_NAME)) == expected


def test_search_by_prefix_and_clearing_it(
    qtbot, window: MainWindow, created: list[keys.CreatedKey]
) -> None:
    field = window.keys_page.search_field
    qtbot.keyClicks(field, created[2].prefix.upper())
    qtbot.waitUntil(lambda: window.count_text() == "1 of 5 keys")
    assert table_column(window, COL_PREFIX) == [created[2].prefix]
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.count_text() == "5 of 5 keys")
    assert field.text() == ""


def test_clicking_headers_sorts_both_ways(qtbot, window: MainWindow) -> None:
    header = window.keys_page.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    names = sorted((spec[0] for spec in KEY_SPECS), key=str.lower)
    click(COL_NAME)
    first = header.sortIndicatorOrder()
    assert header.sortIndicatorSection() == COL_NAME
    expected = names if first == Qt.SortOrder.AscendingOrder else names[::-1]
    assert table_column(window, COL_NAME) == expected
    click(COL_NAME)
    assert table_column(window, COL_NAME) == expected[::-1]
    click(COL_USER)
    users_shown = table_column(window, COL_USER)
    assert users_shown in (sorted(users_shown), sorted(users_shown, reverse=True))


def test_a_large_table_sorts_in_the_background_and_says_so(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KeyFilterProxy, "BACKGROUND_SORT_ROWS", 2)  # 5 keys count as many
    page, status = window.keys_page, window.statusBar()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert status.currentMessage() == "Sorting 5 keys…"
    qtbot.waitUntil(lambda: not page.proxy.sorting)
    assert status.currentMessage() == ""  # the words go once the order shows
    names = sorted((spec[0] for spec in KEY_SPECS), key=str.lower, reverse=True)
    assert table_column(window, COL_NAME) == names


def test_a_message_shown_during_a_background_sort_stays_after_it(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KeyFilterProxy, "BACKGROUND_SORT_ROWS", 2)
    page, status = window.keys_page, window.statusBar()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert status.currentMessage() == "Sorting 5 keys…"
    page.message.emit("Deleted the key kd_a1b2c3.")  # what the user did meanwhile
    qtbot.waitUntil(lambda: not page.proxy.sorting)
    assert status.currentMessage() == "Deleted the key kd_a1b2c3."


def test_typing_holds_the_offline_copys_upkeep_until_the_user_pauses(
    qtbot, window: MainWindow
) -> None:
    from keydesk.services import threads

    window.activity._quiet.setInterval(100)
    qtbot.keyClicks(window.keys_page.search_field, "bill")
    assert not threads._idle.is_set()
    qtbot.waitUntil(threads._idle.is_set, timeout=2000)


# --- bulk actions -----------------------------------------------------------------------------


def written(qtbot, window: MainWindow) -> None:
    """Wait, as the user does, until a bulk revoke or delete has been written."""
    qtbot.waitUntil(lambda: not window.keys_page.changing, timeout=5000)


def test_bulk_revoke_asks_once_and_revokes_in_the_database_and_table(
    qtbot, window: MainWindow, answer_box
) -> None:
    select_names(window, "Billing service", "Support bot")
    told = answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "revokeSelectedAction").trigger()
    written(qtbot, window)
    assert len(told) == 1
    assert "Revoke 2 keys?" in told[0]
    assert "Billing service" in told[0] and "Support bot" in told[0]
    assert key_named("Billing service").revoked and key_named("Support bot").revoked
    assert not key_named("CI pipeline").revoked
    revoked = {
        name
        for name, status in zip(
            table_column(window, COL_NAME), table_column(window, COL_REVOKED), strict=True
        )
        if status == "Revoked"
    }
    assert revoked == {"Billing service", "Support bot"}
    assert window.keys_page.selected_count() == 2  # the selection stays
    assert [e.action for e in audit.list_audit()].count("revoke") == 2


def test_bulk_revoke_is_written_off_the_gui_thread_while_the_window_stays_usable(
    qtbot, window: MainWindow, answer_box, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keydesk.views import key_actions

    page, status = window.keys_page, window.statusBar()
    release, writers = threading.Event(), []
    real_revoke = key_actions.revoke_keys

    def slow_revoke(prefixes, **kwargs):
        writers.append(threading.current_thread())
        release.wait(5)  # a slow server
        return real_revoke(prefixes, **kwargs)

    monkeypatch.setattr(key_actions, "revoke_keys", slow_revoke)
    select_names(window, "Billing service", "Support bot")
    answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "revokeSelectedAction").trigger()

    # The write waits on the server; the window does not.
    qtbot.waitUntil(lambda: bool(writers), timeout=5000)
    assert writers[0] is not threading.main_thread()
    assert page.changing and page.bulk_progress.isVisible()
    assert page.bulk_progress.label.text().startswith("Revoking 2 keys…")
    assert not page.revoke_action.isEnabled() and not page.delete_action.isEnabled()
    assert "wait until that is done" in page.revoke_action.toolTip()
    qtbot.keyClicks(page.search_field, "bot")  # still typing
    qtbot.waitUntil(lambda: table_column(window, COL_NAME) == ["Support bot"], timeout=2000)
    page.search_field.clear()
    # Another desk renamed one of them meanwhile (the live refresh shows it).
    bot = next(row for row in page.proxy.visible_rows() if row.name == "Support bot")
    page.model.replace_rows({bot.prefix: bot._replace(name="Support bot v2")})
    assert not key_named("Billing service").revoked

    release.set()
    written(qtbot, window)
    assert key_named("Billing service").revoked and key_named("Support bot").revoked
    shown = dict(
        zip(table_column(window, COL_NAME), table_column(window, COL_REVOKED), strict=True)
    )
    assert shown["Billing service"] == "Revoked"
    assert shown["Support bot v2"] == "Revoked"  # the rename shown meanwhile stays
    assert status.currentMessage() == "Revoked 2 keys."
    assert page.revoke_action.isEnabled() and page.delete_action.isEnabled()


def test_the_live_echo_of_a_bulk_revoke_lands_on_its_rows_after_others_moved(
    qtbot, window: MainWindow, answer_box
) -> None:
    """The live refresh brings our own revocation back; where the rows were is only a
    hint, so rows removed meanwhile (moving the rest) do not misplace the echo."""
    from keydesk.views.live import KeyUpdate

    page = window.keys_page
    select_names(window, "Billing service", "Support bot")
    answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "revokeSelectedAction").trigger()
    written(qtbot, window)
    first_other = next(
        row.prefix
        for row in (page.model.row(i) for i in range(page.model.rowCount()))
        if row.name not in ("Billing service", "Support bot")
    )
    page.model.remove_prefixes({first_other})  # deleted elsewhere: the rows after it move
    echo = [
        row._replace(name=f"{row.name} (echo)")
        for row in keys.list_key_rows()
        if row.name in ("Billing service", "Support bot")
    ]
    page.apply_update(KeyUpdate(echo))
    names = table_column(window, COL_NAME)
    assert {"Billing service (echo)", "Support bot (echo)"} <= set(names)
    assert "Billing service" not in names and "Support bot" not in names
    assert page.model.rowCount() == 4


def test_cancelled_revoke_changes_nothing(qtbot, window: MainWindow, answer_box) -> None:
    select_names(window, "Billing service", "CI pipeline")
    told = answer_box("confirmDialog", "confirmCancelButton")
    menu_action(window, "revokeSelectedAction").trigger()
    assert told
    assert not any(row.revoked for row in keys.list_key_rows())
    assert set(table_column(window, COL_REVOKED)) == {"No"}


def test_bulk_delete_asks_once_and_removes_rows_in_place(
    qtbot, window: MainWindow, answer_box
) -> None:
    select_names(window, "CI pipeline", "Data export", "Staging API")
    told = answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "deleteSelectedAction").trigger()
    written(qtbot, window)
    assert "Delete 3 keys?" in told[0]
    assert keys.count_keys() == 2
    assert sorted(table_column(window, COL_NAME)) == ["Billing service", "Support bot"]
    assert window.count_text() == "2 of 2 keys"


def test_cancelled_delete_keeps_every_key(qtbot, window: MainWindow, answer_box) -> None:
    select_names(window, "CI pipeline")
    answer_box("confirmDialog", "confirmCancelButton")
    menu_action(window, "deleteSelectedAction").trigger()
    assert keys.count_keys() == 5
    assert window.count_text() == "5 of 5 keys"


def test_confirmation_lists_ten_names_and_how_many_more(
    qtbot, open_window: Callable[[], MainWindow], answer_box
) -> None:
    seed()
    for number in range(10):
        keys.create_key(NewKey(name=f"Extra {number:02}", user="ken@example.com"))
    window = open_window()
    window.keys_page.table.selectAll()
    told = answer_box("confirmDialog", "confirmCancelButton")
    menu_action(window, "deleteSelectedAction").trigger()
    assert "Delete 15 keys?" in told[0]
    assert told[0].count("•") == 10
    assert "and 5 more" in told[0]


def test_delete_key_in_the_table_deletes_the_selection(
    qtbot, window: MainWindow, answer_box
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table = window.keys_page.table
    select_names(window, "Support bot")
    table.setFocus()
    told = answer_box("confirmDialog", "confirmAcceptButton")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: keys.count_keys() == 4)
    written(qtbot, window)  # the worker's answer reaches the window after the commit
    assert "Support bot" in told[0]
    assert "Support bot" not in table_column(window, COL_NAME)


def test_delete_key_in_the_search_field_edits_text(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    field = window.keys_page.search_field
    select_names(window, "Support bot")
    field.setFocus()
    qtbot.keyClicks(field, "ab")
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "b"
    assert keys.count_keys() == 5


def test_keys_deleted_elsewhere_meanwhile_are_reported_not_fatal(
    qtbot, window: MainWindow, answer_box
) -> None:
    select_names(window, "Billing service", "CI pipeline")
    gone = key_named("CI pipeline").prefix
    keys.delete_keys([gone])  # another desk, meanwhile
    answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "revokeSelectedAction").trigger()
    written(qtbot, window)
    assert key_named("Billing service").revoked
    assert gone not in table_column(window, COL_PREFIX)
    assert window.count_text() == "4 of 4 keys"
    assert gone in window.statusBar().currentMessage()


def test_service_error_is_shown_and_nothing_is_lost(
    qtbot, window: MainWindow, answer_box, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keydesk.views.key_actions as key_actions

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionDenied("Your database role (support) may not delete keys.")

    monkeypatch.setattr(key_actions, "delete_keys_report", refuse)
    select_names(window, "Billing service", "CI pipeline")
    answer_box("confirmDialog", "confirmAcceptButton")
    errors = when_modal("errorDialog", accept_box)
    menu_action(window, "deleteSelectedAction").trigger()
    written(qtbot, window)
    assert errors and errors[0].text() == "Your database role (support) may not delete keys."  # type: ignore[attr-defined]
    assert keys.count_keys() == 5
    assert window.count_text() == "5 of 5 keys"
    assert window.keys_page.selected_count() == 2


def test_a_revoke_after_the_file_was_deleted_says_so_and_reports_nothing_done(
    qtbot, window: MainWindow, answer_box, sqlite_db: str
) -> None:
    path = Path(sqlite_db.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):  # deleted under the running window
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    select_names(window, "Billing service")
    answer_box("confirmDialog", "confirmAcceptButton")
    errors = when_modal("errorDialog", accept_box)
    menu_action(window, "revokeSelectedAction").trigger()
    written(qtbot, window)
    assert errors, "no message was shown"
    text = errors[0].text()  # type: ignore[attr-defined]
    assert "was deleted or moved while keydesk had it open" in text and "Traceback" not in text
    assert "Revoked" not in table_column(window, COL_REVOKED)


def test_a_full_disk_is_said_in_words(
    qtbot, window: MainWindow, answer_box, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import keydesk.views.key_actions as key_actions

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(key_actions, "revoke_keys", disk_full)
    select_names(window, "Billing service")
    answer_box("confirmDialog", "confirmAcceptButton")
    errors = when_modal("errorDialog", accept_box)
    menu_action(window, "revokeSelectedAction").trigger()
    written(qtbot, window)
    assert errors and "is full, so nothing was changed" in errors[0].text()  # type: ignore[attr-defined]


def test_a_limited_database_role_sees_only_what_it_may_do(
    qtbot, window: MainWindow, answer_box
) -> None:
    support = Capabilities(
        backend="postgresql", role="keydesk_support", can_create=False, can_edit=False,
        can_delete=False, can_manage_users=False, can_manage_catalog=False,
    )  # fmt: skip
    window.apply_capabilities(support)
    page = window.keys_page
    assert not page.add_button.isEnabled()
    assert (
        page.add_button.toolTip()
        == "Your database role (keydesk_support) may only inspect and revoke keys."
    )
    select_names(window, "Billing service")
    assert page.revoke_action.isEnabled() and not page.delete_action.isEnabled()
    page.delete_selected()  # e.g. the Delete key: refused before asking
    assert keys.count_keys() == 5
    assert "may only inspect and revoke" in window.statusBar().currentMessage()
    assert not window.users_page.add_button.isEnabled()
    assert not window.models_page.add_button.isEnabled()
    window.apply_capabilities(Capabilities(backend="sqlite", role=None))
    assert page.add_button.isEnabled() and page.delete_action.isEnabled()


def test_reload_shows_keys_created_elsewhere(qtbot, window: MainWindow) -> None:
    keys.create_key(NewKey(name="From the CLI", user="ken@example.com"))
    window.keys_page.reload_action.trigger()
    qtbot.waitUntil(lambda: window.count_text() == "6 of 6 keys")
    assert "From the CLI" in table_column(window, COL_NAME)


# --- opening and adding -----------------------------------------------------------------------


class FakeDetailDialog(QDialog):
    """Stands in for KeyDetailDialog: records what it was opened on and plays an edit."""

    opened: ClassVar[list[str]] = []
    plays: ClassVar[str] = "nothing"  # what the admin does in it
    keyCreated = Signal(str)  # a key rotated or created similar from it

    def __init__(self, prefix: str, parent: QWidget | None = None, **_given: object) -> None:
        super().__init__(parent)
        self.setObjectName("keyDetailDialog")
        self.prefix = prefix
        self.outcome = DetailOutcome.UNCHANGED

    def check_changed_elsewhere(self) -> None:
        pass

    def exec(self) -> int:
        FakeDetailDialog.opened.append(self.prefix)
        if self.plays == "rename":
            keys.edit_key(self.prefix, keys.KeyChanges(name="Renamed in detail"))
            self.outcome = DetailOutcome.CHANGED
        elif self.plays == "delete":
            keys.delete_keys([self.prefix])
            self.outcome = DetailOutcome.DELETED
        return 0


@pytest.fixture
def fake_detail(monkeypatch: pytest.MonkeyPatch) -> type[FakeDetailDialog]:
    import keydesk.views.key_detail_dialog as module

    FakeDetailDialog.opened = []
    FakeDetailDialog.plays = "nothing"
    monkeypatch.setattr(module, "KeyDetailDialog", FakeDetailDialog)
    return FakeDetailDialog


def _cell_center(window: MainWindow, name: str, column: int) -> QPoint:
    table = window.keys_page.table
    model = table.model()
    row = table_column(window, COL_NAME).index(name)
    return table.visualRect(model.index(row, column)).center()


def test_enter_opens_the_detail_of_the_current_key(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog]
) -> None:
    select_names(window, "Staging API")
    window.keys_page.table.setFocus()
    qtbot.keyClick(window.keys_page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: fake_detail.opened == [key_named("Staging API").prefix])


def test_double_click_opens_the_detail(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog]
) -> None:
    viewport = window.keys_page.table.viewport()
    point = _cell_center(window, "CI pipeline", COL_NAME)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)  # a real double
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)  # click starts so
    qtbot.waitUntil(lambda: fake_detail.opened == [key_named("CI pipeline").prefix])
    qtbot.wait(50)
    assert len(fake_detail.opened) == 1


def test_one_click_on_the_prefix_opens_the_detail_other_cells_do_not(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog]
) -> None:
    viewport = window.keys_page.table.viewport()
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=_cell_center(window, "CI pipeline", COL_NAME)
    )
    qtbot.wait(50)
    assert fake_detail.opened == []
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=_cell_center(window, "CI pipeline", COL_PREFIX)
    )
    qtbot.waitUntil(lambda: fake_detail.opened == [key_named("CI pipeline").prefix])


def test_detail_changes_patch_the_row(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog]
) -> None:
    fake_detail.plays = "rename"
    prefix = key_named("Support bot").prefix
    window.keys_page.open_row(table_column(window, COL_PREFIX).index(prefix))
    qtbot.waitUntil(lambda: "Renamed in detail" in table_column(window, COL_NAME))
    assert "Support bot" not in table_column(window, COL_NAME)
    fake_detail.plays = "delete"
    window.keys_page.open_row(table_column(window, COL_PREFIX).index(prefix))
    qtbot.waitUntil(lambda: prefix not in table_column(window, COL_PREFIX))
    assert window.count_text() == "4 of 4 keys"


def test_the_detail_and_its_rows_are_read_off_the_gui_thread(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    import keydesk.views.key_detail_parts as parts
    import keydesk.views.key_dialogs as module

    readers: list[tuple[str, threading.Thread]] = []
    real_detail, real_rows = parts.read_key_detail, module.get_key_rows

    def read_detail(prefix: str) -> parts.KeyDetailData:
        readers.append(("detail", threading.current_thread()))
        return real_detail(prefix)

    def read_rows(prefixes: list[str]) -> list[keys.KeyRow]:
        readers.append(("row", threading.current_thread()))
        return real_rows(prefixes)

    monkeypatch.setattr(parts, "read_key_detail", read_detail)
    monkeypatch.setattr(module, "get_key_rows", read_rows)
    fake_detail.plays = "rename"
    prefix = key_named("Support bot").prefix
    window.keys_page.open_row(table_column(window, COL_PREFIX).index(prefix))
    qtbot.waitUntil(lambda: "Renamed in detail" in table_column(window, COL_NAME))
    assert [what for what, _ in readers] == ["detail", "row"]
    assert all(thread is not threading.main_thread() for _, thread in readers)


def test_a_key_deleted_elsewhere_leaves_the_table_instead_of_opening(
    qtbot, window: MainWindow, fake_detail: type[FakeDetailDialog]
) -> None:
    prefix = key_named("CI pipeline").prefix
    keys.delete_keys([prefix])  # another desk, before the click
    window.keys_page.open_row(table_column(window, COL_PREFIX).index(prefix))
    qtbot.waitUntil(lambda: prefix not in table_column(window, COL_PREFIX))
    assert fake_detail.opened == []
    assert window.statusBar().currentMessage() == f"The key {prefix} no longer exists."


def test_real_detail_dialog_opens_on_enter(qtbot, window: MainWindow) -> None:
    select_names(window, "Data export")
    window.keys_page.table.setFocus()
    seen = when_modal("keyDetailDialog", lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(window.keys_page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # once the key is read


class FakeCreateDialog(QDialog):
    """Stands in for CreateKeyDialog: creates a key through the services when run."""

    def __init__(self, parent: QWidget | None = None, **_choices: object) -> None:
        super().__init__(parent)
        self.setObjectName("createKeyDialog")
        self.created_prefix: str | None = None

    def exec(self) -> int:
        created = keys.create_key(NewKey(name="Brand new", user="ken@example.com"))
        self.created_prefix = created.prefix
        return QDialog.DialogCode.Accepted


def test_add_api_key_button_and_ctrl_n_add_the_created_key(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keydesk.views.create_dialog as module

    monkeypatch.setattr(module, "CreateKeyDialog", FakeCreateDialog)
    qtbot.mouseClick(window.keys_page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.count_text() == "6 of 6 keys", timeout=5000)
    current = window.keys_page.table.currentIndex()
    assert current.data(ROW_ROLE).name == "Brand new"  # selected and in view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.keys_page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.count_text() == "7 of 7 keys", timeout=5000)


def test_add_api_key_reads_the_forms_users_off_the_gui_thread(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keydesk.views.key_form as module

    readers: list[threading.Thread] = []
    real_read = module.read_form_choices

    def read() -> FormChoices:
        readers.append(threading.current_thread())
        return real_read()

    monkeypatch.setattr(module, "read_form_choices", read)
    offered: list[list[str]] = []

    def look_and_cancel(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "userCombo")
        offered.append([combo.itemData(i) for i in range(combo.count())])
        dialog.reject()  # type: ignore[attr-defined]

    shown = when_modal("createKeyDialog", look_and_cancel)
    button = window.keys_page.add_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # impatient: still one dialog
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    qtbot.wait(100)
    assert len(shown) == 1 and len(readers) == 1
    assert readers[0] is not threading.main_thread()
    assert sorted(offered[0]) == sorted(user.email for user in users.list_users())
    assert window.count_text() == "5 of 5 keys"  # cancelled: nothing added


def test_ctrl_f_focuses_the_search_field_from_another_page(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.users_page
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.keys_page
    qtbot.waitUntil(lambda: window.keys_page.search_field.hasFocus())


# --- export -----------------------------------------------------------------------------------


def test_export_csv_writes_the_rows_as_shown(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), ""))
    )
    qtbot.keyClicks(window.keys_page.search_field, "example.com")
    window.keys_page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: window.count_text() == "5 of 5 keys")
    with qtbot.waitSignal(window.keys_page.exported, timeout=5000):
        menu_action(window, "exportCsvAction").trigger()
    written = target.with_suffix(".csv")
    with written.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:3] == ["Prefix", "Unique name", "Name"]
    assert [line[2] for line in lines[1:]] == sorted(
        (spec[0] for spec in KEY_SPECS), key=str.lower, reverse=True
    )
    assert {line[8] for line in lines[1:]} == {"no"}


def test_export_of_a_filtered_view_writes_only_matches(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ada.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), ""))
    )
    qtbot.keyClicks(window.keys_page.search_field, "ada@")
    qtbot.waitUntil(lambda: window.count_text() == "2 of 5 keys")
    with qtbot.waitSignal(window.keys_page.exported, timeout=5000):
        window.keys_page.export_action.trigger()
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["Name"] for row in rows} == {"Billing service", "Staging API"}


# --- what is remembered -----------------------------------------------------------------------


def test_hidden_columns_widths_and_geometry_are_remembered(
    qtbot, open_window: Callable[[], MainWindow]
) -> None:
    seed()
    first = open_window()
    header = first.keys_page.table.horizontalHeader()
    menu = first.keys_page.header_menu()
    (unique_action,) = [a for a in menu.actions() if a.text() == "Unique name"]
    unique_action.toggle()
    assert header.isSectionHidden(1)
    header.resizeSection(COL_NAME, 333)
    first.resize(700, 500)  # within the offscreen screen, so it is not clamped
    size = first.size()
    first.close()
    second = open_window()
    header = second.keys_page.table.horizontalHeader()
    assert header.isSectionHidden(1)
    assert header.sectionSize(COL_NAME) == 333
    assert second.size() == size


def test_theme_choice_is_applied_and_remembered(
    qtbot, window: MainWindow, restore_theme: None
) -> None:
    window.theme_actions[theme.DARK].trigger()
    assert theme.palette_is_dark(QApplication.palette())
    assert app_settings.read_str(app_settings.THEME) == theme.DARK
    window.theme_actions[theme.LIGHT].trigger()
    assert not theme.palette_is_dark(QApplication.palette())
    assert app_settings.read_str(app_settings.THEME) == theme.LIGHT
    assert window.theme_actions[theme.LIGHT].isChecked()
    window.theme_actions[theme.SYSTEM].trigger()
    assert app_settings.read_str(app_settings.THEME) == theme.SYSTEM


# --- empty states -----------------------------------------------------------------------------


def _empty_state(window: MainWindow) -> tuple[str, str, str]:
    """What the user reads over the table: title, sentence, button ("" when hidden)."""
    page = window.keys_page
    empty = page.empty_state
    if empty.isHidden():
        return "", "", ""
    button = empty.button.text() if not empty.button.isHidden() else ""
    return empty.title.text(), empty.text.text(), button


def test_a_fresh_database_says_there_are_no_keys_and_how_to_add_one(
    qtbot, open_window: Callable[[], MainWindow]
) -> None:
    users.add_user("ada@example.com", "Ada")
    window = open_window()
    title, sentence, button = _empty_state(window)
    assert title == "No API keys yet"
    assert "Add API Key (Ctrl+N)" in sentence and button == "Add API Key…"
    assert window.keys_page.empty_state.isVisible()
    shown = when_modal("createKeyDialog", lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    qtbot.mouseClick(window.keys_page.empty_state.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)


def test_a_search_without_match_says_so_and_clears(qtbot, window: MainWindow) -> None:
    page = window.keys_page
    assert _empty_state(window) == ("", "", "")  # rows shown: no words over them
    qtbot.keyClicks(page.search_field, "zebra-crossing")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0)
    title, sentence, button = _empty_state(window)
    assert title == "No key matches “zebra-crossing”"
    assert "all 5 keys" in sentence and button == "Clear search"
    qtbot.mouseClick(page.empty_state.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 5)
    assert page.search_field.text() == ""
    assert _empty_state(window) == ("", "", "")


def test_a_pasted_whole_key_finds_its_row_and_is_never_quoted_back(
    qtbot, window: MainWindow, created: list[keys.CreatedKey]
) -> None:
    """Support staff paste a leaked key into the search: it is searched for by its prefix,
    and an unknown one is quoted back as its prefix only, never with its secret."""
    from keydesk import keyformat

    page = window.keys_page
    leaked = created[1]
    page.search_field.setText(leaked.key)  # as a paste does
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert table_column(window, COL_PREFIX) == [leaked.prefix]
    unknown = keyformat.format_key("kd_Unkn0wn1", keyformat.generate_secret())
    page.search_field.setText(unknown)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0)
    title, sentence, _ = _empty_state(window)
    assert title == "No key matches “kd_Unkn0wn1”"
    secret = unknown.split("_", 2)[2]
    assert secret[:8] not in title + sentence


# --- long bulk work: progress and cancel ------------------------------------------------------


@pytest.fixture
def many_keys(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """3,000 keys (some revoked already), and a revoke or delete slowed down by 60 ms a
    chunk, so a user has time to watch it and to cancel it, as with 90,000 keys on a real
    database (each chunk then takes about that long)."""
    from keydesk.bench.seed import seed
    from keydesk.views import key_actions

    seed(3000)

    def slowed_down(change):  # type: ignore[no-untyped-def]
        def slow(prefixes, *, progress=None, **kwargs):  # type: ignore[no-untyped-def]
            def slowed(step: str, done: int, total: int) -> None:
                threading.Event().wait(0.06)
                if progress is not None:
                    progress(step, done, total)

            return change(prefixes, progress=slowed, **kwargs)

        return slow

    for name in ("revoke_keys", "delete_keys_report"):
        monkeypatch.setattr(key_actions, name, slowed_down(getattr(key_actions, name)))
    return sum(not row.revoked for row in keys.list_key_rows())


def _revoke_everything(qtbot, window: MainWindow, answer_box) -> list[int]:
    """Select every key (Ctrl+A), Actions → Revoke selected, confirm; returns the bar's
    values as they change."""
    page = window.keys_page
    seen: list[int] = []
    page.bulk_progress.bar.valueChanged.connect(seen.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    answer_box("confirmDialog", "confirmAcceptButton")
    menu_action(window, "revokeSelectedAction").trigger()
    qtbot.waitUntil(lambda: page.changing, timeout=5000)
    return seen


def test_a_long_bulk_revoke_shows_its_progress_and_the_count_in_words(
    qtbot, open_window: Callable[[], MainWindow], many_keys: int, answer_box
) -> None:
    assert many_keys >= 1000  # so the count needs a thousands separator
    window = open_window()
    page, status = window.keys_page, window.statusBar()
    seen = _revoke_everything(qtbot, window, answer_box)
    assert page.bulk_progress.isVisible()
    assert page.bulk_progress.label.text().startswith(f"Revoking {many_keys:,} keys…")
    qtbot.waitUntil(lambda: not page.changing, timeout=30_000)
    assert not page.bulk_progress.isVisible()
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] >= 990  # determinate
    assert status.currentMessage().startswith(f"Revoked {many_keys:,} keys.")
    assert all(row.revoked for row in keys.list_key_rows())
    assert set(table_column(window, COL_REVOKED)) == {"Revoked"}


def test_cancelling_a_bulk_revoke_changes_nothing(
    qtbot, open_window: Callable[[], MainWindow], many_keys: int, answer_box
) -> None:
    window = open_window()
    page, status = window.keys_page, window.statusBar()
    revokes_before = [e.action for e in audit.list_audit()].count("revoke")
    seen = _revoke_everything(qtbot, window, answer_box)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] >= 300, timeout=20_000)  # well under way
    qtbot.mouseClick(page.bulk_progress.cancel_button, Qt.MouseButton.LeftButton)
    assert page.bulk_progress.cancel_button.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not page.changing, timeout=30_000)
    assert status.currentMessage() == f"Cancelled: none of the {many_keys:,} keys was revoked."
    assert sum(not row.revoked for row in keys.list_key_rows()) == many_keys  # rolled back
    assert [e.action for e in audit.list_audit()].count("revoke") == revokes_before
    assert table_column(window, COL_REVOKED).count("No") == many_keys
    assert page.revoke_action.isEnabled()


def test_cancelling_a_bulk_delete_keeps_every_key(
    qtbot, open_window: Callable[[], MainWindow], many_keys: int, answer_box
) -> None:
    window = open_window()
    page, status = window.keys_page, window.statusBar()
    total = len(keys.list_key_rows())
    seen: list[int] = []
    page.bulk_progress.bar.valueChanged.connect(seen.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    answer_box("confirmDialog", "confirmAcceptButton")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.changing, timeout=5000)
    assert page.bulk_progress.label.text().startswith(f"Deleting {total:,} keys…")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] >= 100, timeout=20_000)
    qtbot.mouseClick(page.bulk_progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.changing, timeout=30_000)
    assert status.currentMessage() == f"Cancelled: none of the {total:,} keys was deleted."
    assert len(keys.list_key_rows()) == total
    assert page.proxy.rowCount() == total


def test_painting_the_header_does_not_ask_every_selected_row(
    qtbot,
    open_window: Callable[[], MainWindow],
    created: list[keys.CreatedKey],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every key selected, Qt's header asked the proxy's flags() (Python) for each
    row of each column at every repaint: 4 s at 100,000 keys."""
    from keydesk.views import keys_page

    asked: list[int] = []

    class CountingProxy(KeyFilterProxy):
        def flags(self, index):  # type: ignore[no-untyped-def]
            asked.append(index.row())
            return super().flags(index)

    monkeypatch.setattr(keys_page, "KeyFilterProxy", CountingProxy)
    window = open_window()
    page = window.keys_page
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.selected_count() == page.proxy.rowCount() == len(created)
    qtbot.wait(50)
    asked.clear()
    page.table.horizontalHeader().viewport().repaint()
    assert len(asked) < page.proxy.rowCount()  # not rows × columns
