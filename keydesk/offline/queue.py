"""The durable queue of revocations decided while the server was out of reach.

A leaked key must be revoked even when the shared server is down, and the revocation
must neither get lost (the app may be killed before the server is back) nor happen twice
(the app may be killed between the server's commit and forgetting the entry). So:

* :meth:`RevocationQueue.enqueue` commits the entry to a local SQLite file with
  ``synchronous=FULL`` before it returns: once the person saw "revocation pending", the
  entry is on disk and survives SIGKILL and power loss;
* every entry carries a request id, the time and the operator of the decision;
  :meth:`RevocationQueue.apply` hands all three to ``revoke_keys``, which writes the audit
  entry with the original time and operator and treats a request id it has already
  applied as done (it reports the key as already revoked and writes nothing);
* an entry is forgotten only after the server confirmed it, so a crash in between just
  makes the next :meth:`apply` ask again, harmlessly.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from keydesk.errors import KeydeskError, NotFound, ValidationError, sentence
from keydesk.offline.connectivity import is_connection_error
from keydesk.offline.local import (
    ensure_private_file,
    execute,
    local_database,
    queue_path,
    raw_cursor,
)
from keydesk.services.clock import to_storage
from keydesk.services.keys import RevokeResult
from keydesk.store.connection import redact_url

log = logging.getLogger(__name__)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS pending_revocation (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL,
        prefix TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        UNIQUE (request_id, prefix)
    )""",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


class Revoker(Protocol):
    """The shape of :func:`keydesk.services.keys.revoke_keys`."""

    def __call__(
        self,
        prefixes: Iterable[str],
        *,
        at: datetime | None = ...,
        operator: str | None = ...,
        request_id: str | None = ...,
    ) -> RevokeResult: ...


@dataclass(frozen=True)
class PendingRevocation:
    """One key to revoke once the server is back, as decided by ``operator`` at ``at``
    (naive UTC, to the second)."""

    request_id: str
    prefix: str
    at: datetime
    operator: str


@dataclass(frozen=True)
class ApplyResult:
    """What one :meth:`RevocationQueue.apply` did.

    ``revoked``: revoked on the server now. ``already_revoked``: the server had it revoked
    already (by someone else, or by this very entry before a crash); nothing written.
    ``dropped``: the key no longer exists on the server; the entry is gone. ``failed``:
    the server refused for another reason (the sentence is given); the entry stays.
    ``interrupted``: the connection was lost; this entry and the rest stay queued.
    """

    revoked: tuple[PendingRevocation, ...] = ()
    already_revoked: tuple[PendingRevocation, ...] = ()
    dropped: tuple[PendingRevocation, ...] = ()
    failed: tuple[tuple[PendingRevocation, str], ...] = ()
    interrupted: bool = False
    remaining: int = 0

    @property
    def done(self) -> bool:
        """Whether the queue is empty now."""
        return self.remaining == 0

    def summary(self) -> str:
        """One sentence for the status bar, e.g. after reconnecting."""
        counted = (
            (
                len(self.revoked),
                sentence("Offline", "1 pending revocation applied"),
                sentence("Offline", "{count} pending revocations applied"),
            ),
            (
                len(self.already_revoked),
                sentence("Offline", "1 key already revoked"),
                sentence("Offline", "{count} keys already revoked"),
            ),
            (
                len(self.dropped),
                sentence("Offline", "1 key no longer on the server"),
                sentence("Offline", "{count} keys no longer on the server"),
            ),
            (
                self.remaining,
                sentence("Offline", "1 revocation still pending"),
                sentence("Offline", "{count} revocations still pending"),
            ),
        )
        parts = [
            one if count == 1 else many.format(count=f"{count:,}")
            for count, one, many in counted
            if count
        ]
        if not parts:
            return sentence("Offline", "No revocation was pending.")
        joined = parts[-1]
        for part in reversed(parts[:-1]):
            joined = sentence("Offline", "{first}; {rest}").format(first=part, rest=joined)
        return sentence("Offline", "{parts}.").format(parts=joined)


@dataclass
class _Tally:
    revoked: list[PendingRevocation] = field(default_factory=list)
    already: list[PendingRevocation] = field(default_factory=list)
    dropped: list[PendingRevocation] = field(default_factory=list)
    failed: list[tuple[PendingRevocation, str]] = field(default_factory=list)


class RevocationQueue:
    """The revocation queue of the server at ``url``, in ``<data_dir>/snapshots``.

    Thread-safe and process-safe: each call opens and closes its own connection (WAL, busy
    timeout), and :meth:`apply` runs once at a time per queue object. Two processes
    applying the same entry at once cannot revoke twice either: the server's revocation is
    conditional on the key not being revoked yet.
    """

    def __init__(self, url: str, path: Path | None = None) -> None:
        self.server = redact_url(url.strip())
        self.path = path or queue_path(url)
        self._db = local_database(self.path, journal_mode="wal")
        self._apply_lock = threading.Lock()
        self._ready = False

    # --- writing --------------------------------------------------------------------------

    def enqueue(self, prefixes: Iterable[str], operator: str, at: datetime) -> str:
        """Queue the revocation of ``prefixes`` by ``operator`` at ``at``; returns its
        request id. The entry is on disk (fsync'd) when this returns."""
        wanted = list(dict.fromkeys(p.strip() for p in prefixes if p and p.strip()))
        if not wanted:
            raise ValidationError(sentence("Keys", "No key was given."))
        request_id = uuid.uuid4().hex
        moment = to_storage(at).isoformat(sep=" ")
        with self._connection(), self._db.atomic(lock_type="IMMEDIATE"):
            raw_cursor(self._db).executemany(
                "INSERT INTO pending_revocation (request_id, prefix, at, operator)"
                " VALUES (?, ?, ?, ?)",
                [(request_id, prefix, moment, operator[:100]) for prefix in wanted],
            )
        return request_id

    def remove(self, request_id: str, prefixes: Iterable[str] | None = None) -> int:
        """Forget entries of ``request_id`` (only ``prefixes`` of it, if given); returns
        how many. Call it only once the server confirmed them (or refused them for good)."""
        if not self.path.exists():
            return 0
        with self._connection(), self._db.atomic(lock_type="IMMEDIATE"):
            if prefixes is None:
                cursor = execute(
                    self._db, "DELETE FROM pending_revocation WHERE request_id = ?", (request_id,)
                )
                return int(cursor.rowcount)
            cursor = raw_cursor(self._db)
            cursor.executemany(
                "DELETE FROM pending_revocation WHERE request_id = ? AND prefix = ?",
                [(request_id, prefix) for prefix in prefixes],
            )
            return int(cursor.rowcount)

    # --- reading --------------------------------------------------------------------------

    def pending(self) -> list[PendingRevocation]:
        """Every queued revocation, oldest first."""
        if not self.path.exists():
            return []
        with self._connection():
            rows = execute(
                self._db,
                "SELECT request_id, prefix, at, operator FROM pending_revocation ORDER BY seq",
            ).fetchall()
        return [
            PendingRevocation(request_id, prefix, datetime.fromisoformat(at), operator)
            for request_id, prefix, at, operator in rows
        ]

    def pending_prefixes(self) -> set[str]:
        """The prefixes waiting to be revoked, for the table's "revocation pending"."""
        if not self.path.exists():
            return set()
        with self._connection():
            rows = execute(self._db, "SELECT DISTINCT prefix FROM pending_revocation")
            return {prefix for (prefix,) in rows.fetchall()}

    def count(self) -> int:
        """How many keys are waiting to be revoked."""
        if not self.path.exists():
            return 0
        with self._connection():
            (count,) = execute(self._db, "SELECT count(*) FROM pending_revocation").fetchone()
        return int(count)

    # --- applying -------------------------------------------------------------------------

    def apply(self, revoke: Revoker) -> ApplyResult:
        """Send every queued revocation to the server, oldest first, one key at a time.

        ``revoke`` is :func:`keydesk.services.keys.revoke_keys` (against the bound server).
        Each entry is removed only after ``revoke`` returned. A key the server no longer
        has is dropped and reported; a connection error stops here and keeps this entry
        and the rest; any other refusal is reported and the entry kept for a later try.
        """
        with self._apply_lock:
            tally = _Tally()
            interrupted = False
            for entry in self.pending():
                try:
                    result = revoke(
                        [entry.prefix],
                        at=entry.at,
                        operator=entry.operator,
                        request_id=entry.request_id,
                    )
                except NotFound:
                    self.remove(entry.request_id, [entry.prefix])
                    tally.dropped.append(entry)
                    continue
                except Exception as error:
                    if is_connection_error(error):
                        interrupted = True
                        break
                    if isinstance(error, KeydeskError):
                        tally.failed.append((entry, str(error)))
                    else:
                        log.exception("applying the queued revocation of %s failed", entry.prefix)
                        tally.failed.append((entry, f"{type(error).__name__}: {error}"))
                    continue
                self.remove(entry.request_id, [entry.prefix])
                if entry.prefix in result.revoked:
                    tally.revoked.append(entry)
                else:
                    tally.already.append(entry)
            return ApplyResult(
                revoked=tuple(tally.revoked),
                already_revoked=tuple(tally.already),
                dropped=tuple(tally.dropped),
                failed=tuple(tally.failed),
                interrupted=interrupted,
                remaining=self.count(),
            )

    # --- internals ------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[None]:
        """A connection of this thread for one call; creates the file (owner-only) and its
        tables on first use."""
        if not self._ready:
            ensure_private_file(self.path)
        with self._db.connection_context():
            if not self._ready:
                for statement in _SCHEMA:
                    execute(self._db, statement)
                execute(
                    self._db,
                    "INSERT OR IGNORE INTO meta (name, value) VALUES ('server', ?)",
                    (self.server,),
                )
                self._ready = True
            yield
