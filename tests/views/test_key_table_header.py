"""The keys table's default column widths: a key's identity is never cut while there
is room, and a wide window's room goes to the columns that need it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QStyle, QTableView
from pytestqt.qtbot import QtBot
from support.key_rows import NOW, build, make_rows

from keydesk.services.names import ADJECTIVES, ANIMALS
from keydesk.views import key_table_header
from keydesk.views.key_table_columns import (
    COL_LAST_USED,
    COL_NAME,
    COL_ROLE,
    COL_UNIQUE_NAME,
    COL_USER,
    COLUMN_COUNT,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def _table(qtbot: QtBot, width: int) -> QTableView:
    base = make_rows(1)[0]
    widest_adjective = max(ADJECTIVES, key=len)
    rows = [
        base._replace(
            prefix=f"kd_wide{number:04}",
            unique_name=f"{adjective}-{animal}-8888",
            name="Recommendation engine",
            user="grace.hopper@example.com",
            role=role,
            last_used=NOW - timedelta(hours=1),
            revoked=False,
        )
        for number, (adjective, animal, role) in enumerate(
            [(widest_adjective, animal, "standard") for animal in ANIMALS]
            + [(adjective, "pelican", "project") for adjective in ADJECTIVES]
        )
    ]
    _model, proxy = build(rows)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    table.horizontalHeader().setStretchLastSection(True)
    key_table_header.SpareWidth(table)
    key_table_header.default_widths(table)
    table.resize(width, 400)
    table.show()
    qtbot.waitExposed(table)
    table.proxy = proxy  # type: ignore[attr-defined]
    return table


def _cut_texts(table: QTableView, column: int) -> list[str]:
    """The texts of ``column`` the view has to elide at its current width."""
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    room = table.columnWidth(column) - margin
    model = table.model()
    texts = {model.index(row, column).data() for row in range(model.rowCount())}
    return sorted(t for t in texts if table.fontMetrics().horizontalAdvance(t) > room)


def test_identity_columns_show_their_whole_text_at_the_default_widths(
    qtbot: QtBot, qapp: QApplication
) -> None:
    table = _table(qtbot, 600)
    defaults = sum(key_table_header.default_width_of(table, c) for c in range(COLUMN_COUNT))
    table.resize(table.width() - table.viewport().width() + defaults, 400)  # no spare room
    qtbot.waitUntil(lambda: table.viewport().width() == defaults)
    for column in (COL_UNIQUE_NAME, COL_NAME, COL_USER, COL_ROLE):
        assert _cut_texts(table, column) == [], column


def test_a_wide_window_gives_its_room_to_names_not_to_last_used(
    qtbot: QtBot, qapp: QApplication
) -> None:
    table = _table(qtbot, 1300)
    narrow = {c: table.columnWidth(c) for c in range(COLUMN_COUNT)}
    table.resize(1900, 400)
    qtbot.waitUntil(lambda: table.columnWidth(COL_NAME) > narrow[COL_NAME])
    assert table.columnWidth(COL_LAST_USED) == narrow[COL_LAST_USED]
    grown = {c: table.columnWidth(c) - narrow[c] for c in (COL_NAME, COL_USER, COL_UNIQUE_NAME)}
    assert grown[COL_NAME] > grown[COL_USER] > grown[COL_UNIQUE_NAME] > 0
    total = sum(table.columnWidth(c) for c in range(COLUMN_COUNT))
    assert abs(total - table.viewport().width()) <= 3  # no empty band, no sideways scroll


def test_a_column_the_user_resized_keeps_its_width(qtbot: QtBot, qapp: QApplication) -> None:
    table = _table(qtbot, 1500)
    header = table.horizontalHeader()
    header.resizeSection(COL_NAME, 90)  # as a drag of the header's handle does
    table.resize(1900, 400)
    qtbot.wait(50)
    assert table.columnWidth(COL_NAME) == 90
    key_table_header.reset_columns(table)
    assert table.columnWidth(COL_NAME) > 90


def test_a_hidden_column_leaves_its_room_to_the_names(qtbot: QtBot, qapp: QApplication) -> None:
    table = _table(qtbot, 1500)
    before = table.columnWidth(COL_NAME)
    table.horizontalHeader().setSectionHidden(COL_ROLE, True)  # as the columns menu does
    qtbot.waitUntil(lambda: table.columnWidth(COL_NAME) > before)
    total = sum(table.columnWidth(c) for c in range(COLUMN_COUNT) if c != COL_ROLE)
    assert abs(total - table.viewport().width()) <= 3


def test_a_table_too_narrow_for_every_column_scrolls_rather_than_cut_names(
    qtbot: QtBot, qapp: QApplication
) -> None:
    table = _table(qtbot, 1200)  # a little short: the names give way, no scrolling
    assert table.columnWidth(COL_NAME) < key_table_header.default_width_of(table, COL_NAME)
    table.resize(600, 400)  # far too short (a 2x screen): whole names, scrolled sideways
    qtbot.waitUntil(
        lambda: table.columnWidth(COL_NAME) == key_table_header.default_width_of(table, COL_NAME)
    )
    assert _cut_texts(table, COL_UNIQUE_NAME) == [] and _cut_texts(table, COL_USER) == []
