"""Reads in a worker thread, each with its own short-lived database connection.

Peewee keeps one connection per thread. A worker of Qt's thread pool that reads opens
its own connection and, through this helper, closes it again when the read is done, so
pool threads never hold connections (or SQLite files) open between jobs. Workers only
read; every write stays on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from keydesk.store.connection import database
from keydesk.views.tasks import Task, run_task

T = TypeVar("T")


def run_read(
    fn: Callable[..., T],
    on_done: Callable[[T], None],
    on_failed: Callable[[Exception], None],
    parent: QObject | None = None,
    *,
    on_progress: Callable[[Any], None] | None = None,
) -> Task:
    """Like :func:`keydesk.views.tasks.run_task`, for a function that reads the database
    (called as ``fn(report)`` with ``on_progress``)."""

    def read(*report: Callable[[Any], None]) -> T:
        with database.connection_context():
            return fn(*report)

    done: Callable[[Any], None] = on_done
    return run_task(read, done, on_failed, parent, on_progress=on_progress)
