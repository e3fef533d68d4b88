"""The plaintext key exists once, in the result of create_key: it is never stored (not in
the database file, its WAL, any column of any table), never logged, never shown by repr()."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from keydesk import keyformat
from keydesk.services import keys, users
from keydesk.services.keys import CreatedKey, KeyChanges, NewKey
from keydesk.services.verify import Verifier
from keydesk.store import connection


def lifecycle(url: str, count: int = 4) -> list[CreatedKey]:
    """Keys created, verified (recording usage), edited and revoked: every write path."""
    from keydesk.services import catalog

    users.add_user("alice@example.com")
    users.add_user("bob@example.com")
    catalog.add_model("alfred-4")
    created = [
        keys.create_key(
            NewKey(name=f"key {i}", user="alice@example.com", models=["alfred-4"], opt_in=True)
        )
        for i in range(count)
    ]
    with Verifier(url) as verifier:
        for key in created:
            assert verifier.verify(key.key, "alfred-4").valid
            assert verifier.verify(key.key, "alfred-4").valid  # from memory
        assert verifier.flush()
    keys.edit_key(created[0].prefix, KeyChanges(name="renamed", user="bob@example.com"))
    keys.revoke_keys([created[1].prefix])
    return created


def needles(created: list[CreatedKey]) -> list[str]:
    """What must appear nowhere: each full key and each secret part (and its halves)."""
    found = []
    for key in created:
        secret = keyformat.parse_key(key.key).secret
        found += [key.key, secret, secret[:16], secret[16:]]
    return found


def test_sqlite_files_never_hold_a_secret(sqlite_db):
    created = lifecycle(sqlite_db)
    path = Path(sqlite_db.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()  # WAL mode: recent pages live here, not yet in the main file

    images = {"db": path.read_bytes(), "wal": wal.read_bytes()}
    connection.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    images["db after checkpoint"] = path.read_bytes()
    connection.close_database()
    images["db after close"] = path.read_bytes()

    assert created[-1].prefix.encode() in images["db after checkpoint"]  # the reading works
    for where, image in images.items():
        for needle in needles(created):
            assert needle.encode() not in image, f"a secret is in the {where} file"


def test_no_column_of_any_table_holds_a_secret(db):
    created = lifecycle(db)
    db_handle = connection.database.obj
    texts = []
    for table in db_handle.get_tables():
        quoted = db_handle.quote[0] + table + db_handle.quote[1]
        for row in db_handle.execute_sql(f"SELECT * FROM {quoted}").fetchall():
            texts += [
                value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else value
                for value in row
                if isinstance(value, (str, bytes, bytearray))
            ]
    assert any(created[-1].prefix in text for text in texts)  # the reading works
    for text in texts:
        for needle in needles(created):
            assert needle not in text


def test_logs_never_hold_a_secret(sqlite_db, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="peewee")
    created = lifecycle(sqlite_db)
    typo = created[0].key[:-1] + ("x" if created[0].key[-1] != "x" else "y")
    with Verifier(sqlite_db) as verifier:
        assert verifier.verify(typo).reason == "malformed"

    logged = caplog.text + "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert created[-1].prefix in logged  # peewee's SQL log was captured
    for needle in [*needles(created), typo, typo[-38:-6]]:
        assert needle not in logged


def test_repr_and_str_never_show_the_secret(monkeypatch):
    prepared = keys.prepare_secret()
    created = CreatedKey(
        key=keyformat.format_key(prepared.prefix, prepared.secret),
        prefix=prepared.prefix,
        unique_name="calm-otter-4821",
    )
    parsed = keyformat.parse_key(created.key)
    assert parsed == (prepared.prefix, prepared.secret)
    for shown in (prepared, created, parsed):
        for text in (repr(shown), str(shown), f"{shown}", f"{shown!r}", repr([shown])):
            assert prepared.prefix in text
            assert prepared.secret not in text
            assert prepared.secret_hash not in text
            assert created.key not in text
