"""Helpers shared by the GUI tests: another desk on the command line (re-exported from
support.other_desk, which needs no Qt), modal boxes answered the way a user would, and
private Qt settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from support.other_desk import run_cli

__all__ = ["run_cli"]

W = TypeVar("W", bound=QWidget)

#: Polls armed by :func:`when_modal` and :func:`when_popup`; the views conftest stops
#: them after each test so a poll that never found its box cannot answer the next test's.
MODAL_POLLS: list[QTimer] = []


def when_modal(object_name: str, act: Callable[[QWidget], None]) -> list[QWidget]:
    """Call ``act`` on the next modal widget with that object name (then stop polling);
    the returned list receives the widget, so a test can check it was shown."""

    def found() -> QWidget | None:
        widget = QApplication.activeModalWidget()
        return widget if widget is not None and widget.objectName() == object_name else None

    return _when_shown(found, act)


def when_popup(act: Callable[[QMenu], None]) -> list[QMenu]:
    """Call ``act`` on the next menu that pops up (a menu's exec() runs its own loop)."""

    def found() -> QMenu | None:
        popup = QApplication.activePopupWidget()
        return popup if isinstance(popup, QMenu) else None

    return _when_shown(found, act)


def _when_shown(found: Callable[[], W | None], act: Callable[[W], None]) -> list[W]:
    """Poll every 20 ms for ``found()``; call ``act`` on the first new one and stop."""
    seen: list[W] = []
    timer = QTimer()

    def poll() -> None:
        widget = found()
        if widget is not None and widget not in seen:
            timer.stop()
            seen.append(widget)
            act(widget)

    timer.timeout.connect(poll)
    timer.start(20)
    MODAL_POLLS.append(timer)
    return seen


def stop_modal_polls() -> None:
    for timer in MODAL_POLLS:
        timer.stop()
    MODAL_POLLS.clear()


def private_qsettings(folder: Path) -> None:
    """Point Qt's user settings at ``folder`` so tests never read or write the real ones."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))


def child(parent: QWidget, kind: type, name: str) -> Any:
    """The child widget of that type and object name; fails the test when missing."""
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def tab_order(start: QWidget, names: list[str]) -> list[str]:
    """The object names among ``names`` met by pressing Tab from ``start``, in order
    (only widgets that take Tab focus count), as many as ``names`` holds."""
    widget, seen = start, [start.objectName()]
    while len(seen) < len(names):
        widget = widget.nextInFocusChain()
        if widget.objectName() in names and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(widget.objectName())
    return seen


def shown_window(
    qtbot: Any, url: str, *, size: tuple[int, int] | None = (1280, 720), session: Any = None
) -> Any:
    """The real main window on ``url`` (keydesk.app.main_window, in the language spoken
    now), shown at ``size`` (None: the size it restores) and with its keys loaded."""
    from keydesk.app import main_window

    window = main_window(url, session=session)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.keys_page.loading, timeout=5000)
    return window


def open_offline_window(
    qtbot: Any, url: str, *, height: int = 520, theme: str | None = None
) -> Any:
    """The real main window on ``url`` with an offline session that reconnects quickly
    (0.05-0.3 s), shown and loaded: for tests that cut the server under it."""
    from keydesk.offline import Backoff, OfflineSession

    session = OfflineSession(url, auto_reconnect=True, backoff=Backoff(0.05, 0.3, rng=lambda: 0.0))
    window = shown_window(qtbot, url, size=(1280, height), session=session)
    if theme is not None:
        window.set_theme(theme)
    return window


def seed_three_keys(url: str, owner: str) -> list[Any]:
    """``owner`` (named "Ada"), the model alfred-4 and three keys calling it (billing,
    search, nightly) written to ``url``; the database proxy is left unbound, as at start."""
    from keydesk.services import catalog, keys, users
    from keydesk.store import connection

    connection.open_database(url)
    users.add_user(owner, "Ada")
    catalog.add_model("alfred-4")
    made = [
        keys.create_key(keys.NewKey(name=name, user=owner, models=["alfred-4"]))
        for name in ("billing", "search", "nightly")
    ]
    connection.close_database()
    connection.database.initialize(None)
    return made
