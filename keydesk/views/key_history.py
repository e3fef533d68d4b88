"""The detail dialog's History: the key's latest audited changes, newest first (who
created, edited, reassigned or revoked it, and what changed), read with the key from the
server, or from the offline copy, which keeps the recent events."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from keydesk.services.audit import AuditEntry
from keydesk.views.audit_page import action_label, changes_text
from keydesk.views.formatting import format_time
from keydesk.views.record_table import Column, RecordTableModel
from keydesk.views.widgets import mute

#: Events the dialog shows; the Audit log page, filtered by the key, has the rest.
HISTORY_LIMIT = 50
_ROWS_SHOWN = 5


class KeyHistory(QGroupBox):
    """A short read-only table of a key's events; :meth:`show_entries` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("History"))
        self.setObjectName("keyHistory")
        self.model: RecordTableModel[AuditEntry] = RecordTableModel(
            [
                Column(self.tr("Time"), lambda e: format_time(e.at)),
                Column(self.tr("Operator"), lambda e: e.operator),
                Column(self.tr("Action"), lambda e: action_label(e.action)),
                Column(self.tr("Changes"), changes_text, tooltip=changes_text),
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setObjectName("keyHistoryTable")
        self.table.setAccessibleName(self.tr("History of this key"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((17, 12, 11)):
            header.resizeSection(column, chars * char + 16)
        self.table.setFixedHeight(header.sizeHint().height() + _ROWS_SHOWN * row_height + 4)
        self.empty = QLabel(self.tr("No change of this key is recorded."), self)
        self.empty.setObjectName("keyHistoryEmpty")
        mute(self.empty)
        self.note = QLabel(self)
        self.note.setObjectName("keyHistoryNote")
        self.note.setWordWrap(True)
        mute(self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        self.show_entries(())

    def show_entries(self, entries: Sequence[AuditEntry], *, note: str = "") -> None:
        """Show ``entries`` (newest first) and, under them, ``note`` if any."""
        self.model.set_records(entries)
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def entries(self) -> list[AuditEntry]:
        return list(self.model.records)
