"""Telling upkeep workers when the user is at work in the keys list.

Saving the offline copy of a million keys runs Python for seconds in a worker thread;
while it does, each repaint waits for the GIL (see :mod:`keydesk.services.threads`). The
copy waits instead while the user types in the search field or clicks, scrolls or types
in the table, and goes on once they have paused for :attr:`UserActivity.QUIET_MS`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from keydesk.services import threads

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
    }
)


class UserActivity(QObject):
    """An event filter for the widgets the user works in (few events each: no filter on
    the whole application, which would run Python for every event)."""

    QUIET_MS = 1500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(self.QUIET_MS)
        self._quiet.timeout.connect(self.stop)
        # Never leave upkeep held for good: a window may go without closing first.
        self.destroyed.connect(_release)

    def watch(self, *widgets: QObject) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            threads.user_active(True)
            self._quiet.start()
        return False

    def stop(self) -> None:
        """The user paused (or the window closes): upkeep may go on."""
        self._quiet.stop()
        threads.user_active(False)


def _release() -> None:
    threads.user_active(False)
