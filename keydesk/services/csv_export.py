"""CSV files a spreadsheet opens safely: a cell that would start a formula is escaped.

A key's name is typed by people, and so may an owner's address be (``+ada@example.com``
is a valid one); a spreadsheet opening ``=HYPERLINK(...)`` or ``@SUM(...)`` runs it (CSV
injection). Every cell is escaped, not only the columns known to be typed, so a new
column cannot forget it; a leading apostrophe makes it plain text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Neutralise spreadsheet formulas in user-defined text (CSV injection)."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write ``headers`` then ``rows`` to ``path`` (UTF-8), every cell
    :func:`spreadsheet_safe`; returns the number of rows."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([spreadsheet_safe(cell) for cell in row])
            count += 1
    return count
