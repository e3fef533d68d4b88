"""How the detail dialog words a change of a key: one line per field another desk changed
(``Name: “old” → “new”``), and the edit of this desk that was not saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from keydesk.services.keys import KeyDetail
from keydesk.views.formatting import format_time
from keydesk.views.key_form_fields import role_text


def _label(field_name: str) -> str:
    """A field's name as the change lines say it, in the current language."""
    labels = {
        "name": QCoreApplication.translate("KeyChangeText", "Name"),
        "role": QCoreApplication.translate("KeyChangeText", "Role"),
        "user": QCoreApplication.translate("KeyChangeText", "User"),
        "models": QCoreApplication.translate("KeyChangeText", "Permitted models"),
        "skills": QCoreApplication.translate("KeyChangeText", "Skills"),
        "opt_in": QCoreApplication.translate("KeyChangeText", "Usage tracking"),
        "expires": QCoreApplication.translate("KeyChangeText", "Expires"),
        "revoked": QCoreApplication.translate("KeyChangeText", "Revoked"),
    }
    return labels.get(field_name, field_name)


def describe_value(field_name: str, value: object) -> str:
    """A field's value as a person reads it in the dialog."""
    if field_name == "role":
        return role_text(str(value))
    if field_name in ("models", "skills"):
        return (
            ", ".join(str(v) for v in value)
            if isinstance(value, (tuple, list)) and value
            else QCoreApplication.translate("KeyChangeText", "none")
        )
    if field_name == "expires":
        return (
            format_time(value)
            if isinstance(value, datetime)
            else QCoreApplication.translate("KeyChangeText", "never")
        )
    if field_name in ("opt_in", "revoked"):
        return (
            QCoreApplication.translate("KeyChangeText", "yes")
            if value
            else QCoreApplication.translate("KeyChangeText", "no")
        )
    if field_name == "name":
        return QCoreApplication.translate("KeyChangeText", "“{name}”").format(name=value)
    return str(value)


def change_lines(fields: dict[str, tuple[object, object]]) -> list[str]:
    """``Name: “old” → “new”``, one line per field another desk changed."""
    return [
        QCoreApplication.translate("KeyChangeText", "{field}: {before} → {after}").format(
            field=_label(name),
            before=describe_value(name, before),
            after=describe_value(name, after),
        )
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
            f"{_label(name).lower()} {describe_value(name, before)} → {describe_value(name, value)}"
        )
    return "; ".join(parts)
