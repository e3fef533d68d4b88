"""KeyTableModel from plain KeyRow tuples, no database."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView
from support.key_rows import DISPLAY, NOW, build, make_rows

from keydesk.services.keys import ROLES, KeyRow
from keydesk.views.key_table_columns import (
    COL_CREATED,
    COL_EXPIRES,
    COL_HAS_EXPIRED,
    COL_LAST_USED,
    COL_NAME,
    COL_PREFIX,
    COL_REVOKED,
    COL_ROLE,
    COL_UNIQUE_NAME,
    COL_USER,
    COLUMN_COUNT,
    HEADERS,
    KEY_TABLE_COLUMNS,
    ROW_ROLE,
    sort_key,
)
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.pending_revocations import PendingRevocationDelegate


def test_model_passes_qt_model_tester(qtmodeltester, qapp: QApplication) -> None:
    model, _proxy = build(make_rows(30))
    qtmodeltester.check(model)
    model.append_rows(make_rows(5, seed=2))
    model.replace_rows({model.rows[3].prefix: model.rows[3]._replace(name="Renamed")})
    model.remove_prefixes({model.rows[0].prefix, model.rows[10].prefix, model.rows[-1].prefix})
    model.set_rows(make_rows(4, seed=3))
    assert model.rowCount() == 4


def test_model_headers_and_row_role(qapp: QApplication) -> None:
    rows = make_rows(3)
    model, _ = build(rows)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)] == list(
        HEADERS
    )
    assert HEADERS == (
        "Prefix", "Unique name", "Name", "User", "Role", "Created", "Expires",
        "Has expired", "Revoked", "Last used",
    )  # fmt: skip
    assert model.index(1, COL_NAME).data(ROW_ROLE) == rows[1]
    assert model.index(1, COL_ROLE).data(DISPLAY) == ROLES[rows[1].role]


def test_status_is_a_word_and_a_colour(qapp: QApplication) -> None:
    base = make_rows(1)[0]
    revoked = base._replace(prefix="kd_revoked1", revoked=True, expires=None)
    expired = base._replace(prefix="kd_expired1", revoked=False, expires=NOW - timedelta(days=1))
    fine = base._replace(
        prefix="kd_fine0001", revoked=False, expires=None, opt_in=False, last_used=None
    )
    model, _ = build([revoked, expired, fine])
    fg = Qt.ItemDataRole.ForegroundRole
    assert model.index(0, COL_REVOKED).data(DISPLAY) == "Revoked"
    assert model.index(1, COL_HAS_EXPIRED).data(DISPLAY) == "Expired"
    assert model.index(2, COL_REVOKED).data(DISPLAY) == "No"
    assert model.index(2, COL_HAS_EXPIRED).data(DISPLAY) == "No"
    assert model.index(2, COL_EXPIRES).data(DISPLAY) == "Never"
    assert model.index(2, COL_LAST_USED).data(DISPLAY) == "Not tracked"
    assert model.index(0, COL_REVOKED).data(fg) != model.index(2, COL_REVOKED).data(fg)
    assert model.index(1, COL_HAS_EXPIRED).data(fg) != model.index(2, COL_HAS_EXPIRED).data(fg)


def test_replace_rows_signals_only_changed_columns(qapp: QApplication) -> None:
    rows = make_rows(10)
    model, _ = build(rows)
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, _roles=(): seen.append((a.row(), a.column(), b.row(), b.column()))
    )
    changed = {r.prefix: r._replace(revoked=True) for r in (rows[2], rows[7])}
    assert model.replace_rows(changed, hint={rows[2].prefix: 2, rows[7].prefix: 99}) == 2
    assert seen == [(2, COL_REVOKED, 7, COL_REVOKED)]
    assert model.rows[2].revoked and model.rows[7].revoked


@pytest.mark.parametrize("asked", [1, 3, 40], ids=["one", "few", "many"])
def test_find_rows_finds_exactly_the_loaded_prefixes(qapp: QApplication, asked: int) -> None:
    """Few prefixes go through the search index (which ignores case), many through one
    pass: both give each prefix's row, after removals and edits, and nothing else."""
    rows = make_rows(200, seed=31)
    twin = rows[10]._replace(prefix=rows[10].prefix.swapcase())  # same letters, other case
    inside = rows[20]._replace(prefix="kd_" + rows[21].prefix[3:7])  # part of another
    model = KeyTableModel()
    model.set_rows([*rows, twin, inside])
    model.remove_prefixes({rows[i].prefix for i in (0, 5, 77)})
    model.replace_rows({rows[30].prefix: rows[30]._replace(name=rows[40].prefix)})
    loaded = model.prefixes
    rng = random.Random(asked)
    wanted = {loaded[-1], loaded[-2], rows[10].prefix, rows[21].prefix, rows[40].prefix}
    wanted |= set(rng.sample(loaded, asked))
    wanted |= {rows[0].prefix, "kd_nothere"}  # removed, never loaded
    expected = {prefix: loaded.index(prefix) for prefix in wanted if prefix in loaded}
    assert model.find_rows(wanted) == expected
    assert model.find_rows(list(wanted)[:asked]) == {
        prefix: loaded.index(prefix) for prefix in list(wanted)[:asked] if prefix in loaded
    }


def test_rows_round_trip_through_the_columns(qapp: QApplication) -> None:
    rows = make_rows(200, seed=22)
    model, _ = build(rows)
    assert list(model.rows) == rows
    assert model.rows == rows
    assert [model.row(i) for i in range(len(rows))] == rows
    assert model.rows[-1] == rows[-1] and model.rows[3:6] == rows[3:6]
    assert list(model.prefixes) == [row.prefix for row in rows]


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("descending", [False, True])
def test_sort_permutation_orders_like_the_per_row_key(
    qapp: QApplication, column: int, descending: bool
) -> None:
    rows = make_rows(300, seed=23 + column)
    model, _ = build(rows)
    perm = model.sort_permutation(column, descending, NOW)
    expected = sorted(
        range(len(rows)), key=lambda i: sort_key(rows[i], column, NOW), reverse=descending
    )
    assert perm.tolist() == expected


def test_every_column_is_described_once_over_real_fields() -> None:
    """A column is one entry of KEY_TABLE_COLUMNS: names unique, and what it shows,
    sorts by and repaints on are fields of KeyRow."""
    names = [column.name for column in KEY_TABLE_COLUMNS]
    assert len(set(names)) == len(names) == COLUMN_COUNT
    for column in KEY_TABLE_COLUMNS:
        assert column.fields and set(column.fields) <= set(KeyRow._fields), column.name
        assert column.sort.field in column.fields, column.name
    assert tuple(column.header for column in KEY_TABLE_COLUMNS) == HEADERS


def _styled_cells(view: QTableView) -> dict[tuple[int, int], QStyleOptionViewItem]:
    """Every cell's style option in the order a repaint asks for them (row by row), each
    through the delegate the view paints that cell with: what the user sees."""
    options = {}
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            view.itemDelegateForIndex(index).initStyleOption(option, index)
            options[row, column] = option
    return options


@pytest.mark.parametrize("pending", [False, True], ids=["online", "revocation-pending"])
def test_only_the_prefix_looks_like_a_link_and_only_status_is_toned(
    qapp: QApplication, pending: bool
) -> None:
    base = make_rows(1)[0]._replace(opt_in=True, last_used=NOW - timedelta(hours=1))
    rows = [
        base._replace(prefix="kd_expired1", expires=NOW - timedelta(days=1), revoked=False),
        base._replace(prefix="kd_active01", expires=NOW + timedelta(days=9), revoked=False),
        base._replace(prefix="kd_active02", expires=None, revoked=False),
    ]
    model, proxy = build(rows)
    view = QTableView()
    view.setModel(proxy)
    if pending:  # the offline queue's delegate paints the Revoked column
        delegate = PendingRevocationDelegate(lambda row: row == 0, view)
        view.setItemDelegateForColumn(COL_REVOKED, delegate)
    text = view.palette().color(QPalette.ColorRole.Text)
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert fixed.family() != view.font().family()
    cells = _styled_cells(view)
    for (row, column), option in cells.items():
        where = f"row {row}, {HEADERS[column]}"
        monospace = option.font.family() == fixed.family()
        assert monospace == (column == COL_PREFIX), where
        colour = option.palette.color(QPalette.ColorRole.Text)
        if column in (COL_UNIQUE_NAME, COL_NAME, COL_USER, COL_ROLE, COL_CREATED, COL_LAST_USED):
            assert colour == text, where
    expired = model._tone_colors["expired"]
    assert cells[0, COL_HAS_EXPIRED].palette.color(QPalette.ColorRole.Text) == expired
    assert cells[0, COL_EXPIRES].palette.color(QPalette.ColorRole.Text) == expired
    assert cells[1, COL_EXPIRES].palette.color(QPalette.ColorRole.Text) == text
    assert cells[1, COL_HAS_EXPIRED].palette.color(QPalette.ColorRole.Text) != expired
