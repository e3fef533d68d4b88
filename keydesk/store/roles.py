"""Database roles for a team on one PostgreSQL database, enforced by the server.

``keydesk db roles --support NAME --admin NAME`` calls :func:`create_roles`:

* the **admin** role gets full rights on keydesk's tables and their sequences, except
  that the audit trail (``audit_event``) may only be read and appended to, and may call
  ``keydesk_revoke()``; triggers (migration 0006) refuse to change or delete audit
  events and to re-insert a key prefix that was ever issued, whoever asks;
* the **support** role may read every keydesk table, but on ``api_key`` every column
  except ``secret_hash`` (column-level grants, so ``SELECT *`` is refused too); it may not
  insert, update or delete anything, and revokes only through ``keydesk_revoke()``, a
  SECURITY DEFINER function owned by the table owner (migrations 0003 and 0006) that
  only ever revokes and writes the audit rows with the database session's user as
  operator, keeping a time decided offline only within 30 days and never before the
  key's creation. Without INSERT on ``audit_event`` it cannot forge audit entries.

Both are group roles (NOLOGIN): people log in as themselves and are made members
(``GRANT keydesk_support TO alice``), so the audit trail names them. Running the command
again is harmless and sets the rights afresh (re-run it after upgrading keydesk, so new
tables and columns are covered). Run it as the owner of keydesk's tables (the role that
created them) with the right to create roles, or as a superuser.

Roles are a PostgreSQL feature here; on SQLite and MariaDB :func:`create_roles` raises
:class:`~keydesk.errors.RolesUnsupported` with a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import peewee

from keydesk.errors import PermissionDenied, RolesUnsupported, ValidationError
from keydesk.store.connection import HISTORY_TABLE, ISSUED_TABLE, database
from keydesk.store.models import ALL_TABLES, ApiKey

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
REVOKE_FUNCTION = "keydesk_revoke(text[], text, timestamp, text)"
HIDDEN_COLUMNS = frozenset({"secret_hash"})
AUDIT_TABLE = "audit_event"


@dataclass(frozen=True)
class RolesReport:
    """What :func:`create_roles` did, for the command line to tell."""

    support: str | None
    admin: str | None
    created: tuple[str, ...]

    def lines(self) -> list[str]:
        out = []
        for name in (self.support, self.admin):
            if name is None:
                continue
            if name in self.created:
                out.append(f"Created role {name}.")
            else:
                out.append(f"Role {name} already existed; its rights were set afresh.")
        if self.support:
            out.append(
                f"{self.support} may read every keydesk table except the keys' secret hashes, "
                "and may revoke keys only through keydesk_revoke(): it cannot create, edit, "
                "un-revoke or delete them."
            )
        if self.admin:
            out.append(
                f"{self.admin} has full rights on keydesk's tables, except that the audit "
                "trail may only be read and appended to."
            )
        example = self.support or self.admin
        out.append(
            f"Give people a role with GRANT {example} TO alice; (or CREATE ROLE alice LOGIN "
            f"IN ROLE {example};) and have them log in as themselves."
        )
        return out


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_name(name: str, what: str) -> str:
    name = name.strip()
    if not ROLE_NAME.match(name) or name.startswith("pg_"):
        raise ValidationError(
            f"{name!r} cannot be the {what} role: use lowercase letters, digits and _ "
            "(up to 63, not starting with a digit or pg_).",
            field=what,
        )
    return name


def _rows(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


def _run(sql: str) -> None:
    database.execute_sql(sql)


def create_roles(*, support: str | None = None, admin: str | None = None) -> RolesReport:
    """Create (if needed) and grant the support and/or admin role on the open database,
    in one transaction. Idempotent."""
    db = database.obj
    if not isinstance(db, peewee.PostgresqlDatabase):
        where = "SQLite" if isinstance(db, peewee.SqliteDatabase) else "MariaDB/MySQL"
        raise RolesUnsupported(
            f"Database roles are made on PostgreSQL only; on {where}, give each person "
            "their own database account with the rights they need instead."
            if where != "SQLite"
            else "Database roles are made on PostgreSQL only; on SQLite, whoever may write "
            "the database file may do everything."
        )
    if support is None and admin is None:
        raise ValidationError("Name a support role, an admin role or both.")
    support = _check_name(support, "support") if support is not None else None
    admin = _check_name(admin, "admin") if admin is not None else None
    if support is not None and support == admin:
        raise ValidationError("The support and admin roles must have different names.")

    table = ApiKey._meta.table_name
    [(owner, schema, me, superuser, owns)] = _rows(
        "SELECT pg_get_userbyid(c.relowner), n.nspname, current_user, "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
        "pg_has_role(current_user, c.relowner, 'USAGE') "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = to_regclass(%s)",
        (table,),
    )
    if not (superuser or owns):
        raise PermissionDenied(
            f"Run keydesk db roles as {owner}, the owner of keydesk's tables, or as a "
            "superuser: only they may grant rights on them.",
            action="manage_roles",
        )
    for name in (support, admin):
        if name in (owner, me):
            raise ValidationError(
                f"{name} owns keydesk's tables or runs this command; choose another role name."
            )
    if not _rows("SELECT to_regprocedure(%s)", (REVOKE_FUNCTION,))[0][0]:
        raise RolesUnsupported(
            "This database lacks keydesk_revoke(); open it once with this keydesk to upgrade it."
        )

    tables = [model._meta.table_name for model in ALL_TABLES]
    qualified = [f"{_ident(schema)}.{_ident(name)}" for name in tables]
    history = f"{_ident(schema)}.{_ident(HISTORY_TABLE)}"
    issued = f"{_ident(schema)}.{_ident(ISSUED_TABLE)}"
    audit_trail = f"{_ident(schema)}.{_ident(AUDIT_TABLE)}"
    sequences = [
        sequence
        for (sequence,) in _rows(
            "SELECT pg_get_serial_sequence(quote_ident(%s) || '.' || quote_ident(t), 'id') "
            "FROM unnest(%s::text[]) AS t",
            (schema, tables),
        )
        if sequence
    ]
    key_columns = [
        column
        for (column,) in _rows(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            (schema, table),
        )
        if column not in HIDDEN_COLUMNS
    ]
    created: list[str] = []
    try:
        with database.atomic():
            for name in (support, admin):
                if name is not None and not _rows(
                    "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)
                ):
                    _run(f"CREATE ROLE {_ident(name)} NOLOGIN")
                    created.append(name)
            everything = ", ".join([*qualified, history, issued])
            if admin is not None:
                role = _ident(admin)
                _run(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {role}")
                _run(f"GRANT ALL PRIVILEGES ON TABLE {', '.join(qualified)} TO {role}")
                _run(f"REVOKE UPDATE, DELETE, TRUNCATE ON TABLE {audit_trail} FROM {role}")
                _run(f"REVOKE ALL PRIVILEGES ON TABLE {issued} FROM {role}")
                _run(f"GRANT SELECT ON TABLE {history}, {issued} TO {role}")
                if sequences:
                    _run(
                        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {', '.join(sequences)} TO {role}"
                    )
                _run(f"GRANT EXECUTE ON FUNCTION {REVOKE_FUNCTION} TO {role}")
            if support is not None:
                role = _ident(support)
                _run(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {role}")
                _run(f"REVOKE ALL PRIVILEGES ON TABLE {everything} FROM {role}")  # a clean slate
                if sequences:
                    _run(f"REVOKE ALL PRIVILEGES ON SEQUENCE {', '.join(sequences)} FROM {role}")
                readable = [q for name, q in zip(tables, qualified, strict=True) if name != table]
                _run(f"GRANT SELECT ON TABLE {', '.join([*readable, history, issued])} TO {role}")
                columns = ", ".join(_ident(column) for column in key_columns)
                _run(
                    f"GRANT SELECT ({columns}) ON TABLE {_ident(schema)}.{_ident(table)} TO {role}"
                )
                _run(f"GRANT EXECUTE ON FUNCTION {REVOKE_FUNCTION} TO {role}")
    except peewee.ProgrammingError as error:
        if getattr(error.__context__, "pgcode", None) == "42501" or "permission denied" in str(
            error
        ):
            raise PermissionDenied(
                f"The database user {me} may not create roles: run keydesk db roles as a "
                "role with CREATEROLE (or a superuser) that owns keydesk's tables.",
                action="manage_roles",
            ) from None
        raise
    return RolesReport(support, admin, tuple(created))
