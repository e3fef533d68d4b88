"""Bulk paths that bypass Peewee's per-row SQL building: inserting many rows through the
driver's ``executemany``, for the benchmark's seeding (Peewee spends ~0.3 ms building
SQL per row; the driver takes a few microseconds)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import peewee

from keydesk.store.connection import database


def _adapt(value: Any, sqlite: bool) -> Any:
    if sqlite:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, bool):
            return int(value)
    return value


def insert_rows(
    model: type[peewee.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``model``'s table in one
    ``executemany``. Call inside ``database.atomic()``."""
    if not rows:
        return
    db = database.obj
    sqlite = isinstance(db, peewee.SqliteDatabase)
    opening, closing = db.quote[0], db.quote[1]
    table = f"{opening}{model._meta.table_name}{closing}"
    names = ", ".join(f"{opening}{model._meta.fields[c].column_name}{closing}" for c in columns)
    marks = ", ".join([db.param] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    params = [tuple(_adapt(v, sqlite) for v in row) for row in rows]
    cursor = db.cursor()
    if isinstance(db, peewee.PostgresqlDatabase):
        from psycopg2.extras import execute_values  # one round trip per page, not per row

        execute_values(cursor, f"INSERT INTO {table} ({names}) VALUES %s", params, page_size=2000)
    else:
        cursor.executemany(sql, params)  # sqlite3 loops in C; PyMySQL batches VALUES rows
