"""Time as keydesk stores it: naive UTC datetimes, to the whole second.

Every backend then stores and compares the same value (MySQL's DATETIME keeps no
fractions). The GUI and CLI convert to local time only for display and input.
"""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


def to_storage(moment: datetime) -> datetime:
    """Aware datetimes are converted to UTC; naive ones are taken as UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def parse_iso(text: str) -> datetime:
    """Parse ISO-8601 from a person; a time without an offset is the local time zone.

    Raises ValueError with a sentence naming the expected form.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: write it as ISO-8601, e.g. 2027-03-31 or "
            "2027-03-31T18:00 or 2027-03-31T18:00:00+02:00."
        ) from None
    try:
        if moment.tzinfo is None:
            moment = moment.astimezone()  # interpret in the local zone
        return to_storage(moment)
    except (OverflowError, ValueError):  # e.g. 9999-12-31T23:00-05:00 is in year 10000
        raise ValueError(
            f"{text.strip()[:40]!r} lies beyond the calendar keydesk can store: give a "
            "date between the years 1 and 9999 in UTC."
        ) from None


def iso(moment: datetime | None) -> str | None:
    """Stored (naive UTC) datetime as ISO-8601 with an explicit ``Z``."""
    return None if moment is None else moment.replace(microsecond=0).isoformat() + "Z"
