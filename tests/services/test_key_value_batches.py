"""Loading the keys table from the driver's values (``iter_key_value_batches`` and
``KeyColumns.add_values``) gives exactly the rows of one full read through Peewee
(``list_key_rows``), on every backend; the first page is the first rows of a
straightforward sort."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from keydesk.services import keys
from keydesk.services.clock import utcnow
from keydesk.services.key_columns import KeyColumns, micros, to_micros
from keydesk.services.key_fields import NEVER_EXPIRES_US, NEVER_USED_US
from keydesk.services.key_reads import first_key_values, iter_key_value_batches
from keydesk.store.models import ApiKey


def _seven_keys(make_key, people) -> list[keys.CreatedKey]:
    alice, bob = people
    soon = utcnow() + timedelta(days=3)
    made = [
        make_key(
            f"key {number}",
            user=(alice, bob)[number % 2],
            role=("standard", "admin", "project")[number % 3],
            expires=soon + timedelta(hours=number) if number % 2 else None,
            opt_in=bool(number % 3),
        )
        for number in range(7)
    ]
    keys.revoke_keys([made[2].prefix, made[5].prefix])
    # Created at four instants, out of id order, three of them shared: the first page's
    # order and its ties are then both tested.
    base = datetime(2026, 6, 1, 12, 0, 0)
    for number, key in enumerate(made):
        moment = base + timedelta(minutes=(number * 3) % 4)
        ApiKey.update(created=moment).where(ApiKey.prefix == key.prefix).execute()
    return made


def test_values_convert_to_the_rows_of_list_key_rows(make_key, people):
    _seven_keys(make_key, people)
    columns = KeyColumns()
    batches = list(iter_key_value_batches(batch_size=3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    for batch in batches:
        columns.add_values(batch, {}, {})
    expected = keys.list_key_rows()
    assert sorted(columns.rows_between(0, len(columns))) == sorted(expected)
    # the search index holds every row, by its role's label too
    assert len(columns.index) == len(expected)
    assert len(columns.index.find("admin api")) == sum(row.role == "admin" for row in expected)


def test_values_come_in_stored_order_once_each(make_key, people):
    made = _seven_keys(make_key, people)
    prefixes = [row[0] for batch in iter_key_value_batches(batch_size=2) for row in batch]
    assert prefixes == [key.prefix for key in made]  # in id order, whatever their created


@pytest.mark.parametrize("descending", [False, True])
def test_the_first_page_by_created_is_the_first_rows_of_a_plain_sort(make_key, people, descending):
    _seven_keys(make_key, people)
    rows = keys.list_key_rows()
    # Python's sort is stable in both directions: ties keep id order, as the query does
    plain = sorted(rows, key=lambda row: row.created, reverse=descending)
    page = first_key_values(4, "created", descending)
    assert [row[0] for row in page] == [row.prefix for row in plain[:4]]


def test_a_first_page_by_an_unindexed_field_is_read_by_id(make_key, people):
    made = _seven_keys(make_key, people)
    page = first_key_values(3, "name", False)
    assert [row[0] for row in page] == [key.prefix for key in made[:3]]


@pytest.mark.parametrize(
    "values",
    [
        (datetime(2026, 1, 2, 3, 4, 5, 6), None, datetime(1999, 12, 31)),
        ("2026-01-02 03:04:05.000006", None, "2026-01-02 03:04:05", "2026-01-02"),
        ("2026-01-02T03:04:05+02:00", "2026-01-02 03:04:05.5+00:00"),
        (datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5))), None),
        (None, None),
        (1_767_229_323_000_004, None, 0, -5),  # microseconds, as PostgreSQL's are read
        (1_767_229_323_000_004, 7),
        (),
    ],
)
@pytest.mark.parametrize("missing", [NEVER_EXPIRES_US, NEVER_USED_US])
def test_micros_of_many_values_are_those_of_each(values, missing):
    def one(value):
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return to_micros(value, missing)

    assert micros(values, missing).tolist() == [one(value) for value in values]


def test_the_keys_above_were_created_at_four_instants_out_of_id_order(make_key, people):
    """The first-page tests above tell the directions and the ties apart only so."""
    _seven_keys(make_key, people)
    created = [row.created for row in keys.list_key_rows()]
    assert len(set(created)) == 4
