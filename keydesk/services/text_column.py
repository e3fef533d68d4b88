"""A column of distinct texts held as bytes: :class:`TextColumn`.

Every key's prefix and unique name differ from every other's, so nothing can be shared:
as Python strings a million of each took ~150 MB (a 60-80 byte object and an 8-byte
list slot per text). Here they are one UTF-8 buffer, each text followed by NUL, plus a
4-byte end offset per text: 16 bytes a prefix, ~21 a unique name. A text is decoded
when read (a few hundred nanoseconds: a painted cell or a row built for a dialog), a
run of them with one ``decode`` and ``split``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np

_NUL = "\0"
#: Texts decoded at once while iterating.
_CHUNK = 16_384


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _decode(blob: bytes | bytearray) -> str:
    return blob.decode("utf-8", "surrogatepass")


class TextColumn(Sequence[str]):
    """A sequence of texts, appended to (:meth:`extend`) and read like a list; slices
    are lists. A text holding NUL (never a prefix or a generated name) turns the whole
    column into a plain list, as does replacing a text by a different one (prefixes and
    unique names never change): both stay correct, only larger."""

    __slots__ = ("_data", "_ends", "_frozen", "_list")

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._data = bytearray()
        self._ends: array[int] = array("I")
        self._list: list[str] | None = None
        #: A :meth:`head`: it shares its bytes, so it must never change.
        self._frozen = False
        self.extend(texts)

    # --- reading ---

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if self._list is not None:
            return self._list[index]
        ends = self._ends
        count = len(ends)
        if isinstance(index, slice):
            start, stop, step = index.indices(count)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._run(start, stop) if stop > start else []
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("text column index out of range")
        begin = ends[index - 1] if index else 0
        return _decode(self._data[begin : ends[index] - 1])

    def _run(self, start: int, stop: int) -> list[str]:
        ends = self._ends
        begin = ends[start - 1] if start else 0
        return _decode(self._data[begin : ends[stop - 1] - 1]).split(_NUL)

    def __iter__(self) -> Iterator[str]:
        if self._list is not None:
            yield from self._list
            return
        for start in range(0, len(self), _CHUNK):
            yield from self._run(start, min(len(self), start + _CHUNK))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextColumn | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TextColumn({self[:3]!r}… {len(self)} texts)"

    @property
    def nbytes(self) -> int:
        """Bytes held (for a plain list: its slots only)."""
        if self._list is not None:
            return 8 * len(self._list)
        return len(self._data) + self._ends.itemsize * len(self._ends)

    def ascii_bytes(self) -> tuple[bytearray, np.ndarray] | None:
        """The texts lowercased as held (each followed by NUL; a copy) and where each
        one's NUL ends, if every text is ASCII (what
        :func:`~keydesk.services.sort_order.utf8_text_standing` sorts); None otherwise."""
        if self._list is not None:
            return None
        size = self._ends[-1] if len(self._ends) else 0
        data = self._data if len(self._data) == size else self._data[:size]  # a head
        if not data.isascii():
            return None
        return data.lower(), np.array(self._ends, dtype=np.int64)

    # --- changing ---

    def extend(self, texts: Iterable[str]) -> None:
        if self._frozen:
            raise TypeError("a text column's head is read-only")
        if self._list is not None:
            self._list.extend(texts)
            return
        if isinstance(texts, TextColumn) and texts._list is None:
            self._absorb(texts)
            return
        texts = texts if isinstance(texts, list) else list(texts)
        if not texts:
            return
        blob = _encode(_NUL.join(texts) + _NUL)
        if blob.count(0) != len(texts):  # a text holds NUL: keep them as they are
            self._to_list().extend(texts)
            return
        if blob.isascii():
            sizes = np.fromiter(map(len, texts), np.int64, len(texts)) + 1
        else:
            sizes = np.fromiter((len(_encode(t)) + 1 for t in texts), np.int64, len(texts))
        ends = np.cumsum(sizes) + len(self._data)
        if int(ends[-1]) > 0xFFFF_FFFF and self._ends.typecode == "I":
            self._ends = array("q", self._ends)
        self._data += blob
        self._ends.frombytes(ends.astype(self._ends.typecode).tobytes())

    def _absorb(self, other: TextColumn) -> None:
        """Append ``other``'s texts as bytes: no text is decoded."""
        if not len(other):
            return
        ends = np.frombuffer(other._ends, dtype=other._ends.typecode).astype(np.int64)
        ends += len(self._data)
        if int(ends[-1]) > 0xFFFF_FFFF and self._ends.typecode == "I":
            self._ends = array("q", self._ends)
        self._data += other._data
        self._ends.frombytes(ends.astype(self._ends.typecode).tobytes())

    def append(self, text: str) -> None:
        self.extend([text])

    def __setitem__(self, index: int, text: str) -> None:
        if self._list is None and self[index] == text:
            return
        if self._frozen:
            raise TypeError("a text column's head is read-only")
        self._to_list()[index] = text

    def _to_list(self) -> list[str]:
        if self._list is None:
            self._list = list(self)
            self._data = bytearray()
            self._ends = array("I")
        return self._list

    def copy(self) -> TextColumn:
        """A copy (two buffer copies: a few milliseconds at a million texts)."""
        result = TextColumn()
        if self._list is not None:
            result._list = self._list[:]
        else:
            result._data = self._data[:]
            result._ends = self._ends[:]
        return result

    def head(self) -> TextColumn:
        """These texts as they are now, read-only, for a worker thread to read while
        this column goes on growing: the bytes are shared, not copied (appending never
        moves the texts already held, and any other change gives this column new
        buffers), only the end offsets are (4 bytes a text)."""
        result = TextColumn()
        if self._list is not None:
            result._list = self._list[:]
        else:
            result._data = self._data
            result._ends = self._ends[:]
        result._frozen = True
        return result

    def compacted(self, removed: Sequence[int]) -> TextColumn:
        """These texts without the positions in ``removed`` (sorted ascending): the
        bytes between removals are copied as they are, one step per removal."""
        result = TextColumn()
        if self._list is not None:
            kept = self._list[:0]
            start = 0
            for position in removed:
                kept += self._list[start:position]
                start = position + 1
            result._list = kept + self._list[start:]
            return result
        ends = np.frombuffer(self._ends, dtype=self._ends.typecode)
        begins = np.concatenate(([0], ends[:-1])).astype(np.int64)
        keep = np.ones(len(ends), dtype=bool)
        keep[np.asarray(removed, dtype=np.intp)] = False
        sizes = (ends.astype(np.int64) - begins)[keep]
        data = bytearray()
        start = 0
        for position in [*removed, len(ends)]:
            if position > start:
                data += self._data[int(begins[start]) : int(ends[position - 1])]
            start = position + 1
        result._data = data
        result._ends = array(self._ends.typecode)
        result._ends.frombytes(np.cumsum(sizes).astype(self._ends.typecode).tobytes())
        return result


def column_values(column: Any) -> Any:
    """A stored column (a :class:`TextColumn`, list, array or bytearray) as it is now,
    for a worker to read: a copy, or a text column's :meth:`~TextColumn.head`."""
    return column.head() if isinstance(column, TextColumn) else column[:]
