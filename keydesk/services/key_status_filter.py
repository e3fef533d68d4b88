"""The status filter of the keys table (All, Active, Expiring soon, Expired, Revoked)
computed over whole columns of :class:`~keydesk.services.key_columns.KeyColumns` with
NumPy, and the counts beside each choice.

A status moves with the clock, so it is not stored: :func:`status_codes` derives one
byte per key from the expiry and revoked columns (read in place, no copy) in a few
milliseconds at a million keys; filtering and counting a search's matches are then an
index and a ``bincount``, never Python per row. The rules are
:func:`~keydesk.services.key_rules.key_status` (Revoked › Expired › Active) and
:func:`~keydesk.services.key_rules.expires_within`; the tests compare against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

import numpy as np

from keydesk.errors import sentence
from keydesk.services.clock import utcnow
from keydesk.services.key_columns import KeyColumns, from_micros, to_micros
from keydesk.services.key_fields import NEVER_EXPIRES_US, NEVER_USED_US
from keydesk.services.key_rules import EXPIRING_SOON_DAYS, KeyStatus, expires_within, key_status

StatusFilter = Literal["all", "active", "expiring", "expired", "revoked"]
#: The choices, in the order the app offers them.
STATUS_FILTERS: tuple[StatusFilter, ...] = get_args(StatusFilter)
STATUS_LABELS: dict[StatusFilter, str] = {  # Sentences: the GUI says them (i18n.say)
    "all": sentence("Keys", "All"),
    "active": sentence("Keys", "Active"),
    "expiring": sentence("Keys", "Expiring soon"),
    "expired": sentence("Keys", "Expired"),
    "revoked": sentence("Keys", "Revoked"),
}

# One byte per key: what it is now. Expiring soon is a kind of active.
ACTIVE, EXPIRING, EXPIRED, REVOKED = 0, 1, 2, 3
_CODES_SHOWN: dict[StatusFilter, tuple[int, ...]] = {
    "all": (ACTIVE, EXPIRING, EXPIRED, REVOKED),
    "active": (ACTIVE, EXPIRING),
    "expiring": (EXPIRING,),
    "expired": (EXPIRED,),
    "revoked": (REVOKED,),
}
_WANTED = {
    name: np.isin(np.arange(4), codes) for name, codes in _CODES_SHOWN.items()
}  # code → shown?


@dataclass(frozen=True)
class StatusCounts:
    """How many keys each choice of the filter shows."""

    all: int = 0
    active: int = 0
    expiring: int = 0
    expired: int = 0
    revoked: int = 0

    def of(self, status: StatusFilter) -> int:
        count: int = getattr(self, status)
        return count


def parse_status(text: str) -> StatusFilter:
    """The filter named ``text`` (as the CLI and saved settings spell it); ValueError
    otherwise."""
    for name in STATUS_FILTERS:
        if text.strip().lower() in (name, STATUS_LABELS[name].lower()):
            return name
    raise ValueError(f"{text!r} is not a status: choose {', '.join(STATUS_FILTERS)}.")


def status_code(
    revoked: bool, expires: datetime | None, now: datetime, days: float = EXPIRING_SOON_DAYS
) -> int:
    """One key's code, from the rules themselves (the reference for the bulk version)."""
    status = key_status(revoked, expires, now)
    if status is KeyStatus.REVOKED:
        return REVOKED
    if status is KeyStatus.EXPIRED:
        return EXPIRED
    return EXPIRING if expires_within(revoked, expires, days, now) else ACTIVE


def status_codes(
    columns: KeyColumns,
    now: datetime,
    start: int = 0,
    stop: int | None = None,
    days: float = EXPIRING_SOON_DAYS,
) -> np.ndarray:
    """The code of rows ``start:stop`` (all by default) at ``now``, as ``uint8``: what
    :func:`status_code` says of each row, computed a column at a time."""
    stop = len(columns) if stop is None else stop
    now_us = to_micros(now, NEVER_USED_US)
    soon_us = to_micros(now + timedelta(days=days), NEVER_USED_US)
    # Views of the columns' own buffers, dropped before returning: an array that exports
    # its buffer cannot grow, and the table appends rows.
    expires = np.frombuffer(columns.expires, dtype=np.int64)[start:stop]
    revoked = np.frombuffer(columns.revoked, dtype=np.uint8)[start:stop]
    codes = np.where(expires <= now_us, EXPIRED, ACTIVE).astype(np.uint8)
    codes[(expires > now_us) & (expires <= soon_us)] = EXPIRING
    codes[revoked != 0] = REVOKED
    del expires, revoked
    return codes


def count_codes(codes: np.ndarray, among: np.ndarray | None = None) -> StatusCounts:
    """The counts of each choice over ``codes`` (only the rows ``among``, if given)."""
    chosen = codes if among is None else codes[among]
    # Four byte comparisons: bincount would first widen a million codes to 8 bytes each.
    per_code = [int(np.count_nonzero(chosen == code)) for code in range(4)]
    return StatusCounts(
        all=len(chosen),
        active=per_code[ACTIVE] + per_code[EXPIRING],
        expiring=per_code[EXPIRING],
        expired=per_code[EXPIRED],
        revoked=per_code[REVOKED],
    )


def rows_with_status(
    codes: np.ndarray, status: StatusFilter, among: np.ndarray | None = None
) -> np.ndarray | None:
    """The rows ``status`` shows, ascending: of ``among`` (ascending rows) or of all
    rows. None means every row of ``among`` (or all rows), as for "all"."""
    if status == "all":
        return among
    return rows_in_mask(status_mask(codes, status), among)


def status_mask(codes: np.ndarray, status: StatusFilter) -> np.ndarray:
    """Per row, whether ``status`` shows it."""
    mask: np.ndarray = _WANTED[status][codes]
    return mask


def rows_in_mask(mask: np.ndarray, among: np.ndarray | None) -> np.ndarray:
    """The rows (of ``among``, ascending, or of all) whose ``mask`` entry is set."""
    if among is None:
        return np.flatnonzero(mask)
    kept: np.ndarray = among[mask[among]]
    return kept


def next_status_change(
    columns: KeyColumns, now: datetime, days: float = EXPIRING_SOON_DAYS
) -> datetime | None:
    """The first moment after ``now`` at which a key changes status by the clock alone
    (it becomes expiring soon, or expires); None if none will."""
    now_us = to_micros(now, NEVER_USED_US)
    expires = np.frombuffer(columns.expires, dtype=np.int64)
    revoked = np.frombuffer(columns.revoked, dtype=np.uint8)
    live = expires[(revoked == 0) & (expires > now_us) & (expires != NEVER_EXPIRES_US)]
    del expires, revoked
    if not len(live):
        return None
    window = to_micros(now + timedelta(days=days), NEVER_USED_US) - now_us
    entering = live - window
    moments = np.concatenate((live, entering[entering > now_us]))
    return from_micros(int(moments.min()), NEVER_USED_US)


class StatusCodes:
    """The codes of a table's rows, computed once and kept while nothing changes: a
    keystroke then filters and counts with an index and a ``bincount``. Rows appended
    get codes at the same moment as the rest; an edit, a removal or the clock
    (:meth:`clear`) makes the next call compute them all again (~5 ms at a million)."""

    def __init__(self) -> None:
        self._codes: np.ndarray | None = None
        self._masks: dict[StatusFilter, np.ndarray] = {}
        self._now = datetime.min

    def clear(self) -> None:
        self._codes = None
        self._masks.clear()

    def rows(
        self, columns: KeyColumns, status: StatusFilter, among: np.ndarray | None
    ) -> np.ndarray | None:
        """:func:`rows_with_status` with the status's row mask kept between calls: a
        keystroke then costs one byte gather per match."""
        if status == "all":
            return among
        return rows_in_mask(self.mask(columns, status), among)

    def mask(self, columns: KeyColumns, status: StatusFilter) -> np.ndarray:
        """Per row of ``columns``, whether ``status`` shows it (kept between calls)."""
        codes = self.of(columns)
        mask = self._masks.get(status)
        if mask is None or len(mask) != len(codes):
            mask = self._masks[status] = status_mask(codes, status)
        return mask

    def of(self, columns: KeyColumns) -> np.ndarray:
        """The code of every row of ``columns``."""
        if self._codes is None or len(self._codes) != len(columns):
            self._now = utcnow()
            self._codes = status_codes(columns, self._now)
        return self._codes

    def appended(self, columns: KeyColumns, first: int) -> None:
        """Rows ``first:`` were appended to ``columns``."""
        self._masks.clear()
        if self._codes is not None and len(self._codes) == first:
            added = status_codes(columns, self._now, first)
            self._codes = np.concatenate((self._codes, added))
        else:
            self._codes = None


#: The longest "expiring within" a person may ask for (a hundred years).
MAX_DAYS = 36_500


def parse_days(text: str) -> int:
    """A number of days as a person types it (``keys list --expiring 7``); ValueError
    with one sentence otherwise."""
    try:
        days = int(text.strip())
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(
            f"--expiring takes a whole number of days from 0 to {MAX_DAYS:,}, such as 7; "
            f"{text.strip()[:20]!r} is not one."
        )
    return days


def listed(
    revoked: bool,
    expires: datetime | None,
    status: StatusFilter,
    expiring_days: int | None,
    now: datetime,
) -> bool:
    """Whether ``keys list --status STATUS [--expiring DAYS]`` lists a key: of that
    status and, with ``expiring_days``, active with an expiry inside that many days."""
    if expiring_days is not None and not expires_within(revoked, expires, expiring_days, now):
        return False
    if status == "all":
        return True
    code = status_code(revoked, expires, now)
    return code in _CODES_SHOWN[status]
