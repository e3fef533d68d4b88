"""The keys table, built for 100,000 to 1,000,000 rows.

* :class:`KeyTableModel` holds the keys column by column (:class:`KeyColumns`) with
  their :class:`~keydesk.services.search_index.SearchIndex` (built by the loader in a
  worker thread). Display strings are computed only for
  the cells a view paints; ``ROW_ROLE`` returns the row's ``KeyRow`` so code behind the
  proxy finds its record.
* :class:`KeyFilterProxy` filters and sorts in bulk with NumPy, over whole columns,
  instead of being asked by Qt about every row (see its docstring for why).
* :class:`KeyLoader` reads every key off the GUI thread and hands the rows over in a
  few large chunks, the first one at once, so the first rows paint quickly.
"""

from __future__ import annotations

import itertools
import threading
import time
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from operator import itemgetter
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontDatabase

from keydesk.services.clock import iso, utcnow
from keydesk.services.keys import ROLES, KeyRow, iter_key_row_batches
from keydesk.services.search_index import SearchIndex
from keydesk.services.sort_order import (
    int_keys,
    int_order,
    order_from_ranks,
    text_order,
    text_ranks,
)
from keydesk.services.threads import pause_for_gui
from keydesk.views.formatting import format_time
from keydesk.views.reading import run_read
from keydesk.views.tasks import Task, run_task
from keydesk.views.theme import StatusColors, status_colors

(
    COL_PREFIX,
    COL_UNIQUE_NAME,
    COL_NAME,
    COL_USER,
    COL_ROLE,
    COL_CREATED,
    COL_EXPIRES,
    COL_HAS_EXPIRED,
    COL_REVOKED,
    COL_LAST_USED,
) = range(10)
HEADERS = (
    "Prefix",
    "Unique name",
    "Name",
    "User",
    "Role",
    "Created",
    "Expires",
    "Has expired",
    "Revoked",
    "Last used",
)
COLUMN_COUNT = len(HEADERS)
#: Columns whose text is part of the search haystack: a change there re-filters.
SEARCHED_COLUMNS = frozenset({COL_PREFIX, COL_UNIQUE_NAME, COL_NAME, COL_USER, COL_ROLE})

#: Custom role: the row's :class:`KeyRow`.
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ROW = ROW_ROLE

_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
#: The overload of layout(AboutToBe)Changed that carries a hint (PySide's default has none).
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
_NO_ROWS = np.empty(0, dtype=np.intp)
_NO_ROWS.flags.writeable = False
_NEVER_EXPIRES = datetime.max
_NEVER_USED = datetime.min

_get = [itemgetter(i) for i in range(len(KeyRow._fields))]
_F_PREFIX, _F_UNIQUE, _F_NAME, _F_USER, _F_ROLE = 0, 1, 2, 3, 4
_F_CREATED, _F_EXPIRES, _F_REVOKED, _F_LAST_USED, _F_OPT_IN = 5, 6, 7, 8, 9


def role_label(code: str) -> str:
    return ROLES.get(code, code)


# --- display text -------------------------------------------------------------------------


def has_expired_at(row: KeyRow, now: datetime) -> bool:
    return row.expires is not None and row.expires <= now


def display_text(row: KeyRow, column: int, now: datetime | None = None) -> str:
    """The text a cell shows; status cells say their state in words, not colour only."""
    if column == COL_PREFIX:
        return row.prefix
    if column == COL_UNIQUE_NAME:
        return row.unique_name
    if column == COL_NAME:
        return row.name
    if column == COL_USER:
        return row.user
    if column == COL_ROLE:
        return role_label(row.role)
    if column == COL_CREATED:
        return format_time(row.created)
    if column == COL_EXPIRES:
        return format_time(row.expires, "Never")
    if column == COL_HAS_EXPIRED:
        return "Expired" if has_expired_at(row, now or utcnow()) else "No"
    if column == COL_REVOKED:
        return "Revoked" if row.revoked else "No"
    if column == COL_LAST_USED:
        if row.last_used is None:
            return "Never" if row.opt_in else "Not tracked"
        return format_time(row.last_used)
    return ""


# --- sorting ------------------------------------------------------------------------------


class _RoleKeys(dict[str, str]):
    """Role code → lowercase label; unknown codes sort by their own lowercase text."""

    def __missing__(self, code: str) -> str:
        return code.lower()


_ROLE_KEYS = _RoleKeys({code: label.lower() for code, label in ROLES.items()})


def sort_key(row: KeyRow, column: int, now: datetime) -> Any:
    """The key one row sorts by in ``column`` (the reference the proxy's order is tested against).

    Text sorts case-insensitively, roles by their label, a missing expiry as "latest"
    (never expires) and a missing last use as "earliest" (never used). Ties keep the
    load order (creation order), because Python's sort is stable.
    """
    if column == COL_PREFIX:
        return row.prefix.lower()
    if column == COL_UNIQUE_NAME:
        return row.unique_name.lower()
    if column == COL_NAME:
        return row.name.lower()
    if column == COL_USER:
        return row.user.lower()
    if column == COL_ROLE:
        return _ROLE_KEYS[row.role]
    if column == COL_CREATED:
        return row.created
    if column == COL_EXPIRES:
        return _NEVER_EXPIRES if row.expires is None else row.expires
    if column == COL_HAS_EXPIRED:
        return has_expired_at(row, now)
    if column == COL_REVOKED:
        return row.revoked
    if column == COL_LAST_USED:
        return _NEVER_USED if row.last_used is None else row.last_used
    raise ValueError(f"no column {column}")


# --- removing rows in bulk ----------------------------------------------------------------


def compact(items: Any, removed: Sequence[int]) -> Any:
    """``items`` (a list, array or bytearray) without the positions in ``removed``
    (sorted ascending), of the same type, by slicing between removals: C-speed copies,
    one Python step per removed position."""
    result = items[:0]
    start = 0
    for position in removed:
        result += items[start:position]
        start = position + 1
    result += items[start:]
    return result


def _translate(rows: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """``rows`` renumbered through ``mapping``, dropping rows mapped to -1."""
    moved = mapping[rows]
    return moved[moved >= 0]


def row_mapping(count: int, removed: Sequence[int]) -> np.ndarray:
    """Old row → new row after removing ``removed`` (sorted ascending); -1 if removed."""
    keep = np.ones(count, dtype=bool)
    keep[np.asarray(removed, dtype=np.intp)] = False
    mapping = np.cumsum(keep, dtype=np.intp) - 1
    mapping[~keep] = -1
    return mapping


class _Head(Sequence[str]):
    """The first ``len(items)`` items of a list as it is now, read a slice at a time by
    a worker thread. Copying a million-string list up front would hold the GIL for
    ~0.2 s on the GUI thread (a cache miss per string); rows appended later are not
    seen, and an edit meanwhile is caught by the proxy's change count."""

    def __init__(self, items: list[str]) -> None:
        self._items = items
        self._count = len(items)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self._items[slice(*index.indices(self._count))]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._items[index % self._count]


def _coded_permutation(values: list[str], codes: np.ndarray, descending: bool) -> np.ndarray:
    """Rows sorted by ``values[code]`` (lowercase already): the distinct values are
    ranked once, then the rows sorted by the rank of their code."""
    rank = np.asarray(text_ranks(values), dtype=np.int64)
    return order_from_ranks(rank[codes], descending)


def _text_permutation(texts: Sequence[str], descending: bool) -> np.ndarray:
    return text_order(texts, descending).astype(np.intp, copy=False)


# --- searching ----------------------------------------------------------------------------


_EPOCH = datetime(1970, 1, 1)
_ONE_US = timedelta(microseconds=1)
#: Timestamp columns hold microseconds since 1970 (naive UTC, as the store hands them
#: out); a missing expiry is stored as the latest instant and a missing last use as the
#: earliest, so each column is its own sort key.
NEVER_EXPIRES_US = 2**63 - 1
NEVER_USED_US = -(2**63)
_ZEROS = itertools.repeat(0)


def to_micros(moment: datetime | None, missing: int) -> int:
    if moment is None:
        return missing
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return (moment - _EPOCH) // _ONE_US


def from_micros(value: int, missing: int) -> datetime | None:
    return None if value == missing else _EPOCH + timedelta(microseconds=value)


#: Names repeat ("prod", "ci deploy"), and a million copies of a few thousand names cost
#: ~60 MB; a load shares one string object per distinct name, up to this many distinct
#: names (a dict entry each), past which names are kept as they come.
SHARED_NAMES_MAX = 65_536


def _shared_texts(texts: Iterable[str], shared: dict[str, str]) -> list[str]:
    result = []
    known = shared.get
    for text in texts:
        same = known(text)
        if same is None:
            if len(shared) < SHARED_NAMES_MAX:
                shared[text] = text
            same = text
        result.append(same)
    return result


class KeyColumns:
    """Keys stored column by column: a list per text column (owner emails and role codes
    shared, one object per distinct value), 64-bit microsecond arrays for timestamps,
    bytes for flags, and the search index of the searched fields. About a third of the
    memory of a list of ``KeyRow`` tuples with ``datetime`` objects, and nothing for the
    cyclic garbage collector to walk. A ``KeyRow`` is built only when a row is asked
    for."""

    __slots__ = (
        "created",
        "expires",
        "index",
        "last_used",
        "name",
        "opt_in",
        "prefix",
        "revoked",
        "role",
        "unique_name",
        "user",
    )

    def __init__(self) -> None:
        self.prefix: list[str] = []
        self.unique_name: list[str] = []
        self.name: list[str] = []
        self.user: list[str] = []
        self.role: list[str] = []
        self.created = array("q")
        self.expires = array("q")
        self.last_used = array("q")
        self.revoked = bytearray()
        self.opt_in = bytearray()
        self.index = SearchIndex()

    @classmethod
    def from_rows(cls, rows: Iterable[KeyRow], shared: dict[str, str] | None = None) -> KeyColumns:
        columns = cls()
        columns.add_rows(rows, shared)
        return columns

    def __len__(self) -> int:
        return len(self.prefix)

    def add_rows(
        self,
        rows: Iterable[KeyRow],
        shared: dict[str, str] | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        """Append rows, indexing them for search (the loader calls this in its worker).
        ``shared`` makes one string object per distinct owner and role, ``names`` per
        distinct name (up to :data:`SHARED_NAMES_MAX` of them)."""
        rows = rows if isinstance(rows, Sequence) else list(rows)
        intern = (shared if shared is not None else {}).setdefault
        start = len(self.prefix)
        self.prefix.extend(map(_get[_F_PREFIX], rows))
        self.unique_name.extend(map(_get[_F_UNIQUE], rows))
        if names is None:
            self.name.extend(map(_get[_F_NAME], rows))
        else:
            self.name.extend(_shared_texts(map(_get[_F_NAME], rows), names))
        self.user.extend([intern(u, u) for u in map(_get[_F_USER], rows)])
        self.role.extend([intern(r, r) for r in map(_get[_F_ROLE], rows)])
        self.created.extend([to_micros(c, NEVER_USED_US) for c in map(_get[_F_CREATED], rows)])
        self.expires.extend([to_micros(e, NEVER_EXPIRES_US) for e in map(_get[_F_EXPIRES], rows)])
        self.last_used.extend([to_micros(u, NEVER_USED_US) for u in map(_get[_F_LAST_USED], rows)])
        self.revoked.extend(map(bool, map(_get[_F_REVOKED], rows)))
        self.opt_in.extend(map(bool, map(_get[_F_OPT_IN], rows)))
        self.index.extend(
            self.prefix[start:],
            self.unique_name[start:],
            self.name[start:],
            self.user[start:],
            list(map(role_label, self.role[start:])),
        )

    def extend(self, other: KeyColumns) -> None:
        """Append ``other``'s rows (taking over its search index's buffers)."""
        for name in self.__slots__:
            if name != "index":
                getattr(self, name).extend(getattr(other, name))
        self.index.absorb(other.index)

    def row(self, i: int) -> KeyRow:
        return KeyRow(
            self.prefix[i],
            self.unique_name[i],
            self.name[i],
            self.user[i],
            self.role[i],
            _EPOCH + timedelta(microseconds=self.created[i]),
            from_micros(self.expires[i], NEVER_EXPIRES_US),
            bool(self.revoked[i]),
            from_micros(self.last_used[i], NEVER_USED_US),
            bool(self.opt_in[i]),
        )

    def detached_copy(self) -> KeyColumns:
        """A copy of every column but the search text, for a worker thread to read while
        the table goes on changing: C-level list and array copies, a few milliseconds at
        a million rows, instead of building a million ``KeyRow`` on the GUI thread."""
        copy = KeyColumns()
        for name in self.__slots__:
            if name != "index":
                setattr(copy, name, getattr(self, name)[:])
        return copy

    def iter_rows(self, batch: int = 20_000) -> Iterator[KeyRow]:
        """Every row in order, built a batch at a time so memory stays bounded."""
        for start in range(0, len(self), batch):
            yield from self.rows_between(start, min(len(self), start + batch))

    def rows_between(self, start: int, stop: int) -> list[KeyRow]:
        """``[self.row(i) for i in range(start, stop)]`` built with C-level ``map``s:
        about ten times faster, for code that reads every row (a CSV export, the
        offline copy)."""

        def moments(column: array[int], missing: int) -> list[datetime | None]:
            values = column[start:stop]
            gaps = list(itertools.compress(range(len(values)), map(missing.__eq__, values)))
            for position in gaps:
                values[position] = 0
            result: list[datetime | None] = list(
                map(_EPOCH.__add__, map(timedelta, _ZEROS, _ZEROS, values))
            )
            for position in gaps:
                result[position] = None
            return result

        fields = zip(
            self.prefix[start:stop],
            self.unique_name[start:stop],
            self.name[start:stop],
            self.user[start:stop],
            self.role[start:stop],
            moments(self.created, NEVER_USED_US),
            moments(self.expires, NEVER_EXPIRES_US),
            map(bool, self.revoked[start:stop]),
            moments(self.last_used, NEVER_USED_US),
            map(bool, self.opt_in[start:stop]),
            strict=True,
        )
        return list(map(tuple.__new__, itertools.repeat(KeyRow), fields))

    def set_row(self, i: int, row: KeyRow, shared: dict[str, str] | None = None) -> None:
        intern = (shared if shared is not None else {}).setdefault
        old_fields = self.index_fields(i)
        self.prefix[i] = row.prefix
        self.unique_name[i] = row.unique_name
        self.name[i] = row.name
        self.user[i] = intern(row.user, row.user)
        self.role[i] = intern(row.role, row.role)
        self.created[i] = to_micros(row.created, NEVER_USED_US)
        self.expires[i] = to_micros(row.expires, NEVER_EXPIRES_US)
        self.last_used[i] = to_micros(row.last_used, NEVER_USED_US)
        self.revoked[i] = bool(row.revoked)
        self.opt_in[i] = bool(row.opt_in)
        fields = (row.prefix, row.unique_name, row.name, row.user, role_label(row.role))
        if fields != old_fields:  # a revocation leaves the search text alone
            self.index.set_row(i, fields)

    def index_fields(self, i: int) -> tuple[str, str, str, str, str]:
        return (
            self.prefix[i],
            self.unique_name[i],
            self.name[i],
            self.user[i],
            role_label(self.role[i]),
        )

    def compacted(self, removed: Sequence[int]) -> KeyColumns:
        """These columns without the rows at ``removed`` (sorted ascending). The search
        index moves to the result: this object must not be searched afterwards."""
        result = KeyColumns()
        for name in self.__slots__:
            if name != "index":
                setattr(result, name, compact(getattr(self, name), removed))
        self.index.compact(removed)
        result.index, self.index = self.index, SearchIndex()
        return result

    def without_prefixes(self, prefixes: Collection[str]) -> KeyColumns:
        """These columns without the rows of ``prefixes``."""
        wanted = set(prefixes)
        removed = [i for i, prefix in enumerate(self.prefix) if prefix in wanted]
        return self.compacted(removed) if removed else self


class RowSequence(Sequence[KeyRow]):
    """A read-only view of :class:`KeyColumns` as ``KeyRow`` tuples, built on access."""

    CHUNK = 20_000  # rows built at once while iterating

    def __init__(self, columns: Callable[[], KeyColumns]) -> None:
        self._columns = columns

    def __len__(self) -> int:
        return len(self._columns())

    def __getitem__(self, index: Any) -> Any:
        columns = self._columns()
        if isinstance(index, slice):
            start, stop, step = index.indices(len(columns))
            if step == 1:
                return columns.rows_between(start, max(start, stop))
            return [columns.row(i) for i in range(start, stop, step)]
        if index < 0:
            index += len(columns)
        if not 0 <= index < len(columns):
            raise IndexError(index)
        return columns.row(index)

    def __iter__(self) -> Iterator[KeyRow]:
        columns = self._columns()
        for start in range(0, len(columns), self.CHUNK):
            yield from columns.rows_between(start, min(len(columns), start + self.CHUNK))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


# --- the model ----------------------------------------------------------------------------


class KeyTableModel(QAbstractTableModel):
    """Every loaded key, one table row each, in load (creation) order, stored column by
    column (:class:`KeyColumns`); :attr:`rows` and ``ROW_ROLE`` build ``KeyRow`` tuples on
    demand, only for the rows asked about.

    Rows change only through :meth:`set_rows`, :meth:`append_rows` (or
    :meth:`append_columns`), :meth:`replace_rows` and :meth:`remove_prefixes`, which keep
    the search index in step and emit the narrowest signal: inserted rows, a dataChanged
    limited to the changed columns, or a layout change with persistent indexes moved (no
    reset, so selection and scroll position survive a bulk delete).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = KeyColumns()
        self._shared: dict[str, str] = {}
        self._rows_view = RowSequence(lambda: self._cols)
        self._colors = status_colors(dark=False)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._removed: list[int] | None = None
        self._now_us = 0
        self._now_checked = -1.0
        self._paint_cache: dict[int, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
        self._paint_cache_now = 0

    # --- read access for the proxy and the window ---

    @property
    def rows(self) -> Sequence[KeyRow]:
        """Every row as a ``KeyRow`` (a lazy sequence: each is built when read)."""
        return self._rows_view

    @property
    def columns(self) -> KeyColumns:
        """The rows column by column (read-only: change rows through the methods)."""
        return self._cols

    @property
    def prefixes(self) -> Sequence[str]:
        """Every row's prefix, in row order (cheap: no ``KeyRow`` is built)."""
        return self._cols.prefix

    @property
    def removed_rows(self) -> Sequence[int] | None:
        """While a :meth:`remove_prefixes` layout change is being signalled: the old
        positions removed (ascending); None otherwise."""
        return self._removed

    def row(self, source_row: int) -> KeyRow:
        if not 0 <= source_row < len(self._cols):
            raise IndexError(source_row)
        return self._cols.row(source_row)

    #: Up to this many prefixes, :meth:`find_rows` asks the search index for each.
    FIND_BY_INDEX = 16

    def find_rows(self, prefixes: Collection[str]) -> dict[str, int]:
        """Prefix → row for the given prefixes that are loaded. A few are looked up in
        the search index (8 ms at a million rows), more in one pass over the column
        (80 ms at a million: a Python call per row)."""
        wanted = set(prefixes)
        if not wanted:
            return {}
        column = self._cols.prefix
        if len(wanted) <= self.FIND_BY_INDEX:
            found = {}
            for prefix in wanted:  # the index matches case-insensitively: check each
                for position in self._cols.index.find(prefix.lower()).tolist():
                    if column[position] == prefix:
                        found[prefix] = position
                        break
            return found
        hits = itertools.compress(itertools.count(), map(wanted.__contains__, column))
        return {column[position]: position for position in hits}

    def _numeric_keys(self, column: int, now: datetime | None) -> np.ndarray | None:
        """The sort keys of ``column`` as an int64 array (timestamps in microseconds with
        "never expires" latest and "never used" earliest, flags 0/1); None for text."""
        cols = self._cols
        if column == COL_CREATED:
            return np.array(cols.created, dtype=np.int64)
        if column == COL_EXPIRES:
            return np.array(cols.expires, dtype=np.int64)
        if column == COL_LAST_USED:
            return np.array(cols.last_used, dtype=np.int64)
        if column == COL_REVOKED:
            return np.frombuffer(bytes(cols.revoked), dtype=np.uint8).astype(np.int64)
        if column == COL_HAS_EXPIRED and now is not None:
            limit = to_micros(now, NEVER_USED_US)
            return (np.array(cols.expires, dtype=np.int64) <= limit).astype(np.int64)
        return None

    def sort_permutation(self, column: int, descending: bool, now: datetime) -> np.ndarray:
        """Every row sorted by ``column`` like a stable ``sorted`` on :func:`sort_key`
        (``reverse=descending``: ties keep row order either way)."""
        return self.permutation_job(column, descending, now)()

    def permutation_job(
        self, column: int, descending: bool, now: datetime
    ) -> Callable[[], np.ndarray]:
        """:meth:`sort_permutation` as a function a worker thread can run: the column is
        copied here (C-level copies, a few milliseconds at a million rows)."""
        keys = self._numeric_keys(column, now)
        if keys is not None:
            return lambda: int_order(keys, descending)
        cols = self._cols
        if column in (COL_USER, COL_ROLE):  # a few thousand distinct values at most
            values, codes = cols.index.value_codes("user" if column == COL_USER else "role")
            return lambda: _coded_permutation(values, codes, descending)
        if column not in (COL_PREFIX, COL_UNIQUE_NAME, COL_NAME):
            raise ValueError(f"no column {column}")
        texts = _Head((cols.prefix, cols.unique_name, cols.name)[column])
        return lambda: _text_permutation(texts, descending)

    def merge_permutation(
        self, perm: np.ndarray, column: int, descending: bool, start: int, stop: int
    ) -> np.ndarray | None:
        """``perm`` (rows ``0:start`` sorted by ``column``) with rows ``start:stop``
        merged in, as :meth:`sort_permutation` would order them; None where a merge is
        not cheaper than sorting again (text, and "Has expired", which moves with time)."""
        keys = self._numeric_keys(column, None)
        if keys is None or len(perm) != start or stop != len(keys):
            return None
        ordered = int_keys(keys, descending)
        block = start + np.argsort(ordered[start:stop], kind="stable")
        # A new row sorts after the old rows it ties with: it comes later in row order.
        positions = np.searchsorted(ordered[perm], ordered[block], side="right")
        return np.insert(perm, positions, block)

    def set_status_colors(self, colors: StatusColors) -> None:
        self._colors = colors
        self._paint_cache.clear()
        if len(self._cols):
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._cols) - 1, COLUMN_COUNT - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )

    # --- changing rows ---

    def set_rows(self, rows: Iterable[KeyRow]) -> None:
        """Replace everything (a reload)."""
        self.set_columns(KeyColumns.from_rows(rows, self._shared))

    def set_columns(self, columns: KeyColumns) -> None:
        """Replace everything with rows already in columns (a reload)."""
        self.beginResetModel()
        self._cols = columns
        self._paint_cache.clear()
        self.endResetModel()

    def append_rows(self, rows: Sequence[KeyRow]) -> None:
        if rows:
            self.append_columns(KeyColumns.from_rows(rows, self._shared))

    def append_columns(self, columns: KeyColumns) -> None:
        """Append rows already in columns (what :class:`KeyLoader` delivers)."""
        if not len(columns):
            return
        first = len(self._cols)
        self.beginInsertRows(QModelIndex(), first, first + len(columns) - 1)
        self._cols.extend(columns)
        self.endInsertRows()

    def replace_rows(
        self, replacements: Mapping[str, KeyRow], hint: Mapping[str, int] | None = None
    ) -> int:
        """Replace the rows whose prefix is a key of ``replacements``; ``hint`` may give
        their positions (checked) to skip the search. Emits one dataChanged covering the
        changed rows and only the columns that changed. Returns how many rows changed."""
        cols = self._cols
        positions = self.positions(replacements, hint)
        if not positions:
            return 0
        changed_columns: set[int] = set()
        for prefix, position in positions.items():
            old, new = cols.row(position), replacements[prefix]
            changed = _changed_columns(old, new)
            if changed:
                changed_columns.update(changed)
                cols.set_row(position, new, self._shared)
                self._paint_cache.pop(position, None)
        if not changed_columns:
            return 0
        rows = positions.values()
        self.dataChanged.emit(
            self.index(min(rows), min(changed_columns)),
            self.index(max(rows), max(changed_columns)),
        )
        return len(positions)

    def mark_revoked(self, prefixes: Collection[str], hint: Mapping[str, int] | None = None) -> int:
        """Show these keys as revoked, keeping the rest of each row as it is now (the
        live refresh may have changed it since it was selected). Returns how many rows
        changed."""
        cols = self._cols
        positions = self.positions(prefixes, hint)
        revoked = {prefix: cols.row(at)._replace(revoked=True) for prefix, at in positions.items()}
        return self.replace_rows(revoked, positions)

    def positions(self, prefixes: Iterable[str], hint: Mapping[str, int] | None) -> dict[str, int]:
        """Prefix → row of those loaded; ``hint``'s positions are checked, not trusted,
        and only the prefixes it misses are searched for (see :meth:`find_rows`)."""
        cols = self._cols
        positions: dict[str, int] = {}
        missing = []
        for prefix in prefixes:
            position = (hint or {}).get(prefix, -1)
            if 0 <= position < len(cols) and cols.prefix[position] == prefix:
                positions[prefix] = position
            else:
                missing.append(prefix)
        if missing:
            positions.update(self.find_rows(missing))
        return positions

    def remove_prefixes(self, prefixes: Collection[str]) -> int:
        """Remove the rows of these prefixes in one layout change; returns how many."""
        removed = sorted(self.find_rows(prefixes).values())
        if not removed:
            return 0
        old_count = len(self._cols)
        self.layoutAboutToBeChanged.emit()
        self._removed = removed
        try:
            persistent = self.persistentIndexList()
            self._cols = self._cols.compacted(removed)
            self._paint_cache.clear()
            if persistent:
                mapping = row_mapping(old_count, removed).tolist()
                moved = [
                    self.index(mapping[index.row()], index.column())
                    if index.isValid() and mapping[index.row()] >= 0
                    else QModelIndex()
                    for index in persistent
                ]
                self.changePersistentIndexList(persistent, moved)
            self.layoutChanged.emit()
        finally:
            self._removed = None
        return len(removed)

    # --- Qt's model interface ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == _DISPLAY:
                return HEADERS[section]
            if role == _TOOLTIP and section == COL_LAST_USED:
                return "Recorded only for keys whose owner opted in to usage tracking"
        elif orientation == Qt.Orientation.Vertical and role == _DISPLAY:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:
        if index.isValid():
            self.fill_roles(index.row(), index.column(), roleDataSpan)

    def fill_roles(self, source_row: int, column: int, span: Any) -> None:
        """``multiData()`` by plain row and column. A view's delegate asks for seven roles
        per cell at once; answering them in one Python call, from the row's display
        texts and colours computed once per row (:meth:`_painted_row`), instead of seven
        ``data()`` calls through Qt takes the Python share of a full-window repaint from
        ~20 ms to a few."""
        cached = self._paint_cache.get(source_row)
        if cached is None:
            cached = self._painted_row(source_row)
            if cached is None:
                for position in range(span.size()):
                    span[position].clearData()
                return
        texts, colors = cached
        # The delegate's span holds seven roles with empty values: set only the roles
        # this model answers and leave the rest empty (one Python call fewer each).
        for position in range(span.size()):
            item = span[position]
            role = item.role()
            if role in (_DISPLAY, _ACCESSIBLE):
                item.setData(texts[column])
            elif role == _FOREGROUND:
                if colors[column] is not None:
                    item.setData(colors[column])
            elif role == _FONT:
                if column == COL_PREFIX:
                    item.setData(self._mono)
            elif role in (_ROW, _TOOLTIP):
                value = self.cell_data(source_row, column, role)
                if value is not None:
                    item.setData(value)

    def _painted_row(self, source_row: int) -> tuple[tuple[str, ...], tuple[Any, ...]] | None:
        """The display texts and foreground colours of one row, cached until the row
        changes (or the clock passes a second, for "Has expired")."""
        cols = self._cols
        if not 0 <= source_row < len(cols):
            return None
        now = self._now()
        if now - self._paint_cache_now > 1_000_000 or len(self._paint_cache) > 4096:
            self._paint_cache.clear()
            self._paint_cache_now = now
        display, foreground = self._display, self._foreground
        entry = (
            tuple(display(cols, source_row, column) for column in range(COLUMN_COUNT)),
            tuple(foreground(cols, source_row, column) for column in range(COLUMN_COUNT)),
        )
        self._paint_cache[source_row] = entry
        return entry

    def cell_data(self, source_row: int, column: int, role: int) -> Any:
        """``data()`` by plain row and column: the proxy calls this directly. Reads the
        columns, building no ``KeyRow`` except for ``ROW_ROLE``."""
        cols = self._cols
        if not 0 <= source_row < len(cols):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(cols, source_row, column)
        if role == _FOREGROUND:
            return self._foreground(cols, source_row, column)
        if role == _FONT:
            return self._mono if column == COL_PREFIX else None
        if role == _ROW:
            return cols.row(source_row)
        if role == _TOOLTIP:
            return self._tooltip(cols.row(source_row), column)
        return None

    def _now(self) -> int:
        """Now in microseconds, read at most every 50 ms (a paint asks once per cell)."""
        moment = time.monotonic()
        if moment - self._now_checked > 0.05:
            self._now_checked = moment
            self._now_us = to_micros(utcnow(), NEVER_USED_US)
        return self._now_us

    def _display(self, cols: KeyColumns, r: int, column: int) -> str:
        if column == COL_PREFIX:
            return cols.prefix[r]
        if column == COL_UNIQUE_NAME:
            return cols.unique_name[r]
        if column == COL_NAME:
            return cols.name[r]
        if column == COL_USER:
            return cols.user[r]
        if column == COL_ROLE:
            return role_label(cols.role[r])
        if column == COL_CREATED:
            return format_time(_EPOCH + timedelta(microseconds=cols.created[r]))
        if column == COL_EXPIRES:
            return format_time(from_micros(cols.expires[r], NEVER_EXPIRES_US), "Never")
        if column == COL_HAS_EXPIRED:
            return "Expired" if cols.expires[r] <= self._now() else "No"
        if column == COL_REVOKED:
            return "Revoked" if cols.revoked[r] else "No"
        if column == COL_LAST_USED:
            last = cols.last_used[r]
            if last == NEVER_USED_US:
                return "Never" if cols.opt_in[r] else "Not tracked"
            return format_time(_EPOCH + timedelta(microseconds=last))
        return ""

    def _foreground(self, cols: KeyColumns, r: int, column: int) -> QColor | None:
        colors = self._colors
        if column == COL_REVOKED:
            return colors.revoked if cols.revoked[r] else colors.muted
        if column == COL_HAS_EXPIRED:
            return colors.expired if cols.expires[r] <= self._now() else colors.muted
        if cols.revoked[r]:
            return colors.muted
        if column == COL_PREFIX:
            return colors.link
        if column == COL_EXPIRES:
            expires = cols.expires[r]
            if expires == NEVER_EXPIRES_US:
                return colors.muted
            return colors.expired if expires <= self._now() else None
        if column == COL_LAST_USED and cols.last_used[r] == NEVER_USED_US:
            return colors.muted
        return None

    def _tooltip(self, row: KeyRow, column: int) -> str | None:
        if column == COL_PREFIX:
            return f"{row.prefix} — click to open the key's details"
        if column == COL_LAST_USED and row.last_used is None:
            if not row.opt_in:
                return "This key's owner did not opt in to usage tracking"
            return None
        if column in (COL_CREATED, COL_EXPIRES, COL_LAST_USED):
            moment = (row.created, row.expires, row.last_used)[
                (COL_CREATED, COL_EXPIRES, COL_LAST_USED).index(column)
            ]
            return f"{iso(moment)} (UTC)" if moment is not None else None
        if column == COL_REVOKED and row.revoked:
            return "Revoked keys stop working at once and can only be deleted"
        return None


def _changed_columns(old: KeyRow, new: KeyRow) -> set[int]:
    columns: set[int] = set()
    fields = (
        (_F_PREFIX, (COL_PREFIX,)),
        (_F_UNIQUE, (COL_UNIQUE_NAME,)),
        (_F_NAME, (COL_NAME,)),
        (_F_USER, (COL_USER,)),
        (_F_ROLE, (COL_ROLE,)),
        (_F_CREATED, (COL_CREATED,)),
        (_F_EXPIRES, (COL_EXPIRES, COL_HAS_EXPIRED)),
        (_F_REVOKED, (COL_REVOKED,)),
        (_F_LAST_USED, (COL_LAST_USED,)),
        (_F_OPT_IN, (COL_LAST_USED,)),
    )
    for field, affected in fields:
        if old[field] != new[field]:
            columns.update(affected)
    return columns


# --- the proxy ----------------------------------------------------------------------------


class KeyFilterProxy(QAbstractTableModel):
    """Search and sort over a :class:`KeyTableModel`, computed in bulk with NumPy.

    Why not ``QSortFilterProxyModel``: it decides row by row, calling the Python
    ``filterAcceptsRow``/``lessThan`` (or the Python ``data()``) once per row per
    keystroke, about 2.6 s at 100,000 keys. Overriding its public methods does not
    switch that machinery off: it still listens to the source model and keeps its own
    private mapping, so two mappings would compete. Nor ``QAbstractProxyModel``: its
    ``parent()`` is abstract, so a Python override answered every call, and a selection
    model calls it ~100 times per selected row when the rows move (1,000 selected rows
    held a sort at a million rows 0.15 s). This class is a ``QAbstractTableModel``
    (``parent()`` stays in C++) with the proxy's methods (``setSourceModel``,
    ``mapToSource``, ``mapFromSource``), and keeps one array, :attr:`order` (proxy row →
    source row), computed with whole-array operations:

    * filter: the source's :class:`~keydesk.services.search_index.SearchIndex` (byte
      buffers searched by NumPy; a needle that extends the previous one only re-checks
      the previous matches);
    * sort: one stable permutation of all rows per (column, direction) from
      :mod:`keydesk.services.sort_order`, cached, merged with rows appended later
      (timestamps and flags) or recomputed (text); a filtered view then keeps the
      permutation's entries that match, or sorts its few matches by rank.

    Results are exactly those of :func:`keydesk.services.search.filter_rows` followed by
    Python's stable ``sorted`` on :func:`sort_key`. Changes reach views as a layout
    change with persistent indexes (selection, current row) moved to their rows' new
    positions; rows appended to the source go in as insertions where they land (at
    most :attr:`MAX_INSERT_RUNS` places, else as a layout change).
    """

    filterChanged = Signal(str)
    #: True while a sort runs in a worker thread, False once its order is shown.
    sortingChanged = Signal(bool)

    #: From this many rows on, a sort whose order is not cached is computed in a worker
    #: thread (NumPy releases the GIL), so the window keeps painting and answering; the
    #: rows keep their order until the new one is ready. A million rows take ~0.1 s by
    #: a timestamp, up to ~0.5 s by a text column.
    BACKGROUND_SORT_ROWS = 50_000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: KeyTableModel | None = None
        self._order: np.ndarray = _NO_ROWS
        self._inverse: np.ndarray | None = None  # source row → proxy row, -1 if hidden
        self._text = ""
        self._needle = ""
        self._matches: np.ndarray | None = None  # ascending source rows; None: all rows
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._perms: dict[tuple[int, bool], np.ndarray] = {}
        self._ranks: dict[tuple[int, bool], np.ndarray] = {}
        #: Sorts waiting for a worker, and whether the cached order is only provisional
        #: (rows appended or edited since it was computed: a worker re-sorts).
        self._sort_task: Task | None = None
        self._wanted_sort: tuple[int, Qt.SortOrder] | None = None
        self._generation = 0
        self._snapshot: tuple[list[QModelIndex], list[int]] | None = None
        self._connections: list[tuple[Any, Callable[..., None]]] = []

    # --- public API ---

    @property
    def order(self) -> np.ndarray:
        """Proxy row → source row (read-only)."""
        return self._order

    def filter_text(self) -> str:
        return self._text

    def set_filter_text(self, text: str) -> None:
        """Show only rows whose haystack contains ``text`` (trimmed, case-insensitive)."""
        self._text = text
        needle = text.strip().lower()
        if needle == self._needle:
            return
        self._relayout(lambda: self._apply_needle(needle), sort_only=False)
        self.filterChanged.emit(text)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: load order). Stable: ties keep the load order. Large
        tables are sorted in a worker thread (:attr:`sorting` until the order shows)."""
        column = column if 0 <= column < COLUMN_COUNT else -1
        unchanged = column == self._sort_column and order == self._sort_order
        if self._wanted_sort is None and unchanged and column not in (-1, COL_HAS_EXPIRED):
            return  # (Has expired moves with time)
        if self._wanted_sort == (column, order):
            return  # being computed (QTableView asks twice per header click)
        self._cancel_background_sort()
        if self._sorts_in_background(column, order == Qt.SortOrder.DescendingOrder):
            self._start_background_sort(column, order)
            return
        self._relayout(lambda: self._apply_sort(column, order), sort_only=True)

    @property
    def sorting(self) -> bool:
        """Whether a sort is being computed in a worker thread."""
        return self._wanted_sort is not None

    def source_row(self, proxy_row: int) -> int:
        return int(self._order[proxy_row])

    def key_row(self, proxy_row: int) -> KeyRow:
        assert self._source is not None
        return self._source.row(int(self._order[proxy_row]))

    def visible_rows(self) -> list[KeyRow]:
        """The rows as shown: filtered and sorted."""
        return list(self.visible_snapshot()())

    def visible_snapshot(self) -> Callable[[], Iterator[KeyRow]]:
        """The rows as shown now, for a worker thread: the columns and the order are
        copied here (C-level copies, milliseconds at a million rows); the returned
        function builds the ``KeyRow`` objects wherever it is called."""
        if self._source is None:
            return lambda: iter(())
        columns, order = self._source.columns.detached_copy(), self._order.copy()
        return lambda: map(columns.row, order.tolist())

    # --- the source model ---

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if model is not None and not isinstance(model, KeyTableModel):
            raise TypeError("KeyFilterProxy works over a KeyTableModel only")
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        self._source = model
        if model is not None:
            for signal, slot in (
                (model.modelAboutToBeReset, self._on_source_about_to_reset),
                (model.modelReset, self._on_source_reset),
                (model.rowsInserted, self._on_source_rows_inserted),
                (model.rowsAboutToBeRemoved, self._on_source_rows_about_to_be_removed),
                (model.rowsRemoved, self._on_source_rows_removed),
                (model.layoutAboutToBeChanged, self._on_source_layout_about_to_change),
                (model.layoutChanged, self._on_source_layout_changed),
                (model.dataChanged, self._on_source_data_changed),
            ):
                signal.connect(slot)
                self._connections.append((signal, slot))
        self._rebuild()
        self.endResetModel()

    # --- Qt's proxy interface ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._source is None else COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._order) > 0 and self._source is not None

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._order)):
            return QModelIndex()
        if self._source is None or not 0 <= column < COLUMN_COUNT:
            return QModelIndex()
        return self.createIndex(row, column)

    def sibling(
        self, row: int, column: int, index: QModelIndex | QPersistentModelIndex
    ) -> QModelIndex:
        return self.index(row, column)

    def buddy(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        return self.index(index.row(), index.column())

    def mapToSource(self, proxy_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._order):
            return QModelIndex()
        return self._source.index(int(self._order[row]), proxy_index.column())

    def mapFromSource(self, source_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._source is None or not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        if row < 0:
            return QModelIndex()
        return self.createIndex(row, source_index.column())

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if self._source is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        return self._source.cell_data(int(self._order[row]), index.column(), role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:
        if self._source is None or not index.isValid():
            return
        row = index.row()
        if 0 <= row < len(self._order):
            self._source.fill_roles(int(self._order[row]), index.column(), roleDataSpan)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self._source is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if self._source is None:
            return None
        return self._source.headerData(section, orientation, role)

    # --- computing the order ---

    def _count(self) -> int:
        return self._source.rowCount() if self._source is not None else 0

    # --- sorting in a worker ---

    def _sorts_in_background(self, column: int, descending: bool) -> bool:
        return (
            column >= 0
            and self._source is not None
            and self._count() >= self.BACKGROUND_SORT_ROWS
            and (column, descending) not in self._perms
        )

    def _start_background_sort(self, column: int, order: Qt.SortOrder) -> None:
        assert self._source is not None
        descending = order == Qt.SortOrder.DescendingOrder
        compute = self._source.permutation_job(column, descending, utcnow())
        generation = self._generation
        wanted = (column, order)
        self._wanted_sort = wanted

        def done(perm: np.ndarray) -> None:
            if self._wanted_sort != wanted:
                return  # superseded by another sort
            self._sort_task = None
            if generation != self._generation:  # rows changed meanwhile: sort again
                self._start_background_sort(column, order)
                return
            self._wanted_sort = None
            perm.flags.writeable = False
            if column != COL_HAS_EXPIRED:
                self._perms[(column, descending)] = perm
                self._ranks.pop((column, descending), None)
            self._relayout(lambda: self._apply_sort(column, order, perm), sort_only=True)
            self.sortingChanged.emit(False)

        def failed(error: Exception) -> None:  # a bug, not a user error: sort here instead
            if self._wanted_sort != wanted:
                return
            self._sort_task = self._wanted_sort = None
            self._relayout(lambda: self._apply_sort(column, order), sort_only=True)
            self.sortingChanged.emit(False)
            raise error

        self._sort_task = run_task(compute, done, failed, self)
        self.sortingChanged.emit(True)

    def _cancel_background_sort(self) -> None:
        if self._sort_task is not None:
            self._sort_task.cancel()
        self._sort_task = None
        if self._wanted_sort is not None:
            self._wanted_sort = None
            self.sortingChanged.emit(False)

    def _source_changed(self) -> None:
        """Rows were appended, removed or edited: a sort computed meanwhile is stale."""
        self._generation += 1

    def _rebuild(self) -> None:
        """Recompute everything from the source (after a reset)."""
        self._perms.clear()
        self._ranks.clear()
        self._matches = self._filter_all(self._needle)
        self._order = self._compute_order()
        self._inverse = None

    def _filter_all(self, needle: str) -> np.ndarray | None:
        if not needle:
            return None
        if self._source is None:
            return _NO_ROWS
        return self._source.columns.index.find(needle)

    def _apply_needle(self, needle: str) -> None:
        previous, matches = self._needle, self._matches
        if not needle:
            self._matches = None
        elif (
            previous
            and previous in needle
            and not needle.startswith(previous)  # the index refines an extension itself
            and matches is not None
            and self._source is not None
        ):
            # Typing in front or in the middle narrows too: only the previous matches
            # can still match.
            self._matches = self._source.columns.index.find(needle, among=matches)
        else:
            self._matches = self._filter_all(needle)
        self._needle = needle
        self._order = self._compute_order()

    def _apply_sort(self, column: int, order: Qt.SortOrder, perm: np.ndarray | None = None) -> None:
        self._sort_column = column
        self._sort_order = order
        # Keep the permutations of the column shown only (4–8 bytes a row each).
        for table in (self._perms, self._ranks):
            for cache_key in [k for k in table if k[0] != column]:
                del table[cache_key]
        self._order = _NO_ROWS
        self._inverse = None
        self._order = self._compute_order(perm)

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _permutation(self, column: int, descending: bool) -> np.ndarray:
        """All source rows sorted by ``column``, stable; cached per (column, order)."""
        cache_key = (column, descending)
        perm = self._perms.get(cache_key)
        if perm is None:
            assert self._source is not None
            perm = self._source.sort_permutation(column, descending, utcnow())
            perm.flags.writeable = False
            if column != COL_HAS_EXPIRED:  # depends on the clock: never cached
                self._perms[cache_key] = perm
            self._ranks.pop(cache_key, None)
        return perm

    def _rank(self, column: int, descending: bool, perm: np.ndarray) -> np.ndarray:
        """Source row → its position in ``perm``."""
        cache_key = (column, descending)
        rank = self._ranks.get(cache_key)
        if rank is None:
            rank = np.empty(len(perm), dtype=np.intp)
            rank[perm] = np.arange(len(perm), dtype=np.intp)
            if column != COL_HAS_EXPIRED:
                self._ranks[cache_key] = rank
        return rank

    def _compute_order(self, perm: np.ndarray | None = None) -> np.ndarray:
        matches = self._matches
        column = self._sort_column
        if column < 0:
            return np.arange(self._count(), dtype=np.intp) if matches is None else matches
        descending = self._descending()
        if perm is None:
            perm = self._permutation(column, descending)
        if matches is None or len(matches) == len(perm):
            return perm
        if len(matches) <= 1:
            return matches
        if len(matches) * 16 < len(perm):
            rank = self._rank(column, descending, perm)
            return matches[np.argsort(rank[matches], kind="stable")]
        keep = np.zeros(len(perm), dtype=bool)
        keep[matches] = True
        return perm[keep[perm]]

    # --- telling views ---

    def _inverse_order(self) -> np.ndarray:
        if self._inverse is None:
            inverse = np.full(self._count(), -1, dtype=np.intp)
            inverse[self._order] = np.arange(len(self._order), dtype=np.intp)
            self._inverse = inverse
        return self._inverse

    def _proxy_row(self, source_row: int) -> int:
        if not 0 <= source_row < self._count():
            return -1
        if len(self._order) <= 8:
            hits = np.flatnonzero(self._order == source_row)
            return int(hits[0]) if len(hits) else -1
        return int(self._inverse_order()[source_row])

    def _new_positions(self, source_rows: list[int]) -> dict[int, int]:
        """Source row → proxy row in the current order, for a few or many rows."""
        wanted = {row for row in source_rows if row >= 0}
        if len(wanted) <= 8:
            positions = {}
            for row in wanted:
                hits = np.flatnonzero(self._order == row)
                positions[row] = int(hits[0]) if len(hits) else -1
            return positions
        inverse = self._inverse_order()
        return {row: int(inverse[row]) if row < len(inverse) else -1 for row in wanted}

    def _begin_layout(self, sort_only: bool) -> None:
        hint = (
            QAbstractItemModel.LayoutChangeHint.VerticalSortHint
            if sort_only
            else QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
        )
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]
        persistent = self.persistentIndexList()
        order = self._order
        sources = [
            int(order[index.row()]) if 0 <= index.row() < len(order) else -1 for index in persistent
        ]
        self._snapshot = (persistent, sources)

    def _end_layout(self, sort_only: bool, translate: np.ndarray | None = None) -> None:
        """Move persistent indexes to their rows' new positions and signal the change.
        ``translate`` maps the snapshot's source rows to new source rows (after a
        removal in the source)."""
        self._inverse = None
        persistent, sources = self._snapshot or ([], [])
        self._snapshot = None
        if persistent:
            if translate is not None:
                sources = [int(translate[row]) if row >= 0 else -1 for row in sources]
            positions = self._new_positions(sources)
            moved = [
                self.createIndex(positions[row], index.column())
                if row >= 0 and positions.get(row, -1) >= 0
                else QModelIndex()
                for index, row in zip(persistent, sources, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        hint = (
            QAbstractItemModel.LayoutChangeHint.VerticalSortHint
            if sort_only
            else QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
        )
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]

    def _relayout(self, change: Callable[[], None], *, sort_only: bool) -> None:
        self._begin_layout(sort_only)
        try:
            change()
        finally:
            self._end_layout(sort_only)

    # --- following the source ---

    def _on_source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _on_source_reset(self) -> None:
        self._source_changed()
        self._rebuild()
        self.endResetModel()

    def _on_source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = self._count()
        if last != count - 1:  # not an append: KeyTableModel never does this
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        assert self._source is not None
        self._source_changed()
        new_rows = np.arange(first, last + 1, dtype=np.intp)
        resort = self._extend_sort_caches(first, count)
        if resort:
            self._resort_later()
        needle = self._needle
        added = new_rows if not needle else self._source.columns.index.find(needle, new_rows)
        if self._matches is not None:
            self._matches = np.concatenate((self._matches, added))
        if not len(added):
            return
        if self._sort_column < 0:
            start = len(self._order)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._order = np.concatenate((self._order, added))
            self._inverse = None
            self.endInsertRows()
            return
        old, new = self._order, self._compute_order()
        # Rows loaded in the sort's direction (or its reverse) form one block at an end,
        # and a key created or arriving live lands at one place: announce insertions,
        # which views and selections absorb far more cheaply than a new layout (that
        # moves every persistent index: 0.2 s with 1,000 rows selected at 100,000).
        if not self._insert_runs(old, new, first):
            self._relayout(lambda: setattr(self, "_order", new), sort_only=False)

    #: More runs of inserted rows than this are shown as a new layout instead.
    MAX_INSERT_RUNS = 32

    def _insert_runs(self, old: np.ndarray, new: np.ndarray, first_new: int) -> bool:
        """Announce the rows appended to the source (source rows from ``first_new``) as
        insertions at their places in ``new``, one run of adjacent rows at a time, if
        the other rows keep their order and the runs are few. Returns whether it did."""
        added = new >= first_new
        if not np.array_equal(new[~added], old):
            return False
        positions = np.flatnonzero(added)
        runs = np.split(positions, np.flatnonzero(np.diff(positions) != 1) + 1)
        if len(runs) > self.MAX_INSERT_RUNS:
            return False
        for run in runs:  # ascending, so each run's positions are final when it goes in
            shown = ~added
            shown[: int(run[-1]) + 1] = True
            self.beginInsertRows(QModelIndex(), int(run[0]), int(run[-1]))
            self._order = new[shown]
            self._inverse = None
            self.endInsertRows()
        return True

    def _extend_sort_caches(self, start: int, stop: int) -> bool:
        """Bring cached permutations up to date with rows ``start:stop`` appended: merged
        in where the source can (timestamps, flags), dropped otherwise, except the one
        shown in a large table, which gets the new rows at its end until a worker has
        sorted again. Returns whether that re-sort is needed."""
        self._ranks.clear()
        assert self._source is not None
        shown = (self._sort_column, self._descending())
        resort = False
        for cache_key, perm in list(self._perms.items()):
            merged = self._source.merge_permutation(perm, *cache_key, start, stop)
            if merged is None and cache_key == shown and stop >= self.BACKGROUND_SORT_ROWS:
                merged = np.concatenate((perm, np.arange(start, stop, dtype=np.intp)))
                resort = True
            if merged is None:
                del self._perms[cache_key]
            else:
                merged.flags.writeable = False
                self._perms[cache_key] = merged
        return resort

    def _resort_later(self) -> None:
        """Keep the order shown and sort again in a worker (see :meth:`sort`)."""
        column, order = self._sort_column, self._sort_order
        self._cancel_background_sort()
        self._start_background_sort(column, order)

    def _on_source_rows_about_to_be_removed(
        self, parent: QModelIndex, _first: int, _last: int
    ) -> None:
        if not parent.isValid():  # KeyTableModel removes by layout change; be safe anyway
            self.beginResetModel()

    def _on_source_rows_removed(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            self._rebuild()
            self.endResetModel()

    def _on_source_layout_about_to_change(self) -> None:
        self._begin_layout(sort_only=False)

    def _on_source_layout_changed(self) -> None:
        assert self._source is not None
        removed = self._source.removed_rows
        if removed is None:  # an unknown rearrangement: start again, lose persistence
            persistent, _ = self._snapshot or ([], [])
            self._snapshot = (persistent, [-1] * len(persistent))
            self._rebuild()
            self._end_layout(sort_only=False)
            return
        self._source_changed()
        old_count = self._count() + len(removed)
        mapping = row_mapping(old_count, removed)
        if self._matches is not None:
            self._matches = _translate(self._matches, mapping)
        for cache_key, perm in list(self._perms.items()):
            translated = _translate(perm, mapping)
            translated.flags.writeable = False
            self._perms[cache_key] = translated
        self._ranks.clear()
        self._order = self._compute_order()
        self._end_layout(sort_only=False, translate=mapping)

    def _on_source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if not top_left.isValid() or not bottom_right.isValid() or not len(self._order):
            return
        columns = range(top_left.column(), bottom_right.column() + 1)
        if roles and _DISPLAY not in roles:  # colours only: nothing to recompute
            self._emit_all_changed(columns, roles)
            return
        self._source_changed()
        resort = self._sort_column in columns
        later = resort and self._count() >= self.BACKGROUND_SORT_ROWS
        for column in columns:
            for descending in (False, True):
                if later and (column, descending) == (self._sort_column, self._descending()):
                    continue  # shown as it is until a worker has sorted again
                self._perms.pop((column, descending), None)
                self._ranks.pop((column, descending), None)
        if later:
            self._resort_later()
            resort = False
        searched = SEARCHED_COLUMNS.intersection(columns)
        refilter = bool(self._needle and searched)
        if refilter or resort:
            needle = self._needle

            def recompute() -> None:
                self._matches = self._filter_all(needle)
                self._order = self._compute_order()

            self._relayout(recompute, sort_only=not refilter)
        self._emit_all_changed(columns, roles)

    def _emit_all_changed(self, columns: range, roles: Sequence[int]) -> None:
        if len(self._order):
            self.dataChanged.emit(
                self.index(0, columns.start),
                self.index(len(self._order) - 1, columns.stop - 1),
                list(roles),
            )


# --- loading ------------------------------------------------------------------------------


def share_strings(rows: Iterable[KeyRow], shared: dict[str, str]) -> list[KeyRow]:
    """The rows with one string object per distinct owner and role: the database hands
    out a new copy per row, and a million copies of a few thousand emails cost ~100 MB."""
    intern = shared.setdefault
    return [
        KeyRow(p, u, n, intern(user, user), intern(role, role), c, e, rv, lu, o)
        for p, u, n, user, role, c, e, rv, lu, o in rows
    ]


class KeyLoader(QObject):
    """Loads every key in a worker thread (``iter_key_row_batches``), building the
    columns and their search index there too, and delivers them in chunks on the GUI
    thread: the first batch at once, then whatever arrived after ``interval`` seconds,
    the wait doubling up to :attr:`MAX_INTERVAL` (each delivery re-sorts and repaints),
    so a million rows cost the GUI a handful of appends, not hundreds.

    ``chunk(columns)`` (a :class:`KeyColumns`) for each delivery, then ``finished(total)`` or
    ``failed(error)``. :meth:`cancel` stops the worker at the next batch.
    """

    chunk = Signal(object)
    finished = Signal(int)
    failed = Signal(object)

    MAX_INTERVAL = 1.0

    def __init__(
        self, parent: QObject | None = None, *, batch_size: int = 5_000, interval: float = 0.25
    ) -> None:
        super().__init__(parent)
        self._batch_size = batch_size
        self._interval = interval
        self._cancelled = threading.Event()
        self._task: Task | None = None

    def start(self) -> None:
        cancelled = self._cancelled
        batch_size, interval = self._batch_size, self._interval
        max_interval = max(interval, self.MAX_INTERVAL)

        def work(report: Callable[[KeyColumns], None]) -> int:
            total = 0
            pending = KeyColumns()
            last_sent: float | None = None
            wait = interval
            shared: dict[str, str] = {}
            names: dict[str, str] = {}
            for batch in iter_key_row_batches(batch_size):
                if cancelled.is_set():
                    return total
                pending.add_rows(batch, shared, names)
                del batch
                pause_for_gui()  # the first rows are on screen, being painted
                now = time.monotonic()
                if last_sent is None or now - last_sent >= wait:
                    report(pending)
                    total += len(pending)
                    pending = KeyColumns()
                    wait = interval if last_sent is None else min(wait * 2, max_interval)
                    last_sent = now
            if len(pending) and not cancelled.is_set():
                report(pending)
                total += len(pending)
            return total

        self._task = run_read(work, self._done, self._failed, self, on_progress=self._deliver)

    def cancel(self) -> None:
        self._cancelled.set()
        if self._task is not None and self._task.running:
            self._task.cancel()

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.running

    def _deliver(self, columns: KeyColumns) -> None:
        if not self._cancelled.is_set():
            self.chunk.emit(columns)

    def _done(self, total: int) -> None:
        if not self._cancelled.is_set():
            self.finished.emit(total)

    def _failed(self, error: Exception) -> None:
        if not self._cancelled.is_set():
            self.failed.emit(error)
