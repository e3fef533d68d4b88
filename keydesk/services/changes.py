"""Live refresh: which keys other desks changed since we last looked. No Qt.

Every change keydesk makes (create, edit, reassign, revoke, delete, and the users and
catalog) writes an audit event in the same transaction, so the audit trail is the change
marker: :meth:`ChangeFeed.poll` reads the events with ids it has not seen yet and returns
the prefixes to refresh. Usage (verification updating ``last_used``) writes no audit
event, so it never triggers a refresh.

Ids are handed out when a row is inserted but become visible when its transaction
commits, and on PostgreSQL and MariaDB those orders differ: a long transaction may commit
id 41 after id 42 was read. The feed therefore remembers each hole below the highest id
it has seen and asks for it again on every poll until the row shows up or the hole is
older than ``settle`` seconds (a rolled-back insert leaves a hole for ever). Each id is
delivered once.

On PostgreSQL every statement that writes audit events sends ``NOTIFY keydesk_changes``
(migration 0003), and :meth:`ChangeFeed.wait` blocks on a dedicated LISTEN connection, so
a change shows up within milliseconds; :meth:`poll` then only queries after a
notification (or every ``safety`` seconds, in case one was lost). On MariaDB and SQLite
:meth:`wait` sleeps one ``interval`` and :meth:`poll` runs one indexed query.

An idle feed on PostgreSQL sends nothing for ``safety`` seconds, so a server that went
silent meanwhile would go unnoticed; :meth:`ChangeFeed.heartbeat` asks ``SELECT 1`` on the
LISTEN connection (the one that must stay alive for notifications to arrive), and
:attr:`ChangeFeed.quiet_for` says how long ago the server last answered, so the caller
beats only when nothing else proved the server alive. A call blocked on a silent server
can be ended from another thread with :meth:`ChangeFeed.interrupt`, which shuts the
feed's sockets down (see :mod:`keydesk.offline.watchdog`).

A worker thread (never the GUI thread) runs the loop::

    feed = ChangeFeed()               # clones the open database's connection settings
    while running:
        feed.wait(1.0)
        changes = feed.poll()
        if changes:
            rows = keys.get_key_rows(changes.changed)   # and drop changes.deleted
    feed.close()

The feed owns its connections (one for queries, one for LISTEN) and closes them in
:meth:`close`; :meth:`wake` is safe from any thread and ends a pending :meth:`wait`. A
database that cannot be reached raises :class:`~keydesk.errors.DatabaseUnavailable` from
:meth:`poll` (the next poll tries again); a broken LISTEN connection silently falls back
to polling and is reopened later.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import peewee

from keydesk.errors import DatabaseUnavailable, sentence
from keydesk.store import connection

CHANNEL = "keydesk_changes"
DELETE_ACTION = "delete"
_START_LOOKBACK = 200  # ids below the newest at start, checked for in-flight transactions
_MAX_HOLES = 200  # holes remembered at once; the oldest are given up beyond this
_LISTEN_RETRY = 30.0  # seconds between attempts to LISTEN after one failed


@dataclass(frozen=True)
class Changes:
    """What changed since the previous poll.

    ``changed``: prefixes of keys created, edited, reassigned or revoked (refresh these
    rows with :func:`keydesk.services.keys.get_key_rows`; a prefix it does not return was
    deleted meanwhile). ``deleted``: prefixes of keys deleted (drop these rows). ``other``:
    actions that touched no key (``user_add``, ``user_edit``, ``model_add``,
    ``skill_add``), for the Users and Models pages. ``events``: how many audit events
    arrived, for the Audit log page.
    """

    changed: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    other: set[str] = field(default_factory=set)
    events: int = 0

    def __bool__(self) -> bool:
        return self.events > 0


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(".") if text else type(error).__name__


@dataclass
class _Hole:
    low: int
    high: int
    since: float


def _clone(db: peewee.Database) -> peewee.Database:
    """A new, unconnected database object with ``db``'s settings, whose one connection is
    not tied to a thread (it is opened by the worker and closed from anywhere)."""
    if isinstance(db, peewee.SqliteDatabase):
        # mode=rw: a file that disappeared (a network share gone) is an error, not a new,
        # empty database created in its place.
        path = os.path.abspath(db.database)
        return peewee.SqliteDatabase(
            f"file:{quote(path)}?mode=rw",
            pragmas=connection.SQLITE_PRAGMAS,
            thread_safe=False,
            check_same_thread=False,
            uri=True,
        )
    return type(db)(db.database, thread_safe=False, **db.connect_params)


def _state_of(db: peewee.Database) -> Any:
    """Peewee's connection state of ``db``: with ``thread_safe=False`` one object for all
    threads, so another thread can see (and shut) the connection the worker uses."""
    return vars(db)["_state"]


def _socket_of(raw: Any) -> int | None:
    """The socket descriptor of a psycopg2 or PyMySQL connection (None for SQLite, or a
    connection that is closed)."""
    if raw is None:
        return None
    with contextlib.suppress(Exception):
        fileno = getattr(raw, "fileno", None)  # psycopg2
        if callable(fileno) and not getattr(raw, "closed", 0):
            return int(fileno())
        sock = getattr(raw, "_sock", None)  # PyMySQL
        if sock is not None:
            return int(sock.fileno())
    return None


class ChangeFeed:
    """The audit events other desks (and this one) commit, as prefixes to refresh.

    ``source`` is a database URL, an opened Peewee database, or None for the one bound
    by :func:`keydesk.store.connection.open_database`; only its settings are used. The
    constructor connects and takes the newest audit id as its starting point, so create
    the feed *before* loading the rows it keeps fresh: nothing committed in between is
    missed. Not thread-safe except :meth:`wake`: after construction, use it from one
    worker thread, then close it.
    """

    def __init__(
        self,
        source: str | peewee.Database | None = None,
        *,
        interval: float = 1.0,
        settle: float = 60.0,
        safety: float = 30.0,
        listen: bool = True,
    ) -> None:
        if isinstance(source, str):
            opened = connection.connect(source)
            self._db = _clone(opened)
            opened.close()
        else:
            bound = source if source is not None else connection.database.obj
            if bound is None:
                raise RuntimeError("no database is open")
            self._db = _clone(bound)
        self.interval = interval
        self.settle = settle
        self.safety = safety
        self._want_listen = listen and isinstance(self._db, peewee.PostgresqlDatabase)
        self._listener: Any = None  # the psycopg2 LISTEN connection
        self._listen_retry_at = 0.0
        self._notified = True  # poll at least once
        self._last_query = 0.0
        self._last_answer = time.monotonic()
        self._interrupted_at = float("-inf")
        self._high = 0
        self._holes: list[_Hole] = []
        self._closed = threading.Event()
        self._wake_recv, self._wake_send = socket.socketpair()
        self._wake_recv.setblocking(False)
        self._wake_send.setblocking(False)
        try:
            self._start(time.monotonic())
        except peewee.DatabaseError as error:
            self.close()
            raise DatabaseUnavailable(
                sentence(
                    "Database", "The live refresh cannot reach the database: {reason}."
                ).format(reason=_first_line(error))
            ) from None

    # -- public ------------------------------------------------------------------------------

    @property
    def listening(self) -> bool:
        """Whether :meth:`wait` is woken by PostgreSQL notifications right now."""
        return self._listener is not None

    def poll(self) -> Changes:
        """The changes committed since the previous poll (or since the feed was made)."""
        if self._closed.is_set():
            return Changes()
        now = time.monotonic()
        if self.listening and not self._notified and now - self._last_query < self.safety:
            return Changes()  # nothing was notified: nothing to read
        self._notified = False
        self._last_query = now
        try:
            rows = self._query()
        except peewee.DatabaseError as error:
            self._notified = True  # ask again next time
            raise DatabaseUnavailable(
                sentence(
                    "Database", "The live refresh cannot reach the database: {reason}."
                ).format(reason=_first_line(error))
            ) from None
        finally:
            if isinstance(self._db, peewee.SqliteDatabase) and not self._db.is_closed():
                # A long-lived SQLite connection was seen inside the app reading an old
                # WAL snapshot (other processes' new audit rows never showed up until it
                # reconnected); reopening a local file costs well under a millisecond.
                self._db.close()
        return self._take(rows, now)

    @property
    def quiet_for(self) -> float:
        """Seconds since the server last answered this feed (a query, a notification or
        a heartbeat)."""
        return time.monotonic() - self._last_answer

    def heartbeat(self) -> None:
        """Prove the server answers: ``SELECT 1`` on the LISTEN connection while
        listening (so a dead one is noticed and reopened), else on the query connection.
        Raises :class:`~keydesk.errors.DatabaseUnavailable` when it does not answer."""
        if self._closed.is_set():
            return
        try:
            if self._listener is not None:
                try:
                    with self._listener.cursor() as cursor:
                        cursor.execute("SELECT 1")
                        cursor.fetchone()
                except Exception:
                    self._drop_listener()
                    raise
            else:
                self._sql("SELECT 1")
        except Exception as error:  # Peewee's, psycopg2's (LISTEN connection) or OSError
            raise DatabaseUnavailable(
                sentence(
                    "Database", "The live refresh cannot reach the database: {reason}."
                ).format(reason=_first_line(error))
            ) from None
        finally:
            if isinstance(self._db, peewee.SqliteDatabase) and not self._db.is_closed():
                self._db.close()
        self._last_answer = time.monotonic()

    def interrupt(self) -> None:
        """Shut down the sockets of the feed's connections, from any thread: a call
        blocked waiting for a server that stopped answering then fails at once (the
        connections are reopened by the next call). A local SQLite file has no socket."""
        self._interrupted_at = time.monotonic()
        sockets = [_socket_of(self._listener), _socket_of(_state_of(self._db).conn)]
        for fd in sockets:
            if fd is None:
                continue
            with contextlib.suppress(OSError), socket.socket(fileno=os.dup(fd)) as sock:
                sock.shutdown(socket.SHUT_RDWR)

    def wait(self, timeout: float) -> bool:
        """Block until a change is notified (PostgreSQL) or ``timeout`` passed; elsewhere
        sleep ``min(timeout, interval)``. True when woken early by a notification."""
        if self._closed.is_set():
            return False
        self._ensure_listener()
        if self._listener is None:
            with contextlib.suppress(OSError, ValueError):  # closed meanwhile
                self._select([self._wake_recv], min(timeout, self.interval))
                self._drain_wake()
            return False
        try:
            if self._drain_notifications():
                return True
            readable = self._select([self._listener, self._wake_recv], timeout)
            self._drain_wake()
            if self._listener in readable and self._drain_notifications():
                return True
        except Exception:  # the LISTEN connection broke: fall back to polling, retry later
            self._drop_listener()
        return False

    def wake(self) -> None:
        """End a pending :meth:`wait` now (safe from any thread, e.g. to stop the worker)."""
        with contextlib.suppress(OSError):  # already closed, or the wake-up is pending
            self._wake_send.send(b"\0")

    def close(self) -> None:
        """Close the feed's connections. Call it from the worker, or after it finished."""
        self._closed.set()
        self.wake()
        self._drop_listener()
        if not self._db.is_closed():
            self._db.close()
        self._wake_send.close()
        self._wake_recv.close()

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def _sql(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        started = time.monotonic()
        if self._db.is_closed():
            self._db.connect()
        try:
            rows = list(self._db.execute_sql(sql, params).fetchall())  # type: ignore[no-untyped-call]
        except (peewee.OperationalError, peewee.InterfaceError):
            with contextlib.suppress(Exception):  # the broken connection may not close
                self._db.close()
            if not self._db.is_closed():
                _state_of(self._db).reset()  # forget it; connect() opens anew
            if self._interrupted_at >= started:
                raise  # ended on purpose: the server is silent, reconnecting would wait too
            # A server restart or a dropped connection: reconnect once and try again.
            self._db.connect()
            rows = list(self._db.execute_sql(sql, params).fetchall())  # type: ignore[no-untyped-call]
        self._last_answer = time.monotonic()
        return rows

    def _start(self, now: float) -> None:
        """Start from the newest event; ids missing just below it may belong to
        transactions still in flight, so they start as holes."""
        (newest,) = self._sql("SELECT MAX(id) FROM audit_event")[0]
        self._high = int(newest or 0)
        low = max(self._high - _START_LOOKBACK, 0)
        present = {
            int(row_id)
            for (row_id,) in self._sql(
                f"SELECT id FROM audit_event WHERE id > {self._db.param}", (low,)
            )
        }
        for missing in range(low + 1, self._high + 1):
            if missing not in present:
                self._add_hole(missing, missing, now)

    def _query(self) -> list[tuple[Any, ...]]:
        mark = self._db.param
        conditions = [f"id > {mark}"]
        params: list[int] = [self._high]
        for hole in self._holes:
            conditions.append(f"(id BETWEEN {mark} AND {mark})")
            params.extend((hole.low, hole.high))
        return self._sql(
            "SELECT id, action, key_prefix FROM audit_event WHERE "
            + " OR ".join(conditions)
            + " ORDER BY id",
            tuple(params),
        )

    def _take(self, rows: list[tuple[Any, ...]], now: float) -> Changes:
        changed: set[str] = set()
        deleted: set[str] = set()
        other: set[str] = set()
        events = 0
        for raw_id, action, prefix in rows:  # in id order: the last word on a key wins
            row_id = int(raw_id)
            if row_id > self._high:
                if row_id > self._high + 1:
                    self._add_hole(self._high + 1, row_id - 1, now)
                self._high = row_id
            elif not self._fill(row_id):
                continue  # already delivered
            events += 1
            if prefix is None:
                other.add(str(action))
            elif action == DELETE_ACTION:
                deleted.add(prefix)
                changed.discard(prefix)
            else:
                changed.add(prefix)
                deleted.discard(prefix)
        self._holes = [hole for hole in self._holes if now - hole.since < self.settle]
        return Changes(changed, deleted, other, events)

    def _add_hole(self, low: int, high: int, now: float) -> None:
        self._holes.append(_Hole(low, high, now))
        if len(self._holes) > _MAX_HOLES:
            self._holes.sort(key=lambda hole: hole.since)
            del self._holes[: len(self._holes) - _MAX_HOLES]

    def _fill(self, row_id: int) -> bool:
        """Mark a late id as seen; False if it was not awaited (delivered before)."""
        for index, hole in enumerate(self._holes):
            if hole.low <= row_id <= hole.high:
                pieces = [
                    _Hole(hole.low, row_id - 1, hole.since),
                    _Hole(row_id + 1, hole.high, hole.since),
                ]
                self._holes[index : index + 1] = [p for p in pieces if p.low <= p.high]
                return True
        return False

    # -- LISTEN/NOTIFY -----------------------------------------------------------------------

    def _ensure_listener(self) -> None:
        if not self._want_listen or self._listener is not None:
            return
        if time.monotonic() < self._listen_retry_at:
            return
        try:
            import psycopg2

            listener = psycopg2.connect(dbname=self._db.database, **self._db.connect_params)
            listener.autocommit = True
            with listener.cursor() as cursor:
                cursor.execute(f"LISTEN {CHANNEL}")
        except Exception:  # e.g. a hot standby, where LISTEN is refused: poll, ask rarely
            self._listen_retry_at = time.monotonic() + max(self.safety, _LISTEN_RETRY)
            return
        self._listener = listener
        self._notified = True  # anything may have happened while nobody listened

    def _drain_notifications(self) -> bool:
        self._listener.poll()
        if not self._listener.notifies:
            return False
        self._listener.notifies.clear()
        self._notified = True
        self._last_answer = time.monotonic()
        return True

    def _drop_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(Exception):  # it is broken already
                listener.close()
            self._listen_retry_at = time.monotonic() + self.interval
            self._notified = True

    def _select(self, sources: list[Any], timeout: float) -> list[Any]:
        if self._closed.is_set():
            return []
        readable, _, _ = select.select(sources, [], [], max(timeout, 0.0))
        return list(readable)

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: nothing (more) to read
            while self._wake_recv.recv(64):
                pass
