"""The snapshot: a local, read-only copy of the key metadata, never the hashes."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from support.offline_server import Seeded, Server

from keydesk import keyformat
from keydesk.errors import NotFound
from keydesk.offline import OfflineCopy, OfflineSession, Snapshot
from keydesk.offline.local import snapshot_folder, snapshot_path
from keydesk.services import audit, users
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyRow, NewKey, create_key, list_key_rows, models_by_prefix
from keydesk.services.users import UserInfo, list_users
from keydesk.store import connection
from keydesk.store.connection import redact_url


def test_snapshot_round_trip_keeps_rows_models_users_and_time(
    seeded: Seeded, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session()
    started = session.start()
    assert started.online and started.data is not None

    saved = Snapshot(seeded.url).load()

    assert saved is not None
    assert saved.rows == list_key_rows() == started.data.rows
    assert saved.models == models_by_prefix()
    assert {prefix: sorted(names) for prefix, names in saved.models.items()} == {
        seeded.prefixes[0]: ["alfred-4", "bertha-2"],
        seeded.prefixes[1]: ["alfred-4"],
    }
    assert saved.users == list_users()
    assert saved.as_of == started.as_of
    assert saved.server == redact_url(seeded.url)


def test_snapshot_holds_no_hashes_and_no_secrets(
    seeded: Seeded, make_session: Callable[..., OfflineSession], server: Server
) -> None:
    session = make_session()
    session.start()
    hashes = [h for (h,) in server.query("SELECT secret_hash FROM api_key")]
    assert len(hashes) == 3 and all(h.startswith("$2b$") for h in hashes)
    copy = session.offline_copy()
    assert copy is not None and copy.event_count() == server.audit_count() > 3

    files = sorted(snapshot_folder().iterdir())
    raw = b"".join(path.read_bytes() for path in files)

    assert snapshot_path(seeded.url) in files
    assert seeded.prefixes[0].encode() in raw  # the metadata is there...
    assert b'"fields"' in raw  # ...with the audit events...
    assert b"$2b$" not in raw  # ...and no bcrypt hash at all
    for created in seeded.keys:
        parsed = keyformat.parse_key(created.key)
        assert created.key.encode() not in raw
        assert parsed.secret.encode() not in raw
    for secret_hash in hashes:
        assert secret_hash.encode() not in raw
        assert secret_hash[7:].encode() not in raw  # salt and digest without the "$2b$12$"


def test_snapshot_is_private_and_named_by_the_server_without_its_password() -> None:
    url = "postgresql://admin:hunter2@db.example.org:6543/keys"
    snapshot = Snapshot(url)
    snapshot.save(_rows(1), {}, [], datetime(2026, 1, 1))

    path = snapshot_path(url)
    assert snapshot.path == path and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert "hunter2" not in str(path) and b"hunter2" not in path.read_bytes()
    assert snapshot_path("postgresql://admin@db.example.org:6543/keys") == path
    assert snapshot_path("postgresql://admin@db.example.org:6543/other") != path
    assert snapshot_path("postgresql://someone@db.example.org:6543/keys") != path
    loaded = snapshot.load()
    assert loaded is not None and loaded.server == "postgresql://admin:***@db.example.org:6543/keys"


def test_postgres_and_postgresql_urls_share_one_snapshot() -> None:
    assert snapshot_path("postgres://u:pw@Example.org/db") == snapshot_path(
        "postgresql://u@example.org:5432/db"
    )
    assert snapshot_path("mariadb://root@h/db") == snapshot_path("mysql://root@h:3306/db")
    assert snapshot_path("mysql://root@h/db") != snapshot_path("postgresql://root@h/db")


def _rows(count: int) -> list[KeyRow]:
    base = datetime(2026, 1, 1, 12, 0, 0)
    return [
        KeyRow(
            f"kd_{index:08d}",
            f"calm-otter-{index}",
            f"key {index}",
            f"user{index % 50}@example.com",
            ("standard", "admin", "project")[index % 3],
            base + timedelta(seconds=index),
            None if index % 2 else base + timedelta(days=30),
            index % 7 == 0,
            None if index % 3 else base + timedelta(hours=1),
            index % 5 == 0,
        )
        for index in range(count)
    ]


def test_snapshot_save_replaces_everything_in_bulk() -> None:
    url = "postgresql://postgres@127.0.0.1:5432/bulk"
    snapshot = Snapshot(url)
    assert not snapshot.exists() and snapshot.load() is None

    rows = _rows(100_000)
    models = {row.prefix: ["alfred-4"] for row in rows[::10]}
    people = [UserInfo(f"user{i}@example.com", f"User {i}", i % 9 != 0) for i in range(50)]
    as_of = datetime(2026, 1, 2, 3, 4, 5)
    assert snapshot.save(iter(rows), models, people, as_of) == 100_000

    loaded = snapshot.load()
    assert loaded is not None
    assert loaded.rows == rows
    assert loaded.models == models
    assert [(u.email, u.display_name, u.active) for u in loaded.users] == sorted(
        (u.email, u.display_name, u.active) for u in people
    )
    assert sum(u.key_count for u in loaded.users) == 100_000
    assert loaded.as_of == as_of

    snapshot.save(rows[:3], {}, people[:1], as_of + timedelta(hours=1))
    smaller = snapshot.load()
    assert smaller is not None
    assert smaller.rows == rows[:3] and smaller.models == {} and len(smaller.users) == 1


def test_a_damaged_snapshot_counts_as_none_and_is_replaced_on_save() -> None:
    url = "mysql://root@127.0.0.1:3306/damaged"
    snapshot = Snapshot(url)
    snapshot.path.parent.mkdir(parents=True)
    snapshot.path.write_bytes(b"this is not a database" * 100)

    assert snapshot.load() is None and not snapshot.exists()
    snapshot.save(_rows(2), {}, [], datetime(2026, 1, 1))
    loaded = snapshot.load()
    assert loaded is not None and loaded.rows == _rows(2)


@pytest.mark.parametrize("url", ["sqlite:///keys.db", "not a url"])
def test_only_server_urls_get_a_snapshot(url: str) -> None:
    session = OfflineSession(url)
    assert not session.offline_capable
    assert session.snapshot is None and session.queue is None
    assert session.offline_data() is None


def test_an_sqlite_session_opens_the_file_and_revokes_directly(sqlite_url: str) -> None:
    connection.open_database(sqlite_url)
    users.add_user("carol@example.com")
    key = create_key(NewKey(name="local", user="carol@example.com"))
    connection.close_database()

    session = OfflineSession(sqlite_url)
    started = session.start()
    assert started.online and started.data is not None
    assert [row.prefix for row in started.data.rows] == [key.prefix]
    outcome = session.revoke([key.prefix])
    assert outcome.revoked == (key.prefix,) and outcome.queued == ()
    assert not snapshot_folder().exists()


def test_copy_answers_details_history_audit_users_and_catalog(
    seeded: Seeded, make_session: Callable[..., OfflineSession], server: Server
) -> None:
    session = make_session()
    session.start()
    copy = session.offline_copy()
    assert copy is not None and copy.as_of == session.as_of
    billing = seeded.prefixes[0]

    detail = copy.key_detail(billing)
    assert (detail.name, detail.user, detail.user_display_name) == (
        "billing", "alice@example.com", "Alice Admin",
    )  # fmt: skip
    assert sorted(detail.models) == ["alfred-4", "bertha-2"]
    with pytest.raises(NotFound):
        copy.key_detail("kd_nothere0")

    history = copy.history(billing, 10)
    assert [entry.action for entry in history] == ["create"]
    assert history[0].fields["name"]["after"] == "billing"
    everything = copy.audit(limit=100)
    assert len(everything) == server.audit_count()
    assert everything == sorted(everything, key=lambda e: e.at, reverse=True)
    assert {e.key_prefix for e in copy.audit(key_contains=billing.upper(), limit=100)} == {billing}
    assert copy.audit(operator="nobody", limit=100) == []
    assert copy.operators() == sorted({e.operator for e in everything})

    assert [(u.email, u.key_count) for u in copy.users()] == [
        ("alice@example.com", 2), ("bob@example.com", 1),
    ]  # fmt: skip
    assert copy.catalog() == (["alfred-4", "bertha-2"], [])


def test_copy_keeps_the_recent_events_only(
    seeded: Seeded, make_session: Callable[..., OfflineSession], server: Server
) -> None:
    """Of the newest RECENT_LIMIT events recorded, those of the last RECENT_DAYS are
    kept; older ones stay on the server."""
    connection.open_database(seeded.url)
    old = utcnow() - timedelta(days=audit.RECENT_DAYS + 1)
    audit.record("edit", key_prefix="kd_oldevent", at=old)  # the trail is append-only
    session = make_session()
    session.start()
    copy = session.offline_copy()
    assert copy is not None
    assert copy.history("kd_oldevent", 10) == []
    assert len(copy.history(seeded.prefixes[1], 10)) == 1
    assert copy.event_count() == server.audit_count() - 1

    connection.open_database(seeded.url)
    # The newest 3 recorded are the last two keys' creations and the old edit.
    kept = list(audit.recent_events(utcnow(), limit=3))
    assert [row[4] for row in kept] == seeded.prefixes[1:]


def test_a_copy_of_the_previous_format_still_shows_its_keys() -> None:
    """A copy saved before the catalog and the audit events were kept (format 1) is
    still read: its keys and users, with empty history and catalog, until the next save."""
    url = "postgresql://postgres@127.0.0.1:5432/older"
    snapshot = Snapshot(url)
    users_kept = [UserInfo("user0@example.com", "User Zero", True, 0)]
    snapshot.save(_rows(3), {"kd_00000000": ["alfred-4"]}, users_kept, datetime(2026, 1, 1))
    db = sqlite3.connect(snapshot.path)
    db.executescript("DROP TABLE audit_event; DROP TABLE catalog; PRAGMA user_version = 1;")
    db.close()

    loaded = snapshot.load()
    assert loaded is not None and len(loaded.rows) == 3
    copy = OfflineCopy(snapshot, loaded.as_of)
    assert copy.key_detail("kd_00000000").models == ("alfred-4",)
    assert copy.history("kd_00000000", 10) == [] and copy.audit(limit=10) == []
    assert copy.catalog() == ([], [])
    assert [user.email for user in copy.users()] == ["user0@example.com"]
