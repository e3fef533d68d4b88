"""The search rule of the keys list, shared by the GUI's filter and the CLI's --search:
case-insensitive substring over prefix, unique name, name, user and role (its label).

Each field is matched on its own. For speed the fields of a row are joined into one
lowercase haystack with :data:`SEPARATOR` between them; a needle holding the separator
could then match across two fields, so such a needle is checked field by field instead
(:func:`needle_matches`).

A whole key pasted into a search (support staff paste leaked keys) is searched for by
its prefix (:func:`searched_text`): the row is found, and nothing that quotes the search
back repeats the secret."""

from __future__ import annotations

from collections.abc import Sequence

from keydesk import keyformat
from keydesk.services.keys import KeyRow, role_label
from keydesk.services.text import printable

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


def searched_text(text: str) -> str:
    """The search text as it is searched for and may be quoted back: trimmed, and a whole
    key (recognised by shape and checksum) reduced to its prefix."""
    text = text.strip()
    try:
        return keyformat.parse_key(text).prefix
    except keyformat.MalformedKey:
        return text


def quoted_search(text: str, limit: int = 40) -> str:
    """The search text fit to quote in a sentence ("No key matches “…”"): as searched for
    (a whole key as its prefix), controls escaped, cut to ``limit`` characters."""
    shown = printable(searched_text(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def needle(text: str) -> str:
    """What is looked for: :func:`searched_text`, lowercased."""
    return searched_text(text).lower()


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
