"""Telling a lost server from other failures, retrying with back-off, and the sentence
that refuses a change while offline.

Only a lost or unreachable server makes keydesk go offline. A rule that said no, a
deadlock or a bug must still reach the person as what it is, so
:func:`is_connection_error` looks at the driver's own error (psycopg2's SQLSTATE, PyMySQL's
error number) under Peewee's wrapper instead of trusting the exception class alone.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from collections.abc import Callable
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from keydesk.errors import DatabaseUnavailable, DriverMissing, KeydeskError, sentence
from keydesk.offline.local import server_kind
from keydesk.store.connection import connect, sqlite_path
from keydesk.store.faults import error_chain

CONNECT_TIMEOUT_S = 5  # a probe never waits longer than this for a server that says nothing

# PostgreSQL SQLSTATEs meaning the session is gone: class 08 (connection exception) and
# the server shutting down or starting up.
_PG_CONNECTION_STATES = frozenset({"57P01", "57P02", "57P03"})
# PyMySQL/MySQL error numbers meaning the connection is gone or could not be made.
_MYSQL_CONNECTION_ERRORS = frozenset(
    {
        1040,  # ER_CON_COUNT_ERROR: too many connections
        1053,  # ER_SERVER_SHUTDOWN
        1152,  # ER_ABORTING_CONNECTION
        1158,  # ER_NET_READ_ERROR
        1159,  # ER_NET_READ_INTERRUPTED
        1160,  # ER_NET_ERROR_ON_WRITE
        1161,  # ER_NET_WRITE_INTERRUPTED
        1927,  # ER_CONNECTION_KILLED
        2002,  # CR_CONNECTION_ERROR
        2003,  # CR_CONN_HOST_ERROR
        2005,  # CR_UNKNOWN_HOST
        2006,  # CR_SERVER_GONE_ERROR
        2013,  # CR_SERVER_LOST
        2055,  # CR_SERVER_LOST_EXTENDED
        4031,  # ER_CLIENT_INTERACTION_TIMEOUT: disconnected by the server
    }
)
# SQLite's primary result codes meaning the file is out of reach (its folder gone, a
# network share unmounted), not a refusal: SQLITE_IOERR, SQLITE_CANTOPEN.
_SQLITE_UNREACHABLE = frozenset({10, 14})


class OfflineError(KeydeskError):
    """A change that needs the server was asked for while keydesk is offline."""


class ConnectionLost(OfflineError):
    """The server stopped answering in the middle of a change."""


def refuse_offline(action: str, *, file: bool = False) -> OfflineError:
    """The one sentence refusing ``action`` (a gerund phrase such as ``"editing keys"``)
    while offline; raise it, or show ``str()`` of it. ``file``: the database is an SQLite
    file out of reach, where revocations cannot be queued either."""
    if file:
        return OfflineError(
            sentence(
                "Offline",
                "You are offline: {action} is not possible until the database file can be "
                "reached again.",
            ).format(action=action)
        )
    return OfflineError(
        sentence(
            "Offline",
            "You are offline: {action} is not possible until the database server is back; "
            "you can still revoke keys.",
        ).format(action=action)
    )


def connection_lost(action: str) -> ConnectionLost:
    """The one sentence for a change interrupted by the loss of the server."""
    return ConnectionLost(
        sentence(
            "Offline",
            "The database server stopped answering while {action}, so the change may not "
            "have been saved; keydesk is offline now and reconnects by itself.",
        ).format(action=action)
    )


def _postgres_connection_error(error: BaseException) -> bool | None:
    """True/False for a psycopg2 error, None for anything else."""
    psycopg2 = sys.modules.get("psycopg2")
    if psycopg2 is None or not isinstance(error, psycopg2.Error):
        return None
    if isinstance(error, psycopg2.InterfaceError):  # "connection already closed"
        return True
    if isinstance(error, psycopg2.OperationalError):
        code = getattr(error, "pgcode", None)
        # No SQLSTATE: the client library failed (could not connect, server closed the
        # connection unexpectedly, SSL SYSCALL error), not the server refusing a statement.
        return code is None or code.startswith("08") or code in _PG_CONNECTION_STATES
    return False


def _mysql_connection_error(error: BaseException) -> bool | None:
    """True/False for a PyMySQL error, None for anything else."""
    pymysql = sys.modules.get("pymysql")
    if pymysql is None or not isinstance(error, pymysql.err.Error):
        return None
    if isinstance(error, pymysql.err.InterfaceError):  # (0, '') on a closed connection
        return True
    if isinstance(error, pymysql.err.OperationalError):
        code = error.args[0] if error.args else None
        return code in _MYSQL_CONNECTION_ERRORS
    return False


def _sqlite_unreachable(error: BaseException) -> bool | None:
    """True/False for an sqlite3 error, None for anything else."""
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _SQLITE_UNREACHABLE
    text = str(error)
    return "unable to open database file" in text or "disk I/O error" in text


def is_connection_error(error: BaseException) -> bool:
    """Whether ``error`` means the database server is lost or unreachable.

    True for :class:`~keydesk.errors.DatabaseUnavailable` (raised by
    :func:`~keydesk.store.connection.open_database` when it cannot connect), for socket
    errors, for psycopg2/PyMySQL errors (bare or wrapped by Peewee, anywhere in the
    cause/context chain) whose code says the connection is gone, and for an SQLite file
    that cannot be opened or read (its folder gone). False for everything else: rule
    violations, deadlocks, lock timeouts, a locked SQLite file, syntax errors, misuse.
    """
    for link in error_chain(error):
        if isinstance(link, (DatabaseUnavailable, ConnectionLost)):
            return True
        if isinstance(link, (ConnectionError, TimeoutError)):
            return True
        for classify in (_postgres_connection_error, _mysql_connection_error, _sqlite_unreachable):
            verdict = classify(link)
            if verdict:
                return True
    return False


class Backoff:
    """Delays between reconnection attempts: ``initial`` doubling up to ``maximum``, each
    shortened by a random part of up to ``jitter`` (so many desks that lost the same server
    do not all knock at the same moment), back to ``initial`` after :meth:`reset`.

    Pure: it never sleeps. ``next_delay()`` says how long to wait before the next attempt;
    pass ``rng=lambda: 0.0`` for an exact, testable schedule.
    """

    def __init__(
        self,
        initial: float = 0.5,
        maximum: float = 30.0,
        *,
        factor: float = 2.0,
        jitter: float = 0.25,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if not 0 < initial <= maximum:
            raise ValueError("Backoff needs 0 < initial <= maximum.")
        if factor < 1 or not 0 <= jitter < 1:
            raise ValueError("Backoff needs factor >= 1 and 0 <= jitter < 1.")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self._rng = rng
        self.attempts = 0

    def next_delay(self) -> float:
        """Seconds to wait before the next attempt; each call counts one attempt."""
        base = min(self.maximum, self.initial * self.factor**self.attempts)
        self.attempts += 1
        return base * (1.0 - self.jitter * self._rng())

    def reset(self) -> None:
        """Start over from ``initial`` (call it when the server answered)."""
        self.attempts = 0


def with_connect_timeout(url: str, seconds: int = CONNECT_TIMEOUT_S) -> str:
    """``url`` with a ``connect_timeout`` query parameter, unless it already has one, so a
    probe of a server that drops packets gives up quickly instead of hanging for minutes.

    On MySQL also ``read_timeout``: PyMySQL's connect timeout covers the TCP handshake
    only, and a server that accepted but says nothing (a partition right after the
    handshake) would hold the probe for the connection's ordinary 30 s read timeout."""
    parts = urlsplit(url.strip())
    query = parse_qsl(parts.query, keep_blank_values=True)
    given = {name for name, _ in query}
    wanted = ["connect_timeout"]
    if server_kind(url) == "mysql":
        wanted.append("read_timeout")
    extra = "&".join(f"{name}={seconds}" for name in wanted if name not in given)
    if not extra:
        return url.strip()
    return urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


def probe_server(url: str, timeout: int = CONNECT_TIMEOUT_S) -> BaseException | None:
    """Try the server at ``url`` on a connection of its own (``SELECT 1``, then closed);
    returns None when it answered, else the connection error saying why not.

    The global database proxy is left alone, and a server that drops packets is given up
    after ``timeout`` seconds (:data:`CONNECT_TIMEOUT_S`; libpq counts at least 2). Anything that is not a connection failure (a bad
    URL, a missing driver...) is raised, since retrying cannot cure it. An SQLite file
    answers when it exists and opens for writing; a missing one is never created.
    """
    if server_kind(url) is None:
        return _probe_sqlite(url)
    probe_url = with_connect_timeout(url, timeout) if server_kind(url) else url
    try:
        db = connect(probe_url)
    except Exception as error:
        if is_connection_error(error) and not _missing_driver(error):
            return error
        raise
    try:
        db.close()
    except Exception as error:  # the server answered; a failing close changes nothing
        if not is_connection_error(error):
            raise
    return None


def sqlite_unreachable(url: str) -> DatabaseUnavailable:
    """The one sentence for an SQLite database file that cannot be reached."""
    path = sqlite_path(url)
    return DatabaseUnavailable(
        sentence("Offline", "The database file {path} cannot be reached.").format(
            path=str(path or url)
        )
    )


def _probe_sqlite(url: str) -> BaseException | None:
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return sqlite_unreachable(url)
    try:
        probe = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.Error as error:
        if _sqlite_unreachable(error):
            return sqlite_unreachable(url)
        raise
    return None


def try_reconnect(url: str) -> bool:
    """Whether the server at ``url`` answers now (see :func:`probe_server`); never raises
    for a connection error."""
    return probe_server(url) is None


def _missing_driver(error: BaseException) -> bool:
    # No reconnection attempt can install a driver: not "server unreachable".
    return isinstance(error, DriverMissing)
