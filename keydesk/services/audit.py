"""The audit trail: who changed what, when, field by field. Never a secret or a hash."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from keydesk.services.clock import iso, utcnow
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


#: Rows per multi-row INSERT in :func:`record_many`.
_INSERT_CHUNK = 100


def record_many(
    action: str,
    targets: Sequence[tuple[str | None, str | None, str | None]],
    *,
    fields: Mapping[str, Mapping[str, Any]] | None = None,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """The same change recorded for each ``(key_prefix, key_unique_name, subject)`` of
    ``targets``, in a few multi-row INSERTs (a bulk revoke of 1,000 keys would spend half
    a second on one INSERT per key). Same rules as :func:`record`. ``progress(done,
    total)`` hears of each INSERT (events written, events in all)."""
    leaked = FORBIDDEN_FIELDS.intersection(fields or {})
    if leaked:
        raise AssertionError(f"refusing to audit secret material: {sorted(leaked)}")
    common = {
        "at": at or utcnow(),
        "operator": (operator or current_operator())[:100],
        "db_user": database_user(),
        "action": action,
        "details": json.dumps(
            {"fields": dict(fields or {}), **({"request_id": request_id} if request_id else {})},
            sort_keys=True,
        ),
    }
    events = [
        {**common, "key_prefix": prefix, "key_unique_name": unique_name, "subject": subject}
        for prefix, unique_name, subject in targets
    ]
    for start in range(0, len(events), _INSERT_CHUNK):
        AuditEvent.insert_many(events[start : start + _INSERT_CHUNK]).execute()
        if progress is not None:
            progress(min(start + _INSERT_CHUNK, len(events)), len(events))


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
    key_contains: str | None = None,
    operator: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit events, newest first. ``key`` matches a prefix or unique name exactly;
    ``key_contains`` is what a person types in a filter box: part of a prefix, unique
    name or the subject (owner's email, user or model), case-insensitive."""
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if key:
        query = query.where((AuditEvent.key_prefix == key) | (AuditEvent.key_unique_name == key))
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
    entries = []
    for row in dicts(query):
        entries.append(
            AuditEntry(
                at=row["at"],
                operator=row["operator"],
                db_user=row["db_user"],
                action=row["action"],
                key_prefix=row["key_prefix"],
                key_unique_name=row["key_unique_name"],
                subject=row["subject"],
                fields=json.loads(row["details"] or "{}").get("fields", {}),
            )
        )
    return entries


def list_operators() -> list[str]:
    query = AuditEvent.select(AuditEvent.operator).distinct().order_by(AuditEvent.operator)
    return [operator for (operator,) in tuples(query)]
