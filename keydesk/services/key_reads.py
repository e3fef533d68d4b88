"""Reading keys: every row of the keys table (at once or in batches), the rows of a few
keys, one key in full, and the models of each key. Reading never selects
``secret_hash``: a support role may not read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import peewee

from keydesk.errors import NotFound, sentence
from keydesk.services.key_fields import KEY_FIELDS
from keydesk.services.key_records import KeyDetail, KeyRow
from keydesk.services.key_rules import prefix_of
from keydesk.services.threads import pause_for_gui
from keydesk.store.connection import database
from keydesk.store.models import AiModel, ApiKey, KeyModel, KeySkill, Skill, User, tuples

#: Prefixes per IN (...): well under every backend's parameter limit.
PREFIXES_PER_QUERY = 500


def row_query() -> Any:
    """The values of every :class:`KeyRow` field (:data:`KEY_FIELDS`), in its order."""
    tables = {"key": ApiKey, "user": User}
    return (
        ApiKey.select(*[getattr(tables[field.table], field.column) for field in KEY_FIELDS])
        .join(User)
        .order_by(ApiKey.created, ApiKey.id)  # creation order; served by the created index
    )


def key_row(values: Sequence[Any]) -> KeyRow:
    p, u, n, e, r, c, x, rv, lu, o = values[:10]
    return KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))


def list_key_rows() -> list[KeyRow]:
    """Every key as a :class:`KeyRow`, in creation order (oldest first; keys created in
    the same instant in id order), in one query."""
    return [
        KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))
        for p, u, n, e, r, c, x, rv, lu, o in row_query().tuples().iterator()
    ]


def value_query() -> Any:
    """:func:`row_query` in the order the rows are stored (by id), which a database reads
    fastest: on SQLite at a million keys, 3 s instead of 6 s in creation order (that
    walks the created index and looks up each row). On PostgreSQL timestamps come as
    microseconds since 1970: NumPy turned psycopg2's ``datetime`` objects into numbers
    at 3 µs each, 45 % of a million-key load."""
    if not isinstance(database.obj, peewee.PostgresqlDatabase):
        return row_query().order_by(ApiKey.id)
    tables = {"key": ApiKey, "user": User}
    columns = []
    for field in KEY_FIELDS:
        column = getattr(tables[field.table], field.column)
        if field.stored == "time":
            epoch = peewee.fn.EXTRACT(peewee.NodeList((peewee.SQL("EPOCH FROM"), column)))
            column = (epoch * 1_000_000).cast("bigint")
        columns.append(column)
    return ApiKey.select(*columns).join(User).order_by(ApiKey.id)


#: The sort fields whose first rows an index finds at once (``api_key_created``): by
#: any other field, the first rows in that order need a pass over every key (3.7 s by
#: name on SQLite at a million), so a first page is read by id instead.
INDEXED_SORTS = ("created",)


def first_key_values(limit: int, sort_field: str | None, descending: bool) -> list[tuple[Any, ...]]:
    """The first ``limit`` rows of :func:`iter_key_value_batches`'s kind, by
    ``sort_field`` (when it is one of :data:`INDEXED_SORTS`; ties by id), else by id:
    what a window paints first, in milliseconds at any number of keys, before the
    rest is read."""
    query = row_query()
    if sort_field in INDEXED_SORTS:
        field = getattr(ApiKey, sort_field)
        query = query.order_by(field.desc() if descending else field.asc(), ApiKey.id)
    else:
        query = query.order_by(ApiKey.id)
    sql, params = query.limit(limit).sql()
    cursor = database.execute_sql(sql, params)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def iter_key_value_batches(batch_size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of :func:`list_key_rows` in batches, as the database driver hands them over:
    in :data:`KEY_FIELDS` order, times as the driver gives them (SQLite: ISO text;
    PostgreSQL, MySQL: ``datetime``), flags as 0/1 or bools.
    :meth:`~keydesk.services.key_columns.KeyColumns.add_values` converts them a whole
    column at a time. Peewee's conversion of each value (a Python call per value, a
    format guessed per timestamp) was 60 % of loading a million keys on SQLite
    (py-spy: ``CursorWrapper.iterate`` and ``format_date_time``)."""
    connection = database.connection()
    if (
        isinstance(database.obj, peewee.PostgresqlDatabase)
        and not database.in_transaction()
        and getattr(connection, "autocommit", False)
    ):
        yield from _server_side_values(connection, batch_size)
        return
    sql, params = value_query().sql()
    cursor = database.execute_sql(sql, params)
    try:
        while rows := cursor.fetchmany(batch_size):
            yield rows
    finally:
        cursor.close()


def _server_side_values(connection: Any, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
    """A psycopg2 named cursor (the rows stay on the server until fetched) needs a
    transaction of psycopg2's own: Peewee keeps its connections in autocommit mode, so
    it is switched off for the read, then back."""
    sql, params = value_query().sql()
    connection.autocommit = False
    try:
        with connection.cursor(name="keydesk_key_values") as cursor:
            cursor.itersize = batch_size
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(batch_size):
                yield rows
    finally:
        connection.rollback()  # a read: nothing to keep
        connection.autocommit = True


def wanted_prefixes(prefixes: Iterable[str]) -> list[str]:
    """The prefixes meant, in order, once each; a whole key counts as its prefix
    (:func:`~keydesk.services.key_rules.prefix_of`)."""
    return list(dict.fromkeys(prefix_of(p) for p in prefixes if p and p.strip()))


def get_key_rows(prefixes: Iterable[str]) -> list[KeyRow]:
    """The rows of just these keys, shaped like :func:`list_key_rows` and in creation
    order, so a client refreshes the few rows another desk changed without reloading
    all. Prefixes that no longer exist (the key was deleted) or never could are left out."""
    wanted = list(dict.fromkeys(p.strip() for p in prefixes if p and p.strip()))
    found: list[tuple[int, KeyRow]] = []
    for start in range(0, len(wanted), PREFIXES_PER_QUERY):
        chunk = wanted[start : start + PREFIXES_PER_QUERY]
        query = row_query().select_extend(ApiKey.id).where(ApiKey.prefix.in_(chunk))
        found.extend((values[10], key_row(values)) for values in tuples(query))
    return [row for _, row in sorted(found, key=lambda pair: pair[0])]


def count_keys() -> int:
    return int(ApiKey.select().count())


def models_by_prefix(prefixes: Iterable[str] | None = None) -> dict[str, list[str]]:
    query = (
        KeyModel.select(ApiKey.prefix, AiModel.name)
        .join(ApiKey)
        .switch(KeyModel)
        .join(AiModel)
        .order_by(AiModel.name)
    )
    if prefixes is not None:
        query = query.where(ApiKey.prefix.in_(list(prefixes)))
    result: dict[str, list[str]] = {}
    for count, (prefix, name) in enumerate(tuples(query), 1):
        result.setdefault(prefix, []).append(name)
        if not count % 2_000:
            pause_for_gui()  # this runs in a worker while the window repaints
    return result


# Every column but the secret hash: the support role may not read it, and nothing here
# needs it (verification reads it on its own).
KEY_COLUMNS = tuple(f for f in ApiKey._meta.sorted_fields if f.name != "secret_hash")


def key_query() -> Any:
    return ApiKey.select(*KEY_COLUMNS, User).join(User)


def load_key(prefix: str) -> ApiKey:
    """The key with ``prefix`` (or the prefix of a whole key); NotFound otherwise."""
    prefix = prefix_of(prefix)
    key: ApiKey | None = key_query().where(ApiKey.prefix == prefix).first()
    if key is None:
        raise NotFound(
            sentence("Keys", "There is no key with the prefix {prefix}.").format(
                prefix=repr(prefix)
            )
        )
    return key


def _names(link_model: Any, catalog: Any, key: ApiKey) -> tuple[str, ...]:
    query = (
        link_model.select(catalog.name)
        .join(catalog)
        .where(link_model.key == key)
        .order_by(catalog.name)
    )
    return tuple(name for (name,) in query.tuples())


def detail_of(key: ApiKey) -> KeyDetail:
    return KeyDetail(
        prefix=key.prefix,
        unique_name=key.unique_name,
        name=key.name,
        role=key.role,
        user=key.user.email,
        user_display_name=key.user.display_name,
        models=_names(KeyModel, AiModel, key),
        skills=_names(KeySkill, Skill, key),
        opt_in=bool(key.opt_in),
        created=key.created,
        expires=key.expires,
        revoked=bool(key.revoked),
        revoked_at=key.revoked_at,
        last_used=key.last_used,
        version=key.version,
    )


def get_key(prefix: str) -> KeyDetail:
    return detail_of(load_key(prefix.strip()))
