"""Usage of opted-in keys, counted in memory and written once a second. No Qt.

A verification must not wait for a write: on SQLite one write transaction per call
capped verification at the disk's commit rate and failed with "database is locked"
behind a long bulk revoke. So :class:`UsageCounter` adds each successful verification of
an opted-in key to an in-memory count per key, model and minute, and a writer thread
adds those counts to ``usage_minute`` (and moves ``last_used`` forward) in ONE
transaction per second, whatever the call rate, and once more at shutdown.

Consent is checked again when writing: a key whose owner withdrew consent (or that was
deleted) since it was counted records nothing. A failed write keeps its counts for the
next attempt (at most :data:`MAX_PENDING` rows wait, the oldest minutes are dropped
beyond that, so a long outage cannot exhaust memory); it never changes a verdict.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import peewee

from keydesk.store.models import ApiKey, UsageMinute, tuples

log = logging.getLogger(__name__)

#: Seconds between two writes.
FLUSH_INTERVAL = 1.0
#: Rows (key, model, minute) that may wait for a write; the oldest minutes go beyond it.
MAX_PENDING = 200_000
_CHUNK = 500  # rows per INSERT and ids per IN (…), well under every backend's limits

Count = tuple[int, str, int]  # key id, model ("" for none), minute since the epoch


def _stored(seconds: float) -> datetime:
    """A time.time() value as keydesk stores time: naive UTC, whole seconds."""
    return datetime.fromtimestamp(int(seconds), timezone.utc).replace(tzinfo=None)


class UsageCounter:
    """Counts verifications of opted-in keys and writes them to ``db`` once a second.

    :meth:`count` is called on the verification path (any thread) and costs a lock and
    two dictionary updates. :meth:`start` runs the writer thread; :meth:`flush` writes
    now (the writer, shutdown and tests call it); :meth:`close` stops the writer and
    writes what is left.
    """

    def __init__(self, db: peewee.Database, *, interval: float = FLUSH_INTERVAL) -> None:
        self._db = db
        self.interval = interval
        self._lock = threading.Lock()
        self._counts: dict[Count, int] = {}
        self._last_used: dict[int, float] = {}
        self._flush_lock = threading.Lock()  # one write at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.transactions = 0  # write transactions committed
        self.failures = 0  # write attempts that failed (and will be retried)

    # -- counting ----------------------------------------------------------------------------

    def count(self, key_id: int, model: str, now: float) -> None:
        entry = (key_id, model, int(now // 60))
        with self._lock:
            self._counts[entry] = self._counts.get(entry, 0) + 1
            if self._last_used.get(key_id, 0.0) < now:
                self._last_used[key_id] = now

    @property
    def pending(self) -> int:
        """Rows waiting to be written."""
        return len(self._counts)

    # -- writing -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="keydesk-usage-writer", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        """Stop the writer and write what is left (one last attempt)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with contextlib.suppress(Exception):  # reported by flush already
            self.flush()
        with contextlib.suppress(Exception):
            self._db.close()

    def flush(self) -> bool:
        """Write the counts gathered so far in one transaction. True when nothing is left
        to write; False when the write failed (the counts wait for the next attempt)."""
        with self._flush_lock:
            with self._lock:
                counts, self._counts = self._counts, {}
                last_used, self._last_used = self._last_used, {}
            if not counts:
                return True
            try:
                self._write(counts, last_used)
            except (peewee.DatabaseError, OSError) as error:
                self.failures += 1
                log.warning("usage counts not written yet, will retry: %s", _first_line(error))
                self._put_back(counts, last_used)
                with contextlib.suppress(Exception):
                    self._db.close()  # a broken connection is reopened by the next attempt
                return False
            self.transactions += 1
            return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()
        with contextlib.suppress(Exception):
            self._db.close()  # this thread's connection

    def _put_back(self, counts: dict[Count, int], last_used: dict[int, float]) -> None:
        with self._lock:
            for entry, calls in counts.items():
                self._counts[entry] = self._counts.get(entry, 0) + calls
            for key_id, moment in last_used.items():
                if self._last_used.get(key_id, 0.0) < moment:
                    self._last_used[key_id] = moment
            if len(self._counts) > MAX_PENDING:
                for entry in sorted(self._counts, key=lambda item: item[2])[
                    : len(self._counts) - MAX_PENDING
                ]:
                    del self._counts[entry]

    def _write(self, counts: dict[Count, int], last_used: dict[int, float]) -> None:
        db = self._db
        atomic = (
            db.atomic(lock_type="IMMEDIATE")
            if isinstance(db, peewee.SqliteDatabase)
            else db.atomic()
        )
        with atomic:
            consenting = self._consenting(db, {key_id for key_id, _, _ in counts})
            rows = [
                {
                    "key": key_id,
                    "model": model,
                    "minute": _stored(minute * 60),
                    "calls": calls,
                }
                for (key_id, model, minute), calls in sorted(counts.items())
                if key_id in consenting
            ]
            for start in range(0, len(rows), _CHUNK):
                _upsert(db, rows[start : start + _CHUNK])
            for key_id in sorted(consenting):
                moment = _stored(last_used[key_id])
                ApiKey.update(last_used=moment).where(
                    (ApiKey.id == key_id)
                    & (ApiKey.last_used.is_null() | (ApiKey.last_used < moment))
                ).bind(db).execute()

    @staticmethod
    def _consenting(db: peewee.Database, key_ids: Iterable[int]) -> set[int]:
        """Those of ``key_ids`` that still exist and still opt in (read in the write's
        transaction, so consent withdrawn before it commits is honoured)."""
        wanted = sorted(key_ids)
        found: set[int] = set()
        for start in range(0, len(wanted), _CHUNK):
            query = ApiKey.select(ApiKey.id).where(
                ApiKey.id.in_(wanted[start : start + _CHUNK]) & (ApiKey.opt_in == True)  # noqa: E712
            )
            found.update(int(row[0]) for row in tuples(query.bind(db)))
        return found


def _upsert(db: peewee.Database, rows: list[dict[str, Any]]) -> None:
    """Add ``rows``' calls to their (key, minute, model) rows, creating missing ones."""
    query = UsageMinute.insert_many(rows)
    if isinstance(db, peewee.MySQLDatabase):
        query = query.on_conflict(
            update={UsageMinute.calls: UsageMinute.calls + peewee.fn.VALUES(UsageMinute.calls)}
        )
    else:
        query = query.on_conflict(
            conflict_target=[UsageMinute.key, UsageMinute.minute, UsageMinute.model],
            update={UsageMinute.calls: UsageMinute.calls + peewee.EXCLUDED.calls},
        )
    query.bind(db).execute()


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(".") if text else type(error).__name__
