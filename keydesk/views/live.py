"""Live refresh and offline state for one main window, off the GUI thread.

:class:`LiveRefresh` owns a :class:`~keydesk.services.changes.ChangeFeed` and a plain
worker thread that loops ``feed.wait(); feed.poll()``; the prefixes another desk (or
this one) changed are read with :func:`~keydesk.services.keys.get_key_rows` on that
thread and handed to the GUI as a :class:`KeyUpdate` through a queued signal, so the
keys page patches only those rows. It also forwards the
:class:`~keydesk.offline.OfflineSession`'s status (online, offline since when, pending
revocations) to the GUI thread, and saves the offline snapshot in the background.

It also notices a server that stops answering while the window sits idle. On MariaDB and
SQLite the feed's poll asks the server every ``interval``; on PostgreSQL, where the feed
waits for notifications and may send nothing for long, the worker sends a heartbeat
(``SELECT 1`` on the LISTEN connection) once the server has been quiet for ``heartbeat``
seconds. Each call is guarded by a :class:`~keydesk.offline.watchdog.Watchdog`: if it has
not answered within ``silence`` seconds, the session goes offline and the feed's sockets
are shut, so the blocked call returns. A closed connection fails at once; a silent one
(a partition, a server gone without a goodbye) is noticed within ``heartbeat + silence``
(at most 4 s by default; 3.1-4.0 s measured here, see the README).

No widget is touched here: every signal is emitted from the worker (or the session's
reconnection thread, or the watchdog) and delivered queued to receivers on the GUI thread.
Why this is a plain thread and not a pool job: :mod:`keydesk.views.tasks`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from keydesk.errors import DatabaseUnavailable, KeydeskError
from keydesk.offline import OfflineError, OfflineSession, SessionStatus, probe_server
from keydesk.offline.watchdog import Watchdog
from keydesk.services.changes import ChangeFeed
from keydesk.services.database import on_own_connection
from keydesk.services.key_columns import KeyColumns
from keydesk.services.keys import KeyRow, get_key_rows, list_key_rows
from keydesk.views import i18n
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.reading import run_read

log = logging.getLogger(__name__)

_JOIN_S = 5.0
#: Seconds without an answer from the server after which the worker asks it (PostgreSQL;
#: elsewhere the feed's poll asks every second anyway).
HEARTBEAT_S = 1.0
#: Seconds a call to the server may go unanswered before the server is taken as gone.
#: A heartbeat or a poll answers in milliseconds even on a busy server.
SILENCE_S = 3.0
#: Re-reading changed rows may take long (every key after an offline start, another
#: desk's bulk revoke): past this, a probe on a fresh connection decides whether the
#: server is gone or the read merely slow (then it is given as long again, and so on).
READ_SILENCE_S = 5.0


@dataclass(frozen=True)
class KeyUpdate:
    """Rows to patch into the keys table.

    ``rows``: the keys as they are now (created, edited, reassigned or revoked);
    ``deleted``: prefixes to drop; ``full``: ``rows`` is every key (a resync after an
    offline start), so any other row on screen is gone too.
    """

    rows: list[KeyRow] = field(default_factory=list)
    deleted: frozenset[str] = frozenset()
    full: bool = False
    other: frozenset[str] = frozenset()

    @property
    def prefixes(self) -> set[str]:
        return {row.prefix for row in self.rows} | set(self.deleted)


class LiveRefresh(QObject):
    """Keeps one window's keys fresh and reports the connection state.

    Create it *before* the rows are loaded (the feed starts from the newest change, so
    nothing committed while loading is missed). With ``resync=True`` (an offline start:
    the rows on screen come from the snapshot) the first read after the server is back
    is every key. Call :meth:`close` when the window closes.
    """

    keysChanged = Signal(object)  # KeyUpdate
    statusChanged = Signal(object)  # SessionStatus
    snapshotSaved = Signal(int)
    #: A save was abandoned because rows changed while it read them: save again.
    snapshotOutdated = Signal()
    feedFailed = Signal(str)

    def __init__(
        self,
        session: OfflineSession,
        parent: QObject | None = None,
        *,
        interval: float = 1.0,
        resync: bool = False,
        heartbeat: float = HEARTBEAT_S,
        silence: float = SILENCE_S,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.interval = interval
        self.heartbeat = heartbeat
        self.silence = silence
        self._stop = threading.Event()
        self._woken = threading.Event()
        self._lock = threading.Lock()
        self._feed: ChangeFeed | None = None
        self._resync = resync
        self._last_failure: str | None = None
        self._saving = False
        self._pending: set[str] = set()  # changed prefixes not re-read yet
        self._pending_deleted: set[str] = set()
        self._pending_other: set[str] = set()
        self._reading = False  # what the watchdog guards: a long read, or a cheap call
        self._watchdog = Watchdog(self._on_silent, name="keydesk-live-watchdog")
        self._unsubscribe = session.subscribe(self._on_session_status)
        if session.online:
            with contextlib.suppress(DatabaseUnavailable):  # the worker tries again
                self._feed = ChangeFeed(interval=interval)
        if parent is not None:  # a window deleted without closing still stops the worker
            stop, wake = self._stop, self.wake

            def stop_worker(*_args: object) -> None:
                stop.set()
                wake()

            parent.destroyed.connect(stop_worker)
        self._thread = threading.Thread(target=self._run, name="keydesk-live", daemon=True)
        self._thread.start()

    # --- public (GUI thread) -----------------------------------------------------------

    @property
    def listening(self) -> bool:
        feed = self._feed
        return feed is not None and feed.listening

    def wake(self) -> None:
        """Poll now instead of at the end of the current wait."""
        self._woken.set()
        with self._lock:
            feed = self._feed
        if feed is not None:
            feed.wake()

    def save_snapshot(self, model: KeyTableModel) -> None:
        """Save the keys on screen (just read from the server) as the offline copy, off
        the GUI thread, reading ``model``'s columns as they are, a batch at a time,
        without a copy (a copy of a million keys' columns took ~60 MB more). If a row
        changes in place meanwhile (:class:`~keydesk.views.key_table_model.EditCount`),
        the save is abandoned, the old copy kept, and :attr:`snapshotOutdated` says to
        save again. Does nothing offline or while a save runs."""
        if not self.session.offline_capable or not self.session.online or self._saving:
            return
        self._saving = True
        edits = model.edits  # not the model: a worker must hold no Qt object
        rows = _unchanged_rows(model.columns, len(model.columns), lambda: edits.count)

        def save() -> int:
            return self.session.refresh_snapshot(rows)

        def done(count: int) -> None:
            self._saving = False
            self.snapshotSaved.emit(count)

        def failed(error: Exception) -> None:
            self._saving = False
            if isinstance(error, RowsChanged):
                self.snapshotOutdated.emit()
            elif not isinstance(error, OfflineError) and not self.session.handle_error(error):
                log.warning("could not save the offline copy: %s", error)

        run_read(save, done, failed, self)

    def close(self) -> None:
        """Stop the worker (waits for it briefly) and the session's reconnection."""
        self._stop.set()
        self._unsubscribe()
        self.wake()
        self._thread.join(_JOIN_S)
        self._watchdog.close()
        self.session.close()

    # --- any thread --------------------------------------------------------------------

    def _on_session_status(self, status: SessionStatus) -> None:
        if status.online:
            self.wake()  # catch up at once on what happened while offline
        if not self._stop.is_set():
            with contextlib.suppress(RuntimeError):
                self.statusChanged.emit(status)

    # --- the worker thread -------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if not self.session.online:
                    # The session's reconnection thread asks the server; nothing to do
                    # here until it is back (its status wakes us).
                    self._woken.wait(0.5)
                    self._woken.clear()
                    continue
                feed = self._feed or self._open_feed()
                if feed is None:
                    self._stop.wait(min(self.interval, 0.5))
                    continue
                feed.wait(min(1.0, max(0.0, self.heartbeat - feed.quiet_for)))
                self._woken.clear()
                if self._stop.is_set():
                    break
                if self.session.online:
                    self._poll(feed)
        finally:
            self._watchdog.close()  # also when the window was deleted without close()
            with self._lock:
                feed, self._feed = self._feed, None
            if feed is not None:
                feed.close()

    def _open_feed(self) -> ChangeFeed | None:
        if not self.session.online:
            return None
        try:
            with self._guard(reading=True):
                feed = ChangeFeed(interval=self.interval)
        except Exception as error:
            self._failed(error)
            return None
        with self._lock:
            self._feed = feed
        return feed

    def _poll(self, feed: ChangeFeed) -> None:
        try:
            with self._guard(reading=False):
                changes = feed.poll()
                if feed.quiet_for >= self.heartbeat:
                    feed.heartbeat()  # the feed sent nothing lately: is the server there?
            # Kept until re-read: a failure below must not lose them.
            self._pending = (self._pending - changes.deleted) | changes.changed
            self._pending_deleted = (self._pending_deleted - changes.changed) | changes.deleted
            self._pending_other |= changes.other
            with self._guard(reading=True):
                if self._resync:
                    rows = on_own_connection(list_key_rows)
                    self._resync = False
                    self._clear_pending()
                    self._emit(KeyUpdate(rows=rows, full=True))
                    return
                if not (self._pending or self._pending_deleted or self._pending_other):
                    return
                wanted = sorted(self._pending)
                rows = []
                if wanted:
                    rows = on_own_connection(get_key_rows, wanted)
            found = {row.prefix for row in rows}
            gone = self._pending_deleted | (set(wanted) - found)
            other = frozenset(self._pending_other)
            self._clear_pending()
            self._emit(KeyUpdate(rows, frozenset(gone), other=other))
            self._last_failure = None
        except Exception as error:
            self._failed(error)

    def _clear_pending(self) -> None:
        self._pending.clear()
        self._pending_deleted.clear()
        self._pending_other.clear()

    # --- the watchdog's thread ---------------------------------------------------------

    def _guard(self, *, reading: bool) -> contextlib.AbstractContextManager[None]:
        self._reading = reading
        return self._watchdog.guard(max(self.silence, READ_SILENCE_S) if reading else self.silence)

    def _on_silent(self, seconds: float) -> bool:
        """A call of the worker went unanswered for ``seconds``: offline now, and the
        feed's sockets shut so the call returns (its error then finds us offline). A
        long read is first asked about: if the server answers a probe, it is only slow,
        and the watchdog gives it as long again."""
        if self._stop.is_set():
            return False
        if self._reading and probe_server(self.session.url, max(2, round(self.silence))) is None:
            return True
        log.warning("the database did not answer for %g s: going offline", seconds)
        self.session.on_server_silent(seconds)
        with self._lock:
            feed = self._feed
        if feed is not None:
            feed.interrupt()
        return False

    def _emit(self, update: KeyUpdate) -> None:
        if not self._stop.is_set():
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                self.keysChanged.emit(update)

    def _failed(self, error: Exception) -> None:
        if self.session.handle_error(error):
            return  # the session went offline; its status says so
        if isinstance(error, KeydeskError):
            text = i18n.error_text(error)
        else:
            text = self.tr("Live refresh failed: {kind}").format(kind=type(error).__name__)
        if text != self._last_failure:
            log.warning("live refresh failed: %s", error)
            self._last_failure = text
            if not self._stop.is_set():
                with contextlib.suppress(RuntimeError):
                    self.feedFailed.emit(text)


class RowsChanged(Exception):
    """Rows changed in place while the offline copy's save read them."""


def _unchanged_rows(
    columns: KeyColumns, count: int, edits: Callable[[], int], batch: int = 2_000
) -> Iterator[KeyRow]:
    """The first ``count`` rows of ``columns``, a batch at a time, checking before each
    batch and after the last that no row was changed in place since this was called
    (raising :class:`RowsChanged`): the save then never writes a row caught half-way
    through an edit. Rows appended meanwhile lie past ``count``; removed rows and resets
    give the model new columns and leave these alone."""
    at_start = edits()
    for start in range(0, count, batch):
        if edits() != at_start:
            raise RowsChanged
        yield from columns.rows_between(start, min(count, start + batch))
    if edits() != at_start:
        raise RowsChanged
