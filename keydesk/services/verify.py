"""Verifying a presented key at request rate. No Qt.

Order: parse → checksum → lookup by prefix → bcrypt → revoked? → expired? → model
permitted? Every refusal has a reason code; ``unavailable`` means no verdict could be
reached (the database is gone), never a raw driver exception.

bcrypt is what keeps a stolen database from yielding keys, and it costs ~250 ms of CPU
at cost 12: 4 verifications a second on one core. A :class:`Verifier` therefore spends
it once per key and process. After the first successful check it remembers what the
verdict depends on (revoked, expiry, permitted models, owner, consent), indexed by a
keyed BLAKE2b digest of the presented key under a random per-process key, so memory
never holds the plaintext and a memory dump gives nothing to try offline. Later checks
of the same key cost a dictionary lookup (≥ 100,000 a second on one thread; see README,
"Performance"). Expiry is judged at every call against the clock.

What memory says is only as fresh as the change feed behind it
(:class:`~keydesk.services.key_follower.KeyFollower`): every revocation, deletion and
edit another process commits is re-read within a fraction of a second (LISTEN/NOTIFY on
PostgreSQL, a poll of the audit trail elsewhere). When the follower has not confirmed
for longer than ``stale_after`` (0.75 s on PostgreSQL, 1.5 s elsewhere: inside the 1 s
and 2 s bounds of PRODUCT.md), memory is not trusted: the key's row is re-read at each
call (never another bcrypt), or the answer is ``unavailable``.

Unknown prefixes and wrong secrets cost the same single bcrypt, at the configured cost,
against a written-down hash that nothing matches; a wrong secret for a remembered prefix
never evicts the good entry. bcrypt runs in a bounded pool
(:class:`~keydesk.services.bcrypt_pool.BcryptPool`), so a flood of well-formed unknown
keys queues there and answers from memory go on. Usage of opted-in keys is counted in
memory and written once a second (:class:`~keydesk.services.usage.UsageCounter`).
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

import peewee

from keydesk import keyformat
from keydesk.config import default_db_url, settings
from keydesk.errors import DatabaseError, DatabaseUnavailable
from keydesk.services.bcrypt_pool import BcryptPool, PoolClosed
from keydesk.services.hashing import check_secret, cost_of, hash_secret, unmatched_hash
from keydesk.services.key_follower import KeyFollower
from keydesk.services.usage import UsageCounter
from keydesk.store.connection import build_database, describe, prepare_schema, probe
from keydesk.store.models import AiModel, ApiKey, KeyModel, User

MALFORMED = "malformed"
UNKNOWN = "unknown"
REVOKED = "revoked"
EXPIRED = "expired"
MODEL_NOT_PERMITTED = "model_not_permitted"
UNAVAILABLE = "unavailable"
REASONS = (MALFORMED, UNKNOWN, REVOKED, EXPIRED, MODEL_NOT_PERMITTED, UNAVAILABLE)

#: The longest text that can be a key (a 10-character tag); longer input is malformed
#: without being hashed.
MAX_KEY_LENGTH = 10 + 1 + keyformat.PREFIX_RANDOM_LENGTH + 1 + 32 + keyformat.CHECKSUM_LENGTH
#: After a failed read, callers answer ``unavailable`` at once for this long instead of
#: each waiting for its own connection attempt; then the next call tries again.
RETRY_AFTER = 0.25
#: Keys remembered at most; beyond it the oldest is forgotten (its next check costs one
#: bcrypt again). ~0.5 KiB each.
MAX_REMEMBERED = 100_000


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str | None = None
    prefix: str | None = None
    #: The owner's email (valid and refused-after-bcrypt verdicts), for gateways' headers.
    user: str | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return self.valid

    @property
    def code(self) -> str:
        """``valid`` or the reason code, as the CLI prints it."""
        return "valid" if self.valid else str(self.reason)


MALFORMED_VERDICT = Verdict(False, MALFORMED)


@dataclass(frozen=True)
class KeyFacts:
    """What a verdict on a key depends on, as read from its row."""

    key_id: int
    prefix: str
    user: str
    revoked: bool
    expires_at: float | None  # seconds since the epoch, or None for never
    opt_in: bool
    models: frozenset[str] = frozenset()


class _Remembered:
    """A key whose secret was proven in this process, with its verdicts built once."""

    __slots__ = ("expired", "facts", "not_permitted", "revoked", "valid")

    def __init__(self, facts: KeyFacts) -> None:
        self.facts = facts
        self.valid = Verdict(True, None, facts.prefix, facts.user)
        self.revoked = Verdict(False, REVOKED, facts.prefix, facts.user)
        self.expired = Verdict(False, EXPIRED, facts.prefix, facts.user)
        self.not_permitted = Verdict(False, MODEL_NOT_PERMITTED, facts.prefix, facts.user)


class _Unavailable(Exception):
    """No read could be made; :attr:`Verifier.problem` says why."""


class Verifier:
    """Verifies presented keys against the keydesk database at ``db_url``; safe to call
    from many threads at once.

    ``read_url`` sends reads (lookups, the change feed) elsewhere, e.g. to a PostgreSQL
    hot standby; writes (usage, hash upgrades) and schema checks use ``db_url``.
    ``remember=False`` makes every call a cold check (one bcrypt, no memory, no
    follower thread): for one-shot use such as the CLI. ``clock`` gives the time expiry
    is judged against (``time.time``). ``stale_after`` and ``follow_interval`` (seconds)
    override how long memory is trusted without a confirmed round of the change feed and
    how often the feed is asked (by default 0.75/0.25 on PostgreSQL, 1.5/0.5 elsewhere).
    Close it when done (usage is flushed); a verifier
    left open is closed at interpreter exit.

    Raises :class:`~keydesk.errors.DatabaseError` at construction for what retrying
    cannot fix (a bad URL, a file that is not a database, a schema newer than this app,
    a refused login); a database out of reach is not one of them: calls answer
    ``unavailable`` until it answers.
    """

    def __init__(
        self,
        db_url: str | None = None,
        *,
        read_url: str | None = None,
        remember: bool = True,
        bcrypt_workers: int | None = None,
        clock: Callable[[], float] = time.time,
        stale_after: float | None = None,
        follow_interval: float | None = None,
        max_remembered: int = MAX_REMEMBERED,
    ) -> None:
        self._write_db = build_database(db_url or default_db_url())
        self._read_db = build_database(read_url) if read_url else self._write_db
        postgres = isinstance(self._read_db, peewee.PostgresqlDatabase)
        self.stale_after = stale_after or (0.75 if postgres else 1.5)
        self._clock = clock
        self._remember = remember
        self._max_remembered = max_remembered
        self._salt = secrets.token_bytes(32)  # keys the digests: unknown outside this process
        self._known: dict[bytes, _Remembered] = {}
        self._by_prefix: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._seq = 0  # bumped whenever the follower applies changes
        self._ready = False
        self._ready_lock = threading.Lock()
        self._down_until = 0.0
        self.problem: str | None = None
        self.memory_hits = 0
        self.cold_checks = 0
        self.rereads = 0
        self._pool = BcryptPool(bcrypt_workers)
        self.usage = UsageCounter(self._write_db)
        with contextlib.suppress(_Unavailable):
            self._prepare()
        self.follower: KeyFollower | None = None
        if remember:
            self.follower = KeyFollower(
                self._read_db, self._apply, interval=follow_interval or (0.25 if postgres else 0.5)
            )
            self.follower.start()
        self.usage.start()
        self._finalizer = weakref.finalize(self, _close, self.follower, self.usage, self._pool)

    # -- the public surface ------------------------------------------------------------------

    def verify(self, key: object, model: str | None = None) -> Verdict:
        """Judge ``key`` (any object: only a well-formed str can pass) for ``model``."""
        digest = self._digest(key)
        if digest is not None and self._remember:
            entry = self._known.get(digest)
            if entry is not None:
                if self._trusted():
                    self.memory_hits += 1
                    return self._judge(entry, model)
                return self._reread(digest, entry, model)
        return self._cold(key, digest, model)

    def remembered(self, key: object, model: str | None = None) -> Verdict | None:
        """The verdict from memory when memory may answer it, else None (then call
        :meth:`verify`, which may wait for the database or a bcrypt check). For callers
        that must not block, such as an event loop."""
        digest = self._digest(key)
        if digest is None or not self._remember or not self._trusted():
            return None
        entry = self._known.get(digest)
        if entry is None:
            return None
        self.memory_hits += 1
        return self._judge(entry, model)

    def flush(self) -> bool:
        """Write the usage counted so far now (it is written every second anyway)."""
        return self.usage.flush()

    @property
    def remembered_count(self) -> int:
        return len(self._known)

    @property
    def bcrypt_queue(self) -> int:
        return self._pool.queued

    def healthy(self) -> bool:
        """Whether the database answers now (one round trip)."""
        try:
            self._read(self._read_db, lambda: probe(self._read_db))
        except _Unavailable:
            return False
        return True

    def close(self) -> None:
        """Stop following, write pending usage, and release connections and threads."""
        self._finalizer()
        for db in {self._read_db, self._write_db}:
            with contextlib.suppress(Exception):
                db.close()

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- memory ------------------------------------------------------------------------------

    def _digest(self, key: object) -> bytes | None:
        if type(key) is not str or len(key) > MAX_KEY_LENGTH:
            return None
        return hashlib.blake2b(
            key.encode("utf-8", "replace"), key=self._salt, digest_size=16
        ).digest()

    def _trusted(self) -> bool:
        follower = self.follower
        return follower is not None and time.monotonic() - follower.confirmed_at <= self.stale_after

    def _judge(self, entry: _Remembered, model: object) -> Verdict:
        facts = entry.facts
        if facts.revoked:
            return entry.revoked
        # "has expired" is expires <= now (services.key_rules.has_expired), here on epoch
        # seconds: a datetime per call would cost more than the rest of the answer
        if facts.expires_at is not None and facts.expires_at <= self._clock():
            return entry.expired
        if model is not None:
            if type(model) is not str:
                return entry.not_permitted
            if model not in facts.models:
                model = model.strip()
                if model not in facts.models:
                    return entry.not_permitted
        if facts.opt_in:
            self.usage.count(facts.key_id, model or "", self._clock())
        return entry.valid

    def _keep(self, digest: bytes | None, facts: KeyFacts, seq: int) -> _Remembered | None:
        """Remember ``facts`` under ``digest`` unless the follower applied changes since
        ``seq`` was read (then the row is read again first). Returns what to judge by, or
        None when the key was deleted meanwhile."""
        entry = _Remembered(facts)
        if digest is None or not self._remember:
            return entry
        for _attempt in range(3):
            with self._lock:
                if self._seq == seq:
                    if len(self._known) >= self._max_remembered:
                        self._forget_oldest()
                    self._known[digest] = entry
                    self._by_prefix[facts.prefix] = digest
                    return entry
                seq = self._seq
            try:
                fresh = self._read_keys(ApiKey.prefix == facts.prefix)
            except _Unavailable:
                return entry  # judged by what was read; not remembered
            if not fresh:
                return None
            entry = _Remembered(fresh[0])
        return entry

    def _forget_oldest(self) -> None:
        digest = next(iter(self._known))
        entry = self._known.pop(digest)
        self._by_prefix.pop(entry.facts.prefix, None)

    def _apply(self, changed: set[str], deleted: set[str], everything: bool) -> None:
        """The follower's report (on its thread): forget deleted keys, re-read changed
        ones that are remembered. Raises when the re-read fails (the follower retries)."""
        with self._lock:
            for prefix in deleted:
                digest = self._by_prefix.pop(prefix, None)
                if digest is not None:
                    self._known.pop(digest, None)
            if everything:
                changed = set(self._by_prefix)
            if changed or deleted:
                self._seq += 1
            wanted = changed & self._by_prefix.keys()
        if not wanted:
            return
        fresh: dict[str, KeyFacts] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for facts in self._read_keys(ApiKey.prefix.in_(chunk), circuit=False):
                fresh[facts.prefix] = facts
        with self._lock:
            self._seq += 1
            for prefix in wanted:
                digest = self._by_prefix.get(prefix)
                if digest is None:
                    continue
                if prefix in fresh:
                    self._known[digest] = _Remembered(fresh[prefix])
                else:  # deleted meanwhile
                    del self._by_prefix[prefix]
                    self._known.pop(digest, None)

    # -- reading -----------------------------------------------------------------------------

    def _cold(self, key: object, digest: bytes | None, model: object) -> Verdict:
        try:
            parsed = keyformat.parse_key(key)  # type: ignore[arg-type]
        except keyformat.MalformedKey:
            return MALFORMED_VERDICT
        seq = self._seq
        try:
            found = self._read_rows(ApiKey.prefix == parsed.prefix)
        except _Unavailable:
            return Verdict(False, UNAVAILABLE, parsed.prefix)
        wanted_cost = settings().bcrypt_rounds
        if found:
            row = found[0]
            hashed = str(row[2])
        else:
            row, hashed = None, unmatched_hash(wanted_cost)
        secret = parsed.secret
        try:
            matched, upgraded = self._pool.run(
                lambda: _check(secret, hashed, wanted_cost if row is not None else None)
            )
        except PoolClosed:
            return Verdict(False, UNAVAILABLE, parsed.prefix)
        self.cold_checks += 1
        if row is None or not matched:
            return Verdict(False, UNKNOWN, parsed.prefix)
        try:
            facts = self._facts([row])[0]
        except _Unavailable:
            return Verdict(False, UNAVAILABLE, parsed.prefix)
        entry = self._keep(digest, facts, seq)
        if entry is None:
            return Verdict(False, UNKNOWN, parsed.prefix)
        verdict = self._judge(entry, model)
        if verdict.valid and upgraded is not None:
            self._upgrade_hash(facts.key_id, hashed, upgraded)
        return verdict

    def _reread(self, digest: bytes, entry: _Remembered, model: object) -> Verdict:
        """Memory is not trusted right now: judge by the key's row as it is now."""
        prefix = entry.facts.prefix
        seq = self._seq
        try:
            fresh = self._read_keys(ApiKey.prefix == prefix)
        except _Unavailable:
            return Verdict(False, UNAVAILABLE, prefix)
        self.rereads += 1
        if not fresh:
            with self._lock:
                if self._by_prefix.get(prefix) == digest:
                    del self._by_prefix[prefix]
                    self._known.pop(digest, None)
            return Verdict(False, UNKNOWN, prefix)
        kept = self._keep(digest, fresh[0], seq)
        if kept is None:
            return Verdict(False, UNKNOWN, prefix)
        return self._judge(kept, model)

    def _read_keys(self, where: Any, *, circuit: bool = True) -> list[KeyFacts]:
        rows = self._read_rows(where, circuit=circuit)
        return self._facts(rows, circuit=circuit) if rows else []

    def _read_rows(self, where: Any, *, circuit: bool = True) -> list[tuple[Any, ...]]:
        query = (
            ApiKey.select(
                ApiKey.id,
                ApiKey.prefix,
                ApiKey.secret_hash,
                ApiKey.revoked,
                ApiKey.expires,
                ApiKey.opt_in,
                User.email,
            )
            .join(User)
            .where(where)
        )
        db = self._read_db
        rows: list[tuple[Any, ...]] = self._read(
            db, lambda: list(query.bind(db).tuples()), circuit=circuit
        )
        return rows

    def _facts(self, rows: list[tuple[Any, ...]], *, circuit: bool = True) -> list[KeyFacts]:
        ids = [int(row[0]) for row in rows]
        models: dict[int, set[str]] = {key_id: set() for key_id in ids}
        query = (
            KeyModel.select(KeyModel.key, AiModel.name).join(AiModel).where(KeyModel.key.in_(ids))
        )
        db = self._read_db
        for key_id, name in self._read(db, lambda: list(query.bind(db).tuples()), circuit=circuit):
            models[int(key_id)].add(str(name))
        return [
            KeyFacts(
                key_id=int(key_id),
                prefix=str(prefix),
                user=str(email),
                revoked=bool(revoked),
                expires_at=None
                if expires is None
                else expires.replace(tzinfo=timezone.utc).timestamp(),
                opt_in=bool(opt_in),
                models=frozenset(models[int(key_id)]),
            )
            for key_id, prefix, _hash, revoked, expires, opt_in, email in rows
        ]

    def _read(self, db: peewee.Database, work: Callable[[], Any], *, circuit: bool = True) -> Any:
        """Run ``work`` on this thread's connection to ``db``, reconnecting once if the
        connection was lost (a server restart, a killed session). Raises _Unavailable."""
        if circuit and time.monotonic() < self._down_until:
            raise _Unavailable
        if not self._ready:
            try:
                self._prepare()
            except DatabaseError as refused:  # e.g. upgraded by a newer keydesk meanwhile
                self.problem = str(refused)
                raise _Unavailable from None
        last: Exception | None = None
        for _attempt in range(2):
            try:
                return work()
            except (peewee.OperationalError, peewee.InterfaceError) as failure:
                last = failure
                with contextlib.suppress(Exception):
                    db.close()
            except (peewee.DatabaseError, DatabaseError) as failure:
                last = failure
                break
        self._failed(db, last)
        raise _Unavailable

    def _prepare(self) -> None:
        """Check the schema once (and apply pending migrations, as every keydesk does);
        permanent problems raise DatabaseError, a database out of reach _Unavailable."""
        with self._ready_lock:
            if self._ready:
                return
            try:
                probe(self._write_db)
                prepare_schema(self._write_db)
                if self._read_db is not self._write_db:
                    probe(self._read_db)
            except DatabaseUnavailable as error:
                self.problem = str(error)
                self._down_until = time.monotonic() + RETRY_AFTER
                raise _Unavailable from None
            self._ready = True
            self.problem = None

    def _failed(self, db: peewee.Database, error: Exception | None) -> None:
        self._down_until = time.monotonic() + RETRY_AFTER
        detail = str(error).strip().splitlines()[0].rstrip(".") if error and str(error) else ""
        self.problem = f"Cannot reach the {describe(db)}" + (f": {detail}." if detail else ".")

    def _upgrade_hash(self, key_id: int, old: str, new: str) -> None:
        """Store a hash at the configured cost (best effort: a failure only means the next
        cold check upgrades instead). Guarded by the old hash, so a concurrent upgrade by
        another process is not overwritten."""
        db = self._write_db
        with contextlib.suppress(peewee.DatabaseError, DatabaseError):
            ApiKey.update(secret_hash=new).where(
                (ApiKey.id == key_id) & (ApiKey.secret_hash == old)
            ).bind(db).execute()


def _check(secret: str, hashed: str, wanted_cost: int | None) -> tuple[bool, str | None]:
    """On a pool thread: whether ``secret`` matches, and a new hash at ``wanted_cost``
    when it matched a hash of another cost."""
    if not check_secret(secret, hashed):
        return False, None
    if wanted_cost is not None and cost_of(hashed) != wanted_cost:
        return True, hash_secret(secret, wanted_cost)
    return True, None


def _close(follower: KeyFollower | None, usage: UsageCounter, pool: BcryptPool) -> None:
    if follower is not None:
        follower.stop()
    usage.close()
    pool.close()


# -- one verifier per database for the process (keydesk.verify) -----------------------------

_shared: dict[str, Verifier] = {}
_shared_lock = threading.Lock()


def shared_verifier(db_url: str | None = None) -> Verifier:
    """The process-wide verifier on ``db_url`` (default: ``$KEYDESK_DB`` or the embedded
    SQLite file), made on first use."""
    url = (db_url or default_db_url()).strip()
    with _shared_lock:
        verifier = _shared.get(url)
        if verifier is None:
            verifier = _shared[url] = Verifier(url)
        return verifier


def close_shared_verifiers(urls: Iterable[str] | None = None) -> None:
    """Close the process-wide verifiers (all, or those of ``urls``)."""
    with _shared_lock:
        chosen = list(_shared) if urls is None else [url for url in urls if url in _shared]
        verifiers = [_shared.pop(url) for url in chosen]
    for verifier in verifiers:
        verifier.close()
