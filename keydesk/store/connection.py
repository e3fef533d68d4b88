"""One database proxy for the whole process, bound by :func:`open_database`.

``open_database(url)`` connects through ``playhouse.db_url``, checks that the target
really is a keydesk database (or an empty one), refuses a schema newer than this
app without touching it, and applies pending migrations. Every failure a user can
cause becomes a :class:`keydesk.errors.DatabaseError` with one clear sentence.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit
from weakref import WeakKeyDictionary

import peewee
from playhouse import db_url
from playhouse.migrations import Runner

from keydesk.errors import (
    AuthenticationFailed,
    BadDatabaseUrl,
    DatabaseError,
    DatabaseGone,
    DatabaseUnavailable,
    DiskFull,
    DriverMissing,
    NotADatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    sentence,
)

log = logging.getLogger(__name__)

database = peewee.DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HISTORY_TABLE = "schema_migration"
#: Every key prefix ever issued (migration 0006), kept by triggers, never a model.
ISSUED_TABLE = "issued_prefix"
# Applied on every connection. WAL is not among them: switching the journal mode rewrites
# the file header, so it is set by _migrate only once the file is known to be ours.
SQLITE_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000}
SCHEMES = {
    "sqlite": "sqlite",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}
SQLITE_NOTADB = 26  # "file is not a database"
SERVER_TIMEOUTS: dict[str, dict[str, object]] = {
    "postgresql": {
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    },
    "mysql": {"connect_timeout": 5, "read_timeout": 30, "write_timeout": 30},
}
#: MySQL/MariaDB error codes of a refused login (access denied, to the server or database).
_MYSQL_LOGIN_CODES = (1044, 1045, 1698)


def _login_refused(error: BaseException) -> bool:
    """Whether the server answered and refused the login (as opposed to being out of
    reach). PostgreSQL reports it before any SQLSTATE is available, so by its text."""
    cause = error.__cause__ or error.__context__ or error
    args = getattr(cause, "args", ())
    if args and isinstance(args[0], int):
        return args[0] in _MYSQL_LOGIN_CODES
    text = str(cause)
    return (
        "password authentication failed" in text
        or "no password supplied" in text
        or "pg_hba.conf" in text
        or ('role "' in text and "does not exist" in text)
    )


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, safe to show or log.

    Not through urlsplit alone: a password with an unencoded ``/``, ``#`` or ``?`` ends
    the URL's authority early, so part of it would be left as "path". Everything between
    ``scheme://`` and the last ``@`` is the user part, whatever it holds.
    """
    scheme, separator, rest = url.partition("://")
    if not separator or "@" not in rest:
        return url
    userinfo, _, host_and_more = rest.rpartition("@")
    user, colon, _password = userinfo.partition(":")
    if not colon:
        return url
    return f"{scheme}://{user}:***@{host_and_more}"


def _has_password(url: str) -> bool:
    return redact_url(url) != url


def _url_problem(url: str, error: BaseException) -> str:
    """Why a URL could not be read, without anything of its password: a parser's message
    may quote a piece of it (a password with ``/`` in it reads as a port or a path)."""
    if _has_password(url):
        return (
            "check the host and port, and percent-encode special characters in the "
            "password (%2F for /, %23 for #, %3F for ?, %40 for @, %25 for %)"
        )
    return _first_line(error)


def sqlite_path(url: str) -> Path | None:
    """The file behind an ``sqlite:///`` URL, or None for an in-memory database."""
    path = url.split("://", 1)[1]
    path = path[1:] if path.startswith("/") else path  # sqlite:///rel.db, sqlite:////abs.db
    if url.startswith("sqlite:////"):
        path = "/" + path.lstrip("/")
    path = path.split("?", 1)[0]
    if path in ("", ":memory:"):
        return None
    return Path(path)


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabase(
            sentence("Database", "{path} is a folder, not a database file.").format(path=str(path))
        )
    if not path.parent.is_dir():
        raise DatabaseUnavailable(
            sentence("Database", "The folder {path} does not exist.").format(path=str(path.parent))
        )
    if path.exists() and path.stat().st_size > 0 and not _is_sqlite(path):
        raise NotADatabase(
            sentence("Database", "{path} is not a database file (it is not SQLite).").format(
                path=str(path)
            )
        )


def _is_sqlite(path: Path) -> bool:
    """Whether SQLite recognises ``path`` as a database, asked of SQLite itself, read-only
    and without touching anything beside it.

    Not with a Python file handle: fcntl locks belong to the process, so closing any
    handle on a database this process has open drops every lock SQLite holds on it.
    Another process then takes itself for the last one, deletes the write-ahead log on
    close, and this process reads a stale copy for good (tests/store/test_sqlite_locks.py).
    """
    try:
        # immutable: a header announcing write-ahead logging must not make the probe
        # create -wal and -shm files beside a file it then refuses.
        probe = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return True  # unreadable for another reason: opening it says why
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
        return code != SQLITE_NOTADB if code is not None else "not a database" not in str(error)
    finally:
        probe.close()
    return True


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(".") if text else type(error).__name__


def build_database(url: str) -> peewee.Database:
    """A Peewee database for ``url``, not yet connected (checks the URL, the driver and,
    for SQLite, that the file can be ours)."""
    url = url.strip()
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    kind = SCHEMES.get(scheme)
    if kind is None:
        raise BadDatabaseUrl(
            f"{redact_url(url)!r} is not a database URL keydesk can use: write "
            "sqlite:///path/to/file.db, postgresql://user@host:port/db or "
            "mysql://user@host:port/db."
        )
    url = kind + url[len(scheme) :]
    params: dict[str, object] = {}
    if kind == "sqlite":
        path = sqlite_path(url)
        if path is None:  # an in-memory database: everything written would be lost at exit
            raise BadDatabaseUrl(
                f"{url!r} names no database file: write sqlite:///path/to/keydesk.db."
            )
        _check_sqlite_file(path)
        params["pragmas"] = SQLITE_PRAGMAS
    elif kind == "mysql":
        params["charset"] = "utf8mb4"
    try:
        given = set(db_url.parse(url)) if kind != "sqlite" else set()
    except ValueError as error:
        raise BadDatabaseUrl(
            f"{redact_url(url)!r} is not a usable database URL: {_url_problem(url, error)}."
        ) from None
    for name, value in SERVER_TIMEOUTS.get(kind, {}).items():
        if name not in given:  # a silently dropped network must not hang the app for minutes
            params[name] = value
    try:
        db: peewee.Database = db_url.connect(
            url, unquote_password=True, unquote_user=True, **params
        )
    except (ValueError, RuntimeError, TypeError) as error:
        raise BadDatabaseUrl(
            f"{redact_url(url)!r} is not a usable database URL: {_url_problem(url, error)}."
        ) from None
    except ImportError:
        raise _driver_missing(kind) from None
    if "passwd" in db.connect_params:  # playhouse.db_url's name, deprecated by PyMySQL
        db.connect_params["password"] = db.connect_params.pop("passwd")
    _URL_PARAMETERS[db] = tuple(dict.fromkeys(name for name, _ in parse_qsl(urlsplit(url).query)))
    return db


#: The query parameters' names of each database's URL, for a message when the driver
#: refuses one (its values may hold a password: never shown).
_URL_PARAMETERS: WeakKeyDictionary[peewee.Database, tuple[str, ...]] = WeakKeyDictionary()


def _driver_missing(kind: str) -> DriverMissing:
    driver = "psycopg2-binary" if kind == "postgresql" else "PyMySQL"
    return DriverMissing(
        sentence("Database", "The {kind} driver is not installed: pip install {driver}.").format(
            kind=kind, driver=driver
        )
    )


def _kind(db: peewee.Database) -> str:
    if isinstance(db, peewee.SqliteDatabase):
        return "sqlite"
    return "postgresql" if isinstance(db, peewee.PostgresqlDatabase) else "mysql"


def describe(db: peewee.Database) -> str:
    """Where ``db`` lives, for messages: ``file /path/keydesk.db`` or ``database 'test' on
    host:port`` (never a password)."""
    if isinstance(db, peewee.SqliteDatabase):
        return sentence("Database", "file {path}").format(path=db.database)
    where = str(db.connect_params.get("host") or "localhost")
    if db.connect_params.get("port"):
        where += f":{db.connect_params['port']}"
    if not db.database:
        return where
    return sentence("Database", "database {name} on {host}").format(
        name=repr(db.database), host=where
    )


def probe(db: peewee.Database) -> None:
    """Connect ``db`` (in this thread) and make one round trip, or raise the
    :class:`~keydesk.errors.DatabaseError` that says why not in one sentence."""
    kind = _kind(db)
    try:
        if db.is_closed():
            db.connect()
        # On SQLite, read the schema: a file with a valid header but damaged pages fails here.
        query = "SELECT count(*) FROM sqlite_master" if kind == "sqlite" else "SELECT 1"
        db.execute_sql(query)  # type: ignore[no-untyped-call]
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        db.close()
        from keydesk.store import faults  # it reads describe() and database from here

        explained = faults.explain(error, db)
        if kind == "sqlite" and isinstance(explained, (DiskFull, ReadOnlyDatabase)):
            raise explained from None
        if kind == "sqlite":
            raise NotADatabase(
                sentence("Database", "{path} cannot be opened as a database: {reason}.").format(
                    path=db.database, reason=_first_line(error)
                )
            ) from None
        if _login_refused(error):
            raise AuthenticationFailed(
                sentence("Database", "The {where} refused the login: {reason}.").format(
                    where=describe(db), reason=_first_line(error)
                )
            ) from None
        raise DatabaseUnavailable(
            sentence("Database", "Cannot connect to the {where}: {reason}.").format(
                where=describe(db), reason=_first_line(error)
            )
        ) from None
    except (ImportError, peewee.ImproperlyConfigured):  # Peewee's word for a missing driver
        raise _driver_missing(kind) from None
    except (TypeError, ValueError):  # the driver refused a parameter given in the URL
        db.close()
        raise BadDatabaseUrl(
            sentence(
                "Database",
                "The database URL's parameters could not be used ({names}): check their names "
                "and values, e.g. ?connect_timeout=5.",
            ).format(names=_parameter_names(db))
        ) from None


def _parameter_names(db: peewee.Database) -> str:
    """The names (never the values) of the parameters in the URL ``db`` was built from."""
    names = _URL_PARAMETERS.get(db, ())
    return ", ".join(repr(name[:30]) for name in names[:5]) or "none given"


def connect(url: str) -> peewee.Database:
    """Build and connect a Peewee database for ``url`` (no schema work)."""
    db = build_database(url)
    probe(db)
    return db


def _migrate(db: peewee.Database, where: str) -> list[str]:
    tables = set(db.get_tables())
    if tables and HISTORY_TABLE not in tables:
        raise NotADatabase(
            sentence(
                "Database",
                "The {where} already holds other tables and is not a keydesk database; "
                "keydesk left it untouched.",
            ).format(where=where)
        )
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    known = {migration.name for migration in runner.migrations()}
    done = set(runner.applied())
    unknown = sorted(done - known)
    if unknown:
        raise SchemaTooNew(
            sentence(
                "Database",
                "The {where} was upgraded by a newer keydesk (schema {schema}), so it was "
                "left unchanged: update keydesk to open it.",
            ).format(where=where, schema=unknown[-1])
        )
    if isinstance(db, peewee.SqliteDatabase):
        db.execute_sql("PRAGMA journal_mode=wal")  # type: ignore[no-untyped-call]  # persistent
    if tables and not known - done:
        return []  # up to date: no DDL at all, so a role without CREATE rights can open it
    applied: list[str] = runner.up()
    for name in applied:
        log.info("applied migration %s", name)
    return applied


def prepare_schema(db: peewee.Database) -> list[str]:
    """Check that ``db`` (connected) is a keydesk database or an empty one, refuse a schema
    newer than this app without touching it, and apply pending migrations; returns their
    names. Raises :class:`~keydesk.errors.DatabaseError` subclasses only."""
    from keydesk.store import faults  # it reads describe() and database from here

    where = describe(db)
    try:
        return _migrate(db, where)
    except DatabaseError:
        raise
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        explained = faults.explain(error, db)
        if isinstance(explained, ReadOnlyDatabase):
            raise ReadOnlyDatabase(
                sentence(
                    "Database",
                    "The {where} is read-only here and was made by an older keydesk: open it "
                    "once with write access so that this keydesk can upgrade it.",
                ).format(where=where)
            ) from None
        if isinstance(explained, DatabaseError):
            raise explained from None
        raise DatabaseUnavailable(
            sentence("Database", "The {where} could not be prepared: {reason}.").format(
                where=where, reason=_first_line(error)
            )
        ) from None


def open_database(url: str) -> peewee.Database:
    """Connect to ``url``, bring its schema up to date and bind it to :data:`database`."""
    db = connect(url)
    try:
        prepare_schema(db)
    except DatabaseError:
        db.close()
        raise
    if database.obj is not None and database.obj is not db:
        database.obj.close()
    database.initialize(db)
    remember_file(db)
    return db


def write_transaction() -> Any:
    """A transaction for a change: on SQLite it takes the write lock at BEGIN
    (IMMEDIATE), so two desks editing at once queue on the busy timeout instead of one
    failing with "database is locked" when it upgrades a read to a write; and it first
    checks that the file is still the one opened (:func:`_check_same_file`)."""
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase) and not db.in_transaction():
        return _sqlite_write(db)
    return database.atomic()


@dataclass(frozen=True)
class _FileIdentity:
    """What says an SQLite file is still the one this process opened: its device and
    inode, and the newest audit event seen in it (the trail is append-only, so that
    row never changes or goes away in the same database)."""

    device: int
    inode: int
    last_event: tuple[Any, ...] | None


#: By file path, the identity each SQLite database had when this process last wrote it.
_files: dict[str, _FileIdentity] = {}
_LAST_EVENT = "SELECT id, at, action, key_prefix FROM audit_event ORDER BY id DESC LIMIT 1"
_EVENT = "SELECT id, at, action, key_prefix FROM audit_event WHERE id = ?"


@contextmanager
def _sqlite_write(db: peewee.SqliteDatabase) -> Iterator[None]:
    with db.atomic(lock_type="IMMEDIATE"):
        _check_same_file(db)
        yield
    remember_file(db)


def remember_file(db: peewee.Database) -> None:
    """Take ``db``'s file as it is now for the one this process works on (after opening
    it, after each write, and after this process rebuilt it on purpose)."""
    if not isinstance(db, peewee.SqliteDatabase):
        return
    try:
        status = os.stat(db.database)
        last = db.execute_sql(_LAST_EVENT).fetchone()  # type: ignore[no-untyped-call]
    except (OSError, peewee.DatabaseError):
        return  # the next write's check says what is wrong
    _files[db.database] = _FileIdentity(status.st_dev, status.st_ino, last)


def _check_same_file(db: peewee.SqliteDatabase) -> None:
    """Refuse a change (:class:`~keydesk.errors.DatabaseGone`) when the file was deleted,
    moved, replaced or overwritten since this process last wrote it: SQLite would go on
    writing into the old, unlinked file, or mix this session's pages into another
    database, and report success."""
    path = db.database
    try:
        status = os.stat(path)
        known = _files.get(path)
        if known is not None and status.st_ino != known.inode and status.st_size == 0:
            raise FileNotFoundError  # only an empty file, made by a reconnect since
    except FileNotFoundError:
        raise DatabaseGone(
            sentence(
                "Database",
                "The file {path} was deleted or moved while keydesk had it open, so nothing "
                "was changed: open it again, or restore it, to go on.",
            ).format(path=path)
        ) from None
    if known is None:
        return
    if (status.st_dev, status.st_ino) != (known.device, known.inode):
        raise DatabaseGone(
            sentence(
                "Database",
                "The file {path} was replaced by another file while keydesk had it open, so "
                "nothing was changed: open it again to work on the new file.",
            ).format(path=path)
        )
    if known.last_event is not None:
        now = db.execute_sql(_EVENT, (known.last_event[0],)).fetchone()  # type: ignore[no-untyped-call]
        if now != known.last_event:
            raise DatabaseGone(
                sentence(
                    "Database",
                    "The file {path} was overwritten with another copy while keydesk had it "
                    "open, and changes made here are missing from it, so nothing was changed: "
                    "open it again to go on.",
                ).format(path=path)
            )


def close_database() -> None:
    if database.obj is not None:
        database.close()


def database_user() -> str | None:
    """The user name the current connection logs in as (None for SQLite)."""
    db = database.obj
    if db is None or isinstance(db, peewee.SqliteDatabase):
        return None
    user = db.connect_params.get("user")
    return str(user) if user else None


def is_bound() -> bool:
    return database.obj is not None
