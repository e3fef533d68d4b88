"""How times and states read on screen. Stored times are naive UTC; people read local time."""

from __future__ import annotations

from datetime import datetime, timezone


def to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc).astimezone()


def format_time(moment: datetime | None, never: str = "") -> str:
    """``2026-11-28 23:17`` in the local zone, or ``never`` for None."""
    if moment is None:
        return never
    return to_local(moment).strftime("%Y-%m-%d %H:%M")
