"""The keys list's search over many rows at once: which rows have a searched field (prefix,
unique name, name, user, role label) containing a needle, the rule of
:mod:`keydesk.services.search`, answered with NumPy in a few milliseconds for a million
keys instead of a Python loop over every row.

Layout. Prefix, unique name and name are lowercased, UTF-8 encoded and stored as
``prefix SEP unique_name SEP name SEP`` padded with SEP to a fixed width, in one table per
width (rows of similar length share one, so padding stays small), *column by column*:
``data[c, s]`` is byte ``c`` of the row in slot ``s``. UTF-8 is self-synchronising, so a
byte match is a character match, and a needle without SEP never spans two fields. User and
role have few distinct values: each distinct lowercase value is stored once, with a small
integer code per row, and the needle is tested against the values in Python.

Search. The places where a needle may start are kept as bits, one per byte of a table, in
the same column-major order. A one-byte needle's bits come from one comparison of the
whole table; each further byte ``b`` at offset ``t`` keeps a start bit only where the
byte ``t`` columns to the right equals ``b``, which is one comparison of a shifted slice.
Columns without any start bit are skipped, and once few bits remain they become a list of
flat positions, tested by gathering the bytes they point at. As typing extends a needle,
the positions of recent needles are kept (until the rows change), and a needle containing
one of them starts from its positions rather than from the whole table. A needle holding
SEP itself is answered by a Python check of the few rows whose fields hold SEP.

The tables, the starts and the few-valued columns are in
:mod:`keydesk.services.search_tables`; this module lays rows out and searches them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from keydesk.services.search import SEPARATOR
from keydesk.services.search_tables import (
    ALIGN,
    SEP_BYTE,
    Bools,
    Bytes,
    ByteTable,
    Ints,
    StartPositions,
    Starts,
    ValueColumn,
    round_up,
)

#: Rows laid out at once by :meth:`SearchIndex.extend` (the layout's index arrays are
#: eight times the bytes they lay out).
_BATCH = 16_384
#: Slots of a table past which rows of its width go to a new table: growing a table
#: copies it and holds both copies at once (tens of MB at a million rows).
_TABLE_SLOTS = 1 << 16
#: Testing a position costs about as much as comparing this many bytes.
_POSITION_COST = 32
#: How many recent needles keep their match positions, at most; and the bytes these may
#: take, as a fraction of the tables' bytes.
_REMEMBERED = 32
_REMEMBERED_SHARE = 0.25


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _widths(lengths: Ints) -> Ints:
    """Table widths for rows of these byte lengths: multiples of 8 up to 128 bytes, then
    steps of a quarter power of two, so padding stays under a quarter of a row."""
    widths = (lengths + 7) // 8 * 8
    long = lengths > 128
    if long.any():
        size = lengths[long]
        step = np.left_shift(1, np.frexp(size - 1)[1] - 3)
        widths[long] = -(-size // step) * step
    return widths


@dataclass(frozen=True)
class _Found:
    """A needle's starts in every table (in the index's table order) and the codes of
    the users and roles containing it. A state may be replaced by the same starts as
    positions (:meth:`ByteTable.listed`)."""

    needle: bytes
    states: list[Starts]
    users: Ints
    roles: Ints

    @property
    def cost(self) -> int:
        """About how many bytes testing another byte of the needle compares."""
        total = 0
        for state in self.states:
            if isinstance(state, StartPositions):
                total += state.flat.shape[0] * _POSITION_COST
            elif state is not None:
                total += state.bits.shape[0] * 8
        return total

    @property
    def nbytes(self) -> int:
        total = self.users.nbytes + self.roles.nbytes
        for state in self.states:
            if isinstance(state, StartPositions):
                total += state.flat.nbytes
            elif state is not None:
                total += state.bits.nbytes
        return total


class SearchIndex:
    """The searched fields of the keys list's rows, laid out for fast substring search
    (see the module docstring). Rows are numbered 0..len-1 in the order they were added;
    :meth:`compact` renumbers them as the table's rows are."""

    def __init__(self) -> None:
        self._count = 0
        self._tables: list[ByteTable] = []
        self._by_width: dict[int, int] = {}  # width → index in _tables
        self._users = ValueColumn()
        self._roles = ValueColumn()
        #: Rows whose prefix, unique name or name holds SEP: their lowercase fields.
        self._odd: dict[int, tuple[str, str, str]] = {}
        #: How often each byte occurs, to test a needle's rarest byte first.
        self._frequency = np.zeros(256, np.int64)
        #: Per row, its table and slot; built by the first edit, dropped by compact().
        self._where: tuple[Ints, Ints] | None = None
        self._found: OrderedDict[bytes, _Found] = OrderedDict()

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """Bytes held in arrays (tables, codes, remembered positions)."""
        total = sum(table.nbytes for table in self._tables)
        total += self._users.codes.nbytes + self._roles.codes.nbytes
        if self._where is not None:
            total += self._where[0].nbytes + self._where[1].nbytes
        return total + sum(found.nbytes for found in self._found.values())

    def value_codes(self, field: str) -> tuple[list[str], Ints]:
        """For ``"user"`` or ``"role"``: the distinct lowercase values and a copy of every
        row's code into them, e.g. to sort rows by that field without a Python step per
        row."""
        column = {"user": self._users, "role": self._roles}[field]
        return list(column.values), column.codes.astype(np.intp)

    # --- changes -----------------------------------------------------------------------

    def extend(
        self,
        prefixes: Sequence[str],
        unique_names: Sequence[str],
        names: Sequence[str],
        users: Sequence[str],
        roles: Sequence[str],
    ) -> None:
        """Append rows (five equal-length sequences, original case)."""
        count = len(prefixes)
        if not len(unique_names) == len(names) == len(users) == len(roles) == count:
            raise ValueError("extend() needs five sequences of the same length")
        if not count:
            return
        self._found.clear()
        for start in range(0, count, _BATCH):
            stop = min(count, start + _BATCH)
            self._lay_out(
                self._count + start,
                prefixes[start:stop],
                unique_names[start:stop],
                names[start:stop],
            )
        self._users.extend(users)
        self._roles.extend(roles)
        self._count += count

    def absorb(self, other: SearchIndex) -> None:
        """Append ``other``'s rows after these, taking its laid-out bytes as they are, and
        empty ``other``: rows indexed in a worker thread join the table's index on the GUI
        thread at the cost of a copy, not of lowercasing and encoding them again."""
        if not len(other):
            return
        self._found.clear()
        self._where = None  # rebuilt by the next edit
        first = self._count
        for table in other._tables:
            live = np.flatnonzero(table.rows[: table.count] >= 0)
            if live.shape[0] == table.count:  # a fresh batch: copied once, not twice
                self._put(table.width, table.data[:, : table.count], table.rows[live] + first)
            elif live.shape[0]:
                self._put(table.width, table.data[:, live], table.rows[live] + first)
        self._users.absorb(other._users)
        self._roles.absorb(other._roles)
        self._odd.update({first + row: fields for row, fields in other._odd.items()})
        self._frequency += other._frequency
        self._count += other._count
        other.__init__()  # type: ignore[misc]  # emptied: its rows live here now

    def _lay_out(
        self, first: int, prefixes: Sequence[str], unique_names: Sequence[str], names: Sequence[str]
    ) -> None:
        """Put rows numbered from ``first`` into the tables of their widths."""
        count = len(prefixes)
        fields: list[str] = [""] * (3 * count)
        fields[0::3], fields[1::3], fields[2::3] = prefixes, unique_names, names
        # Lowercasing the joined text is lowercasing each field: SEP is neither cased nor
        # case-ignorable, so it ends the context of a final sigma as a string end does.
        raw = np.frombuffer(_encode((SEPARATOR.join(fields) + SEPARATOR).lower()), np.uint8)
        seps = np.flatnonzero(raw == SEP_BYTE)
        if seps.shape[0] == 3 * count:
            ends = seps[2::3] + 1
        else:  # some field holds SEP: find each row's length on its own
            for row, texts in enumerate(zip(prefixes, unique_names, names, strict=True)):
                if any(SEPARATOR in text for text in texts):
                    self._odd[first + row] = (texts[0].lower(), texts[1].lower(), texts[2].lower())
            blobs = [
                _row_bytes(*texts) for texts in zip(prefixes, unique_names, names, strict=True)
            ]
            raw = np.frombuffer(b"".join(blobs), np.uint8)
            ends = np.cumsum(np.fromiter(map(len, blobs), np.intp, count))
        self._frequency += np.bincount(raw, minlength=256)
        starts = np.concatenate([np.zeros(1, np.intp), ends[:-1]])
        widths = _widths(ends - starts)
        for width in np.unique(widths).tolist():
            chosen = np.flatnonzero(widths == width)
            index = starts[chosen, None] + np.arange(width)
            np.minimum(index, ends[chosen, None] - 1, out=index)  # pad with the final SEP
            self._put(width, raw[index].T, chosen + first)

    def _put(self, width: int, block: Bytes, rows: Ints) -> None:
        number = self._by_width.get(width)
        if number is not None:
            table = self._tables[number]
            if table.count >= _TABLE_SLOTS and table.count + rows.shape[0] > table.capacity:
                number = None  # full and large: start another rather than copy it bigger
        if number is None:
            number = self._by_width[width] = len(self._tables)
            self._tables.append(ByteTable(width, rows.shape[0]))
        slots = self._tables[number].append(block, rows)
        if self._where is not None:
            tables, where = self._where
            if rows[-1] >= tables.shape[0]:
                grown = max(rows[-1] + 1, tables.shape[0] * 5 // 4)
                tables = np.resize(tables, grown)
                where = np.resize(where, grown)
                self._where = tables, where
            tables[rows] = number
            where[rows] = slots

    def set_row(self, row: int, fields: tuple[str, str, str, str, str]) -> None:
        """Replace one row's five fields (an edit)."""
        if not 0 <= row < self._count:
            raise IndexError(row)
        self._found.clear()
        prefix, unique_name, name, user, role = fields
        blob = _row_bytes(prefix, unique_name, name)
        self._frequency += np.bincount(np.frombuffer(blob, np.uint8), minlength=256)
        tables, where = self._located()
        table = self._tables[int(tables[row])]
        slot = int(where[row])
        width = int(_widths(np.array([len(blob)]))[0])
        column = np.full(width, SEP_BYTE, np.uint8)
        column[: len(blob)] = np.frombuffer(blob, np.uint8)
        if width == table.width:
            table.data[:, slot] = column
        else:
            table.kill(slot)
            self._put(width, column[:, None], np.array([row], np.intp))
        if any(SEPARATOR in text for text in (prefix, unique_name, name)):
            self._odd[row] = (prefix.lower(), unique_name.lower(), name.lower())
        else:
            self._odd.pop(row, None)
        self._users.set(row, user)
        self._roles.set(row, role)

    def _located(self) -> tuple[Ints, Ints]:
        if self._where is None:
            tables = np.zeros(self._count, np.intp)
            where = np.zeros(self._count, np.intp)
            for number, table in enumerate(self._tables):
                slots = np.flatnonzero(table.rows[: table.count] >= 0)
                rows = table.rows[slots]
                tables[rows] = number
                where[rows] = slots
            self._where = tables, where
        return self._where

    def compact(self, removed: Sequence[int]) -> None:
        """Drop the rows at these ascending positions; later rows are renumbered down."""
        gone = np.asarray(removed, dtype=np.intp)
        if gone.shape[0] and (gone.min() < 0 or gone.max() >= self._count):
            raise IndexError("compact() got a row out of range")
        kept = np.ones(self._count, np.bool_)
        kept[gone] = False
        self._rebuild(kept)

    def _rebuild(self, kept: Bools) -> None:
        self._found.clear()
        self._where = None
        renumbered = np.cumsum(kept, dtype=np.intp) - 1
        tables: list[ByteTable] = []
        old, self._tables = self._tables, tables
        while old:
            table = old.pop()  # one table at a time is copied, and the old one let go
            rows = table.rows[: table.count]
            stays = rows >= 0
            stays[stays] = kept[rows[stays]]
            slots = np.flatnonzero(stays)
            if not slots.shape[0]:
                continue
            if slots.shape[0] < table.count or round_up(table.count, ALIGN) < table.capacity:
                table = table.subset(slots)
            table.rows[: table.count] = renumbered[table.rows[: table.count]]
            tables.append(table)
        self._by_width = {table.width: number for number, table in enumerate(tables)}
        self._odd = {int(renumbered[row]): fields for row, fields in self._odd.items() if kept[row]}
        self._users.keep(kept)
        self._roles.keep(kept)
        self._count = int(renumbered[-1]) + 1 if kept.shape[0] else 0

    # --- searching ---------------------------------------------------------------------

    def find(self, needle: str, among: npt.ArrayLike | None = None) -> Ints:
        """Ascending row numbers whose some field contains ``needle`` (already stripped and
        lowercased). With ``among`` (ascending candidate rows) only those rows are tested:
        the caller passes the previous matches when the new needle contains the previous
        one."""
        rows = None if among is None else np.asarray(among, dtype=np.intp)
        if rows is not None and self._count and self._every_row(rows):
            rows = None
        found = self._found_rows(needle, rows)
        if rows is None:
            return np.flatnonzero(found[: self._count])
        return np.compress(np.take(found, rows), rows)

    def _every_row(self, rows: Ints) -> bool:
        """Whether ``rows`` (ascending, as find() is given them) are all the rows."""
        return bool(rows.shape[0] == self._count and rows[0] == 0 and rows[-1] == self._count - 1)

    def matches_mask(self, needle: str) -> Bools:
        """For every row, whether some field contains ``needle``."""
        return self._found_rows(needle, None)[: self._count]

    def _found_rows(self, needle: str, among: Ints | None) -> Bools:
        """Per row (and one more item, scratch for free slots), whether it matches."""
        found = np.zeros(self._count + 1, np.bool_)
        if not needle:
            found[:] = True
            return found
        wanted = _encode(needle)
        if SEP_BYTE in wanted:
            for row, fields in self._odd.items():
                found[row] = any(needle in field for field in fields)
            self._users.mark(self._users.containing(needle), found)
            self._roles.mark(self._roles.containing(needle), found)
            return found
        result = self._found.get(wanted)
        if result is not None:
            self._found.move_to_end(wanted)
        else:
            base = min(
                (known for known in self._found.values() if known.needle in wanted),
                key=lambda known: known.cost,
                default=None,
            )
            if among is not None and self._narrow(among, wanted, base):
                self._search_among(needle, wanted, among, found)
                return found
            result = self._search(needle, wanted, base)
            self._remember(result)
        for table, state in zip(self._tables, result.states, strict=True):
            table.mark(state, found)
        self._users.mark(result.users, found)
        self._roles.mark(result.roles, found)
        return found

    def _remember(self, result: _Found) -> None:
        """Keep ``result`` for later needles, forgetting the least recently used ones
        beyond the limits."""
        self._found[result.needle] = result
        room = _REMEMBERED_SHARE * sum(table.data.size for table in self._tables)
        used = sum(found.nbytes for found in self._found.values())
        while len(self._found) > 1 and (len(self._found) > _REMEMBERED or used > room):
            used -= self._found.popitem(last=False)[1].nbytes

    def _narrow(self, among: Ints, wanted: bytes, base: _Found | None) -> bool:
        """Whether testing copies of just the rows of ``among`` is much cheaper than
        searching every row (which also leaves positions for the next keystroke)."""
        narrow = 2 * self._count + int(among.shape[0]) * 64 * len(wanted)
        wide = sum(int(table.data.size) for table in self._tables) if base is None else base.cost
        return 2 * narrow < wide

    def _search(self, needle: str, wanted: bytes, base: _Found | None) -> _Found:
        if base is None:
            if not self._frequency[list(wanted)].all():  # a byte no row holds
                states: list[Starts] = [None] * len(self._tables)
            else:
                states = [self._starts(table, wanted) for table in self._tables]
            return _Found(
                wanted, states, self._users.containing(needle), self._roles.containing(needle)
            )
        offset = wanted.find(base.needle)
        known = range(offset, offset + len(base.needle))
        states = []
        for number, table in enumerate(self._tables):
            # Listed once for every needle that grows from this one.
            state = base.states[number] = table.listed(base.states[number])
            state = table.shifted(state, offset)
            for at in self._rarest_first(wanted, known):
                state = table.test(state, at, wanted[at])
            states.append(state)
        return _Found(
            wanted,
            states,
            self._users.containing(needle, base.users),
            self._roles.containing(needle, base.roles),
        )

    def _starts(self, table: ByteTable, wanted: bytes) -> Starts:
        """Where in ``table`` the needle starts, testing its rarest byte first."""
        if len(wanted) >= table.width:
            return None
        first, *rest = self._rarest_first(wanted, range(0))
        state = table.starts(first, wanted[first])
        for at in rest:
            state = table.test(state, at, wanted[at])
        return state

    def _rarest_first(self, wanted: bytes, known: range) -> list[int]:
        """The offsets of ``wanted`` outside ``known``, rarest byte first."""
        frequency = self._frequency
        return sorted(
            (at for at in range(len(wanted)) if at not in known),
            key=lambda at: (int(frequency[wanted[at]]), at),
        )

    def _search_among(self, needle: str, wanted: bytes, among: Ints, found: Bools) -> None:
        """Mark the rows of ``among`` that match, scanning copies of just their rows."""
        chosen = np.zeros(self._count + 1, np.bool_)
        chosen[among] = True
        chosen[-1] = False
        for table in self._tables:
            slots = np.flatnonzero(chosen[table.rows[: table.count]])
            if slots.shape[0]:
                few = table.subset(slots)
                few.mark(self._starts(few, wanted), found)
        self._users.mark(self._users.containing(needle), found)
        self._roles.mark(self._roles.containing(needle), found)


def _row_bytes(prefix: str, unique_name: str, name: str) -> bytes:
    """A row as a table stores it, before padding."""
    return _encode(f"{prefix}{SEPARATOR}{unique_name}{SEPARATOR}{name}{SEPARATOR}".lower())
