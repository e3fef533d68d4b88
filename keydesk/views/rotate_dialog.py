"""Rotate a key: choose how long the old one keeps working, then copy the new one once.

The grace period is picked from a short list (stop now, 1 hour, 24 hours, 7 days, 30
days; 24 hours by default) and the dialog says when the old key will stop working,
already cut at its own expiry, since a rotation never lengthens a lifetime. On Rotate
the new secret is hashed on a worker thread (bcrypt), then
:func:`~keydesk.services.rotation.rotate_key` writes both keys in one short
transaction on the GUI thread, as the create dialog does; the
:class:`~keydesk.views.copy_once_dialog.CopyOnceDialog` shows the new key and, when it
closes, this dialog accepts with :attr:`RotateKeyDialog.new_prefix` set.

The new key lives only in a local variable until the copy-once dialog holds it.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyDetail, PreparedSecret, prepare_secret
from keydesk.services.rotation import DEFAULT_GRACE, GRACE_CHOICES, rotate_key
from keydesk.views import i18n
from keydesk.views.copy_once_dialog import CopyOnceDialog
from keydesk.views.formatting import format_time
from keydesk.views.tasks import Task, run_task
from keydesk.views.widgets import fit_to_screen, mute


def grace_label(duration: timedelta, label: str) -> str:
    """A grace period's label (the services' ``label`` for ``duration``) in the current
    language."""
    labels = {
        timedelta(0): QCoreApplication.translate("RotateKeyDialog", "Stop now"),
        timedelta(hours=1): QCoreApplication.translate("RotateKeyDialog", "1 hour"),
        timedelta(hours=24): QCoreApplication.translate("RotateKeyDialog", "24 hours"),
        timedelta(days=7): QCoreApplication.translate("RotateKeyDialog", "7 days"),
        timedelta(days=30): QCoreApplication.translate("RotateKeyDialog", "30 days"),
    }
    return labels.get(duration, label)


def stops_at(detail: KeyDetail, grace: timedelta, now: datetime | None = None) -> datetime:
    """When the old key stops working after a rotation with ``grace``: never later than
    its own expiry (the service applies the same rule)."""
    stops = (now or utcnow()) + grace
    return stops if detail.expires is None else min(detail.expires, stops)


class RotateKeyDialog(QDialog):
    """``if dialog.exec():`` the key was rotated and the new one shown once."""

    def __init__(self, detail: KeyDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotateKeyDialog")
        self.setWindowTitle(self.tr("Rotate key"))
        self._detail = detail
        self._busy = False
        self._task: Task | None = None
        self.new_prefix: str | None = None
        self.old_expires: datetime | None = None

        title = QLabel(
            self.tr("Rotate <b>{name}</b> ({prefix})").format(
                name=html.escape(detail.name), prefix=detail.prefix
            ),
            self,
        )
        title.setObjectName("rotateTitle")
        title.setTextFormat(Qt.TextFormat.RichText)
        explanation = QLabel(
            self.tr(
                "A new key replaces this one, with the same name, role, models, skills, "
                "usage opt-in and owner, and the same expiry. It is shown once. The old key "
                "keeps working for the grace period, so services can switch over, then expires."
            ),
            self,
        )
        explanation.setWordWrap(True)
        mute(explanation)

        self.grace = QComboBox(self)
        self.grace.setObjectName("graceCombo")
        self.grace.setAccessibleName(self.tr("Grace period of the old key"))
        self.grace.setAccessibleDescription(self.tr("How long the old key keeps working"))
        for label, duration in GRACE_CHOICES:
            self.grace.addItem(grace_label(duration, label), duration)
        self.grace.setCurrentIndex([d for _, d in GRACE_CHOICES].index(DEFAULT_GRACE))
        self.grace.currentIndexChanged.connect(self._update_stop_time)
        self._stops = QLabel(self)
        self._stops.setObjectName("oldKeyStops")
        self._stops.setWordWrap(True)
        form = QFormLayout()
        grace_row_label = QLabel(self.tr("&Old key keeps working:"), self)
        grace_row_label.setBuddy(self.grace)
        form.addRow(grace_row_label, self.grace)
        form.addRow("", self._stops)

        self._busy_label = QLabel(self.tr("Generating the new key and hashing its secret…"), self)
        self._progress = QProgressBar(self)
        self._progress.setObjectName("busyIndicator")
        self._progress.setRange(0, 0)
        self._progress.setTextVisible(False)
        self._progress.setAccessibleName(self.tr("Rotating the key"))
        self._error = QLabel(self)
        self._error.setObjectName("rotateError")
        self._error.setWordWrap(True)
        for widget in (self._busy_label, self._progress, self._error):
            widget.hide()

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self._rotate = self._buttons.addButton(
            self.tr("&Rotate key"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._rotate.setObjectName("rotateButton")
        self._rotate.setDefault(True)
        self._cancel = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("cancelButton")
        self._buttons.accepted.connect(self.rotate)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self._busy_label)
        layout.addWidget(self._progress)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(460)
        self._update_stop_time()
        self.grace.setFocus()

    def grace_period(self) -> timedelta:
        value = self.grace.currentData()
        return value if isinstance(value, timedelta) else DEFAULT_GRACE

    def set_grace(self, grace: timedelta) -> None:
        index = self.grace.findData(grace)
        if index >= 0:
            self.grace.setCurrentIndex(index)

    def _update_stop_time(self, *_args: object) -> None:
        grace = self.grace_period()
        stops = stops_at(self._detail, grace)
        if grace == timedelta(0):
            text = self.tr("The old key stops working as soon as the new one is created.")
        else:
            text = self.tr("The old key stops working at {time}.").format(time=format_time(stops))
        if self._detail.expires is not None and stops == self._detail.expires:
            text += " " + self.tr("That is its own expiry: a rotation never lengthens a lifetime.")
        self._stops.setText(text)

    # --- rotating ---

    def rotate(self) -> None:
        if self._busy or self.new_prefix is not None:
            return
        self._set_busy(True)
        self._task = run_task(prepare_secret, self._on_prepared, self._on_failed, self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.grace.setEnabled(not busy)
        self._rotate.setEnabled(not busy)
        self._cancel.setEnabled(not busy)
        self._busy_label.setVisible(busy)
        self._progress.setVisible(busy)

    def _on_prepared(self, prepared: PreparedSecret) -> None:
        """Back on the GUI thread: write both keys, then show the new one once."""
        self._task = None
        try:
            rotated = rotate_key(self._detail.prefix, self.grace_period(), prepared=prepared)
        except KeydeskError as error:
            del prepared
            self._set_busy(False)
            self._show_error(i18n.error_text(error))
            return
        del prepared
        self.new_prefix = rotated.new.prefix
        self.old_expires = rotated.old_expires
        self._busy_label.setText(self.tr("Key rotated."))
        self._progress.hide()
        copy_dialog = CopyOnceDialog(rotated.new.key, rotated.new.unique_name, self)
        del rotated  # the copy-once dialog now holds the only copy of the key
        copy_dialog.finished.connect(lambda _result: self.accept())
        copy_dialog.open()

    def _on_failed(self, error: Exception) -> None:
        self._task = None
        self._set_busy(False)
        self._show_error(
            self.tr("The new key could not be generated: {error}").format(
                error=i18n.error_text(error)
            )
        )

    def _show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()

    # --- closing ---

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over its parent
        super().showEvent(event)
