"""Verification reads from a PostgreSQL hot standby (``--read-db``), writes to the primary.

The pair is built for the test from the machine's PostgreSQL binaries (tests/support/
standby.py). A revoke committed on the primary is refused by a verifier reading the
standby once the standby has replayed it; the test reports that lag (replay and follow)
rather than guessing it, and checks the bound still holds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.service import Service, get, until
from support.standby import Pair, primary_and_standby, wait_replayed

from keydesk.services import catalog, keys, users
from keydesk.services.keys import NewKey
from keydesk.services.verify import Verifier
from keydesk.store import connection
from keydesk.store.models import UsageMinute


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    # not under pytest's tmp_path: the servers run as postgres, who cannot enter root's
    with primary_and_standby(Path(tempfile.mkdtemp(prefix="keydesk-standby-"))) as made:
        yield made


@pytest.fixture
def primary(pair: Pair) -> Iterator[Pair]:
    connection.open_database(pair.primary_url)  # where the desk writes
    yield pair
    connection.close_database()


def test_a_verifier_reading_a_standby_follows_revocations_on_the_primary(primary: Pair):
    pair = primary
    users.add_user("alice@example.com")
    catalog.add_model("alfred-4")
    created = keys.create_key(
        NewKey(name="svc", user="alice@example.com", models=["alfred-4"], opt_in=True)
    )
    wait_replayed(pair.standby_url, "SELECT count(*) FROM api_key", 1)
    with Verifier(pair.primary_url, read_url=pair.standby_url) as verifier:
        assert verifier.verify(created.key, "alfred-4").valid
        until(lambda: verifier.remembered(created.key) is not None, 5)
        keys.revoke_keys([created.prefix])
        committed = time.monotonic()
        valid = [2]  # the first check, and the one remembered() answered

        def refused() -> bool:
            verdict = verifier.verify(created.key)
            valid[0] += verdict.valid
            return verdict.reason == "revoked"

        until(refused, 1.0)
        lag = time.monotonic() - committed
        assert verifier.flush()  # usage goes to the primary: the standby is read-only
    assert sum(row.calls for row in UsageMinute.select()) == valid[0]
    sys.stderr.write(
        f"\nrevoke on the primary → refused through the standby: {lag * 1000:.0f} ms\n"
    )


def test_keydesk_serve_with_read_db(primary: Pair):
    pair = primary
    users.add_user("bob@example.com")
    created = keys.create_key(NewKey(name="svc", user="bob@example.com"))
    wait_replayed(
        pair.standby_url, f"SELECT count(*) FROM api_key WHERE prefix = '{created.prefix}'", 1
    )
    service = Service(pair.primary_url, 1, read_url=pair.standby_url)
    try:
        key = {"Authorization": f"Bearer {created.key}"}
        assert get(service.port, "/v1/auth", key)[0] == 204
        keys.revoke_keys([created.prefix])
        until(lambda: get(service.port, "/v1/auth", key)[0] == 401, 1.0)
    finally:
        assert service.stop()[0]
