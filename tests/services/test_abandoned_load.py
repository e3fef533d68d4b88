"""A load abandoned halfway (the window closed, a reload started) leaves the connection
usable on every backend (PostgreSQL reads through a server-side cursor)."""

from __future__ import annotations

from keydesk.services import keys
from keydesk.services.key_reads import iter_key_value_batches


def test_an_abandoned_load_leaves_the_connection_usable(make_key):
    for number in range(5):
        make_key(f"key {number}")
    batches = iter(iter_key_value_batches(batch_size=2))
    assert len(next(batches)) == 2
    batches.close()  # the loader was cancelled
    assert keys.count_keys() == 5
    assert len(keys.list_key_rows()) == 5
