"""Run slow work (bcrypt, loading many rows) off the GUI thread and get the result back
on it.

``run_task(fn, on_done, on_failed, parent)`` runs ``fn()`` on Qt's global thread pool.
``on_done(result)`` or ``on_failed(exception)`` is then called on the GUI thread,
unless ``parent`` was destroyed meanwhile. With ``on_progress``, ``fn(report)`` may call
``report(value)`` any number of times; each value reaches ``on_progress`` on the GUI
thread, in order, before the outcome. Workers read, do pure work such as hashing, or
write one change of many keys in its own transaction
(:func:`keydesk.views.reading.run_write`); other writes stay on the GUI thread.

A Qt object must be destroyed on the thread it lives on: one destroyed by a worker
while the GUI thread delivers an event to it crashes the process. So a worker here
holds no Qt object and is never the last holder of anything the job refers to. It
gets a number; the function, its result or exception and the :class:`Task` wait in a
table that only the GUI thread empties, and the worker signals through one dispatcher
that lives as long as the module.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid


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
        return False, error


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
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
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
