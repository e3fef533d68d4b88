"""The API Keys page: search field, Add API Key, the Actions menu and the keys table.

The rows are loaded off the GUI thread by :class:`~keydesk.views.keys_loading.KeysLoading`;
search and sort run in :class:`~keydesk.views.key_filter_proxy.KeyFilterProxy`. Bulk actions
ask once, call one service function (one transaction) and then patch the model in
place, so the table never reloads under the user's eyes. Changes made on other desks
arrive as :class:`~keydesk.views.live.KeyUpdate` patches (:meth:`KeysPage.apply_update`)
that keep the selection, the scroll position and the search.

What the Actions menu does is in :class:`~keydesk.views.key_actions.KeyActions`; opening
a key's details and adding a key in :class:`~keydesk.views.key_dialogs.KeyDialogs`; the
header's widths, menu and saved layout in :mod:`~keydesk.views.key_table_header`.

Offline (the shared server is lost), the table shows the snapshot; revoking queues the
revocation (the Revoked column says "Revocation pending") and every other change is
disabled, its tooltip saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
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
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError
from keydesk.offline import OfflineSession, refuse_offline
from keydesk.services.capabilities import Capabilities
from keydesk.services.keys import (
    KeyRow,
)
from keydesk.services.search import quoted_search
from keydesk.views import i18n, key_table_header, key_table_rows, theme
from keydesk.views.bulk_progress import BulkProgress
from keydesk.views.confirm import show_error
from keydesk.views.empty_state import EmptyState
from keydesk.views.key_actions import OFFLINE_ACTIONS, KeyActions
from keydesk.views.key_dialogs import KeyDialogs
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_lifecycle import KeyLifecycle
from keydesk.views.key_search_hint import SearchHint
from keydesk.views.key_table_columns import (
    COL_CREATED,
    COL_PREFIX,
    COL_REVOKED,
)
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.keys_loading import KeysLoading
from keydesk.views.live import KeyUpdate
from keydesk.views.memory import release_free_memory
from keydesk.views.pending_revocations import PendingRevocationDelegate, make_room_for_pending
from keydesk.views.status_filter import StatusFilterBox

if TYPE_CHECKING:
    from keydesk.views.key_detail_dialog import KeyDetailDialog

T = TypeVar("T")


class KeysPage(QWidget):
    """Everything on the API Keys page; the main window adds menus and the status bar.

    ``countsChanged(shown, total, loading)`` feeds the "N of M keys" status text;
    ``message(text)`` is a transient status-bar message and ``messageOver(text)`` says
    that one is no longer true (it goes unless another replaced it); ``exported(path)``
    follows a finished CSV export.
    """

    countsChanged = Signal(int, int, bool)
    message = Signal(str)
    messageOver = Signal(str)
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysPage")
        self.model = KeyTableModel(self)
        self.proxy = KeyFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.load = KeysLoading(self.model, self.proxy, self)
        self.load.changed.connect(self.emit_counts)
        self.load.failed.connect(self._on_load_failed)
        self._load_error: str | None = None
        self._load_failed = False
        self._capabilities = Capabilities(backend="unknown", role=None)
        self._session: OfflineSession | None = None
        self._offline = False
        self._pending: set[str] = set()
        self._sorting_message = ""
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)
        self._filter_timer.timeout.connect(self._apply_filter)

        self.key_actions = KeyActions(self)
        self.key_dialogs = KeyDialogs(self)
        self.lifecycle = KeyLifecycle(self)
        self._build_actions()
        self._build_widgets()
        self._connect()
        self.apply_colors(theme.palette_is_dark(QApplication.palette()))

    # --- building ---

    def _build_actions(self) -> None:
        self.add_action = QAction(self.tr("Add API Key…"), self)
        self.add_action.setObjectName("addKeyAction")
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add_key)

        self.revoke_action = QAction(self.tr("Revoke selected…"), self)
        self.revoke_action.setObjectName("revokeSelectedAction")
        self.revoke_action.triggered.connect(self.revoke_selected)

        self.delete_action = QAction(self.tr("Delete selected…"), self)
        self.delete_action.setObjectName("deleteSelectedAction")
        self.delete_action.triggered.connect(self.delete_selected)

        self.export_action = QAction(self.tr("Export CSV…"), self)
        self.export_action.setObjectName("exportCsvAction")
        self.export_action.triggered.connect(self.export_csv)

        self.open_action = QAction(self.tr("Open details"), self)
        self.open_action.setObjectName("openKeyAction")
        self.open_action.triggered.connect(self.open_current)

        self.reload_action = QAction(self.tr("Reload keys"), self)
        self.reload_action.setObjectName("reloadKeysAction")
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)

    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(self.tr("Search prefix, name, user, role…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search keys"))
        self.search_field.setToolTip(
            self.tr("Search keys (Ctrl+F): prefix, unique name, name, user, role")
        )
        self.search_field.setAccessibleDescription(
            self.tr(
                "Searches the prefix, unique name, name, user and role; Down moves to the table"
            )
        )
        self.search_field.installEventFilter(self)
        self._search_icon = self.search_field.addAction(
            theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )

        self.search_hint = SearchHint(self.search_field, self.load)
        self.status_filter = StatusFilterBox(self.model, self.proxy, self)

        self.add_button = QPushButton(self.tr("Add API Key"), self)
        self.add_button.setObjectName("addKeyButton")
        self.add_button.setToolTip(self.tr("Add API Key (Ctrl+N)"))
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_action.trigger)

        self.actions_menu = QMenu(self.tr("Actions"), self)
        self.actions_menu.setToolTipsVisible(True)
        self.actions_menu.setObjectName("actionsMenu")
        self.actions_menu.addAction(self.revoke_action)
        self.actions_menu.addAction(self.delete_action)
        self.actions_menu.addSeparator()
        self.actions_menu.addAction(self.lifecycle.rotate_action)
        self.actions_menu.addAction(self.lifecycle.similar_action)
        self.actions_menu.addSeparator()
        self.actions_menu.addAction(self.export_action)
        self.actions_button = QToolButton(self)
        self.actions_button.setObjectName("actionsButton")
        self.actions_button.setText(self.tr("Actions"))
        self.actions_button.setToolTip(self.tr("Revoke, delete or export the selected keys"))
        self.actions_button.setAccessibleName(self.tr("Actions"))
        self.actions_button.setAccessibleDescription(self.actions_button.toolTip())
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_button.setMenu(self.actions_menu)
        # Room for Fusion's menu arrow beside the text, and the push button's height.
        self.actions_button.setMinimumSize(
            self.actions_button.fontMetrics().horizontalAdvance(self.actions_button.text()) + 40,
            self.add_button.sizeHint().height(),
        )

        self.table = QTableView(self)
        self.table.setObjectName("keyTable")
        self.table.setAccessibleName(self.tr("API keys"))
        self.table.setAccessibleDescription(
            self.tr("Enter opens a key's details, Delete deletes the selected keys")
        )
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table for the next control (arrows move between rows): moving
        # from cell to cell of a read-only row trapped keyboard users in the table.
        self.table.setTabKeyNavigation(False)
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
        # The header asks its selection model whether each column is wholly selected, to
        # draw the sections beside a selected one; with every row selected Qt answers by
        # calling the proxy's flags() and index() (Python) for every row of every column:
        # with 100,000 keys selected each header repaint held the window 4 s (50 ms
        # with its own selection), and 15 s while a bulk revoke's worker held the GIL. Rows are selected, never columns,
        # and sections are not highlighted, so the header gets a selection of its own.
        header.setSelectionModel(QItemSelectionModel(self.proxy, header))
        self.empty_state = EmptyState(self.table)
        #: The change of many keys under way; the main window puts it in its status bar.
        self.bulk_progress = BulkProgress(self)
        key_table_header.SpareWidth(self.table)
        key_table_header.default_widths(self.table)
        header.setSortIndicator(COL_CREATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        # Installed only while revocations are queued: a Python delegate makes every
        # cell of its column call into Python when painting (~11 ms a full repaint).
        self.pending_delegate = PendingRevocationDelegate(self.is_pending_row, self)

        self.delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.delete_selected)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.add_button)
        bar.addWidget(self.actions_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        # No focus proxy to the table: with one, Tab went from the sidebar straight to the
        # table, never reaching the search field, the status filter or the buttons.

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._on_search_text)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.clicked.connect(self._on_clicked)
        self.table.entered.connect(self._on_entered)
        self.table.customContextMenuRequested.connect(self._show_row_menu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._show_header_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        # A revocation or an edit changes rows in place: statuses, not the rows shown.
        self.proxy.dataChanged.connect(self.status_filter.update_counts)
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self.emit_counts)
        self.proxy.sortingChanged.connect(self._on_sorting)
        self._update_actions()

    # --- settings ---

    def restore_state(self) -> None:
        """Column widths, order, hidden columns and sort column from the last run."""
        key_table_header.restore(self.table)

    def save_state(self) -> None:
        key_table_header.save(self.table)

    def apply_colors(self, dark: bool) -> None:
        self.model.set_status_colors(theme.status_colors(dark))
        self._search_icon.setIcon(theme.icon("search"))

    # --- loading ---

    @property
    def loading(self) -> bool:
        return self.load.loading

    def reload(self) -> None:
        """Read every key again, off the GUI thread; rows appear as they arrive."""
        self._load_error = None
        self._load_failed = False
        self.load.reload()

    def cancel_loading(self) -> None:
        self.load.cancel()

    def _on_load_failed(self, error: Exception) -> None:
        self._load_error = i18n.error_text(error) if isinstance(error, KeydeskError) else None
        self._load_failed = True
        self.emit_counts()
        show_error(
            self,
            self.tr("Could not load the keys"),
            self._load_error
            or self.tr("Reading the keys failed: {kind}: {error}").format(
                kind=error.__class__.__name__, error=error
            ),
        )

    # --- counts and actions state ---

    def counts(self) -> tuple[int, int]:
        return self.proxy.rowCount(), self.model.rowCount()

    def emit_counts(self, *_args: object) -> None:
        shown, total = self.counts()
        self.status_filter.update_counts()
        self.countsChanged.emit(shown, total, self.loading)
        self._update_empty_state(shown, total)

    def _update_empty_state(self, shown: int, total: int) -> None:
        """Say why the table is empty and what to do, instead of a blank table."""
        empty = self.empty_state
        if shown:
            if not empty.isHidden():
                empty.hide()
        elif total and self.proxy.status_filter != "all" and self.status_filter.counts.all:
            # The search matches keys, of other statuses only.
            self.status_filter.explain_empty(empty, self.search_field.text(), total)
        elif total:
            quoted = quoted_search(self.search_field.text())
            looks = self.tr("The search looks at the prefix, unique name, name, user and role.")
            clear = (
                self.tr("Clear it (Esc) to see the key.")
                if total == 1
                else self.tr("Clear it (Esc) to see all %Ln keys.", "", total)
            )
            empty.show_state(
                self.tr("No key matches “{search}”").format(search=quoted),
                f"{looks} {clear}",
                self.tr("Clear search"),
                self.search_field.clear,
            )
        elif self.loading:
            empty.show_state(self.tr("Loading keys…"), "")
        elif self._load_failed:
            empty.show_state(
                self.tr("The keys could not be loaded"),
                self._load_error or self.tr("Reading them from the database failed."),
                self.tr("Try again"),
                self.reload,
            )
        else:
            empty.show_state(
                self.tr("No API keys yet"),
                self.tr(
                    "Add the first one with Add API Key (Ctrl+N): choose its owner, role and "
                    "models, and copy the key it shows you once."
                ),
                self.tr("Add API Key…"),
                self.add_action.trigger,
            )

    def selected_count(self) -> int:
        return sum(r.height() for r in key_table_rows.selection_ranges(self.table))

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Disable what the database role may not do, saying why in the tooltip."""
        self._capabilities = capabilities
        self._update_tooltips()
        self._update_actions()

    def _reason(self, action: str) -> str:
        """Why ``action`` (create, revoke, delete) is not possible now; empty if it is."""
        doing = self.key_actions.doing
        if doing and action in ("revoke", "delete"):
            return self.tr("{doing}: wait until that is done.").format(doing=doing.rstrip("…"))
        # Offline with a copy (a server), keys are still opened (read-only) and revoked.
        if self._offline and (action not in ("revoke", "open") or not self._queues_revocations()):
            return i18n.error_text(self._refusal(OFFLINE_ACTIONS[action]))
        if action in ("reload", "open"):
            return ""
        return i18n.say(self._capabilities.reason(action) or "")

    def _update_tooltips(self) -> None:
        create = self._reason("create")
        self.add_action.setEnabled(not create)
        self.add_button.setEnabled(not create)
        self.add_button.setToolTip(create or self.tr("Add API Key (Ctrl+N)"))
        self.add_action.setToolTip(create or self.tr("Add API Key (Ctrl+N)"))
        self.revoke_action.setToolTip(self._reason("revoke") or self.tr("Revoke the selected keys"))
        self.delete_action.setToolTip(self._reason("delete") or self.tr("Delete the selected keys"))
        reload_reason = self._reason("reload")
        self.reload_action.setEnabled(not reload_reason)
        self.reload_action.setToolTip(reload_reason or self.tr("Read every key again (F5)"))

    def allowed(self, action: str) -> bool:
        """Whether ``action`` is allowed; if not, the status bar says why."""
        reason = self._reason(action)
        if reason:
            self.message.emit(reason)
        return not reason

    def _update_actions(self, *_args: object) -> None:
        count = self.selected_count()
        self.revoke_action.setEnabled(count > 0 and not self._reason("revoke"))
        self.delete_action.setEnabled(count > 0 and not self._reason("delete"))
        self.open_action.setEnabled(self.table.currentIndex().isValid())
        self.lifecycle.update(count, self._reason)
        if count > 1:
            self.revoke_action.setText(self.tr("Revoke selected (%Ln)…", "", count))
            self.delete_action.setText(self.tr("Delete selected (%Ln)…", "", count))
        else:
            self.revoke_action.setText(self.tr("Revoke selected…"))
            self.delete_action.setText(self.tr("Delete selected…"))

    # --- live refresh and offline ---

    @property
    def offline(self) -> bool:
        return self._offline

    @property
    def pending(self) -> frozenset[str]:
        """Keys whose revocation waits in the offline queue."""
        return frozenset(self._pending)

    def set_session(self, session: OfflineSession | None) -> None:
        """The session changes go through: offline it queues revocations and refuses
        the rest."""
        self._session = session

    def set_offline(self, offline: bool) -> None:
        """Disable (with the reason as tooltip) what cannot be done offline."""
        if offline == self._offline:
            return
        self._offline = offline
        self._update_tooltips()
        self._update_actions()

    def set_pending(self, prefixes: set[str] | frozenset[str]) -> None:
        """Show "Revocation pending" in the Revoked column of these keys."""
        if set(prefixes) == self._pending:
            return
        self._pending = set(prefixes)
        delegate = self.pending_delegate if self._pending else None
        self.table.setItemDelegateForColumn(COL_REVOKED, delegate)  # type: ignore[arg-type]
        if self._pending:
            make_room_for_pending(self.table, COL_REVOKED)
        self.table.viewport().update()

    def is_pending_row(self, proxy_row: int) -> bool:
        """Whether the key shown in ``proxy_row`` has a revocation queued (not yet
        applied: a key the server already revoked simply shows as revoked)."""
        if not self._pending or not 0 <= proxy_row < self.proxy.rowCount():
            return False
        row = self.proxy.key_row(proxy_row)
        return row.prefix in self._pending and not row.revoked

    def revoked_text(self, prefix: str) -> str | None:
        """What the Revoked column shows for ``prefix`` (None if the row is not shown)."""
        found = self.model.find_rows([prefix])
        if prefix not in found:
            return None
        index = self.proxy.mapFromSource(self.model.index(found[prefix], COL_REVOKED))
        if not index.isValid():
            return None
        option = QStyleOptionViewItem()
        self.pending_delegate.initStyleOption(option, index)
        return str(option.text)

    def show_offline_rows(self, rows: Sequence[KeyRow]) -> None:
        """Show the snapshot's rows (starting offline): the table is empty before."""
        if self.model.rowCount():
            self.model.remove_prefixes(set(self.model.prefixes))
        self.model.append_rows(list(rows))
        self.emit_counts()
        self._update_actions()

    def apply_update(self, update: KeyUpdate) -> None:
        """Patch in what changed elsewhere: changed rows in place, new keys appended,
        deleted keys removed; the selection, the search and the top row stay put. An open
        detail dialog of a changed key is told."""
        top = key_table_rows.top_prefix(self.table, self.proxy)
        rows = update.rows
        # Our own bulk change comes back this way too: where its rows were saves a pass
        # over every prefix (70 ms at a million keys).
        found = self.model.positions([row.prefix for row in rows], self.key_actions.changed_rows)
        replacements = {row.prefix: row for row in rows if row.prefix in found}
        fresh = [row for row in rows if row.prefix not in found]
        if replacements:
            self.model.replace_rows(replacements, found)
        if fresh:
            self.model.append_rows(fresh)
            self.load.added(row.prefix for row in fresh)
        gone = set(update.deleted)
        if update.full:
            keep = {row.prefix for row in rows}
            gone.update(prefix for prefix in self.model.prefixes if prefix not in keep)
        if gone:
            self.model.remove_prefixes(gone)
        if top is not None:
            key_table_rows.restore_top(self.table, self.model, self.proxy, top)
            # Once more after the view's own delayed layout, which may move it again.
            QTimer.singleShot(
                0, self, lambda: key_table_rows.restore_top(self.table, self.model, self.proxy, top)
            )
        self.emit_counts()
        self._update_actions()
        dialog = self.key_dialogs.open_dialog
        if dialog is not None and (update.full or dialog.prefix in update.prefixes):
            dialog.check_changed_elsewhere()

    def _queues_revocations(self) -> bool:
        return self._session is None or self._session.queues_revocations

    def _refusal(self, action: str) -> Exception:
        """The sentence refusing ``action`` offline (an SQLite file cannot queue)."""
        if self._session is None:
            return refuse_offline(action)
        return self._session.refusal(action)

    def server_call(self, action: str, fn: Callable[[], T]) -> T:
        """Run a change against the server: refused with one sentence offline; a lost
        connection takes the session offline and becomes one sentence too."""
        if self._session is None:
            return fn()
        return self._session.call_online(action, fn)

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

    def _on_sorting(self, busy: bool) -> None:
        """A large table sorts in a worker: say so, and take the words back once it
        shows."""
        if busy:
            self._sorting_message = self.tr("Sorting %Ln keys…", "", self.model.rowCount())
            self.message.emit(self._sorting_message)
        else:
            self.messageOver.emit(self._sorting_message)
            release_free_memory()  # what the sort worked in

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filter_text(self.search_field.text())
        self.emit_counts()

    # --- selection ---

    def selected_sources(self) -> list[int]:
        """The source row of every selected row, in the order shown (see
        :func:`~keydesk.views.key_table_rows.selected_sources`)."""
        return key_table_rows.selected_sources(self.table, self.proxy)

    def selected_rows(self) -> list[tuple[int, KeyRow]]:
        """(source row, KeyRow) of every selected row, in the order shown."""
        rows = self.model.rows
        return [(source, rows[source]) for source in self.selected_sources()]

    def select_prefix(self, prefix: str) -> bool:
        """Make the row of ``prefix`` current and selected, scrolled into view."""
        return key_table_rows.select_prefix(self.table, self.model, self.proxy, prefix)

    # --- opening, adding ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QTableView)  # the table (the search field is watched first)
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusIn
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        ):
            # Tabbed into: the current row is selected too, so the focus shows as a
            # highlighted row (a dotted cell is hard to see) and the Keys menu acts on it.
            QTimer.singleShot(0, self, self._focus_table)
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
        current = self.table.currentIndex()
        if not current.isValid() and self.proxy.rowCount() > 0:
            current = self.proxy.index(0, 0)
        # The row the keyboard lands on is selected too, so the Keys menu acts on it (the
        # table made its first row current, unselected, when it first took the focus).
        if current.isValid() and not self.table.selectionModel().hasSelection():
            self.table.selectionModel().setCurrentIndex(
                current,
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
        """Open the detail dialog of the key shown in ``proxy_row``."""
        self.key_dialogs.open_row(proxy_row)

    def detail_dialog(self, prefix: str) -> KeyDetailDialog:
        return self.key_dialogs.detail_dialog(prefix)

    def add_key(self) -> None:
        self.key_dialogs.add_key()

    # --- bulk actions (KeyActions) ---

    def revoke_selected(self) -> None:
        self.key_actions.revoke_selected()

    def delete_selected(self) -> None:
        self.key_actions.delete_selected()

    @property
    def changing(self) -> bool:
        """Whether a revoke or delete of the selected keys is being written."""
        return self.key_actions.changing

    @property
    def session(self) -> OfflineSession | None:
        return self._session

    def refresh_actions(self) -> None:
        """Enable, word and explain the actions for the state now."""
        self._update_tooltips()
        self._update_actions()

    def added_while_loading(self, prefix: str) -> None:
        """``prefix`` was added here while a load runs: the load may deliver it again."""
        self.load.added([prefix])

    def remove_local(self, prefixes: Sequence[str]) -> None:
        """Take these keys out of the table (deleted, here or elsewhere)."""
        self.model.remove_prefixes(set(prefixes))
        self.emit_counts()
        self._update_actions()

    def export_csv(self) -> None:
        self.key_actions.export_csv()

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
        return key_table_header.columns_menu(self.table, self)

    def _show_header_menu(self, position: QPoint) -> None:
        menu = self.header_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def reset_columns(self) -> None:
        key_table_header.reset_columns(self.table)
