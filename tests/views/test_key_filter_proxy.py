"""KeyFilterProxy over a KeyTableModel from plain KeyRow tuples, no database.

The proxy filters and sorts in bulk; these tests hold it to the straightforward
reference (:func:`support.key_rows.reference`): :func:`keydesk.services.search.filter_rows`
then Python's stable ``sorted`` on :func:`keydesk.views.key_table_columns.sort_key`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
from support.key_rows import NOW, ORDERS, build, make_rows, reference, shown

from keydesk.services.keys import KeyRow
from keydesk.services.search import haystack
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_sort_standing import TEXT_COLUMNS, StandingOrders
from keydesk.views.key_table_columns import (
    COL_CREATED,
    COL_EXPIRES,
    COL_HAS_EXPIRED,
    COL_LAST_USED,
    COL_NAME,
    COL_PREFIX,
    COL_ROLE,
    COL_UNIQUE_NAME,
    COL_USER,
    COLUMN_COUNT,
    ROW_ROLE,
)

# --- searching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_names"),
    [
        ("", ["Billing", "billing job", "CI"]),
        ("billing", ["Billing", "billing job"]),
        ("  BILLING ", ["Billing", "billing job"]),
        ("grace@", ["billing job"]),
        ("admin api", ["CI"]),
        ("kd_ci", ["CI"]),
        ("calm-otter", ["Billing"]),
        ("nothing like this", []),
    ],
)
def test_search_rule_table(qapp: QApplication, text: str, expected_names: list[str]) -> None:
    base = make_rows(1)[0]
    rows = [
        base._replace(prefix="kd_AAAA1111", unique_name="calm-otter-4821", name="Billing",
                      user="ada@example.com", role="standard"),
        base._replace(prefix="kd_BBBB2222", unique_name="bold-lynx-1000", name="billing job",
                      user="grace@example.com", role="project"),
        base._replace(prefix="kd_CIxx3333", unique_name="swift-owl-2000", name="CI",
                      user="ken@example.com", role="admin"),
    ]  # fmt: skip
    _, proxy = build(rows)
    proxy.set_filter_text(text)
    assert [row.name for row in shown(proxy)] == expected_names


TEXT = st.text(alphabet="abAB-_@.\x00\x1f éß", max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), count=st.integers(0, 60), text=TEXT)
def test_filter_equals_reference_filter(
    qapp: QApplication, seed: int, count: int, text: str
) -> None:
    rows = make_rows(count, seed, alphabet="abAB-_@.\x00\x1f éß")
    _, proxy = build(rows)
    proxy.set_filter_text(text)
    assert shown(proxy) == reference(rows, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    count=st.integers(0, 80),
    text=TEXT,
    column=st.integers(0, COLUMN_COUNT - 1),
    descending=st.booleans(),
)
def test_sorted_filter_equals_stable_sorted_reference(
    qapp: QApplication, seed: int, count: int, text: str, column: int, descending: bool
) -> None:
    rows = make_rows(count, seed, alphabet="abAB-_@.")
    order = ORDERS[descending]
    _, proxy = build(rows)
    proxy.sort(column, order)
    proxy.set_filter_text(text)
    assert shown(proxy) == reference(rows, text, column, order)
    proxy.set_filter_text("")
    assert shown(proxy) == reference(rows, "", column, order)


def test_typing_and_deleting_characters_stays_exact(qapp: QApplication) -> None:
    rows = make_rows(400, seed=5, alphabet="abcde")
    _, proxy = build(rows)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    typed = ""
    for step in ["a", "b", "a", "BACK", "c", "BACK", "BACK", "d", "e", "a"]:
        typed = typed[:-1] if step == "BACK" else typed + step
        proxy.set_filter_text(typed)
        assert shown(proxy) == reference(rows, typed, COL_NAME), typed


# --- sorting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", ORDERS)
def test_sort_equals_python_sorted(qapp: QApplication, column: int, order: Qt.SortOrder) -> None:
    rows = make_rows(150, seed=column)
    _, proxy = build(rows)
    proxy.sort(column, order)
    assert shown(proxy) == reference(rows, "", column, order)


def test_sort_minus_one_restores_load_order(qapp: QApplication) -> None:
    rows = make_rows(40)
    _, proxy = build(rows)
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    proxy.sort(-1)
    assert shown(proxy) == rows


def test_missing_expiry_sorts_last_and_missing_use_first(qapp: QApplication) -> None:
    rows = make_rows(50)
    _, proxy = build(rows)
    proxy.sort(COL_EXPIRES, Qt.SortOrder.AscendingOrder)
    expires = [row.expires for row in shown(proxy)]
    assert expires.index(None) == sum(e is not None for e in expires)
    proxy.sort(COL_LAST_USED, Qt.SortOrder.AscendingOrder)
    used = [row.last_used for row in shown(proxy)]
    assert all(u is None for u in used[: used.count(None)])


# --- following the source --------------------------------------------------------------------


def test_proxy_passes_qt_model_tester_through_every_change(
    qtmodeltester, qapp: QApplication
) -> None:
    rows = make_rows(60, seed=4)
    model, proxy = build(rows)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("b")
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    model.append_rows(make_rows(10, seed=5))
    proxy.set_filter_text("bi")
    model.replace_rows({model.rows[1].prefix: model.rows[1]._replace(name="bi renamed")})
    model.remove_prefixes({model.rows[i].prefix for i in (0, 5, 6, 30, 69)})
    proxy.sort(-1)
    model.append_rows(make_rows(3, seed=6))
    proxy.set_filter_text("")
    model.set_rows(make_rows(7, seed=7))
    assert proxy.rowCount() == 7


@pytest.mark.parametrize("column", [-1, COL_NAME, COL_CREATED, COL_HAS_EXPIRED])
def test_appended_rows_land_in_place(qapp: QApplication, column: int) -> None:
    rows = make_rows(100, seed=11)
    model, proxy = build(rows[:60])
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    proxy.set_filter_text("a")
    model.append_rows(rows[60:80])
    model.append_rows(rows[80:])
    assert shown(proxy) == reference(rows, "a", column, Qt.SortOrder.DescendingOrder)


@pytest.mark.parametrize(("added", "max_runs"), [(1, 32), (6, 32), (90, 1)])
def test_rows_appended_into_a_sorted_view_go_in_as_insertions_while_few(
    qtbot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, added: int, max_runs: int
) -> None:
    """A key created (or arriving live) into a sorted table is inserted where it belongs;
    rows landing in more places than ``MAX_INSERT_RUNS`` make a new layout instead. The
    selection stays on its keys either way."""
    monkeypatch.setattr(KeyFilterProxy, "MAX_INSERT_RUNS", max_runs)
    as_insertions = max_runs > 1
    rows = make_rows(300 + added, seed=21)
    model, proxy = build(rows[:300])
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    selection = view.selectionModel()
    chosen = [proxy.index(row, 0) for row in range(0, 300, 2)]  # many keys selected
    for index in chosen:
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    chosen_prefixes = {index.data(ROW_ROLE).prefix for index in chosen}
    inserted: list[tuple[int, int]] = []
    relaid: list[object] = []
    proxy.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    proxy.layoutChanged.connect(lambda *args: relaid.append(args))

    model.append_rows(rows[300:])

    assert shown(proxy) == reference(rows, "", COL_NAME)
    assert bool(inserted) == as_insertions and bool(relaid) != as_insertions
    if as_insertions:
        assert sum(last - first + 1 for first, last in inserted) == added
    selected = {index.data(ROW_ROLE).prefix for index in selection.selectedRows()}
    assert selected == chosen_prefixes


@pytest.mark.parametrize("column", [-1, COL_NAME, COL_PREFIX])
def test_removed_rows_leave_the_rest_in_order(qapp: QApplication, column: int) -> None:
    rows = make_rows(120, seed=12)
    model, proxy = build(rows)
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    proxy.set_filter_text("a")
    gone = {rows[i].prefix for i in (0, 1, 50, 77, 119)}
    assert model.remove_prefixes(gone) == 5
    remaining = [row for row in rows if row.prefix not in gone]
    assert shown(proxy) == reference(remaining, "a", column)


def test_edited_row_is_refiltered_and_resorted(qapp: QApplication) -> None:
    rows = make_rows(50, seed=13)
    model, proxy = build(rows)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    proxy.set_filter_text("billing")
    target = next(row for row in rows if "billing" not in haystack(row))
    model.replace_rows({target.prefix: target._replace(name="AAA billing first")})
    assert shown(proxy)[0].prefix == target.prefix
    updated = [target._replace(name="AAA billing first") if r is target else r for r in rows]
    assert shown(proxy) == reference(updated, "billing", COL_NAME)


def test_selection_follows_rows_through_filter_and_sort(qtbot, qapp: QApplication) -> None:
    rows = make_rows(80, seed=14)
    model, proxy = build(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    chosen = [r for r in rows if "b" in haystack(r)][:3]
    selection = view.selectionModel()
    for row in chosen:
        index = proxy.mapFromSource(model.index(rows.index(row), 0))
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    proxy.set_filter_text("b")
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    selected = {index.data(ROW_ROLE).prefix for index in selection.selectedRows()}
    assert selected == {row.prefix for row in chosen}
    model.remove_prefixes({chosen[0].prefix})
    selected = {index.data(ROW_ROLE).prefix for index in selection.selectedRows()}
    assert selected == {row.prefix for row in chosen[1:]}
    assert view.verticalHeader().count() == proxy.rowCount()


def test_the_proxy_leaves_parent_to_qt() -> None:
    """A selection model asks ``parent()`` ~100 times per selected row when rows move;
    a Python override made a sort with 1,000 rows selected hold the window 0.15 s."""
    assert "parent" not in vars(KeyFilterProxy)
    assert QModelIndex() == KeyFilterProxy().index(0, 0).parent()


def test_map_to_and_from_source_agree(qapp: QApplication) -> None:
    rows = make_rows(40, seed=15)
    model, proxy = build(rows)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    proxy.set_filter_text("billing")
    assert 0 < proxy.rowCount() < len(rows)
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, 3))
        assert source.column() == 3
        assert proxy.mapFromSource(source) == proxy.index(row, 3)
    hidden = next(i for i, r in enumerate(rows) if "billing" not in haystack(r))
    assert not proxy.mapFromSource(model.index(hidden, 0)).isValid()
    assert not proxy.mapToSource(QModelIndex()).isValid()


def test_has_expired_sort_uses_the_clock_at_sort_time(qapp: QApplication) -> None:
    base = make_rows(1)[0]
    soon = base._replace(prefix="kd_soon0001", expires=datetime.max)
    past = base._replace(prefix="kd_past0001", expires=NOW - timedelta(days=2))
    _, proxy = build([soon, past])
    proxy.sort(COL_HAS_EXPIRED, Qt.SortOrder.AscendingOrder)
    assert [r.prefix for r in shown(proxy)] == ["kd_soon0001", "kd_past0001"]


# --- columnar storage and the fast paths -------------------------------------------------------


def test_search_never_spans_two_fields_in_the_table(qapp: QApplication) -> None:
    rows = make_rows(50, seed=21)
    _, proxy = build(rows)
    first = rows[0]
    spanning = f"{first.prefix[-2:]}\x1f{first.unique_name[:2]}"
    proxy.set_filter_text(spanning)
    assert shown(proxy) == [] == reference(rows, spanning)


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("shuffled", [False, True])
def test_rows_streamed_in_creation_order_land_in_place(
    qapp: QApplication, order: Qt.SortOrder, shuffled: bool
) -> None:
    """The loader streams rows oldest first; sorted by Created, each batch lands as one
    block at an end. Ties across batches and out-of-order batches must stay exact."""
    rng = random.Random(24)
    base = NOW - timedelta(days=30)
    rows = [
        row._replace(created=base + timedelta(hours=number // 3))  # ties in threes
        for number, row in enumerate(make_rows(240, seed=24))
    ]
    if shuffled:
        rng.shuffle(rows)
    model, proxy = build(rows[:40])
    proxy.sort(COL_CREATED, order)
    proxy.set_filter_text("a")
    for start in range(40, 240, 50):
        model.append_rows(rows[start : start + 50])
        assert shown(proxy) == reference(rows[: start + 50], "a", COL_CREATED, order)
    proxy.set_filter_text("")
    assert shown(proxy) == reference(rows, "", COL_CREATED, order)


# --- sorting large tables in a worker --------------------------------------------------------


@pytest.fixture
def large_from_60(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables of 60 rows or more count as large: they sort in a worker thread."""
    monkeypatch.setattr(KeyFilterProxy, "BACKGROUND_SORT_ROWS", 60)
    monkeypatch.setattr(KeyFilterProxy, "BACKGROUND_NUMBER_SORT_ROWS", 60)


@pytest.mark.usefixtures("large_from_60")
@pytest.mark.parametrize("column", [COL_NAME, COL_ROLE, COL_CREATED, COL_HAS_EXPIRED])
def test_a_large_table_sorts_in_a_worker_and_keeps_its_order_meanwhile(
    qtbot, qapp: QApplication, column: int
) -> None:
    rows = make_rows(150, seed=40 + column)
    _, proxy = build(rows)
    signals: list[bool] = []
    proxy.sortingChanged.connect(signals.append)
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert proxy.sorting and signals == [True]
    assert shown(proxy) == rows  # the load order until the worker is done
    qtbot.waitUntil(lambda: not proxy.sorting)
    assert signals == [True, False]
    assert proxy.sortColumn() == column
    assert shown(proxy) == reference(rows, "", column, Qt.SortOrder.DescendingOrder)
    proxy.sort(column, Qt.SortOrder.DescendingOrder)  # cached now (but Has expired)
    assert proxy.sorting == (column == COL_HAS_EXPIRED)
    qtbot.waitUntil(lambda: not proxy.sorting)


@pytest.mark.usefixtures("large_from_60")
def test_a_newer_sort_wins_over_one_still_running(qtbot, qapp: QApplication) -> None:
    rows = make_rows(150, seed=41)
    _, proxy = build(rows)
    proxy.sort(COL_NAME)
    proxy.sort(COL_USER, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not proxy.sorting)
    qtbot.wait(50)  # the first worker's result, if late, must change nothing
    assert proxy.sortColumn() == COL_USER
    assert shown(proxy) == reference(rows, "", COL_USER, Qt.SortOrder.DescendingOrder)


@pytest.mark.usefixtures("large_from_60")
def test_rows_changed_during_a_worker_sort_are_sorted_too(qtbot, qapp: QApplication) -> None:
    rows = make_rows(150, seed=42)
    model, proxy = build(rows)
    proxy.set_filter_text("a")
    proxy.sort(COL_UNIQUE_NAME)
    more = make_rows(30, seed=43)
    model.append_rows(more)  # before the worker's result arrives
    qtbot.waitUntil(lambda: not proxy.sorting)
    assert shown(proxy) == reference(rows + more, "a", COL_UNIQUE_NAME)


@pytest.mark.usefixtures("large_from_60")
@pytest.mark.parametrize("order", ORDERS)
def test_appends_and_edits_in_a_large_table_sorted_by_text_resort_in_a_worker(
    qtbot, qapp: QApplication, order: Qt.SortOrder
) -> None:
    rows = make_rows(100, seed=44)
    model, proxy = build(rows)
    proxy.sort(COL_NAME, order)
    qtbot.waitUntil(lambda: not proxy.sorting)
    more = make_rows(20, seed=45)
    model.append_rows(more)
    rows = rows + more
    assert proxy.sorting
    assert shown(proxy)[-20:] == more  # appended at the end until the worker is done
    qtbot.waitUntil(lambda: not proxy.sorting)
    assert shown(proxy) == reference(rows, "", COL_NAME, order)

    renamed = rows[5]._replace(name="AAAA first")
    model.replace_rows({renamed.prefix: renamed})
    rows[5] = renamed
    qtbot.waitUntil(lambda: not proxy.sorting)
    assert shown(proxy) == reference(rows, "", COL_NAME, order)

    model.remove_prefixes({rows[0].prefix, rows[50].prefix})
    rows = [row for i, row in enumerate(rows) if i not in (0, 50)]
    assert shown(proxy) == reference(rows, "", COL_NAME, order)


# --- standing orders of text columns --------------------------------------------------------


@pytest.fixture
def standing_from_60(monkeypatch: pytest.MonkeyPatch, large_from_60: None) -> None:
    """Tables of 60 rows or more keep standing orders, computed 10 ms after a change."""
    monkeypatch.setattr(StandingOrders, "MIN_ROWS", 60)
    monkeypatch.setattr(StandingOrders, "QUIET_MS", 10)


def with_ties(rows: list[KeyRow]) -> list[KeyRow]:
    """Every third name shared, in different cases: ties to keep in row order."""
    names = ("Alpha", "alpha", "ALPHA", "beta")
    return [row._replace(name=names[i % 4]) if i % 3 == 0 else row for i, row in enumerate(rows)]


def standing_ready(qtbot, proxy: KeyFilterProxy) -> None:
    qtbot.waitUntil(lambda: proxy.standing.columns() == sorted(TEXT_COLUMNS))


@pytest.mark.usefixtures("standing_from_60")
def test_text_columns_sort_at_once_from_their_standing_orders(qtbot, qapp: QApplication) -> None:
    rows = with_ties(make_rows(150, seed=50))
    _, proxy = build(rows)
    proxy.set_filter_text("a")
    proxy.standing.resume(0)
    standing_ready(qtbot, proxy)
    for column in sorted(TEXT_COLUMNS):
        for order in ORDERS:
            proxy.sort(column, order)
            assert not proxy.sorting  # no worker: the order was standing
            assert shown(proxy) == reference(rows, "a", column, order), (column, order)


@pytest.mark.usefixtures("standing_from_60")
def test_standing_orders_follow_removals_and_are_remade_after_appends_and_edits(
    qtbot, qapp: QApplication
) -> None:
    rows = with_ties(make_rows(120, seed=51))
    model, proxy = build(rows)
    proxy.standing.resume(0)
    standing_ready(qtbot, proxy)

    gone = {rows[i].prefix for i in (0, 3, 6, 60, 119)}  # heads of tied groups among them
    model.remove_prefixes(gone)
    rows = [row for row in rows if row.prefix not in gone]
    assert proxy.standing.columns() == sorted(TEXT_COLUMNS)  # renumbered, not dropped
    for order in ORDERS:
        proxy.sort(COL_NAME, order)
        assert not proxy.sorting
        assert shown(proxy) == reference(rows, "", COL_NAME, order)

    more = with_ties(make_rows(30, seed=52))
    model.append_rows(more)
    rows = rows + more
    assert proxy.standing.columns() == []  # the new rows fall anywhere in every order
    standing_ready(qtbot, proxy)
    proxy.sort(COL_UNIQUE_NAME, Qt.SortOrder.DescendingOrder)
    assert not proxy.sorting
    assert shown(proxy) == reference(rows, "", COL_UNIQUE_NAME, Qt.SortOrder.DescendingOrder)

    renamed = rows[10]._replace(name="aaa first")
    model.replace_rows({renamed.prefix: renamed})
    rows[10] = renamed
    assert proxy.standing.columns() == sorted(TEXT_COLUMNS - {COL_NAME})
    standing_ready(qtbot, proxy)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert not proxy.sorting
    assert shown(proxy) == reference(rows, "", COL_NAME)
    assert shown(proxy)[0].prefix == renamed.prefix


@pytest.mark.usefixtures("standing_from_60")
def test_no_standing_order_is_made_while_a_load_holds_it(qtbot, qapp: QApplication) -> None:
    rows = make_rows(100, seed=53)
    _, proxy = build(rows)
    proxy.standing.hold()
    qtbot.wait(60)
    assert proxy.standing.columns() == []
    proxy.standing.resume(0)
    standing_ready(qtbot, proxy)


@pytest.mark.usefixtures("standing_from_60")
def test_a_sort_in_a_worker_leaves_the_columns_standing_order(qtbot, qapp: QApplication) -> None:
    rows = with_ties(make_rows(100, seed=54))
    _, proxy = build(rows)
    proxy.standing.hold()  # nothing computed ahead: the sort has to
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.sorting
    qtbot.waitUntil(lambda: not proxy.sorting)
    assert proxy.standing.columns() == [COL_NAME]
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert not proxy.sorting
    assert shown(proxy) == reference(rows, "", COL_NAME)


@pytest.mark.usefixtures("standing_from_60")
def test_an_order_computed_while_rows_are_removed_is_not_kept(qtbot, qapp: QApplication) -> None:
    rows = with_ties(make_rows(100, seed=55))
    model, proxy = build(rows)
    proxy.standing.hold()
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)  # a worker computes with 100 rows
    gone = {rows[i].prefix for i in (0, 3, 40)}
    model.remove_prefixes(gone)  # before its result arrives
    rows = [row for row in rows if row.prefix not in gone]
    qtbot.waitUntil(lambda: not proxy.sorting)
    for order in ORDERS:
        proxy.sort(COL_NAME, order)
        qtbot.waitUntil(lambda: not proxy.sorting)
        assert shown(proxy) == reference(rows, "", COL_NAME, order)
