"""The keys table's columns: their numbers, headers, sample texts for default widths,
the custom role that returns a row's ``KeyRow``, and :func:`sort_key`, the per-row sort
key the table's bulk sorting is tested against.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from keydesk.services.keys import ROLES, KeyRow

(
    COL_PREFIX,
    COL_UNIQUE_NAME,
    COL_NAME,
    COL_USER,
    COL_ROLE,
    COL_CREATED,
    COL_EXPIRES,
    COL_HAS_EXPIRED,
    COL_REVOKED,
    COL_LAST_USED,
) = range(10)
HEADERS = (
    "Prefix",
    "Unique name",
    "Name",
    "User",
    "Role",
    "Created",
    "Expires",
    "Has expired",
    "Revoked",
    "Last used",
)
COLUMN_COUNT = len(HEADERS)
#: Columns whose text is part of the search haystack: a change there re-filters.
SEARCHED_COLUMNS = frozenset({COL_PREFIX, COL_UNIQUE_NAME, COL_NAME, COL_USER, COL_ROLE})

#: Custom role: the row's :class:`KeyRow`.
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Flags of every cell: selectable rows, never editable in place.
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
#: Default column widths come from these samples (or the header, if wider).
COLUMN_SAMPLES = (
    "kd_XXXXXXXX",
    "polite-narwhal-3474",
    "Recommendation eng",
    "margaret@example.com",
    "Standard API Key",
    "2026-10-10 20:34",
    "2026-10-10 20:34",
    "Expired",
    "Revoked",
    "2026-10-10 20:34",
)

_NEVER_EXPIRES = datetime.max
_NEVER_USED = datetime.min


# --- display text -------------------------------------------------------------------------


def has_expired_at(row: KeyRow, now: datetime) -> bool:
    return row.expires is not None and row.expires <= now


# --- sorting ------------------------------------------------------------------------------


class _RoleKeys(dict[str, str]):
    """Role code → lowercase label; unknown codes sort by their own lowercase text."""

    def __missing__(self, code: str) -> str:
        return code.lower()


_ROLE_KEYS = _RoleKeys({code: label.lower() for code, label in ROLES.items()})


def sort_key(row: KeyRow, column: int, now: datetime) -> Any:
    """The key one row sorts by in ``column`` (the reference the proxy's order is tested against).

    Text sorts case-insensitively, roles by their label, a missing expiry as "latest"
    (never expires) and a missing last use as "earliest" (never used). Ties keep the
    load order (creation order), because Python's sort is stable.
    """
    if column == COL_PREFIX:
        return row.prefix.lower()
    if column == COL_UNIQUE_NAME:
        return row.unique_name.lower()
    if column == COL_NAME:
        return row.name.lower()
    if column == COL_USER:
        return row.user.lower()
    if column == COL_ROLE:
        return _ROLE_KEYS[row.role]
    if column == COL_CREATED:
        return row.created
    if column == COL_EXPIRES:
        return _NEVER_EXPIRES if row.expires is None else row.expires
    if column == COL_HAS_EXPIRED:
        return has_expired_at(row, now)
    if column == COL_REVOKED:
        return row.revoked
    if column == COL_LAST_USED:
        return _NEVER_USED if row.last_used is None else row.last_used
    raise ValueError(f"no column {column}")
