"""What a failing machine, database or input means, in one sentence each.

A full disk, a read-only file, a lock held too long, a damaged file, a NUL character or
a date beyond the calendar reach keydesk as driver or Python errors, often wrapped by
Peewee and followed by a second error (SQLite's "cannot rollback - no transaction is
active" after a write failed for lack of space). :func:`explain` reads the whole chain
(SQLite's message, PostgreSQL's SQLSTATE, MySQL's error number, ``errno``) and returns
the keydesk error that says what happened, or None when it is none of these (a bug,
or a lost connection, which the offline machinery and the CLI tell apart themselves).

Used wherever such an error would otherwise reach a person as "failed unexpectedly":
opening a database, the command line, the desktop app's worker tasks.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator

import peewee

from keydesk.errors import (
    BadInput,
    DatabaseBusy,
    DatabaseError,
    DiskFull,
    KeydeskError,
    NotADatabase,
    ReadOnlyDatabase,
    sentence,
)
from keydesk.store.connection import database, describe

#: Below this much free space, an SQLite I/O failure is taken for a full disk.
LOW_SPACE = 1 << 20

_PG_STATES = {"53100": "full", "53400": "full", "25006": "read_only", "55P03": "busy"}
_MYSQL_ERRORS = {
    1021: "full",  # ER_DISK_FULL
    1114: "full",  # ER_RECORD_FILE_FULL: the table is full
    1290: "read_only",  # ER_OPTION_PREVENTS_STATEMENT: --read-only
    1792: "read_only",  # ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
    1836: "read_only",  # ER_READ_ONLY_MODE
    1205: "busy",  # ER_LOCK_WAIT_TIMEOUT
}
_SQLITE_MESSAGES = (
    ("database or disk is full", "full"),
    ("readonly database", "read_only"),
    ("database is locked", "busy"),
    ("database table is locked", "busy"),
    ("disk i/o error", "io"),
    ("database disk image is malformed", "damaged"),
    ("cannot rollback - no transaction is active", "aftermath"),
    ("cannot commit - no transaction is active", "aftermath"),
)
#: The order in which a chain's findings win: the cause before its aftermath.
_PRIORITY = ("full", "read_only", "busy", "damaged", "io", "nul", "overflow", "aftermath")
_MAX_CHAIN = 16


def explain(error: BaseException, db: peewee.Database | None = None) -> KeydeskError | None:
    """The keydesk error that says in one sentence what ``error`` means, or None.
    ``db`` is the database it happened on (the bound one unless given)."""
    if isinstance(error, KeydeskError):
        return error
    db = db if db is not None else database.obj
    sqlite = isinstance(db, peewee.SqliteDatabase)
    found = {kind for link in error_chain(error) if (kind := _kind_of(link, sqlite)) is not None}
    for kind in _PRIORITY:
        if kind in found:
            return _sentence(kind, db)
    return None


def error_chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, the driver error Peewee wraps in its first argument, and every cause
    and context, each once (also how the offline machinery finds a lost connection)."""
    seen: set[int] = set()
    todo = [error]
    while todo and len(seen) < _MAX_CHAIN:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = current.args[0] if current.args else None
        for nxt in (wrapped, current.__cause__, current.__context__):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def _kind_of(error: BaseException, sqlite: bool) -> str | None:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return "read_only"
    if isinstance(error, sqlite3.Error) or (isinstance(error, peewee.DatabaseError) and sqlite):
        text = str(error).lower()
        for message, kind in _SQLITE_MESSAGES:
            if message in text:
                return kind
    psycopg2 = sys.modules.get("psycopg2")
    if psycopg2 is not None and isinstance(error, psycopg2.Error):
        return _PG_STATES.get(getattr(error, "pgcode", None) or "")
    pymysql = sys.modules.get("pymysql")
    if pymysql is not None and isinstance(error, pymysql.err.Error):
        code = error.args[0] if error.args else None
        if code == 3 and "errno: 28" in str(error):  # "Error writing file ... (Errcode: 28)"
            return "full"
        return _MYSQL_ERRORS.get(code) if isinstance(code, int) else None
    if isinstance(error, ValueError) and "NUL" in str(error):  # psycopg2's own check
        return "nul"
    if isinstance(error, OverflowError):
        return "overflow"
    return None


def _low_on_space(db: peewee.Database | None) -> bool:
    """Whether ``db``, an SQLite file, sits on a (nearly) full disk."""
    if not isinstance(db, peewee.SqliteDatabase):
        return False
    try:
        folder = os.path.dirname(os.path.abspath(db.database))
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def _sentence(kind: str, db: peewee.Database | None) -> KeydeskError | None:
    where = describe(db) if db is not None else sentence("Database", "database")
    if kind in ("io", "aftermath") and _low_on_space(db):
        kind = "full"
    if kind == "full":
        if db is None or isinstance(db, peewee.SqliteDatabase):
            return DiskFull(
                sentence(
                    "Database",
                    "The disk holding the {where} is full, so nothing was changed: free some "
                    "space and try again.",
                ).format(where=where)
            )
        return DiskFull(
            sentence(
                "Database",
                "The disk of the {where} is full, so nothing was changed: its administrator "
                "must free some space.",
            ).format(where=where)
        )
    if kind == "read_only":
        return ReadOnlyDatabase(
            sentence(
                "Database",
                "The {where} is read-only here, so nothing was changed: keydesk can show it "
                "but not change it.",
            ).format(where=where)
        )
    if kind == "busy":
        return DatabaseBusy(
            sentence(
                "Database",
                "The {where} is busy with another desk's long change, so nothing was changed "
                "here: try again in a moment.",
            ).format(where=where)
        )
    if kind == "damaged":
        return NotADatabase(
            sentence(
                "Database",
                "The {where} is damaged (its pages do not read back as a database): restore "
                "it from a backup.",
            ).format(where=where)
        )
    if kind == "io":
        return DatabaseError(
            sentence(
                "Database",
                "The {where} could not be read or written (a disk I/O error): the disk may be "
                "failing, or the file was removed.",
            ).format(where=where)
        )
    if kind == "nul":
        return BadInput(
            sentence("Database", "Text with a NUL character (\\x00) cannot be stored or searched.")
        )
    if kind == "overflow":
        return BadInput(
            sentence(
                "Database",
                "That date lies beyond the calendar keydesk can store (years 1 to 9999).",
            )
        )
    return None
