"""Helpers for tests that run against a real database server: what was seeded, and a
direct view of the server that bypasses the application (and any proxy in between)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from keydesk.services.keys import CreatedKey
from keydesk.store import connection


@dataclass
class Seeded:
    """The keys put on the server before the test: ``keys[0..2]`` owned by Alice and Bob."""

    url: str
    keys: list[CreatedKey]

    @property
    def prefixes(self) -> list[str]:
        return [key.prefix for key in self.keys]


class Server:
    """Reads the test database directly (not through the proxy), on a connection of its own."""

    def __init__(self, url: str) -> None:
        self.url = url

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        db = connection.connect(self.url)
        try:
            cursor = db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            db.close()

    def revoke_audits(self, prefix: str) -> list[tuple[datetime, str, str]]:
        """(at, operator, details) of every revoke audit entry of the key."""
        return [
            (at, operator, details)
            for at, operator, details in self.query(
                "SELECT at, operator, details FROM audit_event"
                " WHERE action = 'revoke' AND key_prefix = %s ORDER BY id",
                prefix,
            )
        ]

    def revoked(self, prefix: str) -> tuple[bool, datetime | None]:
        ((revoked, revoked_at),) = self.query(
            "SELECT revoked, revoked_at FROM api_key WHERE prefix = %s", prefix
        )
        return bool(revoked), revoked_at

    def audit_count(self) -> int:
        ((count,),) = self.query("SELECT count(*) FROM audit_event")
        return int(count)


def one_sentence(text: str) -> bool:
    """Whether ``text`` reads as one sentence: one line, one full stop, at its end."""
    return "\n" not in text and text.endswith(".") and ". " not in text and text[0].isupper()
