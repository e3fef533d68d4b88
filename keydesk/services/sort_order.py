"""Sort orders of the keys table's columns, computed in bulk with NumPy.

Each function returns row numbers in exactly the order of Python's
``sorted(range(n), key=..., reverse=descending)``, ties included: rows with equal keys
keep ascending row order in both directions, as ``reverse=True`` does.

They run on a worker thread while the GUI thread paints, so they are built to hold the
GIL only briefly: the Python objects are turned into arrays a chunk of rows at a time,
and the sorting itself is done by NumPy on integers, which releases the GIL.

Text is ordered by ``value.lower()`` in code point order. UTF-8 bytes compare in the same
order, so each lowercased value becomes a run of UTF-8 bytes in one buffer, and rows are
sorted by that run a few bytes at a time: first every row by its leading bytes, then
only the rows still tied, by their next bytes, until every tie is either broken or
between equal strings. A pass packs (tied group, next bytes, row) into one 64-bit
integer, so a plain ``np.sort`` (vectorised, several times faster than an argsort) does
the work of a stable argsort. A column holding few distinct values (user, role) has
each distinct value sorted once instead.
"""

from __future__ import annotations

import array
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from keydesk.services.threads import pause_for_gui

#: Rows turned into bytes per step: keeps each GIL-holding string call to ~2 ms, with a
#: pause for the GUI thread after each (:func:`~keydesk.services.threads.pause_for_gui`).
CHUNK_ROWS = 1 << 14
#: Rows looked at first to tell a column of mostly distinct values (names) at a glance.
_FIRST_LOOK = 1 << 13

#: Within a value, NUL and \x01 are escaped as \x01\x01 and \x01\x02 when any value
#: holds a NUL, so that NUL may separate values in the buffer and a byte past a value's
#: end (read as 0) sorts before every byte of a longer value. The escape keeps order.
_ESCAPES = (("\x01", "\x01\x02"), ("\x00", "\x01\x01"))

#: Bits of a string read per pass: 8 bytes, less up to 7 bits when a pass starts inside
#: a byte.
_WINDOW_BITS = 57
#: Fewest bits of a string worth packing into a pass's 64-bit key.
_MIN_WORD_BITS = 8
#: The high _WINDOW_BITS bits of a 64-bit integer.
_WINDOW_MASK = ~((1 << (64 - _WINDOW_BITS)) - 1) & 0xFFFF_FFFF_FFFF_FFFF

Order = npt.NDArray[np.intp]
Ranks = npt.NDArray[np.int32]
#: Row numbers as the bulk text sort makes them: 4 bytes each when they fit.
Rows = npt.NDArray[np.integer]


@dataclass(frozen=True)
class Standing:
    """A column's ascending order, kept between sorts so that sorting by it again, in
    either direction, is a copy (and, descending, a reversal of its groups) instead of a
    sort: 0.4 s → ~10 ms for a text column of a million rows. 4 bytes a row, plus 1
    where values repeat.

    ``rows``: every row, in the stable ascending order; ``first``: per position, whether
    it starts a group of equal values (None: every value is distinct).
    """

    rows: npt.NDArray[np.integer]
    first: npt.NDArray[np.bool_] | None

    @classmethod
    def of(cls, order: Rows, first: npt.NDArray[np.bool_]) -> Standing:
        return cls(_compact_rows(order), None if bool(first.all()) else first)

    def order(self, descending: bool = False) -> Order:
        """Every row, as ``sorted(..., reverse=descending)`` orders them."""
        ascending = self.rows.astype(np.intp)
        if not descending:
            return ascending
        if self.first is None:
            return ascending[::-1].copy()
        return _reverse_groups(ascending, self.first)

    def without(self, mapping: npt.NDArray[np.intp]) -> Standing:
        """The same order after rows were removed (``mapping``: old row → new row, -1
        for a removed one): the rest keep their places relative to each other."""
        moved = mapping[self.rows]
        kept = moved >= 0
        rows = _compact_rows(moved[kept])
        if self.first is None:
            return Standing(rows, None)
        group = np.cumsum(self.first)[kept]
        first = np.ones(len(group), dtype=bool)
        first[1:] = group[1:] != group[:-1]
        return Standing(rows, first)


def _compact_rows(rows: npt.NDArray[np.integer]) -> npt.NDArray[np.integer]:
    """Row numbers in 4 bytes each where they fit (always, below 2**31 rows)."""
    return rows.astype(np.int32, copy=False) if len(rows) < 2**31 else rows


def text_standing(values: Sequence[str]) -> Standing:
    """The :class:`Standing` order of ``value.lower()`` over ``values``: its
    ``order(descending)`` is ``sorted(range(n), key=lambda i: values[i].lower(),
    reverse=descending)``."""
    if len(values) < 2:
        return Standing(np.arange(len(values), dtype=np.int32), None)
    ranks = _few_distinct_ranks(values)
    if ranks is None:
        return Standing.of(*_sorted_texts(values))
    order = order_from_ranks(ranks)
    ordered = ranks[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return Standing.of(order, first)


def utf8_text_standing(lowered: bytearray, ends: npt.NDArray[np.integer]) -> Standing:
    """:func:`text_standing` of ASCII texts given as a
    :class:`~keydesk.services.text_column.TextColumn` holds them, lowercased
    (:meth:`~keydesk.services.text_column.TextColumn.ascii_bytes`): ``lowered`` the
    texts each followed by NUL (8 more NUL bytes are appended to it), ``ends`` where
    each one's NUL ends. No text is decoded and the bytes are not copied, so a million
    prefixes sort without a Python step per text (``bytes.lower()`` is ``str.lower()``
    for ASCII)."""
    count = len(ends)
    if count < 2:
        return Standing(np.arange(count, dtype=np.int32), None)
    lowered += bytes(8)
    buffer = np.frombuffer(lowered, dtype=np.uint8)
    starts = np.empty(count, dtype=np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1]
    lengths = np.asarray(ends, dtype=np.int64) - starts
    lengths -= 1
    return Standing.of(*_sort_byte_strings(buffer, starts, lengths))


def text_ranks(values: Sequence[str]) -> Ranks:
    """Dense rank per row: rows with equal ``value.lower()`` share a rank, and ranks
    follow Python's string order of ``value.lower()`` (code point order)."""
    if len(values) < 2:
        return np.zeros(len(values), dtype=np.int32)
    ranks = _few_distinct_ranks(values)
    if ranks is not None:
        return ranks
    return _ranks(*_sorted_texts(values))


def int_order(
    values: npt.NDArray[np.integer] | array.array[int], descending: bool = False
) -> Order:
    """Rows in the order of ``sorted(range(n), key=values.__getitem__,
    reverse=descending)`` for 64-bit integers, the extremes included."""
    return np.argsort(int_keys(values, descending), kind="stable").astype(np.intp, copy=False)


def int_keys(
    values: npt.NDArray[np.integer] | array.array[int], descending: bool = False
) -> npt.NDArray[np.int64]:
    """Keys whose ascending order is the order of ``values`` (reversed when
    ``descending``), so a stable ascending sort or search keeps ties in row order."""
    keys = np.asarray(values, dtype=np.int64)
    return ~keys if descending else keys  # -x - 1: unlike -x, never overflows


def order_from_ranks(ranks: npt.NDArray[np.integer], descending: bool = False) -> Order:
    """Rows sorted by ``ranks`` (any integers), equal ranks in ascending row order."""
    n = len(ranks)
    if n < 2:
        return np.arange(n, dtype=np.intp)
    keys = np.asarray(ranks, dtype=np.int64)
    low, high = int(keys.min()), int(keys.max())
    row_bits = (n - 1).bit_length()
    if (high - low).bit_length() + row_bits > 64:
        return int_order(keys, descending)
    # One 64-bit integer per row, (rank, row): np.sort of these is a stable argsort.
    shifted = (high - keys) if descending else (keys - low)
    packed = shifted.astype(np.uint64) << np.uint64(row_bits)
    packed |= np.arange(n, dtype=np.uint64)
    packed.sort()
    packed &= np.uint64((1 << row_bits) - 1)
    return packed.astype(np.intp)


def _reverse_groups(order: Order, first: npt.NDArray[np.bool_]) -> Order:
    """``order`` with its groups of equal keys (each starting where ``first``) in
    reverse, rows within a group kept in place: Python's ``reverse=True``."""
    n = len(order)
    group_starts = np.flatnonzero(first)
    group_ends = np.append(group_starts[1:], n)
    group = np.cumsum(first, dtype=np.intp) - 1
    # A row at position p of group g moves to (n - end[g]) + (p - start[g]).
    moved = np.arange(n, dtype=np.intp)
    moved += n
    moved -= (group_ends + group_starts)[group]
    reverse = np.empty_like(order)
    reverse[moved] = order
    return reverse


def _ranks(order: Rows, first: npt.NDArray[np.bool_]) -> Ranks:
    """Dense rank per row from rows in order and where each group of equal ones starts."""
    ranks = np.empty(len(order), dtype=np.int32)
    ranks[order] = np.cumsum(first, dtype=np.int32) - 1
    return ranks


def _few_distinct_ranks(values: Sequence[str]) -> Ranks | None:
    """:func:`text_ranks` by sorting each distinct value once, or None if that is not
    worth it: more than 3/4 of the first _FIRST_LOOK values, or more than 1/4 of the
    values seen, are distinct (then the bulk sort is faster).

    Columns such as the user or the role repeat a few values over many rows.
    """
    n = len(values)
    rank_of: dict[str, int] = {}
    seen = 0
    for stop in sorted({min(n, _FIRST_LOOK), *range(CHUNK_ROWS, n, CHUNK_ROWS), n}):
        rank_of.update(dict.fromkeys(values[seen:stop], 0))
        seen = stop
        pause_for_gui()
        if 4 * len(rank_of) > (3 if seen <= _FIRST_LOOK else 1) * seen:
            return None
    distinct = list(rank_of)
    if len(distinct) > 1:
        rank_of.update(zip(distinct, _ranks(*_sorted_texts(distinct)).tolist(), strict=True))
    ranks = np.empty(n, dtype=np.int32)
    for start in range(0, n, CHUNK_ROWS):
        chunk = values[start : start + CHUNK_ROWS]
        ranks[start : start + len(chunk)] = np.fromiter(
            map(rank_of.__getitem__, chunk), dtype=np.int32, count=len(chunk)
        )
        pause_for_gui()
    return ranks


def _sorted_texts(values: Sequence[str]) -> tuple[Rows, npt.NDArray[np.bool_]]:
    """Rows in ascending order of ``value.lower()``, stable, and per position whether
    it starts a group of equal values."""
    buffer, starts, lengths = _utf8_buffer(values)
    return _sort_byte_strings(buffer, starts, lengths)


def _utf8_buffer(
    values: Sequence[str],
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every ``value.lower()`` as UTF-8 in one buffer, NUL between values and 8 NUL bytes
    after the last, with each value's start and length in bytes. No value holds a NUL
    byte: if one did, all are escaped (see _ESCAPES)."""
    n = len(values)
    starts = np.empty(n, dtype=np.int64)
    lengths = np.empty(n, dtype=np.int64)
    for escape in (False, True):
        parts: deque[bytes] = deque()
        size = 0
        for first_row in range(0, n, CHUNK_ROWS):
            chunk = values[first_row : first_row + CHUNK_ROWS]
            encoded = _lowered_utf8(chunk, escape)
            ends = np.flatnonzero(np.frombuffer(encoded, dtype=np.uint8) == 0)
            if len(ends) != len(chunk) - 1:
                break  # a value holds a NUL: start over, escaping
            rows = slice(first_row, first_row + len(chunk))
            chunk_starts = starts[rows]
            chunk_starts[0] = 0
            chunk_starts[1:] = ends + 1
            lengths[rows] = np.append(ends, len(encoded)) - chunk_starts
            chunk_starts += size
            parts.append(encoded)
            size += len(encoded)
            pause_for_gui()
        else:
            # Copied part by part (NumPy copies without the GIL), each freed once copied.
            buffer = np.zeros(size + 8, dtype=np.uint8)
            offset = 0
            while parts:
                part = parts.popleft()
                buffer[offset : offset + len(part)] = np.frombuffer(part, dtype=np.uint8)
                offset += len(part)
                del part
            return buffer, starts, lengths
    raise AssertionError("escaped values hold no NUL")


def _lowered_utf8(chunk: Sequence[str], escape: bool) -> bytes:
    """The values lowercased, joined by NUL, as UTF-8; with ``escape``, each value
    escaped as _ESCAPES says."""
    text = "\x00".join(chunk)
    if not text.isascii():
        # str.lower() only for the values that need more than ASCII lowercasing (it is
        # slow there), value by value: a final sigma depends on the letters around it.
        text = "\x00".join([value if value.isascii() else value.lower() for value in chunk])
    if escape and (text.count("\x00") != len(chunk) - 1 or "\x01" in text):
        text = "\x00".join(
            [_escaped(value if value.isascii() else value.lower()) for value in chunk]
        )
    # surrogatepass: lone surrogates (valid in str) keep their code point order. Then
    # bytes.lower() lowercases the ASCII letters, which is all str.lower() does to them.
    return text.encode("utf-8", "surrogatepass").lower()


def _escaped(value: str) -> str:
    for plain, escaped in _ESCAPES:
        value = value.replace(plain, escaped)
    return value


def _sort_byte_strings(
    buffer: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> tuple[Rows, npt.NDArray[np.bool_]]:
    """Rows in ascending (stable) order of their bytes ``buffer[start:start + length]``,
    none holding a NUL byte, and per position whether it starts a group of equal ones.

    Each pass sorts the rows still tied by their next bits, skipping the bits all rows of
    a tied group share. A pass's key packs, most significant first, the tied group's
    number, the next bits of the row's bytes (bytes past its end read as 0, which sorts a
    prefix first), and the row's index among the tied rows, which are in row order: so a
    plain sort of the keys is a stable sort of the rows. Groups whose rows have no bytes
    left hold equal strings and are done.

    The tied rows are kept twice: in row order, so that their bytes are read from the
    buffer front to back (in sorted order the reads would jump about the buffer, several
    times slower), and in sorted order, as ``tied_at``, each one's index in row order.
    """
    n = len(starts)
    # Big-endian 64-bit integer at every byte offset: words[i] = buffer[i:i + 8].
    words = np.ndarray(shape=(len(buffer) - 7,), dtype=">u8", buffer=buffer, strides=(1,))
    # Row and group numbers in 4 bytes where they fit: a million prefixes sort in 78 MB
    # of work arrays at the peak instead of 98.
    small = np.int32 if n < 2**31 else np.intp
    order: Rows = np.arange(n, dtype=small)
    first = np.zeros(n, dtype=np.bool_)
    first[0] = True
    # The tied rows in row order (None: all rows), their bytes and their group's number.
    rows: Rows | None = None
    row_starts, row_lengths = starts, lengths
    row_group: npt.NDArray[np.integer] = np.zeros(n, dtype=small)
    # The tied rows in sorted order: their positions in ``order`` (None: all positions)
    # and their group's number (groups are numbered in sorted order).
    positions: Rows | None = None
    sorted_group = row_group
    # Per group: how many rows, whether they may still be unequal, how many bits of
    # their strings are sorted by, the longest string's length in bytes.
    group_sizes = np.array([n], dtype=np.intp)
    group_tied = np.ones(1, dtype=np.bool_)
    group_read = np.zeros(1, dtype=np.int64)
    group_longest = np.array([lengths.max()], dtype=np.int64)
    while True:
        tied = len(row_starts)
        index_bits = (tied - 1).bit_length()
        group_bits = (len(group_sizes) - 1).bit_length()
        word_bits = min(_WINDOW_BITS, 64 - group_bits - index_bits)
        # With hundreds of millions of rows few bits would be left: use np.lexsort.
        packed = word_bits >= _MIN_WORD_BITS
        if not packed:
            word_bits = _WINDOW_BITS
        window = _next_bits(
            words,
            row_starts,
            row_lengths,
            row_group,
            group_read,
            group_tied,
            group_longest,
            word_bits,
        )
        if packed:
            key = window
            key <<= np.uint64(index_bits)
            if group_bits:
                high = row_group.astype(np.uint64)
                high <<= np.uint64(word_bits + index_bits)
                key |= high
                del high
            key |= np.arange(tied, dtype=np.uint64)
            key.sort()
            tied_at: Rows = np.empty(tied, dtype=small)
            np.bitwise_and(key, np.uint64((1 << index_bits) - 1), out=tied_at, casting="unsafe")
            key >>= np.uint64(index_bits)
            changed = key[1:] != key[:-1]
            del key
        else:
            tied_at = np.lexsort((window, row_group)).astype(small)
            window = window[tied_at]
            changed = (window[1:] != window[:-1]) | (sorted_group[1:] != sorted_group[:-1])
        del window
        # Where a new group begins in sorted order.
        begins = np.empty(tied, dtype=np.bool_)
        begins[0] = True
        begins[1:] = changed
        del changed
        sorted_rows: Rows = tied_at if rows is None else rows[tied_at]
        if positions is None:
            order = sorted_rows
            first = begins
        else:
            order[positions] = sorted_rows
            first[positions[begins]] = True
        del sorted_rows
        new_starts = np.flatnonzero(begins)
        group_sizes = np.empty(len(new_starts), dtype=np.intp)  # no temporary copies
        np.subtract(new_starts[1:], new_starts[:-1], out=group_sizes[:-1])
        group_sizes[-1] = tied - new_starts[-1]
        group_read = group_read[sorted_group[new_starts]]
        sorted_group = np.cumsum(begins, dtype=small)
        sorted_group -= 1
        del begins, new_starts
        row_group = np.empty_like(sorted_group)
        row_group[tied_at] = sorted_group
        group_longest = np.zeros(len(group_sizes), dtype=np.int64)
        np.maximum.at(group_longest, row_group, row_lengths)
        group_tied = (group_sizes > 1) & (group_longest * 8 > group_read)
        still_tied = int(group_sizes[group_tied].sum())
        if not still_tied:
            return order, first
        if still_tied <= tied * 3 // 4:
            # Drop the rows whose groups are done (else they go along: they stay put).
            kept = np.repeat(group_tied, group_sizes)
            positions = np.flatnonzero(kept).astype(small) if positions is None else positions[kept]
            row_kept = group_tied[row_group]
            tied_at = (np.cumsum(row_kept, dtype=small) - 1)[tied_at[kept]]
            rows = np.flatnonzero(row_kept).astype(small) if rows is None else rows[row_kept]
            row_starts, row_lengths = row_starts[row_kept], row_lengths[row_kept]
            renumbered = np.cumsum(group_tied, dtype=small) - 1
            row_group = renumbered[row_group[row_kept]]
            sorted_group = renumbered[sorted_group[kept]]
            del kept, row_kept, renumbered
            group_sizes = group_sizes[group_tied]
            group_read = group_read[group_tied]
            group_longest = group_longest[group_tied]
            group_tied = np.ones(len(group_sizes), dtype=np.bool_)


def _next_bits(
    words: npt.NDArray[np.uint64],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
    group: npt.NDArray[np.integer],
    group_read: npt.NDArray[np.int64],
    group_tied: npt.NDArray[np.bool_],
    group_longest: npt.NDArray[np.int64],
    count: int,
) -> npt.NDArray[np.uint64]:
    """The next ``count`` bits of each string that may tell it from the others of its
    group, as an unsigned integer; bits that all the strings of a group share are
    skipped. Advances ``group_read`` past the bits skipped and returned."""
    window = _window(words, starts, lengths, group_read[group] if group_read.any() else None)
    same = _shared_bits(window, group, len(group_read))
    # A whole window shared (a long common prefix): read on, those groups' rows only.
    shared = group_tied & (same == _WINDOW_BITS)
    skipped = False
    while True:
        shared &= group_longest * 8 > group_read + _WINDOW_BITS
        if not shared.any():
            break
        group_read[shared] += _WINDOW_BITS
        in_shared = shared[group]
        rows = slice(None) if in_shared.all() else in_shared
        rows_group = group[rows]
        rows_window = _window(words, starts[rows], lengths[rows], group_read[rows_group])
        same[shared] = _shared_bits(rows_window, rows_group, len(group_read))[shared]
        shared &= same == _WINDOW_BITS
        skipped = True
    if skipped or int(same[group_tied].max()) + count > _WINDOW_BITS + 8:
        # Read again after the shared bits.
        del window
        group_read += same
        window = _window(words, starts, lengths, group_read[group])
        group_read += count
    else:
        # Bits shifted in past the window are 0 for every row: harmless, not counted.
        group_read += np.minimum(same + count, _WINDOW_BITS)
        window <<= same.astype(np.uint64)[group]
    window >>= np.uint64(64 - count)
    return window


def _shared_bits(
    window: npt.NDArray[np.uint64], group: npt.NDArray[np.integer], groups: int
) -> npt.NDArray[np.int64]:
    """Per group, how many leading bits of the window all its rows share (at most
    _WINDOW_BITS; a group without rows here shares none)."""
    if groups == 1:
        spread = np.array([window.min() ^ window.max()], dtype=np.uint64)
    else:
        low = np.full(groups, np.iinfo(np.uint64).max, dtype=np.uint64)
        spread = np.zeros(groups, dtype=np.uint64)
        np.minimum.at(low, group, window)
        np.maximum.at(spread, group, window)
        spread ^= low
    # Leading zeros of the spread: smear its highest 1 bit rightwards, count the 1s.
    for shift in (1, 2, 4, 8, 16, 32):
        spread |= spread >> np.uint64(shift)
    return np.minimum(64 - np.bitwise_count(spread).astype(np.int64), _WINDOW_BITS)


def _window(
    words: npt.NDArray[np.uint64],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
    skip_bits: npt.NDArray[np.int64] | None,
) -> npt.NDArray[np.uint64]:
    """The next _WINDOW_BITS bits of each byte string after its first ``skip_bits``
    (None: 0), in the high bits of an unsigned integer (the low bits 0); bytes past a
    string's end read as 0."""
    if skip_bits is None:
        at, left = starts, np.minimum(lengths, 8)
    else:
        skip_bytes = skip_bits >> 3
        left = lengths - skip_bytes
        np.clip(left, 0, 8, out=left)
        # Past its end a string reads from its own end (masked out below), never past
        # the buffer.
        at = np.minimum(lengths, skip_bytes, out=skip_bytes)
        at += starts
    bits = words[at]
    del at
    bits.byteswap(inplace=True)  # big-endian values, now in native byte order
    window = bits.view(np.uint64)
    # Keep the first ``left`` bytes: shift the others out, 8 * (8 - left) bits.
    left -= 8
    left *= -8
    unwanted = left.view(np.uint64)
    window >>= unwanted
    window <<= unwanted
    del left, unwanted
    if skip_bits is not None:
        window <<= (skip_bits & 7).view(np.uint64)
    window &= np.uint64(_WINDOW_MASK)
    return window
