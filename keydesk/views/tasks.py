"""Where keydesk's work runs, who owns which Qt object, and how a worker reports back;
and :func:`run_task`, the way the GUI hands work to Qt's thread pool.

Which work runs where, and why
------------------------------

* **The GUI thread** builds, changes and destroys every widget and every other QObject,
  and makes the writes of one key or two (save an edit, revoke from the detail dialog,
  the create dialog's insert): short transactions, one writer, so two threads never
  fight over SQLite's lock. Its reads are a row at most (a key's row after a dialog
  changed it, the database role's rights), and it opens a database (at start, File →
  Open database) behind a wait cursor; anything longer runs in a worker.
* **Qt's global thread pool**, through :func:`run_task`, runs jobs that end and whose
  result the GUI waits for: bcrypt (the create dialog's secret), every read
  (:func:`keydesk.views.reading.run_read`: the keys loader, the pages, the detail dialog
  and the create form's choices, the offline copy's save), a change of many keys in one
  transaction (:func:`~keydesk.views.reading.run_write`: bulk revoke and delete), sorting,
  CSV export. Each database job runs on its own connection, opened for the job and
  closed after (:func:`keydesk.services.database.on_own_connection`).
* **Two plain threads** run loops that never end, so they stay out of the pool (it has
  as many threads as cores, two here: a loop would halve it for the window's life):
  :class:`keydesk.views.live.LiveRefresh`'s ``keydesk-live`` thread waits on the
  change feed and reads the keys other desks changed; the
  :class:`~keydesk.offline.OfflineSession`'s ``keydesk-reconnect`` thread retries the
  lost server with back-off. The offline layer has no Qt (the command line and tests
  use it), so it uses :mod:`threading`.
* **Pacing, not a mechanism**: a worker that runs Python for long stretches (a sort, a
  load, the offline copy) calls :mod:`keydesk.services.threads` between steps, so a
  repaint gets the GIL at once; upkeep also waits while the user types or clicks
  (:class:`keydesk.views.activity.UserActivity` tells it). Without it a repaint at a
  million keys took 0.2–0.3 s.

Who owns which Qt object
------------------------

Every QObject lives on the GUI thread and is destroyed there: one destroyed by a worker
while the GUI thread delivers an event to it crashes the process (the intermittent
segfault a per-job relay object caused). So a pool worker holds no Qt object and is
never the last holder of anything the job refers to. It gets a number; the function,
its result or exception and the :class:`Task` wait in a table that only the GUI thread
empties, and the worker signals through one dispatcher that lives as long as the
module. A :class:`Task` is a child of the object that started it (a page, a dialog): if
that goes first, the task goes with it and its callbacks are skipped. ``LiveRefresh`` is
a child of the main window; its thread only emits its signals, and the window deletes
it on the GUI thread after :meth:`~keydesk.views.live.LiveRefresh.close` has stopped
the thread and waited for it. The session, the change feed and the snapshot are plain Python objects.

How a worker reports back
-------------------------

A pool job returns or raises: ``on_done(result)`` or ``on_failed(exception)`` then runs
on the GUI thread, unless ``parent`` was destroyed meanwhile. With ``on_progress``,
``fn(report)`` may call ``report(value)`` any number of times; each value reaches
``on_progress`` on the GUI thread, in order, before the outcome. The live thread emits
``LiveRefresh``'s signals, which Qt queues to their receivers on the GUI thread; the
session calls its listeners on whatever thread the change happened, and ``LiveRefresh``
forwards them the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from keydesk.offline.connectivity import is_connection_error
from keydesk.services.database import explain_fault

T = TypeVar("T")


class Task(QObject):
    """Handle of one background job; delivers its outcome to the callbacks."""

    finished = Signal()

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
        on_progress: Callable[[Any], None] | None,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_failed: Callable[[Exception], None] | None = on_failed
        self._on_progress = on_progress
        self.running = True

    def cancel(self) -> None:
        """Ignore the outcome and any progress still to come (the work itself runs to
        its end)."""
        self._on_done = self._on_failed = self._on_progress = None

    def _progress(self, value: Any) -> None:
        if self._on_progress is not None:
            self._on_progress(value)

    def _settle(self, succeeded: bool, value: Any) -> None:
        callback = self._on_done if succeeded else self._on_failed
        self.running = False
        self.cancel()
        self.finished.emit()
        self.deleteLater()
        if callback is not None:
            callback(value)


@dataclass
class _Job:
    fn: Callable[..., Any] | None
    task: Task
    reports: bool
    outcome: tuple[bool, Any] | None = None


class _Dispatcher(QObject):
    """Lives on the GUI thread for good; workers emit on it, so its slots run queued."""

    progressed = Signal(int, object)
    settled = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.progressed.connect(self._progressed)
        self.settled.connect(self._settled)

    @Slot(int, object)
    def _progressed(self, token: int, value: Any) -> None:
        job = _jobs.get(token)
        if job is not None and isValid(job.task):
            job.task._progress(value)

    @Slot(int)
    def _settled(self, token: int) -> None:
        job = _jobs.pop(token)
        task, outcome = job.task, job.outcome
        job.fn = job.outcome = None  # let go of closures and results here, not in a worker
        if outcome is not None and isValid(task):
            task._settle(*outcome)


_jobs: dict[int, _Job] = {}
_tokens = itertools.count(1)
_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not isValid(_dispatcher):
        _dispatcher = _Dispatcher()
    return _dispatcher


def _outcome(fn: Callable[..., Any], report: Callable[[Any], None] | None) -> tuple[bool, Any]:
    try:
        return True, (fn() if report is None else fn(report))
    except Exception as error:  # reported on the GUI thread, never swallowed
        return False, _explained(error)


def _explained(error: Exception) -> Exception:
    """A full disk, a read-only or busy database, a NUL character... as the keydesk
    error whose sentence the GUI shows; a lost connection stays as it is, for the
    offline machinery to recognise, and so does anything unexplained."""
    if is_connection_error(error):
        return error
    explained = explain_fault(error)
    if explained is None or explained is error:
        return error
    explained.__cause__ = error
    return explained


def _work(token: int, dispatcher: _Dispatcher) -> None:
    job = _jobs[token]
    fn = job.fn
    assert fn is not None

    def report(value: Any) -> None:
        dispatcher.progressed.emit(token, value)

    job.outcome = _outcome(fn, report if job.reports else None)
    del job, fn, report  # the table keeps them until the GUI thread takes the outcome
    dispatcher.settled.emit(token)


class _Runnable(QRunnable):
    """Holds only the job's number and the immortal dispatcher: Qt's pool deletes it on
    the worker thread."""

    def __init__(self, token: int, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._token = token
        self._dispatcher = dispatcher

    def run(self) -> None:
        _work(self._token, self._dispatcher)


def run_task(
    fn: Callable[..., T],
    on_done: Callable[[T], None],
    on_failed: Callable[[Exception], None],
    parent: QObject | None = None,
    *,
    on_progress: Callable[[Any], None] | None = None,
) -> Task:
    """Call on the GUI thread. ``fn()`` runs in the pool (``fn(report)`` with
    ``on_progress``)."""
    dispatcher = _the_dispatcher()
    task = Task(on_done, on_failed, on_progress, parent)
    token = next(_tokens)
    _jobs[token] = _Job(fn, task, reports=on_progress is not None)
    QThreadPool.globalInstance().start(_Runnable(token, dispatcher))
    return task
