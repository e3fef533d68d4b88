"""Opening a key's details and adding a key, from the keys page.

Each dialog opens once what it shows has been read in a worker (the key and the form's
choices for the detail dialog, :func:`read_key_detail`; the choices for the create
dialog, :func:`read_form_choices`), so the GUI thread reads nothing. Afterwards the
key's row is read in a worker too and patched in (edited, revoked, created) or removed
(deleted). The detail dialog is told by the live refresh when its key changes elsewhere
while it is open (:attr:`KeyDialogs.open_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from keydesk.errors import KeydeskError, NotFound, sentence
from keydesk.services.keys import KeyRow, get_key_rows
from keydesk.views import i18n
from keydesk.views.confirm import show_error
from keydesk.views.key_actions import OFFLINE_ACTIONS
from keydesk.views.offline_reads import read_sourced
from keydesk.views.reading import run_read
from keydesk.views.tasks import run_task

if TYPE_CHECKING:
    from keydesk.views.key_detail_dialog import KeyDetailDialog
    from keydesk.views.key_detail_parts import KeyDetailData
    from keydesk.views.key_form import FormChoices
    from keydesk.views.keys_page import KeysPage


class KeyDialogs(QObject):
    """Opens the detail and create dialogs of ``page``; :attr:`open_dialog` is the detail
    dialog shown, if any, for the live refresh's notices."""

    def __init__(self, page: KeysPage) -> None:
        super().__init__(page)
        self._page = page
        self.open_dialog: KeyDetailDialog | None = None
        self._opening = False  # what a dialog shows is being read: one dialog at a time

    # --- details ---

    def open_row(self, proxy_row: int) -> None:
        """Open the detail dialog of the key shown in ``proxy_row`` once the key is read;
        afterwards patch its row (edited, revoked) or remove it (deleted)."""
        page = self._page
        if self._opening or not 0 <= proxy_row < page.proxy.rowCount():
            return
        if not page.allowed("open"):
            return
        prefix = page.proxy.key_row(proxy_row).prefix
        self._opening = True
        # The detail's readers and form, imported when a dialog first opens (here, on the
        # GUI thread, not in the worker that reads).
        from keydesk.views import key_detail_copy, key_detail_parts

        def show(data: KeyDetailData) -> None:
            self._opening = False
            if page.allowed("open"):  # e.g. the server went away meanwhile
                self._show_detail(prefix, data)

        def failed(error: Exception) -> None:
            self._opening = False
            if isinstance(error, NotFound):  # deleted on another desk meanwhile
                page.remove_local([prefix])
                page.message.emit(
                    self.tr("The key {prefix} no longer exists.").format(prefix=prefix)
                )
                return
            self._read_failed("open", self.tr("Key details"), error)

        session = page.session  # offline the key is read from the copy, on no connection

        def read() -> KeyDetailData:
            return read_sourced(
                session,
                OFFLINE_ACTIONS["open"],
                lambda: key_detail_parts.read_key_detail(prefix),
                lambda copy: key_detail_copy.read_key_detail_from_copy(copy, prefix),
            ).value

        run_task(read, show, failed, self)

    def detail_dialog(self, prefix: str, data: KeyDetailData | None = None) -> KeyDetailDialog:
        """The detail dialog of ``prefix`` (not shown yet), wired to the session and told
        by the live refresh when its key changes elsewhere while it is open. Without
        ``data`` it reads the key itself, in a worker."""
        page = self._page
        from keydesk.views import key_detail_dialog  # imported when a dialog first opens

        dialog = key_detail_dialog.KeyDetailDialog(prefix, page, session=page.session, data=data)
        self.open_dialog = dialog

        def forget(*_args: object) -> None:
            if self.open_dialog is dialog:
                self.open_dialog = None

        dialog.finished.connect(forget)
        dialog.destroyed.connect(forget)
        dialog.keyCreated.connect(self.add_created)  # rotated or created similar
        return dialog

    def _show_detail(self, prefix: str, data: KeyDetailData) -> None:
        page = self._page
        dialog = self.detail_dialog(prefix, data)
        dialog.exec()
        outcome = dialog.outcome
        dialog.deleteLater()
        from keydesk.views.key_detail_parts import DetailOutcome

        if outcome is DetailOutcome.DELETED:
            page.remove_local([prefix])
            page.message.emit(self.tr("Deleted the key {prefix}.").format(prefix=prefix))
        elif outcome is DetailOutcome.CHANGED and (page.session is None or page.session.online):
            self.refresh_key(prefix)  # offline a queued revocation shows as pending already

    def refresh_key(self, prefix: str) -> None:
        """Read one key's row again in a worker and patch it in; a key that no longer
        exists leaves the table."""
        page = self._page

        def patch(row: KeyRow | None) -> None:
            if row is None:
                page.remove_local([prefix])
            elif page.model.find_rows([prefix]):  # not during a reload: that brings it
                page.model.replace_rows({prefix: row})

        def failed(error: Exception) -> None:
            if page.session is not None and page.session.handle_error(error):
                return  # offline now: the status bar says so
            if not isinstance(error, KeydeskError):
                raise error
            page.message.emit(i18n.error_text(error))

        self._read_row(sentence("OfflineAction", "refreshing the key"), prefix, patch, failed)

    # --- adding ---

    def add_key(self) -> None:
        """Open the create dialog once what it offers (users, models, skills) has been
        read in a worker (5,000 users over a network would hold the window ~50 ms); a
        created key is appended and selected."""
        page = self._page
        if self._opening or not page.allowed("create"):
            return
        self._opening = True
        from keydesk.views import key_form  # imported when a dialog first opens

        def show(choices: FormChoices) -> None:
            self._opening = False
            if not page.allowed("create"):  # e.g. the server went away meanwhile
                return
            from keydesk.views import create_dialog  # imported when a dialog first opens

            dialog = create_dialog.CreateKeyDialog(page, choices=choices)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            prefix = dialog.created_prefix
            dialog.deleteLater()
            if accepted and prefix:
                self.add_created(prefix)

        def failed(error: Exception) -> None:
            self._opening = False
            self._read_failed("create", self.tr("Add API Key"), error)

        run_read(key_form.read_form_choices, show, failed, self)

    def add_created(self, prefix: str) -> None:
        """Read the created key's row in a worker, append it (or patch it, if the live
        refresh brought it first) and select it."""
        page = self._page

        def show(row: KeyRow | None) -> None:
            if row is None:
                page.message.emit(
                    self.tr("The key {prefix} was deleted meanwhile.").format(prefix=prefix)
                )
                return
            if page.model.find_rows([prefix]):
                page.model.replace_rows({prefix: row})
            else:
                page.model.append_rows([row])
                if page.loading:
                    page.added_while_loading(prefix)
            page.emit_counts()
            if page.select_prefix(prefix):
                page.message.emit(
                    self.tr("Created the key {name} ({prefix}).").format(
                        name=row.name, prefix=prefix
                    )
                )
            else:
                page.message.emit(
                    self.tr(
                        "Created the key {name} ({prefix}); the current search hides it."
                    ).format(name=row.name, prefix=prefix)
                )

        def failed(error: Exception) -> None:
            if page.session is not None and page.session.handle_error(error):
                return  # offline now: the status bar says so; the key exists
            if not isinstance(error, KeydeskError):
                raise error
            show_error(page, self.tr("Could not show the new key"), i18n.error_text(error))

        self._read_row(sentence("OfflineAction", "showing the new key"), prefix, show, failed)

    # --- reading ---

    def _read_row(
        self,
        action: str,
        prefix: str,
        on_done: Callable[[KeyRow | None], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        """``prefix``'s row (None if the key no longer exists), read in a worker; refused
        with one sentence in the status bar when offline."""
        session = self._page.session
        if session is not None:
            try:
                session.ensure_online(action)
            except KeydeskError as error:
                self._page.message.emit(i18n.error_text(error))
                return

        def read() -> KeyRow | None:
            rows = get_key_rows([prefix])
            return rows[0] if rows else None

        run_read(read, on_done, on_failed, self)

    def _read_failed(self, action: str, title: str, error: Exception) -> None:
        """A read before a dialog failed: offline, say so in the status bar; a refusal,
        show it; anything else is a bug and raises."""
        page = self._page
        if page.session is not None and page.session.handle_error(error):
            page.message.emit(i18n.error_text(page.session.refusal(OFFLINE_ACTIONS[action])))
            return
        if not isinstance(error, KeydeskError):
            raise error
        show_error(page, title, i18n.error_text(error))
