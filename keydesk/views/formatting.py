"""How times and numbers read on screen, in the language the app speaks (the default
QLocale, set by keydesk.views.i18n). Stored times are naive UTC; people read local time.
English keeps the unambiguous ``2026-11-28 23:17``; other languages use their own short
date with a four-digit year (French: ``28/11/2026 23:17``)."""

from __future__ import annotations

import functools
import re
from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from keydesk.views import i18n

ISO_MINUTES = "yyyy-MM-dd HH:mm"
ISO_DAY = "yyyy-MM-dd"


def to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc).astimezone()


def _qt_pattern(day_only: bool) -> str:
    locale = QLocale()
    if i18n.current_language() == i18n.ENGLISH:  # also the C locale of a bare machine
        return ISO_DAY if day_only else ISO_MINUTES
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in day:
        day = day.replace("yy", "yyyy")
    return day if day_only else f"{day} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"


# Qt's numeric date fields and strftime's; a pattern with anything else (month names,
# AM/PM) is written by QLocale instead.
_STRFTIME = {"yyyy": "%Y", "MM": "%m", "dd": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}
_FIELD = re.compile(r"yyyy|MM|dd|HH|mm|ss|[A-Za-z]+|'[^']*'|[^A-Za-z']+")


@functools.cache
def _strftime_pattern(language: str, locale_name: str, day_only: bool) -> str | None:
    """The strftime equivalent of the language's pattern, or None when it has no
    numeric equivalent. Cached: a table paints dozens of times a frame, and QLocale's
    own formatting costs ~80 µs a call against ~15 µs for strftime."""
    pieces = []
    for field in _FIELD.findall(_qt_pattern(day_only)):
        if field in _STRFTIME:
            pieces.append(_STRFTIME[field])
        elif field[0].isalpha():
            return None
        else:
            pieces.append(field.strip("'").replace("%", "%%"))
    return "".join(pieces)


def time_pattern() -> str:
    """The date-and-time pattern of :func:`format_time`, for editors (QDateTimeEdit)."""
    return _qt_pattern(day_only=False)


def _qt(moment: datetime) -> QDateTime:
    local = to_local(moment)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def _format(moment: datetime | None, never: str, day_only: bool) -> str:
    if moment is None:
        return never
    pattern = _strftime_pattern(i18n.current_language(), i18n.current_locale_name(), day_only)
    if pattern is not None:
        return to_local(moment).strftime(pattern)
    return QLocale().toString(_qt(moment), _qt_pattern(day_only))


def format_time(moment: datetime | None, never: str = "") -> str:
    """``2026-11-28 23:17`` (English) in the local zone, or ``never`` for None."""
    return _format(moment, never, day_only=False)


def format_day(moment: datetime | None, never: str = "") -> str:
    """The local date alone: ``2026-11-28`` (English), ``28/11/2026`` (French)."""
    return _format(moment, never, day_only=True)


def format_count(number: int) -> str:
    """``1,500`` in English, ``1 500`` in French."""
    return QLocale().toString(number)
