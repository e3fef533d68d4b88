"""One key in full: what the system set (read-only) and what an admin may change.

The top half shows the fields nobody edits (prefix, unique name, created, status,
revoked and when, has expired, last used) as selectable text. The bottom half is the
shared :class:`~keydesk.views.key_form.KeyForm`. Save stays disabled until something
changed and the input passes the services' own checks (``validate_name``,
``check_expiry_change``); it then sends only the changed fields to
:func:`~keydesk.services.keys.edit_key` with the version read when the dialog loaded,
so an edit made elsewhere meanwhile is reported as a conflict instead of overwritten.
A refusal is shown under the field it names and nothing is saved.

Revoke and Delete each ask first, naming the key. A revoked key opens read-only behind
a "Revoked" banner; only Delete (and Close) remain. After ``exec()``, :attr:`changed`
says the key was saved or revoked and :attr:`deleted` that it was deleted; :attr:`outcome`
says the same in one value.

Team work: when the live refresh reports that the key changed on another desk while the
dialog is open (:meth:`KeyDetailDialog.check_changed_elsewhere`), a notice says what
changed; a stale save is refused with the same list, and Reload shows the key as it is
now so the change can be applied again. With an offline session, saving and deleting are
refused with one sentence and revoking is queued. Opened from the offline copy
(:mod:`keydesk.views.key_detail_copy`), it shows the key read-only behind an "as of"
banner; Revoke still queues. The History group lists the key's latest audited changes.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import Conflict, KeydeskError, NotFound, ValidationError, sentence
from keydesk.offline import OfflineSession
from keydesk.services.keys import (
    KeyChanges,
    KeyDetail,
    changed_fields,
    check_expiry_change,
    delete_keys,
    edit_key,
    get_key,
    revoke_keys,
    validate_name,
)
from keydesk.views import i18n
from keydesk.views.confirm import confirm
from keydesk.views.copy_note import CopyNote
from keydesk.views.formatting import format_time
from keydesk.views.key_change_text import change_lines, your_change
from keydesk.views.key_detail_parts import (
    DetailOutcome,
    KeyDetailData,
    changed_notice,
    detail_header,
    read_key_detail,
    revoked_banner,
)
from keydesk.views.key_form import FormChoices, KeyForm
from keydesk.views.key_form_fields import FieldError, local_zone_name, role_text
from keydesk.views.key_history import KeyHistory
from keydesk.views.key_info import STATUS_COLOURS, KeyInfo, status_text, status_tip
from keydesk.views.key_lifecycle import DetailLifecycleButtons
from keydesk.views.reading import run_read
from keydesk.views.tasks import Task
from keydesk.views.usage_chart import UsageSection
from keydesk.views.widgets import ContentScrollArea, fit_height, fit_to_screen

T = TypeVar("T")


class KeyDetailDialog(QDialog):
    """View and edit one key; revoke or delete it after a confirmation naming it.

    The GUI thread reads nothing: given ``data`` (:func:`read_key_detail`, run in a
    worker), the dialog shows it at once; without, it opens showing "Loading…" and reads
    it in a worker itself. Reload reads in a worker too; ``loaded`` follows each read
    (its outcome shown), and Save waits while one is under way.
    """

    loaded = Signal()
    #: A key made from this one (rotated or created similar): its prefix.
    keyCreated = Signal(str)

    def __init__(
        self,
        prefix: str,
        parent: QWidget | None = None,
        *,
        session: OfflineSession | None = None,
        data: KeyDetailData | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyDetailDialog")
        self.setWindowTitle(self.tr("API key"))
        self.changed = False
        self.deleted = False
        self._prefix = prefix.strip()
        self._session = session
        self._detail: KeyDetail | None = None
        self._stale = False  # a conflict was reported: reload before saving again
        self._checking = False
        self._read_task: Task | None = None
        self._as_of = data.as_of if data is not None else None  # shown from the copy

        header = self._build_header()
        self._build_banner()
        self._copy_note = CopyNote("offlineCopyBanner", self)
        self._build_notice()
        self._info = info = KeyInfo(self)
        self._build_settings(data.choices if data is not None else None)
        labels = [*info.row_labels, *self.form.labels]
        label_width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(label_width)  # one label column down the whole dialog
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        message_row = self._build_message_row()
        bottom = self._build_buttons()

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(info)
        body_layout.addWidget(self._settings)
        self.usage = UsageSection(body)
        body_layout.addWidget(self.usage)
        self._history = KeyHistory(body)
        body_layout.addWidget(self._history)
        body_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self._copy_note)
        layout.addWidget(self._banner)
        layout.addWidget(self._notice)
        scroller = ContentScrollArea(body, self)
        # Tab goes from Close back to the name, not to the scroll area (its fields scroll
        # themselves into view as they take focus).
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroller, 1)
        layout.addLayout(message_row)
        layout.addLayout(bottom)
        self._set_tab_order()

        self.form.edited.connect(self._revalidate)
        self.setMinimumWidth(560)
        if data is not None:
            self._history.show_entries(data.history)
            self._show(data.detail)
        else:
            self._show_loading()
            prefix = self._prefix
            self._read(lambda: read_key_detail(prefix), self._loaded)

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over the main window
        super().showEvent(event)

    # -- building ---------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        """The key's unique name in large type, prefix · role · name under it, and the
        status as a coloured pill on the right."""
        header, self._title, self._subtitle, self._status = detail_header(self)
        return header

    def _build_banner(self) -> None:
        """The "Revoked" banner, shown above everything for a revoked key."""
        self._banner = revoked_banner(self)
        self._banner_text = self._banner.text

    def _build_notice(self) -> None:
        """The "changed elsewhere" notice, with its own Reload button."""
        self._notice, self._notice_reload = changed_notice(self, self.reload)
        self._notice_text = self._notice.text

    def _build_settings(self, choices: FormChoices | None) -> None:
        """What an admin may change: the shared :class:`KeyForm` in a group."""
        self._settings = QGroupBox(self.tr("Settings"), self)
        self.form = KeyForm(choices, self._settings)
        QVBoxLayout(self._settings).addWidget(self.form)

    def _build_message_row(self) -> QHBoxLayout:
        """The sentence about the whole form (a refusal, a conflict) and its Reload."""
        self._message = FieldError("form", self)
        self._reload_button = QPushButton(self.tr("Re&load"), self)
        self._reload_button.setObjectName("reloadButton")
        self._reload_button.setToolTip(
            self.tr("Show the key as it is now, discarding your changes")
        )
        self._reload_button.setAutoDefault(False)
        self._reload_button.clicked.connect(self.reload)
        self._reload_button.hide()
        message_row = QHBoxLayout()
        message_row.addWidget(self._message, 1)
        message_row.addWidget(self._reload_button, 0, Qt.AlignmentFlag.AlignTop)
        return message_row

    def _build_buttons(self) -> QHBoxLayout:
        """Revoke and Delete on the left; Save and Close on the right."""
        self._revoke_button = QPushButton(self.tr("Re&voke…"), self)
        self._revoke_button.setObjectName("revokeButton")
        self._revoke_button.setAutoDefault(False)
        self._revoke_button.setToolTip(self.tr("Refuse this key from now on; revoking is final"))
        self._revoke_button.clicked.connect(self.revoke)
        self._delete_button = QPushButton(self.tr("&Delete…"), self)
        self._delete_button.setObjectName("deleteButton")
        self._delete_button.setAutoDefault(False)
        self._delete_button.setToolTip(self.tr("Remove this key permanently"))
        self._delete_button.clicked.connect(self.delete)
        self.lifecycle = DetailLifecycleButtons(
            self, lambda: self._detail, self._key_created, self._ensure_online
        )

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self._save_button = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setObjectName("saveButton")
        self._save_button.setText(self.tr("&Save"))
        self._save_button.setDefault(True)
        self._close_button = self._buttons.button(QDialogButtonBox.StandardButton.Close)
        self._close_button.setObjectName("closeButton")
        self._buttons.accepted.connect(self.save)
        self._buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self._revoke_button)
        bottom.addWidget(self._delete_button)
        bottom.addWidget(self.lifecycle.rotate_button)
        bottom.addWidget(self.lifecycle.similar_button)
        bottom.addStretch(1)
        bottom.addWidget(self._buttons)
        return bottom

    def _set_tab_order(self) -> None:
        chain = [
            *self.form.focus_chain(),
            self.usage.period,
            self._history.table,
            self._reload_button,
            self._revoke_button,
            self._delete_button,
            self.lifecycle.rotate_button,
            self.lifecycle.similar_button,
            self._save_button,
            self._close_button,
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    # -- loading ----------------------------------------------------------------------------

    def set_session(self, session: OfflineSession | None) -> None:
        """Route changes through ``session``: refused offline, revocations queued."""
        self._session = session

    @property
    def prefix(self) -> str:
        return self._prefix

    @property
    def outcome(self) -> DetailOutcome:
        if self.deleted:
            return DetailOutcome.DELETED
        return DetailOutcome.CHANGED if self.changed else DetailOutcome.UNCHANGED

    @property
    def notice(self) -> str:
        """The "changed elsewhere" notice shown, or "" when there is none."""
        return self._notice_text.text() if not self._notice.isHidden() else ""

    @property
    def detail(self) -> KeyDetail | None:
        """The key as it was last read from the database (None if it no longer exists)."""
        return self._detail

    @property
    def loading(self) -> bool:
        """Whether a read of the key is under way."""
        return self._read_task is not None

    def reload(self) -> None:
        """Read the key again (in a worker) and show it, discarding unsaved changes."""
        self._stale = False
        self._as_of = None  # a read that succeeds is live; one that fails says offline
        self._copy_note.hide()
        self._reload_button.hide()
        self._notice.hide()
        self._message.clear_message()
        prefix = self._prefix
        self._read(lambda: get_key(prefix), self._show)

    def _read(self, fn: Callable[[], T], show: Callable[[T], None]) -> None:
        """``fn()`` in a worker, then ``show(result)`` here; Save waits meanwhile. A new
        read replaces one under way (its outcome is dropped)."""
        if self._read_task is not None:
            self._read_task.cancel()

        def done(result: T) -> None:
            self._read_task = None
            show(result)
            self.loaded.emit()

        def failed(error: Exception) -> None:
            self._read_task = None
            try:
                self._read_failed(error)
            finally:
                self.loaded.emit()

        self._read_task = run_read(fn, done, failed, self)
        self._save_button.setEnabled(False)

    def _show_loading(self) -> None:
        """Until the first read arrives: the prefix, "Loading…", only Close to press."""
        self._title.setText(self._prefix)
        self._subtitle.setText(self.tr("Loading…"))
        self.form.setEnabled(False)
        for widget in (self._revoke_button, self._delete_button, self._save_button):
            widget.setEnabled(False)
        self.lifecycle.update()

    def _loaded(self, data: KeyDetailData) -> None:
        self.form.set_choices(data.choices)
        self.form.setEnabled(True)
        self._history.show_entries(data.history)
        self._show(data.detail)

    def _read_failed(self, error: Exception) -> None:
        """Say why the key could not be read; a key shown before stays as it was."""
        if isinstance(error, NotFound):
            self._show_missing(i18n.error_text(error))
            return
        if self._detail is None:
            self._subtitle.setText("")
        if self._session is not None and self._session.handle_error(error):
            message = i18n.error_text(
                self._session.refusal(sentence("OfflineAction", "opening the key details"))
            )
        elif isinstance(error, KeydeskError):
            message = i18n.error_text(error)
        else:
            self._message.show_message(
                self.tr("The key could not be read ({error}).").format(error=type(error).__name__)
            )
            raise error
        self._revalidate()
        self._message.show_message(message)

    def _show(self, detail: KeyDetail) -> None:
        self._detail = detail
        self.setWindowTitle(self.tr("API key {name}").format(name=detail.unique_name))
        self._title.setText(detail.unique_name)
        self._subtitle.setText(f"{detail.prefix} · {role_text(detail.role)} · {detail.name}")

        status = detail.status.value
        self._status.setText(status_text(status))
        self._status.setToolTip(status_tip(status))
        self._status.setStyleSheet(
            f"background: {STATUS_COLOURS[status]}; color: white; font-weight: bold;"
            "border-radius: 9px; padding: 2px 10px;"
        )
        self._info.show_key(detail)
        self.usage.show_key(detail)
        self.lifecycle.update()

        revoked = detail.revoked
        self.form.set_read_only(revoked)  # first: a shown form's hints would flash up
        self.form.load(
            name=detail.name,
            user=detail.user,
            role=detail.role,
            models=detail.models,
            skills=detail.skills,
            opt_in=detail.opt_in,
            expires=detail.expires,
        )
        self.form.expiry.set_hint(
            ""
            if detail.expires is None or revoked
            else self.tr(
                "A key's lifetime can only be shortened: the expiry may move earlier, "
                "never past {time} ({zone})."
            ).format(time=format_time(detail.expires), zone=local_zone_name())
        )

        if revoked:
            self._banner_text.setText(
                self.tr(
                    "<b>Revoked</b> on {date}. Services presenting this key are refused.<br>"
                    "A revoked key cannot be changed or restored; it can only be deleted."
                ).format(date=format_time(detail.revoked_at, never=self.tr("an unknown date")))
            )
        self._banner.setVisible(revoked)
        self._settings.setTitle(
            self.tr("Settings (read-only: the key is revoked)") if revoked else self.tr("Settings")
        )
        self._revoke_button.setEnabled(not revoked)
        self._delete_button.setEnabled(True)
        self._revalidate()
        if self._as_of is not None:
            self._show_as_copy(detail)
        elif revoked:
            self._close_button.setFocus()
        else:
            self.form.name.edit.setFocus()
            self.form.name.edit.selectAll()  # as a dialog opened on it would
            # Enter saves: Close, focused while the key was read, stops being the default.
            self._save_button.setDefault(True)

    def _show_as_copy(self, detail: KeyDetail) -> None:
        """Read-only from the offline copy: say as of when; only Revoke (queued) and
        Close remain."""
        pending = self._session is not None and detail.prefix in self._session.pending_prefixes()
        self._copy_note.show_copy(
            self._as_of,
            self.tr("this key"),
            tail=self.tr(
                "Nothing can be edited or deleted until the database server is back; "
                "its revocation is pending."
            )
            if pending
            else self.tr(
                "Nothing can be edited or deleted until the database server is back; "
                "you can still revoke it."
            ),
        )
        self.form.set_read_only(True)
        self._settings.setTitle(self.tr("Settings (read-only: offline copy)"))
        self._delete_button.setEnabled(False)
        self._revoke_button.setEnabled(not detail.revoked and not pending)
        self._close_button.setFocus()
        fit_height(self)

    def _show_missing(self, message: str) -> None:
        """The key is gone (deleted elsewhere): say so and leave only Close."""
        self._detail = None
        self.changed = True  # the caller's list is out of date
        self._title.setText(self._prefix)
        self._subtitle.setText("")
        self._status.setText(self.tr("Missing"))
        self._status.setStyleSheet(
            "background: #616161; color: white; font-weight: bold;"
            "border-radius: 9px; padding: 2px 10px;"
        )
        self._message.show_message(message)
        for widget in (self.form, self._revoke_button, self._delete_button, self._save_button):
            widget.setEnabled(False)
        self.lifecycle.update()
        self._close_button.setFocus()

    # -- editing ----------------------------------------------------------------------------

    def _changes(self) -> dict[str, Any]:
        """The fields whose input differs from the loaded key, as edit_key takes them."""
        detail = self._detail
        if detail is None or detail.revoked or self._as_of is not None:
            return {}
        values = self.form.values()
        changes: dict[str, Any] = {}
        if str(values["name"]).strip() != detail.name:
            changes["name"] = values["name"]
        if values["role"] != detail.role:
            changes["role"] = values["role"]
        if values["user"] is not None and values["user"] != detail.user:
            changes["user"] = values["user"]
        models: list[str] = values["models"]  # type: ignore[assignment]
        if sorted(models) != sorted(detail.models):
            changes["models"] = models
        if bool(values["opt_in"]) != detail.opt_in:
            changes["opt_in"] = bool(values["opt_in"])
        if values["expires"] != detail.expires:
            changes["expires"] = values["expires"]
        return changes

    def is_dirty(self) -> bool:
        """Whether the form holds changes that were not saved."""
        return bool(self._changes())

    def _live_errors(self) -> dict[str, str]:
        """What the services would refuse in the current input, field by field."""
        detail = self._detail
        if detail is None:
            return {}
        values = self.form.values()
        problems: dict[str, str] = {}
        try:
            validate_name(str(values["name"]))
        except ValidationError as error:
            problems["name"] = i18n.error_text(error)
        if values["user"] is None:
            problems["user"] = self.tr("Choose the user who owns the key.")
        try:
            check_expiry_change(detail.expires, values["expires"])  # type: ignore[arg-type]
        except ValidationError as error:
            problems["expires"] = i18n.error_text(error)
        return problems

    def _revalidate(self) -> None:
        """Show what is wrong next to its field; enable Save for valid changes only."""
        problems = self._live_errors()
        self.form.clear_errors()
        if not self._stale:
            self._message.clear_message()
        for field, message in problems.items():
            self.form.show_error(field, message)
        self._save_button.setEnabled(
            self._detail is not None
            and not self._detail.revoked
            and not self._stale
            and not self.loading
            and not problems
            and bool(self._changes())
        )
        fit_height(self)

    def save(self) -> None:
        """Send the changed fields to the services; close when they are saved.

        The services judge the edit again (the rules live there); a refusal is shown
        under the field it names and the key is left as it was.
        """
        detail = self._detail
        changes = self._changes()
        if detail is None or not changes or self._stale or self.loading:
            return
        self.form.clear_errors()
        self._message.clear_message()
        try:
            updated = self._call(
                sentence("OfflineAction", "editing keys"),
                lambda: edit_key(detail.prefix, KeyChanges(**changes), base=detail),
            )
        except Conflict as error:
            self._stale = True
            self._message.show_message(i18n.error_text(error))
            if error.changed_fields:
                self._show_notice(
                    self.tr("What changed since you opened it:")
                    + "\n"
                    + "\n".join(f"• {line}" for line in change_lines(error.changed_fields))
                    + "\n"
                    + self.tr("Your change, not saved: {change}.").format(
                        change=your_change(self._detail, changes)
                    ),
                    reload_button=False,  # the one beside the message below
                )
            self._reload_button.show()
            self._save_button.setEnabled(False)
            fit_height(self)
            return
        except ValidationError as error:
            message = i18n.error_text(error)
            if not self.form.show_error(error.field, message):
                self._message.show_message(message)
            self._save_button.setEnabled(False)
            fit_height(self)
            return
        except KeydeskError as error:
            self._message.show_message(i18n.error_text(error))
            self._save_button.setEnabled(False)
            return
        self.changed = True
        self._detail = updated
        self.accept()

    def _call(self, action: str, fn: Any) -> Any:
        """``fn()`` against the server; with a session, refused offline in one sentence."""
        if self._session is None:
            return fn()
        return self._session.call_online(action, fn)

    # -- changed elsewhere ------------------------------------------------------------------

    def _show_notice(self, text: str, *, reload_button: bool = True) -> None:
        self._notice_text.setText(text)
        self._notice_reload.setVisible(reload_button)
        self._notice.show()
        fit_height(self)

    def check_changed_elsewhere(self) -> None:
        """The live refresh saw a change of this key: read it (off the GUI thread) and,
        if it differs from what the dialog shows, say what changed."""
        if self._checking or self._detail is None or self.loading:
            return
        if self._as_of is not None:  # shown from the copy: the server is back
            self._show_notice(
                self.tr("The database server is back: Reload to see this key as it is now.")
            )
            return
        self._checking = True
        prefix = self._prefix

        def done(current: KeyDetail) -> None:
            self._checking = False
            self._changed_elsewhere(current)

        def failed(error: Exception) -> None:
            self._checking = False
            if isinstance(error, NotFound):
                self._changed_elsewhere(None)
            elif self._session is not None:
                self._session.handle_error(error)

        run_read(lambda: get_key(prefix), done, failed, self)

    def _changed_elsewhere(self, current: KeyDetail | None) -> None:
        shown = self._detail
        if shown is None or self.loading:
            return  # the read under way shows the key as it is now
        if current is None:
            self._show_notice(
                self.tr(
                    "This key was deleted elsewhere while this dialog was open; it can no "
                    "longer be saved."
                )
            )
            self._save_button.setEnabled(False)
            self._stale = True
            self.changed = True
            return
        if current.version == shown.version:
            return  # our own change, or one that left this key as shown
        fields = changed_fields(shown, current)
        lines = "\n".join(f"• {line}" for line in change_lines(fields))
        self._show_notice(
            (
                self.tr("This key was changed elsewhere while this dialog was open:") + "\n" + lines
                if lines
                else self.tr("This key was changed elsewhere while this dialog was open.")
            )
            + "\n"
            + self.tr("Reload to see it as it is now; saving over it will be refused.")
        )
        self.changed = True  # the table gets the new row anyway

    # -- keys made from this one ----------------------------------------------------------------

    def _ensure_online(self, action: str) -> None:
        if self._session is not None:
            self._session.ensure_online(action)

    def _key_created(self, prefix: str, rotated: bool) -> None:
        """A rotation moved this key's expiry: read it again; either way, say so."""
        self.keyCreated.emit(prefix)
        if rotated:
            self.changed = True
            self.reload()

    # -- revoking and deleting ------------------------------------------------------------------

    def _naming(self, detail: KeyDetail) -> str:
        return f"{detail.unique_name} ({detail.prefix})"

    def revoke(self) -> None:
        """Revoke the key after a confirmation naming it; the dialog then shows it revoked."""
        detail = self._detail
        if detail is None or detail.revoked:
            return
        informative = self.tr(
            "Revoking is final: services presenting this key are refused from now on, and "
            "the key can no longer be changed or restored, only deleted."
        )
        if self.is_dirty():
            informative += " " + self.tr("Your unsaved changes will be discarded.")
        if not confirm(
            self,
            self.tr("Revoke key"),
            self.tr("Revoke {key}?").format(key=self._naming(detail)),
            self.tr("&Revoke"),
            informative=informative,
        ):
            return
        try:
            if self._session is not None:
                outcome = self._session.revoke([detail.prefix])
                if outcome.queued:
                    self.changed = True
                    self._message.show_message(i18n.say(outcome.message()))
                    self._revoke_button.setEnabled(False)
                    if self._as_of is not None:
                        self._show_as_copy(detail)  # "its revocation is pending"
                    return
            else:
                revoke_keys([detail.prefix])
        except KeydeskError as error:
            self._message.show_message(i18n.error_text(error))
            return
        self.changed = True
        self.reload()

    def delete(self) -> None:
        """Delete the key permanently after a confirmation naming it, then close."""
        detail = self._detail
        if detail is None:
            return
        if not confirm(
            self,
            self.tr("Delete key"),
            self.tr("Delete {key}?").format(key=self._naming(detail)),
            self.tr("&Delete"),
            informative=self.tr(
                "The key and its usage history are removed permanently; this cannot "
                "be undone. The audit log keeps a record of the deletion."
            ),
        ):
            return
        try:
            self._call(
                sentence("OfflineAction", "deleting keys"), lambda: delete_keys([detail.prefix])
            )
        except NotFound as error:
            self._show_missing(i18n.error_text(error))
            return
        except KeydeskError as error:
            self._message.show_message(i18n.error_text(error))
            return
        self.deleted = True
        self._detail = None
        self.accept()

    # -- closing --------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Close, Esc and the window's close button ask before dropping unsaved changes."""
        if (
            result == QDialog.DialogCode.Rejected
            and self.is_dirty()
            and not confirm(
                self,
                self.tr("Discard changes"),
                self.tr("Discard your changes to {key}?").format(key=self._naming(self._detail))
                if self._detail is not None
                else self.tr("Discard your changes?"),
                self.tr("&Discard"),
                informative=self.tr("The key keeps its saved values."),
            )
        ):
            return
        super().done(result)
