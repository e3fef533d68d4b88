"""Opening a key's details and adding a key, from the keys page.

The detail dialog is told by the live refresh when its key changes elsewhere while it
is open; afterwards the page patches the key's row (edited, revoked) or removes it
(deleted). The create dialog opens once what it offers has been read in a worker, and
the created key is appended and selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from keydesk.errors import KeydeskError
from keydesk.offline import refuse_offline
from keydesk.services.keys import get_key_rows
from keydesk.views.confirm import show_error
from keydesk.views.key_actions import OFFLINE_ACTIONS
from keydesk.views.reading import run_read

if TYPE_CHECKING:
    from keydesk.views.keys_page import KeysPage


class KeyDialogs(QObject):
    """Opens the detail and create dialogs of ``page``; :attr:`open_dialog` is the detail
    dialog shown, if any, for the live refresh's notices."""

    def __init__(self, page: KeysPage) -> None:
        super().__init__(page)
        self._page = page
        self.open_dialog: Any = None
        self._opening_create = False  # the create form's choices are being read

    def open_row(self, proxy_row: int) -> None:
        """Open the detail dialog of the key shown in ``proxy_row``; afterwards patch the
        row (edited, revoked) or remove it (deleted)."""
        page = self._page
        if not 0 <= proxy_row < page.proxy.rowCount():
            return
        if not page.allowed("open"):
            return
        prefix = page.proxy.key_row(proxy_row).prefix
        dialog = self.detail_dialog(prefix)
        if dialog is None:
            return
        dialog.exec()
        if getattr(dialog, "deleted", False):
            page.remove_local([prefix])
            page.message.emit(f"Deleted the key {prefix}.")
        elif getattr(dialog, "changed", False):
            self.refresh_key(prefix)
        dialog.deleteLater()

    def detail_dialog(self, prefix: str) -> QDialog | None:
        """The detail dialog of ``prefix`` (not shown yet), wired to the session and told
        by the live refresh when its key changes elsewhere while it is open."""
        page = self._page
        try:
            from keydesk.views.key_detail_dialog import KeyDetailDialog
        except ImportError:
            show_error(page, "Key details", "The key detail dialog is not available.")
            return None
        try:
            dialog = KeyDetailDialog(prefix, page)
        except Exception as error:
            if page.session is not None and page.session.handle_error(error):
                page.message.emit(str(refuse_offline(OFFLINE_ACTIONS["open"])))
                return None
            raise
        attach = getattr(dialog, "set_session", None)
        if attach is not None:  # tests may stand in a simpler dialog
            attach(page.session)
        self.open_dialog = dialog

        def forget(*_args: object) -> None:
            if self.open_dialog is dialog:
                self.open_dialog = None

        dialog.finished.connect(forget)
        dialog.destroyed.connect(forget)
        return dialog

    def refresh_key(self, prefix: str) -> None:
        """Re-read one key (a quick read on the GUI thread) and patch its row; a key
        that no longer exists leaves the table."""
        page = self._page
        try:
            rows = page.server_call("refreshing the key", lambda: get_key_rows([prefix]))
        except KeydeskError as error:
            page.message.emit(str(error))
            return
        if rows:
            page.model.replace_rows({prefix: rows[0]})
        else:
            page.remove_local([prefix])

    def add_key(self) -> None:
        """Open the create dialog once what it offers (users, models, skills) has been
        read in a worker (5,000 users over a network would hold the window ~50 ms); a
        created key is appended and selected."""
        page = self._page
        if self._opening_create or not page.allowed("create"):
            return
        try:
            from keydesk.views.create_dialog import CreateKeyDialog
            from keydesk.views.key_form import read_form_choices
        except ImportError:
            show_error(page, "Add API Key", "The create dialog is not available.")
            return
        self._opening_create = True

        def show(choices: Any) -> None:
            self._opening_create = False
            if not page.allowed("create"):  # e.g. the server went away meanwhile
                return
            dialog = CreateKeyDialog(page, choices=choices)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            prefix = getattr(dialog, "created_prefix", None)
            dialog.deleteLater()
            if accepted and prefix:
                self.add_created(prefix)

        def failed(error: Exception) -> None:
            self._opening_create = False
            if page.session is not None and page.session.handle_error(error):
                page.message.emit(str(refuse_offline(OFFLINE_ACTIONS["create"])))
                return
            if not isinstance(error, KeydeskError):
                raise error
            show_error(page, "Add API Key", str(error))

        run_read(read_form_choices, show, failed, self)

    def add_created(self, prefix: str) -> None:
        page = self._page
        try:
            rows = page.server_call("showing the new key", lambda: get_key_rows([prefix]))
        except KeydeskError as error:
            show_error(page, "Could not show the new key", str(error))
            return
        if not rows:
            page.message.emit(f"The key {prefix} was deleted meanwhile.")
            return
        row = rows[0]
        if page.model.find_rows([prefix]):
            page.model.replace_rows({prefix: row})
        else:
            page.model.append_rows([row])
            if page.loading:
                page.added_while_loading(prefix)
        page.emit_counts()
        if page.select_prefix(prefix):
            page.message.emit(f"Created the key {row.name} ({prefix}).")
        else:
            page.message.emit(
                f"Created the key {row.name} ({prefix}); the current search hides it."
            )
