"""The storage the keys list's search compares (see :mod:`keydesk.services.search_index`):
tables of rows of one width stored column by column, the starts of a needle in them as
bits or as positions, and the searched fields with few distinct values (user, role),
each value stored once with a code per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from keydesk.services.search import SEPARATOR

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.intp]
Bools = npt.NDArray[np.bool_]

# SEPARATOR (of keydesk.services.search) goes between the searched fields of a row,
# after the last, and pads a row.
SEP_BYTE = ord(SEPARATOR)
#: Slots per table are a multiple of this, so each column's bits are whole 64-bit words.
ALIGN = 64
#: Bytes compared at once, so the comparison's booleans stay in the CPU cache.
CHUNK = 1 << 20
#: Bits turn into a list of positions when there are fewer than one per this many bytes:
#: listing and then testing a position costs about as much as comparing that many bytes.
SPARSE = 160


def round_up(value: int, step: int) -> int:
    return -(-value // step) * step


@dataclass(frozen=True)
class StartBits:
    """Where a needle may start in a table: one bit per slot for each column ``lo <= c <
    hi``, packed little-endian, ``capacity // 8`` bytes per column (columns outside the
    range have none)."""

    lo: int
    hi: int
    bits: Bytes
    count: int  # bits set (after shifted(), an upper bound)


@dataclass(frozen=True)
class StartPositions:
    """Where a needle starts in a table, as flat indices ``column * capacity + slot``."""

    flat: Ints


Starts = StartBits | StartPositions | None


class ByteTable:
    """Rows of one width stored column by column, with the table row of each slot (-1
    for a free slot, whose bytes are all SEP)."""

    __slots__ = ("count", "data", "rows", "width")

    def __init__(self, width: int, capacity: int) -> None:
        self.width = width
        self.data: Bytes = np.full((width, round_up(max(capacity, 1), ALIGN)), SEP_BYTE, np.uint8)
        self.rows: Ints = np.full(self.data.shape[1], -1, np.intp)
        self.count = 0

    @property
    def capacity(self) -> int:
        return int(self.data.shape[1])

    @property
    def flat(self) -> Bytes:
        return self.data.reshape(-1)

    def append(self, block: Bytes, rows: Ints) -> Ints:
        """Add rows (``block`` is ``width`` × rows) and return their slots."""
        added = rows.shape[0]
        if self.count + added > self.capacity:
            self._resize(max(self.count + added, self.capacity * 5 // 4))
        slots = np.arange(self.count, self.count + added, dtype=np.intp)
        self.data[:, self.count : self.count + added] = block
        self.rows[self.count : self.count + added] = rows
        self.count += added
        return slots

    def _resize(self, capacity: int) -> None:
        data = np.empty((self.width, round_up(capacity, ALIGN)), np.uint8)
        data[:, : self.count] = self.data[:, : self.count]
        data[:, self.count :] = SEP_BYTE
        rows = np.empty(data.shape[1], np.intp)
        rows[: self.count] = self.rows[: self.count]
        rows[self.count :] = -1
        self.data, self.rows = data, rows

    def subset(self, slots: Ints) -> ByteTable:
        """A new table holding only these slots (in this order), with no spare room."""
        table = ByteTable(self.width, slots.shape[0])
        np.take(self.data, slots, axis=1, out=table.data[:, : slots.shape[0]], mode="clip")
        np.take(self.rows, slots, out=table.rows[: slots.shape[0]], mode="clip")
        table.count = slots.shape[0]
        return table

    def kill(self, slot: int) -> None:
        self.data[:, slot] = SEP_BYTE
        self.rows[slot] = -1

    @property
    def nbytes(self) -> int:
        return self.data.nbytes + self.rows.nbytes

    # --- searching ---------------------------------------------------------------------

    def starts(self, offset: int, byte: int) -> Starts:
        """Where a needle whose byte ``offset`` is ``byte`` may start (the needle being
        shorter than the width)."""
        span = self.width - offset - 1  # the last column is always SEP; span > 0 (see _starts)
        cap = self.capacity
        bits = equal_bits(self.flat[offset * cap : (offset + span) * cap], byte, None)
        return self._trimmed(0, span, bits)

    def test(self, state: Starts, offset: int, byte: int) -> Starts:
        """The starts of ``state`` where the needle's byte ``offset`` is ``byte``."""
        cap = self.capacity
        state = self.listed(state)
        if isinstance(state, StartPositions):
            # Past the last column "clip" reads the table's last byte, a SEP: no match.
            found = np.take(self.flat, state.flat + offset * cap, mode="clip") == byte
            flat = np.compress(found, state.flat)
            return StartPositions(flat) if flat.shape[0] else None
        if state is None:
            return None
        lo, hi = state.lo, min(state.hi, self.width - 1 - offset)
        if hi <= lo:
            return None
        start, stop = (lo + offset) * cap, (hi + offset) * cap
        bits = equal_bits(self.flat[start:stop], byte, state.bits[: (hi - lo) * cap // 8])
        return self._trimmed(lo, hi, bits)

    def shifted(self, state: Starts, offset: int) -> Starts:
        """``state`` of a needle found at ``offset`` in a longer one, as the longer one's
        possible starts."""
        cap = self.capacity
        if isinstance(state, StartPositions):
            flat = np.compress(state.flat >= offset * cap, state.flat) - offset * cap
            return StartPositions(flat) if flat.shape[0] else None
        if state is None or state.hi <= offset:
            return None
        lo, hi, bits = state.lo - offset, state.hi - offset, state.bits
        if lo < 0:
            bits, lo = bits[-lo * cap // 8 :], 0
        return StartBits(lo, hi, bits, state.count)

    def _trimmed(self, lo: int, hi: int, bits: Bytes) -> Starts:
        """The state of these bits, without empty columns at either end."""
        words = bits.view(np.uint64).reshape(hi - lo, -1)
        counts = np.bitwise_count(words).sum(axis=1, dtype=np.int64)
        used = np.flatnonzero(counts)
        if not used.shape[0]:
            return None
        first, last = int(used[0]), int(used[-1]) + 1
        bits = words[first:last].reshape(-1).view(np.uint8)
        return StartBits(lo + first, lo + last, bits, int(counts.sum()))

    def listed(self, state: Starts) -> Starts:
        """``state``, as positions if that makes testing it cheaper. (Bits are not listed
        as soon as they are found: listing costs five tests, and the next keystroke may
        never come.)"""
        if isinstance(state, StartBits) and state.count * SPARSE < state.bits.shape[0] * 8:
            flat = set_bits(state.bits.view(np.uint64)) + state.lo * self.capacity
            return StartPositions(flat)
        return state

    def mark(self, state: Starts, found: Bools) -> None:
        """Set ``found`` at the rows ``state`` holds a start in (``found`` has one more
        item than there are rows, written for free slots)."""
        if isinstance(state, StartPositions):
            found[np.take(self.rows, state.flat % self.capacity)] = True
        elif state is not None:
            words = state.bits.view(np.uint64).reshape(state.hi - state.lo, -1)
            union = words[0] if words.shape[0] == 1 else np.bitwise_or.reduce(words, axis=0)
            hit = np.unpackbits(union.view(np.uint8), count=self.count, bitorder="little")
            found[self.rows[: self.count]] = hit.view(np.bool_)  # tables share no row


#: The index of the lowest set bit of each byte value.
_LOWEST_BIT = np.array([(value & -value).bit_length() - 1 for value in range(256)], np.intp)


def set_bits(words: npt.NDArray[np.uint64]) -> Ints:
    """The indices of the set bits (little-endian), in no particular order: a byte at a
    time, each round taking the lowest bit left in every byte."""
    nonzero = np.flatnonzero(words != 0)
    octets = np.take(words, nonzero).view(np.uint8)
    at = np.flatnonzero(octets != 0)
    values = np.take(octets, at)
    bases = (nonzero[at >> 3] << 6) + ((at & 7) << 3)
    found = []
    while bases.shape[0]:
        found.append(bases + np.take(_LOWEST_BIT, values))
        values &= values - 1
        left = values != 0
        bases, values = np.compress(left, bases), np.compress(left, values)
    return np.concatenate(found) if found else np.zeros(0, np.intp)


def equal_bits(data: Bytes, byte: int, mask: Bytes | None) -> Bytes:
    """Bits (packed little-endian) of ``data == byte``, and-ed with ``mask`` if given."""
    size = data.shape[0]
    if size <= CHUNK:
        bits = np.packbits(data == byte, bitorder="little")
        return bits if mask is None else np.bitwise_and(bits, mask, out=bits)
    out = np.empty(size // 8, np.uint8)
    scratch = np.empty(CHUNK, np.bool_)
    for start in range(0, size, CHUNK):
        stop = min(size, start + CHUNK)
        equal = np.equal(data[start:stop], byte, out=scratch[: stop - start])
        bits = np.packbits(equal, bitorder="little")
        part = out[start // 8 : stop // 8]
        if mask is None:
            part[:] = bits
        else:
            np.bitwise_and(bits, mask[start // 8 : stop // 8], out=part)
    return out


class ValueColumn:
    """A searched field with few distinct values (user, role): each distinct lowercase
    value once, and the code of its value for every row."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._by_value: dict[str, int] = {}  # lowercase value → code
        self._by_text: dict[str, int] = {}  # text as given → code
        self.codes: npt.NDArray[np.unsignedinteger] = np.zeros(0, np.uint8)

    def code(self, text: str) -> int:
        code = self._by_text.get(text)
        if code is None:
            code = self._by_text[text] = self._value_code(text.lower())
        return code

    def _value_code(self, value: str) -> int:
        code = self._by_value.get(value)
        if code is None:
            code = self._by_value[value] = len(self.values)
            self.values.append(value)
        return code

    def absorb(self, other: ValueColumn) -> None:
        """Append ``other``'s rows, recoding its values as this column's."""
        recode = np.array([self._value_code(value) for value in other.values], np.uint32)
        self._fitting(recode[other.codes] if recode.shape[0] else np.zeros(0, np.uint32))

    def _fitting(self, codes: npt.NDArray[np.unsignedinteger]) -> None:
        dtype = np.min_scalar_type(max(len(self.values) - 1, 0))
        if dtype.itemsize > self.codes.dtype.itemsize:
            self.codes = self.codes.astype(dtype)
        self.codes = np.concatenate([self.codes, codes.astype(self.codes.dtype)])

    def extend(self, texts: Sequence[str]) -> None:
        known = list(map(self._by_text.get, texts))  # most texts are known: no Python call
        if None in known:
            known = [
                self.code(text) if code is None else code
                for code, text in zip(known, texts, strict=True)
            ]
        self._fitting(np.array(known, np.uint32))

    def set(self, row: int, text: str) -> None:
        code = self.code(text)
        if code > np.iinfo(self.codes.dtype).max:
            self.codes = self.codes.astype(np.min_scalar_type(code))
        self.codes[row] = code

    def keep(self, kept: Bools) -> None:
        self.codes = np.compress(kept, self.codes)

    def containing(self, needle: str, among: Ints | None = None) -> Ints:
        """The codes of the values containing ``needle`` (of ``among`` only, if given)."""
        values = self.values
        if among is None:
            return np.array([i for i, value in enumerate(values) if needle in value], np.intp)
        return np.array([i for i in among.tolist() if needle in values[i]], np.intp)

    def mark(self, codes: Ints, found: Bools) -> None:
        """Set ``found`` at the rows whose value is one of ``codes``."""
        if not codes.shape[0]:
            return
        rows = found[: self.codes.shape[0]]
        if codes.shape[0] == len(self.values):
            rows[:] = True
        elif codes.shape[0] <= 4:
            for code in codes.tolist():
                rows |= self.codes == code
        else:
            wanted = np.zeros(len(self.values), np.bool_)
            wanted[codes] = True
            rows |= np.take(wanted, self.codes)
