"""How times and numbers read on screen, in the language the app speaks (the default
QLocale, set by keydesk.views.i18n). Stored times are naive UTC; people read local time.
English keeps the unambiguous ``2026-11-28 23:17``; other languages use their own short
date with a four-digit year (French: ``28/11/2026 23:17``)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from keydesk.views import i18n

ISO_MINUTES = "yyyy-MM-dd HH:mm"
ISO_DAY = "yyyy-MM-dd"


def to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc).astimezone()


def _pattern(day_only: bool) -> str:
    locale = QLocale()
    if i18n.current_language() == i18n.ENGLISH:  # also the C locale of a bare machine
        return ISO_DAY if day_only else ISO_MINUTES
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in day:
        day = day.replace("yy", "yyyy")
    return day if day_only else f"{day} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"


def time_pattern() -> str:
    """The date-and-time pattern of :func:`format_time`, for editors (QDateTimeEdit)."""
    return _pattern(day_only=False)


def _qt(moment: datetime) -> QDateTime:
    local = to_local(moment)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def format_time(moment: datetime | None, never: str = "") -> str:
    """``2026-11-28 23:17`` (English) in the local zone, or ``never`` for None."""
    if moment is None:
        return never
    return QLocale().toString(_qt(moment), _pattern(day_only=False))


def format_day(moment: datetime | None, never: str = "") -> str:
    """The local date alone: ``2026-11-28`` (English), ``28/11/2026`` (French)."""
    if moment is None:
        return never
    return QLocale().toString(_qt(moment), _pattern(day_only=True))


def format_count(number: int) -> str:
    """``1,500`` in English, ``1 500`` in French."""
    return QLocale().toString(number)
