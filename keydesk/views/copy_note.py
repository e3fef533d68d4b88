"""The amber strip that says a page or dialog shows the offline copy: as of when, and
why nothing can be changed (the Users, Models and Audit log pages, the detail dialog)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from keydesk.views.banner import Banner
from keydesk.views.formatting import format_time

#: What the note says after the time, unless told otherwise (English: see read_only()).
READ_ONLY = QT_TRANSLATE_NOOP(
    "CopyNote", "Nothing can be changed until the database server is back."
)


def read_only() -> str:
    """:data:`READ_ONLY` in the language spoken now."""
    return QCoreApplication.translate(
        "CopyNote", "Nothing can be changed until the database server is back."
    )


def copy_text(as_of: datetime, what: str, *, tail: str | None = None) -> str:
    """``"Offline — <what> as of 2026-12-03 13:50 (this computer's copy). <tail>"``;
    ``what`` and ``tail`` come translated (``tail`` defaults to :func:`read_only`)."""
    return QCoreApplication.translate(
        "CopyNote", "Offline — {what} as of {time} (this computer's copy). {tail}"
    ).format(what=what, time=format_time(as_of), tail=read_only() if tail is None else tail)


class CopyNote(Banner):
    """Hidden while the data is live; :meth:`show_copy` says it is the copy's."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(
            name,
            parent,
            # light amber, or a dark brown: the status bar's "Offline" colours
            background=("#fff4e0", "#3a2f1c"),
            border=("#a15c00", "#ffb74d"),
            text=("#5c3400", "#ffe0b2"),
        )
        self.text.setObjectName(f"{name}Text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.setAccessibleName(self.tr("Offline copy"))

    def show_copy(self, as_of: datetime | None, what: str, *, tail: str | None = None) -> None:
        """Say the data is the copy of ``as_of``; hide when ``as_of`` is None (live)."""
        if as_of is None:
            self.hide()
            return
        self.text.setText(copy_text(as_of, what, tail=tail))
        self.show()

    def shown_text(self) -> str:
        return self.text.text() if not self.isHidden() else ""
