"""Reads that fall back to the offline copy: the Users, Models and Audit log pages and
the detail dialog read the server while it answers and the local copy while it does not.

:func:`read_live_or_copy` runs in a worker (:mod:`keydesk.views.tasks`): online it calls
``live()`` on the worker's own connection; offline, or when that call finds the server
gone (the session then goes offline), it calls ``from_copy(copy)`` on the copy instead.
The caller gets a :class:`Sourced` value saying which: ``as_of`` is None for a live read
and the copy's time otherwise, for the page to say "as of <time>" and refuse changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QObject

from keydesk.offline import OfflineCopy, OfflineSession
from keydesk.services.database import on_own_connection
from keydesk.views.tasks import Task, run_task

T = TypeVar("T")


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A value and where it came from: ``as_of`` None when read live from the server,
    else the time of the offline copy it was read from (naive UTC)."""

    value: T
    as_of: datetime | None = None

    @property
    def from_copy(self) -> bool:
        return self.as_of is not None


def read_sourced(
    session: OfflineSession | None,
    action: str,
    live: Callable[[], T],
    from_copy: Callable[[OfflineCopy], T],
) -> Sourced[T]:
    """``live()`` while the server answers, else ``from_copy(copy)``; for a worker.

    Raises the one-sentence refusal of ``action`` when offline without a copy (an SQLite
    file that went away, a server never opened online here), and any error of ``live``
    that is not the server going away."""
    if session is None or session.online:
        try:
            return Sourced(on_own_connection(live))
        except Exception as error:
            if session is None or not session.handle_error(error):
                raise
    copy = session.offline_copy()
    if copy is None:
        raise session.refusal(action)
    return Sourced(from_copy(copy), copy.as_of)


def read_live_or_copy(
    session: OfflineSession | None,
    action: str,
    live: Callable[[], T],
    from_copy: Callable[[OfflineCopy], T],
    on_done: Callable[[Sourced[T]], None],
    on_failed: Callable[[Exception], None],
    parent: QObject | None = None,
) -> Task:
    """:func:`read_sourced` in a worker, then ``on_done(sourced)`` on the GUI thread."""
    return run_task(
        lambda: read_sourced(session, action, live, from_copy), on_done, on_failed, parent
    )
