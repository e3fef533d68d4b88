"""Opening a database: what is not a keydesk database is refused in one sentence and left
as it was; SQLite runs in WAL mode with foreign keys on."""

from __future__ import annotations

import hashlib
import os
import random
import re
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from keydesk.errors import (
    AuthenticationFailed,
    BadDatabaseUrl,
    DatabaseError,
    DatabaseUnavailable,
    NotADatabase,
)
from keydesk.store import connection
from keydesk.store.connection import connect, open_database, redact_url


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and "Traceback" not in message


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(8192),
        b"just some notes\nnothing to see\n",
        b"SQLite format 3\x00" + os.urandom(8192),  # the right header, then garbage
        # ... a header announcing write-ahead logging (bytes 18-19), then garbage
        b"SQLite format 3\x00\x10\x00\x02\x02" + random.Random(7).randbytes(8188),
    ],
    ids=["random bytes", "text file", "damaged sqlite", "damaged sqlite in WAL mode"],
)
def test_file_that_is_not_a_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = folder_state(tmp_path)
    with pytest.raises(NotADatabase) as refused:
        open_database(f"sqlite:///{path}")
    assert one_sentence(str(refused.value))
    assert str(path) in str(refused.value)
    assert folder_state(tmp_path) == before
    assert not connection.is_bound()


def test_folder_is_not_a_database(tmp_path):
    with pytest.raises(NotADatabase, match="folder") as refused:
        open_database(f"sqlite:///{tmp_path}")
    assert one_sentence(str(refused.value))
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_unavailable(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    with pytest.raises(DatabaseUnavailable, match="does not exist") as refused:
        open_database(f"sqlite:///{missing / 'keydesk.db'}")
    assert one_sentence(str(refused.value))
    assert not (tmp_path / "no").exists()


def test_sqlite_database_of_another_application_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    other.execute("INSERT INTO invoice (total) VALUES (12.5)")
    other.commit()
    other.close()
    before = folder_state(tmp_path)

    with pytest.raises(NotADatabase) as refused:
        open_database(f"sqlite:///{path}")
    assert one_sentence(str(refused.value))
    assert "untouched" in str(refused.value)
    assert folder_state(tmp_path) == before  # not even switched to WAL


@pytest.mark.empty_database
@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
def test_server_database_of_another_application_is_refused_untouched(db_url):
    raw = connect(db_url)
    raw.execute_sql("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total INTEGER)")
    raw.execute_sql("INSERT INTO invoice (id, total) VALUES (1, 12)")
    raw.close()

    with pytest.raises(NotADatabase) as refused:
        open_database(db_url)
    assert one_sentence(str(refused.value))
    raw = connect(db_url)
    assert raw.get_tables() == ["invoice"]
    assert raw.execute_sql("SELECT id, total FROM invoice").fetchall() in ([(1, 12)], ((1, 12),))
    raw.close()


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example.com/keys.db",
        "keydesk.db",
        "",
        "sqlite3:///keys.db",
        "http://admin:hunter2@example.com/db",
        "postgresql://admin:hunter2@db.example.com:notaport/keys",
    ],
)
def test_unusable_url_is_refused(url):
    with pytest.raises(BadDatabaseUrl) as refused:
        open_database(url)
    message = str(refused.value)
    assert one_sentence(message)
    assert "hunter2" not in message


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres@127.0.0.1:1/test",
        "mysql://root@127.0.0.1:1/test",
        "postgresql://u:hunter2@127.0.0.1:1/x",
        "mysql://u:hunter2@127.0.0.1:1/x",
        "postgres://u:hun%40ter2@127.0.0.1:1/x",
        "mariadb://u:hun%40ter2@127.0.0.1:1/x",
    ],
)
def test_unreachable_server_is_unavailable_and_the_password_stays_secret(url):
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(url)
    message = str(refused.value)
    assert one_sentence(message), message
    assert "127.0.0.1:1" in message
    for secret in ("hunter2", "hun%40ter2", "hun@ter2"):
        assert secret not in message


def test_redacted_url_hides_only_the_password():
    assert redact_url("postgresql://u:hunter2@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact_url("mysql://root@127.0.0.1:3306/test") == "mysql://root@127.0.0.1:3306/test"
    assert redact_url("sqlite:////tmp/k.db") == "sqlite:////tmp/k.db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db):
    db = connection.database
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    connection.close_database()
    db.connect()  # every new connection gets the pragmas again
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    header = Path(sqlite_db.removeprefix("sqlite:///")).read_bytes()[18:20]
    assert header == b"\x02\x02"  # WAL is recorded in the file itself


@pytest.mark.parametrize("db_url", ["mysql"], indirect=True)
def test_password_in_the_url_reaches_the_server(db_url):
    parts = urlsplit(db_url)
    database, user = parts.path.lstrip("/"), f"kd_{uuid.uuid4().hex[:10]}"
    admin = connect(db_url)
    admin.execute_sql(f"CREATE USER '{user}'@'%%' IDENTIFIED BY 'p@ss:w/rd'")
    admin.execute_sql(f"GRANT ALL ON `{database}`.* TO '{user}'@'%%'")
    try:
        host = f"{parts.hostname}:{parts.port or 3306}"
        url = f"mysql://{user}:{quote('p@ss:w/rd', safe='')}@{host}/{database}"
        open_database(url)
        assert connection.database_user() == user
        assert "invoice" not in connection.database.get_tables()
        connection.close_database()
        with pytest.raises(AuthenticationFailed) as refused:
            open_database(url.replace("p%40ss", "wrong"))
        assert "p@ss" not in str(refused.value) and "wrong" not in str(refused.value)
    finally:
        admin.execute_sql(f"DROP USER '{user}'@'%%'")
        admin.close()


@pytest.mark.parametrize(
    ("env", "template"),
    [
        ("KEYDESK_TEST_POSTGRES", "postgresql://kd_nobody_here@{host}:{port}/{db}"),
        ("KEYDESK_TEST_MYSQL", "mysql://kd_nobody_here:wrong@{host}:{port}/{db}"),
    ],
)
def test_a_refused_login_is_not_reported_as_an_unreachable_server(env: str, template: str) -> None:
    """Retrying cannot fix a wrong user or password, so it must not look like an outage."""
    base = os.environ.get(env, "")
    if not base:
        pytest.skip(f"{env} is not set")
    parts = urlsplit(base)
    url = template.format(host=parts.hostname, port=parts.port, db=parts.path.lstrip("/"))
    with pytest.raises(AuthenticationFailed, match="refused the login"):
        connection.open_database(url)


@pytest.mark.parametrize("env", ["KEYDESK_TEST_POSTGRES", "KEYDESK_TEST_MYSQL"])
def test_server_connections_get_timeouts_unless_the_url_sets_them(env: str) -> None:
    """A network that silently drops packets must not hang the app for minutes."""
    base = os.environ.get(env, "")
    if not base:
        pytest.skip(f"{env} is not set")
    db = connection.connect(base)
    assert db.connect_params["connect_timeout"] == 5
    db.close()
    db = connection.connect(base + "?connect_timeout=2")
    assert db.connect_params["connect_timeout"] == 2
    db.close()


@pytest.mark.parametrize(
    "password",
    ["pa/ss-w0rd", "pa#ss-w0rd", "pa?ss-w0rd", "p@ss-w0rd", "pa%ss-w0rd", "pa:ss/w#0?rd@x"],
)
@pytest.mark.parametrize("scheme", ["postgresql", "mysql"])
def test_no_message_holds_a_password_whatever_the_url_looks_like(scheme: str, password: str):
    url = f"{scheme}://admin:{password}@127.0.0.1:1/keydesk"
    with pytest.raises(DatabaseError) as refused:
        connection.open_database(url)
    message = str(refused.value)
    pieces = {password, *(part for part in re.split(r"[/#?@:%]", password) if len(part) >= 3)}
    assert not any(piece in message for piece in pieces), message
    assert "***" in connection.redact_url(url) and password not in connection.redact_url(url)


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite://", "sqlite:///:memory:", " sqlite:/// "])
def test_an_sqlite_url_without_a_file_is_refused(url: str):
    with pytest.raises(BadDatabaseUrl, match="names no database file"):
        connection.open_database(url)
