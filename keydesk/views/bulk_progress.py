"""How far a change of many keys is, in the status bar, with a way to cancel it.

Revoking 91,896 keys takes 15 s or more (reading them, writing the flag, recording one
audit event each, all in one transaction); the status bar had only "Revoking 91,896
keys…", and only for its first 8 s. :class:`BulkProgress` shows the words, a determinate
bar and a Cancel button for as long as the change runs. Cancel asks the worker to stop at
its next chunk: the transaction then rolls back and nothing is changed. Once the last
chunk is written the change commits and can no longer be cancelled.

Object names: ``bulkProgress``, ``bulkProgressLabel``, ``bulkProgressBar``,
``bulkCancelButton``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

#: The bar's range: tenths of a percent.
STEPS = 1000


class BulkProgress(QWidget):
    """Words, a bar and Cancel for the change of many keys under way (hidden between)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkProgress")
        self.label = QLabel(self)
        self.label.setObjectName("bulkProgressLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("bulkProgressBar")
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Progress of the change"))
        self.bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("bulkCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._doing = ""
        self._cancel: threading.Event | None = None
        self.hide()

    @property
    def doing(self) -> str:
        """What is being done ("Revoking 91,896 keys…"), "" when nothing."""
        return self._doing

    def start(self, doing: str, cancel: threading.Event | None) -> None:
        """Show ``doing`` at 0 %; Cancel sets ``cancel`` (None: cannot be cancelled)."""
        self._doing = doing
        self._cancel = cancel
        self.bar.setValue(0)
        self.cancel_button.setEnabled(cancel is not None)
        self.cancel_button.setVisible(cancel is not None)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop before anything is written; no key is changed"))
        self._show_text()
        self.setAccessibleName(doing)
        self.show()

    def advance(self, steps: int) -> None:
        """Done so far, out of :data:`STEPS`."""
        self.bar.setValue(max(self.bar.value(), min(STEPS, steps)))
        self._show_text()

    def cancel(self) -> None:
        if self._cancel is None or self._cancel.is_set():
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))

    @property
    def cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def finish(self) -> None:
        self._doing = ""
        self._cancel = None
        self.hide()

    def _show_text(self) -> None:
        percent = QLocale().toString(self.bar.value() * 100 // STEPS)
        self.label.setText(
            self.tr("{doing} {percent} %").format(doing=self._doing, percent=percent)
        )
        self.bar.setAccessibleDescription(self.label.text())
