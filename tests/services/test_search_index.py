"""SearchIndex, the keys list's bulk search: for any rows and any needle it finds exactly the
rows the plain rule finds (a field, lowercased, contains the needle), as rows are added,
edited and removed and as typing grows and shrinks the needle."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from keydesk.services import search_index, search_tables
from keydesk.services.search_index import SearchIndex

Row = tuple[str, str, str, str, str]


def reference(rows: Sequence[Row], needle: str, among: Sequence[int] | None = None) -> list[int]:
    """The rule, written the obvious way."""
    tested = range(len(rows)) if among is None else among
    return [i for i in tested if any(needle in field.lower() for field in rows[i])]


def columns(batch: Sequence[Row]) -> list[list[str]]:
    """Rows as the five columns extend() takes."""
    return [[row[field] for row in batch] for field in range(5)]


def index_of(*batches: Sequence[Row]) -> SearchIndex:
    index = SearchIndex()
    for batch in batches:
        index.extend(*columns(batch))
    return index


BILLING = ("kd_Ab3dE6gH", "calm-otter-4821", "Billing service", "alice@example.com", "Admin")
ROBOT = ("kd_99zzQQ00", "brave-lynx-1000", "CI robot", "bob@corp.example", "Developer")
NIGHTLY = ("acme_XyZ12345", "quiet-heron-7777", "nightly ÄÖÜ job", "carol@example.com", "Read only")
ROWS = [BILLING, ROBOT, NIGHTLY]


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("kd_ab3de6gh", [0]),
        ("kd_", [0, 1]),
        ("zzqq", [1]),
        ("heron", [2]),
        ("-1000", [1]),
        ("billing serv", [0]),
        ("äöü", [2]),
        ("bob@", [1]),
        ("@example.com", [0, 2]),
        ("example", [0, 1, 2]),
        ("admin", [0]),
        ("read only", [2]),
        ("e", [0, 1, 2]),
        ("no such thing", []),
        # no match across two fields
        ("4821alice", []),
        ("gh\x1fcalm", []),
        ("service alice", []),
    ],
)
def test_finds_the_rows_with_a_field_containing_the_needle(needle, expected):
    index = index_of(ROWS)
    assert index.find(needle).tolist() == expected
    assert np.flatnonzero(index.matches_mask(needle)).tolist() == expected


def test_needle_is_matched_as_given_against_lowercased_fields():
    # The caller lowercases the needle; an uppercase needle finds nothing lowercase.
    assert index_of(ROWS).find("BILLING").tolist() == []


def test_results_are_ascending_row_numbers():
    result = index_of(ROWS, ROWS, ROWS).find("e")
    assert result.dtype == np.intp
    assert result.tolist() == list(range(9))


def test_rows_of_every_length_are_found():
    long_name = "x" * 300 + " needle"
    rows = [("", "", "", "", ""), ("a", "b", "needle", "", ""), ("p", "u", long_name, "", "")]
    rows += [("p" * n, "u", "needle", "", "") for n in range(0, 260, 7)]
    assert index_of(rows).find("needle").tolist() == reference(rows, "needle")
    assert index_of(rows).find("x" * 200).tolist() == [2]


def test_rows_added_in_many_batches_are_all_found():
    rows = [(f"kd_{i:04}", f"warm-heron-{i % 7}", "billing", "", "") for i in range(400)]
    index = index_of(*(rows[start : start + 30] for start in range(0, 400, 30)))
    assert len(index) == 400
    for needle in ["kd_0", "heron-3", "kd_03", "billing", "9"]:
        assert index.find(needle).tolist() == reference(rows, needle)


def test_a_needle_longer_than_every_row_finds_nothing():
    assert index_of(ROWS).find("x" * 100).tolist() == []


def test_unicode_is_matched_by_character():
    rows = [
        ("Zoë", "ÆSIR", "😀 party", "", ""),
        ("ΟΔΟΣ", "σοφία", "", "", ""),  # lower() gives a final sigma: "οδος"
        ("İstanbul", "", "", "", ""),  # lower() gives two characters: "i̇stanbul"
        ("e\u0301", "\ud800lone", "", "", ""),  # a combining accent, a lone surrogate
    ]
    index = index_of(rows)
    for needle in ["ë", "æsir", "😀", "οδος", "ς", "σ", "i̇", "i", "\u0301", "\ud800", "\ud800l"]:
        assert index.find(needle).tolist() == reference(rows, needle), needle


def test_separator_and_control_characters_in_fields_and_needles():
    rows = [
        ("a\x1fb", "c", "d\x00e", "u\x1fv", "r"),
        ("ab", "\x1f", "", "", ""),
        ("\x1f\x1f", "x", "", "", "\x1f"),
        ("plain", "row", "", "", ""),
    ]
    index = index_of(rows)
    for needle in ["\x1f", "a\x1f", "a\x1fb", "\x1fb", "\x1f\x1f", "ab", "b", "\x00", "d\x00e"]:
        assert index.find(needle).tolist() == reference(rows, needle), repr(needle)


def test_among_limits_the_rows_tested():
    index = index_of(ROWS)
    assert index.find("e", np.array([0, 2])).tolist() == [0, 2]
    assert index.find("e", [1]).tolist() == [1]
    assert index.find("heron", [0, 1]).tolist() == []
    assert index.find("e", np.array([], np.intp)).tolist() == []


def test_empty_needle_finds_every_row():
    assert index_of(ROWS).find("").tolist() == [0, 1, 2]


def test_an_empty_index_finds_nothing():
    index = SearchIndex()
    assert len(index) == 0
    assert index.find("a").tolist() == []
    index.extend([], [], [], [], [])
    assert len(index) == 0


def test_extend_needs_columns_of_one_length():
    with pytest.raises(ValueError):
        SearchIndex().extend(["a"], ["b"], ["c"], ["d"], [])


def test_typing_narrows_then_widens_again():
    rows = [("kd_abc", "warm-heron-x7", "billing", "kofi@example.com", "Admin")] * 3
    rows += [("kd_abd", "cold-otter-y1", "prod api", "ama@example.com", "Read only")] * 2
    index = index_of(rows)
    last, found = "", None
    for typed in ["k", "kd", "kd_", "kd_a", "kd_ab", "kd_abd", "kd_ab", "kd_", "k", "heron"]:
        found = index.find(typed, found if last and last in typed else None)
        assert found.tolist() == reference(rows, typed)
        last = typed


def test_changes_between_keystrokes_are_seen():
    rows = [("kd_1", "warm-heron-1", "a", "", ""), ("kd_2", "cold-otter-2", "b", "", "")]
    index = index_of(rows)
    assert index.find("he").tolist() == [0]
    rows[1] = ("kd_2", "shy-heron-2", "b", "", "")
    index.set_row(1, rows[1])
    assert index.find("her").tolist() == [0, 1]
    index.compact([0])
    del rows[0]
    assert index.find("hero").tolist() == [0]
    more = [("kd_3", "heron", "c", "", ""), ("kd_4", "swan", "heron", "", "")]
    index.extend(*columns(more))
    rows += more
    assert index.find("heron").tolist() == reference(rows, "heron") == [0, 1, 2]


def test_set_row_replaces_a_rows_fields():
    index = index_of(ROWS)
    assert index.find("heron").tolist() == [2]
    index.set_row(2, ("kd_new", "pale-swan-1", "renamed", "dan@example.com", "Admin"))
    assert index.find("heron").tolist() == []
    assert index.find("swan").tolist() == [2]
    assert index.find("admin").tolist() == [0, 2]
    # an edit to a much longer row moves it, and finds stay exact
    index.set_row(0, ("kd_x", "y", "z" * 200, "", ""))
    assert index.find("zzz").tolist() == [0]
    assert index.find("billing").tolist() == []
    assert index.find("e").tolist() == [1, 2]


def test_users_and_roles_of_many_distinct_values():
    rows = [("p", "u", "n", f"User{i}@example.com", f"Role {i % 300}") for i in range(600)]
    index = index_of(rows[:100], rows[100:])
    rows[5] = ("p", "u", "n", "Newcomer@example.com", "New role")
    index.set_row(5, rows[5])
    for needle in ["user12", "newcomer", "role 29", "new role", "@example"]:
        assert index.find(needle).tolist() == reference(rows, needle)
    assert index.nbytes > 0


def test_absorb_appends_rows_indexed_elsewhere():
    index = index_of(ROWS[:1])
    assert index.find("bill").tolist() == [0]
    other = index_of(
        [ROBOT, NIGHTLY, ("kd_x", "a-b-1", "Billing two", "dora@Example.com", "Admin")]
    )
    index.absorb(other)
    assert len(index) == 4 and len(other) == 0
    assert index.find("bill").tolist() == [0, 3]
    assert index.find("example.com").tolist() == [0, 2, 3]
    assert index.find("admin").tolist() == [0, 3]
    assert index.find("heron").tolist() == [2]


def test_set_row_needs_an_existing_row():
    with pytest.raises(IndexError):
        index_of(ROWS).set_row(3, BILLING)


def test_compact_drops_rows_and_renumbers_the_rest():
    index = index_of(ROWS, ROWS)
    index.compact([0, 4])
    assert len(index) == 4
    assert index.find("heron").tolist() == [1, 3]
    assert index.find("billing").tolist() == [2]
    assert index.find("lynx").tolist() == [0]
    index.compact([])
    assert len(index) == 4
    index.compact([0, 1, 2, 3])
    assert len(index) == 0
    assert index.find("e").tolist() == []


def test_compact_needs_existing_rows():
    with pytest.raises(IndexError):
        index_of(ROWS).compact([3])


def test_nbytes_counts_the_stored_bytes():
    index = index_of(ROWS * 100)
    assert 300 * 16 < index.nbytes < 300 * 200


# --- against the plain rule on random rows ---------------------------------------------

# Few characters, so that matches are frequent: case pairs, the separator, a control
# character, several-byte and context-dependent lowercasing, a lone surrogate.
ALPHABET = "aAbB-_ \x1f\x00éÉΣσςİß😀\ud800"
SHORT = st.text(ALPHABET, max_size=6)
FIELD = st.one_of(SHORT, SHORT, SHORT, st.text(ALPHABET, min_size=40, max_size=160))
ROW = st.tuples(FIELD, FIELD, FIELD, SHORT, st.sampled_from(["Admin", "Read only", "ΣA", ""]))
NEEDLE = st.one_of(
    st.text(ALPHABET, min_size=1, max_size=4).map(str.lower),
    st.text("ab-", min_size=1, max_size=8),
    st.text(ALPHABET, min_size=1, max_size=3),  # not lowercased: still exact
)


class IndexMachine(RuleBasedStateMachine):
    """Rows added in batches, edited and removed, searched by typing, always compared
    with the plain rule."""

    def __init__(self) -> None:
        super().__init__()
        self.index = SearchIndex()
        self.rows: list[Row] = []

    @initialize(batch=st.lists(ROW, max_size=12))
    def load(self, batch: list[Row]) -> None:
        self.add(batch)

    @rule(batch=st.lists(ROW, max_size=8))
    def add(self, batch: list[Row]) -> None:
        self.index.extend(*columns(batch))
        self.rows.extend(batch)

    @rule(batch=st.lists(ROW, max_size=8), edited=st.booleans())
    def absorb(self, batch: list[Row], edited: bool) -> None:
        """Rows indexed on their own (as a worker does) and then taken over."""
        other = index_of(batch)
        if edited and batch:
            other.set_row(0, batch[-1])
            batch = [batch[-1], *batch[1:]]
        self.index.absorb(other)
        self.rows.extend(batch)
        assert len(other) == 0

    @precondition(lambda self: self.rows)
    @rule(data=st.data(), fields=ROW)
    def edit(self, data: st.DataObject, fields: Row) -> None:
        row = data.draw(st.integers(0, len(self.rows) - 1))
        self.index.set_row(row, fields)
        self.rows[row] = fields

    @precondition(lambda self: self.rows)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        gone = sorted(data.draw(st.sets(st.integers(0, len(self.rows) - 1), max_size=3)))
        self.index.compact(gone)
        self.rows = [row for i, row in enumerate(self.rows) if i not in gone]

    @rule(needle=NEEDLE)
    def type_then_erase(self, needle: str) -> None:
        """Typed a character at a time (each search among the last one's matches), then
        erased a character at a time."""
        found = None
        for end in range(1, len(needle) + 1):
            found = self.index.find(needle[:end], found)
            assert found.tolist() == reference(self.rows, needle[:end]), needle[:end]
        for end in range(len(needle) - 1, 0, -1):
            assert self.index.find(needle[:end]).tolist() == reference(self.rows, needle[:end])

    @rule(needle=NEEDLE, data=st.data())
    def find_among(self, needle: str, data: st.DataObject) -> None:
        among = sorted(data.draw(st.sets(st.integers(0, max(len(self.rows) - 1, 0)))))
        among = [i for i in among if i < len(self.rows)]
        found = self.index.find(needle, np.array(among, np.intp))
        assert found.tolist() == reference(self.rows, needle, among)

    @rule(needle=NEEDLE, before=st.text("ab", max_size=2), after=st.text("ab", max_size=2))
    def find_containing_a_known_needle(self, needle: str, before: str, after: str) -> None:
        """A needle holding an earlier one anywhere (a paste, a character typed in the
        middle) starts from the earlier one's matches."""
        self.index.find(needle)
        longer = before + needle + after
        assert self.index.find(longer).tolist() == reference(self.rows, longer)

    @invariant()
    def same_length(self) -> None:
        assert len(self.index) == len(self.rows)


@pytest.fixture(
    params=["as shipped", "tiny chunks, always positions", "never positions"],
)
def tuning(request: pytest.FixtureRequest) -> Iterator[None]:
    """The index's tuning constants, changed so that small tables take every path:
    compared in several chunks, laid out in several batches and tables per width, starts
    listed as positions at once or never, remembered needles forgotten early."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "tiny chunks, always positions":
            patch.setattr(search_tables, "CHUNK", 256)
            patch.setattr(search_index, "_BATCH", 3)
            patch.setattr(search_tables, "SPARSE", 10**9)
            patch.setattr(search_index, "_TABLE_SLOTS", 4)
        elif request.param == "never positions":
            patch.setattr(search_tables, "SPARSE", 0)
            patch.setattr(search_index, "_REMEMBERED", 2)
        yield


def test_index_agrees_with_the_rule(tuning: None) -> None:
    run_state_machine_as_test(
        IndexMachine,
        settings=settings(
            max_examples=100,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
