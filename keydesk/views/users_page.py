"""The Users page: who owns keys. Add a user, edit a display name, deactivate or
reactivate, and jump to a user's keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError, sentence
from keydesk.offline import OfflineSession
from keydesk.services.capabilities import Capabilities
from keydesk.services.users import (
    DISPLAY_NAME_MAX,
    UserInfo,
    add_user,
    list_users,
    rename_user,
    set_user_active,
)
from keydesk.views import i18n, theme
from keydesk.views.confirm import confirm, show_error
from keydesk.views.copy_note import CopyNote
from keydesk.views.formatting import format_count
from keydesk.views.offline_reads import Sourced, read_live_or_copy
from keydesk.views.record_table import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel
from keydesk.views.widgets import fit_to_screen


class AddUserDialog(QDialog):
    """Email and display name of a new user. The user is added when the dialog is
    accepted; a rule broken (invalid or taken email) is shown and the dialog stays open
    with what was typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Add user"))
        self.added: UserInfo | None = None
        self.email_field = QLineEdit(self)
        self.email_field.setObjectName("userEmailField")
        self.email_field.setPlaceholderText("name@example.com")
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("userDisplayNameField")
        self.name_field.setPlaceholderText(self.tr("Optional: defaults to the part before @"))
        self.name_field.setMaxLength(DISPLAY_NAME_MAX)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add user"))
        ok.setObjectName("addUserOkButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Email"), self.email_field)
        form.addRow(self.tr("&Display name"), self.name_field)
        self.email_field.setAccessibleName(self.tr("Email"))
        self.email_field.setAccessibleDescription(self.tr("The new user's email address"))
        self.name_field.setAccessibleName(self.tr("Display name"))
        self.name_field.setAccessibleDescription(self.tr("Optional: defaults to the part before @"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.email_field.textChanged.connect(self._validate)
        self._validate()
        self.setMinimumWidth(420)

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over the window
        super().showEvent(event)

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.email_field.text().strip()))

    def accept(self) -> None:
        try:
            self.added = add_user(self.email_field.text(), self.name_field.text() or None)
        except KeydeskError as error:
            show_error(self, self.tr("Could not add the user"), i18n.error_text(error))
            self.email_field.setFocus()
            return
        super().accept()


class UsersPage(QWidget):
    """Users with their key counts; ``showKeys(email)`` asks to list a user's keys."""

    showKeys = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPage")
        self._may_manage = True
        self._manage_reason = ""
        self._session: OfflineSession | None = None
        self.copy_note = CopyNote("usersCopyNote", self)
        self._colors = theme.status_colors(theme.palette_is_dark(QApplication.palette()))
        self.model: RecordTableModel[UserInfo] = RecordTableModel(
            [
                Column(self.tr("Email"), lambda u: u.email),
                Column(self.tr("Display name"), lambda u: u.display_name),
                Column(
                    self.tr("Status"),
                    lambda u: self.tr("Active") if u.active else self.tr("Deactivated"),
                    color=lambda u: None if u.active else self._colors.revoked,
                ),
                Column(
                    self.tr("Keys"),
                    lambda u: format_count(u.key_count),
                    sort=lambda u: u.key_count,
                    align_right=True,
                ),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("usersSearchField")
        self.search_field.setPlaceholderText(self.tr("Search email or name…"))
        self.search_field.setAccessibleName(self.tr("Search users"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self.proxy.setFilterFixedString)

        self.add_button = self._button(self.tr("Add user…"), "addUserButton", self.add_user)
        self.rename_button = self._button(
            self.tr("Edit display name…"), "renameUserButton", self.rename_selected
        )
        self.active_button = self._button(
            self.tr("Deactivate"), "toggleUserActiveButton", self.toggle_active
        )
        self.keys_button = self._button(self.tr("Show keys"), "showUserKeysButton", self.show_keys)
        self.keys_button.setAccessibleDescription(
            self.tr("List the selected user's keys on the API Keys page")
        )
        self.active_button.setAccessibleDescription(
            self.tr(
                "Deactivated users keep their keys, which keep working; they cannot be given "
                "new keys."
            )
        )

        self.table = QTableView(self)
        self.table.setObjectName("usersTable")
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setAccessibleDescription(
            self.tr("Email, display name, status and number of keys of each user")
        )
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        header.resizeSection(2, 14 * char + 16)
        header.resizeSection(3, 8 * char + 16)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.doubleClicked.connect(lambda _index: self.show_keys())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.search_field, 1)
        for button in (self.add_button, self.rename_button, self.active_button, self.keys_button):
            bar.addWidget(button)
        hint = QLabel(
            self.tr(
                "Deactivated users keep their keys, which keep working; they cannot be given "
                "new keys."
            ),
            self,
        )
        hint.setObjectName("usersHint")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(10)
        layout.addWidget(self.copy_note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (Ctrl+2 or the sidebar): the keyboard lands in the search field unless it
        is already somewhere on this page."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_colors(self, dark: bool) -> None:
        self._colors = theme.status_colors(dark)
        self.model.refresh_colors()

    # --- data ---

    def set_session(self, session: OfflineSession | None) -> None:
        """Offline, the users come from the session's copy, read-only."""
        self._session = session

    @property
    def from_copy(self) -> bool:
        """Whether the users shown are the offline copy's (nothing can be changed)."""
        return not self.copy_note.isHidden()

    def refresh(self) -> None:
        """Re-read the users (and their key counts) off the GUI thread: from the server,
        or from the offline copy while it is out of reach."""
        read_live_or_copy(
            self._session, sentence("Users", "reading the users"), list_users, lambda copy: copy.users(),
            self._show_users, self._failed, self,
        )  # fmt: skip

    def _show_users(self, users: Sourced[list[UserInfo]]) -> None:
        self.copy_note.show_copy(users.as_of, self.tr("users and their key counts"))
        selected = self.selected_user()
        self.model.set_records(users.value)
        if selected is not None:
            self.select_email(selected.email)
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the users"), i18n.error_text(error))

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record = rows[0].data(RECORD_ROLE)
        return record if isinstance(record, UserInfo) else None

    def select_email(self, email: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            record = index.data(RECORD_ROLE)
            if isinstance(record, UserInfo) and record.email == email:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Disable adding and changing users if the database role may not."""
        self._may_manage = capabilities.can_manage_users
        self._manage_reason = capabilities.reason("manage_users")
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        user = self.selected_user()
        may_manage = self._may_manage and not self.from_copy
        reason = (
            self.tr(
                "You are offline: changing users is not possible until the database server is back."
            )
            if self.from_copy
            else i18n.say(self._manage_reason)
        )
        for button in (self.add_button, self.rename_button, self.active_button):
            button.setToolTip(reason)
        self.add_button.setEnabled(may_manage)
        for button in (self.rename_button, self.active_button):
            button.setEnabled(user is not None and may_manage)
        self.keys_button.setEnabled(user is not None)
        self.active_button.setText(
            self.tr("Reactivate") if user is not None and not user.active else self.tr("Deactivate")
        )

    def _replace(self, info: UserInfo) -> None:
        """Patch one user in place, keeping the key count the table already knows."""
        records = list(self.model.records)
        for position, record in enumerate(records):
            if record.email == info.email:
                records[position] = UserInfo(
                    info.email, info.display_name, info.active, record.key_count
                )
                break
        else:
            records.append(info)
        self.model.set_records(records)
        self.select_email(info.email)
        self._update_buttons()

    # --- actions ---

    def add_user(self) -> None:
        dialog = AddUserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            self._replace(dialog.added)
            self.message.emit(self.tr("Added the user {email}.").format(email=dialog.added.email))
        dialog.deleteLater()

    def rename_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        text = user.display_name
        while True:
            dialog = QInputDialog(self)
            dialog.setObjectName("renameUserDialog")
            dialog.setWindowTitle(self.tr("Edit display name"))
            dialog.setLabelText(self.tr("Display name of {email}:").format(email=user.email))
            dialog.setTextValue(text)
            dialog.setOkButtonText(self.tr("Save"))
            dialog.setCancelButtonText(self.tr("Cancel"))
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            text = dialog.textValue()
            dialog.deleteLater()
            if not accepted:
                return
            try:
                info = rename_user(user.email, text)
            except KeydeskError as error:
                show_error(self, self.tr("Could not rename the user"), i18n.error_text(error))
                continue  # ask again with what was typed
            self._replace(info)
            self.message.emit(
                self.tr("Renamed {email} to {name}.").format(
                    email=info.email, name=info.display_name
                )
            )
            return

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if user.active:
            question = self.tr("Deactivate {email}?").format(email=user.email)
            details = self.tr(
                "Their existing keys keep working and can still be revoked; they cannot "
                "be given new keys until reactivated."
            )
            if not confirm(
                self, self.tr("Deactivate user"), question, self.tr("Deactivate"),
                informative=details,
                destructive=False,
            ):  # fmt: skip
                return
        try:
            info = set_user_active(user.email, not user.active)
        except KeydeskError as error:
            show_error(self, self.tr("Could not change the user"), i18n.error_text(error))
            return
        self._replace(info)
        done = self.tr("Reactivated {email}.") if info.active else self.tr("Deactivated {email}.")
        self.message.emit(done.format(email=info.email))

    def show_keys(self) -> None:
        user = self.selected_user()
        if user is not None:
            self.showKeys.emit(user.email)
