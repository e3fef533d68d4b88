"""The fields of a key's row (:class:`~keydesk.services.keys.KeyRow`), each described once
in :data:`KEY_FIELDS`: where the row query reads it, how the keys table stores it in
memory (:class:`~keydesk.services.key_columns.KeyColumns`) and how the offline snapshot
keeps it (:mod:`keydesk.offline.snapshot`). The order is ``KeyRow``'s.

A new field is a ``KeyRow`` field, a migration, and one entry here; a new column of the
keys table that shows it is one entry of ``keydesk.views.key_table_columns``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: Timestamp fields are held as microseconds since 1970 (naive UTC, as the store hands
#: them out); a missing expiry is stored as the latest instant and a missing last use as
#: the earliest, so each column is its own sort key.
NEVER_EXPIRES_US = 2**63 - 1
NEVER_USED_US = -(2**63)

#: How a field is held in memory:
#:
#: * ``"text"``: one string per row;
#: * ``"name"``: repeated text (key names), one string object per distinct value up to a
#:   bound (a million copies of a few thousand names cost ~60 MB);
#: * ``"shared"``: few distinct values (owners, roles), one object per distinct value;
#: * ``"time"``: microseconds in an ``array("q")`` (a ``datetime`` costs 48 bytes);
#: * ``"flag"``: one byte.
Stored = Literal["text", "name", "shared", "time", "flag"]


@dataclass(frozen=True)
class KeyField:
    """One field of a key's row (see the module docstring)."""

    name: str
    stored: Stored
    #: Where the row query reads it: ``"key"`` (the key's table) or ``"user"`` (its owner).
    table: Literal["key", "user"] = "key"
    #: The database column, when it is not called ``name``.
    db_column: str = ""
    #: For ``"time"`` fields: the microseconds standing for None (or for a time that
    #: cannot be missing, its sort's "earliest").
    missing_us: int = NEVER_USED_US
    #: Whether the value may be None (a ``"time"`` field only).
    optional: bool = False

    @property
    def column(self) -> str:
        return self.db_column or self.name

    @property
    def snapshot_type(self) -> str:
        """The column type in the offline snapshot: text, ISO times, 0/1 flags."""
        kind = "INTEGER" if self.stored == "flag" else "TEXT"
        return kind if self.optional else f"{kind} NOT NULL"


KEY_FIELDS: tuple[KeyField, ...] = (
    KeyField("prefix", "text"),
    KeyField("unique_name", "text"),
    KeyField("name", "name"),
    KeyField("user", "shared", table="user", db_column="email"),
    KeyField("role", "shared"),
    KeyField("created", "time"),
    KeyField("expires", "time", missing_us=NEVER_EXPIRES_US, optional=True),
    KeyField("revoked", "flag"),
    KeyField("last_used", "time", optional=True),
    KeyField("opt_in", "flag"),
)
FIELD_NAMES = tuple(field.name for field in KEY_FIELDS)
