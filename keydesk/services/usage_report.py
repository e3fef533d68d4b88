"""How much an opted-in key was used: calls per day and model over the last N days.

Read from ``usage_minute`` (written by :mod:`keydesk.services.usage`), summed per UTC
day and model by the database (``DATE(minute)``, which SQLite, PostgreSQL and MariaDB
all know): a busy key has one row a minute per model, 130,000 a model over 90 days, and
reading 38,880 of them to sum in Python took 0.3-0.5 s here. Keys without opt-in record
nothing, so their report says so instead of showing zeros. No Qt: the detail dialog's chart and ``keydesk usage`` both read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import fn

from keydesk.errors import ValidationError, sentence
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.key_reads import load_key
from keydesk.store.models import UsageMinute, tuples

#: The periods the detail dialog offers, in days.
PERIODS = (30, 90)
#: The label of calls made without naming a model.
NO_MODEL = sentence("Keys", "(no model)")
MAX_DAYS = 366


@dataclass(frozen=True)
class UsageReport:
    prefix: str
    #: Whether usage is recorded for this key at all; when not, everything else is empty.
    tracked: bool
    #: The days covered, oldest first (UTC), the last one being today.
    days: tuple[date, ...]
    #: Per model (sorted by name), calls on each of :attr:`days`.
    by_model: dict[str, tuple[int, ...]]
    last_used: datetime | None

    @property
    def total(self) -> int:
        return sum(sum(counts) for counts in self.by_model.values())

    def per_day(self) -> tuple[int, ...]:
        """Calls per day, all models together."""
        return tuple(sum(day) for day in zip(*self.by_model.values(), strict=True)) or tuple(
            0 for _ in self.days
        )


def usage_report(prefix: str, days: int = 30, *, now: datetime | None = None) -> UsageReport:
    """Calls per day and model of the key ``prefix`` over the ``days`` days ending today
    (UTC). Raises NotFound for an unknown prefix."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            sentence("Keys", "Give a number of days from 1 to {most}.").format(most=MAX_DAYS),
            field="days",
        )
    key = load_key(prefix)
    today = (to_storage(now) if now is not None else utcnow()).date()
    span = tuple(today - timedelta(days=offset) for offset in range(days - 1, -1, -1))
    if not key.opt_in:
        return UsageReport(key.prefix, False, span, {}, None)
    start = datetime.combine(span[0], datetime.min.time())
    day = fn.DATE(UsageMinute.minute)
    query = (
        UsageMinute.select(UsageMinute.model, day, fn.SUM(UsageMinute.calls))
        .where((UsageMinute.key == key.id) & (UsageMinute.minute >= start))
        .group_by(UsageMinute.model, day)
    )
    index = {day: position for position, day in enumerate(span)}
    counts: dict[str, list[int]] = {}
    for model, when, calls in tuples(query):
        position = index.get(_as_date(when))
        if position is None:
            continue  # later than today by the clock given (tests) or the other desk's
        row = counts.setdefault(model or NO_MODEL, [0] * days)
        row[position] += int(calls)
    by_model = {model: tuple(counts[model]) for model in sorted(counts)}
    return UsageReport(key.prefix, True, span, by_model, key.last_used)


def _as_date(value: object) -> date:
    """SQLite hands ``DATE()`` back as text; the servers as dates."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
