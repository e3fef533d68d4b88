"""Following committed key changes for a verifier, on a thread of its own. No Qt.

A verifier answers remembered keys from memory, so it must learn of every revocation,
deletion and edit that other processes commit. :class:`KeyFollower` runs the change feed
(:class:`~keydesk.services.changes.ChangeFeed`: PostgreSQL's LISTEN/NOTIFY, else a poll of
the audit trail) and hands each batch of changed prefixes to its owner's ``apply``.

It also says how far memory may be trusted: :attr:`confirmed_at` is the monotonic time
at which the last successful round *started* (its query saw every change committed
before then, and ``apply`` has re-read those keys since). The feed is asked every
``interval`` even when nothing was notified, so a notification lost on a silently dead
connection delays nothing beyond one round. A verifier that finds ``confirmed_at`` older
than its bound stops trusting memory until the follower confirms again.

Failures (the database gone, a killed connection) are retried every ``interval``; the
feed keeps its place, and prefixes whose re-read failed are retried with the next round,
so no change is lost. If the feed itself could not be made (the database was down when
the verifier started), it is made once the database answers and everything remembered
is re-read, since changes committed meanwhile were not followed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

import peewee

from keydesk.errors import DatabaseError
from keydesk.services.changes import ChangeFeed, Changes

log = logging.getLogger(__name__)

#: apply(changed, deleted, everything): re-read ``changed`` prefixes, forget ``deleted``
#: ones, or re-read everything remembered when ``everything`` is true. Raises
#: DatabaseError or peewee.DatabaseError when the re-read failed.
Apply = Callable[[set[str], set[str], bool], None]


class KeyFollower:
    def __init__(self, db: peewee.Database, apply: Apply, *, interval: float) -> None:
        self._db = db
        self._apply = apply
        self.interval = interval
        self.confirmed_at = float("-inf")
        self.rounds = 0  # successful rounds, for tests and metrics
        self._feed: ChangeFeed | None = None
        self._pending: set[str] = set()  # changed prefixes not re-read yet
        self._pending_deleted: set[str] = set()
        self._resync = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="keydesk-key-follower", daemon=True)

    def start(self) -> None:
        """Make the feed now when the database answers (so nothing committed after this
        call is missed), then follow on the thread."""
        with contextlib.suppress(DatabaseError, peewee.DatabaseError):
            self._feed = ChangeFeed(self._db, safety=0.0)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        feed = self._feed
        if feed is not None:
            feed.wake()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    @property
    def following(self) -> bool:
        return self._feed is not None

    @property
    def listening(self) -> bool:
        feed = self._feed
        return feed is not None and feed.listening

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._round()
                feed = self._feed
                if feed is None:
                    self._stop.wait(self.interval)
                else:
                    feed.wait(self.interval)
        finally:
            if self._feed is not None:
                self._feed.close()
            with contextlib.suppress(Exception):
                self._db.close()  # this thread's connection (re-reads), not the caller's

    def _round(self) -> None:
        started = time.monotonic()
        try:
            if self._feed is None:
                self._feed = ChangeFeed(self._db, safety=0.0)
                self._resync = True  # changes made while nobody followed are unknown
            changes: Changes = self._feed.poll()
            self._pending = (self._pending - changes.deleted) | changes.changed
            self._pending_deleted |= changes.deleted
            self._apply(set(self._pending), set(self._pending_deleted), self._resync)
        except (DatabaseError, peewee.DatabaseError, OSError) as error:
            log.info("following key changes paused: %s", error)
            return
        self._pending.clear()
        self._pending_deleted.clear()
        self._resync = False
        self.confirmed_at = started
        self.rounds += 1
