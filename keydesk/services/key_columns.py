"""The loaded keys in memory, column by column, with no Qt: :class:`KeyColumns` (the
store the keys table reads), :class:`RowSequence` (the same as ``KeyRow`` tuples, built
on access), the microsecond time helpers, and the bulk helpers the table's model and
proxy use to remove rows and compute sort permutations.
"""

from __future__ import annotations

import itertools
import warnings
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from operator import itemgetter
from typing import Any, Literal, cast

import numpy as np

from keydesk.services.key_fields import (
    FIELD_NAMES,
    KEY_FIELDS,
    NEVER_EXPIRES_US,
    NEVER_USED_US,
    KeyField,
)
from keydesk.services.key_records import KeyRow
from keydesk.services.key_rules import has_expired, has_expired_us, role_label
from keydesk.services.search_index import SearchIndex
from keydesk.services.sort_order import (
    Standing,
    int_keys,
    int_order,
    order_from_ranks,
    text_ranks,
    text_standing,
    utf8_text_standing,
)
from keydesk.services.text_column import TextColumn, column_values

_get = [itemgetter(i) for i in range(len(KeyRow._fields))]
if KeyRow._fields != FIELD_NAMES:
    raise RuntimeError("KEY_FIELDS must describe KeyRow's fields, in its order")
#: The fields the search index holds (the role by its label), in its order.
SEARCHED_FIELDS = ("prefix", "unique_name", "name", "user", "role")


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


# --- storing ------------------------------------------------------------------------------


EPOCH = datetime(1970, 1, 1)
_ONE_US = timedelta(microseconds=1)
_ZEROS = itertools.repeat(0)


def to_micros(moment: datetime | None, missing: int) -> int:
    if moment is None:
        return missing
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return (moment - EPOCH) // _ONE_US


_NAT = np.iinfo(np.int64).min


def micros(values: Sequence[Any], missing: int) -> np.ndarray:
    """:func:`to_micros` of every value (``datetime``, ISO text, microseconds since 1970
    or None) as an int64 array, parsed by NumPy in one call; values NumPy cannot parse
    alone (text with a UTC offset, aware ``datetime``) fall back to :func:`to_micros`,
    one at a time."""
    known = next((value for value in values if value is not None), None)
    if isinstance(known, int):  # already microseconds (PostgreSQL's, see value_query)
        if None not in values:
            return np.array(values, dtype=np.int64)
        numbers = np.array(values, dtype=object)
        numbers[numbers == None] = missing  # noqa: E711  (elementwise: is would not)
        return numbers.astype(np.int64)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. an offset in the text: parse it below
            parsed = np.array(values, dtype="datetime64[us]")
    except (ValueError, TypeError, OverflowError, DeprecationWarning, UserWarning):
        return np.array([_one_micros(value, missing) for value in values], dtype=np.int64)
    result = parsed.view(np.int64)
    result[result == _NAT] = missing
    return result


def _one_micros(value: Any, missing: int) -> int:
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return to_micros(value, missing)


def from_micros(value: int, missing: int) -> datetime | None:
    return None if value == missing else EPOCH + timedelta(microseconds=value)


#: Names repeat ("prod", "ci deploy"), and a million copies of a few thousand names cost
#: ~60 MB; a load shares one string object per distinct name, up to this many distinct
#: names (a dict entry each), past which names are kept as they come.
SHARED_NAMES_MAX = 65_536


def _empty(field: KeyField) -> TextColumn | list[str] | array[int] | bytearray:
    """The empty storage of one field (see :data:`~keydesk.services.key_fields.Stored`):
    distinct texts (prefix, unique name) as a :class:`TextColumn`, ~110 MB less than
    strings at a million keys."""
    if field.stored == "text":
        return TextColumn()
    if field.stored == "time":
        return array("q")
    if field.stored == "flag":
        return bytearray()
    return []


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

    __slots__ = (*FIELD_NAMES, "index")

    # One attribute per field of KEY_FIELDS, of its storage's type; these annotations
    # are for the readers that name a field (the table's cells).
    prefix: TextColumn
    unique_name: TextColumn
    name: list[str]
    user: list[str]
    role: list[str]
    created: array[int]
    expires: array[int]
    revoked: bytearray
    last_used: array[int]
    opt_in: bytearray
    index: SearchIndex

    def __init__(self) -> None:
        for field in KEY_FIELDS:
            setattr(self, field.name, _empty(field))
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
        for number, field in enumerate(KEY_FIELDS):
            values = map(_get[number], rows)
            stored = getattr(self, field.name)
            if field.stored == "name" and names is not None:
                stored.extend(_shared_texts(values, names))
            elif field.stored == "shared":
                stored.extend([intern(value, value) for value in values])
            elif field.stored == "time":
                missing = field.missing_us
                stored.extend([to_micros(value, missing) for value in values])
            elif field.stored == "flag":
                stored.extend(map(bool, values))
            else:
                stored.extend(values)
        self.index.extend(
            self.prefix[start:],
            self.unique_name[start:],
            self.name[start:],
            self.user[start:],
            list(map(role_label, self.role[start:])),
        )

    def add_values(
        self,
        rows: Sequence[Sequence[Any]],
        shared: dict[str, str] | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        """Append rows as the database driver returns them
        (:func:`~keydesk.services.key_reads.iter_key_value_batches`), converting a whole
        column at a time: times parsed by NumPy, flags by ``bytearray``, role labels
        looked up once per distinct role. Ends as :meth:`add_rows` would: about a third
        of its time at a million keys, where a Python call per value dominated."""
        if not rows:
            return
        intern = (shared if shared is not None else {}).setdefault
        start = len(self.prefix)
        for field, values in zip(KEY_FIELDS, zip(*rows, strict=True), strict=True):
            stored = getattr(self, field.name)
            if field.stored == "name" and names is not None:
                stored.extend(_shared_texts(values, names))
            elif field.stored == "shared":
                stored.extend([intern(value, value) for value in values])
            elif field.stored == "time":
                stored.frombytes(micros(values, field.missing_us).tobytes())
            elif field.stored == "flag":
                stored.extend(map(bool, values))
            else:
                stored.extend(values)
        labels = {role: role_label(role) for role in set(self.role[start:])}
        self.index.extend(
            self.prefix[start:],
            self.unique_name[start:],
            self.name[start:],
            self.user[start:],
            list(map(labels.__getitem__, self.role[start:])),
        )

    def extend(self, other: KeyColumns) -> None:
        """Append ``other``'s rows (taking over its search index's buffers)."""
        for name in self.__slots__:
            if name != "index":
                getattr(self, name).extend(getattr(other, name))
        self.index.absorb(other.index)

    def row(self, i: int) -> KeyRow:
        # Spelled out field by field: a loop over KEY_FIELDS took 3.0 µs a row instead
        # of 1.9, and a CSV export of a million rows builds a million of them.
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
        a million rows, instead of building a million ``KeyRow`` on the GUI thread.
        Prefixes and unique names are not copied but shared as they are now
        (:meth:`TextColumn.head`: 37 MB less at a million keys)."""
        copy = KeyColumns()
        for name in self.__slots__:
            if name != "index":
                setattr(copy, name, column_values(getattr(self, name)))
        return copy

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

        def values(field: KeyField) -> Iterable[Any]:
            if field.stored == "time":
                return moments(getattr(self, field.name), field.missing_us)
            if field.stored == "flag":
                return map(bool, getattr(self, field.name)[start:stop])
            return cast("Iterable[Any]", getattr(self, field.name)[start:stop])

        fields = zip(*map(values, KEY_FIELDS), strict=True)
        return list(map(tuple.__new__, itertools.repeat(KeyRow), fields))

    def set_row(self, i: int, row: KeyRow, shared: dict[str, str] | None = None) -> None:
        intern = (shared if shared is not None else {}).setdefault
        old_fields = self.index_fields(i)
        value: Any
        for field, value in zip(KEY_FIELDS, row, strict=True):
            if field.stored == "shared":
                value = intern(value, value)
            elif field.stored == "time":
                value = to_micros(value, field.missing_us)
            elif field.stored == "flag":
                value = bool(value)
            getattr(self, field.name)[i] = value
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
                column = getattr(self, name)
                if isinstance(column, TextColumn):
                    setattr(result, name, column.compacted(removed))
                else:
                    setattr(result, name, compact(column, removed))
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


# --- sorting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SortBy:
    """How a column of the keys table sorts, read from :class:`KeyColumns`: ``how`` is

    * ``"text"``: the field's text, case-insensitively (prefix, unique name, name);
    * ``"value"``: a field with few distinct values (owner, role by its label), whose
      distinct values the search index ranks once;
    * ``"number"``: a stored number (timestamps with "never expires" latest and "never
      used" earliest, flags 0/1), which can also merge appended rows into a sort;
    * ``"expired"``: whether ``field`` (a timestamp) is at or before the time of the
      sort; such an order moves with the clock and is never cached.

    Ties keep row (load) order in both directions, as Python's stable ``sorted`` does.
    """

    field: str
    how: Literal["text", "value", "number", "expired"]

    @property
    def moves_with_time(self) -> bool:
        return self.how == "expired"

    def row_key(self, row: KeyRow, now: datetime) -> Any:
        """The key one ``KeyRow`` sorts by: the per-row reference the bulk orders below
        are tested against."""
        value = getattr(row, self.field)
        if self.how == "text":
            return value.lower()
        if self.how == "value":
            return (role_label(value) if self.field == "role" else value).lower()
        if self.how == "expired":
            return has_expired(value, now)
        if isinstance(value, bool):
            return value
        if value is None:  # "never expires" sorts latest, "never used" earliest
            never_expires = _FIELD_NAMED[self.field].missing_us == NEVER_EXPIRES_US
            return datetime.max if never_expires else datetime.min
        return value


_FIELD_NAMED = {field.name: field for field in KEY_FIELDS}


def numeric_sort_keys(columns: KeyColumns, sort: SortBy, now: datetime | None) -> np.ndarray | None:
    """The sort keys of a ``"number"`` sort (or an ``"expired"`` one, given ``now``) as an
    int64 array; None for text."""
    if sort.how == "number":
        stored = getattr(columns, sort.field)
        if isinstance(stored, bytearray):
            return np.frombuffer(bytes(stored), dtype=np.uint8).astype(np.int64)
        return np.array(stored, dtype=np.int64)
    if sort.how == "expired" and now is not None:
        limit = to_micros(now, NEVER_USED_US)
        expires = np.array(getattr(columns, sort.field), dtype=np.int64)
        return has_expired_us(expires, limit).astype(np.int64)
    return None


def permutation_job(
    columns: KeyColumns, sort: SortBy, descending: bool, now: datetime
) -> Callable[[], np.ndarray]:
    """A function, for a worker thread, giving every row sorted by ``sort`` like a stable
    ``sorted`` on :meth:`SortBy.row_key` (``reverse=descending``): the column is copied
    here (C-level copies, a few milliseconds at a million rows)."""
    keys = numeric_sort_keys(columns, sort, now)
    if keys is not None:
        return lambda: int_order(keys, descending)
    if sort.how == "value":  # a few thousand distinct values at most
        values, codes = columns.index.value_codes(sort.field)
        return lambda: coded_permutation(values, codes, descending)
    standing = standing_job(columns, sort)
    assert standing is not None
    return lambda: standing().order(descending)


def standing_job(columns: KeyColumns, sort: SortBy) -> Callable[[], Standing] | None:
    """A function, for a worker thread, giving the :class:`Standing` order of a text
    column (the column is copied here); None for other sorts, which are quick anyway."""
    if sort.how != "text":
        return None
    column = getattr(columns, sort.field)
    held = column.ascii_bytes() if isinstance(column, TextColumn) else None
    if held is not None:  # prefixes, unique names: sorted as they are held, as bytes
        data, ends = held
        return lambda: utf8_text_standing(data, ends)
    texts = ListHead(column)
    return lambda: text_standing(texts)


def merge_permutation(
    columns: KeyColumns, sort: SortBy, perm: np.ndarray, descending: bool, start: int, stop: int
) -> np.ndarray | None:
    """``perm`` (rows ``0:start`` sorted by ``sort``) with rows ``start:stop`` merged in,
    as :func:`permutation_job` would order them; None where a merge is not cheaper than
    sorting again (text, and "expired", which moves with time)."""
    keys = numeric_sort_keys(columns, sort, None)
    if keys is None or len(perm) != start or stop != len(keys):
        return None
    ordered = int_keys(keys, descending)
    block = start + np.argsort(ordered[start:stop], kind="stable")
    # A new row sorts after the old rows it ties with: it comes later in row order.
    positions = np.searchsorted(ordered[perm], ordered[block], side="right")
    merged: np.ndarray = np.insert(perm, positions, block)
    return merged
