"""Starting the app: which database opens, what happens when it cannot, and that the
user sees one clear sentence, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QThreadPool
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from support.desks import when_modal

from keydesk import app as keydesk_app
from keydesk.errors import DatabaseError, NotADatabase, ValidationError
from keydesk.services import users
from keydesk.store.connection import open_database
from keydesk.views import settings
from keydesk.views.database_dialog import DatabaseDialog, sqlite_url
from keydesk.views.main_window import MainWindow, database_label, remembered_url


@pytest.fixture
def broken_db(tmp_path: Path) -> str:
    path = tmp_path / "x.db"
    path.write_text("these are my notes, not a database\n", encoding="utf-8")
    return f"sqlite:///{path}"


@pytest.fixture
def good_db(tmp_path: Path) -> str:
    """A keydesk database with one user, closed again (as if made by another run)."""
    url = f"sqlite:///{tmp_path / 'good.db'}"
    open_database(url)
    users.add_user("ada@example.com", "Ada")
    return url


@pytest.fixture
def cleanup_windows(qtbot) -> Iterator[list[QWidget]]:
    widgets: list[QWidget] = []
    yield widgets
    for widget in widgets:
        if isinstance(widget, MainWindow):
            widget.keys_page.cancel_loading()
        widget.close()
        widget.deleteLater()
    QThreadPool.globalInstance().waitForDone(10_000)


# --- main_window ------------------------------------------------------------------------------


def test_main_window_refuses_a_file_that_is_not_a_database(
    qapp: QApplication, broken_db: str
) -> None:
    with pytest.raises(DatabaseError) as caught:
        keydesk_app.main_window(broken_db)
    assert isinstance(caught.value, NotADatabase)
    message = str(caught.value)
    assert "x.db is not a database file" in message
    assert "\n" not in message and "Traceback" not in message


def test_main_window_builds_without_showing_or_looping(
    qtbot, good_db: str, cleanup_windows: list[QWidget]
) -> None:
    window = keydesk_app.main_window(good_db)
    cleanup_windows.append(window)
    assert isinstance(window, MainWindow)
    assert window.objectName() == "mainWindow"
    assert not window.isVisible()
    assert window.windowTitle() == "keydesk — good.db"
    qtbot.waitUntil(lambda: not window.keys_page.loading)
    assert window.count_text() == "0 of 0 keys"


# --- the database dialog ----------------------------------------------------------------------


def test_database_dialog_says_why_and_retries_another_file(
    qtbot, qapp: QApplication, broken_db: str, good_db: str, monkeypatch: pytest.MonkeyPatch,
    cleanup_windows: list[QWidget],
) -> None:  # fmt: skip
    good_path = good_db.split("sqlite:///", 1)[1]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (good_path, ""))
    )
    shown: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, DatabaseDialog)
        shown.append(dialog.message_label.text())
        dialog.choose_button.click()

    seen = when_modal("databaseDialog", choose)
    window = keydesk_app.open_with_recovery(broken_db)
    assert window is not None
    cleanup_windows.append(window)
    assert seen and shown[0].endswith("x.db is not a database file (it is not SQLite).")
    assert window.db_url == sqlite_url(good_path)
    assert settings.read_str(settings.DATABASE_URL) == sqlite_url(good_path)


def test_database_dialog_stays_open_with_the_new_reason_then_quits(
    qtbot, qapp: QApplication, broken_db: str, tmp_path: Path
) -> None:
    messages: list[str] = []

    def retry_then_quit(dialog: QWidget) -> None:
        assert isinstance(dialog, DatabaseDialog)
        dialog.url_field.setText("oracle://somewhere/db")
        dialog.open_button.click()
        messages.append(dialog.message_label.text())
        dialog.url_field.setText(f"sqlite:///{tmp_path / 'missing-folder' / 'k.db'}")
        dialog.open_button.click()
        messages.append(dialog.message_label.text())
        assert dialog.isVisible()
        dialog.quit_button.click()

    when_modal("databaseDialog", retry_then_quit)
    assert keydesk_app.open_with_recovery(broken_db) is None
    assert "is not a database URL keydesk can use" in messages[0]
    assert "does not exist" in messages[1]
    assert settings.read_str(settings.DATABASE_URL) == ""


def test_database_dialog_keeps_a_password_out_of_sight(qtbot) -> None:
    url = "postgresql://kd:s3cret@db.example.com:5432/keys"
    opened: list[str] = []
    dialog: DatabaseDialog[str] = DatabaseDialog("Cannot connect.", url, opened.append)
    qtbot.addWidget(dialog)
    assert "s3cret" not in dialog.url_field.text()
    assert dialog.url == url  # the untouched field still means the real URL
    dialog.retry()
    assert opened == [url]
    assert remembered_url(url) == "postgresql://kd@db.example.com:5432/keys"
    assert database_label(url) == "postgresql://kd:***@db.example.com:5432/keys"


# --- main -------------------------------------------------------------------------------------


def test_initial_url_prefers_argument_then_environment_then_last_good_then_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KEYDESK_DB", raising=False)
    assert keydesk_app.initial_url().startswith("sqlite:///")
    assert keydesk_app.initial_url().endswith("keydesk.db")
    settings.write(settings.DATABASE_URL, "sqlite:////tmp/remembered.db")
    assert keydesk_app.initial_url() == "sqlite:////tmp/remembered.db"
    monkeypatch.setenv("KEYDESK_DB", "sqlite:////tmp/env.db")
    assert keydesk_app.initial_url() == "sqlite:////tmp/env.db"
    assert keydesk_app.initial_url("sqlite:////tmp/arg.db") == "sqlite:////tmp/arg.db"


@pytest.mark.parametrize(
    ("args", "url"),
    [
        ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
        (["main.py", "--db", "sqlite:////tmp/b.db"], "sqlite:////tmp/b.db"),
        (["main.py", "--db=mysql://u@h/d"], "mysql://u@h/d"),
        (["main.py", "-style", "fusion"], None),
    ],
)
def test_main_takes_a_url_or_an_argv(args: object, url: str | None) -> None:
    _argv, found = keydesk_app._split_arguments(args)  # type: ignore[arg-type]
    assert found == url


def test_main_recovers_from_a_broken_database_and_runs(
    qtbot, qapp: QApplication, broken_db: str, good_db: str, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    style, palette = qapp.style().name(), qapp.palette()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[MainWindow] = []

    def run_loop() -> int:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        shown.extend(windows)
        return 0

    monkeypatch.setattr(qapp, "exec", run_loop)

    def type_url(dialog: QWidget) -> None:
        assert isinstance(dialog, DatabaseDialog)
        dialog.url_field.setText(good_db)
        dialog.open_button.click()

    when_modal("databaseDialog", type_url)
    try:
        assert keydesk_app.main(broken_db) == 0
        assert len(shown) == 1 and shown[0].db_url == good_db
        assert settings.read_str(settings.DATABASE_URL) == good_db
    finally:
        for window in shown:
            window.keys_page.cancel_loading()
            window.close()
            window.deleteLater()
        QThreadPool.globalInstance().waitForDone(10_000)
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_main_returns_1_when_the_user_quits(
    qtbot, qapp: QApplication, broken_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    when_modal("databaseDialog", lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    try:
        assert keydesk_app.main(broken_db) == 1
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_unexpected_errors_show_a_sentence_not_a_traceback(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    keydesk_app.install_excepthook()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' windows
    texts: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text() + box.informativeText())
        box.accept()

    when_modal("errorDialog", close)
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    when_modal("errorDialog", close)
    sys.excepthook(ValidationError, ValidationError("The name cannot be empty."), None)
    assert "Something unexpected went wrong (ZeroDivisionError)" in texts[0]
    assert "Traceback" not in texts[0] and "line" not in texts[0]
    assert texts[1] == "The name cannot be empty."
