"""The local, read-only copy of a server's key metadata, for working offline.

While the server answers, the caller saves what it just read (:meth:`Snapshot.save`);
when it does not, keydesk shows :meth:`Snapshot.load` instead, labelled with its time.
The snapshot holds the columns of the keys table (:class:`~keydesk.services.keys.KeyRow`),
each key's permitted models, the users (email, display name, active), the model and
skill catalog, the recent audit events (:func:`~keydesk.services.audit.recent_events`)
and when it was taken. It never holds a secret hash: only the fields named here are ever
written, and audit events never carry secrets (the audit refuses them). What the copy
answers beyond the keys table is read through :mod:`keydesk.offline.copy`.

One file per server (see :mod:`keydesk.offline.local`). A save builds a complete new
file next to it and renames it over the old one, so a reader sees either the previous
snapshot or the new one, never a mix; no page of an older snapshot survives in the new
file; and the build needs no journal, which keeps 100,000 rows to well under a second.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import peewee

from keydesk.offline.local import (
    ensure_private_file,
    execute,
    local_database,
    raw_cursor,
    snapshot_path,
)
from keydesk.services.audit import EVENT_COLUMNS
from keydesk.services.key_fields import FIELD_NAMES, KEY_FIELDS
from keydesk.services.keys import KeyRow
from keydesk.services.threads import wait_while_user_active
from keydesk.services.users import UserInfo
from keydesk.store.connection import redact_url

#: Every key's permitted models (prefix → names, keys without restrictions absent), or
#: a function giving them for a list of prefixes: asked a chunk at a time, a million
#: keys' models never sit in memory at once (~300 MB as one dict).
Models = Mapping[str, Sequence[str]] | Callable[[list[str]], Mapping[str, Sequence[str]]]
#: The catalog: the model names and the skill names.
Catalog = tuple[Sequence[str], Sequence[str]]

FORMAT_VERSION = 2  # PRAGMA user_version: a snapshot of another format counts as none
#: Formats whose keys can still be shown (version 1 had no catalog and no audit events).
READABLE_VERSIONS = (1, 2)
_CHUNK = 2_000  # rows per executemany: a few ms each, then the user goes first
_MODEL_SEPARATOR = "\x1f"  # ASCII unit separator: cannot occur in a catalog name
_STALE_TEMP_S = 3600  # leftovers of a save that was killed are removed after an hour

#: The key_row table holds every KeyRow field (KEY_FIELDS: times as ISO text, flags as
#: 0/1), then the key's models.
_KEY_COLUMNS = ", ".join((*FIELD_NAMES, "models"))
_SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE key_row (seq INTEGER PRIMARY KEY, "
    + "".join(f"{field.name} {field.snapshot_type}, " for field in KEY_FIELDS)
    + "models TEXT NOT NULL)",
    """CREATE TABLE snapshot_user (
        email TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        active INTEGER NOT NULL
    )""",
    "CREATE TABLE catalog (kind TEXT NOT NULL, name TEXT NOT NULL)",
    "CREATE TABLE audit_event (seq INTEGER PRIMARY KEY, "
    + ", ".join(f"{name} TEXT" for name in EVENT_COLUMNS)
    + ")",
)
#: Built once the rows are in (cheaper than keeping them up to date row by row): a key's
#: details and its history are found by prefix, the audit log is read newest first.
_INDEXES = (
    "CREATE INDEX key_row_prefix ON key_row (prefix)",
    "CREATE INDEX audit_event_key ON audit_event (key_prefix, at)",
    "CREATE INDEX audit_event_at ON audit_event (at)",
)
_EVENT_TIME = EVENT_COLUMNS.index("at")
_DATABASE_ERRORS = (peewee.DatabaseError, sqlite3.DatabaseError)


class UserLike(Protocol):
    """What the snapshot keeps of a user (``keydesk.services.users.UserInfo`` fits)."""

    @property
    def email(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def active(self) -> bool: ...


@dataclass(frozen=True)
class SnapshotData:
    """A loaded snapshot: rows in the server's order, each key's models (keys without
    models are absent, as in ``models_by_prefix``), the users with their key counts, as
    of ``as_of`` (naive UTC)."""

    rows: list[KeyRow]
    models: dict[str, list[str]]
    users: list[UserInfo]
    as_of: datetime
    server: str  # the server URL, password redacted


def _text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(sep=" ")


def _flag(value: object) -> int:
    return int(bool(value))


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


#: Per field, how its value is written to the snapshot and read back (None: as it is).
_TO_SNAPSHOT = tuple(
    _text if f.stored == "time" else _flag if f.stored == "flag" else None for f in KEY_FIELDS
)
_FROM_SNAPSHOT = tuple(
    _moment if f.stored == "time" else bool if f.stored == "flag" else None for f in KEY_FIELDS
)


def _converted(
    columns: Iterable[Sequence[Any]], converters: Sequence[Callable[[Any], Any] | None]
) -> list[Sequence[Any]]:
    """Each column of values through its converter, a column at a time (C-level maps)."""
    return [
        values if convert is None else list(map(convert, values))
        for convert, values in zip(converters, columns, strict=True)
    ]


def _event_row(event: Sequence[Any]) -> list[Any]:
    """An audit event as the copy stores it: its time as ISO text, the rest as text."""
    row = list(event)
    moment = row[_EVENT_TIME]
    row[_EVENT_TIME] = _text(moment) if isinstance(moment, datetime) else moment
    return row


def _chunks(items: Iterable[KeyRow]) -> Iterator[list[KeyRow]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def _fsync(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # some platforms cannot open a folder; the rename is still atomic
            return
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Snapshot:
    """The snapshot file of the server at ``url`` (``keydesk.config.data_dir()/snapshots``).

    Thread-safe: each call opens and closes its own connection, so any thread may save
    or load, and no thread keeps the file open between calls.
    """

    def __init__(self, url: str, path: Path | None = None) -> None:
        self.server = redact_url(url.strip())
        self.path = path or snapshot_path(url)

    def exists(self) -> bool:
        """Whether a complete snapshot of this server is on disk."""
        return self.as_of() is not None

    def as_of(self) -> datetime | None:
        """When the saved snapshot was taken, or None if there is none (cheap: one row)."""
        found = self._read("SELECT value FROM meta WHERE name = 'as_of'")
        if found is None or not found[0]:
            return None
        return datetime.fromisoformat(found[0][0][0])

    def save(
        self,
        rows: Iterable[KeyRow],
        models_by_prefix: Models,
        users: Iterable[UserLike],
        as_of: datetime,
        *,
        catalog: Catalog = ((), ()),
        events: Iterable[Sequence[Any]] = (),
    ) -> int:
        """Replace the snapshot with these rows, models, users, catalog and audit events
        (tuples of :data:`~keydesk.services.audit.EVENT_COLUMNS`, oldest first), taken at
        ``as_of`` (naive UTC); returns the number of key rows written.

        ``rows`` and ``events`` may be any iterables (generators over batches too): each
        is consumed once, in chunks, with ``executemany``. The new file is complete and
        on disk before it replaces the old one.
        """
        self._remove_stale_temps()
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        temp.unlink(missing_ok=True)
        ensure_private_file(temp)
        try:
            # Nobody else sees this file until the rename: no journal, no fsync per step.
            db = peewee.SqliteDatabase(
                str(temp), pragmas={"journal_mode": "off", "synchronous": "off"}
            )
            with db.connection_context():
                count = self._write(db, rows, models_by_prefix, users, as_of)
                events_kept = self._write_extras(db, catalog, events)
                execute(db, "INSERT INTO meta (name, value) VALUES ('event_count', ?)",
                        (str(events_kept),))  # fmt: skip
            _fsync(temp)
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync(self.path.parent, directory=True)
        return count

    def _write(
        self,
        db: peewee.SqliteDatabase,
        rows: Iterable[KeyRow],
        models_by_prefix: Models,
        users: Iterable[UserLike],
        as_of: datetime,
    ) -> int:
        for statement in _SCHEMA:
            execute(db, statement)
        execute(db, f"PRAGMA user_version = {FORMAT_VERSION}")
        join, no_models = _MODEL_SEPARATOR.join, ()
        count = 0
        if callable(models_by_prefix):
            lookup = models_by_prefix
        else:
            everything = models_by_prefix
            lookup = lambda _prefixes: everything  # noqa: E731
        with db.atomic():
            cursor = raw_cursor(db)
            for chunk in _chunks(rows):
                models = lookup([row.prefix for row in chunk])
                columns = _converted(zip(*chunk, strict=True), _TO_SNAPSHOT)
                columns.append([join(models.get(row.prefix, no_models)) for row in chunk])
                cursor.executemany(
                    f"INSERT INTO key_row ({_KEY_COLUMNS})"
                    f" VALUES ({', '.join('?' * (len(KEY_FIELDS) + 1))})",
                    list(zip(*columns, strict=True)),
                )
                count += len(chunk)
                wait_while_user_active()  # upkeep: the user's typing goes first
            cursor.executemany(
                "INSERT OR REPLACE INTO snapshot_user (email, display_name, active)"
                " VALUES (?, ?, ?)",
                [(u.email, u.display_name, int(bool(u.active))) for u in users],
            )
            cursor.executemany(
                "INSERT INTO meta (name, value) VALUES (?, ?)",
                [
                    ("as_of", _text(as_of.replace(microsecond=0))),
                    ("server", self.server),
                    ("key_count", str(count)),
                ],
            )
        return count

    def _write_extras(
        self, db: peewee.SqliteDatabase, catalog: Catalog, events: Iterable[Sequence[Any]]
    ) -> int:
        """The catalog, the audit events and the indexes; returns the events written."""
        models, skills = catalog
        count = 0
        with db.atomic():
            cursor = raw_cursor(db)
            cursor.executemany(
                "INSERT INTO catalog (kind, name) VALUES (?, ?)",
                [("model", name) for name in models] + [("skill", name) for name in skills],
            )
            insert = (
                f"INSERT INTO audit_event ({', '.join(EVENT_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
            )
            iterator = iter(events)
            while chunk := list(islice(iterator, _CHUNK)):
                cursor.executemany(insert, [_event_row(event) for event in chunk])
                count += len(chunk)
                wait_while_user_active()
            for statement in _INDEXES:
                execute(db, statement)
        return count

    def read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]] | None:
        """Every row of one query on the saved snapshot, None when there is none (or it
        cannot be read, or is of a format without the tables asked for)."""
        found = self._read((sql, params))
        return None if found is None else found[0]

    def load(self) -> SnapshotData | None:
        """The saved snapshot, or None when there is none (or it is unreadable)."""
        found = self._read(
            "SELECT name, value FROM meta",
            f"SELECT {_KEY_COLUMNS} FROM key_row ORDER BY seq",
            "SELECT email, display_name, active FROM snapshot_user ORDER BY email",
        )
        if found is None:
            return None
        meta_rows, raw_rows, raw_users = found
        meta = dict(meta_rows)
        if "as_of" not in meta:
            return None
        parse = datetime.fromisoformat
        count = len(KEY_FIELDS)
        fields = list(zip(*raw_rows, strict=True))[:count] or [()] * count
        rows = list(map(KeyRow._make, zip(*_converted(fields, _FROM_SNAPSHOT), strict=True)))
        models = {raw[0]: raw[count].split(_MODEL_SEPARATOR) for raw in raw_rows if raw[count]}
        key_counts: dict[str, int] = {}
        for row in rows:
            key_counts[row.user] = key_counts.get(row.user, 0) + 1
        users = [
            UserInfo(email, name, bool(active), key_counts.get(email, 0))
            for email, name, active in raw_users
        ]
        return SnapshotData(
            rows, models, users, parse(meta["as_of"]), meta.get("server", self.server)
        )

    def delete(self) -> None:
        """Remove the snapshot file (e.g. when the admin forgets a server)."""
        self.path.unlink(missing_ok=True)

    def _read(
        self, *queries: str | tuple[str, Sequence[object]]
    ) -> list[list[tuple[Any, ...]]] | None:
        """Every row of each query (SQL, or SQL and its parameters) on the saved snapshot,
        or None when there is none, it has another format, or it cannot be read (a damaged
        or foreign file is as good as no snapshot)."""
        if not self.path.exists():
            return None
        db = self._reader()
        try:
            with db.connection_context():
                if self._version(db) not in READABLE_VERSIONS:
                    return None
                return [
                    list(
                        execute(db, *((query, ()) if isinstance(query, str) else query)).fetchall()
                    )
                    for query in queries
                ]
        except _DATABASE_ERRORS:
            return None

    def _reader(self) -> peewee.SqliteDatabase:
        # The file is only ever replaced whole, never written in place: no journal needed.
        return local_database(self.path, journal_mode="delete")

    @staticmethod
    def _version(db: peewee.SqliteDatabase) -> int:
        return int(execute(db, "PRAGMA user_version").fetchone()[0])

    def _remove_stale_temps(self) -> None:
        """Delete the half-built files of saves that were killed long ago."""
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - _STALE_TEMP_S
        for leftover in self.path.parent.glob(f"{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
