"""CSV export: what a spreadsheet would run as a formula is written as plain text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from keydesk.services.csv_export import spreadsheet_safe, write_csv


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_a_formula_is_escaped(start: str) -> None:
    assert spreadsheet_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("text", ["", "Billing service", "a=b", "2026-10-10T20:34:00Z", "no"])
def test_text_that_starts_no_formula_is_written_as_it_is(text: str) -> None:
    assert spreadsheet_safe(text) == text


def test_every_cell_of_an_export_is_escaped_not_only_the_name(tmp_path: Path) -> None:
    path = tmp_path / "keys.csv"
    count = write_csv(
        path,
        ["Name", "User"],
        [["=cmd|' /C calc'!A0", "+ada@example.com"], ["Support bot", "ken@example.com"]],
    )
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert count == 2
    assert lines == [
        ["Name", "User"],
        ["'=cmd|' /C calc'!A0", "'+ada@example.com"],
        ["Support bot", "ken@example.com"],
    ]
