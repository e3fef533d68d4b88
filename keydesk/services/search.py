"""The search rule of the keys list, shared by the GUI's filter and the CLI's --search:
case-insensitive substring over prefix, unique name, name, user and role (its label).

Each field is matched on its own. For speed the fields of a row are joined into one
lowercase haystack with :data:`SEPARATOR` between them; a needle holding the separator
could then match across two fields, so such a needle is checked field by field instead
(:func:`needle_matches`)."""

from __future__ import annotations

from collections.abc import Sequence

from keydesk.services.keys import KeyRow, role_label

#: Between the fields of a haystack: a control character no field normally holds.
SEPARATOR = "\x1f"


def search_fields(row: KeyRow) -> tuple[str, str, str, str, str]:
    """The lowercase texts a search looks through, one per searched field."""
    role = role_label(row.role)
    return (
        row.prefix.lower(),
        row.unique_name.lower(),
        row.name.lower(),
        row.user.lower(),
        role.lower(),
    )


def haystack(row: KeyRow) -> str:
    """The lowercase text a search looks through, one string per row."""
    role = role_label(row.role)
    return SEPARATOR.join((row.prefix, row.unique_name, row.name, row.user, role)).lower()


def needle(text: str) -> str:
    """What is looked for: the search text trimmed and lowercased."""
    return text.strip().lower()


def needle_matches(row: KeyRow, wanted: str, hay: str | None = None) -> bool:
    """Whether the lowercase ``wanted`` occurs within one field of ``row``."""
    if SEPARATOR in wanted:
        return any(wanted in field for field in search_fields(row))
    return wanted in (hay if hay is not None else haystack(row))


def matches(row: KeyRow, text: str) -> bool:
    wanted = needle(text)
    return not wanted or needle_matches(row, wanted)


def filter_rows(rows: Sequence[KeyRow], text: str) -> list[KeyRow]:
    wanted = needle(text)
    if not wanted:
        return list(rows)
    return [row for row in rows if needle_matches(row, wanted)]
