"""The keys table's model: every loaded key, one row each, read from
:class:`~keydesk.services.key_columns.KeyColumns`. Display strings are computed only
for the cells a view paints; ``ROW_ROLE`` returns the row's ``KeyRow`` so code behind
the proxy finds its record.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, cast

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFontDatabase

from keydesk.services.clock import utcnow
from keydesk.services.key_columns import (
    KeyColumns,
    RowSequence,
    merge_permutation,
    permutation_job,
    row_mapping,
    standing_job,
    to_micros,
)
from keydesk.services.key_fields import NEVER_USED_US
from keydesk.services.keys import KeyRow
from keydesk.services.sort_order import Standing
from keydesk.views.key_table_columns import (
    COLUMN_COUNT,
    KEY_TABLE_COLUMNS,
    ROW_FLAGS,
    ROW_ROLE,
    WORDS,
    Now,
)
from keydesk.views.theme import StatusColors, status_colors

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ROW = ROW_ROLE


# What the table reads per column, gathered once into tuples indexed by column, so a
# cell costs one index and one call (no lookup by name, no chain of comparisons).
_SHOW = tuple(column.show for column in KEY_TABLE_COLUMNS)
_TONE = tuple(column.tone for column in KEY_TABLE_COLUMNS)


def _muted(_columns: KeyColumns, _row: int, _now: Now) -> str | None:
    return "muted"


#: The tones of a revoked key's row: muted, but for the columns that say its status.
_TONE_REVOKED = tuple(
    _muted if column.muted_when_revoked else column.tone for column in KEY_TABLE_COLUMNS
)
_TOOLTIP_OF = tuple(column.tooltip for column in KEY_TABLE_COLUMNS)
_MONOSPACE = tuple(column.monospace for column in KEY_TABLE_COLUMNS)
#: What a screen reader says of each column's cells (its shown text where None).
_SPOKEN = tuple(column.spoken or column.show for column in KEY_TABLE_COLUMNS)
_SORT = tuple(column.sort for column in KEY_TABLE_COLUMNS)
_REVOKED_FIELD = KeyRow._fields.index("revoked")
#: Per ``KeyRow`` field (by position), the columns showing it.
_COLUMNS_OF_FIELD = tuple(
    tuple(number for number, column in enumerate(KEY_TABLE_COLUMNS) if field in column.fields)
    for field in KeyRow._fields
)


class RoleSpan(Protocol):
    """The roles a delegate asks for in one ``multiData()`` call, as PySide6 hands them
    over: a sized sequence of :class:`QModelRoleData`."""

    def size(self) -> int: ...
    def __getitem__(self, position: int, /) -> QModelRoleData: ...


def role_span(span: QModelRoleDataSpan | QModelRoleData) -> RoleSpan:
    """``multiData()``'s argument as the sequence it is at run time. Qt passes a span;
    PySide6 indexes it (``span[i]``), but its stub declares no ``__getitem__``."""
    return cast(RoleSpan, span)


class EditCount:
    """Counts the in-place changes of the rows in a model's columns, twice each (as one
    begins and once it is done), so that a worker reading them without a copy can tell
    that a row may have changed under it (see
    :meth:`~keydesk.views.live.LiveRefresh.save_snapshot`). Appended rows and a new set
    of columns (a reset, removed rows) leave the rows it reads alone. A plain object, so
    the worker holds no Qt object."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


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
        WORDS.refresh()  # the cells' words in the language spoken now
        self._cols = KeyColumns()
        self.edits = EditCount()
        self._shared: dict[str, str] = {}
        self._rows_view = RowSequence(lambda: self._cols)
        self._colors = status_colors(dark=False)
        self._tone_colors = _tone_colors(self._colors)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._removed: list[int] | None = None
        self._now_us = 0
        self._now_checked = -1.0
        self._paint_cache: dict[int, tuple[tuple[str, ...], tuple[QColor | None, ...]]] = {}
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

    def sort_permutation(self, column: int, descending: bool, now: datetime) -> np.ndarray:
        """Every row sorted by ``column`` like a stable ``sorted`` on
        :func:`~keydesk.views.key_table_columns.sort_key` (``reverse=descending``: ties
        keep row order either way)."""
        return self.permutation_job(column, descending, now)()

    def permutation_job(
        self, column: int, descending: bool, now: datetime
    ) -> Callable[[], np.ndarray]:
        """:meth:`sort_permutation` as a function a worker thread can run: the column is
        copied here (C-level copies, a few milliseconds at a million rows)."""
        if not 0 <= column < COLUMN_COUNT:
            raise ValueError(f"no column {column}")
        return permutation_job(self._cols, _SORT[column], descending, now)

    def standing_job(self, column: int) -> Callable[[], Standing]:
        """A function, for a worker thread, giving the :class:`Standing` order of a text
        column (:data:`~keydesk.views.key_sort_standing.TEXT_COLUMNS`)."""
        job = standing_job(self._cols, _SORT[column])
        if job is None:
            raise ValueError(f"column {column} is not sorted by its text")
        return job

    def merge_permutation(
        self, perm: np.ndarray, column: int, descending: bool, start: int, stop: int
    ) -> np.ndarray | None:
        """``perm`` (rows ``0:start`` sorted by ``column``) with rows ``start:stop``
        merged in, as :meth:`sort_permutation` would order them; None where a merge is
        not cheaper than sorting again (text, and "Has expired", which moves with time)."""
        return merge_permutation(self._cols, _SORT[column], perm, descending, start, stop)

    def set_status_colors(self, colors: StatusColors) -> None:
        self._colors = colors
        self._tone_colors = _tone_colors(colors)
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
        self.edits.count += 1
        try:
            for prefix, position in positions.items():
                old, new = cols.row(position), replacements[prefix]
                if old == new:  # the echo of our own change, mostly: one C comparison
                    continue
                changed = _changed_columns(old, new)
                if changed:
                    changed_columns.update(changed)
                    cols.set_row(position, new, self._shared)
                    self._paint_cache.pop(position, None)
        finally:
            self.edits.count += 1
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
        changed.

        Only the revoked flag is written, in place, with one dataChanged for the Revoked
        column and one for the colours of the rest (a revoked row is muted): rebuilding
        each row as :meth:`replace_rows` does held the window 1.1 s for 70,000 keys."""
        cols = self._cols
        flags = cols.revoked
        changed = [at for at in self.positions(prefixes, hint).values() if not flags[at]]
        if not changed:
            return 0
        self.edits.count += 1
        for at in changed:
            flags[at] = 1
        self.edits.count += 1
        self._paint_cache.clear()
        top, bottom = min(changed), max(changed)
        shown = _COLUMNS_OF_FIELD[_REVOKED_FIELD]
        self.dataChanged.emit(self.index(top, min(shown)), self.index(bottom, max(shown)))
        self.dataChanged.emit(
            self.index(top, 0),
            self.index(bottom, COLUMN_COUNT - 1),
            [Qt.ItemDataRole.ForegroundRole],
        )
        return len(changed)

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
                return WORDS.headers[section]
            if role == _TOOLTIP:
                return WORDS.header_tooltips[section]
        elif orientation == Qt.Orientation.Vertical and role == _DISPLAY:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def multiData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,
    ) -> None:
        if index.isValid():
            self.fill_roles(index.row(), index.column(), role_span(roleDataSpan))

    def fill_roles(self, source_row: int, column: int, span: RoleSpan) -> None:
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
        # A delegate reuses one span for every cell it paints (QStyledItemDelegate keeps
        # it between calls), so each role this model has no value for in this cell must
        # be cleared: left alone, it keeps the previous cell's font or colour, and every
        # cell after the prefix looked like a link.
        for position in range(span.size()):
            item = span[position]
            role = item.role()
            value: Any = None
            if role == _DISPLAY:
                value = texts[column]
            elif role == _FOREGROUND:
                value = colors[column]
            elif role == _FONT:
                value = self._mono if _MONOSPACE[column] else None
            elif role in (_ROW, _TOOLTIP, _ACCESSIBLE):
                value = self.cell_data(source_row, column, role)
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _painted_row(
        self, source_row: int
    ) -> tuple[tuple[str, ...], tuple[QColor | None, ...]] | None:
        """The display texts and foreground colours of one row, cached until the row
        changes (or the clock passes a second, for "Has expired")."""
        cols = self._cols
        if not 0 <= source_row < len(cols):
            return None
        now = self._now
        moment = now()
        if moment - self._paint_cache_now > 1_000_000 or len(self._paint_cache) > 4096:
            self._paint_cache.clear()
            self._paint_cache_now = moment
        colors = self._tone_colors
        tones = _TONE_REVOKED if cols.revoked[source_row] else _TONE
        entry = (
            tuple([show(cols, source_row, now) for show in _SHOW]),
            tuple([colors[tone(cols, source_row, now)] for tone in tones]),
        )
        self._paint_cache[source_row] = entry
        return entry

    def cell_data(self, source_row: int, column: int, role: int) -> Any:
        """``data()`` by plain row and column: the proxy calls this directly. Reads the
        columns, building no ``KeyRow`` except for ``ROW_ROLE``."""
        cols = self._cols
        if not 0 <= source_row < len(cols):
            return None
        if role == _DISPLAY:
            return _SHOW[column](cols, source_row, self._now)
        if role == _ACCESSIBLE:
            return _SPOKEN[column](cols, source_row, self._now)
        if role == _FOREGROUND:
            tones = _TONE_REVOKED if cols.revoked[source_row] else _TONE
            return self._tone_colors[tones[column](cols, source_row, self._now)]
        if role == _FONT:
            return self._mono if _MONOSPACE[column] else None
        if role == _ROW:
            return cols.row(source_row)
        if role == _TOOLTIP:
            return _TOOLTIP_OF[column](cols.row(source_row))
        return None

    def _now(self) -> int:
        """Now in microseconds, read at most every 50 ms (a paint asks once per cell)."""
        moment = time.monotonic()
        if moment - self._now_checked > 0.05:
            self._now_checked = moment
            self._now_us = to_micros(utcnow(), NEVER_USED_US)
        return self._now_us


def _tone_colors(colors: StatusColors) -> dict[str | None, QColor | None]:
    """Tone name → colour (None: the text colour)."""
    return {
        None: None,
        "link": colors.link,
        "muted": colors.muted,
        "expired": colors.expired,
        "revoked": colors.revoked,
    }


def _changed_columns(old: KeyRow, new: KeyRow) -> set[int]:
    """The columns showing a field that differs between ``old`` and ``new``."""
    columns: set[int] = set()
    for field, (before, after) in enumerate(zip(old, new, strict=True)):
        if before != after:
            columns.update(_COLUMNS_OF_FIELD[field])
    return columns
