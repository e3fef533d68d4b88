"""A failing machine and input no driver can take get one sentence each, and lose nothing.

Tried through the command line in-process (what a person at a terminal sees, with the
exit code) and through the services: a write lock held longer than the busy wait, the
database file deleted, replaced or overwritten under a running process, a full disk, a
read-only file or server, dates beyond the calendar, URL parameters the driver refuses,
a missing driver, a connection killed mid-command, NUL characters on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee
import pytest

from keydesk.cli import main
from keydesk.errors import BadInput, DatabaseGone, ReadOnlyDatabase
from keydesk.services import users
from keydesk.store import connection, faults
from keydesk.store.models import User

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(url, *args)``: the CLI in-process, as a terminal shows it."""

    def call(url: str, *args: str) -> tuple[int, str, str]:
        code = main(["--db", url, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def said(err: str, *words: str) -> bool:
    """One line, no traceback, no "unexpectedly", and every word of ``words``."""
    return (
        err.count("\n") == 1
        and "Traceback" not in err
        and "unexpectedly" not in err
        and all(word in err for word in words)
    )


# --- a write lock held long (item 7) -------------------------------------------------------


@pytest.fixture
def held_lock(sqlite_url: str) -> Iterator[Callable[[float], threading.Thread]]:
    """``hold(seconds)`` takes SQLite's write lock in another connection for that long."""
    path = sqlite_url.removeprefix("sqlite:///")
    threads: list[threading.Thread] = []
    taken = threading.Event()

    def hold(seconds: float) -> threading.Thread:
        def work() -> None:
            other = sqlite3.connect(path, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            taken.set()
            threading.Event().wait(seconds)
            other.execute("ROLLBACK")
            other.close()

        thread = threading.Thread(target=work)
        thread.start()
        threads.append(thread)
        assert taken.wait(5)
        return thread

    yield hold
    for thread in threads:
        thread.join()


def test_a_change_waits_for_a_write_lock_within_the_busy_wait(
    sqlite_url: str, run: Run, held_lock: Callable[[float], threading.Thread]
) -> None:
    assert run(sqlite_url, "users", "add", "first@example.com")[0] == 0
    held_lock(1.0)
    code, out, err = run(sqlite_url, "users", "add", "second@example.com")
    assert (code, err) == (0, "") and "Added user second@example.com" in out


def test_a_lock_held_past_the_busy_wait_is_said_and_nothing_is_changed(
    sqlite_url: str,
    run: Run,
    held_lock: Callable[[float], threading.Thread],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(sqlite_url, "users", "add", "first@example.com")[0] == 0
    monkeypatch.setitem(connection.SQLITE_PRAGMAS, "busy_timeout", 100)
    held_lock(1.5)
    for args in (
        ("users", "add", "second@example.com"),
        ("models", "add", "alfred-4"),
        ("keys", "create", "--name", "n", "--user", "first@example.com", "--role", "standard"),
    ):
        code, out, err = run(sqlite_url, *args)
        assert code == 1 and out == ""
        assert said(err, "is busy with another desk's long change", "try again"), err
    monkeypatch.undo()
    code, out, _ = run(sqlite_url, "users", "list", "--json")
    assert code == 0 and "second@example.com" not in out


# --- the file deleted, replaced or overwritten under a running process (item 8) -------------


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_a_deleted_file_refuses_changes_instead_of_losing_them(sqlite_db: str) -> None:
    users.add_user("kept@example.com")
    path = Path(sqlite_db.removeprefix("sqlite:///"))
    _remove(path)
    for _ in range(2):  # and stays refused
        with pytest.raises(DatabaseGone, match="was deleted or moved while keydesk had it open"):
            users.add_user("lost@example.com")


def test_a_file_replaced_by_another_refuses_changes(sqlite_db: str, tmp_path: Path) -> None:
    users.add_user("here@example.com")
    path = Path(sqlite_db.removeprefix("sqlite:///"))
    other = tmp_path / "other.db"
    made = connection.connect(f"sqlite:///{other}")
    connection.prepare_schema(made)
    made.close()
    os.replace(other, path)  # a restore tool, a sync client or mv
    with pytest.raises(DatabaseGone, match="was replaced by another file"):
        users.add_user("lost@example.com")


def test_a_file_overwritten_with_an_older_copy_refuses_changes(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Written as the desktop app writes, one connection per job: the copy taken before
    the last change is copied over the file in place (same inode)."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    connection.open_database(sqlite_url)
    users.add_user("before@example.com")
    connection.database.close()
    shutil.copyfile(path, tmp_path / "backup.db")
    with connection.database.connection_context():
        users.add_user("after@example.com")
    inode = path.stat().st_ino
    shutil.copyfile(tmp_path / "backup.db", path)
    assert path.stat().st_ino == inode
    with (
        connection.database.connection_context(),
        pytest.raises(DatabaseGone, match="overwritten with another copy"),
    ):
        users.add_user("lost@example.com")


def test_a_database_emptied_on_purpose_by_the_benchmark_is_not_a_swapped_file(
    sqlite_db: str,
) -> None:
    from keydesk.bench.seed import empty_database

    users.add_user("before@example.com")
    empty_database()  # drops and rebuilds the tables: the remembered audit row is gone
    users.add_user("after@example.com")
    assert [user.email for user in users.list_users()] == ["after@example.com"]


def test_the_cli_says_the_file_is_gone(
    sqlite_url: str, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second command in the same process, as a long-lived script would run."""
    assert run(sqlite_url, "users", "add", "a@example.com")[0] == 0
    opened = connection.open_database
    path = Path(sqlite_url.removeprefix("sqlite:///"))

    def open_then_lose(url: str) -> peewee.Database:
        db = opened(url)
        _remove(path)
        return db

    monkeypatch.setattr("keydesk.store.connection.open_database", open_then_lose)
    code, _, err = run(sqlite_url, "users", "add", "b@example.com")
    assert code == 1 and said(err, "was deleted or moved"), err


# --- a full disk and read-only files or servers (item 9) ------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB file system (tmpfs), or skip where this process may not mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("a small file system cannot be mounted here (needs root)")
    try:
        yield mount
    finally:
        connection.close_database()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    try:
        with filler.open("wb", buffering=0) as out:
            while True:
                out.write(b"\0" * 4096)
    except OSError:  # no space left on device
        pass
    return filler


def test_a_full_disk_is_said_and_loses_nothing(small_disk: Path, run: Run) -> None:
    url = f"sqlite:///{small_disk / 'keydesk.db'}"
    assert run(url, "users", "add", "first@example.com")[0] == 0
    filler = _fill(small_disk)
    attempts = 0
    for n in range(40):  # until the write-ahead log can grow no more
        code, _, err = run(url, "users", "add", f"user{n}@example.com", "--name", "x" * 90)
        attempts += 1
        if code != 0:
            break
    assert code == 1 and said(err, "is full, so nothing was changed", "free some space"), err
    # Reading works while SQLite can make its shared-memory file, else says the same.
    code, out, err = run(url, "users", "list")
    assert (code == 0 and "first@example.com" in out) or said(err, "is full"), err
    filler.unlink()
    assert run(url, "users", "add", "later@example.com")[0] == 0
    code, out, _ = run(url, "users", "list")
    assert out.count("@example.com") == attempts + 1  # the failed add left nothing behind


def test_a_new_database_on_a_full_disk_is_said(small_disk: Path, run: Run) -> None:
    _fill(small_disk)
    code, _, err = run(f"sqlite:///{small_disk / 'new.db'}", "users", "list")
    assert code == 1 and said(err, "is full"), err


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """``freeze(path)`` makes a file read-only even for root (chattr +i), or skips."""
    frozen: list[Path] = []

    def freeze(path: Path) -> None:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here")
        frozen.append(path)

    yield freeze
    for path in frozen:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_read_only_file_can_be_read_and_says_why_it_cannot_be_changed(
    sqlite_url: str, run: Run, immutable: Callable[[Path], None]
) -> None:
    assert run(sqlite_url, "users", "add", "a@example.com")[0] == 0
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            immutable(Path(f"{path}{suffix}"))
    code, out, err = run(sqlite_url, "users", "list")
    assert code == 0 and "a@example.com" in out, err
    code, _, err = run(sqlite_url, "users", "add", "b@example.com")
    assert code == 1 and said(err, "read-only"), err


def test_a_read_only_file_of_an_older_keydesk_says_how_to_upgrade_it(
    sqlite_url: str, run: Run, immutable: Callable[[Path], None]
) -> None:
    assert run(sqlite_url, "users", "add", "a@example.com")[0] == 0
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM schema_migration WHERE name = '0006_append_only_trail'")
    raw.commit()
    raw.close()
    immutable(path)
    code, _, err = run(sqlite_url, "users", "list")
    assert code == 1 and said(err, "read-only", "open it once with write access"), err


@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
def test_a_read_only_server_session_is_said(db: str) -> None:
    users.add_user("a@example.com")
    if isinstance(connection.database.obj, peewee.PostgresqlDatabase):
        connection.database.execute_sql("SET default_transaction_read_only = on")
    else:
        connection.database.execute_sql("SET SESSION TRANSACTION READ ONLY")
    with pytest.raises(peewee.DatabaseError) as raised:
        users.add_user("b@example.com")
    explained = faults.explain(raised.value)
    assert isinstance(explained, ReadOnlyDatabase)
    assert str(explained).startswith("The database ") and "is read-only here" in str(explained)


# --- input no parser or driver takes (item 10) ----------------------------------------------


@pytest.mark.parametrize(
    "when",
    [
        "9999-12-31T23:00-05:00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:30+05:00",
        "0001-01-01T00:00:00+14:00",
        "0001-01-01",
        "9999-12-31T23:59:59.999999-00:01",
    ],
)
def test_dates_at_the_edges_of_the_calendar_get_a_sentence(
    sqlite_url: str, run: Run, when: str
) -> None:
    assert run(sqlite_url, "users", "add", "a@example.com")[0] == 0
    args = ("keys", "create", "--name", "n", "--user", "a@example.com", "--role", "standard")
    code, out, err = run(sqlite_url, *args, "--expires", when)
    assert code in (0, 2), err
    if code == 2:
        assert out == "" and said(err), err


@pytest.mark.parametrize(
    "query",
    ["bogus=1", "timeout=abc", "timeout=1&bogus=x&password=hunter2secret", "check_same_thread=2"],
)
def test_sqlite_url_parameters_the_driver_refuses_get_a_sentence(
    tmp_path: Path, run: Run, query: str
) -> None:
    code, _, err = run(f"sqlite:///{tmp_path / 'k.db'}?{query}", "users", "list")
    assert code in (0, 2), err
    if code == 2:
        assert said(err, "parameters could not be used") and "hunter2secret" not in err, err


@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
@pytest.mark.parametrize(
    "query", ["bogus=1", "port=abc", "read_timeout=-1", "connect_timeout=x&password=hunter2secret"]
)
def test_server_url_parameters_the_driver_refuses_get_a_sentence(
    db_url: str, run: Run, query: str
) -> None:
    code, _, err = run(f"{db_url}?{query}", "users", "list")
    assert code in (1, 2), err
    assert said(err) and "hunter2secret" not in err, err


def test_a_missing_driver_is_named_with_how_to_install_it(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['psycopg2'] = None\n"
        "sys.modules['pymysql'] = None\n"
        "from keydesk.cli import main\n"
        "sys.exit(main(['--db', sys.argv[1], 'users', 'list']))\n"
    )
    for url, driver in (
        ("postgresql://someone@127.0.0.1:5432/x", "pip install psycopg2-binary"),
        ("mysql://someone@127.0.0.1:3306/x", "pip install PyMySQL"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", script, url], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 1 and said(done.stderr, "driver is not installed", driver)


@pytest.mark.parametrize("db_url", ["postgres", "mysql"], indirect=True)
def test_a_connection_killed_mid_command_is_said(
    db_url: str, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(db_url, "users", "add", "a@example.com")[0] == 0
    listing = users.list_users

    def killed_midway() -> object:
        ours = connection.database.execute_sql(
            "SELECT pg_backend_pid()"
            if isinstance(connection.database.obj, peewee.PostgresqlDatabase)
            else "SELECT CONNECTION_ID()"
        ).fetchone()[0]
        killer = connection.connect(db_url)
        killer.execute_sql(
            "SELECT pg_terminate_backend(%s)"
            if isinstance(killer, peewee.PostgresqlDatabase)
            else "KILL %s",
            (ours,),
        )
        killer.close()
        return listing()

    monkeypatch.setattr(users, "list_users", killed_midway)
    code, out, err = run(db_url, "users", "list")
    assert code == 1 and out == ""
    assert said(err, "connection to the database was lost during the command"), err


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_nul_characters_on_postgresql_get_a_sentence(db: str, run: Run) -> None:
    users.add_user("a@example.com")
    for attempt in (
        lambda: users.get_user("a\x00@example.com"),
        lambda: User.select().where(User.display_name == "\x00").count(),
    ):
        with pytest.raises(ValueError) as raised:
            attempt()
        assert isinstance(faults.explain(raised.value), BadInput)
    connection.close_database()
    for args in (
        ("users", "add", "b\x00@example.com"),
        ("users", "rename", "a\x00@example.com", "--name", "x"),
        ("keys", "list", "--search", "\x00"),
        ("keys", "create", "--name", "n", "--user", "a\x00@example.com", "--role", "standard"),
        ("keys", "show", "kd_\x00"),
    ):
        code, _, err = run(db, *args)
        assert code in (0, 1, 2) and (code == 0 or said(err)), (args, err)
    code, out, err = run(db, "verify", "kd_\x00abc")  # a verdict, not an error
    assert (code, err) == (1, "") and "malformed" in out
