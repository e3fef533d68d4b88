"""The status filter's bulk codes, counts and rows against the rules key by key."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keydesk.services.key_columns import KeyColumns
from keydesk.services.key_records import KeyRow
from keydesk.services.key_rules import expires_within, key_status
from keydesk.services.key_status_filter import (
    STATUS_FILTERS,
    StatusFilter,
    count_codes,
    next_status_change,
    parse_status,
    rows_with_status,
    status_code,
    status_codes,
)

NOW = datetime(2026, 12, 3, 12, 0, 0)
BASE = KeyRow(
    "kd_AAAA1111", "calm-otter-4821", "CI", "ada@example.com", "standard",
    NOW - timedelta(days=30), None, False, None, False,
)  # fmt: skip


def _shows(status: StatusFilter, row: KeyRow, now: datetime) -> bool:
    """The filter's meaning, written from the product's words."""
    if status == "all":
        return True
    if status == "expiring":
        return expires_within(row.revoked, row.expires, 7, now)
    return key_status(row.revoked, row.expires, now).value.lower() == status


@pytest.mark.parametrize(
    ("expires", "revoked", "expected"),
    [
        (None, False, {"all", "active"}),
        (NOW + timedelta(days=7), False, {"all", "active", "expiring"}),
        (NOW + timedelta(days=7, seconds=1), False, {"all", "active"}),
        (NOW + timedelta(seconds=1), False, {"all", "active", "expiring"}),
        (NOW, False, {"all", "expired"}),
        (NOW - timedelta(days=1), True, {"all", "revoked"}),
        (NOW + timedelta(days=1), True, {"all", "revoked"}),
    ],
)
def test_expiring_soon_is_active_with_an_expiry_inside_seven_days(
    expires: datetime | None, revoked: bool, expected: set[str]
) -> None:
    columns = KeyColumns.from_rows([BASE._replace(expires=expires, revoked=revoked)])
    counts = count_codes(status_codes(columns, NOW))
    assert {status for status in STATUS_FILTERS if counts.of(status)} == expected


MOMENTS = st.one_of(
    st.none(),
    st.integers(-10 * 86_400, 10 * 86_400).map(lambda s: NOW + timedelta(seconds=s)),
    st.sampled_from([NOW, NOW + timedelta(days=7), NOW + timedelta(days=7, seconds=1)]),
)
ROWS = st.lists(st.tuples(MOMENTS, st.booleans()), max_size=40)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, among_bits=st.lists(st.booleans(), max_size=40))
def test_codes_counts_and_rows_match_the_rules_key_by_key(
    rows: list[tuple[datetime | None, bool]], among_bits: list[bool]
) -> None:
    keys = [BASE._replace(expires=expires, revoked=revoked) for expires, revoked in rows]
    columns = KeyColumns.from_rows(keys)
    codes = status_codes(columns, NOW)
    assert codes.tolist() == [status_code(k.revoked, k.expires, NOW) for k in keys]
    among = np.flatnonzero(np.array((among_bits + [False] * len(keys))[: len(keys)], dtype=bool))
    for subset in (None, among):
        chosen = range(len(keys)) if subset is None else subset.tolist()
        counts = count_codes(codes, subset)
        for status in STATUS_FILTERS:
            expected = [i for i in chosen if _shows(status, keys[i], NOW)]
            found = rows_with_status(codes, status, subset)
            found_list = list(chosen) if found is None else found.tolist()
            assert found_list == expected, status
            assert counts.of(status) == len(expected), status


def test_codes_of_appended_rows_match_the_whole() -> None:
    keys = [BASE._replace(expires=NOW + timedelta(days=d)) for d in (-1, 1, 8, 3)]
    columns = KeyColumns.from_rows(keys)
    whole = status_codes(columns, NOW)
    assert status_codes(columns, NOW, 2).tolist() == whole[2:].tolist()
    columns.add_rows([BASE])  # the column is not held by the codes: it can still grow
    assert len(status_codes(columns, NOW)) == 5


def test_next_status_change_is_the_next_expiry_or_entry_into_the_window() -> None:
    keys = [
        BASE._replace(expires=NOW + timedelta(days=10)),  # expiring soon in 3 days
        BASE._replace(expires=NOW + timedelta(days=5)),  # expires in 5 days
        BASE._replace(expires=NOW + timedelta(days=1), revoked=True),  # revoked: final
        BASE._replace(expires=NOW - timedelta(days=1)),
        BASE,
    ]
    assert next_status_change(KeyColumns.from_rows(keys), NOW) == NOW + timedelta(days=3)
    assert next_status_change(KeyColumns.from_rows([BASE]), NOW) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("active", "active"), (" Expired ", "expired"), ("Expiring soon", "expiring"),
     ("revoked", "revoked"), ("ALL", "all")],
)  # fmt: skip
def test_status_names_are_read_case_insensitively(text: str, expected: str) -> None:
    assert parse_status(text) == expected


def test_an_unknown_status_is_one_sentence() -> None:
    with pytest.raises(ValueError, match="is not a status: choose all, active"):
        parse_status("dead")
