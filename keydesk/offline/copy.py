"""What the offline copy answers beyond the keys table, for support staff on a train.

The keys page shows the snapshot's rows (:meth:`Snapshot.load`). Everything else a person
inspects offline is read here, one small query at a time, from the same file: one key's
details (with its permitted models and its owner's name), a key's history and the audit
log (the recent events the copy keeps), the users with their key counts, and the catalog.
Every answer is as of :attr:`OfflineCopy.as_of`; nothing here writes.

A copy of an older format (no catalog, no audit events) answers with empty lists: its
keys and users are still worth showing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from keydesk.errors import NotFound, sentence
from keydesk.offline.snapshot import (
    _FROM_SNAPSHOT,
    _KEY_COLUMNS,
    _MODEL_SEPARATOR,
    Snapshot,
)
from keydesk.services.audit import EVENT_COLUMNS, AuditEntry, audit_entry
from keydesk.services.key_fields import KEY_FIELDS
from keydesk.services.keys import KeyDetail, KeyRow
from keydesk.services.users import UserInfo

_EVENTS = f"SELECT {', '.join(EVENT_COLUMNS)} FROM audit_event"
_NEWEST_FIRST = " ORDER BY at DESC, seq DESC"


class OfflineCopy:
    """Queries on ``snapshot`` taken at ``as_of`` (naive UTC). Thread-safe as the snapshot
    is: each call opens and closes its own connection to the file."""

    def __init__(self, snapshot: Snapshot, as_of: datetime) -> None:
        self.snapshot = snapshot
        self.as_of = as_of

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.snapshot.read(sql, params) or []

    # --- keys ---

    def key_detail(self, prefix: str) -> KeyDetail:
        """The key with ``prefix`` as the copy has it; NotFound if the copy has none.

        The copy has no skills and no version (nothing is saved offline): they come back
        empty and 0. When the key was revoked is the time of its latest revocation among
        the events the copy keeps, else unknown."""
        prefix = prefix.strip()
        found = self._rows(f"SELECT {_KEY_COLUMNS} FROM key_row WHERE prefix = ?", (prefix,))
        if not found:
            raise NotFound(
                sentence("Offline", "The offline copy has no key with the prefix {prefix}.").format(
                    prefix=prefix
                )
            )
        raw = found[0]
        count = len(KEY_FIELDS)
        row = KeyRow._make(
            value if convert is None else convert(value)
            for convert, value in zip(_FROM_SNAPSHOT, raw[:count], strict=True)
        )
        names = self._rows("SELECT display_name FROM snapshot_user WHERE email = ?", (row.user,))
        revoked_at = None
        if row.revoked:
            moments = self._rows(
                "SELECT max(at) FROM audit_event WHERE key_prefix = ? AND action = 'revoke'",
                (prefix,),
            )
            if moments and moments[0][0]:
                revoked_at = datetime.fromisoformat(moments[0][0])
        return KeyDetail(
            prefix=row.prefix,
            unique_name=row.unique_name,
            name=row.name,
            role=row.role,
            user=row.user,
            user_display_name=names[0][0] if names else row.user,
            models=tuple(raw[count].split(_MODEL_SEPARATOR)) if raw[count] else (),
            skills=(),
            opt_in=row.opt_in,
            created=row.created,
            expires=row.expires,
            revoked=row.revoked,
            revoked_at=revoked_at,
            last_used=row.last_used,
            version=0,
        )

    # --- the audit trail ---

    def history(self, prefix: str, limit: int) -> list[AuditEntry]:
        """The newest ``limit`` events of the key with ``prefix`` kept in the copy."""
        return self._entries(
            _EVENTS + " WHERE key_prefix = ?" + _NEWEST_FIRST + " LIMIT ?", (prefix, limit)
        )

    def audit(
        self, *, key_contains: str | None = None, operator: str | None = None, limit: int
    ) -> list[AuditEntry]:
        """The events kept, newest first, filtered as
        :func:`~keydesk.services.audit.list_audit` filters the server's."""
        where, params = [], []
        if key_contains and key_contains.strip():
            pattern = f"%{key_contains.strip().lower()}%"
            where.append(
                "(lower(key_prefix) LIKE ? OR lower(key_unique_name) LIKE ?"
                " OR lower(subject) LIKE ?)"
            )
            params += [pattern] * 3
        if operator:
            where.append("operator = ?")
            params.append(operator)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._entries(_EVENTS + clause + _NEWEST_FIRST + " LIMIT ?", (*params, limit))

    def operators(self) -> list[str]:
        return [name for (name,) in self._rows(
            "SELECT DISTINCT operator FROM audit_event ORDER BY operator"
        )]  # fmt: skip

    def event_count(self) -> int:
        found = self._rows("SELECT value FROM meta WHERE name = 'event_count'")
        return int(found[0][0]) if found else 0

    def _entries(self, sql: str, params: tuple[Any, ...]) -> list[AuditEntry]:
        entries = []
        for at, *rest in self._rows(sql, params):
            entries.append(audit_entry(datetime.fromisoformat(at), *rest))
        return entries

    # --- users and catalog ---

    def users(self, *, key_counts: bool = True) -> list[UserInfo]:
        """Every user of the copy by email, with the number of keys the copy gives them
        (``key_counts=False``: 0, without counting a million rows, for a form)."""
        counts = (
            dict(self._rows('SELECT "user", count(*) FROM key_row GROUP BY "user"'))
            if key_counts
            else {}
        )
        return [
            UserInfo(email, name, bool(active), counts.get(email, 0))
            for email, name, active in self._rows(
                "SELECT email, display_name, active FROM snapshot_user ORDER BY email"
            )
        ]

    def catalog(self) -> tuple[list[str], list[str]]:
        """The model names and the skill names of the copy, each sorted."""
        rows = self._rows("SELECT kind, name FROM catalog ORDER BY name")
        return (
            [name for kind, name in rows if kind == "model"],
            [name for kind, name in rows if kind == "skill"],
        )


__all__ = ["OfflineCopy"]
