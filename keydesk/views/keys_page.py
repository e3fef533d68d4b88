"""The API Keys page: search field, Add API Key, the Actions menu and the keys table.

The rows are loaded off the GUI thread by :class:`~keydesk.views.key_table.KeyLoader`;
search and sort run in :class:`~keydesk.views.key_table.KeyFilterProxy`. Bulk actions
ask once, call one service function (one transaction) and then patch the model in
place, so the table never reloads under the user's eyes.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCursor,
    QFontDatabase,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError
from keydesk.services.capabilities import Capabilities
from keydesk.services.clock import iso, utcnow
from keydesk.services.keys import KeyRow, delete_keys_report, get_key_rows, revoke_keys
from keydesk.views import settings, theme
from keydesk.views.confirm import confirm, show_error
from keydesk.views.key_table import (
    COL_CREATED,
    COL_PREFIX,
    COLUMN_COUNT,
    HEADERS,
    KeyFilterProxy,
    KeyLoader,
    KeyTableModel,
    has_expired_at,
    role_label,
)
from keydesk.views.tasks import run_task

#: Bump when the columns change, so an old saved header layout is ignored.
HEADER_VERSION = 1
#: How many names a confirmation lists before "and N more".
NAMES_LISTED = 10
#: Default column widths come from these samples (or the header, if wider).
COLUMN_SAMPLES = (
    "kd_XXXXXXXX",
    "polite-narwhal-3474",
    "Recommendation eng",
    "margaret@example.com",
    "Standard API Key",
    "2026-10-10 20:34",
    "2026-10-10 20:34",
    "Expired",
    "Revoked",
    "2026-10-10 20:34",
)


def name_list(rows: Sequence[KeyRow], limit: int = NAMES_LISTED) -> str:
    """One line per key, "name (prefix)", the first ``limit`` then "and N more"."""
    lines = [f"• {row.name} ({row.prefix})" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"and {len(rows) - limit:,} more")
    return "\n".join(lines)


def _csv_cell(text: str) -> str:
    """Neutralise spreadsheet formulas in user-defined text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(path: Path, rows: Sequence[KeyRow]) -> int:
    """Write ``rows`` to ``path`` with the table's columns; times in ISO-8601 UTC."""
    now = utcnow()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(
                (
                    row.prefix,
                    row.unique_name,
                    _csv_cell(row.name),
                    row.user,
                    role_label(row.role),
                    iso(row.created),
                    iso(row.expires) or "",
                    "yes" if has_expired_at(row, now) else "no",
                    "yes" if row.revoked else "no",
                    iso(row.last_used) or "",
                )
            )
    return len(rows)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


class KeysPage(QWidget):
    """Everything on the API Keys page; the main window adds menus and the status bar.

    ``countsChanged(shown, total, loading)`` feeds the "N of M keys" status text;
    ``message(text)`` is a transient status-bar message; ``exported(path)`` follows a
    finished CSV export.
    """

    countsChanged = Signal(int, int, bool)
    message = Signal(str)
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysPage")
        self.model = KeyTableModel(self)
        self.proxy = KeyFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._loader: KeyLoader | None = None
        self._loading = False
        self._load_error: str | None = None
        #: Keys created here while a load runs; the load may deliver them again.
        self._added_while_loading: set[str] = set()
        self._capabilities = Capabilities(backend="unknown", role=None)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)
        self._filter_timer.timeout.connect(self._apply_filter)

        self._build_actions()
        self._build_widgets()
        self._connect()
        self.apply_colors(theme.palette_is_dark(QApplication.palette()))

    # --- building ---

    def _build_actions(self) -> None:
        self.add_action = QAction("Add API Key…", self)
        self.add_action.setObjectName("addKeyAction")
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add_key)

        self.revoke_action = QAction("Revoke selected…", self)
        self.revoke_action.setObjectName("revokeSelectedAction")
        self.revoke_action.triggered.connect(self.revoke_selected)

        self.delete_action = QAction("Delete selected…", self)
        self.delete_action.setObjectName("deleteSelectedAction")
        self.delete_action.triggered.connect(self.delete_selected)

        self.export_action = QAction("Export CSV…", self)
        self.export_action.setObjectName("exportCsvAction")
        self.export_action.triggered.connect(self.export_csv)

        self.open_action = QAction("Open details", self)
        self.open_action.setObjectName("openKeyAction")
        self.open_action.triggered.connect(self.open_current)

        self.reload_action = QAction("Reload keys", self)
        self.reload_action.setObjectName("reloadKeysAction")
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)

    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText("Search prefix, name, user, role…")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search keys")
        self.search_field.setToolTip("Search keys (Ctrl+F): prefix, unique name, name, user, role")
        self.search_field.installEventFilter(self)
        self._search_icon = self.search_field.addAction(
            theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )

        self.add_button = QPushButton("Add API Key", self)
        self.add_button.setObjectName("addKeyButton")
        self.add_button.setToolTip("Add API Key (Ctrl+N)")
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_action.trigger)

        self.actions_menu = QMenu("Actions", self)
        self.actions_menu.setToolTipsVisible(True)
        self.actions_menu.setObjectName("actionsMenu")
        self.actions_menu.addAction(self.revoke_action)
        self.actions_menu.addAction(self.delete_action)
        self.actions_menu.addSeparator()
        self.actions_menu.addAction(self.export_action)
        self.actions_button = QToolButton(self)
        self.actions_button.setObjectName("actionsButton")
        self.actions_button.setText("Actions")
        self.actions_button.setToolTip("Revoke, delete or export the selected keys")
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_button.setMenu(self.actions_menu)
        # Room for Fusion's menu arrow beside the text, and the push button's height.
        self.actions_button.setMinimumSize(
            self.actions_button.fontMetrics().horizontalAdvance("Actions") + 40,
            self.add_button.sizeHint().height(),
        )

        self.table = QTableView(self)
        self.table.setObjectName("keyTable")
        self.table.setAccessibleName("API keys")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setMouseTracking(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.installEventFilter(self)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorClearable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setMinimumSectionSize(40)
        self._default_widths()
        header.setSortIndicator(COL_CREATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        self.delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.delete_selected)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.actions_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def _default_widths(self) -> None:
        header = self.table.horizontalHeader()
        text = self.table.fontMetrics()
        mono = QFontMetrics(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        for column, sample in enumerate(COLUMN_SAMPLES):
            metrics = mono if column == COL_PREFIX else text
            content = metrics.horizontalAdvance(sample) + 14
            title = header.fontMetrics().horizontalAdvance(HEADERS[column]) + 24  # + arrow
            header.resizeSection(column, max(content, title))

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._on_search_text)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.clicked.connect(self._on_clicked)
        self.table.entered.connect(self._on_entered)
        self.table.customContextMenuRequested.connect(self._show_row_menu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._show_header_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._emit_counts)
        self._update_actions()

    # --- settings ---

    def restore_state(self) -> None:
        """Column widths, order, hidden columns and sort column from the last run."""
        if settings.app_settings().value(settings.KEY_TABLE_HEADER_VERSION) not in (
            HEADER_VERSION,
            str(HEADER_VERSION),
        ):
            return
        state = settings.read_bytes(settings.KEY_TABLE_HEADER)
        header = self.table.horizontalHeader()
        restored = state is not None and header.restoreState(state)
        if restored and all(header.isSectionHidden(c) for c in range(COLUMN_COUNT)):
            header.showSection(COL_PREFIX)

    def save_state(self) -> None:
        settings.write(settings.KEY_TABLE_HEADER, self.table.horizontalHeader().saveState())
        settings.write(settings.KEY_TABLE_HEADER_VERSION, HEADER_VERSION)

    def apply_colors(self, dark: bool) -> None:
        self.model.set_status_colors(theme.status_colors(dark))
        self._search_icon.setIcon(theme.icon("search"))

    # --- loading ---

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read every key again, off the GUI thread; rows appear as they arrive."""
        if self._loader is not None:
            self._loader.cancel()
        self._added_while_loading = set()
        self._loading = True
        self._load_error = None
        self.model.set_rows([])
        loader = KeyLoader(self)
        loader.chunk.connect(self._on_chunk)
        loader.finished.connect(self._on_loaded)
        loader.failed.connect(self._on_load_failed)
        self._loader = loader
        self._emit_counts()
        loader.start()

    def cancel_loading(self) -> None:
        if self._loader is not None:
            self._loader.cancel()
        self._loading = False

    def _on_chunk(self, rows: list[KeyRow], hay: list[str]) -> None:
        added = self._added_while_loading
        if added and not added.isdisjoint(row.prefix for row in rows):
            # A key created here while the load ran is already in the table.
            kept = [(r, h) for r, h in zip(rows, hay, strict=True) if r.prefix not in added]
            rows, hay = [r for r, _ in kept], [h for _, h in kept]
        self.model.append_rows(rows, hay)
        self._emit_counts()

    def _on_loaded(self, _total: int) -> None:
        self._loading = False
        self._added_while_loading = set()
        self._emit_counts()

    def _on_load_failed(self, error: Exception) -> None:
        self._loading = False
        self._added_while_loading = set()
        self._load_error = str(error) if isinstance(error, KeydeskError) else None
        self._emit_counts()
        show_error(
            self,
            "Could not load the keys",
            self._load_error or f"Reading the keys failed: {error.__class__.__name__}: {error}",
        )

    # --- counts and actions state ---

    def counts(self) -> tuple[int, int]:
        return self.proxy.rowCount(), self.model.rowCount()

    def _emit_counts(self, *_args: object) -> None:
        shown, total = self.counts()
        self.countsChanged.emit(shown, total, self._loading)

    def _selection_ranges(self) -> list[QItemSelectionRange]:
        selection = self.table.selectionModel().selection()
        return [selection.at(i) for i in range(selection.size())]

    def selected_count(self) -> int:
        return sum(r.height() for r in self._selection_ranges())

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Disable what the database role may not do, saying why in the tooltip."""
        self._capabilities = capabilities
        allowed = capabilities.can_create
        self.add_action.setEnabled(allowed)
        self.add_button.setEnabled(allowed)
        self.add_button.setToolTip(
            "Add API Key (Ctrl+N)" if allowed else capabilities.reason("create")
        )
        self.revoke_action.setToolTip(capabilities.reason("revoke") or "Revoke the selected keys")
        self.delete_action.setToolTip(capabilities.reason("delete") or "Delete the selected keys")
        self._update_actions()

    def _allowed(self, action: str) -> bool:
        """Whether ``action`` is allowed; if not, the status bar says why."""
        reason = self._capabilities.reason(action)
        if reason:
            self.message.emit(reason)
        return not reason

    def _update_actions(self, *_args: object) -> None:
        count = self.selected_count()
        self.revoke_action.setEnabled(count > 0 and self._capabilities.can_revoke)
        self.delete_action.setEnabled(count > 0 and self._capabilities.can_delete)
        self.open_action.setEnabled(self.table.currentIndex().isValid())
        suffix = f" ({count:,})" if count > 1 else ""
        self.revoke_action.setText(f"Revoke selected{suffix}…")
        self.delete_action.setText(f"Delete selected{suffix}…")

    # --- search ---

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def set_search(self, text: str) -> None:
        self.search_field.setText(text)
        self._apply_filter()

    def _on_search_text(self, text: str) -> None:
        # Coalesce keystrokes that arrive while a filter pass is running.
        self._filter_timer.start()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filter_text(self.search_field.text())
        self._emit_counts()

    # --- selection ---

    def selected_rows(self) -> list[tuple[int, KeyRow]]:
        """(source row, KeyRow) of every selected row, in the order shown. Reads the
        selection as ranges, so selecting a million rows costs list slices, not a
        million index objects."""
        order = self.proxy.order
        proxy_rows: list[int] = []
        for selection_range in self._selection_ranges():
            proxy_rows.extend(range(selection_range.top(), selection_range.bottom() + 1))
        proxy_rows = sorted(set(proxy_rows))
        rows = self.model.rows
        return [(order[p], rows[order[p]]) for p in proxy_rows if p < len(order)]

    def select_prefix(self, prefix: str) -> bool:
        """Make the row of ``prefix`` current and selected, scrolled into view."""
        found = self.model.find_rows([prefix])
        if prefix not in found:
            return False
        index = self.proxy.mapFromSource(self.model.index(found[prefix], 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # --- opening, adding ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.open_current()
                return True
            if watched is self.search_field:
                if key == Qt.Key.Key_Escape and self.search_field.text():
                    self.search_field.clear()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._focus_table()
                    return True
        return super().eventFilter(watched, event)

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() != COL_PREFIX:
            return
        if QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return  # extending a selection, not opening
        row = index.row()
        QTimer.singleShot(0, self, lambda: self.open_row(row))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != COL_PREFIX:  # the click already opened it
            self.open_row(index.row())

    def _on_entered(self, index: QModelIndex) -> None:
        shape = (
            Qt.CursorShape.PointingHandCursor
            if index.isValid() and index.column() == COL_PREFIX
            else Qt.CursorShape.ArrowCursor
        )
        self.table.viewport().setCursor(QCursor(shape))

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, proxy_row: int) -> None:
        """Open the detail dialog of the key shown in ``proxy_row``; afterwards patch the
        row (edited, revoked) or remove it (deleted)."""
        if not 0 <= proxy_row < self.proxy.rowCount():
            return
        prefix = self.proxy.key_row(proxy_row).prefix
        try:
            from keydesk.views.key_detail_dialog import KeyDetailDialog
        except ImportError:
            show_error(self, "Key details", "The key detail dialog is not available.")
            return
        dialog = KeyDetailDialog(prefix, self)
        dialog.exec()
        if getattr(dialog, "deleted", False):
            self._remove_local([prefix])
            self.message.emit(f"Deleted the key {prefix}.")
        elif getattr(dialog, "changed", False):
            self.refresh_key(prefix)
        dialog.deleteLater()

    def refresh_key(self, prefix: str) -> None:
        """Re-read one key (a quick read on the GUI thread) and patch its row; a key
        that no longer exists leaves the table."""
        try:
            rows = get_key_rows([prefix])
        except KeydeskError as error:
            show_error(self, "Could not refresh the key", str(error))
            return
        if rows:
            self.model.replace_rows({prefix: rows[0]})
        else:
            self._remove_local([prefix])

    def add_key(self) -> None:
        """Open the create dialog; a created key is appended and selected."""
        if not self._allowed("create"):
            return
        try:
            from keydesk.views.create_dialog import CreateKeyDialog
        except ImportError:
            show_error(self, "Add API Key", "The create dialog is not available.")
            return
        dialog = CreateKeyDialog(self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        prefix = getattr(dialog, "created_prefix", None)
        dialog.deleteLater()
        if accepted and prefix:
            self.add_created(prefix)

    def add_created(self, prefix: str) -> None:
        try:
            rows = get_key_rows([prefix])
        except KeydeskError as error:
            show_error(self, "Could not show the new key", str(error))
            return
        if not rows:
            self.message.emit(f"The key {prefix} was deleted meanwhile.")
            return
        row = rows[0]
        if self.model.find_rows([prefix]):
            self.model.replace_rows({prefix: row})
        else:
            self.model.append_rows([row])
            if self._loading:
                self._added_while_loading.add(prefix)
        self._emit_counts()
        if self.select_prefix(prefix):
            self.message.emit(f"Created the key {row.name} ({prefix}).")
        else:
            self.message.emit(
                f"Created the key {row.name} ({prefix}); the current search hides it."
            )

    # --- bulk actions ---

    def revoke_selected(self) -> None:
        selected = self.selected_rows()
        if not selected or not self._allowed("revoke"):
            return
        targets = [row for _, row in selected if not row.revoked]
        already = len(selected) - len(targets)
        if not targets:
            self.message.emit(
                "The selected key is already revoked."
                if already == 1
                else "The selected keys are already revoked."
            )
            return
        if len(targets) == 1:
            text = f"Revoke the key “{targets[0].name}” ({targets[0].prefix})?"
        else:
            text = f"Revoke {len(targets):,} keys?"
        details = [] if len(targets) == 1 else [name_list(targets), ""]
        details.append("Revoked keys stop working at once. Revoking cannot be undone.")
        if already:
            details.append(f"{_plural(already, 'selected key')} already revoked stay as they are.")
        if not confirm(self, "Revoke keys", text, "Revoke", informative="\n".join(details)):
            return
        hint = {row.prefix: source_row for source_row, row in selected}
        try:
            # One transaction; keys another desk deleted meanwhile are reported, not fatal.
            result = revoke_keys([row.prefix for row in targets], missing_ok=True)
        except KeydeskError as error:
            show_error(self, "Could not revoke", str(error))
            return
        by_prefix = {row.prefix: row for _, row in selected}
        changed = {
            prefix: by_prefix[prefix]._replace(revoked=True)
            for prefix in (*result.revoked, *result.already_revoked)
            if prefix in by_prefix
        }
        self.model.replace_rows(changed, hint)
        if result.missing:
            self._remove_local(result.missing)
        self._update_actions()
        self.message.emit(result.summary())

    def delete_selected(self) -> None:
        selected = self.selected_rows()
        if not selected or not self._allowed("delete"):
            return
        rows = [row for _, row in selected]
        if len(rows) == 1:
            text = f"Delete the key “{rows[0].name}” ({rows[0].prefix})?"
            details = ["Deleting is permanent: the key and its usage history are removed."]
        else:
            text = f"Delete {len(rows):,} keys?"
            details = [
                name_list(rows),
                "",
                "Deleting is permanent: the keys and their usage history are removed.",
            ]
        if not confirm(self, "Delete keys", text, "Delete", informative="\n".join(details)):
            return
        try:
            result = delete_keys_report([row.prefix for row in rows])
        except KeydeskError as error:
            show_error(self, "Could not delete", str(error))
            return
        self._remove_local([*result.deleted, *result.already_deleted])
        self.message.emit(result.summary())

    def _remove_local(self, prefixes: Sequence[str]) -> None:
        self.model.remove_prefixes(set(prefixes))
        self._emit_counts()
        self._update_actions()

    def export_csv(self) -> None:
        """Write the rows as shown (filtered and sorted) to a CSV file, off the GUI
        thread; the rows are a snapshot taken when the file was chosen."""
        rows = self.proxy.visible_rows()
        suggested = str(Path.home() / f"keydesk-keys-{date.today():%Y-%m-%d}.csv")
        path_text, _ = QFileDialog.getSaveFileName(
            self, "Export keys as CSV", suggested, "CSV files (*.csv);;All files (*)"
        )
        if not path_text:
            return
        path = Path(path_text)
        if not path.suffix:
            path = path.with_suffix(".csv")

        def done(count: int) -> None:
            self.message.emit(f"Exported {_plural(count, 'key')} to {path}.")
            self.exported.emit(str(path))

        def failed(error: Exception) -> None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            show_error(self, "Export failed", f"Could not write {path}: {reason}.")

        run_task(lambda: write_csv(path, rows), done, failed, self)

    # --- menus ---

    def _show_row_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addAction(self.revoke_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def header_menu(self) -> QMenu:
        """Checkable columns: unchecking hides a column (the last visible one stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columnsMenu")
        visible = [c for c in range(COLUMN_COUNT) if not header.isSectionHidden(c)]
        for column, title in enumerate(HEADERS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(not (len(visible) == 1 and column in visible))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.addSeparator()
        reset = menu.addAction("Reset columns")
        reset.triggered.connect(self.reset_columns)
        return menu

    def _show_header_menu(self, position: QPoint) -> None:
        menu = self.header_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(COLUMN_COUNT):
            header.setSectionHidden(column, False)
            header.moveSection(header.visualIndex(column), column)
        self._default_widths()
