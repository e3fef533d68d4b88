"""The audit trail: who changed what, when, field by field. Never a secret or a hash."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from peewee import fn

from keydesk.services.clock import iso, to_storage, utcnow
from keydesk.store.bulk import adapted, insert_rows
from keydesk.store.connection import database_user
from keydesk.store.models import AuditEvent, dicts, tuples

FORBIDDEN_FIELDS = frozenset({"secret", "secret_hash", "key", "hash"})

_operator_override: str | None = None


def current_operator() -> str:
    """The person at the keyboard: an explicit override, else the OS login."""
    if _operator_override:
        return _operator_override
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (e.g. some containers)
        return "unknown"


def set_operator(name: str | None) -> None:
    global _operator_override
    _operator_override = name


def _jsonable(value: Any) -> Any:
    if value is None or type(value) in (str, bool, int):  # most values: asked first
        return value
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(_jsonable(item) for item in value)
    return value


def change(before: Any, after: Any) -> dict[str, Any]:
    return {"before": _jsonable(before), "after": _jsonable(after)}


def record(
    action: str,
    *,
    fields: Mapping[str, Mapping[str, Any]] | None = None,
    key_prefix: str | None = None,
    key_unique_name: str | None = None,
    subject: str | None = None,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
) -> None:
    """Write one audit event; call it inside the transaction of the change it records.

    ``at`` and ``operator`` default to now and the person at the keyboard; a change made
    earlier elsewhere (a revocation queued offline) passes its own. ``request_id`` marks
    a change that must be applied once: :func:`request_applied` finds it again.
    """
    record_many(
        action,
        [(key_prefix, key_unique_name, subject)],
        fields=fields,
        at=at,
        operator=operator,
        request_id=request_id,
    )


#: The columns of one audit event, in the order :func:`record_many` writes them.
_COLUMNS = ("at", "operator", "db_user", "action", "details", "key_prefix",
            "key_unique_name", "subject")  # fmt: skip


def record_many(
    action: str,
    targets: Sequence[tuple[str | None, str | None, str | None]],
    *,
    fields: Mapping[str, Mapping[str, Any]] | None = None,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
    queued_offline: tuple[datetime, bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    reason: str | None = None,
) -> None:
    """The same change recorded for each ``(key_prefix, key_unique_name, subject)`` of
    ``targets``, sent through the driver in bulk (Peewee spent 6 s building the INSERTs
    of a 90,000-key revoke, with the write lock held). Same rules as :func:`record`;
    ``queued_offline`` is ``(applied_at, time_kept)`` for a change decided offline and
    applied later: the row says so, and whether its own time was kept. ``progress(done,
    total)`` hears of each batch written. ``reason`` says why, in a word (``leaked``)."""
    leaked = FORBIDDEN_FIELDS.intersection(fields or {})
    if leaked:
        raise AssertionError(f"refusing to audit secret material: {sorted(leaked)}")
    details: dict[str, Any] = {"fields": dict(fields or {})}
    if request_id:
        details["request_id"] = request_id
    if reason:
        details["reason"] = reason
    if queued_offline is not None:
        applied_at, kept = queued_offline
        details["queued_offline"] = {"applied_at": iso(applied_at), "time_kept": kept}
    common = adapted(
        (
            to_storage(at) if at is not None else utcnow(),
            (operator or current_operator())[:100],
            database_user(),
            action,
            json.dumps(details, sort_keys=True),
        )
    )
    # The targets are text or None, which every driver takes as they are.
    _insert([(*common, *target) for target in targets], progress)


def record_each(
    action: str,
    changes: Sequence[
        tuple[tuple[str | None, str | None, str | None], Mapping[str, Mapping[str, Any]]]
    ],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """One event per ``(target, fields)`` of ``changes``, each with its own fields, sent
    through the driver in bulk (a 90,000-key deletion wrote one INSERT per key).
    ``progress(done, total)`` hears of each batch written."""
    common = adapted((utcnow(), current_operator()[:100], database_user(), action))
    rows = []
    for target, fields in changes:
        leaked = FORBIDDEN_FIELDS.intersection(fields)
        if leaked:
            raise AssertionError(f"refusing to audit secret material: {sorted(leaked)}")
        details = json.dumps({"fields": dict(fields)}, sort_keys=True)
        rows.append((*common, details, *target))
    _insert(rows, progress)


#: Events per batch: each batch is one driver call, and a caller's progress hears of it.
_BATCH = 5000


def _insert(rows: Sequence[tuple[Any, ...]], progress: Callable[[int, int], None] | None) -> None:
    for start in range(0, len(rows), _BATCH):
        insert_rows(AuditEvent, _COLUMNS, rows[start : start + _BATCH], ready=True)
        if progress is not None:
            progress(min(start + _BATCH, len(rows)), len(rows))


def request_applied(request_id: str, key_prefix: str) -> bool:
    """Whether a change marked with ``request_id`` was already recorded for this key."""
    query = AuditEvent.select(AuditEvent.details).where(AuditEvent.key_prefix == key_prefix)
    marker = json.dumps(request_id)
    return any(
        marker in details and json.loads(details).get("request_id") == request_id
        for (details,) in tuples(query)
    )


def last_operator(key_prefix: str) -> str | None:
    """Who made the latest audited change to the key with this prefix (None if nobody):
    the name a conflict message gives for "who changed this key"."""
    latest = (
        AuditEvent.select(AuditEvent.operator)
        .where(AuditEvent.key_prefix == key_prefix)
        .order_by(AuditEvent.id.desc())
        .first()
    )
    return None if latest is None else str(latest.operator)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    operator: str
    db_user: str | None
    action: str
    key_prefix: str | None
    key_unique_name: str | None
    subject: str | None
    fields: dict[str, dict[str, Any]]
    #: For a change decided offline and applied later: when the server applied it.
    applied_at: datetime | None = None
    #: Why, in a word, when the change said (a revocation of a leaked key: ``leaked``).
    reason: str | None = None

    def summary(self) -> str:
        """The changed fields as one line: ``name: 'a' → 'b'; role: …``."""
        parts = []
        for field, values in sorted(self.fields.items()):
            before, after = values.get("before"), values.get("after")
            if self.action == "create":
                parts.append(f"{field}: {after!r}")
            else:
                parts.append(f"{field}: {before!r} → {after!r}")
        return "; ".join(parts)


def list_audit(
    *,
    key: str | None = None,
    key_prefix: str | None = None,
    key_contains: str | None = None,
    operator: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit events, newest first. ``key`` matches a prefix or unique name exactly;
    ``key_prefix`` a prefix only (indexed: a key's history at a million events);
    ``key_contains`` is what a person types in a filter box: part of a prefix, unique
    name or the subject (owner's email, user or model), case-insensitive."""
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if key:
        query = query.where((AuditEvent.key_prefix == key) | (AuditEvent.key_unique_name == key))
    if key_prefix:
        query = query.where(AuditEvent.key_prefix == key_prefix)
    if key_contains and key_contains.strip():
        text = key_contains.strip().lower()
        query = query.where(
            fn.LOWER(AuditEvent.key_prefix).contains(text)
            | fn.LOWER(AuditEvent.key_unique_name).contains(text)
            | fn.LOWER(AuditEvent.subject).contains(text)
        )
    if operator:
        query = query.where(AuditEvent.operator == operator)
    if limit:
        query = query.limit(limit)
    return [audit_entry(*(row[name] for name in EVENT_COLUMNS)) for row in dicts(query)]


def audit_entry(
    at: datetime,
    operator: str,
    db_user: str | None,
    action: str,
    key_prefix: str | None,
    key_unique_name: str | None,
    subject: str | None,
    details: str | None,
) -> AuditEntry:
    """One event as read back, from the server or the offline copy (columns in the order
    of :data:`EVENT_COLUMNS`; ``details`` is the stored JSON)."""
    parsed = json.loads(details or "{}")
    return AuditEntry(
        at=at,
        operator=operator,
        db_user=db_user,
        action=action,
        key_prefix=key_prefix,
        key_unique_name=key_unique_name,
        subject=subject,
        fields=parsed.get("fields", {}),
        applied_at=_applied_at(parsed),
        reason=parsed.get("reason") if isinstance(parsed.get("reason"), str) else None,
    )


#: The columns of an event as the offline copy keeps it and :func:`audit_entry` takes it.
EVENT_COLUMNS = ("at", "operator", "db_user", "action", "key_prefix", "key_unique_name",
                 "subject", "details")  # fmt: skip
#: The offline copy keeps the events of this many days, at most :data:`RECENT_LIMIT` of
#: them (the newest). Each 100,000 events add 22 MB and 1.4 s to the copy's save; at a
#: million keys the copy without events is 171 MB and takes 34-52 s to save, so keeping
#: every event of a million (one per key) would more than double it (391 MB, +13 s),
#: while 200,000 add 44 MB and ~3 s: a 90-day history of a team's manual changes, and
#: still most of it after one bulk revoke of 90,000 keys (README, "Offline mode").
RECENT_DAYS = 90
RECENT_LIMIT = 200_000
_RECENT_BATCH = 10_000


def recent_events(
    now: datetime, *, days: int = RECENT_DAYS, limit: int = RECENT_LIMIT
) -> Iterator[tuple[Any, ...]]:
    """Of the newest ``limit`` audit events recorded, those of the ``days`` before
    ``now``, oldest first, as tuples of :data:`EVENT_COLUMNS`: what the offline copy keeps. Read a batch at a time
    by id, so a million events never sit in memory at once."""
    since = to_storage(now - timedelta(days=days))
    # Both bounds walk an index: the id of the limit-th newest event, the first event of
    # the period. Batches then read by id alone (a time filter in the query made SQLite
    # scan every event per batch: 14 s for 300,000 of a million events).
    newest = AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id.desc())
    start = newest.offset(limit - 1).limit(1).scalar()
    first = AuditEvent.select(fn.MIN(AuditEvent.id)).where(AuditEvent.at >= since).scalar()
    if first is None:
        return
    after = max(int(first), int(start or 0)) - 1
    columns = [getattr(AuditEvent, name) for name in EVENT_COLUMNS]
    while True:
        batch = list(
            tuples(
                AuditEvent.select(AuditEvent.id, *columns)
                .where(AuditEvent.id > after)
                .order_by(AuditEvent.id)
                .limit(_RECENT_BATCH)
            )
        )
        if not batch:
            return
        after = batch[-1][0]
        for row in batch:
            moment = row[1]
            if isinstance(moment, str):  # some drivers hand back text
                moment = datetime.fromisoformat(moment)
            if moment >= since:  # not an event recorded late with an older time (queued)
                yield row[1:]


def _applied_at(details: dict[str, Any]) -> datetime | None:
    queued = details.get("queued_offline")
    if not isinstance(queued, dict) or not isinstance(queued.get("applied_at"), str):
        return None
    try:
        return datetime.fromisoformat(queued["applied_at"].rstrip("Z"))
    except ValueError:
        return None


def list_operators() -> list[str]:
    query = AuditEvent.select(AuditEvent.operator).distinct().order_by(AuditEvent.operator)
    return [operator for (operator,) in tuples(query)]
