"""What the current database connection may do, so the app can disable what it may not.

On a shared PostgreSQL database, rights are enforced by the server (see ``keydesk db
roles``): a support role reads keys without their hashes and revokes them only through
``keydesk_revoke()``. The app asks :func:`detect` once after opening a database and
disables the buttons of what is not allowed, with :meth:`Capabilities.reason` as tooltip.
The server stays the judge: when a change is refused anyway, :func:`denied_as_error`
turns the driver's permission error into a :class:`~keydesk.errors.PermissionDenied`
with a sentence.

* SQLite: everything, unless the file is read-only for this person.
* PostgreSQL: ``has_table_privilege`` / ``has_column_privilege`` /
  ``has_function_privilege`` for the connected role.
* MariaDB/MySQL: a best effort reading of ``SHOW GRANTS`` (root: everything).
"""

from __future__ import annotations

import os
import re
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

import peewee

from keydesk.errors import PermissionDenied, sentence
from keydesk.store.connection import database

ACTIONS = ("create", "edit", "revoke", "delete", "manage_users", "manage_catalog")
_VERBS = {
    "create": sentence("Roles", "create keys"),
    "edit": sentence("Roles", "change keys"),
    "revoke": sentence("Roles", "revoke keys"),
    "delete": sentence("Roles", "delete keys"),
    "manage_users": sentence("Roles", "add or change users"),
    "manage_catalog": sentence("Roles", "change the catalog of models and skills"),
}
KEY_ACTIONS = ("create", "edit", "revoke", "delete")
REVOKE_FUNCTION = "keydesk_revoke(text[], text, timestamp, text)"

# PostgreSQL's insufficient_privilege; MySQL/MariaDB's "command/column/db/procedure
# access denied" and "you need the X privilege" codes.
_PG_DENIED = "42501"
_MYSQL_DENIED = {1044, 1142, 1143, 1227, 1370}


@dataclass(frozen=True)
class Capabilities:
    """What the connection's database role may do; ``role`` names it for messages."""

    backend: str
    role: str | None
    can_create: bool = True
    can_edit: bool = True
    can_revoke: bool = True
    can_delete: bool = True
    can_manage_users: bool = True
    can_manage_catalog: bool = True
    read_only_file: bool = False

    def allows(self, action: str) -> bool:
        """Whether ``action`` (one of :data:`ACTIONS`) is allowed."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}; expected one of {ACTIONS}")
        return bool(getattr(self, f"can_{action}"))

    @property
    def everything(self) -> bool:
        return all(self.allows(action) for action in ACTIONS)

    def reason(self, action: str) -> str:
        """The tooltip sentence saying why ``action`` is not allowed ("" when it is)."""
        if self.allows(action):
            return ""
        return denial_sentence(self, action)


def denial_sentence(capabilities: Capabilities, action: str) -> str:
    """One sentence for a refused ``action``, naming the role and what it may do instead."""
    if capabilities.read_only_file:
        return sentence(
            "Roles", "The database file is read-only for you, so keydesk can only show it."
        )
    who = (
        sentence("Roles", "Your database role ({role})").format(role=capabilities.role)
        if capabilities.role
        else sentence("Roles", "Your database role")
    )
    key_rights = [a for a in KEY_ACTIONS if capabilities.allows(a)]
    if action in KEY_ACTIONS and key_rights == ["revoke"]:
        return sentence("Roles", "{who} may only inspect and revoke keys.").format(who=who)
    if action in KEY_ACTIONS and not key_rights:
        return sentence("Roles", "{who} may only inspect keys.").format(who=who)
    return sentence("Roles", "{who} may not {action}.").format(
        who=who, action=_VERBS.get(action, action)
    )


# --- detection ------------------------------------------------------------------------------

_detected: weakref.WeakKeyDictionary[peewee.Database, Capabilities] = weakref.WeakKeyDictionary()
_revoke_via_function: weakref.WeakKeyDictionary[peewee.Database, bool] = weakref.WeakKeyDictionary()


def _bound() -> peewee.Database:
    db = database.obj
    if db is None:
        raise RuntimeError("no database is open")
    return db  # type: ignore[no-any-return]


def detect(*, refresh: bool = False) -> Capabilities:
    """The capabilities of the open database connection, asked once per database object
    (``refresh=True`` asks again, e.g. after an administrator changed the grants)."""
    db = _bound()
    if not refresh and db in _detected:
        return _detected[db]
    if isinstance(db, peewee.PostgresqlDatabase):
        found = _detect_postgres(db)
    elif isinstance(db, peewee.MySQLDatabase):
        found = _detect_mysql(db)
    else:
        found = _detect_sqlite(db)
    _detected[db] = found
    return found


def _detect_sqlite(db: peewee.Database) -> Capabilities:
    path = str(db.database)
    writable = path in ("", ":memory:") or path.startswith("file:") or os.access(path, os.W_OK)
    if writable:
        return Capabilities("sqlite", None)
    return Capabilities(
        "sqlite",
        None,
        can_create=False,
        can_edit=False,
        can_revoke=False,
        can_delete=False,
        can_manage_users=False,
        can_manage_catalog=False,
        read_only_file=True,
    )


_PG_QUERY = f"""
SELECT
    current_user,
    (SELECT string_agg(r.rolname, ',' ORDER BY r.rolname)
       FROM pg_auth_members m
       JOIN pg_roles r ON r.oid = m.roleid
       JOIN pg_roles u ON u.oid = m.member
      WHERE u.rolname = current_user
        AND has_any_column_privilege(r.oid, 'api_key', 'SELECT')),
    has_table_privilege('api_key', 'INSERT')
        AND has_table_privilege('key_model', 'INSERT')
        AND has_table_privilege('audit_event', 'INSERT'),
    has_column_privilege('api_key', 'name', 'UPDATE')
        AND has_column_privilege('api_key', 'version', 'UPDATE')
        AND has_table_privilege('key_model', 'DELETE')
        AND has_table_privilege('audit_event', 'INSERT'),
    has_column_privilege('api_key', 'revoked', 'UPDATE')
        AND has_column_privilege('api_key', 'revoked_at', 'UPDATE')
        AND has_column_privilege('api_key', 'version', 'UPDATE')
        AND has_table_privilege('audit_event', 'INSERT'),
    COALESCE(has_function_privilege(to_regprocedure('{REVOKE_FUNCTION}'), 'EXECUTE'), false),
    has_table_privilege('api_key', 'DELETE')
        AND has_table_privilege('key_model', 'DELETE')
        AND has_table_privilege('audit_event', 'INSERT'),
    has_table_privilege('"user"', 'INSERT')
        AND has_table_privilege('"user"', 'UPDATE')
        AND has_table_privilege('audit_event', 'INSERT'),
    has_table_privilege('ai_model', 'INSERT')
        AND has_table_privilege('skill', 'INSERT')
        AND has_table_privilege('audit_event', 'INSERT')
"""


def _detect_postgres(db: peewee.Database) -> Capabilities:
    row = db.execute_sql(_PG_QUERY).fetchone()  # type: ignore[no-untyped-call]
    user, groups, create, edit, revoke_direct, revoke_function, delete, users, catalog = row
    _revoke_via_function[db] = bool(revoke_function) and not revoke_direct
    role = str(groups).split(",")[0] if groups else str(user)
    return Capabilities(
        "postgresql",
        role,
        can_create=bool(create),
        can_edit=bool(edit),
        can_revoke=bool(revoke_direct or revoke_function),
        can_delete=bool(delete),
        can_manage_users=bool(users),
        can_manage_catalog=bool(catalog),
    )


_GRANT_LINE = re.compile(r"^GRANT (?P<privileges>.+?) ON (?P<scope>\S+) TO ", re.IGNORECASE)


def _split_privileges(text: str) -> list[str]:
    """``INSERT, UPDATE (`a`, `b`)`` → ``["INSERT"]``: column-level grants are left out,
    since no keydesk action works with a few columns only (best effort), and so is
    USAGE, which means "no privilege"."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part.upper() for part in parts if part and "(" not in part and part != "USAGE"]


def _unquote(name: str) -> str:
    return name.strip("`'\"")


def _scope_matches(scope: str, schema: str, table: str) -> bool:
    db_part, _, table_part = scope.partition(".")
    db_name, table_name = _unquote(db_part), _unquote(table_part)
    if db_name != "*":
        # A database name in a grant may hold LIKE wildcards (% and _, \\_ for a literal).
        pattern = (
            db_name.replace("\\_", "\0").replace("%", "*").replace("_", "?").replace("\0", "_")
        )
        if not fnmatchcase(schema, pattern):
            return False
    return table_name in ("*", table)


def mysql_grants(lines: list[str], schema: str) -> dict[str, set[str]]:
    """Privileges per keydesk table (and ``*``) from ``SHOW GRANTS`` lines."""
    tables = ("api_key", "key_model", "audit_event", "user", "ai_model", "skill")
    rights: dict[str, set[str]] = {table: set() for table in tables}
    for line in lines:
        match = _GRANT_LINE.match(line)
        if not match:
            continue  # a role grant ("GRANT role TO user") or something newer
        privileges = _split_privileges(match["privileges"])
        if "ALL" in privileges or "ALL PRIVILEGES" in privileges:
            privileges = ["SELECT", "INSERT", "UPDATE", "DELETE"]
        for table in tables:
            if _scope_matches(match["scope"], schema, table):
                rights[table].update(privileges)
    return rights


def _detect_mysql(db: peewee.Database) -> Capabilities:
    lines = [row[0] for row in db.execute_sql("SHOW GRANTS").fetchall()]  # type: ignore[no-untyped-call]
    user = db.execute_sql("SELECT CURRENT_USER()").fetchone()[0]  # type: ignore[no-untyped-call]
    rights = mysql_grants(lines, str(db.database))

    def may(table: str, *privileges: str) -> bool:
        return all(privilege in rights[table] for privilege in privileges)

    audit_ok = may("audit_event", "INSERT")
    return Capabilities(
        "mysql",
        str(user).split("@")[0],
        can_create=may("api_key", "INSERT") and may("key_model", "INSERT") and audit_ok,
        can_edit=may("api_key", "UPDATE") and may("key_model", "DELETE") and audit_ok,
        can_revoke=may("api_key", "UPDATE") and audit_ok,
        can_delete=may("api_key", "DELETE") and may("key_model", "DELETE") and audit_ok,
        can_manage_users=may("user", "INSERT", "UPDATE") and audit_ok,
        can_manage_catalog=may("ai_model", "INSERT") and may("skill", "INSERT") and audit_ok,
    )


def revokes_through_function() -> bool:
    """Whether revoking must go through ``keydesk_revoke()`` because this connection may
    not update ``api_key`` itself (PostgreSQL support role). Asked once per connection."""
    db = _bound()
    if not isinstance(db, peewee.PostgresqlDatabase):
        return False
    if db not in _revoke_via_function:
        detect(refresh=True)
    return _revoke_via_function.get(db, False)


# --- refused changes ------------------------------------------------------------------------


def is_permission_error(error: BaseException) -> bool:
    """Whether ``error`` (a Peewee or driver error) says the role lacks a privilege."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "pgcode", None) == _PG_DENIED:
            return True
        args: tuple[Any, ...] = getattr(current, "args", ())
        if args and isinstance(args[0], int) and args[0] in _MYSQL_DENIED:
            return True
        if isinstance(current, sqlite3.OperationalError) and "readonly" in str(current):
            return True
        nested = args[0] if args and isinstance(args[0], BaseException) else None
        current = nested or current.__cause__ or current.__context__
    return False


def _capabilities_or_none() -> Capabilities | None:
    try:
        return detect()
    except (peewee.DatabaseError, RuntimeError):
        return None


@contextmanager
def denied_as_error(action: str) -> Iterator[None]:
    """Run a change; if the database refuses it for lack of privilege, raise
    :class:`PermissionDenied` with a sentence instead of the driver's error."""
    try:
        yield
    except peewee.DatabaseError as error:
        if not is_permission_error(error):
            raise
        capabilities = _capabilities_or_none()
        if capabilities is None:
            capabilities = Capabilities("unknown", None)
        if capabilities.allows(action):  # detection was optimistic: still say who refused
            who = (
                sentence("Roles", "Your database role ({role})").format(role=capabilities.role)
                if capabilities.role
                else sentence("Roles", "Your database role")
            )
            message: str = sentence("Roles", "{who} may not {action}.").format(
                who=who, action=_VERBS.get(action, action)
            )
        else:
            message = denial_sentence(capabilities, action)
        raise PermissionDenied(message, action=action) from None
