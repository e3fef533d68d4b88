"""The keys table's columns, each described once in :data:`KEY_TABLE_COLUMNS`.

A :class:`KeyTableColumn` says everything the table does with one column: its header,
the sample texts its default width comes from, the text a cell shows, the status tone
of its colour, its tooltip, how it sorts, which ``KeyRow`` fields it shows (an edit of
one repaints it, and a field of the search index makes it searched), and its text in a
CSV export. The model, the filter proxy, the keys page's widths and header menu and the
CSV export all read this table, so a new column is one entry here (plus, for a new
field, one entry in :data:`keydesk.services.key_columns.KEY_FIELDS`).

Cells are read from :class:`~keydesk.services.key_columns.KeyColumns` by plain
functions ``(columns, row, now)``; the model gathers them into per-column tuples
once, at import, so painting a cell is one tuple index and one call, no lookup by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from keydesk.services.clock import iso
from keydesk.services.key_columns import (
    EPOCH,
    SEARCHED_FIELDS,
    KeyColumns,
    SortBy,
    from_micros,
)
from keydesk.services.key_fields import NEVER_EXPIRES_US, NEVER_USED_US
from keydesk.services.keys import ROLES, KeyRow, has_expired, has_expired_us, role_label
from keydesk.services.names import ADJECTIVES, ANIMALS
from keydesk.views.formatting import format_time

#: A day in microseconds (the table keeps times as microseconds since 1970).
DAY_US = 86_400_000_000


class KeyTableWords(QObject):
    """The words the keys table shows, in the language spoken when a table model is made
    (:meth:`refresh`): a cell reads an attribute, not the catalog (a lookup costs ~1 µs,
    more than half of what painting a cell costs). :data:`HEADERS` stays English: the
    CSV export's header row, which scripts read."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh()

    def refresh(self) -> None:
        self.never = self.tr("Never")
        self.not_tracked = self.tr("Not tracked")
        self.expired = self.tr("Expired")
        self.revoked = self.tr("Revoked")
        self.no = self.tr("No")
        self.not_revoked = self.tr("Not revoked")
        self.never_expires = self.tr("Does not expire")
        self.expires_today = self.tr("Expires in less than a day")
        self.roles = {
            "standard": self.tr("Standard API Key"),
            "admin": self.tr("Admin API Key"),
            "project": self.tr("Project API Key"),
        }
        titles = {
            "prefix": self.tr("Prefix"),
            "unique_name": self.tr("Unique name"),
            "name": self.tr("Name"),
            "user": self.tr("User"),
            "role": self.tr("Role"),
            "created": self.tr("Created"),
            "expires": self.tr("Expires"),
            "has_expired": self.tr("Has expired"),
            "revoked": self.tr("Revoked"),
            "last_used": self.tr("Last used"),
        }
        tooltips = {
            "last_used": self.tr("Recorded only for keys whose owner opted in to usage tracking"),
        }
        #: Per column name, this language's widest texts: the default widths fit them.
        self.samples = {
            "role": tuple(self.roles.values()),
            "expires": (self.never,),
            "has_expired": (self.expired, self.no),
            "revoked": (self.revoked, self.no),
            "last_used": (self.never, self.not_tracked),
        }
        self.headers = tuple(titles[column.name] for column in KEY_TABLE_COLUMNS)
        self.header_tooltips = tuple(tooltips.get(column.name) for column in KEY_TABLE_COLUMNS)

    def role(self, code: str) -> str:
        return self.roles.get(code) or role_label(code)

    def expires_in(self, left_us: int) -> str:
        """What a screen reader says of an active key's expiry: "Expires in 3 days"."""
        days = left_us // DAY_US
        if days < 1:
            return self.expires_today
        return self.tr("Expires in %Ln days", "", days)


#: Now in microseconds since 1970 (naive UTC), asked only by the cells that depend on it:
#: reading the clock for every cell made ``data()`` 40 % slower (1.6 → 2.3 µs a call).
Now = Callable[[], int]
#: A cell's text: (columns, row, now) → text.
Show = Callable[[KeyColumns, int, Now], str]
#: A cell's status tone, the name of a :class:`~keydesk.views.theme.StatusColors`
#: colour ("link", "muted", "expired", "revoked"), or None for the text colour.
Tone = Callable[[KeyColumns, int, Now], str | None]


def _no_tone(_columns: KeyColumns, _row: int, _now: Now) -> str | None:
    return None


def _no_tooltip(_row: KeyRow) -> str | None:
    return None


def _utc_tooltip(field: str) -> Callable[[KeyRow], str | None]:
    def tooltip(row: KeyRow) -> str | None:
        moment = getattr(row, field)
        if moment is None:
            return None
        return QCoreApplication.translate("KeyTableModel", "{time} (UTC)").format(time=iso(moment))

    return tooltip


@dataclass(frozen=True)
class KeyTableColumn:
    """One column of the keys table (see the module docstring)."""

    name: str
    header: str
    #: The widest texts the column usually shows: the default width fits the widest of
    #: them (or the header, if wider).
    samples: tuple[str, ...]
    #: The ``KeyRow`` fields the cell shows: a change to one of them repaints it.
    fields: tuple[str, ...]
    show: Show
    sort: SortBy
    #: The cell's text in a CSV export: (row, now) → text; times in ISO-8601 UTC. The writer
    #: escapes what a spreadsheet would run (:mod:`keydesk.services.csv_export`).
    csv: Callable[[KeyRow, datetime], str]
    tone: Tone = _no_tone
    #: A revoked key's row is muted, but for the columns that say its status.
    muted_when_revoked: bool = True
    tooltip: Callable[[KeyRow], str | None] = _no_tooltip
    header_tooltip: str | None = None
    #: Shown in the fixed-width font (a prefix is read character by character).
    monospace: bool = False
    #: What a screen reader says of the cell (Qt.AccessibleTextRole), when the text
    #: shown is not enough alone ("No" in the Revoked column); None: the text shown.
    spoken: Show | None = None

    @property
    def searched(self) -> bool:
        return any(field in SEARCHED_FIELDS for field in self.fields)


def _show_last_used(c: KeyColumns, r: int, _now: Now) -> str:
    last = c.last_used[r]
    if last == NEVER_USED_US:
        return WORDS.never if c.opt_in[r] else WORDS.not_tracked
    return format_time(EPOCH + timedelta(microseconds=last))


def _tone_expires(c: KeyColumns, r: int, now: Now) -> str | None:
    expires = c.expires[r]
    if expires == NEVER_EXPIRES_US:
        return "muted"
    return "expired" if has_expired_us(expires, now()) else None


def _tooltip_last_used(row: KeyRow) -> str | None:
    if row.last_used is None:
        if row.opt_in:
            return None
        return QCoreApplication.translate(
            "KeyTableModel", "This key's owner did not opt in to usage tracking"
        )
    return QCoreApplication.translate("KeyTableModel", "{time} (UTC)").format(
        time=iso(row.last_used)
    )


def _spoken_expiry(c: KeyColumns, r: int, now: Now) -> str:
    """The key's expiry in words: "Expired", "Expires in 3 days", "Does not expire"."""
    expires = c.expires[r]
    if expires == NEVER_EXPIRES_US:
        return WORDS.never_expires
    moment = now()
    if has_expired_us(expires, moment):
        return WORDS.expired
    return WORDS.expires_in(expires - moment)


def _longest(words: tuple[str, ...], count: int = 6) -> list[str]:
    return sorted(words, key=len)[-count:]


#: The unique names with the longest words (which is widest depends on the font).
_WIDE_UNIQUE_NAMES = tuple(
    f"{adjective}-{animal}-4444"
    for adjective in _longest(ADJECTIVES)
    for animal in _longest(ANIMALS)
)
_TIME_SAMPLES = ("2026-10-10 20:34",)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


KEY_TABLE_COLUMNS: tuple[KeyTableColumn, ...] = (
    KeyTableColumn(
        "prefix", "Prefix", ("kd_XXXXXXXX",), ("prefix",),
        show=lambda c, r, _now: c.prefix[r],
        tone=lambda _c, _r, _now: "link",
        tooltip=lambda row: QCoreApplication.translate(
            "KeyTableModel", "{prefix} — click to open the key's details"
        ).format(prefix=row.prefix),
        sort=SortBy("prefix", "text"),
        csv=lambda row, _now: row.prefix,
        monospace=True,
    ),
    KeyTableColumn(
        "unique_name", "Unique name", _WIDE_UNIQUE_NAMES, ("unique_name",),
        show=lambda c, r, _now: c.unique_name[r],
        sort=SortBy("unique_name", "text"),
        csv=lambda row, _now: row.unique_name,
    ),
    KeyTableColumn(
        "name", "Name", ("Recommendation engine",), ("name",),
        show=lambda c, r, _now: c.name[r],
        sort=SortBy("name", "text"),
        csv=lambda row, _now: row.name,
    ),
    KeyTableColumn(
        "user", "User", ("grace.hopper@example.com",), ("user",),
        show=lambda c, r, _now: c.user[r],
        sort=SortBy("user", "value"),
        csv=lambda row, _now: row.user,
    ),
    KeyTableColumn(
        "role", "Role", tuple(ROLES.values()), ("role",),
        show=lambda c, r, _now: WORDS.role(c.role[r]),
        sort=SortBy("role", "value"),
        csv=lambda row, _now: role_label(row.role),
    ),
    KeyTableColumn(
        "created", "Created", _TIME_SAMPLES, ("created",),
        show=lambda c, r, _now: format_time(EPOCH + timedelta(microseconds=c.created[r])),
        tooltip=_utc_tooltip("created"),
        sort=SortBy("created", "number"),
        csv=lambda row, _now: iso(row.created) or "",
    ),
    KeyTableColumn(
        "expires", "Expires", _TIME_SAMPLES, ("expires",),
        show=lambda c, r, _now: format_time(from_micros(c.expires[r], NEVER_EXPIRES_US), WORDS.never),
        tone=_tone_expires,
        tooltip=_utc_tooltip("expires"),
        sort=SortBy("expires", "number"),
        csv=lambda row, _now: iso(row.expires) or "",
    ),
    KeyTableColumn(
        "has_expired", "Has expired", ("Expired",), ("expires",),
        show=lambda c, r, now: WORDS.expired if has_expired_us(c.expires[r], now()) else WORDS.no,
        spoken=_spoken_expiry,
        tone=lambda c, r, now: "expired" if has_expired_us(c.expires[r], now()) else "muted",
        muted_when_revoked=False,
        sort=SortBy("expires", "expired"),
        csv=lambda row, now: _yes_no(has_expired(row.expires, now)),
    ),
    KeyTableColumn(
        "revoked", "Revoked", ("Revoked",), ("revoked",),
        show=lambda c, r, _now: WORDS.revoked if c.revoked[r] else WORDS.no,
        spoken=lambda c, r, _now: WORDS.revoked if c.revoked[r] else WORDS.not_revoked,
        tone=lambda c, r, _now: "revoked" if c.revoked[r] else "muted",
        muted_when_revoked=False,
        tooltip=lambda row: (
            QCoreApplication.translate(
                "KeyTableModel", "Revoked keys stop working at once and can only be deleted"
            )
            if row.revoked
            else None
        ),
        sort=SortBy("revoked", "number"),
        csv=lambda row, _now: _yes_no(row.revoked),
    ),
    KeyTableColumn(
        "last_used", "Last used", (*_TIME_SAMPLES, "Not tracked"), ("last_used", "opt_in"),
        show=_show_last_used,
        tone=lambda c, r, _now: "muted" if c.last_used[r] == NEVER_USED_US else None,
        tooltip=_tooltip_last_used,
        header_tooltip="Recorded only for keys whose owner opted in to usage tracking",
        sort=SortBy("last_used", "number"),
        csv=lambda row, _now: iso(row.last_used) or "",
    ),
)  # fmt: skip

COLUMN_COUNT = len(KEY_TABLE_COLUMNS)
#: The English headers (the CSV export's); the table shows :attr:`WORDS.headers`.
HEADERS = tuple(column.header for column in KEY_TABLE_COLUMNS)
#: The words cells show, in the language of the last table model made.
WORDS: KeyTableWords = KeyTableWords()
#: Columns whose text is part of the search haystack: a change there re-filters.
SEARCHED_COLUMNS = frozenset(i for i, column in enumerate(KEY_TABLE_COLUMNS) if column.searched)
#: Columns showing what a key's status is made of: a change there re-counts the statuses.
STATUS_COLUMNS = frozenset(
    i
    for i, column in enumerate(KEY_TABLE_COLUMNS)
    if {"expires", "revoked"}.intersection(column.fields)
)
#: Columns whose order moves with the clock: their permutations are never cached.
CLOCK_SORTED_COLUMNS = frozenset(
    i for i, column in enumerate(KEY_TABLE_COLUMNS) if column.sort.moves_with_time
)


def column_number(name: str) -> int:
    """The position of the column called ``name`` in :data:`KEY_TABLE_COLUMNS`."""
    for number, column in enumerate(KEY_TABLE_COLUMNS):
        if column.name == name:
            return number
    raise KeyError(name)


# The columns code refers to by name (the rest are reached through the table only).
COL_PREFIX = column_number("prefix")
COL_UNIQUE_NAME = column_number("unique_name")
COL_NAME = column_number("name")
COL_USER = column_number("user")
COL_ROLE = column_number("role")
COL_CREATED = column_number("created")
COL_EXPIRES = column_number("expires")
COL_HAS_EXPIRED = column_number("has_expired")
COL_REVOKED = column_number("revoked")
COL_LAST_USED = column_number("last_used")

#: Custom role: the row's :class:`KeyRow`.
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Flags of every cell: selectable rows, never editable in place.
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def sort_key(row: KeyRow, column: int, now: datetime) -> Any:
    """The key one row sorts by in ``column`` (the reference the proxy's order is tested
    against): text case-insensitively, roles by their label, a missing expiry as
    "latest" (never expires) and a missing last use as "earliest" (never used). Ties keep
    the load order (creation order), because Python's sort is stable."""
    if not 0 <= column < COLUMN_COUNT:
        raise ValueError(f"no column {column}")
    return KEY_TABLE_COLUMNS[column].sort.row_key(row, now)
