"""Database work in a worker thread, each job with its own short-lived connection.

Peewee keeps one connection per thread. A worker of Qt's thread pool opens its own
connection and, through these helpers, closes it again when the job is done, so pool
threads never hold connections (or SQLite files) open between jobs. Workers read
(:func:`run_read`); a change of many keys at once (bulk revoke, bulk delete) is one
transaction in a worker too (:func:`run_write`), so the window never waits on it.
:mod:`keydesk.views.tasks` says which work runs where.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from keydesk.services.database import on_own_connection
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
        return on_own_connection(fn, *report)

    return run_task(read, on_done, on_failed, parent, on_progress=on_progress)


def run_write(
    fn: Callable[..., T],
    on_done: Callable[[T], None],
    on_failed: Callable[[Exception], None],
    parent: QObject | None = None,
    *,
    on_progress: Callable[[Any], None] | None = None,
) -> Task:
    """Like :func:`run_read`, for one service call that writes in its own transaction.
    The write completes even if ``parent`` goes away meanwhile; only the callbacks are
    skipped."""
    return run_read(fn, on_done, on_failed, parent, on_progress=on_progress)
