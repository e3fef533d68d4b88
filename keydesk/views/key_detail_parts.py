"""The detail dialog's parts that stand on their own: what it reads before it opens
(:class:`KeyDetailData`, :func:`read_key_detail`), what it tells the list it was opened
from (:class:`DetailOutcome`), and its header and banners."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from keydesk.services.audit import AuditEntry, list_audit
from keydesk.services.keys import KeyDetail, get_key
from keydesk.views.banner import Banner
from keydesk.views.key_form import FormChoices, read_form_choices
from keydesk.views.key_history import HISTORY_LIMIT
from keydesk.views.key_info import value_label


class DetailOutcome(enum.Enum):
    """What became of the key while its dialog was open, for the list it was opened from."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"  # saved, revoked, or found deleted elsewhere: read its row again
    DELETED = "deleted"  # deleted here: take its row out


@dataclass(frozen=True)
class KeyDetailData:
    """What the dialog shows: the key as read, what its form offers, its latest audited
    changes, and the time of the offline copy it was read from (None: live)."""

    detail: KeyDetail
    choices: FormChoices
    history: Sequence[AuditEntry] = ()
    as_of: datetime | None = None


def read_key_detail(prefix: str) -> KeyDetailData:
    """The dialog's reads: the key, then the form's users, models and skills. Run it in a
    worker (:func:`~keydesk.views.reading.run_read`) and open the dialog with the result
    as ``data``, as the create dialog is opened once its choices are read."""
    prefix = prefix.strip()
    return KeyDetailData(
        get_key(prefix),
        read_form_choices(),
        list_audit(key_prefix=prefix, limit=HISTORY_LIMIT),
    )


def detail_header(parent: QWidget) -> tuple[QHBoxLayout, QLabel, QLabel, QLabel]:
    """The key's unique name in large type, prefix · role · name under it, and the status
    as a pill on the right; returns the layout, the title, the subtitle and the status."""
    title = value_label("uniqueNameTitle", parent)
    title_font = QFont(title.font())
    title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
    title_font.setBold(True)
    title.setFont(title_font)
    subtitle = value_label("keySubtitle", parent)
    status = QLabel(parent)
    status.setObjectName("statusLabel")
    # No accessible name: a label's name is its text, and "Active" is what to announce.
    status.setAccessibleDescription(QCoreApplication.translate("KeyDetailDialog", "Status"))
    status.setAlignment(Qt.AlignmentFlag.AlignCenter)
    header_text = QVBoxLayout()
    header_text.setSpacing(0)
    header_text.addWidget(title)
    header_text.addWidget(subtitle)
    header = QHBoxLayout()
    header.addLayout(header_text, 1)
    header.addWidget(status, 0, Qt.AlignmentFlag.AlignTop)
    return header, title, subtitle, status


def revoked_banner(parent: QWidget) -> Banner:
    """The "Revoked" banner, shown above everything for a revoked key."""
    banner = Banner(
        "revokedBanner",
        parent,
        # light pink, or a dark red-brown
        background=("#fdecea", "#3b2224"),
        border=("#c62828", "#ef9a9a"),
        text=("#8e1b1b", "#ffcdd2"),
    )
    banner.text.setObjectName("revokedBannerText")
    banner.text.setTextFormat(Qt.TextFormat.RichText)
    return banner


def changed_notice(parent: QWidget, reload: Callable[[], None]) -> tuple[Banner, QPushButton]:
    """The "changed elsewhere" notice and its own Reload button (which calls ``reload``)."""
    notice = Banner(
        "changedNotice",
        parent,
        # light amber, or a dark brown
        background=("#fff4e0", "#3a2f1c"),
        border=("#a15c00", "#ffb74d"),
        text=("#5c3400", "#ffe0b2"),
    )
    notice.text.setObjectName("changedNoticeText")
    notice.text.setTextFormat(Qt.TextFormat.PlainText)
    notice.text.setWordWrap(False)  # short lines; wrapping mis-sized the frame
    button = QPushButton(QCoreApplication.translate("KeyDetailDialog", "Reload"), notice)
    button.setObjectName("noticeReloadButton")
    button.setToolTip(
        QCoreApplication.translate(
            "KeyDetailDialog", "Show the key as it is now, discarding your changes"
        )
    )
    button.setAutoDefault(False)
    button.clicked.connect(reload)
    notice.add_button(button)
    return notice, button
