"""The search rule of the keys list: case-insensitive substring over prefix, unique name,
name, user email and role label; an empty or blank pattern shows every row."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from keydesk.services.keys import KeyRow
from keydesk.services.search import filter_rows, matches

ROLE_LABELS = {
    "standard": "Standard API Key",
    "admin": "Admin API Key",
    "project": "Project API Key",
}
CREATED = datetime(2026, 1, 2, 3, 4, 5)


def row(prefix: str, unique_name: str, name: str, user: str, role: str) -> KeyRow:
    return KeyRow(prefix, unique_name, name, user, role, CREATED, None, False, None, False)


BILLING = row("kd_Ab3dE6gH", "calm-otter-4821", "Billing service", "alice@example.com", "project")
ROBOT = row("kd_99zzQQ00", "brave-lynx-1000", "CI robot", "bob@corp.example", "admin")
NIGHTLY = row(
    "acme_XyZ12345", "quiet-heron-7777", "nightly ÄÖÜ job", "carol@example.com", "standard"
)
ROWS = [BILLING, ROBOT, NIGHTLY]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # prefix, whole or in part, in any case
        ("kd_Ab3dE6gH", [BILLING]),
        ("KD_AB3DE6GH", [BILLING]),
        ("kd_", [BILLING, ROBOT]),
        ("acme_", [NIGHTLY]),
        ("zzqq", [ROBOT]),
        # unique name
        ("calm-otter-4821", [BILLING]),
        ("HERON", [NIGHTLY]),
        ("-1000", [ROBOT]),
        # name
        ("billing serv", [BILLING]),
        ("ci ROBOT", [ROBOT]),
        ("äöü", [NIGHTLY]),
        # user email
        ("bob@", [ROBOT]),
        ("@EXAMPLE.COM", [BILLING, NIGHTLY]),
        ("example", [BILLING, ROBOT, NIGHTLY]),
        # role, by its label
        ("admin api", [ROBOT]),
        ("Admin API Key", [ROBOT]),
        ("project api key", [BILLING]),
        ("standard", [NIGHTLY]),
        ("api key", [BILLING, ROBOT, NIGHTLY]),
        # blank patterns show everything; surrounding blanks are ignored
        ("", [BILLING, ROBOT, NIGHTLY]),
        ("   ", [BILLING, ROBOT, NIGHTLY]),
        ("\t\n", [BILLING, ROBOT, NIGHTLY]),
        ("  otter  ", [BILLING]),
        # no match, and no match across two fields
        ("no such thing", []),
        ("4821alice", []),
        ("service alice", []),
        ("kd_ab3de6ghcalm", []),
        # patterns are text, not expressions
        (".*", []),
        ("%", []),
        ("_", [BILLING, ROBOT, NIGHTLY]),
    ],
)
def test_search_is_a_case_insensitive_substring_of_a_field(pattern, expected):
    assert filter_rows(ROWS, pattern) == expected
    assert [r for r in ROWS if matches(r, pattern)] == expected


def test_search_keeps_the_order_and_does_not_change_its_input():
    rows = [NIGHTLY, BILLING, ROBOT]
    copy = list(rows)
    assert filter_rows(rows, "e") == [NIGHTLY, BILLING, ROBOT]
    assert filter_rows(rows, "") is not rows
    assert rows == copy
    assert filter_rows([], "anything") == []


def test_search_text_never_spans_two_fields():
    assert filter_rows(ROWS, "gh\x1fcalm") == []


def reference(rows: list[KeyRow], pattern: str) -> list[KeyRow]:
    """The rule, written the obvious way."""
    needle = pattern.strip().lower()
    if not needle:
        return list(rows)
    return [
        r
        for r in rows
        if any(
            needle in field.lower()
            for field in (r.prefix, r.unique_name, r.name, r.user, ROLE_LABELS[r.role])
        )
    ]


# U+001F (the haystack's field separator) included: see
# test_search_text_never_spans_two_fields.
TEXT = st.text(st.characters(), max_size=12)
ROW = st.builds(row, TEXT, TEXT, TEXT, TEXT, st.sampled_from(sorted(ROLE_LABELS)))


@st.composite
def rows_and_pattern(draw: st.DrawFn) -> tuple[list[KeyRow], str]:
    rows = draw(st.lists(ROW, max_size=6))
    fields = [f for r in rows for f in (*r[:4], ROLE_LABELS[r.role])]
    if fields and draw(st.booleans()):
        field = draw(st.sampled_from(fields))
        start = draw(st.integers(0, len(field)))
        end = draw(st.integers(start, len(field)))
        pattern = field[start:end]
        pattern = draw(st.sampled_from([pattern, pattern.upper(), pattern.swapcase()]))
        pattern = (
            draw(st.sampled_from(["", " ", "\t"]))
            + pattern
            + draw(st.sampled_from(["", " ", "\n"]))
        )
    else:
        pattern = draw(TEXT)
    return rows, pattern


@settings(max_examples=300, deadline=None)
@given(rows_and_pattern())
@example(([BILLING, ROBOT, NIGHTLY], "API KEY"))
@example(([row("ΟΔΟΣ", "x", "y", "z", "admin")], "οδος"))
def test_search_agrees_with_the_rule_on_random_rows(case):
    rows, pattern = case
    assert filter_rows(rows, pattern) == reference(rows, pattern)
    assert [r for r in rows if matches(r, pattern)] == reference(rows, pattern)


def test_a_whole_key_is_searched_for_and_quoted_as_its_prefix() -> None:
    from keydesk import keyformat
    from keydesk.services.search import needle, quoted_search, searched_text

    key = keyformat.format_key("kd_AbCdEf12", keyformat.generate_secret())
    assert searched_text(f"  {key} ") == "kd_AbCdEf12"
    assert needle(key) == "kd_abcdef12"
    assert quoted_search(key) == "kd_AbCdEf12"
    assert searched_text(key[:-1] + ("x" if key[-1] != "x" else "y")) != "kd_AbCdEf12"  # typo
    assert quoted_search("a\x1bb" + "z" * 50).startswith("a\\x1bb")
    assert len(quoted_search("z" * 100)) == 40
