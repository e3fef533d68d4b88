"""The status filter and the expiry reminder, driven like a user would over a real
SQLite database with random keys: pick a status, type a search, read the table and the
counts, revoke, let another desk add a key, click the reminder. Every figure is compared
with a direct computation from the keys as stored."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from keydesk.app import main_window
from keydesk.services import catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.services.key_rules import expires_within, key_status
from keydesk.services.key_status_filter import STATUS_FILTERS, STATUS_LABELS, StatusFilter
from keydesk.services.keys import NewKey
from keydesk.services.search import filter_rows
from keydesk.store.models import ApiKey
from keydesk.views.key_table_columns import COL_PREFIX
from keydesk.views.main_window import MainWindow

EMAILS = ("ada@example.com", "grace@example.com", "ken@example.org")


def seed_random_keys(count: int, seed: int) -> None:
    """Keys of every status: never expiring, expired, expiring within hours or days,
    expiring later; a quarter revoked."""
    rng = random.Random(seed)
    for email in EMAILS:
        users.add_user(email, email.split("@")[0].title())
    catalog.add_model("alfred-4")
    now = utcnow()
    revoke = []
    for number in range(count):
        created = keys.create_key(
            NewKey(name=f"{rng.choice(('billing', 'ci', 'batch'))}-{number}",
                   user=rng.choice(EMAILS), role=rng.choice(("standard", "admin", "project")))
        )  # fmt: skip
        expires = rng.choice(
            (
                None,
                now - timedelta(hours=rng.randrange(1, 500)),
                now + timedelta(hours=rng.randrange(1, 7 * 24)),
                now + timedelta(days=rng.randrange(8, 90)),
            )
        )
        ApiKey.update(expires=expires).where(ApiKey.prefix == created.prefix).execute()
        if rng.random() < 0.25:
            revoke.append(created.prefix)
    keys.revoke_keys(revoke)


def has_status(row: keys.KeyRow, status: StatusFilter) -> bool:
    if status == "all":
        return True
    if status == "expiring":
        return expires_within(row.revoked, row.expires, 7)
    return key_status(row.revoked, row.expires).value.lower() == status


def expected(search: str, status: StatusFilter) -> set[str]:
    return {row.prefix for row in filter_rows(keys.list_key_rows(), search)
            if has_status(row, status)}  # fmt: skip


def expected_items(search: str) -> list[str]:
    rows = filter_rows(keys.list_key_rows(), search)
    return [
        f"{STATUS_LABELS[s]} ({sum(has_status(row, s) for row in rows):,})" for s in STATUS_FILTERS
    ]


@pytest.fixture
def window(qtbot, sqlite_db: str) -> Iterator[MainWindow]:
    seed_random_keys(45, seed=15)
    window = main_window(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.keys_page.loading)
    yield window
    window.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)


def shown_prefixes(window: MainWindow) -> set[str]:
    model = window.keys_page.table.model()
    return {model.index(row, COL_PREFIX).data() for row in range(model.rowCount())}


def items(window: MainWindow) -> list[str]:
    combo = window.keys_page.status_filter
    return [combo.itemText(i) for i in range(combo.count())]


def choose(qtbot, window: MainWindow, status: StatusFilter) -> None:
    """Pick ``status`` from the keyboard: focus the filter, Home, then Down."""
    combo = window.keys_page.status_filter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(STATUS_FILTERS.index(status)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(STATUS_LABELS[status])


def type_search(qtbot, window: MainWindow, text: str) -> None:
    field = window.keys_page.search_field
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: window.keys_page.proxy._needle == text.strip().lower())


@pytest.mark.parametrize("search", ["", "ci", "grace", "admin api"])
def test_each_status_with_the_search_shows_what_the_rules_say(
    qtbot, window: MainWindow, search: str
) -> None:
    type_search(qtbot, window, search)
    assert items(window) == expected_items(search)
    for status in STATUS_FILTERS:
        choose(qtbot, window, status)
        assert shown_prefixes(window) == expected(search, status), status
        assert window.count_text() == f"{len(expected(search, status)):,} of 45 keys"
    # The counts do not depend on the status chosen, only on the search.
    assert items(window) == expected_items(search)


def test_counts_follow_a_revocation_here_and_a_key_added_elsewhere(
    qtbot, window: MainWindow, answer_box
) -> None:
    choose(qtbot, window, "active")
    page = window.keys_page
    page.table.selectionModel().setCurrentIndex(
        page.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    revoked = page.proxy.key_row(0).prefix
    answer_box("confirmDialog", "confirmAcceptButton")
    menu = page.actions_button.menu()
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.objectName() == "revokeSelectedAction")
    assert isinstance(action, QAction)
    action.trigger()
    qtbot.waitUntil(lambda: revoked not in shown_prefixes(window), timeout=5000)
    assert shown_prefixes(window) == expected("", "active")
    assert items(window) == expected_items("")

    # Another desk adds a key that expires tomorrow: live refresh brings it, counted.
    before = window.expiry_reminder.count
    added = keys.create_key(NewKey(name="late arrival", user=EMAILS[0], role="standard",
                                   expires=utcnow() + timedelta(days=1)))  # fmt: skip
    qtbot.waitUntil(lambda: added.prefix in shown_prefixes(window), timeout=10_000)
    assert items(window) == expected_items("")
    assert window.expiry_reminder.count == before + 1


def test_the_reminder_says_how_many_keys_expire_soon_and_opens_that_filter(
    qtbot, window: MainWindow
) -> None:
    soon = len(expected("", "expiring"))
    assert soon > 1
    reminder = window.expiry_reminder
    assert reminder.isVisible()
    assert reminder.text() == f"{soon} keys expire within 7 days"
    type_search(qtbot, window, "ci")  # the reminder counts every key, whatever the search
    assert reminder.text() == f"{soon} keys expire within 7 days"
    window.show_page(1)  # the Users page
    qtbot.mouseClick(reminder, Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == 0
    assert window.keys_page.status_filter.currentText().startswith("Expiring soon")
    assert window.keys_page.search_field.text() == ""  # it shows every key it counted
    assert shown_prefixes(window) == expected("", "expiring")
    assert len(shown_prefixes(window)) == soon


def test_no_key_of_a_status_says_so_and_offers_every_status(qtbot, window: MainWindow) -> None:
    empty = window.keys_page.empty_state
    type_search(qtbot, window, "no such key")
    choose(qtbot, window, "revoked")
    assert empty.isVisible()
    assert empty.title.text() == "No key matches “no such key”"  # whatever the status
    search = next(row.name for row in keys.list_key_rows() if not row.revoked)
    type_search(qtbot, window, search)
    if expected(search, "revoked"):
        pytest.skip("the seed revoked every key of that name")
    assert empty.isVisible()
    assert empty.title.text() == f"No revoked key matches “{search}”"
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    assert window.keys_page.status_filter.currentText().startswith("All")
    assert shown_prefixes(window) == expected(search, "all")


@pytest.fixture
def no_soon_window(qtbot, sqlite_db: str) -> Callable[[], MainWindow]:
    def make() -> MainWindow:
        window = main_window(sqlite_db)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.keys_page.loading)
        return window

    return make


def test_the_reminder_hides_while_no_key_expires_soon(
    qtbot, sqlite_db: str, no_soon_window: Callable[[], MainWindow]
) -> None:
    users.add_user(EMAILS[0], "Ada")
    keys.create_key(NewKey(name="forever", user=EMAILS[0], role="standard"))
    window = no_soon_window()
    assert not window.expiry_reminder.isVisible()
    window.keys_page.cancel_loading()
    QThreadPool.globalInstance().waitForDone(10_000)
