"""The Audit log page: every change, newest first, read-only. Filter by key (its prefix
or unique name) and by operator; both filters run in the service's query."""

from __future__ import annotations

import functools
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import sentence
from keydesk.offline import OfflineCopy, OfflineSession
from keydesk.services.audit import RECENT_DAYS, RECENT_LIMIT, AuditEntry, list_audit, list_operators
from keydesk.services.clock import iso
from keydesk.services.search import searched_text
from keydesk.views import i18n
from keydesk.views.confirm import show_error
from keydesk.views.copy_note import CopyNote
from keydesk.views.formatting import format_count, format_time
from keydesk.views.offline_reads import Sourced, read_live_or_copy
from keydesk.views.record_table import SORT_ROLE, Column, RecordTableModel
from keydesk.views.tasks import Task

#: The page shows at most this many events (the newest); filters narrow the query.
AUDIT_LIMIT = 5_000
ALL_OPERATORS = "All operators"  # the first entry of the operator filter, in English


@functools.cache
def _action_labels(language: str) -> dict[str, str]:
    """The words of the log's actions in ``language`` (the one spoken: the cells ask for
    them a word at a time, so they are made once per language)."""
    return {
        "create": QCoreApplication.translate("AuditPage", "Created"),
        "edit": QCoreApplication.translate("AuditPage", "Edited"),
        "reassign": QCoreApplication.translate("AuditPage", "Reassigned"),
        "revoke": QCoreApplication.translate("AuditPage", "Revoked"),
        "delete": QCoreApplication.translate("AuditPage", "Deleted"),
        "rotate": QCoreApplication.translate("AuditPage", "Rotated"),
        "user_add": QCoreApplication.translate("AuditPage", "User added"),
        "user_edit": QCoreApplication.translate("AuditPage", "User edited"),
        "model_add": QCoreApplication.translate("AuditPage", "Model added"),
        "skill_add": QCoreApplication.translate("AuditPage", "Skill added"),
    }


@functools.cache
def _field_labels(language: str) -> dict[str, str]:
    """The audited fields, as the log's details name them."""
    return {
        "name": QCoreApplication.translate("AuditPage", "name"),
        "role": QCoreApplication.translate("AuditPage", "role"),
        "user": QCoreApplication.translate("AuditPage", "user"),
        "models": QCoreApplication.translate("AuditPage", "models"),
        "skills": QCoreApplication.translate("AuditPage", "skills"),
        "expires": QCoreApplication.translate("AuditPage", "expires"),
        "opt_in": QCoreApplication.translate("AuditPage", "opt-in"),
        "revoked": QCoreApplication.translate("AuditPage", "revoked"),
        "rotated_from": QCoreApplication.translate("AuditPage", "rotated from"),
        "rotated_to": QCoreApplication.translate("AuditPage", "rotated to"),
        "email": QCoreApplication.translate("AuditPage", "email"),
        "display_name": QCoreApplication.translate("AuditPage", "display name"),
        "unique_name": QCoreApplication.translate("AuditPage", "unique name"),
        "active": QCoreApplication.translate("AuditPage", "active"),
    }


@functools.cache
def _reason_labels(language: str) -> dict[str, str]:
    """Reasons recorded by the services (keydesk.services.leaks.LEAKED), in words."""
    return {"leaked": QCoreApplication.translate("AuditPage", "leaked")}


@functools.cache
def _role_labels(language: str) -> dict[str, str]:
    """Stored values of the role field, in words."""
    return {
        "standard": QCoreApplication.translate("AuditPage", "standard"),
        "admin": QCoreApplication.translate("AuditPage", "admin"),
        "project": QCoreApplication.translate("AuditPage", "project"),
    }


def action_label(action: str) -> str:
    label = _action_labels(i18n.current_language()).get(action)
    return label if label else action.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    label = _field_labels(i18n.current_language()).get(field)
    return label if label else field.replace("_", " ")


def all_operators() -> str:
    """The first entry of the operator filter, in the current language."""
    return QCoreApplication.translate("AuditPage", "All operators")


def value_text(field: str, value: object) -> str:
    """An audited value as a person reads it: times local, lists joined, no quotes."""
    if value is None:
        return QCoreApplication.translate("AuditPage", "never") if field == "expires" else "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditPage", "yes")
            if value
            else QCoreApplication.translate("AuditPage", "no")
        )
    if isinstance(value, list):
        if not value:
            return QCoreApplication.translate("AuditPage", "none")
        return ", ".join(value_text(field, item) for item in value)
    if field == "role" and isinstance(value, str):
        return _role_labels(i18n.current_language()).get(value, value)
    if isinstance(value, str) and value.endswith("Z") and len(value) >= 20:
        try:
            moment = datetime.fromisoformat(value[:-1])
        except ValueError:
            return value
        return format_time(moment)
    return str(value)


def changes_text(entry: AuditEntry) -> str:
    """The changed fields on one line: ``name: A → B · role: …``; for creations and
    additions only the new values."""
    parts = []
    creation = entry.action == "create" or entry.action.endswith("_add")
    for field, values in sorted(entry.fields.items()):
        label = field_label(field)
        after = value_text(field, values.get("after"))
        before = value_text(field, values.get("before"))
        if creation:
            parts.append(
                QCoreApplication.translate("AuditPage", "{field}: {value}").format(
                    field=label, value=after
                )
            )
        elif entry.action == "delete":
            parts.append(
                QCoreApplication.translate("AuditPage", "{field}: {value}").format(
                    field=label, value=before
                )
            )
        else:
            parts.append(
                QCoreApplication.translate("AuditPage", "{field}: {before} → {after}").format(
                    field=label, before=before, after=after
                )
            )
    if entry.applied_at is not None:
        parts.append(
            QCoreApplication.translate("AuditPage", "queued offline, applied {time}").format(
                time=format_time(entry.applied_at)
            )
        )
    if entry.reason:
        reason = _reason_labels(i18n.current_language()).get(entry.reason, entry.reason)
        parts.append(
            QCoreApplication.translate("AuditPage", "reason: {reason}").format(reason=reason)
        )
    return " · ".join(parts)


def _key_text(entry: AuditEntry) -> str:
    if entry.key_prefix:
        return entry.key_prefix
    return entry.subject or ""


AuditResult = tuple[list[AuditEntry], list[str]]


class AuditPage(QWidget):
    message = Signal(str)
    loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self._task: Task | None = None
        self._reload_again = False
        self._session: OfflineSession | None = None
        self.copy_note = CopyNote("auditCopyNote", self)
        self.model: RecordTableModel[AuditEntry] = RecordTableModel(
            [
                Column(
                    self.tr("Time"), lambda e: format_time(e.at), sort=lambda e: iso(e.at) or ""
                ),
                Column(self.tr("Operator"), lambda e: e.operator, tooltip=self._operator_tooltip),
                Column(self.tr("Action"), lambda e: action_label(e.action)),
                Column(self.tr("Key or subject"), _key_text),
                Column(self.tr("Unique name"), lambda e: e.key_unique_name or ""),
                Column(self.tr("Changes"), changes_text, tooltip=changes_text),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.key_filter = QLineEdit(self)
        self.key_filter.setObjectName("auditKeyFilter")
        self.key_filter.setPlaceholderText(
            self.tr("Filter by key: part of a prefix, unique name or owner")
        )
        self.key_filter.setAccessibleName(self.tr("Filter by key"))
        self.key_filter.setAccessibleDescription(self.tr("Part of a prefix, unique name or owner"))
        self.key_filter.setClearButtonEnabled(True)
        self.operator_filter = QComboBox(self)
        self.operator_filter.setObjectName("auditOperatorFilter")
        self.operator_filter.addItem(all_operators())
        self.operator_filter.setAccessibleName(self.tr("Filter by operator"))
        self.operator_filter.setMinimumContentsLength(16)
        self.operator_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        self.key_filter.textChanged.connect(lambda _text: self._debounce.start())
        self.operator_filter.currentIndexChanged.connect(lambda _index: self.refresh())

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Audit log"))
        self.table.setAccessibleDescription(self.tr("Every change, newest first"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((17, 14, 12, 20, 22)):
            header.resizeSection(column, chars * char + 16)
        # The action words are longer in some languages ("Utilisateur modifié"): fit them.
        widest = max(
            self.fontMetrics().horizontalAdvance(w)
            for w in _action_labels(i18n.current_language()).values()
        )
        header.resizeSection(2, max(header.sectionSize(2), widest + 24))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.summary = QLabel(self)
        self.summary.setObjectName("auditSummary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.key_filter, 1)
        bar.addWidget(self.operator_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(10)
        layout.addWidget(self.copy_note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (Ctrl+4 or the sidebar): the keyboard lands in the key filter unless it is
        already somewhere on this page."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.key_filter.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _operator_tooltip(entry: AuditEntry) -> str | None:
        if not entry.db_user:
            return None
        return QCoreApplication.translate("AuditPage", "Database user: {user}").format(
            user=entry.db_user
        )

    def operator(self) -> str | None:
        text = self.operator_filter.currentText()
        return None if self.operator_filter.currentIndex() <= 0 else text

    def set_session(self, session: OfflineSession | None) -> None:
        """Offline, the events come from the session's copy (the recent ones it keeps)."""
        self._session = session

    @property
    def from_copy(self) -> bool:
        """Whether the events shown are the offline copy's."""
        return not self.copy_note.isHidden()

    def refresh(self) -> None:
        """Query the events with the current filters, off the GUI thread: on the server,
        or on the offline copy while it is out of reach. A refresh asked while one runs
        is done once the running one returns."""
        self._debounce.stop()
        if self._task is not None and self._task.running:
            self._reload_again = True
            return
        key = searched_text(self.key_filter.text()) or None  # a whole key: its prefix
        operator = self.operator()

        def read() -> AuditResult:
            return (
                list_audit(key_contains=key, operator=operator, limit=AUDIT_LIMIT),
                list_operators(),
            )

        def read_copy(copy: OfflineCopy) -> AuditResult:
            return (
                copy.audit(key_contains=key, operator=operator, limit=AUDIT_LIMIT),
                copy.operators(),
            )

        self._task = read_live_or_copy(
            self._session, sentence("Audit", "reading the audit log"), read, read_copy, self._show,
            self._failed,
            self,
        )  # fmt: skip

    def _show(self, result: Sourced[AuditResult]) -> None:
        entries, operators = result.value
        self._task = None
        self.copy_note.show_copy(
            result.as_of,
            self.tr("the audit log"),
            tail=self.tr(
                "It keeps the events of the last %n days (at most the newest {limit}); older "
                "ones are on the server.",
                "",
                RECENT_DAYS,
            ).format(limit=format_count(RECENT_LIMIT)),
        )
        if self._reload_again:
            self._reload_again = False
            self.refresh()
            return
        self._set_operators(operators)
        self.model.set_records(entries)
        limited = len(entries) >= AUDIT_LIMIT
        text = (
            self.tr("%Ln events (the newest; filter to see older ones)", "", len(entries))
            if limited
            else self.tr("%Ln events", "", len(entries))
        )
        self.summary.setText(text)
        self.loaded.emit(len(entries))

    def _set_operators(self, operators: list[str]) -> None:
        current = self.operator()
        wanted = [all_operators(), *operators]
        present = [self.operator_filter.itemText(i) for i in range(self.operator_filter.count())]
        if present == wanted:
            return
        self.operator_filter.blockSignals(True)
        self.operator_filter.clear()
        self.operator_filter.addItems(wanted)
        self.operator_filter.setCurrentIndex(wanted.index(current) if current in wanted else 0)
        self.operator_filter.blockSignals(False)

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._reload_again = False
        show_error(self, self.tr("Could not load the audit log"), i18n.error_text(error))

    def entries(self) -> list[AuditEntry]:
        return list(self.model.records)
