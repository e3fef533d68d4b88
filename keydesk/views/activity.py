"""Telling upkeep workers when the user is at work in the keys list.

Saving the offline copy of a million keys runs Python for seconds in a worker thread;
while it does, each repaint waits for the GIL (see :mod:`keydesk.services.threads`). The
copy waits instead while the user types in the search field or clicks, scrolls or moves
in the table, and goes on once they have paused for :attr:`UserActivity.QUIET_MS`.

It listens to the widgets' signals, not to their events: a Python event filter would
run for every event of those widgets, their destruction included.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, SignalInstance

from keydesk.services import threads


class UserActivity(QObject):
    QUIET_MS = 1500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(self.QUIET_MS)
        self._quiet.timeout.connect(self.stop)
        # Never leave upkeep held for good: a window may go without closing first.
        self.destroyed.connect(_release)

    def watch(self, *signals: SignalInstance) -> None:
        """Count each emission of these signals (of user actions) as the user at work."""
        for signal in signals:
            signal.connect(self.poke)

    def poke(self, *_args: object) -> None:
        threads.user_active(True)
        self._quiet.start()

    def stop(self) -> None:
        """The user paused (or the window closes): upkeep may go on."""
        self._quiet.stop()
        threads.user_active(False)


def _release() -> None:
    threads.user_active(False)
