"""Where the offline files live and how they are opened.

Each shared server gets its own pair of files under ``<data_dir>/snapshots/``, named by a
hash of the server's identity (scheme, user, host, port, database; never the password):

* ``<hash>.db`` — the read-only snapshot of the key metadata (:mod:`keydesk.offline.snapshot`);
* ``<hash>.queue.db`` — the durable queue of revocations made offline
  (:mod:`keydesk.offline.queue`).

They are separate files so that refreshing a large snapshot (a long write transaction on a
worker thread) never makes a revocation on the GUI thread wait for the file lock.

Both are opened through their own ``peewee.SqliteDatabase``, never through
:data:`keydesk.store.connection.database`, which stays bound to the server.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import peewee

from keydesk.config import data_dir
from keydesk.store.connection import SCHEMES, redact_url

SNAPSHOT_FOLDER = "snapshots"
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}
BUSY_TIMEOUT_MS = 5000


def server_kind(url: str) -> str | None:
    """``"postgresql"`` or ``"mysql"`` for a shared-server URL, None otherwise (SQLite,
    unreadable). Only shared servers can go offline: a local file has no connection to lose.
    """
    scheme = url.strip().split("://", 1)[0].lower() if "://" in url else ""
    kind = SCHEMES.get(scheme)
    return kind if kind in DEFAULT_PORTS else None


def server_identity(url: str) -> str:
    """The server URL reduced to what names its data: no password, no query, scheme and
    default port normalised, so ``postgres://u:pw@H/db`` and ``postgresql://u@h:5432/db``
    share one snapshot."""
    kind = server_kind(url)
    if kind is None:
        raise ValueError(f"{redact_url(url)!r} is not a PostgreSQL or MySQL URL.")
    parts = urlsplit(url.strip())
    host = (parts.hostname or "localhost").lower()
    port = parts.port or DEFAULT_PORTS[kind]
    user = parts.username or ""
    netloc = f"{user}@{host}:{port}" if user else f"{host}:{port}"
    return urlunsplit((kind, netloc, parts.path.rstrip("/") or "/", "", ""))


def file_stem(url: str) -> str:
    """The hashed file name stem for the server of ``url`` (no secret can be read back)."""
    return hashlib.sha256(server_identity(url).encode("utf-8")).hexdigest()[:24]


def snapshot_folder() -> Path:
    return data_dir() / SNAPSHOT_FOLDER


def snapshot_path(url: str) -> Path:
    return snapshot_folder() / f"{file_stem(url)}.db"


def queue_path(url: str) -> Path:
    return snapshot_folder() / f"{file_stem(url)}.queue.db"


def local_database(path: Path, *, journal_mode: str) -> peewee.SqliteDatabase:
    """A private, fsync-on-commit SQLite database at ``path`` (not yet connected).

    ``synchronous=FULL`` makes every commit durable before it returns, so what was
    committed survives the process being killed and the machine losing power.
    """
    return peewee.SqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": journal_mode,
            "synchronous": "full",
            "busy_timeout": BUSY_TIMEOUT_MS,
            "foreign_keys": 1,
        },
    )


def ensure_private_file(path: Path) -> None:
    """Create the folder (owner only) and make ``path`` readable by its owner only: the
    files hold who owns which key, which is nobody else's business on a shared machine."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def execute(db: peewee.SqliteDatabase, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
    """``db.execute_sql`` with its real type (Peewee's own is untyped)."""
    cursor: sqlite3.Cursor = db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
    return cursor


def raw_cursor(db: peewee.SqliteDatabase) -> sqlite3.Cursor:
    """A cursor of this thread's connection, for ``executemany`` inside ``db.atomic()``."""
    cursor: sqlite3.Cursor = db.cursor()  # type: ignore[no-untyped-call]
    return cursor
