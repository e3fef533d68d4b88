"""Run slow work (bcrypt, loading many rows) off the GUI thread and get the result back
on it.

``run_task(fn, on_done, on_failed, parent)`` runs ``fn()`` on Qt's global thread pool.
``on_done(result)`` or ``on_failed(exception)`` is then called on the GUI thread,
unless ``parent`` was destroyed meanwhile. Workers should only read, or do pure work
such as hashing: writes stay on the GUI thread, in short transactions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits on it, so receivers run queued."""

    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # reported on the GUI thread, never swallowed
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)
        finally:
            self._fn = None  # type: ignore[assignment]  # drop references to results


class Task(QObject):
    """Handle of one background job; delivers its outcome to the callbacks."""

    finished = Signal()

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_failed: Callable[[Exception], None] | None = on_failed
        self.running = True
        self.relay = _Relay()
        self.relay.done.connect(self._deliver_done)
        self.relay.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        callback = self._on_done
        self._finish()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _deliver_failed(self, error: Exception) -> None:
        callback = self._on_failed
        self._finish()
        if callback is not None:
            callback(error)

    def cancel(self) -> None:
        """Ignore the outcome (the work itself runs to its end)."""
        self._on_done = self._on_failed = None

    def _finish(self) -> None:
        self.running = False
        self._on_done = self._on_failed = None
        self.finished.emit()
        self.deleteLater()


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    parent: QObject | None = None,
) -> Task:
    task = Task(on_done, on_failed, parent)
    QThreadPool.globalInstance().start(_Runnable(fn, task.relay))
    return task
