"""The main window: a sidebar (API Keys, Users, Models, Audit log) switching pages, the
menus, and a status bar saying "N of M keys" (and "Offline — data as of <time>" and
"Live refresh paused" while the database is out of reach).

It holds no rules and builds no queries: pages call the services, and the window wires
them together (Users → "Show keys" searches the keys page), remembers its geometry and
the keys table's columns, and switches themes. Its
:class:`~keydesk.views.live.LiveRefresh` patches in what other desks change and reports
when the server is lost and found again.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QProcess, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from keydesk.offline import OfflineSession, SessionStatus, StartResult
from keydesk.services.capabilities import Capabilities, detect
from keydesk.services.database import redact_url, sqlite_file, switch_database
from keydesk.views import i18n, settings, theme
from keydesk.views.activity import UserActivity
from keydesk.views.audit_page import AuditPage
from keydesk.views.expiry_reminder import ExpiryReminder
from keydesk.views.formatting import format_count
from keydesk.views.keys_page import KeysPage
from keydesk.views.live import KeyUpdate, LiveRefresh
from keydesk.views.models_page import ModelsPage
from keydesk.views.users_page import UsersPage
from keydesk.views.widgets import available_area, fit_to_screen

log = logging.getLogger(__name__)

#: After live changes, the offline copy is saved again this long after the last one.
SNAPSHOT_DELAY_MS = 1000

PAGE_KEYS, PAGE_USERS, PAGE_MODELS, PAGE_AUDIT = range(4)
#: The sidebar's icons, a page each (their titles: :func:`page_titles`).
PAGE_ICONS = ("key", "users", "models", "audit")


def page_titles() -> list[str]:
    """The sidebar's titles, a page each, in the language spoken now."""
    return [
        QCoreApplication.translate("MainWindow", "API Keys"),
        QCoreApplication.translate("MainWindow", "Users"),
        QCoreApplication.translate("MainWindow", "Models"),
        QCoreApplication.translate("MainWindow", "Audit log"),
    ]


def restart_app() -> None:
    """Start keydesk again with the same arguments (the window has closed)."""
    QProcess.startDetached(sys.executable, ["-m", "keydesk", *sys.argv[1:]])


def database_label(url: str) -> str:
    """What the title bar names: a SQLite file's name, else the URL without password."""
    path = sqlite_file(url)
    return path.name if path is not None else redact_url(url)


def remembered_url(url: str) -> str:
    """The URL as saved in the settings: without a password (use ~/.pgpass or an option
    file for those), so the settings file never holds a secret."""
    redacted = redact_url(url)
    return redacted.replace(":***@", "@", 1) if redacted != url else url


class MainWindow(QMainWindow):
    def __init__(
        self,
        db_url: str,
        theme_manager: theme.ThemeManager | None = None,
        parent: QWidget | None = None,
        *,
        session: OfflineSession | None = None,
        started: StartResult | None = None,
    ) -> None:
        """``session`` is the started :class:`OfflineSession` on ``db_url`` and ``started``
        what its ``start(load=False)`` returned (see :func:`keydesk.app.main_window`);
        without them the window starts a session itself."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db_url = db_url
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme = theme_manager or theme.ThemeManager.for_app(app)
        self.theme.changed.connect(self._on_theme_changed)

        self.keys_page = KeysPage(self)
        self.users_page = UsersPage(self)
        self.models_page = ModelsPage(self)
        self.audit_page = AuditPage(self)
        self._build_sidebar()
        self._build_menus()
        self._build_status_bar()
        self._was_loading = False  # before the pages' first counts arrive
        self._connect_pages()

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._set_tab_order()
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.find_shortcut.activated.connect(self.focus_search)

        self._update_title()
        self._default_size()
        self._restore_state()
        self._style_sidebar()
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(SNAPSHOT_DELAY_MS)
        self._snapshot_timer.timeout.connect(self._save_snapshot)
        self.activity = UserActivity(self)  # the offline copy's save waits while the user works
        table = self.keys_page.table
        self.activity.watch(
            self.keys_page.search_field.textEdited,
            table.pressed,
            table.verticalScrollBar().actionTriggered,
            table.horizontalHeader().sectionPressed,
        )
        self.live: LiveRefresh | None = None
        if session is None:
            session = OfflineSession(db_url, auto_reconnect=True)
            started = session.start(load=False)
        self._start_session(session, started)
        QTimer.singleShot(0, self.keys_page.table.setFocus)

    def _start_session(self, session: OfflineSession, started: StartResult | None) -> None:
        """Wire the session and its live refresh, then load the keys from the server (or
        show the snapshot when starting offline). The feed is made before the rows are
        read, so nothing committed meanwhile is missed."""
        self.session = session
        online = started.online if started is not None else session.online
        self.live = LiveRefresh(session, self, resync=not online)
        self.live.keysChanged.connect(self._on_keys_changed)
        self.live.statusChanged.connect(self._on_session_status)
        self.live.feedFailed.connect(self.show_message)
        self.live.snapshotOutdated.connect(self._snapshot_timer.start)  # rows changed: later
        self.keys_page.set_session(session)
        for page in (self.users_page, self.models_page, self.audit_page):
            page.set_session(session)  # offline they read the copy
        self.keys_page.set_pending(session.pending_prefixes())
        if online:
            self.apply_capabilities()
            self.keys_page.reload()
        else:
            self.apply_capabilities(Capabilities(backend="unknown", role=None))
            data = started.data if started is not None else session.offline_data()
            self.keys_page.show_offline_rows(data.rows if data is not None else [])
        self._on_session_status(session.status())
        if started is not None and started.applied is not None and started.applied.revoked:
            count = len(started.applied.revoked)
            self.show_message(self.tr("Applied %Ln revocations made while offline.", "", count))

    # --- building ---

    def _default_size(self) -> None:
        """Wide enough for every key column where the screen allows, always within it.

        The screen is measured in Qt's logical pixels: with QT_SCALE_FACTOR=2 a
        1600×1000 screen holds 800×500, and the window once opened at 1440×820 of them,
        with Add API Key, Actions and the status bar past its edge."""
        area = available_area(self)
        self.resize(min(1520, int(area.width() * 0.95)), min(820, int(area.height() * 0.95)))
        fit_to_screen(self)

    def _build_sidebar(self) -> None:
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        for page in (self.keys_page, self.users_page, self.models_page, self.audit_page):
            self.stack.addWidget(page)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setAccessibleDescription(
            self.tr("The pages of keydesk: API keys, users, models and the audit log")
        )
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setFixedWidth(176)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for title in page_titles():
            item = QListWidgetItem(title)
            item.setSizeHint(QSize(160, 36))
            self.sidebar.addItem(item)
        self._set_sidebar_icons()
        self.sidebar.setCurrentRow(PAGE_KEYS)
        self.sidebar.currentRowChanged.connect(self.show_page)

    def _set_sidebar_icons(self) -> None:
        for row, icon_name in enumerate(PAGE_ICONS):
            item = self.sidebar.item(row)
            if item is not None:
                item.setIcon(theme.icon(icon_name))

    def _set_tab_order(self) -> None:
        """Tab goes as the eye reads: the sidebar, the keys page's bar and table, then the
        status bar's reminder and Cancel (by creation order the reminder came second)."""
        page = self.keys_page
        chain = [
            self.sidebar,
            page.search_field,
            page.status_filter,
            page.add_button,
            page.actions_button,
            page.table,
            self.expiry_reminder,
            page.bulk_progress.cancel_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _style_sidebar(self) -> None:
        # Re-set on every theme change: palette() references resolve when applied.
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(window); border: none;"
            " border-right: 1px solid palette(mid); padding: 10px 8px; outline: 0; }"
            "QListWidget#sidebar::item { padding: 4px 8px; border-radius: 6px;"
            " color: palette(window-text); }"
            "QListWidget#sidebar::item:hover { background: palette(midlight); }"
            "QListWidget#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
            # Focus shown without the outline: a frame around the selected section.
            "QListWidget#sidebar::item:selected:focus { border: 2px solid palette(window-text); }"
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_database_action = QAction(self.tr("Open database…"), self)
        self.open_database_action.setObjectName("openDatabaseAction")
        self.open_database_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_database_action.triggered.connect(self.choose_database)
        file_menu.addAction(self.open_database_action)
        file_menu.addAction(self.keys_page.export_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        keys_menu = bar.addMenu(self.tr("&Keys"))
        keys_menu.setObjectName("keysMenu")
        keys_menu.addAction(self.keys_page.add_action)
        keys_menu.addAction(self.keys_page.open_action)
        keys_menu.addSeparator()
        keys_menu.addAction(self.keys_page.revoke_action)
        keys_menu.addAction(self.keys_page.delete_action)
        keys_menu.addAction(self.keys_page.lifecycle.rotate_action)
        keys_menu.addAction(self.keys_page.lifecycle.similar_action)
        keys_menu.addAction(self.keys_page.lifecycle.find_leaked_action)
        keys_menu.addSeparator()
        keys_menu.addAction(self.keys_page.reload_action)
        # Window-wide shortcuts live on the window so they work from every page.
        self.addAction(self.keys_page.add_action)
        self.addAction(self.keys_page.reload_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        theme_menu = view_menu.addMenu(self.tr("Theme"))
        theme_menu.setObjectName("themeMenu")
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for mode in theme.MODES:
            action = QAction(theme.mode_labels()[mode], self)
            action.setObjectName(f"theme{mode.capitalize()}Action")
            action.setCheckable(True)
            action.setChecked(mode == self.theme.mode)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_theme(m))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[mode] = action
        self._build_language_menu(view_menu)
        view_menu.addSeparator()
        reset_columns = QAction(self.tr("Reset key columns"), self)
        reset_columns.triggered.connect(self.keys_page.reset_columns)
        view_menu.addAction(reset_columns)
        self.page_actions: list[QAction] = []
        view_menu.addSeparator()
        for row, title in enumerate(page_titles()):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.sidebar.setCurrentRow(r))
            view_menu.addAction(action)
            self.addAction(action)
            self.page_actions.append(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("About keydesk"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_language_menu(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu(self.tr("Language"))
        menu.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        chosen = i18n.saved_choice()
        for choice in i18n.CHOICES:
            label = self.tr("System") if choice == i18n.SYSTEM else i18n.CHOICE_LABELS[choice]
            action = QAction(label, self)
            action.setObjectName(f"language{choice.capitalize()}Action")
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[choice] = action

    def choose_language(self, choice: str) -> None:
        """Remember ``choice``; when it changes the language spoken, offer to restart
        (every text of the window is made when the window is built)."""
        i18n.save_choice(choice)
        self.language_actions[choice].setChecked(True)
        language = i18n.language_of(choice)
        if language == i18n.current_language():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restart keydesk?"),
            self.tr("keydesk will speak {language} from its next start.").format(
                language=i18n.CHOICE_LABELS[language]
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("restartForLanguageBox")
        restart = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("restartNowButton")
        later = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restartLaterButton")
        box.setDefaultButton(restart)
        box.exec()
        if box.clickedButton() is restart and self.close():
            restart_app()

    def _build_status_bar(self) -> None:
        self.live_label = QLabel(self.tr("Live refresh paused"), self)
        self.live_label.setObjectName("liveLabel")
        self.live_label.setContentsMargins(8, 0, 8, 0)
        self.live_label.setAccessibleName(self.tr("Live refresh"))
        self.live_label.setToolTip(
            self.tr(
                "Changes made at other desks cannot arrive while the database is out of reach;"
                " they show up by themselves once it is back."
            )
        )
        self.live_label.hide()
        self.statusBar().addPermanentWidget(self.live_label)
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionLabel")
        self.connection_label.setContentsMargins(8, 0, 8, 0)
        self.connection_label.setAccessibleName(self.tr("Connection"))
        self.connection_label.hide()
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.keys_page.bulk_progress)
        self.expiry_reminder = ExpiryReminder(self)
        self.expiry_reminder.apply_colors(theme.palette_is_dark(QApplication.palette()))
        self.statusBar().addPermanentWidget(self.expiry_reminder)
        self.key_count_label = QLabel(self)
        self.key_count_label.setObjectName("keyCountLabel")
        self.key_count_label.setContentsMargins(8, 0, 8, 0)
        self.key_count_label.setAccessibleName(self.tr("Key count"))
        self.statusBar().addPermanentWidget(self.key_count_label)
        self.statusBar().setSizeGripEnabled(True)

    def _connect_pages(self) -> None:
        self.keys_page.countsChanged.connect(self._show_counts)
        self.keys_page.status_filter.expiringChanged.connect(self.expiry_reminder.set_count)
        self.expiry_reminder.clicked.connect(self.show_expiring)
        for page in (self.keys_page, self.users_page, self.models_page, self.audit_page):
            page.message.connect(self.show_message)
        self.keys_page.messageOver.connect(self.withdraw_message)
        self.users_page.showKeys.connect(self.show_keys_of)

    # --- pages ---

    def show_page(self, row: int) -> None:
        """Switch pages; the small pages re-read their data each time they are shown."""
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # re-enters through currentRowChanged
            return
        self.stack.setCurrentIndex(row)
        refresh: dict[int, Callable[[], None]] = {
            PAGE_USERS: self.users_page.refresh,
            PAGE_MODELS: self.models_page.refresh,
            PAGE_AUDIT: self.audit_page.refresh,
        }
        if row in refresh:
            refresh[row]()

    def focus_search(self) -> None:
        self.show_page(PAGE_KEYS)
        self.keys_page.focus_search()

    def show_expiring(self) -> None:
        """The reminder's click: the keys page showing the keys it counted, every key
        expiring soon (a search typed before would hide some: it is cleared)."""
        self.show_page(PAGE_KEYS)
        self.keys_page.set_search("")
        self.keys_page.status_filter.select("expiring")
        self.keys_page.table.setFocus()

    def show_keys_of(self, email: str) -> None:
        self.show_page(PAGE_KEYS)
        self.keys_page.set_search(email)
        self.keys_page.table.setFocus()

    # --- status ---

    def _show_counts(self, shown: int, total: int, loading: bool) -> None:
        if self._was_loading and not loading and self.session.online:
            self._save_snapshot()  # a load just finished: it becomes the offline copy
        self._was_loading = loading
        if loading:
            self.key_count_label.setText(self.tr("Loading keys… %Ln so far", "", total))
        else:
            self.key_count_label.setText(
                self.tr("{shown} of %Ln keys", "", total).format(shown=format_count(shown))
            )

    def count_text(self) -> str:
        return self.key_count_label.text()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def withdraw_message(self, text: str) -> None:
        """Clear the status message if it is still ``text`` (not one shown since)."""
        if self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def connection_text(self) -> str:
        """``"Offline — data as of <time>"`` (and the pending revocations) while
        offline; empty online."""
        return self.connection_label.text() if self.connection_label.isVisible() else ""

    def live_text(self) -> str:
        """``"Live refresh paused"`` while offline; empty while changes arrive live."""
        return self.live_label.text() if self.live_label.isVisible() else ""

    # --- live refresh and offline ---

    @Slot(object)
    def _on_keys_changed(self, update: KeyUpdate) -> None:
        self.keys_page.apply_update(update)
        if update.other and self.stack.currentIndex() in (PAGE_USERS, PAGE_MODELS):
            self.show_page(self.stack.currentIndex())
        if self.session.offline_capable:
            if update.full:
                self._save_snapshot()
            else:
                self._snapshot_timer.start()

    @Slot(object)
    def _on_session_status(self, status: SessionStatus) -> None:
        """Show online/offline in the status bar and in what the keys page allows."""
        was_offline = self.keys_page.offline
        self.live_label.setVisible(not status.online)
        if status.online:
            self.connection_label.hide()
            self.connection_label.clear()
        else:
            text = i18n.say(status.text)
            if status.pending:
                text += " · " + self.tr("%Ln revocations pending", "", status.pending)
            self.connection_label.setText(text)
            reason = i18n.say(status.reason) if status.reason else self._unreachable()
            self.connection_label.setToolTip(
                reason
                + " "
                + (
                    self.tr(
                        "keydesk shows the keys as they were then and reconnects by itself;"
                        " you can still revoke keys."
                    )
                    if self.session.queues_revocations
                    else self.tr(
                        "keydesk shows the keys as they were then and reconnects by itself."
                    )
                )
            )
            self.connection_label.setStyleSheet(
                "QLabel#connectionLabel { color: #a15c00; font-weight: bold; }"
                if not theme.palette_is_dark(self.palette())
                else "QLabel#connectionLabel { color: #ffb74d; font-weight: bold; }"
            )
            self.connection_label.show()
        self.keys_page.set_offline(not status.online)
        self.keys_page.set_pending(self.session.pending_prefixes())
        if status.online == was_offline and self.stack.currentIndex() != PAGE_KEYS:
            self.show_page(self.stack.currentIndex())  # live again, or the copy's now
        if status.online and was_offline:
            self.apply_capabilities()
            applied = self.session.last_apply
            count = len(applied.revoked) if applied is not None else 0
            if not count:
                back = self.tr("Back online.")
            else:
                back = self.tr(
                    "Back online: applied %Ln revocations made while offline.", "", count
                )
            self.show_message(back)
            if self.live is not None:
                self.live.wake()
        elif not status.online and not was_offline:
            self.show_message(i18n.say(status.reason) if status.reason else self._unreachable())

    def _unreachable(self) -> str:
        return self.tr("The database server cannot be reached.")

    def _save_snapshot(self) -> None:
        self._snapshot_timer.stop()
        if self.live is not None and not self.keys_page.loading:
            self.live.save_snapshot(self.keys_page.model)

    def _stop_live(self) -> None:
        live, self.live = self.live, None
        if live is not None:
            live.keysChanged.disconnect(self._on_keys_changed)
            live.statusChanged.disconnect(self._on_session_status)
            live.close()
            live.deleteLater()

    def _update_title(self) -> None:
        self.setWindowTitle(f"keydesk — {database_label(self.db_url)}")

    # --- theme ---

    def set_theme(self, mode: str) -> None:
        self.theme.apply(mode)
        self.theme_actions[self.theme.mode].setChecked(True)

    def _on_theme_changed(self, dark: bool) -> None:
        self._style_sidebar()
        self._set_sidebar_icons()
        self.keys_page.apply_colors(dark)
        self.users_page.apply_colors(dark)
        self.expiry_reminder.apply_colors(dark)

    # --- database ---

    def choose_database(self) -> None:
        """File → Open database…: switch to another database without restarting."""
        from keydesk.views.database_dialog import DatabaseDialog  # not needed before it opens

        dialog: DatabaseDialog[str] = DatabaseDialog(
            self.tr("Currently open: {database}.").format(database=database_label(self.db_url)),
            self.db_url,
            self._open_other,
            self,
            title=self.tr("Open database"),
            quit_label=self.tr("Cancel"),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value:
            self.db_url = dialog.result_value
            settings.write(settings.DATABASE_URL, remembered_url(self.db_url))
            self._update_title()
            self._stop_live()
            session = OfflineSession(self.db_url, auto_reconnect=True)
            self._start_session(session, session.start(load=False))
            page = self.stack.currentIndex()
            if page != PAGE_KEYS:
                self.show_page(page)
            self.show_message(
                self.tr("Opened {database}.").format(database=database_label(self.db_url))
            )
        dialog.deleteLater()

    def _open_other(self, url: str) -> str:
        switch_database(url)  # raises DatabaseError; the current database stays open then
        self.keys_page.cancel_loading()  # its rows would come from the other database
        return url

    def apply_capabilities(self, capabilities: Capabilities | None = None) -> None:
        """Disable what the database role may not do (a support role on a shared
        database may only inspect and revoke). The server stays the judge: a refused
        change still comes back as an error sentence."""
        if capabilities is None:
            try:
                capabilities = detect(refresh=True)
            except Exception as error:  # detection is a courtesy; the server still decides
                log.warning("could not detect the database role's rights: %s", error)
                capabilities = Capabilities(backend="unknown", role=None)
        self.capabilities = capabilities
        self.keys_page.set_capabilities(capabilities)
        self.users_page.set_capabilities(capabilities)
        self.models_page.set_capabilities(capabilities)

    # --- about, state ---

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutDialog")
        box.setWindowTitle(self.tr("About keydesk"))
        box.setText("keydesk")
        box.setInformativeText(
            self.tr("Manage the API keys of an AI platform.")
            + "\n\n"
            + self.tr("Database: {url}").format(url=redact_url(self.db_url))
        )
        box.exec()

    def _restore_state(self) -> None:
        geometry = settings.read_bytes(settings.WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit_to_screen(self)  # saved on a larger screen, or at a smaller scale
        self.keys_page.restore_state()

    def save_state(self) -> None:
        settings.write(settings.WINDOW_GEOMETRY, self.saveGeometry())
        self.keys_page.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.keys_page.cancel_loading()
        self._snapshot_timer.stop()
        self.activity.stop()
        self._stop_live()
        super().closeEvent(event)
