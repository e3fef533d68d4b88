"""The one moment a full key is shown: copy it now, it will not be shown again.

The dialog holds the key in exactly one place, the read-only ``secretField``; no
Python attribute keeps it. Copy (the button, or Ctrl+C in the field) puts it on the
clipboard and arms :func:`clear_clipboard_later`. Closing without ever copying asks
for confirmation. On close the field is emptied, so the dialog keeps nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QClipboard,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from keydesk.views.confirm import confirm
from keydesk.views.widgets import fit_to_screen, mute, set_text_colour

CLIPBOARD_CLEAR_MS = 60_000
"""How long a copied key may stay on the clipboard (tests shorten it)."""

_DIGEST_SALT = secrets.token_bytes(16)


def _digest(text: str) -> bytes:
    """A keyed SHA-256 of ``text``: lets us recognise the key without keeping it."""
    return hmac.new(_DIGEST_SALT, text.encode("utf-8"), hashlib.sha256).digest()


def _clipboard_modes(clipboard: QClipboard) -> list[QClipboard.Mode]:
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():  # X11: selecting text fills the primary selection
        modes.append(QClipboard.Mode.Selection)
    return modes


def clear_clipboard_later(text: str) -> QTimer:
    """Clear the clipboard in :data:`CLIPBOARD_CLEAR_MS` if it still holds ``text``.

    The single-shot timer belongs to the application, not to a dialog, so it still
    fires after the dialog that armed it has closed and been deleted.

    Why a digest and not the text: the timer's closure needs only to *recognise* the
    key when it fires, so it keeps a keyed SHA-256 of it (salted per process), never
    the plaintext. Keeping the key in the closure would keep it alive in keydesk's
    memory for the whole minute, after the copy-once dialog has forgotten it; with
    the digest, the plaintext lives only as long as the dialog shows it (and on the
    clipboard, which is the user's choice). If the user copied something else
    meanwhile, the digests differ and the clipboard is left alone.
    """
    digest = _digest(text)
    timer = QTimer(QApplication.instance())
    timer.setSingleShot(True)

    def clear_if_unchanged() -> None:
        clipboard = QGuiApplication.clipboard()
        for mode in _clipboard_modes(clipboard):
            if hmac.compare_digest(_digest(clipboard.text(mode)), digest):
                clipboard.clear(mode)
        timer.deleteLater()

    timer.timeout.connect(clear_if_unchanged)
    timer.start(CLIPBOARD_CLEAR_MS)
    return timer


class CopyOnceDialog(QDialog):
    """Shows a freshly created key once, with Copy and the warning that it is not kept."""

    def __init__(self, key: str, unique_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyOnceDialog")
        self.setWindowTitle(self.tr("Copy your new API key"))
        self._copied = False
        self._clear_timer: QTimer | None = None

        title = QLabel(
            self.tr("The key <b>{name}</b> was created.").format(name=html.escape(unique_name)),
            self,
        )
        title.setObjectName("copyOnceTitle")
        title.setTextFormat(Qt.TextFormat.RichText)

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        warning = QLabel(
            self.tr(
                "<b>Copy this key now. It will not be shown again.</b><br>"
                "keydesk keeps only a hash of it: if it is lost, revoke it and create a new one."
            ),
            self,
        )
        warning.setObjectName("copyOnceWarning")
        warning.setTextFormat(Qt.TextFormat.RichText)
        warning.setWordWrap(True)

        self._field = QLineEdit(self)
        self._field.setObjectName("secretField")
        self._field.setReadOnly(True)
        self._field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._field.setAccessibleName(self.tr("New API key"))
        self._field.setAccessibleDescription(
            self.tr("Read-only; Ctrl+C or the Copy button puts it on the clipboard")
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._field.setFont(font)
        self._field.setText(key)
        metrics = self._field.fontMetrics()
        self._field.setMinimumWidth(metrics.horizontalAdvance(key) + 4 * metrics.averageCharWidth())
        self._field.installEventFilter(self)

        self._copy_button = QPushButton(self.tr("&Copy"), self)
        self._copy_button.setObjectName("copyButton")
        self._copy_button.setToolTip(
            self.tr("Put the key on the clipboard (cleared after a minute)")
        )
        self._copy_button.setAutoDefault(True)  # focused, Enter copies
        self._copy_button.setDefault(True)  # and Enter in the key field too
        self._copy_button.clicked.connect(self.copy_key)

        self._status = QLabel(self)
        self._status.setObjectName("copyStatus")
        mute(self._status)
        self._status.setText(self.tr("Not copied yet."))

        buttons = QDialogButtonBox(self)
        self._done_button = buttons.addButton(
            self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._done_button.setObjectName("doneButton")
        buttons.accepted.connect(self.accept)

        warning_row = QHBoxLayout()
        warning_row.addWidget(icon)
        warning_row.addWidget(warning, 1)
        key_row = QHBoxLayout()
        key_row.addWidget(self._field, 1)
        key_row.addWidget(self._copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(warning_row)
        layout.addSpacing(6)
        layout.addLayout(key_row)
        layout.addWidget(self._status)
        layout.addSpacing(6)
        layout.addWidget(buttons)

        self.setTabOrder(self._field, self._copy_button)
        self.setTabOrder(self._copy_button, self._done_button)
        self._copy_button.setFocus()
        self._field.selectAll()
        self.setFixedHeight(self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over its parent
        super().showEvent(event)

    @property
    def copied(self) -> bool:
        """Whether the key was put on the clipboard at least once."""
        return self._copied

    def copy_key(self) -> None:
        """Put the key on the clipboard and arm its clearing (re-armed on every copy)."""
        text = self._field.text()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        if self._clear_timer is not None and shiboken6.isValid(self._clear_timer):
            self._clear_timer.stop()
            self._clear_timer.deleteLater()
        self._clear_timer = clear_clipboard_later(text)
        del text
        self._copied = True
        seconds = max(1, round(CLIPBOARD_CLEAR_MS / 1000))
        self._status.setText(
            self.tr(
                "Copied. The clipboard will be cleared in %Ln seconds if it still holds the key.",
                "",
                seconds,
            )
        )
        self._status.setForegroundRole(QPalette.ColorRole.WindowText)
        set_text_colour(self._status, "#2e7d32", "#a5d6a7")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+C in the key field goes through :meth:`copy_key`, so it too is tracked."""
        if (
            watched is self._field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self.copy_key()
            return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        """Every way out (Done, Esc, the window's close button) passes here."""
        if not self._copied and not confirm(
            self,
            self.tr("Close without copying?"),
            self.tr("Close without copying the key?"),
            self.tr("Close &without copying"),
            informative=self.tr(
                "The key will not be shown again. Without it, no service can use "
                "this key: you would have to revoke it and create a new one."
            ),
        ):
            return
        self._field.setText("")
        self._field.removeEventFilter(self)
        super().done(result)
