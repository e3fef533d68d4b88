"""``TextColumn`` (prefixes and unique names held as bytes) reads, grows, copies and
drops rows exactly as a plain list of the same texts does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keydesk.services.text_column import TextColumn

# Any text, NUL and lone surrogates included (they fall back to a list).
texts = st.lists(st.text(max_size=12), max_size=40)
ascii_texts = st.lists(st.text(alphabet="abcXYZ-_0189", max_size=12), max_size=40)


@given(st.one_of(texts, ascii_texts), st.one_of(texts, ascii_texts), st.data())
def test_a_text_column_reads_like_a_list(first, second, data):
    column = TextColumn(first)
    column.extend(TextColumn(second) if data.draw(st.booleans()) else second)
    plain = first + second
    assert len(column) == len(plain)
    assert list(column) == plain
    assert column == plain
    assert column[:] == plain
    start = data.draw(st.integers(-50, 50))
    stop = data.draw(st.integers(-50, 50))
    step = data.draw(st.sampled_from([None, 1, 2, -1]))
    assert column[start:stop:step] == plain[start:stop:step]
    for index in range(-len(plain), len(plain)):
        assert column[index] == plain[index]


@given(st.one_of(texts, ascii_texts), st.data())
def test_dropping_rows_copying_and_replacing_match_a_list(values, data):
    column = TextColumn(values)
    removed = sorted(data.draw(st.sets(st.integers(0, max(0, len(values) - 1)))))
    removed = [position for position in removed if position < len(values)]
    kept = [text for position, text in enumerate(values) if position not in set(removed)]
    assert list(column.compacted(removed)) == kept
    copy = column.copy()
    assert copy == values
    if values:
        position = data.draw(st.integers(0, len(values) - 1))
        replacement = data.draw(st.text(max_size=5))
        copy[position] = replacement
        before = list(column)
        values = [*values[:position], replacement, *values[position + 1 :]]
        assert list(copy) == values
        assert list(column) == before  # the copy is its own


def test_an_ascii_column_holds_bytes_not_strings():
    column = TextColumn(f"kd_{number:08d}" for number in range(1000))
    assert column.nbytes == 1000 * (12 + 4)
    assert column[999] == "kd_00000999"


def test_a_head_keeps_the_texts_of_its_moment_and_refuses_changes():
    column = TextColumn(["kd_a", "kd_b"])
    head = column.head()
    column.extend(["kd_c"])
    column.extend(TextColumn(["kd_d"]))
    assert list(head) == ["kd_a", "kd_b"] and len(head) == 2
    held = head.ascii_bytes()
    assert held is not None and bytes(held[0]) == b"kd_a\0kd_b\0"
    column[0] = "kd_z"  # the column moves to a list of its own
    assert list(head) == ["kd_a", "kd_b"]
    assert list(column) == ["kd_z", "kd_b", "kd_c", "kd_d"]
    with pytest.raises(TypeError):
        head.extend(["kd_e"])
    with pytest.raises(TypeError):
        head[1] = "kd_y"
    assert list(column.head().compacted([0])) == ["kd_b", "kd_c", "kd_d"]
