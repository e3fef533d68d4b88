"""Create an API key: fill the form, Save hashes off the GUI thread, then copy the key once.

Save stays disabled until the input is valid (a name, a user, an expiry in the
future if one is set), as the services judge it. On Save the slow bcrypt step
(:func:`keydesk.services.keys.prepare_secret`) runs on a worker thread behind a busy
indicator; back on the GUI thread :func:`~keydesk.services.keys.create_key` writes the
key in one transaction. A refusal is shown under the field it names and nothing is
saved. Otherwise the :class:`CopyOnceDialog` shows the key (window-modal, opened with
``open()``), and when it closes this dialog accepts: ``exec()`` returns Accepted and
:attr:`created_prefix` names the new key.

Plaintext hygiene: the secret and the full key live only in local variables of
:meth:`CreateKeyDialog._on_prepared`, which drops them as soon as the copy-once
dialog is built; nothing is kept on ``self``.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError, ValidationError
from keydesk.services.keys import (
    NewKey,
    PreparedSecret,
    check_new_expiry,
    create_key,
    prepare_secret,
    validate_name,
)
from keydesk.views import i18n
from keydesk.views.confirm import show_error
from keydesk.views.copy_once_dialog import CopyOnceDialog
from keydesk.views.expiry_presets import ExpiryPresets
from keydesk.views.key_form import FormChoices, KeyForm, read_form_choices
from keydesk.views.key_form_fields import FieldError
from keydesk.views.tasks import Task, run_task
from keydesk.views.widgets import ContentScrollArea, fit_height, fit_to_screen


class CreateKeyDialog(QDialog):
    """The "Add API Key" dialog. ``if dialog.exec():`` a key was created and shown once.

    ``choices`` are read here when not given (see :func:`read_form_choices`)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        initial_user: str | None = None,
        choices: FormChoices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("createKeyDialog")
        self.setWindowTitle(self.tr("Add API key"))
        self.created_prefix: str | None = None
        self._busy = False
        self._task: Task | None = None

        self.form = KeyForm(choices or read_form_choices(), self)
        self.expiry_presets = ExpiryPresets(self.form.expiry)
        if initial_user:
            self.form.user.set_user(initial_user.strip().lower())

        self._general_error = FieldError("form", self)

        self._busy_label = QLabel(self.tr("Generating the key and hashing its secret…"), self)
        self._busy_label.setObjectName("busyLabel")
        self._progress = QProgressBar(self)
        self._progress.setObjectName("busyIndicator")
        self._progress.setRange(0, 0)
        self._progress.setTextVisible(False)
        self._progress.setAccessibleName(self.tr("Creating the key"))
        busy_row = QHBoxLayout()
        busy_row.addWidget(self._busy_label)
        busy_row.addWidget(self._progress, 1)
        self._busy_label.hide()
        self._progress.hide()

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("saveButton")
        self._save.setText(self.tr("&Create key"))
        self._save.setDefault(True)
        self._cancel = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("cancelButton")
        self._buttons.accepted.connect(self.save)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        body = ContentScrollArea(self.form, self)
        # Tab goes from Cancel back to the name, not to the scroll area (its fields scroll
        # themselves into view as they take focus).
        body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(body, 1)
        layout.addWidget(self._general_error)
        layout.addLayout(busy_row)
        layout.addWidget(self._buttons)

        chain = [*self.form.focus_chain(), self._save, self._cancel]
        chain.insert(chain.index(self.form.expiry.check), self.expiry_presets)
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

        self.form.edited.connect(self._revalidate)
        self._revalidate()
        self.form.name.edit.setFocus()
        self.setMinimumWidth(520)

    # -- validation -------------------------------------------------------------------------

    def _live_errors(self) -> dict[str, str]:
        """What keeps the input from being saved, field by field, as the services say."""
        values = self.form.values()
        problems: dict[str, str] = {}
        try:
            validate_name(str(values["name"]))
        except ValidationError as error:
            problems["name"] = i18n.error_text(error)
        if not values["user"]:
            problems["user"] = self.tr("Choose the user who will own the key.")
        try:
            check_new_expiry(self.form.expiry.value())
        except ValidationError as error:
            problems["expires"] = i18n.error_text(error)
        return problems

    def _revalidate(self) -> None:
        """Enable Save only for valid input; explain what is wrong once it helps."""
        problems = self._live_errors()
        self.form.clear_errors()
        self._general_error.clear_message()
        if self.form.name.touched and "name" in problems:
            self.form.show_error("name", problems["name"])
        if "expires" in problems:
            self.form.show_error("expires", problems["expires"])
        self._save.setEnabled(not problems and not self._busy)
        fit_height(self)

    def is_valid(self) -> bool:
        return not self._live_errors()

    def _new_key(self) -> NewKey:
        form = self.form
        return NewKey(
            name=form.name.text(),
            user=form.user.user() or "",
            role=form.role.role(),
            models=form.models.checked(),
            skills=form.skills.checked(),
            expires=form.expiry.value(),
            opt_in=form.opt_in.isChecked(),
        )

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """Start creating the key: hash a fresh secret on a worker thread."""
        if self._busy or self.created_prefix is not None:
            return
        if not self.is_valid():
            self._revalidate()
            return
        self._set_busy(True)
        self._task = run_task(prepare_secret, self._on_prepared, self._on_prepare_failed, self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.setEnabled(not busy)
        self._cancel.setEnabled(not busy)
        self._busy_label.setVisible(busy)
        self._progress.setVisible(busy)
        if busy:
            self._save.setEnabled(False)
        else:
            self._revalidate()

    def _on_prepared(self, prepared: PreparedSecret) -> None:
        """Back on the GUI thread: write the key, then show it once and forget it."""
        self._task = None
        try:
            created = create_key(self._new_key(), prepared)
        except ValidationError as error:
            del prepared
            self._set_busy(False)
            message = i18n.error_text(error)
            if not self.form.show_error(error.field, message):
                self._general_error.show_message(message)
            fit_height(self)
            return
        except KeydeskError as error:
            del prepared
            self._set_busy(False)
            self._general_error.show_message(i18n.error_text(error))
            return
        del prepared
        self.created_prefix = created.prefix
        self._busy_label.setText(self.tr("Key created."))
        self._progress.hide()
        copy_dialog = CopyOnceDialog(created.key, created.unique_name, self)
        del created  # the copy-once dialog now holds the only copy of the key
        copy_dialog.finished.connect(self._on_copy_dialog_closed)
        copy_dialog.open()

    def _on_prepare_failed(self, error: Exception) -> None:
        self._task = None
        self._set_busy(False)
        show_error(
            self,
            self.tr("Could not create the key"),
            self.tr("The key could not be generated: {error}").format(error=i18n.error_text(error)),
        )

    def _on_copy_dialog_closed(self, _result: int) -> None:
        self.accept()

    # -- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc and the close button do nothing while the key is being made."""
        if self._busy:
            return
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over the main window
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
