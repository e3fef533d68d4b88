"""The search rule of the keys list, shared by the GUI's filter and the CLI's --search:
case-insensitive substring over prefix, unique name, name, user and role (its label)."""

from __future__ import annotations

from collections.abc import Sequence

from keydesk.services.keys import ROLES, KeyRow


def haystack(row: KeyRow) -> str:
    """The lowercase text a search looks through, one string per row."""
    role = ROLES.get(row.role, row.role)
    return "\x1f".join((row.prefix, row.unique_name, row.name, row.user, role)).lower()


def matches(row: KeyRow, text: str) -> bool:
    needle = text.strip().lower()
    return not needle or needle in haystack(row)


def filter_rows(rows: Sequence[KeyRow], text: str) -> list[KeyRow]:
    needle = text.strip().lower()
    if not needle:
        return list(rows)
    return [row for row in rows if needle in haystack(row)]
