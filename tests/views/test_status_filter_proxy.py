"""The keys table's status filter (All, Active, Expiring soon, Expired, Revoked) in the
proxy, combined with the search and the sort, held to the rules key by key as keys are
added, revoked and removed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from support.key_rows import NOW, ORDERS, build, make_rows, reference, shown

from keydesk.services.clock import utcnow
from keydesk.services.key_records import KeyRow
from keydesk.services.key_rules import expires_within, key_status
from keydesk.services.key_status_filter import STATUS_FILTERS, StatusCounts, StatusFilter
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_table_columns import COLUMN_COUNT


def has_status(row: KeyRow, status: StatusFilter) -> bool:
    if status == "all":
        return True
    if status == "expiring":
        return expires_within(row.revoked, row.expires, 7)
    return key_status(row.revoked, row.expires).value.lower() == status


def expected_counts(rows: Sequence[KeyRow]) -> StatusCounts:
    return StatusCounts(**{s: sum(has_status(r, s) for r in rows) for s in STATUS_FILTERS})


def check(proxy: KeyFilterProxy, rows: Sequence[KeyRow], text: str, status: StatusFilter,
          column: int = -1, descending: bool = False) -> None:  # fmt: skip
    matched = reference(rows, text, column, ORDERS[descending])
    assert shown(proxy) == [row for row in matched if has_status(row, status)]
    assert proxy.status_counts() == (expected_counts(matched), expected_counts(rows))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    count=st.integers(0, 80),
    text=st.sampled_from(["", "a", "bill", "ci", "example.org", "zz"]),
    status=st.sampled_from(STATUS_FILTERS),
    column=st.integers(-1, COLUMN_COUNT - 1),
    descending=st.booleans(),
)
def test_status_filter_with_search_and_sort_equals_the_rules(
    qapp: QApplication, seed: int, count: int, text: str, status: StatusFilter, column: int,
    descending: bool,
) -> None:  # fmt: skip
    rows = make_rows(count, seed, alphabet="abcil")
    _, proxy = build(rows)
    proxy.sort(column, ORDERS[descending])
    proxy.set_status_filter(status)
    proxy.set_filter_text(text)
    check(proxy, rows, text, status, column, descending)
    proxy.set_filter_text("")
    check(proxy, rows, "", status, column, descending)


def test_counts_and_rows_follow_additions_revocations_and_removals(qapp: QApplication) -> None:
    rows = make_rows(300, seed=7)
    model, proxy = build(rows)
    proxy.set_status_filter("expiring")
    check(proxy, rows, "", "expiring")
    soon = make_rows(1, seed=8)[0]._replace(prefix="kd_SOON0001", revoked=False,
                                             expires=utcnow() + timedelta(days=2))  # fmt: skip
    model.append_rows([soon])
    rows = [*rows, soon]
    check(proxy, rows, "", "expiring")
    assert soon in shown(proxy)
    model.mark_revoked([soon.prefix])
    rows = [*rows[:-1], soon._replace(revoked=True)]
    check(proxy, rows, "", "expiring")
    assert soon.prefix not in {row.prefix for row in shown(proxy)}
    proxy.set_status_filter("revoked")
    gone = {row.prefix for row in rows[:50]}
    model.remove_prefixes(gone)
    rows = [row for row in rows if row.prefix not in gone]
    check(proxy, rows, "", "revoked")
    model.replace_rows({rows[0].prefix: rows[0]._replace(revoked=True, name="changed")})
    rows = [rows[0]._replace(revoked=True, name="changed"), *rows[1:]]
    check(proxy, rows, "", "revoked")


def test_an_expiry_passing_moves_the_key_when_the_clock_is_refreshed(
    qapp: QApplication,
) -> None:
    row = make_rows(1)[0]._replace(revoked=False, expires=NOW + timedelta(days=3))
    model, proxy = build([row])
    proxy.set_status_filter("active")
    assert len(shown(proxy)) == 1
    # The key expires: the store says so; the proxy learns it from the clock.
    model.columns.expires[0] -= 10 * 86_400 * 1_000_000
    proxy.refresh_clock()
    assert shown(proxy) == []
    assert proxy.status_counts()[1].expired == 1


def test_the_clock_looks_again_at_the_next_change_within_bounds() -> None:
    from keydesk.views.status_filter import MAX_CLOCK_MS, MIN_CLOCK_MS, clock_delay_ms

    assert clock_delay_ms(None, NOW) == MAX_CLOCK_MS
    assert clock_delay_ms(NOW + timedelta(seconds=20), NOW) == 20_001
    assert clock_delay_ms(NOW + timedelta(milliseconds=10), NOW) == MIN_CLOCK_MS
    assert clock_delay_ms(NOW + timedelta(days=3), NOW) == MAX_CLOCK_MS


def test_the_page_clock_moves_an_expired_key_and_updates_the_counts(qtbot) -> None:
    from keydesk.views.keys_page import KeysPage

    page = KeysPage()
    qtbot.addWidget(page)
    row = make_rows(1)[0]._replace(revoked=False, expires=NOW + timedelta(days=3))
    page.model.set_rows([row])
    page.emit_counts()
    seen: list[int] = []
    page.status_filter.expiringChanged.connect(seen.append)
    page.status_filter.select("expiring")
    assert page.proxy.rowCount() == 1
    page.model.columns.expires[0] -= 10 * 86_400 * 1_000_000  # time passes: it expired
    page.status_filter._clock.timeout.emit()
    assert page.proxy.rowCount() == 0
    assert page.status_filter.itemText(3) == "Expired (1)"
    assert seen == [0]


def test_an_empty_table_counts_zero_of_each_status(qtbot) -> None:
    from keydesk.views.keys_page import KeysPage

    page = KeysPage()
    qtbot.addWidget(page)
    page.emit_counts()
    combo = page.status_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All (0)", "Active (0)", "Expiring soon (0)", "Expired (0)", "Revoked (0)",
    ]  # fmt: skip
