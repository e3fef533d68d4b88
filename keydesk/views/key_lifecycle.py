"""Rotate key…, Create similar… and Find leaked keys…, from the keys page and the detail
dialog.

The page's actions (:class:`KeyLifecycle`) act on the one selected key: its details are
read in a worker, then the rotate dialog or a create dialog filled from it opens; the new
key's row is appended and the old one's row read again (a rotation moved its expiry).
The detail dialog gets the same two buttons (:class:`DetailLifecycleButtons`); it reports
a key it created through :attr:`KeyDetailDialog.keyCreated`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from keydesk.errors import KeydeskError, sentence
from keydesk.services.key_records import KeyDetail
from keydesk.services.keys import get_key
from keydesk.views import i18n
from keydesk.views.confirm import show_error
from keydesk.views.reading import run_read

if TYPE_CHECKING:
    from keydesk.views.create_dialog import CreateKeyDialog
    from keydesk.views.key_form import FormChoices
    from keydesk.views.keys_page import KeysPage


def fill_from(dialog: CreateKeyDialog, detail: KeyDetail) -> None:
    """Fill a create dialog from ``detail``: name, role, models, skills, opt-in, user
    (not the expiry: a new key's lifetime is chosen anew)."""
    form = dialog.form
    form.name.set_text(detail.name)
    form.role.set_role(detail.role)
    form.models.set_checked(detail.models)
    form.skills.set_checked(detail.skills)
    form.opt_in.setChecked(detail.opt_in)
    form.user.set_user(detail.user)
    dialog.setWindowTitle(
        QCoreApplication.translate("KeyLifecycle", "Add API key like {unique_name}").format(
            unique_name=detail.unique_name
        )
    )


def rotate(parent: QWidget, detail: KeyDetail) -> str | None:
    """Open the rotate dialog on ``detail``; the new key's prefix once rotated."""
    from keydesk.views.rotate_dialog import RotateKeyDialog  # not needed before it opens

    dialog = RotateKeyDialog(detail, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    prefix = dialog.new_prefix
    dialog.deleteLater()
    return prefix if accepted else None


def create_similar(parent: QWidget, detail: KeyDetail, choices: FormChoices) -> str | None:
    """Open a create dialog filled from ``detail``; the new key's prefix once created."""
    from keydesk.views.create_dialog import CreateKeyDialog  # not needed before it opens

    dialog = CreateKeyDialog(parent, choices=choices)
    fill_from(dialog, detail)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    prefix = dialog.created_prefix
    dialog.deleteLater()
    return prefix if accepted else None


def can_rotate(detail: KeyDetail | None) -> bool:
    return detail is not None and not detail.revoked and not detail.has_expired


class KeyLifecycle(QObject):
    """The keys page's Rotate key…, Create similar… and Find leaked keys… actions."""

    def __init__(self, page: KeysPage) -> None:
        super().__init__(page)
        self._page = page
        self._busy = False

        self.rotate_action = QAction(self.tr("Rotate key…"), page)
        self.rotate_action.setObjectName("rotateKeyAction")
        self.rotate_action.setToolTip(
            self.tr("Replace the selected key by a new one, with a grace period")
        )
        self.rotate_action.triggered.connect(self.rotate_selected)
        self.similar_action = QAction(self.tr("Create similar…"), page)
        self.similar_action.setObjectName("createSimilarAction")
        self.similar_action.setToolTip(self.tr("Add a key with the selected key's settings"))
        self.similar_action.triggered.connect(self.create_similar_selected)
        self.find_leaked_action = QAction(self.tr("Find leaked keys…"), page)
        self.find_leaked_action.setObjectName("findLeakedAction")
        self.find_leaked_action.setToolTip(
            self.tr("Find keydesk keys in pasted text and revoke them")
        )
        self.find_leaked_action.triggered.connect(self.find_leaked)

    def update(self, selected: int, reason: Callable[[str], str]) -> None:
        """Enable the per-key actions for exactly one selected key."""
        self.rotate_action.setEnabled(selected == 1 and not reason("create"))
        self.similar_action.setEnabled(selected == 1 and not reason("create"))
        self.find_leaked_action.setEnabled(not reason("revoke"))

    def _selected_prefix(self) -> str | None:
        rows = self._page.selected_rows()
        return rows[0][1].prefix if len(rows) == 1 else None

    def _with_selected(self, then: Callable[[KeyDetail, FormChoices], None]) -> None:
        page = self._page
        prefix = self._selected_prefix()
        if prefix is None or self._busy or not page.allowed("create"):
            return
        self._busy = True
        from keydesk.views import key_form  # imported when a dialog first opens

        def read() -> tuple[KeyDetail, FormChoices]:
            return get_key(prefix), key_form.read_form_choices()

        def done(result: tuple[KeyDetail, FormChoices]) -> None:
            self._busy = False
            then(*result)

        def failed(error: Exception) -> None:
            self._busy = False
            if page.session is not None and page.session.handle_error(error):
                return
            if not isinstance(error, KeydeskError):
                raise error
            show_error(page, self.tr("Key"), i18n.error_text(error))

        run_read(read, done, failed, self)

    def rotate_selected(self) -> None:
        def show(detail: KeyDetail, _choices: FormChoices) -> None:
            if not can_rotate(detail):
                text = (
                    self.tr("The key {prefix} is revoked: there is nothing to rotate.")
                    if detail.revoked
                    else self.tr("The key {prefix} is expired: there is nothing to rotate.")
                )
                self._page.message.emit(text.format(prefix=detail.prefix))
                return
            new_prefix = rotate(self._page, detail)
            if new_prefix:
                self.created(new_prefix, replaced=detail.prefix)

        self._with_selected(show)

    def create_similar_selected(self) -> None:
        def show(detail: KeyDetail, choices: FormChoices) -> None:
            new_prefix = create_similar(self._page, detail, choices)
            if new_prefix:
                self.created(new_prefix)

        self._with_selected(show)

    def created(self, prefix: str, *, replaced: str | None = None) -> None:
        """A key was created (and one perhaps rotated): bring both rows up to date."""
        dialogs = self._page.key_dialogs
        if replaced is not None:
            dialogs.refresh_key(replaced)
        dialogs.add_created(prefix)

    def find_leaked(self) -> None:
        page = self._page
        if not page.allowed("revoke"):
            return
        from keydesk.views.leaks_dialog import FindLeakedDialog  # not needed before it opens

        dialog = FindLeakedDialog(
            page, session=page.session, queue=page.key_actions.queue_revocation
        )
        dialog.keysRevoked.connect(self._refresh_rows)
        dialog.exec()
        dialog.deleteLater()

    def _refresh_rows(self, prefixes: list[str]) -> None:
        for prefix in prefixes:
            self._page.key_dialogs.refresh_key(prefix)


class DetailLifecycleButtons(QObject):
    """Rotate… and Create similar… in the detail dialog. ``detail()`` is the key shown;
    ``on_created(new_prefix, rotated)`` hears of a key made from it."""

    def __init__(
        self,
        parent: QWidget,
        detail: Callable[[], KeyDetail | None],
        on_created: Callable[[str, bool], None],
        ensure_online: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._detail = detail
        self._on_created = on_created
        self._ensure_online = ensure_online
        self.rotate_button = QPushButton(self.tr("Ro&tate…"), parent)
        self.rotate_button.setObjectName("rotateKeyButton")
        self.rotate_button.setAutoDefault(False)
        self.rotate_button.setToolTip(
            self.tr("Replace this key by a new one; this one keeps working for a grace period")
        )
        self.rotate_button.clicked.connect(self.rotate)
        self.similar_button = QPushButton(self.tr("Create s&imilar…"), parent)
        self.similar_button.setObjectName("createSimilarButton")
        self.similar_button.setAutoDefault(False)
        self.similar_button.setToolTip(self.tr("Add a new key with this key's settings"))
        self.similar_button.clicked.connect(self.create_similar)

    def update(self) -> None:
        detail = self._detail()
        self.rotate_button.setEnabled(can_rotate(detail))
        self.similar_button.setEnabled(detail is not None)

    def _online(self, action: str) -> bool:
        if self._ensure_online is None:
            return True
        try:
            self._ensure_online(action)
        except KeydeskError as error:
            show_error(self._parent, self.tr("Offline"), i18n.error_text(error))
            return False
        return True

    def rotate(self) -> None:
        detail = self._detail()
        rotating = sentence("Offline", "rotating keys")
        if not can_rotate(detail) or detail is None or not self._online(rotating):
            return
        new_prefix = rotate(self._parent, detail)
        if new_prefix:
            self._on_created(new_prefix, True)

    def create_similar(self) -> None:
        detail = self._detail()
        if detail is None or not self._online(sentence("Offline", "creating keys")):
            return

        def show(choices: FormChoices) -> None:
            new_prefix = create_similar(self._parent, detail, choices)
            if new_prefix:
                self._on_created(new_prefix, False)

        def failed(error: Exception) -> None:
            if not isinstance(error, KeydeskError):
                raise error
            show_error(self._parent, self.tr("Create similar"), i18n.error_text(error))

        from keydesk.views import key_form  # imported when a dialog first opens

        run_read(key_form.read_form_choices, show, failed, self)
