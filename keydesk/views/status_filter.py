"""The status filter beside the search field: All, Active, Expiring soon, Expired and
Revoked, each with its count under the search as typed.

The filtering and counting are whole-array work in
:class:`~keydesk.views.key_filter_proxy.KeyFilterProxy` (see
:mod:`keydesk.services.key_status_filter`); this combo box only shows them. A key's
status also moves with the clock, so a timer refreshes the statuses when the next key
is due to change (at least once a minute, at most every 5 s: at a million keys with
expiries spread over months, one changes status every few seconds, and each refresh
re-reads the status of every key, ~10 ms).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from keydesk.services.clock import utcnow
from keydesk.services.key_rules import EXPIRING_SOON_DAYS
from keydesk.services.key_status_filter import (
    STATUS_FILTERS,
    StatusCounts,
    StatusFilter,
    next_status_change,
)
from keydesk.services.search import quoted_search
from keydesk.views.empty_state import EmptyState
from keydesk.views.formatting import format_count
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_table_model import KeyTableModel

#: The clock's checks: never more often than this (ms)…
MIN_CLOCK_MS = 5_000
#: …and never less (a key created elsewhere may expire before the next known change).
MAX_CLOCK_MS = 60_000


class StatusFilterBox(QComboBox):
    """Chooses the proxy's status filter; says how many keys each choice shows.

    ``expiringChanged(count)`` gives the number of keys (all of them, whatever the
    search) expiring within 7 days whenever it changes: the status bar's reminder.
    """

    expiringChanged = Signal(int)

    def __init__(
        self, model: KeyTableModel, proxy: KeyFilterProxy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusFilter")
        self.setAccessibleName(self.tr("Status filter"))
        tip = self.tr(
            "Show the keys of one status: active, expiring within {days} days, expired or revoked"
        ).format(days=EXPIRING_SOON_DAYS)
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self._labels = self.labels()
        self._model = model
        self._proxy = proxy
        self._counts: StatusCounts | None = None  # none shown yet
        self._expiring = 0
        for status in STATUS_FILTERS:
            self.addItem(self._labels[status], status)
        # A fixed width, so the search field beside it does not jump as counts change
        # with each keystroke: "Expiring soon (999)" fits; longer counts show in full in
        # the list. Wider took the search field's room in a narrow window (scale 2).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(len(self._labels["expiring"]) + len(" (999)"))
        self.currentIndexChanged.connect(self._on_chosen)
        proxy.statusFilterChanged.connect(self._on_proxy_status)
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._on_clock)
        self._clock.start(MAX_CLOCK_MS)

    def labels(self) -> dict[StatusFilter, str]:
        """Each choice's name in the language spoken now."""
        return {
            "all": self.tr("All"),
            "active": self.tr("Active"),
            "expiring": self.tr("Expiring soon"),
            "expired": self.tr("Expired"),
            "revoked": self.tr("Revoked"),
        }

    @property
    def status(self) -> StatusFilter:
        status: StatusFilter = self.currentData()
        return status

    def select(self, status: StatusFilter) -> None:
        """Choose ``status``, as a click on it would."""
        self.setCurrentIndex(STATUS_FILTERS.index(status))

    @property
    def counts(self) -> StatusCounts:
        """What each choice shows now (under the search)."""
        return self._counts or StatusCounts()

    @property
    def expiring(self) -> int:
        """Keys expiring within 7 days, whatever the search."""
        return self._expiring

    def update_counts(self) -> None:
        """Show the counts as they are now (the page calls this whenever its rows or
        its search change)."""
        among, overall = self._proxy.status_counts()
        if among != self._counts:
            self._counts = among
            for number, status in enumerate(STATUS_FILTERS):
                self.setItemText(
                    number,
                    self.tr("{status} ({count})").format(
                        status=self._labels[status], count=format_count(among.of(status))
                    ),
                )
        if overall.expiring != self._expiring:
            self._expiring = overall.expiring
            self.expiringChanged.emit(overall.expiring)

    def explain_empty(self, empty: EmptyState, search: str, total: int) -> None:
        """Say why the table is empty under this status, and offer every status."""
        search = search.strip()
        quoted = quoted_search(search)
        matching, none, only = self._empty_sentences()[self.status]
        if search:
            button = self.tr("Show every status")
        elif total == 1:
            button = self.tr("Show the key")
        else:
            button = self.tr("Show all %Ln keys", "", total)
        empty.show_state(
            matching.format(search=quoted) if search else none,
            only,
            button,
            lambda: self.select("all"),
        )

    def _empty_sentences(self) -> dict[StatusFilter, tuple[str, str, str]]:
        """Per status: no key of it matches the search, no key is of it, and what the
        filter shows (whole sentences: French agrees the adjective with « clé »)."""
        return {
            "all": (
                self.tr("No key matches “{search}”"),
                self.tr("No key"),
                self.tr("The status filter shows every key."),
            ),
            "active": (
                self.tr("No active key matches “{search}”"),
                self.tr("No key is active"),
                self.tr("The status filter shows active keys only."),
            ),
            "expiring": (
                self.tr("No expiring soon key matches “{search}”"),
                self.tr("No key is expiring soon"),
                self.tr("The status filter shows expiring soon keys only."),
            ),
            "expired": (
                self.tr("No expired key matches “{search}”"),
                self.tr("No key is expired"),
                self.tr("The status filter shows expired keys only."),
            ),
            "revoked": (
                self.tr("No revoked key matches “{search}”"),
                self.tr("No key is revoked"),
                self.tr("The status filter shows revoked keys only."),
            ),
        }

    def _on_chosen(self, number: int) -> None:
        if 0 <= number < len(STATUS_FILTERS):
            self._proxy.set_status_filter(STATUS_FILTERS[number])

    def _on_proxy_status(self, status: str) -> None:
        number = STATUS_FILTERS.index(status)
        if number != self.currentIndex():
            self.setCurrentIndex(number)

    def _on_clock(self) -> None:
        self._proxy.refresh_clock()
        self.update_counts()
        now = utcnow()
        change = next_status_change(self._model.columns, now)
        self._clock.start(clock_delay_ms(change, now))


def clock_delay_ms(change: datetime | None, now: datetime) -> int:
    """How long the clock waits before looking again, given the next known change."""
    if change is None:
        return MAX_CLOCK_MS
    wait = int((change - now).total_seconds() * 1000) + 1
    return max(MIN_CLOCK_MS, min(MAX_CLOCK_MS, wait))
