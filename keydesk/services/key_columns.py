"""The loaded keys in memory, column by column, with no Qt: :class:`KeyColumns` (the
store the keys table reads), :class:`RowSequence` (the same as ``KeyRow`` tuples, built
on access), the microsecond time helpers, and the bulk helpers the table's model and
proxy use to remove rows and compute sort permutations.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from operator import itemgetter
from typing import Any

import numpy as np

from keydesk.services.keys import KeyRow, role_label
from keydesk.services.search_index import SearchIndex
from keydesk.services.sort_order import order_from_ranks, text_order, text_ranks

_get = [itemgetter(i) for i in range(len(KeyRow._fields))]
_F_PREFIX, _F_UNIQUE, _F_NAME, _F_USER, _F_ROLE = 0, 1, 2, 3, 4
_F_CREATED, _F_EXPIRES, _F_REVOKED, _F_LAST_USED, _F_OPT_IN = 5, 6, 7, 8, 9


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


def translate_rows(rows: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """``rows`` renumbered through ``mapping``, dropping rows mapped to -1."""
    moved: np.ndarray = mapping[rows]
    return moved[moved >= 0]


def row_mapping(count: int, removed: Sequence[int]) -> np.ndarray:
    """Old row → new row after removing ``removed`` (sorted ascending); -1 if removed."""
    keep = np.ones(count, dtype=bool)
    keep[np.asarray(removed, dtype=np.intp)] = False
    mapping = np.cumsum(keep, dtype=np.intp) - 1
    mapping[~keep] = -1
    return mapping


class ListHead(Sequence[str]):
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


def coded_permutation(values: list[str], codes: np.ndarray, descending: bool) -> np.ndarray:
    """Rows sorted by ``values[code]`` (lowercase already): the distinct values are
    ranked once, then the rows sorted by the rank of their code."""
    rank = np.asarray(text_ranks(values), dtype=np.int64)
    return order_from_ranks(rank[codes], descending)


def text_permutation(texts: Sequence[str], descending: bool) -> np.ndarray:
    return text_order(texts, descending).astype(np.intp, copy=False)


# --- storing ------------------------------------------------------------------------------


EPOCH = datetime(1970, 1, 1)
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
    return (moment - EPOCH) // _ONE_US


def from_micros(value: int, missing: int) -> datetime | None:
    return None if value == missing else EPOCH + timedelta(microseconds=value)


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
            EPOCH + timedelta(microseconds=self.created[i]),
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
                map(EPOCH.__add__, map(timedelta, _ZEROS, _ZEROS, values))
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
