"""The database as the layers above the services see it: which one is open, and how a
worker runs its work on it.

The store binds one process-wide proxy (:data:`keydesk.store.connection.database`) and
Peewee gives each thread its own connection through it. Nothing above the services
touches the proxy: the GUI switches databases with :func:`switch_database` and a worker
runs its job with :func:`on_own_connection`, which opens that thread's connection for
the call and closes it after, so a pool thread holds no connection (and no SQLite
file) between jobs. :func:`redact_url` is the store's: a URL safe to show or log, and
:func:`explain_fault` too: the sentence for a full disk, a read-only or busy database,
a NUL character or a date beyond the calendar, instead of the driver's error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from keydesk.store.connection import database, open_database, redact_url
from keydesk.store.faults import explain as explain_fault

P = ParamSpec("P")
T = TypeVar("T")


def sqlite_file(url: str) -> Path | None:
    """The file of an ``sqlite:///`` URL, or None for other URLs."""
    if not url.lower().startswith("sqlite:///"):
        return None
    rest = url[len("sqlite:///") :].split("?", 1)[0]
    return Path(rest) if rest and rest != ":memory:" else None


def on_own_connection(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` on this thread's own connection, closed when it returns
    (or raises). For worker threads; the GUI thread keeps its connection open."""
    with database.connection_context():
        return fn(*args, **kwargs)


def switch_database(url: str) -> None:
    """Open ``url`` (checked, its schema brought up to date) and make it the database
    every thread works on; the previous one is closed.

    Raises :class:`keydesk.errors.DatabaseError` (one sentence) when ``url`` cannot be
    opened; the current database then stays as it was.
    """
    open_database(url)


__all__ = ["explain_fault", "on_own_connection", "redact_url", "switch_database"]
