"""Revoking and deleting keys, one at a time or 100,000 at once.

Each call is one transaction: all of it happens or none. Bulk work reads the keys and
writes their changes and audit rows through the driver (:mod:`keydesk.store.bulk`), not
through Peewee's per-row objects and SQL building, because on SQLite the write lock is
held for the whole transaction and every other desk waits for it (at most 5 seconds,
then it is told the database is busy): revoking 90,000 keys holds it ~2.7 s, deleting
them ~N s (README, Performance).

Revoking is final; a revocation decided offline keeps its time only when plausible
(:data:`QUEUED_TIME_KEPT`). On PostgreSQL a role that may not update keys (the support
role) revokes through ``keydesk_revoke()``, which applies the same rules in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import peewee

from keydesk.errors import Conflict, NotFound, ValidationError, sentence
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error, revokes_through_function
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.key_reads import PREFIXES_PER_QUERY, wanted_prefixes
from keydesk.services.key_records import DeleteResult, RevokeResult
from keydesk.store.bulk import quoted, where_in
from keydesk.store.connection import database, write_transaction
from keydesk.store.models import ApiKey

#: Hears how far a change of many keys is: ``(step, done, total)``, the step being
#: "read", "write" or "audit" (keys read, changed or recorded so far, and in all). Called
#: inside the transaction, after each chunk: an exception it raises rolls the whole change
#: back, which is how a caller cancels it before it commits.
Progress = Callable[[str, int, int], None]

#: How long before now a revocation queued offline may keep the time it was decided
#: (the ``keydesk_revoke()`` database function applies the same bound).
QUEUED_TIME_KEPT = timedelta(days=30)


def revoke_keys(
    prefixes: Iterable[str],
    *,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
    missing_ok: bool = False,
    progress: Progress | None = None,
    reason: str | None = None,
) -> RevokeResult:
    """Revoke every key given, in one transaction. Already revoked keys are left as they
    are and reported (revoking twice is harmless); an unknown prefix revokes nothing,
    unless ``missing_ok``, which revokes the others and reports it as missing.

    ``at``/``operator`` record a revocation decided earlier (queued while offline) with
    its original time and person; ``request_id`` makes replaying it harmless. The time
    is kept only within :data:`QUEUED_TIME_KEPT` before now, not in the future and not
    before the key was created (otherwise now is recorded), and the audit row says the
    revocation was queued offline.

    A connection that may not update keys itself (the PostgreSQL support role) revokes
    through the ``keydesk_revoke()`` database function, which applies the same time
    rule and records the database session's user as the operator, whatever is claimed.

    ``progress`` hears of each chunk read, revoked and recorded (see :data:`Progress`;
    the database function is one call and reports nothing). ``reason`` goes in each
    audit row (``leaked`` from the leak finder).
    """
    with denied_as_error("revoke"), write_transaction():
        if revokes_through_function():
            return _revoke_through_function(prefixes, request_id, missing_ok, at)
        # Locked (FOR UPDATE on a server; SQLite's IMMEDIATE transaction already holds
        # the write lock), so the flags read here stay true until the commit and one
        # UPDATE ... WHERE id IN (...) AND revoked = false writes exactly the candidates.
        targets, missing = _locked_rows(prefixes, _Target, missing_ok, progress)
        now = utcnow()
        claimed = to_storage(at) if at is not None else None
        already: list[str] = []
        stamps: dict[datetime, list[_Target]] = {}
        for target in targets:
            if target.revoked or (request_id and audit.request_applied(request_id, target.prefix)):
                already.append(target.prefix)
            else:
                stamp = now if claimed is None else _kept_time(claimed, target.created, now)
                stamps.setdefault(stamp, []).append(target)
        total, written = sum(len(group) for group in stamps.values()), 0
        for stamp, group in stamps.items():
            changed = 0
            for cursor in where_in(
                f"UPDATE {quoted('api_key')} SET revoked = {database.param}, "
                f"revoked_at = {database.param}, version = version + 1 "
                f"WHERE revoked = {database.param} AND id IN ({{marks}})",
                [target.id for target in group],
                params=(True, stamp, False),
                chunk=PREFIXES_PER_QUERY,
            ):
                changed += cursor.rowcount
                _tell(progress, "write", written + changed, total)
            written += changed
            if changed != len(group):  # cannot happen under the lock; never guess
                raise Conflict(
                    sentence("Keys", "Some of these keys changed while revoking them; try again.")
                )
            audit.record_many(
                "revoke",
                [(t.prefix, t.unique_name, t.email) for t in group],
                fields={"revoked": audit.change(False, True)},
                at=stamp,
                operator=operator,
                request_id=request_id,
                queued_offline=None if claimed is None else (now, stamp == claimed),
                progress=None if progress is None else _step(progress, "audit"),
                reason=reason,
            )
        revoked = [t.prefix for group in stamps.values() for t in group]
    return RevokeResult(tuple(revoked), tuple(already), tuple(missing))


def delete_keys_report(
    prefixes: Iterable[str], *, missing_ok: bool = True, progress: Progress | None = None
) -> DeleteResult:
    """Delete keys permanently (revoked or not), in one transaction, and say which were
    deleted and which were already gone (another desk deleted them first: harmless).
    With ``missing_ok=False`` a prefix that does not exist raises NotFound instead.
    Each deletion's audit row keeps what the key was: name, role, owner, models,
    revoked, expiry. ``progress`` hears of each chunk read, recorded and deleted (see
    :data:`Progress`)."""
    with denied_as_error("delete"), write_transaction():
        doomed, missing = _locked_rows(prefixes, _Doomed, missing_ok, progress)
        ids = [key.id for key in doomed]
        models = _names_by_key(ids, "key_model", "ai_model", "model_id")
        expires = ApiKey.expires.python_value
        audit.record_each(
            "delete",
            [
                (
                    (key.prefix, key.unique_name, key.email),
                    {
                        "name": audit.change(key.name, None),
                        "role": audit.change(key.role, None),
                        "user": audit.change(key.email, None),
                        "models": audit.change(tuple(models.get(key.id, ())), None),
                        "revoked": audit.change(key.revoked, None),
                        "expires": audit.change(expires(key.expires), None),  # type: ignore[no-untyped-call]
                    },
                )
                for key in doomed
            ],
            progress=None if progress is None else _step(progress, "audit"),
        )
        for start in range(0, len(ids), _DELETE_CHUNK):
            chunk = ids[start : start + _DELETE_CHUNK]
            for table, column in (*_CHILDREN, ("api_key", "id")):
                sql = f"DELETE FROM {quoted(table)} WHERE {column} IN ({{marks}})"
                for _ in where_in(sql, chunk):
                    pass
            _tell(progress, "write", start + len(chunk), len(ids))
    return DeleteResult(tuple(key.prefix for key in doomed), tuple(missing))


def delete_keys(prefixes: Iterable[str], *, missing_ok: bool = False) -> int:
    """Delete keys permanently (revoked or not), in one transaction; returns how many.

    An unknown prefix raises NotFound and deletes nothing, unless ``missing_ok``: then the
    keys that exist are deleted and the others skipped (see :func:`delete_keys_report`
    to learn which).
    """
    return len(delete_keys_report(prefixes, missing_ok=missing_ok).deleted)


# --- reading what to change, as plain rows --------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """What revoking needs of one key."""

    COLUMNS = "k.id, k.prefix, k.unique_name, k.revoked, k.created, u.email"

    id: int
    prefix: str
    unique_name: str
    revoked: bool
    created: Any  # as the driver returns it: read only for a time decided offline
    email: str

    @classmethod
    def of(cls, row: Sequence[Any]) -> _Target:
        return cls(row[0], row[1], row[2], bool(row[3]), row[4], row[5])


@dataclass(frozen=True)
class _Doomed:
    """What deleting needs of one key: what its audit row keeps."""

    COLUMNS = "k.id, k.prefix, k.unique_name, k.name, k.role, k.revoked, k.expires, u.email"

    id: int
    prefix: str
    unique_name: str
    name: str
    role: str
    revoked: bool
    expires: Any  # as the driver returns it
    email: str

    @classmethod
    def of(cls, row: Sequence[Any]) -> _Doomed:
        return cls(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7])


#: Keys deleted per round of DELETEs (children first), between two progress reports.
_DELETE_CHUNK = 5000
_CHILDREN = (("key_model", "key_id"), ("key_skill", "key_id"), ("usage_minute", "key_id"))


def _tell(progress: Progress | None, step: str, done: int, total: int) -> None:
    if progress is not None:
        progress(step, done, total)


def _step(progress: Progress, step: str) -> Callable[[int, int], None]:
    return lambda done, total: progress(step, done, total)


def _locked_rows(
    prefixes: Iterable[str], kind: Any, missing_ok: bool, progress: Progress | None = None
) -> tuple[list[Any], list[str]]:
    """The keys for ``prefixes`` as ``kind`` rows in the order given, and the prefixes not
    found (NotFound for them unless ``missing_ok``). Read through the driver (model
    instances and Peewee's SQL cost five seconds at 90,000 keys) with row locks on a
    server (FOR UPDATE, in id order so two bulk changes cannot deadlock), so a
    concurrent deletion of the same keys waits and then sees them gone; SQLite's
    IMMEDIATE transaction serializes writers already."""
    wanted = wanted_prefixes(prefixes)
    if not wanted:
        raise ValidationError(sentence("Keys", "No key was given."))
    lock = ""
    if isinstance(database.obj, peewee.PostgresqlDatabase):
        lock = " ORDER BY k.id FOR UPDATE OF k"  # not the owners' rows
    elif isinstance(database.obj, peewee.MySQLDatabase):
        lock = " ORDER BY k.id FOR UPDATE"  # MariaDB has no FOR UPDATE OF
    sql = (
        f"SELECT {kind.COLUMNS} "
        f"FROM {quoted('api_key')} k JOIN {quoted('user')} u ON u.id = k.user_id "
        f"WHERE k.prefix IN ({{marks}}){lock}"
    )
    found: dict[str, Any] = {}
    for number, cursor in enumerate(where_in(sql, wanted, chunk=PREFIXES_PER_QUERY), 1):
        found.update((row[1], kind.of(row)) for row in cursor)
        _tell(progress, "read", min(number * PREFIXES_PER_QUERY, len(wanted)), len(wanted))
    missing = [prefix for prefix in wanted if prefix not in found]
    if missing and not missing_ok:
        raise _not_found(missing)
    return [found[prefix] for prefix in wanted if prefix in found], missing


def _names_by_key(
    ids: Sequence[int], links: str, catalog: str, column: str
) -> dict[int, list[str]]:
    """For each key id, the sorted names it is linked to (its models or skills)."""
    sql = (
        f"SELECT l.key_id, c.name FROM {quoted(links)} l "
        f"JOIN {quoted(catalog)} c ON c.id = l.{column} WHERE l.key_id IN ({{marks}})"
    )
    names: dict[int, list[str]] = {}
    for cursor in where_in(sql, ids):
        for key_id, name in cursor:
            names.setdefault(key_id, []).append(name)
    return {key_id: sorted(found) for key_id, found in names.items()}


def _not_found(missing: Sequence[str]) -> NotFound:
    return NotFound(
        sentence("Keys", "There is no key with the prefix {prefix}.").format(
            prefix=repr(missing[0])
        )
        if len(missing) == 1
        else sentence("Keys", "There are no keys with the prefixes {prefixes}.").format(
            prefixes=", ".join(missing)
        )
    )


def _kept_time(claimed: datetime, created: Any, now: datetime) -> datetime:
    """The time recorded for a revocation decided offline at ``claimed``: that time when
    it is plausible, else ``now``."""
    created = ApiKey.created.python_value(created)  # type: ignore[no-untyped-call]
    if now - QUEUED_TIME_KEPT <= claimed <= now + timedelta(minutes=1) and claimed >= created:
        return claimed
    return now


def _revoke_through_function(
    prefixes: Iterable[str],
    request_id: str | None,
    missing_ok: bool,
    at: datetime | None = None,
) -> RevokeResult:
    wanted = wanted_prefixes(prefixes)
    if not wanted:
        raise ValidationError(sentence("Keys", "No key was given."))
    cursor = database.execute_sql(
        "SELECT key_prefix, outcome FROM keydesk_revoke(%s::text[], %s, %s)",
        (wanted, request_id, to_storage(at) if at is not None else None),
    )
    outcomes: dict[str, list[str]] = {"revoked": [], "already_revoked": [], "missing": []}
    for prefix, outcome in cursor.fetchall():
        outcomes.setdefault(outcome, []).append(prefix)
    missing = outcomes["missing"]
    if missing and not missing_ok:  # raising rolls the whole revocation back
        raise _not_found(missing)
    return RevokeResult(
        tuple(outcomes["revoked"]), tuple(outcomes["already_revoked"]), tuple(missing)
    )


__all__ = ["QUEUED_TIME_KEPT", "delete_keys", "delete_keys_report", "revoke_keys"]
