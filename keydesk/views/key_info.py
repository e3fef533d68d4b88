"""The top half of the detail dialog: what the system set on a key (prefix, unique name,
created, status, revoked and when, has expired, last used), as selectable text that
does not look editable; and the colours and words of each status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from keydesk.services.keys import KeyDetail
from keydesk.views.formatting import format_time
from keydesk.views.key_form_fields import local_zone_name
from keydesk.views.widgets import mute, set_text_colour

STATUS_COLOURS = {"Active": "#2e7d32", "Expired": "#a15c00", "Revoked": "#c62828"}
STATUS_COLOURS_DARK = {"Active": "#81c784", "Expired": "#ffb74d", "Revoked": "#ef9a9a"}


def status_text(status: str) -> str:
    """A status word (``Active``, ``Expired``, ``Revoked``) in the current language."""
    words = {
        "Active": QCoreApplication.translate("KeyStatus", "Active"),
        "Expired": QCoreApplication.translate("KeyStatus", "Expired"),
        "Revoked": QCoreApplication.translate("KeyStatus", "Revoked"),
    }
    return words.get(status, status)


def status_tip(status: str) -> str:
    """What a status means for a service presenting the key, in the current language."""
    tips = {
        "Active": QCoreApplication.translate(
            "KeyStatus", "Services presenting this key are accepted."
        ),
        "Expired": QCoreApplication.translate(
            "KeyStatus", "The key's expiry has passed: services presenting it are refused."
        ),
        "Revoked": QCoreApplication.translate(
            "KeyStatus", "The key was revoked: services presenting it are refused."
        ),
    }
    return tips.get(status, "")


def value_label(
    object_name: str, parent: QWidget, *, monospace: bool = False, bold: bool = False
) -> QLabel:
    """A read-only value: plain selectable text, no frame, so it does not look editable."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setCursor(Qt.CursorShape.IBeamCursor)
    if monospace:
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


class KeyInfo(QGroupBox):
    """The fields nobody edits; :attr:`row_labels` line up with the form's labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Key"))
        self.values = {
            "prefix": value_label("prefixValue", self, monospace=True),
            "unique_name": value_label("uniqueNameValue", self, monospace=True),
            "created": value_label("createdValue", self),
            "status": value_label("statusValue", self, bold=True),
            "has_expired": value_label("hasExpiredValue", self),
            "revoked": value_label("revokedValue", self),
            "revoked_at": value_label("revokedAtValue", self),
            "last_used": value_label("lastUsedValue", self),
        }
        layout = QFormLayout(self)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.row_labels: list[QLabel] = []
        for text, key in (
            (self.tr("Prefix:"), "prefix"),
            (self.tr("Unique name:"), "unique_name"),
            (self.tr("Created:"), "created"),
            (self.tr("Status:"), "status"),
            (self.tr("Has expired:"), "has_expired"),
            (self.tr("Revoked:"), "revoked"),
            (self.tr("Revoked at:"), "revoked_at"),
            (self.tr("Last used:"), "last_used"),
        ):
            row_label = QLabel(text, self)
            row_label.setBuddy(self.values[key])
            self.row_labels.append(row_label)
            layout.addRow(row_label, self.values[key])
        zone_note = QLabel(
            self.tr("Times are in your local time zone ({zone}).").format(zone=local_zone_name()),
            self,
        )
        mute(zone_note)
        layout.addRow(zone_note)

    def show_key(self, detail: KeyDetail) -> None:
        """Fill the values from ``detail``; the status in its colour."""
        values = self.values
        status = detail.status.value
        values["prefix"].setText(detail.prefix)
        values["unique_name"].setText(detail.unique_name)
        values["created"].setText(format_time(detail.created))
        values["status"].setText(status_text(status))
        set_text_colour(values["status"], STATUS_COLOURS[status], STATUS_COLOURS_DARK[status])
        values["has_expired"].setText(self.tr("Yes") if detail.has_expired else self.tr("No"))
        values["revoked"].setText(self.tr("Yes") if detail.revoked else self.tr("No"))
        values["revoked_at"].setText(format_time(detail.revoked_at, never="—"))
        if detail.last_used is not None:
            last_used = format_time(detail.last_used)
        elif detail.opt_in:
            last_used = self.tr("Never")
        else:
            last_used = self.tr("Not recorded: usage tracking is off for this key")
        values["last_used"].setText(last_used)
