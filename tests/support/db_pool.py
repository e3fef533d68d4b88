"""Migrated server databases, reused from one test to the next.

Why: every test on PostgreSQL or MariaDB used to get a freshly created database that
keydesk's migrations then filled with tables, triggers and functions: ~0.2 s a test on
PostgreSQL and ~0.45 s on MariaDB (whose DDL is slow), for some 140 tests on each, a
sizeable share of a suite that must stay well under CI's ten minutes. Emptying a
database that is already migrated costs a few hundredths of a second.

Isolation is kept, not assumed. A database handed back after a test is cleaned when the
next test asks for one, so that everything the first test left running has been
stopped by its own teardown by then:

1. every other session on it is ended, and waited for (PostgreSQL: pg_terminate_backend;
   MariaDB: KILL); waiting for a lock gives up after 5 s instead of hanging;
2. its schema is compared with the one it had right after the migrations
   (``_Server.fingerprint``: tables, columns, indexes, constraints, triggers and
   whether they are enabled, functions and routines with their bodies, owners, grants,
   database settings, and the rows of the migration history);
3. every table but the migration history is emptied and its counters restarted
   (PostgreSQL: DELETE in a replica session, which fires no trigger, so the append-only
   tables do not refuse, then every sequence restarts; MariaDB: TRUNCATE where a
   trigger refuses DELETE, DELETE elsewhere, then AUTO_INCREMENT restarts), and every
   table is then checked to be empty.

Any difference, or any failure on the way, drops the database instead, as was done
after every test before. Tests that need a truly empty database (old schemas, another
application's tables) are marked ``empty_database`` and still get a fresh one
(tests/conftest.py, ``db_url``). Server-wide things (roles, users) were never per
database and are cleaned by the tests that make them.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from keydesk.store import connection
from keydesk.store.connection import HISTORY_TABLE
from support.servers import admin_connection, create_statement, database_url, drop_statement

Fingerprint = tuple[tuple[str, ...], ...]

#: Seconds a cleaning statement waits for a lock before the database is dropped instead.
LOCK_WAIT = 5

# PostgreSQL: keydesk's objects live in user schemas; an ACL left NULL means the owner's
# default rights, so NULL and the same rights written out compare equal (a GRANT undone by
# REVOKE or DROP OWNED leaves the latter).
_PG_NAMESPACES = (
    "WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname NOT IN "
    "('pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp_)') "
)
_N, _F, _D = "'n'", "'f'", "'d'"  # acldefault's object types: schema, function, database
_PG_RELATION_ACL = "(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\""


def _pg_acl(column: str, kind: str, owner: str) -> str:
    """The rights in ``column`` as sorted text (``kind``: the object type for acldefault)."""
    return (
        f"(SELECT string_agg(a::text, ',' ORDER BY a::text) "
        f"FROM unnest(coalesce({column}, acldefault({kind}, {owner}))) AS a)"
    )


_PG_FINGERPRINT = [
    # schemas
    f"SELECT 'schema', n.nspname, pg_get_userbyid(n.nspowner), "
    f"{_pg_acl('n.nspacl', _N, 'n.nspowner')} FROM pg_namespace n "
    f"WHERE n.oid IN (SELECT oid FROM ns)",
    # tables, views, sequences, indexes...
    f"SELECT 'relation', ns.nspname, c.relname, c.relkind::text, pg_get_userbyid(c.relowner), "
    f"{_pg_acl('c.relacl', _PG_RELATION_ACL, 'c.relowner')}, "
    f"c.relpersistence::text, c.relrowsecurity::text, c.relforcerowsecurity::text, "
    f"coalesce(c.reloptions::text, ''), "
    f"CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) ELSE '' END "
    f"FROM pg_class c JOIN ns ON ns.oid = c.relnamespace",
    # columns, with their defaults and column grants
    "SELECT 'column', c.oid::regclass::text, a.attnum::text, a.attname, "
    "format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text, "
    "a.attgenerated::text, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), "
    "coalesce(a.attacl::text, ''), a.attcollation::regcollation::text "
    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "JOIN ns ON ns.oid = c.relnamespace "
    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attnum > 0 AND NOT a.attisdropped",
    "SELECT 'index', schemaname, tablename, indexname, indexdef FROM pg_indexes "
    "WHERE schemaname IN (SELECT nspname FROM ns)",
    "SELECT 'constraint', ns.nspname, co.conrelid::regclass::text, co.conname, "
    "pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN ns ON ns.oid = co.connamespace",
    "SELECT 'trigger', t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid), "
    "t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN ns ON ns.oid = c.relnamespace WHERE NOT t.tgisinternal",
    f"SELECT 'function', p.oid::regprocedure::text, pg_get_userbyid(p.proowner), "
    f"{_pg_acl('p.proacl', _F, 'p.proowner')}, "
    f"CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE p.prokind::text END "
    f"FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace",
    "SELECT 'type', ns.nspname, t.typname, t.typtype::text, pg_get_userbyid(t.typowner) "
    "FROM pg_type t JOIN ns ON ns.oid = t.typnamespace",
    "SELECT 'sequence', schemaname, sequencename, data_type::text, start_value::text, "
    "min_value::text, max_value::text, increment_by::text, cycle::text, cache_size::text "
    "FROM pg_sequences WHERE schemaname IN (SELECT nspname FROM ns)",
    "SELECT 'rule', schemaname, tablename, rulename, definition FROM pg_rules",
    "SELECT 'policy', schemaname, tablename, policyname, coalesce(qual, ''), "
    "coalesce(with_check, ''), cmd, roles::text FROM pg_policies",
    "SELECT 'extension', extname, extversion, pg_get_userbyid(extowner) FROM pg_extension",
    "SELECT 'event trigger', evtname, evtevent, evtenabled::text, evtfoid::regproc::text "
    "FROM pg_event_trigger",
    "SELECT 'default acl', pg_get_userbyid(defaclrole), defaclnamespace::regnamespace::text, "
    "defaclobjtype::text, defaclacl::text FROM pg_default_acl",
    f"SELECT 'database', pg_get_userbyid(d.datdba), {_pg_acl('d.datacl', _D, 'd.datdba')}, "
    f"d.datconnlimit::text, coalesce((SELECT string_agg(s.setrole::text || ':' "
    f"|| s.setconfig::text, ';' ORDER BY s.setrole) FROM pg_db_role_setting s "
    f"WHERE s.setdatabase = d.oid), '') FROM pg_database d WHERE d.datname = current_database()",
    f"SELECT 'migration', name, applied::text FROM \"{HISTORY_TABLE}\"",
]

_MYSQL_FINGERPRINT = [
    "SELECT 'schema', DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
    "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %(db)s",
    "SELECT 'table', TABLE_NAME, TABLE_TYPE, ENGINE, ROW_FORMAT, TABLE_COLLATION, "
    "CREATE_OPTIONS FROM information_schema.TABLES WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'column', TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
    "COLUMN_DEFAULT, COLLATION_NAME, EXTRA, GENERATION_EXPRESSION "
    "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'index', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, "
    "INDEX_TYPE, SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'foreign key', TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, "
    "DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
    "WHERE CONSTRAINT_SCHEMA = %(db)s",
    "SELECT 'key column', TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, "
    "REFERENCED_TABLE_SCHEMA = %(db)s, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
    "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'check', TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE "
    "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = %(db)s",
    "SELECT 'trigger', TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, "
    "ACTION_TIMING, ACTION_STATEMENT, SQL_MODE, DEFINER "
    "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %(db)s",
    "SELECT 'routine', ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, SECURITY_TYPE, "
    "SQL_MODE, DEFINER FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = %(db)s",
    "SELECT 'view', TABLE_NAME, VIEW_DEFINITION, SECURITY_TYPE, DEFINER "
    "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'event', EVENT_NAME, EVENT_DEFINITION, STATUS "
    "FROM information_schema.EVENTS WHERE EVENT_SCHEMA = %(db)s",
    "SELECT 'schema grant', GRANTEE, PRIVILEGE_TYPE, IS_GRANTABLE "
    "FROM information_schema.SCHEMA_PRIVILEGES WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'table grant', GRANTEE, TABLE_NAME, PRIVILEGE_TYPE, IS_GRANTABLE "
    "FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'column grant', GRANTEE, TABLE_NAME, COLUMN_NAME, PRIVILEGE_TYPE "
    "FROM information_schema.COLUMN_PRIVILEGES WHERE TABLE_SCHEMA = %(db)s",
    "SELECT 'routine grant', User, Host, Routine_name, Routine_type, Proc_priv "
    "FROM mysql.procs_priv WHERE Db = %(db)s",
    f"SELECT 'migration', name, applied FROM `{{name}}`.`{HISTORY_TABLE}`",
]


def _rows(cursor: Any, sql: str, params: Any = None) -> list[tuple[str, ...]]:
    cursor.execute(sql, params)
    return [tuple("" if value is None else str(value) for value in row) for row in cursor]


def _sorted(rows: Iterable[tuple[str, ...]]) -> Fingerprint:
    return tuple(sorted(rows))


class _Server:
    """What the pool knows of one server: an admin connection and each pooled database's
    schema as the migrations left it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.admin = admin_connection(kind)
        self.pristine: dict[str, Fingerprint] = {}  # by database name

    def execute(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with self.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []

    def cursor(self) -> Any:
        """A cursor of the admin connection, made again if a test ended its session."""
        try:
            with self.admin.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:
            with suppress(Exception):
                self.admin.close()
            self.admin = admin_connection(self.kind)
        return self.admin.cursor()

    def create(self) -> str:
        """A new database, migrated by keydesk itself; returns its name."""
        name = f"kd_test_{uuid.uuid4().hex[:12]}"
        self.execute(create_statement(self.kind, name))
        try:
            migrated = connection.connect(database_url(self.kind, name))
            try:
                connection.prepare_schema(migrated)
            finally:
                migrated.close()
            self.pristine[name] = self.fingerprint(name)
        except BaseException:
            self.drop(name)
            raise
        return name

    def drop(self, name: str) -> None:
        self.pristine.pop(name, None)
        self.execute(drop_statement(self.kind, name))

    def fingerprint(self, name: str) -> Fingerprint:
        if self.kind == "postgres":
            with self._on(name) as cursor:
                return self._pg_fingerprint(cursor)
        with self.cursor() as cursor:
            rows = []
            for sql in _MYSQL_FINGERPRINT:
                rows += _rows(cursor, sql.replace("{name}", name), {"db": name})
            return _sorted(rows)

    @contextmanager
    def _on(self, name: str) -> Iterator[Any]:
        """A superuser cursor on the database ``name`` itself (PostgreSQL's catalogs are
        per database), closed with its connection afterwards."""
        conn = admin_connection("postgres", name)
        try:
            with conn.cursor() as cursor:
                yield cursor
        finally:
            conn.close()

    @staticmethod
    def _pg_fingerprint(cursor: Any) -> Fingerprint:
        rows = []
        for sql in _PG_FINGERPRINT:
            rows += _rows(cursor, _PG_NAMESPACES + sql)
        return _sorted(rows)

    def clean(self, name: str) -> None:
        """Make ``name`` as the migrations left it, or raise."""
        if self.kind == "postgres":
            self._clean_postgres(name)
        else:
            self._clean_mysql(name)

    def _clean_postgres(self, name: str) -> None:
        # With a timeout (PostgreSQL 14+), pg_terminate_backend waits for the end.
        ended = self.execute(
            "SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (LOCK_WAIT * 1000, name),
        )
        if not all(done for (done,) in ended):
            raise RuntimeError(f"a session on {name} outlived pg_terminate_backend")
        pristine = self.pristine[name]
        tables = [
            f"{_pg_quote(row[1])}.{_pg_quote(row[2])}"
            for row in pristine
            if row[:1] == ("relation",) and row[3] in ("r", "p") and row[2] != HISTORY_TABLE
        ]
        with self._on(name) as cursor:
            cursor.execute(f"SET lock_timeout = '{LOCK_WAIT}s'")
            if self._pg_fingerprint(cursor) != pristine:
                raise SchemaChanged(name)
            # DELETE rather than TRUNCATE (ten times slower here); a replica session fires
            # no trigger, so the append-only tables do not refuse and no foreign key is
            # checked. Then every sequence restarts (only those of the schema exist).
            cursor.execute(
                "BEGIN; SET LOCAL session_replication_role = replica; "
                + "".join(f"DELETE FROM {table}; " for table in tables)
                + "SELECT setval(seqrelid, seqstart, false) FROM pg_sequence; COMMIT"
            )
            _check_empty(cursor, tables)

    def _clean_mysql(self, name: str) -> None:
        self.execute(f"SET SESSION lock_wait_timeout = {LOCK_WAIT}")
        others = (
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = %s AND ID <> CONNECTION_ID()"
        )
        for (session,) in self.execute(others, (name,)):
            with suppress(Exception):  # it may have ended on its own meanwhile
                self.execute(f"KILL CONNECTION {int(session)}")
        deadline = time.monotonic() + LOCK_WAIT
        while self.execute(others, (name,)):  # KILL does not wait for the end
            if time.monotonic() > deadline:
                raise RuntimeError(f"a session on {name} outlived KILL")
            time.sleep(0.01)
        pristine = self.pristine[name]
        if self.fingerprint(name) != pristine:
            raise SchemaChanged(name)
        tables = [
            row[1]
            for row in pristine
            if row[:1] == ("table",) and row[2] == "BASE TABLE" and row[1] != HISTORY_TABLE
        ]
        # Where a trigger refuses DELETE (the append-only tables), TRUNCATE, which fires
        # none and restarts AUTO_INCREMENT; elsewhere DELETE, several times cheaper, and
        # then AUTO_INCREMENT restarts where it moved.
        refusing = {row[3] for row in pristine if row[:1] == ("trigger",) and row[2] == "DELETE"}
        with self.cursor() as cursor:
            cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
            try:
                for table in tables:
                    verb = "TRUNCATE TABLE" if table in refusing else "DELETE FROM"
                    cursor.execute(f"{verb} `{name}`.`{table}`")
                cursor.execute(
                    "SELECT TABLE_NAME FROM information_schema.TABLES "
                    "WHERE TABLE_SCHEMA = %s AND AUTO_INCREMENT > 1",
                    (name,),
                )
                for (table,) in cursor.fetchall():
                    if table in tables:
                        cursor.execute(f"ALTER TABLE `{name}`.`{table}` AUTO_INCREMENT = 1")
            finally:
                cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
            _check_empty(cursor, [f"`{name}`.`{table}`" for table in tables])


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_empty(cursor: Any, tables: list[str]) -> None:
    """Raise unless every one of ``tables`` (quoted names) is empty."""
    cursor.execute(" UNION ALL ".join(f"(SELECT 1 FROM {table} LIMIT 1)" for table in tables))
    if cursor.fetchall():
        raise RuntimeError("rows were left after cleaning")


class SchemaChanged(Exception):
    """A pooled database's schema is no longer the migrated one."""


class DatabasePool:
    """Migrated, empty server databases, per server kind ("postgres", "mysql")."""

    def __init__(self) -> None:
        self._servers: dict[str, _Server] = {}
        self._idle: dict[str, list[str]] = {}
        self._handed_back: list[tuple[str, str]] = []
        #: The databases dropped instead of reused, and why, for tests of the pool.
        self.dropped: dict[str, str] = {}

    def take(self, kind: str) -> str:
        """The URL of a migrated database without rows on the ``kind`` server."""
        server = self._server(kind)
        self._settle()
        idle = self._idle.setdefault(kind, [])
        name = idle.pop() if idle else server.create()
        return database_url(kind, name)

    def give_back(self, url: str) -> None:
        """Take back the database of ``url`` once its test is over; it is cleaned (or
        dropped) when the next test asks for one, after the whole teardown of this one."""
        kind = "postgres" if url.startswith("postgres") else "mysql"
        self._handed_back.append((kind, url.rsplit("/", 1)[1]))

    def close(self) -> None:
        """Drop every database the pool made, whether idle, handed back or still out."""
        connection.close_database()
        for server in self._servers.values():
            for name in list(server.pristine):
                server.drop(name)
            server.admin.close()
        self._servers.clear()
        self._idle.clear()
        self._handed_back.clear()

    def _server(self, kind: str) -> _Server:
        if kind not in self._servers:
            self._servers[kind] = _Server(kind)
        return self._servers[kind]

    def _settle(self) -> None:
        """Clean every database handed back, or drop it."""
        handed_back, self._handed_back = self._handed_back, []
        for kind, name in handed_back:
            server = self._servers[kind]
            try:
                server.clean(name)
            except Exception as error:
                self.dropped[name] = repr(error)
                server.drop(name)
            else:
                self._idle.setdefault(kind, []).append(name)
