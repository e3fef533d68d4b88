"""What text people give keydesk may hold, and how it is shown back. No Qt.

A name is read in a table, a terminal and an audit trail, so it may not steer them:
control characters (newlines, escapes that recolour a terminal, BEL, DEL), bidirectional
overrides that make text read backwards, and text with nothing visible in it (only
zero-width or blank characters) are refused where names are checked
(:func:`check_visible`). Rows written before that rule are shown through
:func:`printable`, and whatever input a message repeats goes through :func:`quoted`: at
most :data:`QUOTE_MAX` characters, controls escaped.
"""

from __future__ import annotations

import unicodedata

from keydesk.errors import ValidationError, sentence

#: Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
#: Categories of characters one can see: letters, marks on them, numbers, punctuation,
#: symbols.
_VISIBLE = ("L", "N", "P", "S")
QUOTE_MAX = 60


def _refused(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cs") or character in _BIDI_CONTROLS


def check_visible(text: str, what: str, field: str | None = None) -> str:
    """``text`` if it holds no control character and something visible; else
    ValidationError naming ``what`` (e.g. "The name"), without repeating the text."""
    bad = next((character for character in text if _refused(character)), None)
    if bad is not None:
        raise ValidationError(
            sentence(
                "Fields",
                "{what} cannot contain control characters such as line breaks, tabs or "
                "terminal escapes (found U+{code}).",
            ).format(what=what, code=f"{ord(bad):04X}"),
            field=field,
        )
    if not any(unicodedata.category(character).startswith(_VISIBLE) for character in text):
        raise ValidationError(
            sentence("Fields", "{what} must contain something visible.").format(what=what),
            field=field,
        )
    return text


def printable(text: str) -> str:
    """``text`` with every refused character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), for showing rows stored before the rule."""
    if not any(_refused(character) for character in text):
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii") if _refused(character) else character
        for character in text
    )


def quoted(text: str) -> str:
    """``text`` fit to repeat in a message: quoted, controls escaped, and cut to
    :data:`QUOTE_MAX` characters with the length said."""
    shown = printable(text)
    if len(shown) > QUOTE_MAX:
        return sentence("Fields", "'{start}…' ({count} characters)").format(
            start=shown[: QUOTE_MAX - 1], count=f"{len(text):,}"
        )
    return repr(shown) if "'" not in shown else f'"{shown}"'
