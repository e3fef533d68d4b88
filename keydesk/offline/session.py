"""The one object the GUI drives to work on a shared server that may go away.

:class:`OfflineSession` hides the snapshot, the revocation queue and the reconnection
behind a few calls::

    session = OfflineSession(url, auto_reconnect=True)
    session.subscribe(on_status)      # any thread, on every online/offline/queue change
    result = session.start()          # rows from the server, or from the snapshot offline
    ...
    outcome = session.revoke(prefixes)   # online: revoked now; offline: "revocation pending"
    session.call_online("editing keys", edit_key, prefix, changes)   # refused offline
    ...
    session.close()                   # stops the reconnection thread

Online, every revocation is first written to the durable queue and then sent to the
server with the queue entry's request id, and the entry is forgotten once the server
confirmed it. So a revocation survives the connection breaking in the middle, or the app
being killed, and is applied exactly once either way.

No Qt here: the session uses plain threads and calls its listeners on whatever thread
the change happened; a GUI forwards them to its own thread (e.g. through a queued signal).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

import peewee

from keydesk.errors import DatabaseUnavailable, KeydeskError, Sentence, ValidationError, sentence
from keydesk.offline.connectivity import (
    Backoff,
    ConnectionLost,
    OfflineError,
    connection_lost,
    is_connection_error,
    probe_server,
    refuse_offline,
    sqlite_unreachable,
)
from keydesk.offline.copy import OfflineCopy
from keydesk.offline.local import server_kind
from keydesk.offline.queue import ApplyResult, RevocationQueue, Revoker
from keydesk.offline.snapshot import Catalog, Models, Snapshot
from keydesk.services import audit, catalog
from keydesk.services.clock import utcnow
from keydesk.services.keys import KeyRow, list_key_rows, models_by_prefix, revoke_keys
from keydesk.services.users import UserInfo, list_users
from keydesk.store.connection import database, open_database, sqlite_path

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

_THREAD_JOIN_S = 10.0


class NoOfflineCopy(DatabaseUnavailable):
    """The server is unreachable and this computer has no snapshot of it to start from."""


@dataclass(frozen=True)
class SessionData:
    """What the keys table (and the users page) show: rows in the server's order,
    each key's models, the users with their key counts, as of ``as_of`` (naive UTC).
    ``live`` says whether it was just read from the server or comes from the snapshot."""

    rows: list[KeyRow]
    models: dict[str, list[str]]
    users: list[UserInfo]
    as_of: datetime
    live: bool


@dataclass(frozen=True)
class SessionStatus:
    """The state a status bar shows; passed to every listener on each change."""

    online: bool
    as_of: datetime | None
    pending: int
    reason: str | None  # why offline (one sentence), or why reconnection gave up

    @property
    def text(self) -> str:
        """``"Offline — data as of 2026-11-28 23:17"`` (local time) or ``"Online"``."""
        if self.online:
            return "Online"
        return offline_text(self.as_of)


@dataclass(frozen=True)
class StartResult:
    """The outcome of :meth:`OfflineSession.start`.

    ``data`` is None only when started online with ``load=False``. ``applied`` reports the
    revocations left in the queue by an earlier run (e.g. a killed process) and applied now.
    """

    online: bool
    data: SessionData | None
    as_of: datetime | None
    pending: frozenset[str]
    applied: ApplyResult | None
    reason: str | None

    @property
    def status_text(self) -> str | None:
        """The status bar text while offline; None online."""
        return None if self.online else offline_text(self.as_of)


@dataclass(frozen=True)
class RevokeOutcome:
    """The outcome of :meth:`OfflineSession.revoke`: keys revoked now, keys the server had
    revoked already, and keys queued to be revoked when the server is back (shown as
    "revocation pending")."""

    revoked: tuple[str, ...] = ()
    already_revoked: tuple[str, ...] = ()
    queued: tuple[str, ...] = ()

    def message(self) -> str:
        """One sentence for the status bar."""
        if self.queued:
            count = len(self.queued)
            if count == 1:
                return sentence(
                    "Offline",
                    "You are offline: the revocation of 1 key is pending and will be applied "
                    "when the database server is back.",
                )
            return sentence(
                "Offline",
                "You are offline: the revocation of {count} keys is pending and will be "
                "applied when the database server is back.",
            ).format(count=f"{count:,}")
        count = len(self.revoked)
        if count == 1:
            return sentence("Offline", "Revoked 1 key.")
        return sentence("Offline", "Revoked {count} keys.").format(count=f"{count:,}")


def offline_text(as_of: datetime | None) -> str:
    """The status bar sentence while offline, with ``as_of`` (naive UTC) in local time."""
    if as_of is None:
        return sentence("Offline", "Offline — no saved data")
    local = as_of.replace(tzinfo=timezone.utc).astimezone()
    return sentence("Offline", "Offline — data as of {time}").format(time=f"{local:%Y-%m-%d %H:%M}")


def _said(error: BaseException) -> str:
    """What ``error`` says: its Sentence as it is (the GUI says it in its language), else
    ``str(error)``."""
    message = error.args[0] if len(error.args) == 1 else None
    return message if isinstance(message, Sentence) else str(error)


def _where(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    if parts.port:
        host += f":{parts.port}"
    name = parts.path.lstrip("/")
    return (
        sentence("Database", "database {name} on {host}").format(name=repr(name), host=host)
        if name
        else host
    )


def _file(url: str) -> str:
    path = sqlite_path(url)
    return str(path) if path is not None else url


def _discard_connection() -> None:
    """Drop this thread's connection to the server, which may be broken, without raising:
    close it if Peewee lets us, else throw its state away (mid-transaction, say)."""
    db = database.obj
    if db is None:
        return
    try:
        db.close()
        return
    except Exception:
        pass
    with contextlib.suppress(Exception):
        if not db.is_closed():
            db.connection().close()
    with contextlib.suppress(Exception):
        db.dispose()


class OfflineSession:
    """A keydesk session on the server at ``url`` that keeps working when it is lost.

    On a PostgreSQL or MySQL URL the session keeps a snapshot and a revocation queue in
    the user's data folder (:mod:`keydesk.offline.local`). On an SQLite URL there is no
    connection to lose, but the file itself may go (a network share unmounted, its folder
    removed): the session then goes offline too, without a snapshot or a queue (every
    change is refused, revocations included) and reconnects once the file is back.

    All methods may be called from any thread. The server calls (reading, revoking,
    applying the queue) run on the calling thread, through the global database proxy,
    which :meth:`start` and :meth:`reconnect_step` bind with
    :func:`~keydesk.store.connection.open_database`.

    ``auto_reconnect=True`` starts a background thread whenever the server is lost, which
    calls :meth:`reconnect_step` with :class:`Backoff` delays until it is back.
    ``revoke``, ``clock`` and ``operator`` are for tests and tools; they default to
    ``revoke_keys``, the current UTC time and the person at the keyboard.
    """

    def __init__(
        self,
        url: str,
        *,
        auto_reconnect: bool = False,
        backoff: Backoff | None = None,
        revoke: Revoker = revoke_keys,
        clock: Callable[[], datetime] = utcnow,
        operator: Callable[[], str] = audit.current_operator,
    ) -> None:
        self.url = url.strip()
        self.offline_capable = server_kind(self.url) is not None
        self.snapshot: Snapshot | None = Snapshot(self.url) if self.offline_capable else None
        self.queue: RevocationQueue | None = (
            RevocationQueue(self.url) if self.offline_capable else None
        )
        self.backoff = backoff or Backoff()
        self.auto_reconnect = auto_reconnect
        self.last_apply: ApplyResult | None = None
        self.reconnect_error: BaseException | None = None
        self._revoke = revoke
        self._clock = clock
        self._operator = operator
        self._lock = threading.RLock()
        self._online = False
        self._as_of: datetime | None = None
        self._reason: str | None = None
        self._listeners: list[Callable[[SessionStatus], None]] = []
        self._stop = threading.Event()
        self._reconnector: threading.Thread | None = None
        self._reconnect_lock = threading.Lock()

    # --- state ----------------------------------------------------------------------------

    @property
    def online(self) -> bool:
        return self._online

    @property
    def as_of(self) -> datetime | None:
        """When the data on screen was read from the server (naive UTC)."""
        return self._as_of

    def status(self) -> SessionStatus:
        return SessionStatus(self._online, self._as_of, self._pending_count(), self._reason)

    def status_text(self) -> str | None:
        """``"Offline — data as of <time>"`` while offline; None online."""
        return None if self._online else offline_text(self._as_of)

    def pending_prefixes(self) -> set[str]:
        """Keys whose revocation is queued, to show as "revocation pending"."""
        return self.queue.pending_prefixes() if self.queue is not None else set()

    def subscribe(self, listener: Callable[[SessionStatus], None]) -> Callable[[], None]:
        """Call ``listener(status)`` on every change of online/offline state or of the
        queue (on the thread where it happened); returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    # --- starting and reading -------------------------------------------------------------

    def start(self, *, load: bool = True) -> StartResult:
        """Open the server and read the keys, or start offline from the snapshot.

        Online: binds the server, applies revocations left queued by an earlier run, and
        (with ``load``) reads rows, models and users and saves them as the new snapshot.
        With ``load=False`` the caller reads the rows itself (progressively, say) and then
        calls :meth:`refresh_snapshot`. Offline: returns the snapshot's data; raises
        :class:`NoOfflineCopy` if there is none. Other errors (a bad URL, a schema too
        new) are raised as they are.

        Slow (network, reading every key, writing the snapshot): call it off the GUI
        thread. It leaves no connection open on the calling thread, so a pool thread may
        run it; the next query on any thread connects to the freshly bound server.
        """
        try:
            return self._start(load)
        finally:
            with contextlib.suppress(Exception):
                database.close()

    def _start(self, load: bool) -> StartResult:
        if not self.offline_capable:
            open_database(self.url)
            with self._lock:
                self._online, self._as_of, self._reason = True, self._clock(), None
            data = self._read_server(save=False) if load else None
            return StartResult(True, data, self._as_of, frozenset(), None, None)
        error = probe_server(self.url)
        if error is None:
            try:
                self._bind()
                applied = self._apply_queue()
                as_of = self._clock()
                data = self._read_server() if load else None
            except Exception as failure:
                if not is_connection_error(failure):
                    raise
                _discard_connection()
                error = failure
            else:
                with self._lock:
                    self._online, self._reason = True, None
                    self._as_of = data.as_of if data is not None else as_of
                self.backoff.reset()
                self._notify()
                return StartResult(
                    True, data, self._as_of, frozenset(self.pending_prefixes()), applied, None
                )
        return self._start_offline(error)

    def _start_offline(self, error: BaseException) -> StartResult:
        reason = self._describe(error)
        data = self.offline_data()
        if data is None:
            raise NoOfflineCopy(
                sentence(
                    "Offline",
                    "{reason}; there is no offline copy of its keys on this computer yet, so "
                    "keydesk cannot start offline.",
                ).format(reason=reason.rstrip("."))  # the reason itself stays English here
            )
        with self._lock:
            self._online, self._as_of, self._reason = False, data.as_of, reason
        self._notify()
        self._maybe_reconnect()
        return StartResult(
            False, data, data.as_of, frozenset(self.pending_prefixes()), None, reason
        )

    def load(self) -> SessionData:
        """Online: read rows, models and users from the server and save them as the new
        snapshot. Offline, or if the server is lost meanwhile, raises an
        :class:`~keydesk.offline.connectivity.OfflineError`; show :meth:`offline_data`."""
        return self.call_online(sentence("Offline", "loading the keys"), self._read_server)

    def offline_data(self) -> SessionData | None:
        """The snapshot's data (what to show offline), or None when there is none."""
        saved = self.snapshot.load() if self.snapshot is not None else None
        if saved is None:
            return None
        return SessionData(saved.rows, saved.models, saved.users, saved.as_of, live=False)

    def offline_copy(self) -> OfflineCopy | None:
        """The saved copy, to inspect a key, its history, the audit log, the users and
        the catalog offline; None when there is none."""
        as_of = self.snapshot.as_of() if self.snapshot is not None else None
        if self.snapshot is None or as_of is None:
            return None
        return OfflineCopy(self.snapshot, as_of)

    def refresh_snapshot(self, rows: Iterable[KeyRow], *, as_of: datetime | None = None) -> int:
        """Save ``rows`` (just read from the server, at ``as_of``, default now) with the
        server's current models, users, catalog and recent audit events as the new
        snapshot; returns the row count.

        For callers that load rows themselves; run it off the GUI thread (100k rows take
        about a second on a slow two-core machine). Offline it is refused.
        """
        if self.snapshot is None:
            return 0
        moment = as_of or self._clock()

        def save() -> int:
            count = self._save_snapshot(
                rows, models_by_prefix, list_users(key_counts=False), moment,
                _read_catalog(), audit.recent_events(moment),
            )  # fmt: skip
            with self._lock:
                self._as_of = moment
            return count

        return self.call_online(sentence("Offline", "saving the offline copy"), save)

    def _read_server(self, save: bool = True) -> SessionData:
        as_of = self._clock()  # taken first: the data is at least this fresh
        rows = list_key_rows()
        models = models_by_prefix()
        users = list_users()
        if save:
            self._save_snapshot(
                rows, models, users, as_of, _read_catalog(), audit.recent_events(as_of)
            )
        with self._lock:
            self._as_of = as_of
        return SessionData(rows, models, users, as_of, live=True)

    def _save_snapshot(
        self,
        rows: Iterable[KeyRow],
        models: Models,
        users: list[UserInfo],
        as_of: datetime,
        catalog: Catalog = ((), ()),
        events: Iterable[Sequence[Any]] = (),
    ) -> int:
        """Save the snapshot; a local failure (disk full, say) is logged, not raised: the
        keys just read are still worth showing, only working offline later suffers."""
        if self.snapshot is None:
            return 0
        try:
            return self.snapshot.save(rows, models, users, as_of, catalog=catalog, events=events)
        except (OSError, sqlite3.DatabaseError, peewee.DatabaseError):
            log.exception("could not save the offline copy to %s", self.snapshot.path)
            return 0

    # --- changing -------------------------------------------------------------------------

    def revoke(self, prefixes: Iterable[str]) -> RevokeOutcome:
        """Revoke keys now if the server answers, else queue them durably.

        Raises what ``revoke_keys`` raises for a refusal (an unknown prefix revokes
        nothing); a lost connection is not an error here: the keys are queued, the
        session goes offline, and they are applied once when the server is back.
        """
        wanted = list(dict.fromkeys(p.strip() for p in prefixes if p and p.strip()))
        if not wanted:
            raise ValidationError("No key was given.")
        if self.queue is None:  # an SQLite file: nowhere to queue, refused while offline
            result = self.call_online(sentence("Offline", "revoking keys"), self._revoke, wanted)
            return RevokeOutcome(result.revoked, result.already_revoked)
        at, operator = self._clock(), self._operator()
        with self._lock:  # going online in between must not strand an offline entry
            online = self._online
            if online:
                request_id = self.queue.enqueue(wanted, operator, at)
            else:
                pending = self.queue.pending_prefixes()
                fresh = [prefix for prefix in wanted if prefix not in pending]
                if fresh:
                    self.queue.enqueue(fresh, operator, at)
        if not online:
            self._notify()
            return RevokeOutcome(queued=tuple(wanted))
        try:
            result = self._revoke(wanted, at=at, operator=operator, request_id=request_id)
        except Exception as error:
            if is_connection_error(error):
                self.on_connection_lost(error)  # the entry stays queued, under its request id
                return RevokeOutcome(queued=tuple(wanted))
            self.queue.remove(request_id)  # the server refused: nothing was revoked
            raise
        try:
            self.queue.remove(request_id)
        except (OSError, sqlite3.DatabaseError, peewee.DatabaseError):
            # The keys are revoked; the entry is applied again later, harmlessly.
            log.exception("could not forget the applied revocation %s", request_id)
        return RevokeOutcome(result.revoked, result.already_revoked)

    def ensure_online(self, action: str) -> None:
        """Raise the one-sentence refusal of ``action`` (e.g. ``"editing keys"``) while
        offline; do nothing online."""
        if not self._online:
            raise self.refusal(action)

    def refusal(self, action: str) -> OfflineError:
        """The one sentence refusing ``action`` while offline (on an SQLite file it does
        not offer queued revocations)."""
        return refuse_offline(action, file=not self.offline_capable)

    @property
    def queues_revocations(self) -> bool:
        """Whether revoking offline is queued (a server) rather than refused (a file)."""
        return self.queue is not None

    def call_online(
        self, action: str, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run ``fn(*args, **kwargs)`` against the server, e.g.
        ``session.call_online("editing keys", edit_key, prefix, changes)``.

        Offline it is refused with one sentence (``fn`` is not called). If the server is
        lost during the call, the session goes offline and a
        :class:`~keydesk.offline.connectivity.ConnectionLost` sentence is raised. Every
        other error of ``fn`` passes through unchanged.
        """
        self.ensure_online(action)
        try:
            return fn(*args, **kwargs)
        except Exception as error:
            if is_connection_error(error):
                self.on_connection_lost(error)
                raise connection_lost(action) from error
            raise

    def handle_error(self, error: BaseException) -> bool:
        """For code that called the services directly: if ``error`` means the server is
        lost, go offline and return True; else return False (show the error as usual)."""
        if is_connection_error(error):
            self.on_connection_lost(error)
            return True
        return False

    # --- losing and finding the server ----------------------------------------------------

    def on_connection_lost(self, error: BaseException | None = None) -> None:
        """The server stopped answering: go offline (the data on screen stays, labelled
        with its time), drop this thread's broken connection, and with ``auto_reconnect``
        start reconnecting in the background."""
        _discard_connection()
        was_online = self._go_offline(error)
        if was_online:
            self.backoff.reset()
            self._notify()
        self._maybe_reconnect()

    def on_server_silent(self, seconds: float) -> None:
        """The server has not answered a call for ``seconds`` (a partition, a server gone
        without a goodbye): go offline as for a lost connection. For a watchdog, which
        judges from its own thread while the call still waits."""
        where = (
            _where(self.url)
            if self.offline_capable
            else sentence("Offline", "database file {path}").format(path=_file(self.url))
        )
        self.on_connection_lost(
            ConnectionLost(
                sentence("Offline", "The {where} has not answered for {seconds} seconds.").format(
                    where=where, seconds=f"{seconds:g}"
                )
            )
        )

    def reconnect_step(self) -> bool:
        """One reconnection attempt; True when online (again).

        Probes the server; if it answers, binds it afresh, applies the queued
        revocations and goes online. Connection failures give False (try again after
        ``backoff.next_delay()``); anything else (e.g. the schema became too new) is
        raised. Leaves no connection open on the calling thread.
        """
        with self._reconnect_lock:  # one attempt at a time, whichever thread asks
            return self._reconnect_step()

    def _reconnect_step(self) -> bool:
        if self._online:
            return True
        if probe_server(self.url) is not None:
            return False
        if not self.offline_capable:  # an SQLite file that is back
            try:
                self._bind()
            except Exception as error:
                if not is_connection_error(error):
                    raise
                _discard_connection()
                return False
            finally:
                with contextlib.suppress(Exception):
                    database.close()
            with self._lock:
                self._online, self._reason = True, None
            self.backoff.reset()
            self._notify()
            return True
        try:
            self._bind()
            first = self._apply_queue()
            with self._lock:  # revocations from now on go straight to the server
                self._online, self._reason = True, None
            # Entries queued between the first pass and going online.
            second = self._apply_queue()
        except Exception as error:
            if not is_connection_error(error):
                raise
            self._go_offline(error)
            _discard_connection()
            return False
        finally:
            with contextlib.suppress(Exception):
                database.close()
        self.last_apply = _merge(first, second)
        self.backoff.reset()
        self._notify()
        return True

    def reconnect_until(
        self,
        stop: threading.Event,
        *,
        wait: Callable[[float], bool] | None = None,
    ) -> bool:
        """Call :meth:`reconnect_step` with back-off delays until online (True) or
        ``stop`` is set (False). ``wait(seconds)`` sleeps and returns True to stop early;
        it defaults to ``stop.wait``. Meant for a worker thread, never the GUI thread."""
        pause = wait or stop.wait
        while not stop.is_set():
            if self.reconnect_step():
                return True
            if pause(self.backoff.next_delay()):
                return False
        return False

    @property
    def reconnecting(self) -> bool:
        """Whether the background reconnection thread is at work."""
        return self._reconnector is not None

    def close(self) -> None:
        """Stop the background reconnection thread (waits for its current attempt)."""
        self._stop.set()
        thread = self._reconnector
        if thread is not None and thread is not threading.current_thread():
            thread.join(_THREAD_JOIN_S)

    # --- internals ------------------------------------------------------------------------

    def _bind(self) -> None:
        """Bind the global proxy to a fresh connection to the server (the old one of this
        thread may be broken: open_database would fail closing it)."""
        _discard_connection()
        open_database(self.url)

    def _apply_queue(self) -> ApplyResult:
        """Apply the queue against the bound server; a lost connection is raised."""
        assert self.queue is not None
        result = self.queue.apply(self._revoke)
        self.last_apply = result
        if result.interrupted:
            raise connection_lost(sentence("Offline", "applying the pending revocations"))
        return result

    def _go_offline(self, error: BaseException | None) -> bool:
        """Mark the session offline; returns whether it was online."""
        reason = self._describe(error)
        with self._lock:
            was_online = self._online
            self._online = False
            self._reason = reason
            if self._as_of is None and self.snapshot is not None:
                self._as_of = self.snapshot.as_of()
        return was_online

    def _describe(self, error: BaseException | None) -> str:
        if isinstance(error, ConnectionLost):
            return _said(error)
        if not self.offline_capable:
            return _said(sqlite_unreachable(self.url))
        if isinstance(error, KeydeskError) and not isinstance(error, NoOfflineCopy):
            return _said(error)
        return sentence("Offline", "The connection to the {where} was lost.").format(
            where=_where(self.url)
        )

    def _pending_count(self) -> int:
        return self.queue.count() if self.queue is not None else 0

    def _notify(self) -> None:
        status = self.status()
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("a session listener failed")

    def _maybe_reconnect(self) -> None:
        if not self.auto_reconnect or self._stop.is_set():
            return
        with self._lock:
            if self._reconnector is not None:
                return  # the running thread sees we are offline and keeps trying
            thread = threading.Thread(
                target=self._reconnect_in_background, name="keydesk-reconnect", daemon=True
            )
            self._reconnector = thread
            thread.start()

    def _reconnect_in_background(self) -> None:
        try:
            while True:
                back = self.reconnect_until(self._stop)
                with self._lock:
                    # Decided under the lock that _maybe_reconnect takes: a loss reported
                    # after this point starts a new thread, one before it keeps us going.
                    if not back or self._online or self._stop.is_set():
                        self._reconnector = None
                        return
        except Exception as error:  # not a connection failure: retrying cannot cure it
            log.exception("reconnecting to %s stopped", _where(self.url))
            self.reconnect_error = error
            with self._lock:
                self._reconnector = None
                self._reason = _said(error) if isinstance(error, KeydeskError) else repr(error)
            self._notify()


def _read_catalog() -> Catalog:
    return catalog.list_models(), catalog.list_skills()


def _merge(first: ApplyResult, second: ApplyResult) -> ApplyResult:
    return ApplyResult(
        revoked=first.revoked + second.revoked,
        already_revoked=first.already_revoked + second.already_revoked,
        dropped=first.dropped + second.dropped,
        failed=first.failed + second.failed,
        interrupted=second.interrupted,
        remaining=second.remaining,
    )


__all__ = [
    "NoOfflineCopy",
    "OfflineSession",
    "RevokeOutcome",
    "SessionData",
    "SessionStatus",
    "StartResult",
    "offline_text",
]
