"""Bulk paths that bypass Peewee's per-row SQL building: inserting many rows through the
driver's ``executemany``, for the audit trail of bulk changes and the benchmark's seeding
(Peewee spends ~0.3 ms building SQL per row; the driver takes a few microseconds)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import peewee

from keydesk.store.connection import database

#: Peewee's own wrapper, turning the driver's errors into Peewee's, as its execute does.
_DRIVER_ERRORS_AS_PEEWEE: Any = peewee.__exception_wrapper__  # type: ignore[attr-defined]


def _adapt(value: Any, sqlite: bool) -> Any:
    if sqlite:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, bool):
            return int(value)
    return value


def adapted(values: Sequence[Any]) -> tuple[Any, ...]:
    """``values`` as the bound database's driver takes them (datetimes as text on
    SQLite): for a caller that repeats them in many rows of :func:`insert_rows`."""
    sqlite = isinstance(database.obj, peewee.SqliteDatabase)
    return tuple(_adapt(value, sqlite) for value in values)


def insert_rows(
    model: type[peewee.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ready: bool = False,
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``model``'s table in one
    ``executemany``; ``ready`` when their values went through :func:`adapted` already.
    Call inside ``database.atomic()``."""
    if not rows:
        return
    db = database.obj
    sqlite = isinstance(db, peewee.SqliteDatabase)
    opening, closing = db.quote[0], db.quote[1]
    table = f"{opening}{model._meta.table_name}{closing}"
    names = ", ".join(f"{opening}{model._meta.fields[c].column_name}{closing}" for c in columns)
    marks = ", ".join([db.param] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    params = rows if ready else [tuple(_adapt(v, sqlite) for v in row) for row in rows]
    cursor = db.cursor()
    with _DRIVER_ERRORS_AS_PEEWEE:
        if isinstance(db, peewee.PostgresqlDatabase):
            from psycopg2.extras import execute_values  # one round trip per page

            insert = f"INSERT INTO {table} ({names}) VALUES %s"
            execute_values(cursor, insert, params, page_size=2000)
        else:
            cursor.executemany(sql, params)  # sqlite3 loops in C; PyMySQL batches rows


def quoted(name: str) -> str:
    """A table or column name quoted for the bound database (``"user"`` is reserved)."""
    opening, closing = database.obj.quote
    return f"{opening}{name}{closing}"


def where_in(
    sql: str, values: Sequence[Any], *, params: Sequence[Any] = (), chunk: int = 500
) -> Iterator[Any]:
    """Run ``sql`` once per ``chunk`` of ``values`` through the driver, its ``{marks}``
    replaced by the chunk's placeholders (after ``params``); yields each cursor. Building
    the same statements through Peewee cost ~2 s for 90,000 values."""
    db = database.obj
    sqlite = isinstance(db, peewee.SqliteDatabase)
    fixed = tuple(_adapt(value, sqlite) for value in params)
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        marks = ", ".join([db.param] * len(part))
        yield db.execute_sql(sql.format(marks=marks), (*fixed, *part))
