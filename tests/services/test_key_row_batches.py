"""Loading the keys list in batches gives exactly the rows of one full read, in the same
order, on every backend (PostgreSQL reads through a server-side cursor)."""

from __future__ import annotations

from keydesk.services import keys


def test_batches_hold_the_rows_of_list_key_rows_in_order(make_key, people):
    alice, bob = people
    made = [make_key(f"key {number}", user=(alice, bob)[number % 2]) for number in range(7)]
    keys.revoke_keys([made[2].prefix, made[5].prefix])
    batches = list(keys.iter_key_row_batches(batch_size=3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    rows = [row for batch in batches for row in batch]
    assert rows == keys.list_key_rows()
    assert [row.prefix for row in rows] == [key.prefix for key in made]
    assert [row.revoked for row in rows] == [n in (2, 5) for n in range(7)]


def test_an_abandoned_load_leaves_the_connection_usable(make_key):
    for number in range(5):
        make_key(f"key {number}")
    batches = iter(keys.iter_key_row_batches(batch_size=2))
    assert len(next(batches)) == 2
    batches.close()  # the loader was cancelled
    assert keys.count_keys() == 5
    assert len(keys.list_key_rows()) == 5
