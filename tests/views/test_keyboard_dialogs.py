"""The key dialogs driven from the keyboard alone: every key press goes to the widget that
has the focus, as it would for someone who cannot use a mouse. Adding a key (Ctrl+N, type,
Tab, Space, arrows, Enter), copying it once (Enter, Ctrl+C, Escape), editing a key and
rotating it; and a Tab walk through each dialog that checks every control it reaches
has an accessible name (read through QAccessible, as a screen reader does) and shows
that it has the focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support.desks import child, when_modal
from support.dialog_keys import ADA, keep, release_kept, seed_billing_and_ci
from support.language import speaking
from support.verifying import other_secret

from keydesk import keyformat
from keydesk.app import main_window
from keydesk.services import keys
from keydesk.services.clock import utcnow
from keydesk.views import i18n
from keydesk.views.copy_once_dialog import CopyOnceDialog
from keydesk.views.create_dialog import CreateKeyDialog
from keydesk.views.database_dialog import DatabaseDialog
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.key_detail_parts import read_key_detail
from keydesk.views.leaks_dialog import FindLeakedDialog
from keydesk.views.main_window import MainWindow
from keydesk.views.rotate_dialog import RotateKeyDialog

# The offscreen platform cannot pass window size hints on; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def made(sqlite_db: str) -> dict[str, keys.CreatedKey]:
    return seed_billing_and_ci(
        billing_models=["alfred-4"],
        billing_role="standard",
        billing_expires=utcnow() + timedelta(days=60),
        ci_models=["bertha-2"],
    )


@pytest.fixture(autouse=True)
def no_worker_left() -> Iterator[None]:
    yield
    release_kept()


@pytest.fixture
def window(qtbot: QtBot, made: dict[str, keys.CreatedKey], sqlite_db: str) -> Iterator[MainWindow]:
    shown = main_window(sqlite_db)
    qtbot.addWidget(shown)
    keep(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: not shown.keys_page.loading)
    take_focus(qtbot, shown)
    yield shown
    shown.keys_page.cancel_loading()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, to whatever has the focus."""
    QTest.keyClick(focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def take_focus(qtbot: QtBot, dialog: QWidget) -> None:
    """Wait until ``dialog`` is the active window and a control of it has the focus."""
    dialog.activateWindow()

    def ready() -> None:
        widget = QApplication.focusWidget()
        assert widget is not None and widget.window() is dialog

    qtbot.waitUntil(ready, timeout=3000)


def keyed(qtbot: QtBot, act: Callable[[QWidget], None]) -> Callable[[QWidget], None]:
    """``act`` on a modal dialog once it has the focus; a failed check closes the dialog
    (and any it opened) so its event loop ends and the test reports the failure."""

    def run(dialog: QWidget) -> None:
        try:
            take_focus(qtbot, dialog)
            act(dialog)
        except BaseException:
            for inner in dialog.findChildren(QDialog):
                inner.hide()
            if isinstance(dialog, QDialog):
                dialog.hide()
                QDialog.done(dialog, QDialog.DialogCode.Rejected)
            raise

    return run


def tab_to(name: str) -> QWidget:
    """Press Tab once: the focus must land on ``name``."""
    press(Qt.Key.Key_Tab)
    assert focused().objectName() == name
    return focused()


def copy_with_keys(qtbot: QtBot, found: list[str]) -> Callable[[QWidget], None]:
    """In the copy-once dialog: Enter on the focused Copy button copies; the clipboard must
    then hold the key; Tab to Done, Enter closes."""

    def act(dialog: QWidget) -> None:
        assert focused().objectName() == "copyButton"
        press(Qt.Key.Key_Return)
        copied = QApplication.clipboard().text()
        assert keyformat.parse_key(copied)  # the whole key, well formed
        found.append(copied)
        tab_to("doneButton")
        press(Qt.Key.Key_Return)

    return keyed(qtbot, act)


def _hide_all(dialog: QWidget) -> None:
    for inner in dialog.findChildren(QDialog):
        inner.hide()
    dialog.hide()


# --- whole flows ---------------------------------------------------------------------------------


def test_add_a_key_with_the_keyboard_only(qtbot: QtBot, window: MainWindow) -> None:
    found: list[str] = []
    seen_copy: list[list[QWidget]] = []

    def fill(dialog: QWidget) -> None:
        assert focused().objectName() == "nameField"
        type_text("Nightly export")
        tab_to("userCombo")
        press(Qt.Key.Key_Down)  # the first user
        assert child(dialog, QComboBox, "userCombo").currentData() == ADA
        tab_to("roleCombo")
        press(Qt.Key.Key_Down)  # the next role
        tab_to("modelList")
        press(Qt.Key.Key_Space)  # checks the current model, alfred-4
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_Space)  # and bertha-2
        tab_to("optInCheck")
        press(Qt.Key.Key_Space)
        tab_to("expiryPresets")
        press(Qt.Key.Key_Down)  # Never → 7 days
        assert child(dialog, QComboBox, "expiryPresets").currentData() == 7
        seen_copy.append(when_modal("copyOnceDialog", copy_with_keys(qtbot, found)))
        press(Qt.Key.Key_Return)  # Create key, the default button

    QApplication.clipboard().clear()
    created = when_modal("createKeyDialog", keyed(qtbot, fill))
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(found) and not created[0].isVisible(), timeout=15_000)
    new = keys.get_key(keyformat.parse_key(found[0]).prefix)
    assert (new.name, new.user, new.role) == ("Nightly export", ADA, "admin")
    assert sorted(new.models) == ["alfred-4", "bertha-2"] and new.opt_in
    assert new.expires is not None
    assert abs(new.expires - (utcnow() + timedelta(days=7))) < timedelta(minutes=2)
    secret = child(seen_copy[0][0], QLineEdit, "secretField")
    assert secret.text() == ""  # the copy-once dialog forgot the key on closing


def test_copy_once_with_keys_and_close_with_escape(qtbot: QtBot, made) -> None:
    key = made["ci"]
    dialog = CopyOnceDialog(key.key, key.unique_name)
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    keep(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    take_focus(qtbot, dialog)
    QApplication.clipboard().clear()
    assert focused().objectName() == "copyButton"
    tab_to("doneButton")
    press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the Copy button's mnemonic
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == key.key)  # an animated click
    assert dialog.copied
    QApplication.clipboard().clear()
    tab_to("secretField")
    press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Ctrl+C in the field
    assert QApplication.clipboard().text() == key.key
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert child(dialog, QLineEdit, "secretField").text() == ""


def test_edit_a_key_with_the_keyboard_only(qtbot: QtBot, window: MainWindow, made) -> None:
    prefix = made["ci"].prefix

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, KeyDetailDialog) and dialog.prefix == prefix
        assert focused().objectName() == "nameField"  # the name, selected
        type_text("CI runner")
        press(Qt.Key.Key_Return)  # Save, the default button

    opened = when_modal("keyDetailDialog", keyed(qtbot, edit))
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused().objectName() == "searchField"
    type_text(prefix)
    qtbot.waitUntil(lambda: window.keys_page.proxy.rowCount() == 1)  # the search applied
    press(Qt.Key.Key_Return)  # to the table, on the one key found
    assert focused().objectName() == "keyTable"
    press(Qt.Key.Key_Return)  # opens its details
    qtbot.waitUntil(lambda: bool(opened) and not opened[0].isVisible(), timeout=10_000)
    assert keys.get_key(prefix).name == "CI runner"


def test_rotate_from_the_detail_dialog_with_keys(qtbot: QtBot, made) -> None:
    prefix = made["billing"].prefix
    dialog = KeyDetailDialog(prefix, data=read_key_detail(prefix))
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    keep(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    take_focus(qtbot, dialog)
    found: list[str] = []

    def rotate(rotating: QWidget) -> None:
        assert focused().objectName() == "graceCombo"
        press(Qt.Key.Key_Down)  # 24 hours → 7 days
        assert child(rotating, QComboBox, "graceCombo").currentData() == timedelta(days=7)
        when_modal("copyOnceDialog", copy_with_keys(qtbot, found))
        press(Qt.Key.Key_Return)  # Rotate key

    shown = when_modal("rotateKeyDialog", keyed(qtbot, rotate))
    press(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Ro&tate…
    qtbot.waitUntil(lambda: bool(found) and not shown[0].isVisible(), timeout=15_000)
    new = keys.get_key(keyformat.parse_key(found[0]).prefix)
    old = keys.get_key(prefix)
    assert new.name == old.name == "Billing service"
    assert old.expires is not None
    assert abs(old.expires - (utcnow() + timedelta(days=7))) < timedelta(minutes=2)
    qtbot.waitUntil(lambda: not dialog.loading and not dialog.usage.loading)
    take_focus(qtbot, dialog)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# --- a Tab walk through each dialog ---------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces for ``widget``. On Linux Qt reports a combo box's
    current text as its name (AT-SPI names it by its label relation), so a combo box's
    own accessible name is checked too."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    name = interface.text(QAccessible.Text.Name)
    if isinstance(widget, QComboBox):
        return widget.accessibleName() and name
    return name


def walk(qtbot: QtBot, dialog: QWidget) -> list[QWidget]:
    """Press Tab from the focused control until the focus comes back to it; every control
    met (once each) must have an accessible name and look different with the focus than
    without it (the focus is drawn). Under Fusion a focused push button is drawn as the
    default one, so a button's look without the focus is taken while another control has
    it, whichever that is, over a second lap."""
    take_focus(qtbot, dialog)
    first = focused()
    press(Qt.Key.Key_Tab)  # so the first control, too, gets its focus from the keyboard
    press(Qt.Key.Key_Backtab)
    assert focused() is first
    met: list[QWidget] = []
    focused_look: dict[int, QImage] = {}
    for _ in range(60):
        widget = focused()
        assert widget.window() is dialog, f"Tab left the dialog for {widget.objectName()}"
        if widget not in met:
            met.append(widget)
            assert widget.hasFocus()
            focused_look[id(widget)] = widget.grab().toImage()
        press(Qt.Key.Key_Tab)
        if focused() is first:
            break
    else:
        pytest.fail(f"Tab never came back to where it started: {names(met)}")
    shows_focus: set[int] = set()
    for _ in range(60):  # the second lap
        for widget in met:
            if not widget.hasFocus() and widget.grab().toImage() != focused_look[id(widget)]:
                shows_focus.add(id(widget))
        press(Qt.Key.Key_Tab)
        if focused() is first:
            break
    problems = []
    for widget in met:
        name = widget.objectName() or type(widget).__name__
        if not accessible_name(widget):
            problems.append(f"{name}: no accessible name")
        if id(widget) not in shows_focus:
            problems.append(f"{name}: the focus does not show")
    assert not problems, "\n".join(problems)
    return met


def shown(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    keep(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    take_focus(qtbot, dialog)
    if isinstance(dialog, KeyDetailDialog):  # its usage is read in a worker
        qtbot.waitUntil(lambda: not dialog.usage.loading)
    return dialog


def names(widgets: list[QWidget]) -> list[str]:
    return [widget.objectName() for widget in widgets]


def test_tab_walks_the_create_dialog(qtbot: QtBot, made) -> None:
    dialog = shown(qtbot, CreateKeyDialog(initial_user=ADA))
    QTest.keyClicks(child(dialog, QLineEdit, "nameField"), "Valid name")  # Create enabled
    assert names(walk(qtbot, dialog)) == [
        "nameField", "userCombo", "roleCombo", "modelList", "optInCheck", "expiryPresets",
        "saveButton", "cancelButton",
    ]  # fmt: skip


def test_tab_walks_the_copy_once_dialog(qtbot: QtBot, made) -> None:
    key = made["ci"]
    dialog = shown(qtbot, CopyOnceDialog(key.key, key.unique_name))
    dialog.copy_key()  # so that closing asks nothing
    assert names(walk(qtbot, dialog)) == ["copyButton", "doneButton", "secretField"]


def test_tab_walks_the_detail_dialog(qtbot: QtBot, made) -> None:
    prefix = made["billing"].prefix
    dialog = shown(qtbot, KeyDetailDialog(prefix, data=read_key_detail(prefix)))
    QTest.keyClicks(child(dialog, QLineEdit, "nameField"), " (edited)")  # Save enabled
    assert names(walk(qtbot, dialog)) == [
        "nameField", "userCombo", "roleCombo", "modelList", "optInCheck", "expiresCheck",
        "expiresEdit", "usagePeriod", "keyHistoryTable", "revokeButton", "deleteButton",
        "rotateKeyButton", "createSimilarButton", "saveButton", "closeButton",
    ]  # fmt: skip


def test_tab_walks_the_rotate_dialog(qtbot: QtBot, made) -> None:
    dialog = shown(qtbot, RotateKeyDialog(keys.get_key(made["billing"].prefix)))
    assert names(walk(qtbot, dialog)) == ["graceCombo", "rotateButton", "cancelButton"]


def test_tab_walks_find_leaked_keys_with_findings(qtbot: QtBot, made) -> None:
    dialog = shown(qtbot, FindLeakedDialog())
    assert isinstance(dialog, FindLeakedDialog)
    text = f"{made['billing'].key}\n{other_secret(made['ci'].key)}\n"
    child(dialog, QPlainTextEdit, "leakedTextField").setPlainText(text)
    press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Find keys
    table = child(dialog, QTableWidget, "leakFindings")
    qtbot.waitUntil(lambda: table.rowCount() == 2 and not dialog.busy, timeout=10_000)
    child(dialog, QPlainTextEdit, "leakedTextField").setFocus()
    assert names(walk(qtbot, dialog)) == [
        "leakedTextField", "findKeysButton", "leakFindings", "revokeLeakedButton", "closeButton",
    ]  # fmt: skip
    dialog.close()


def test_tab_walks_the_database_dialog(qtbot: QtBot, tmp_path) -> None:
    def refuse(_url: str) -> str:
        raise AssertionError("not opened in this test")

    dialog = shown(qtbot, DatabaseDialog("", f"sqlite:///{tmp_path / 'x.db'}", refuse))
    child(dialog, QLineEdit, "databaseUrlField").setFocus()
    assert names(walk(qtbot, dialog)) == [
        "databaseUrlField", "chooseFileButton", "newDatabaseButton", "openDatabaseButton",
        "quitButton",
    ]  # fmt: skip


def mnemonics(dialog: QWidget) -> list[str]:
    """The Alt+letter of every button, check box and field label of ``dialog`` (all of
    them, shown or not: a notice's button appears later beside the others)."""
    texts = [button.text() for button in dialog.findChildren(QAbstractButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    letters = []
    for text in texts:
        plain = text.replace("&&", "")
        if "&" in plain:
            letters.append(plain.split("&", 1)[1][0].lower())
    return letters


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.FRENCH])
def test_no_two_controls_of_a_dialog_share_a_mnemonic(
    qtbot: QtBot, made, catalogs: Path, language: str
) -> None:
    """Alt+letter reaches each labelled control; no two in one dialog share a letter, in
    either language (French needs its own letters, Qt's buttons included)."""
    prefix = made["billing"].prefix
    key = made["ci"]
    with speaking(language, catalogs):
        dialogs = [
            CreateKeyDialog(initial_user=ADA),
            CopyOnceDialog(key.key, key.unique_name),
            KeyDetailDialog(prefix, data=read_key_detail(prefix)),
            RotateKeyDialog(keys.get_key(prefix)),
            FindLeakedDialog(),
            DatabaseDialog("", "sqlite:///x.db", str),
        ]
        for dialog in dialogs:
            shown(qtbot, dialog)
            letters = mnemonics(dialog)
            assert len(letters) == len(set(letters)), (dialog.objectName(), letters)
        copy = dialogs[1]
        assert isinstance(copy, CopyOnceDialog)
        copy.copy_key()  # so that closing asks nothing


def test_the_status_pill_and_the_name_counter_announce_their_values(qtbot: QtBot, made) -> None:
    """A label's accessible name is what a screen reader says: its text, not a caption."""
    prefix = made["billing"].prefix
    dialog = shown(qtbot, KeyDetailDialog(prefix, data=read_key_detail(prefix)))
    for name, said in (("statusLabel", "Active"), ("nameCounter", "15/50")):
        label = child(dialog, QLabel, name)
        interface = QAccessible.queryAccessibleInterface(label)
        assert interface is not None and interface.text(QAccessible.Text.Name) == said
        assert label.accessibleDescription()
