"""KeyColumns and the bulk helpers below the keys table (no Qt)."""

from __future__ import annotations

from keydesk.services.key_columns import compact, row_mapping


def test_compact_and_row_mapping() -> None:
    items = list("abcdefg")
    assert compact(items, [0, 3, 6]) == list("bcef")
    assert row_mapping(7, [0, 3, 6]).tolist() == [-1, 0, 1, -1, 2, 3, -1]
    assert row_mapping(3, []).tolist() == [0, 1, 2]
