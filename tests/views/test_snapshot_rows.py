"""The offline copy's save reads the table's own columns, without a copy: a row changed
in place while it reads them makes it give up (the old copy stays, and it saves again
later), rows appended or removed meanwhile do not."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from support.key_rows import make_rows

from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.live import RowsChanged, _unchanged_rows


def model_of(count: int) -> KeyTableModel:
    model = KeyTableModel()
    model.set_rows(make_rows(count, seed=7))
    return model


def reader(model: KeyTableModel, batch: int = 10):
    edits = model.edits
    return _unchanged_rows(model.columns, len(model.columns), lambda: edits.count, batch)


def test_every_row_is_read_as_it_is(qapp: QApplication) -> None:
    model = model_of(25)
    assert list(reader(model)) == list(model.rows)


@pytest.mark.parametrize("after", [1, 10, 24, 25], ids=["first", "a batch", "last", "end"])
@pytest.mark.parametrize("change", ["edit", "revoke"])
def test_a_row_changed_in_place_meanwhile_abandons_the_read(
    qapp: QApplication, after: int, change: str
) -> None:
    model = model_of(25)
    rows = reader(model)
    for _ in range(after):
        next(rows)
    target = next(row for row in model.rows if not row.revoked)
    if change == "edit":
        assert model.replace_rows({target.prefix: target._replace(name="renamed")}) == 1
    else:
        assert model.mark_revoked({target.prefix}) == 1
    with pytest.raises(RowsChanged):
        list(rows)


def test_rows_appended_or_removed_meanwhile_leave_the_read_alone(qapp: QApplication) -> None:
    model = model_of(25)
    before = list(model.rows)
    rows = reader(model)
    read = [next(rows) for _ in range(12)]
    model.append_rows(make_rows(7, seed=8))  # past the 25 rows being read
    model.remove_prefixes({before[0].prefix, before[20].prefix})  # new columns
    read.extend(rows)
    assert read == before
