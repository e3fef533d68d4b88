"""The copy-once dialog: the key shown once, Copy, the closing question, clipboard hygiene."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from keydesk import keyformat
from keydesk.views import copy_once_dialog
from keydesk.views.copy_once_dialog import CopyOnceDialog

# The offscreen platform cannot pass window size hints on; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def key() -> str:
    return keyformat.format_key(keyformat.generate_prefix("kd"), keyformat.generate_secret())


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def dialog(qtbot: QtBot, key: str) -> CopyOnceDialog:
    shown = CopyOnceDialog(key, "calm-otter-4821")
    # hidden before pytest-qt closes it, so teardown never asks the closing question
    qtbot.addWidget(shown, before_close_func=lambda widget: widget.hide())
    shown.open()
    qtbot.waitExposed(shown)
    return shown


def secret_field(dialog: CopyOnceDialog) -> QLineEdit:
    field = dialog.findChild(QLineEdit, "secretField")
    assert field is not None
    return field


def button(dialog: CopyOnceDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def strings_in(value: object, depth: int = 0) -> Iterator[str]:
    """Every string reachable from an attribute value (containers and dataclasses)."""
    if depth > 4:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from strings_in(item, depth + 1)
    elif hasattr(value, "__dict__") and not callable(value):
        for item in vars(value).values():
            yield from strings_in(item, depth + 1)


def test_shows_the_full_key_read_only_monospace_and_selectable(
    dialog: CopyOnceDialog, key: str
) -> None:
    field = secret_field(dialog)
    assert field.text() == key
    assert field.isReadOnly()
    assert field.font().family() == (
        QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    )
    assert field.selectedText() == key
    assert field.width() >= field.fontMetrics().horizontalAdvance(key)  # not truncated
    assert dialog.objectName() == "copyOnceDialog"


def test_warns_that_the_key_will_not_be_shown_again(dialog: CopyOnceDialog) -> None:
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "will not be shown again" in texts
    assert "calm-otter-4821" in texts


def test_copy_puts_the_key_on_the_clipboard(dialog: CopyOnceDialog, key: str, qtbot: QtBot) -> None:
    qtbot.mouseClick(button(dialog, "copyButton"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    assert dialog.copied


def test_ctrl_c_in_the_key_field_counts_as_copy(
    dialog: CopyOnceDialog, key: str, qtbot: QtBot
) -> None:
    qtbot.keyClick(secret_field(dialog), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == key
    assert dialog.copied


CLOSERS: dict[str, Callable[[CopyOnceDialog, QtBot], None]] = {
    "done button": lambda d, bot: bot.mouseClick(
        button(d, "doneButton"), Qt.MouseButton.LeftButton
    ),
    "escape": lambda d, bot: bot.keyClick(d, Qt.Key.Key_Escape),
    "window close": lambda d, bot: d.close(),
}


@pytest.mark.parametrize("closer", CLOSERS.values(), ids=CLOSERS.keys())
def test_closing_without_copying_asks_and_cancel_keeps_the_dialog_open(
    dialog: CopyOnceDialog,
    key: str,
    qtbot: QtBot,
    answer_box: Callable[..., list[str]],
    closer: Callable[[CopyOnceDialog, QtBot], None],
) -> None:
    told = answer_box("confirmDialog", "confirmCancelButton")
    closer(dialog, qtbot)
    assert told and "without copying" in told[0]
    assert dialog.isVisible()
    assert secret_field(dialog).text() == key  # still there to copy


@pytest.mark.parametrize("closer", CLOSERS.values(), ids=CLOSERS.keys())
def test_closing_without_copying_closes_once_confirmed(
    dialog: CopyOnceDialog,
    qtbot: QtBot,
    answer_box: Callable[..., list[str]],
    closer: Callable[[CopyOnceDialog, QtBot], None],
) -> None:
    told = answer_box("confirmDialog", "confirmAcceptButton")
    closer(dialog, qtbot)
    assert told
    assert not dialog.isVisible()
    assert secret_field(dialog).text() == ""


def test_closing_after_copy_does_not_ask(
    dialog: CopyOnceDialog, qtbot: QtBot, answer_box: Callable[..., list[str]]
) -> None:
    told = answer_box("confirmDialog", "confirmAcceptButton", timeout_ms=300)
    button(dialog, "copyButton").click()
    qtbot.mouseClick(button(dialog, "doneButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.wait(100)
    assert told == []
    assert dialog.result() == CopyOnceDialog.DialogCode.Accepted


def test_after_closing_the_dialog_holds_no_copy_of_the_key(
    dialog: CopyOnceDialog, key: str, qtbot: QtBot
) -> None:
    button(dialog, "copyButton").click()
    dialog.accept()
    assert secret_field(dialog).text() == ""
    assert not secret_field(dialog).isUndoAvailable()
    leftovers = [text for text in strings_in(vars(dialog)) if key in text]
    assert leftovers == []
    for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QLabel):
        assert key not in widget.text()


def test_the_dialog_keeps_the_key_only_in_the_secret_field(
    dialog: CopyOnceDialog, key: str
) -> None:
    """Even while it is shown, no Python attribute holds the key."""
    assert [text for text in strings_in(vars(dialog)) if key in text] == []


def test_clipboard_is_cleared_after_the_delay_even_once_the_dialog_is_gone(
    key: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copy_once_dialog, "CLIPBOARD_CLEAR_MS", 50)
    dialog = CopyOnceDialog(key, "calm-otter-4821")
    dialog.open()
    button(dialog, "copyButton").click()
    assert QGuiApplication.clipboard().text() == key
    dialog.accept()
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.deleteLater()
    del dialog
    qtbot.waitUntil(lambda: bool(gone), timeout=2000)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)


def test_clipboard_is_left_alone_when_it_changed_meanwhile(
    dialog: CopyOnceDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copy_once_dialog, "CLIPBOARD_CLEAR_MS", 50)
    button(dialog, "copyButton").click()
    QGuiApplication.clipboard().setText("something the user copied since")
    qtbot.wait(250)
    assert QGuiApplication.clipboard().text() == "something the user copied since"


def test_copying_again_restarts_the_delay(
    dialog: CopyOnceDialog, key: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copy_once_dialog, "CLIPBOARD_CLEAR_MS", 300)
    button(dialog, "copyButton").click()
    qtbot.wait(200)
    button(dialog, "copyButton").click()
    qtbot.wait(200)  # 400 ms after the first copy, 200 ms after the second
    assert QGuiApplication.clipboard().text() == key
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)


def test_clear_timer_belongs_to_the_application(
    dialog: CopyOnceDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    timer = copy_once_dialog.clear_clipboard_later("anything")
    try:
        assert timer.parent() is QApplication.instance()
        assert timer.isSingleShot()
    finally:
        timer.stop()
        timer.deleteLater()
