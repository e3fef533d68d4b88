"""Wiring of the desktop app: QApplication, settings, theme, database, main window.

``main()`` is what ``python main.py`` and a bare ``keydesk`` run. ``main_window(url)``
builds the window on an existing QApplication without entering the event loop (tests
and scripts use it). A database that cannot be opened is never a traceback: the
:class:`~keydesk.views.database_dialog.DatabaseDialog` says why in one sentence and
offers another file, a server URL, or quitting.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from keydesk.config import data_dir, default_db_url
from keydesk.display import display_problem
from keydesk.errors import DatabaseError
from keydesk.offline import OfflineSession
from keydesk.services.database import explain_fault
from keydesk.views import i18n, settings, theme
from keydesk.views.confirm import show_error
from keydesk.views.main_window import MainWindow, remembered_url

log = logging.getLogger(__name__)

APP_NAME = "keydesk"


def main_window(db_url: str, *, session: OfflineSession | None = None) -> MainWindow:
    """Open ``db_url`` and build the main window (not shown). Needs a QApplication.

    On a PostgreSQL or MySQL server that cannot be reached, the window starts offline
    from the local snapshot of an earlier run (read-only, revocations queued) and
    reconnects by itself. ``session`` lets tests and tools pass their own
    :class:`~keydesk.offline.OfflineSession` (a faster back-off, say).

    Raises :class:`keydesk.errors.DatabaseError` (one clear sentence) when the database
    cannot be opened and there is no snapshot to start from, when it is not a database,
    or when its schema is newer than this app.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("keydesk.app.main_window() needs a QApplication")
    session = session or OfflineSession(db_url, auto_reconnect=True)
    try:
        started = session.start(load=False)
    except BaseException:
        session.close()
        raise
    return MainWindow(db_url, theme.ThemeManager.for_app(app), session=session, started=started)


def initial_url(db_url: str | None = None) -> str:
    """The database to open: the explicit URL, else ``$KEYDESK_DB``, else the last one
    that opened (remembered in the settings), else the embedded SQLite file."""
    if db_url and db_url.strip():
        return db_url.strip()
    from_env = os.environ.get("KEYDESK_DB", "").strip()
    if from_env:
        return from_env
    return settings.read_str(settings.DATABASE_URL) or default_db_url()


def open_with_recovery(url: str) -> MainWindow | None:
    """The main window for ``url``; if it cannot be opened, the database dialog until
    one opens (then that URL is remembered) or the user quits (None)."""
    window: MainWindow | None
    try:
        window = main_window(url)
    except DatabaseError as error:
        log.warning("cannot open the database: %s", error)
        from keydesk.views.database_dialog import DatabaseDialog  # only when it fails

        dialog: DatabaseDialog[MainWindow] = DatabaseDialog(
            i18n.error_text(error), url, main_window
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        window = dialog.result_value if accepted else None
        url = dialog.url
        dialog.deleteLater()
        if window is None:
            return None
    settings.write(settings.DATABASE_URL, remembered_url(url))
    return window


def _configure_logging() -> None:
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            filename=str(folder / "keydesk.log"),
            level=logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    except OSError:
        logging.basicConfig(level=logging.INFO)


def install_excepthook() -> None:
    """Log unexpected errors and show one short sentence instead of a traceback."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        if showing or QApplication.instance() is None:
            return
        explained = explain_fault(error) if isinstance(error, Exception) else None
        if explained is not None:
            text = i18n.error_text(explained)
        else:
            text = QCoreApplication.translate(
                "ErrorBox",
                "Something unexpected went wrong ({kind}). keydesk is still running; the "
                "details were written to {log}.",
            ).format(kind=kind.__name__, log=data_dir() / "keydesk.log")
        parent = QApplication.activeWindow()
        showing = True
        try:
            show_error(
                parent if parent is not None and parent.isVisible() else None, "keydesk", text
            )
        finally:
            showing = False

    sys.excepthook = hook


def _split_arguments(args: str | Sequence[str] | None) -> tuple[list[str], str | None]:
    """``main("sqlite:///x.db")`` (from the CLI) or ``main(argv)``; in an argv, the URL
    is ``--db URL`` or the first argument that is not an option."""
    if isinstance(args, str):
        return [sys.argv[0] if sys.argv else APP_NAME], args
    argv = list(sys.argv if args is None else args) or [APP_NAME]
    url: str | None = None
    rest = argv[1:]
    for position, arg in enumerate(rest):
        if arg == "--db" and position + 1 < len(rest):
            url = rest[position + 1]
            break
        if arg.startswith("--db="):
            url = arg.split("=", 1)[1]
            break
        if "://" in arg and not arg.startswith("-"):
            url = arg
            break
    return argv, url


def main(args: str | Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    argv, url_argument = _split_arguments(args)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        problem = display_problem()
        if problem is not None:  # Qt would abort the process, naming the wrong library
            print(problem, file=sys.stderr)
            return 1
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationDisplayName("keydesk")
    app.setWindowIcon(theme.icon("keydesk"))
    _configure_logging()
    install_excepthook()
    manager = theme.ThemeManager.for_app(app)
    manager.apply(theme.saved_mode(), remember=False)
    i18n.apply(i18n.saved_choice())  # before any window: texts are made when it is built

    window = open_with_recovery(initial_url(url_argument))
    if window is None:
        return 1
    window.show()
    return int(app.exec())
