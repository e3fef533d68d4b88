"""CSV files a spreadsheet opens safely: a cell that would start a formula is escaped.

A key's name is typed by people, and a spreadsheet opening ``=HYPERLINK(...)`` or
``@SUM(...)`` runs it (CSV injection); a leading apostrophe makes it plain text.
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
    """Write ``headers`` then ``rows`` to ``path`` (UTF-8); returns the number of rows."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
