"""How the detail dialog words a change of a key: one line per field another desk changed
(``Name: “old” → “new”``), and the edit of this desk that was not saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from keydesk.services.keys import KeyDetail, role_label
from keydesk.views.formatting import format_time

FIELD_LABELS = {
    "name": "Name",
    "role": "Role",
    "user": "User",
    "models": "Permitted models",
    "skills": "Skills",
    "opt_in": "Usage tracking",
    "expires": "Expires",
    "revoked": "Revoked",
}


def describe_value(field_name: str, value: object) -> str:
    """A field's value as a person reads it in the dialog."""
    if field_name == "role":
        return role_label(str(value))
    if field_name in ("models", "skills"):
        return (
            ", ".join(str(v) for v in value)
            if isinstance(value, (tuple, list)) and value
            else "none"
        )
    if field_name == "expires":
        return format_time(value) if isinstance(value, datetime) else "never"
    if field_name in ("opt_in", "revoked"):
        return "yes" if value else "no"
    if field_name == "name":
        return f"“{value}”"
    return str(value)


def change_lines(fields: dict[str, tuple[object, object]]) -> list[str]:
    """``Name: “old” → “new”``, one line per field another desk changed."""
    return [
        f"{FIELD_LABELS.get(name, name)}: {describe_value(name, before)} → "
        f"{describe_value(name, after)}"
        for name, (before, after) in fields.items()
    ]


def your_change(detail: KeyDetail | None, changes: dict[str, Any]) -> str:
    """``name “old” → “new”; role …``: an edit that was not saved, for the person who made it."""
    parts = []
    for name, value in changes.items():
        before = getattr(detail, name, None) if detail is not None else None
        if name == "models":
            value = tuple(value)
        parts.append(
            f"{FIELD_LABELS.get(name, name).lower()} {describe_value(name, before)} → "
            f"{describe_value(name, value)}"
        )
    return "; ".join(parts)
