"""Sort orders of the keys table's columns: each is exactly Python's
``sorted(range(n), key=..., reverse=descending)``, ties included (equal keys keep
ascending row order in both directions), for text compared by ``value.lower()``,
64-bit integers with their extremes, flags and ranks."""

from __future__ import annotations

import array
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from keydesk.services import sort_order
from keydesk.services.key_columns import row_mapping
from keydesk.services.sort_order import (
    int_order,
    order_from_ranks,
    text_ranks,
    text_standing,
    utf8_text_standing,
)
from keydesk.services.text_column import TextColumn

NEVER_BEFORE, NEVER_AFTER = -(2**63), 2**63 - 1


def text_order(values: Sequence[str], descending: bool = False) -> np.ndarray:
    return text_standing(values).order(descending)


def utf8_text_order(lowered: bytearray, ends: Any, descending: bool = False) -> np.ndarray:
    return utf8_text_standing(lowered, ends).order(descending)


FAST = settings(max_examples=300, deadline=None)


def reference(keys: Sequence[Any], descending: bool = False) -> list[int]:
    """The rule, written the obvious way."""
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)


def lowered(values: Sequence[str]) -> list[str]:
    return [value.lower() for value in values]


def reference_ranks(values: Sequence[str]) -> list[int]:
    keys = lowered(values)
    rank = {key: number for number, key in enumerate(sorted(set(keys)))}
    return [rank[key] for key in keys]


# --- Examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ascending", "descending"),
    [
        # case does not matter; equal keys keep row order both ways
        (["b", "A", "a", "B", "c"], [1, 2, 0, 3, 4], [4, 0, 3, 1, 2]),
        # code point order, not the alphabet: "z" (U+007A) before "é" (U+00E9)
        (["é", "Z", "a"], [2, 1, 0], [0, 1, 2]),
        # a prefix first, NUL included: "ab" < "ab\x00" < "ab\x00\x00" < "abc"
        (["abc", "ab\x00", "AB", "ab\x00\x00"], [2, 1, 3, 0], [0, 3, 1, 2]),
        # the empty string first
        (["x", "", "X", ""], [1, 3, 0, 2], [0, 2, 1, 3]),
        # "İ".lower() is "i̇" (i + combining dot, U+0307): after "ia"
        (["İ", "ia", "I"], [2, 1, 0], [0, 1, 2]),
        # a final sigma lowercases to ς (U+03C2), which sorts before σ (U+03C3)
        (["ΟΔΟΣ", "οδοσ", "ΟΔΟΣ Α"], [0, 2, 1], [1, 2, 0]),
        # beyond the Basic Multilingual Plane, and CJK
        (["😀", "漢", "ß", "Æ", "æ"], [2, 3, 4, 1, 0], [0, 1, 3, 4, 2]),
    ],
)
def test_text_sorts_by_lowercase_code_points_keeping_ties_in_row_order(
    values, ascending, descending
):
    assert ascending == reference(lowered(values))
    assert descending == reference(lowered(values), descending=True)
    assert text_order(values).tolist() == ascending
    assert text_order(values, descending=True).tolist() == descending


def test_text_ranks_are_dense_and_shared_by_equal_lowercase_values():
    assert text_ranks(["b", "A", "a", "B", "", "c"]).tolist() == [2, 1, 1, 2, 0, 3]


def test_empty_and_single_row():
    for order in (
        text_order([]),
        int_order(np.array([], dtype=np.int64)),
        order_from_ranks(np.array([], dtype=np.int32)),
    ):
        assert order.tolist() == []
    assert text_order(["x"], descending=True).tolist() == [0]
    assert text_ranks([]).tolist() == []
    assert text_ranks(["X"]).tolist() == [0]
    assert int_order(array.array("q", [5]), descending=True).tolist() == [0]


def test_timestamps_sort_with_never_at_either_end():
    stamps = np.array([NEVER_BEFORE, 0, NEVER_AFTER, 0, NEVER_BEFORE, -1], dtype=np.int64)
    assert int_order(stamps).tolist() == [0, 4, 5, 1, 3, 2]
    assert int_order(stamps, descending=True).tolist() == [2, 1, 3, 5, 0, 4]


def test_order_from_ranks_takes_any_integers():
    ranks = np.array([7, -3, 7, 2**40, -3], dtype=np.int64)
    assert order_from_ranks(ranks).tolist() == [1, 4, 0, 2, 3]
    assert order_from_ranks(ranks, descending=True).tolist() == [3, 0, 2, 1, 4]


def test_orders_are_row_numbers_numpy_can_index_with():
    for order in (text_order(["b", "a"]), int_order(np.array([2, 1]))):
        assert order.dtype == np.intp
    assert text_ranks(["b", "a"]).dtype == np.int32


def test_a_table_of_realistic_columns_sorts_like_python():
    """Enough rows for several passes over tied groups, and for the few-distinct path."""
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    words = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyzé", k=rng.randint(2, 9))) for _ in range(60)
    ]
    users = [f"{rng.choice(words)}.{rng.choice(words)}@example.com" for _ in range(200)]
    columns = {
        "prefix": ["kd_" + "".join(rng.choices(alphabet, k=8)) for _ in range(4000)],
        "unique name": [
            f"{rng.choice(words)}-{rng.choice(words)}-{rng.randint(0, 99)}" for _ in range(4000)
        ],
        "name": [
            " ".join(rng.choices(words, k=rng.randint(1, 4))).capitalize() for _ in range(4000)
        ],
        "user": [rng.choice(users) for _ in range(4000)],
        "role": [
            rng.choice(["Standard API Key", "Admin API Key", "Project API Key"])
            for _ in range(4000)
        ],
    }
    for values in columns.values():
        for descending in (False, True):
            assert text_order(values, descending).tolist() == reference(lowered(values), descending)
        assert text_ranks(values).tolist() == reference_ranks(values)


# --- Against the reference on random data ----------------------------------------------

#: Characters that matter: case pairs, non-ASCII (1 to 4 UTF-8 bytes), NUL and \x01 (the
#: buffer's separator and escape), sigmas, dotted I, a lone surrogate.
CHARACTERS = (
    "aAbBzZ é É ß ẞ Æ æ 😀 漢 \x00 \x01 \x02 Σ σ ς İ i ı \ud800 \uffff".replace(" ", "") + " "
)


@st.composite
def texts(draw: st.DrawFn) -> list[str]:
    """Rows drawn from a small pool, so many are equal or equal but for case, or
    prefixes of one another; some long ones."""
    word = st.text(st.sampled_from(CHARACTERS), max_size=6)
    pool = draw(st.lists(word | st.text(max_size=4), min_size=1, max_size=8))
    if draw(st.booleans()):
        pool += [pool[0] * draw(st.integers(2, 40))]  # long, sharing a long prefix
        pool += [pool[-1] + tail for tail in draw(st.lists(word, max_size=3))]
    rows = draw(st.lists(st.sampled_from(pool), max_size=60))
    recased = [str.upper, str.lower, str.swapcase, str]
    return [draw(st.sampled_from(recased))(row) for row in rows]


@contextmanager
def bulk_sort_only() -> Iterator[None]:
    """Every text column sorted in bulk, not by its distinct values."""
    with mock.patch.object(sort_order, "_few_distinct_ranks", lambda values: None):
        yield


@contextmanager
def small_chunks() -> Iterator[None]:
    """Text handled three rows at a time (a NUL found late restarts the bytes)."""
    with mock.patch.object(sort_order, "CHUNK_ROWS", 3):
        yield


@contextmanager
def lexsort_passes() -> Iterator[None]:
    """Every pass sorted with np.lexsort, as with hundreds of millions of rows."""
    with bulk_sort_only(), mock.patch.object(sort_order, "_MIN_WORD_BITS", 65):
        yield


@contextmanager
def as_chosen() -> Iterator[None]:
    yield


PATHS: list[Callable[[], AbstractContextManager[None]]] = [
    as_chosen,
    bulk_sort_only,
    small_chunks,
    lexsort_passes,
]


def test_long_values_differing_late_sort_like_python():
    rng = random.Random(3)
    stem = "Ab" * 3000
    values = [stem + rng.choice(["", "a", "b", "ab", "\x00", "é"]) for _ in range(50)]
    values += [stem[: rng.randint(0, len(stem))] for _ in range(50)]
    for descending in (False, True):
        with bulk_sort_only():
            assert text_order(values, descending).tolist() == reference(lowered(values), descending)


@FAST
@given(texts(), st.sampled_from(PATHS))
@example(["ab", "abc", "ab\x00", "AB\x00\x00", "a"], bulk_sort_only)
@example(["\x00", "", "\x01", "\x01\x01", "\x00\x00"], small_chunks)
@example(["ΟΔΟΣ", "ΟΔΟΣ ΟΔΟΣ", "Σ", "ΑΣ\x00Σ"], as_chosen)
def test_text_order_and_ranks_agree_with_python(values, path):
    with path():
        assert text_order(values).tolist() == reference(lowered(values))
        assert text_order(values, True).tolist() == reference(lowered(values), True)
        assert text_ranks(values).tolist() == reference_ranks(values)


@FAST
@given(st.lists(st.text(), max_size=40), st.sampled_from(PATHS))
def test_any_text_sorts_like_python(values, path):
    with path():
        for descending in (False, True):
            assert text_order(values, descending).tolist() == reference(lowered(values), descending)


@FAST
@given(texts(), st.data(), st.sampled_from(PATHS))
def test_a_standing_order_stays_right_after_rows_are_removed(values, data, path):
    with path():
        standing = text_standing(values)
    removed = sorted(data.draw(st.sets(st.integers(0, max(0, len(values) - 1)))))
    removed = [row for row in removed if row < len(values)]
    kept = [value for row, value in enumerate(values) if row not in set(removed)]
    standing = standing.without(row_mapping(len(values), removed))
    for descending in (False, True):
        assert standing.order(descending).tolist() == reference(lowered(kept), descending)


INT64 = st.integers(NEVER_BEFORE, NEVER_AFTER)
STAMPS = st.lists(st.sampled_from([NEVER_BEFORE, NEVER_AFTER, -1, 0, 1]) | INT64, max_size=60)


@FAST
@given(STAMPS, st.booleans())
def test_int_order_agrees_with_python(values, as_array):
    keys = np.array(values, dtype=np.int64) if as_array else array.array("q", values)
    for descending in (False, True):
        assert int_order(keys, descending).tolist() == reference(values, descending)


@FAST
@given(st.lists(st.integers(0, 5) | st.integers(-(2**31), 2**31 - 1) | INT64, max_size=60))
def test_order_from_ranks_agrees_with_python(values):
    ranks = np.array(values, dtype=np.int64)
    for descending in (False, True):
        assert order_from_ranks(ranks, descending).tolist() == reference(values, descending)


@FAST
@given(texts())
def test_ranks_sort_either_way_like_the_text(values):
    ranks = text_ranks(values)
    for descending in (False, True):
        assert order_from_ranks(ranks, descending).tolist() == reference(
            lowered(values), descending
        )


@FAST
@given(st.lists(st.text(max_size=12), max_size=60), st.sampled_from(PATHS))
def test_texts_held_as_bytes_sort_like_python(values, path):
    """Prefixes and unique names are sorted from their TextColumn's bytes when all are
    ASCII (others are not offered: ascii_bytes() is None)."""
    held = TextColumn(values).ascii_bytes()
    assert (held is None) == (not all(value.isascii() and "\x00" not in value for value in values))
    if held is None:
        return
    with path():
        for descending in (False, True):
            order = utf8_text_order(*held, descending).tolist()
            assert order == reference(lowered(values), descending)


@FAST
@given(st.lists(st.text(alphabet="aAbBzZ-_09", max_size=8), max_size=60))
def test_ascii_texts_held_as_bytes_sort_like_python(values):
    held = TextColumn(values).ascii_bytes()
    assert held is not None
    for descending in (False, True):
        assert utf8_text_order(*held, descending).tolist() == reference(lowered(values), descending)
