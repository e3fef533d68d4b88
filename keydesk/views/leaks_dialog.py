"""Find leaked keys: paste any text, see which keydesk keys it holds, revoke them at once.

The text goes to :func:`keydesk.services.leaks.check_text` on a worker (one bcrypt per
secret found: ~0.25 s each at the default cost), and the findings table shows, per
prefix, *Confirmed* (this key leaked: owner, name, status, last use), *Prefix only*
(the prefix exists but the secret differs: not this key, nothing to revoke) or
*Unknown*. One button revokes every confirmed key still active, in one transaction on
a worker, audited with the reason "leaked".

Offline (the server away, the offline copy at hand) the copy holds no hashes and never
will, so a prefix the copy knows is a *prefix match*: the dialog says plainly that the
secret cannot be checked offline, and Revoke queues those keys' revocations as the
table's Revoke does, to be applied once the server is back.

Secrets: the table and every message show prefixes only; the pasted text is the one
place a secret sits, and it is cleared (with its undo history) when the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError, sentence
from keydesk.offline import OfflineSession
from keydesk.offline.connectivity import is_connection_error
from keydesk.services.key_records import RevokeResult
from keydesk.services.key_rules import KeyStatus
from keydesk.services.leaks import (
    LeakFinding,
    Verdict,
    check_text,
    find_candidates,
    match_by_prefix,
    revoke_leaked,
)
from keydesk.views import i18n
from keydesk.views.confirm import confirm
from keydesk.views.formatting import format_time
from keydesk.views.key_info import status_text
from keydesk.views.offline_reads import Sourced, read_live_or_copy
from keydesk.views.reading import run_write
from keydesk.views.tasks import Task
from keydesk.views.widgets import fit_to_screen, mute, tone


def verdict_label(verdict: Verdict) -> str:
    """What a finding's verdict means, in the current language."""
    labels = {
        Verdict.CONFIRMED: QCoreApplication.translate(
            "FindLeakedDialog", "Confirmed: this key leaked"
        ),
        Verdict.PREFIX_ONLY: QCoreApplication.translate(
            "FindLeakedDialog", "Prefix only: not this key"
        ),
        Verdict.UNKNOWN: QCoreApplication.translate("FindLeakedDialog", "Unknown prefix"),
        Verdict.PREFIX_MATCH: QCoreApplication.translate(
            "FindLeakedDialog", "Prefix matches (offline)"
        ),
    }
    return labels[verdict]


def offline_note() -> str:
    return QCoreApplication.translate(
        "FindLeakedDialog", "Offline: prefix matches only; the secret cannot be checked offline."
    )


def headers() -> list[str]:
    """The findings table's column titles, in the current language."""
    return [
        QCoreApplication.translate("FindLeakedDialog", "Prefix"),
        QCoreApplication.translate("FindLeakedDialog", "Result"),
        QCoreApplication.translate("FindLeakedDialog", "Owner"),
        QCoreApplication.translate("FindLeakedDialog", "Name"),
        QCoreApplication.translate("FindLeakedDialog", "Status"),
        QCoreApplication.translate("FindLeakedDialog", "Last used"),
    ]


COL_PREFIX, COL_RESULT, COL_OWNER, COL_NAME, COL_STATUS, COL_LAST_USED = range(6)


class FindLeakedDialog(QDialog):
    """Keys → Find leaked keys…; :attr:`keysRevoked` names the keys it revoked."""

    keysRevoked = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        session: OfflineSession | None = None,
        queue: Callable[[list[str]], None] | None = None,
    ) -> None:
        """``session`` lets it read the offline copy while the server is away, and
        ``queue(prefixes)`` queues revocations then (the keys page's own queueing)."""
        super().__init__(parent)
        self._session = session
        self._queue = queue
        #: The offline copy's time when the findings came from it (None: live).
        self.as_of: datetime | None = None
        self._queued: set[str] = set()  # offline, revocations queued from here
        self.setObjectName("findLeakedDialog")
        self.setWindowTitle(self.tr("Find leaked keys"))
        self.findings: list[LeakFinding] = []
        self._task: Task | None = None

        intro = QLabel(
            self.tr(
                "Paste any text: a chat log, a diff, a ticket. keydesk finds the keys in it by "
                "their shape and checksum and checks each against its stored hash. Only "
                "prefixes are shown; the text is forgotten when this window closes."
            ),
            self,
        )
        intro.setWordWrap(True)
        mute(intro)

        self.text_field = QPlainTextEdit(self)
        self.text_field.setObjectName("leakedTextField")
        self.text_field.setAccessibleName(self.tr("Text to search for keys"))
        self.text_field.setPlaceholderText(self.tr("Paste the text here…"))
        self.text_field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text_field.setTabChangesFocus(True)
        self.text_field.textChanged.connect(self._on_text_changed)

        self.find_button = QPushButton(self.tr("&Find keys"), self)
        self.find_button.setObjectName("findKeysButton")
        self.find_button.setEnabled(False)
        self.find_button.clicked.connect(self.find_keys)

        self.table = QTableWidget(0, len(headers()), self)
        self.table.setObjectName("leakFindings")
        self.table.setAccessibleName(self.tr("Keys found in the text"))
        self.table.setHorizontalHeaderLabels(headers())
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.summary = QLabel(self.tr("Nothing searched yet."), self)
        self.summary.setObjectName("leakSummary")
        self.summary.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.revoke_button = buttons.addButton(
            self.tr("&Revoke confirmed keys…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.revoke_button.setObjectName("revokeLeakedButton")
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_confirmed)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text_field, 2)
        layout.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.setTabOrder(self.text_field, self.find_button)
        self.setTabOrder(self.find_button, self.table)
        self.setTabOrder(self.table, self.revoke_button)
        self.setTabOrder(self.revoke_button, close)
        self.resize(760, 560)
        self.text_field.setFocus()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _on_text_changed(self) -> None:
        self.find_button.setEnabled(not self.busy and bool(self.text_field.toPlainText().strip()))

    # --- finding ---

    def find_keys(self) -> None:
        """Check the pasted text on a worker; the findings replace the table's rows."""
        text = self.text_field.toPlainText()
        if self.busy or not text.strip():
            return
        self._set_busy(self.tr("Searching the text and checking each key found…"))
        self._task = read_live_or_copy(
            self._session,
            sentence("OfflineAction", "finding leaked keys"),
            lambda: check_text(text),
            lambda copy: match_by_prefix(find_candidates(text), copy.key_detail),
            self._found,
            self._failed,
            self,
        )

    def _found(self, sourced: Sourced[list[LeakFinding]]) -> None:
        self._task = None
        self._queued.clear()
        self.as_of = sourced.as_of
        self.show_findings(sourced.value)

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._set_idle()
        if is_connection_error(error):
            self.summary.setText(
                self.tr(
                    "The database does not answer, so nothing was checked or revoked; try again "
                    "once it is back."
                )
            )
            return
        if not isinstance(error, KeydeskError):
            raise error
        self.summary.setText(i18n.error_text(error))

    def show_findings(self, findings: list[LeakFinding]) -> None:
        self.findings = findings
        self.table.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            self._fill_row(row, finding)
        self._set_idle()
        self.summary.setText(self._summary_text())

    def _fill_row(self, row: int, finding: LeakFinding) -> None:
        known = finding.verdict is not Verdict.UNKNOWN
        status = status_text(finding.status.value) if finding.status is not None else "—"
        if finding.prefix in self._queued:
            status = self.tr("Revocation pending")
        cells = (
            finding.prefix,
            verdict_label(finding.verdict),
            finding.user or "—",
            finding.name or "—",
            status,
            format_time(finding.last_used, self.tr("never")) if known else "—",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == COL_RESULT and finding.verdict is Verdict.CONFIRMED:
                item.setForeground(self._alert_colour())
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            if column == COL_STATUS and finding.status is KeyStatus.REVOKED:
                item.setForeground(self._alert_colour())
            self.table.setItem(row, column, item)

    def _alert_colour(self) -> QColor:
        return QColor(tone(self, "#b42318", "#ff7b72"))

    def _summary_text(self) -> str:
        if not self.findings:
            return self.tr("No keydesk key found in this text.")
        total = len(self.findings)
        found = self.tr("Found %Ln prefixes:", "", total)
        if self.as_of is not None:
            matched = sum(f.verdict is Verdict.PREFIX_MATCH for f in self.findings)
            text = (
                f"{offline_note()} {found} "
                + self.tr("%Ln in the copy of {time},", "", matched).format(
                    time=format_time(self.as_of)
                )
                + " "
                + self.tr("%Ln unknown.", "", len(self.findings) - matched)
            )
            if self.revocable():
                text += " " + self.tr("Revoke queues them for when the server is back.")
            return text
        counts = {v: sum(f.verdict is v for f in self.findings) for v in Verdict}
        parts = [
            self.tr("%Ln confirmed", "", counts[Verdict.CONFIRMED]),
            self.tr("%Ln prefix only", "", counts[Verdict.PREFIX_ONLY]),
            self.tr("%Ln unknown", "", counts[Verdict.UNKNOWN]),
        ]
        revocable = self.revocable()
        tail = (
            " " + self.tr("%Ln confirmed keys are still active: revoke now.", "", len(revocable))
            if revocable
            else ""
        )
        return f"{found} " + ", ".join(parts) + "." + tail

    def revocable(self) -> list[LeakFinding]:
        return [f for f in self.findings if f.revocable and f.prefix not in self._queued]

    # --- revoking ---

    def revoke_confirmed(self, *, confirmed: bool = False) -> None:
        """Revoke every confirmed key still active, after a confirmation naming them."""
        targets = self.revocable()
        if self.busy or not targets:
            return
        names = ", ".join(f"{f.name} ({f.prefix})" for f in targets[:5])
        if len(targets) > 5:
            names += " " + self.tr("and %Ln more", "", len(targets) - 5)
        if not confirmed and not confirm(
            self,
            self.tr("Revoke leaked keys"),
            self.tr("Revoke %Ln leaked keys: {names}?", "", len(targets)).format(names=names),
            self.tr("&Revoke"),
            informative=(
                self.tr(
                    "Offline, matched by prefix only: the revocation is queued and applied "
                    "when the server is back. Revoking cannot be undone."
                )
                if self.as_of is not None
                else self.tr(
                    "Services using them stop working at once. Revoking cannot be undone; "
                    "the audit log records the reason: leaked."
                )
            ),
        ):
            return
        if self.as_of is not None and self._queue is not None:  # offline: queue them
            prefixes = [finding.prefix for finding in targets]
            self._queue(prefixes)
            self._queued.update(prefixes)
            self.show_findings(self.findings)
            self.summary.setText(
                self.tr(
                    "Queued the revocation of %Ln keys: applied when the server is back.",
                    "",
                    len(prefixes),
                )
            )
            return
        self._set_busy(self.tr("Revoking…"))
        self._task = run_write(lambda: revoke_leaked(targets), self._revoked, self._failed, self)

    def _revoked(self, result: RevokeResult) -> None:
        self._task = None
        done = set(result.revoked) | set(result.already_revoked)
        self.show_findings(
            [_with_status(f, KeyStatus.REVOKED) if f.prefix in done else f for f in self.findings]
        )
        self.summary.setText(f"{i18n.say(result.summary())} {self._summary_text()}")
        if result.revoked:
            self.keysRevoked.emit(list(result.revoked))

    # --- state ---

    def _set_busy(self, text: str) -> None:
        self.summary.setText(text)
        self.find_button.setEnabled(False)
        self.revoke_button.setEnabled(False)
        self.text_field.setReadOnly(True)

    def _set_idle(self) -> None:
        self.text_field.setReadOnly(False)
        self._on_text_changed()
        count = len(self.revocable())
        self.revoke_button.setEnabled(count > 0)
        if self.as_of is not None and count:  # offline: matched by prefix, queued
            self.revoke_button.setText(self.tr("&Queue the revocation of %Ln keys…", "", count))
        else:
            self.revoke_button.setText(
                self.tr("&Revoke %Ln confirmed keys…", "", count)
                if count
                else self.tr("&Revoke confirmed keys…")
            )

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)
        super().showEvent(event)

    def done(self, result: int) -> None:
        """Every way out passes here: forget the pasted text and its undo history."""
        self.text_field.document().clear()
        self.text_field.clear()
        super().done(result)


def _with_status(finding: LeakFinding, status: KeyStatus) -> LeakFinding:
    return replace(finding, status=status)
