"""The background-task runner: outcomes and progress reach the GUI thread in order, a
destroyed parent silences them, and nothing a job refers to is let go by a worker (a
Qt object destroyed on a worker thread while the GUI thread delivers an event to it
crashes the process)."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt

from keydesk.views.tasks import run_task


class Outcome:
    def __init__(self) -> None:
        self.done: list[Any] = []
        self.failed: list[Exception] = []
        self.progress: list[Any] = []
        self.threads: set[threading.Thread] = set()

    def on_done(self, value: Any) -> None:
        self.threads.add(threading.current_thread())
        self.done.append(value)

    def on_failed(self, error: Exception) -> None:
        self.threads.add(threading.current_thread())
        self.failed.append(error)

    def on_progress(self, value: Any) -> None:
        self.threads.add(threading.current_thread())
        self.progress.append(value)


def test_result_and_error_arrive_on_the_gui_thread(qtbot) -> None:
    seen = Outcome()
    worker: list[threading.Thread] = []

    def work() -> int:
        worker.append(threading.current_thread())
        return 42

    def broken() -> int:
        raise ValueError("no such key")

    first = run_task(work, seen.on_done, seen.on_failed)
    second = run_task(broken, seen.on_done, seen.on_failed)
    qtbot.waitUntil(lambda: not first.running and not second.running, timeout=5000)
    assert seen.done == [42]
    assert [str(error) for error in seen.failed] == ["no such key"]
    assert worker and worker[0] is not threading.main_thread()
    assert seen.threads == {threading.main_thread()}


def test_progress_arrives_in_order_before_the_result(qtbot) -> None:
    seen = Outcome()
    order: list[str] = []

    def work(report) -> str:
        for step in range(50):
            report(step)
        return "all"

    task = run_task(
        work,
        lambda value: (order.append("done"), seen.on_done(value)),
        seen.on_failed,
        on_progress=lambda value: (order.append("progress"), seen.on_progress(value)),
    )
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert seen.progress == list(range(50))
    assert seen.done == ["all"]
    assert order == ["progress"] * 50 + ["done"]
    assert seen.threads == {threading.main_thread()}


def test_a_destroyed_parent_silences_the_outcome(qtbot) -> None:
    seen = Outcome()
    release = threading.Event()
    parent = QObject()

    def work(report) -> str:
        release.wait(5)
        report("late")
        return "late"

    run_task(work, seen.on_done, seen.on_failed, parent, on_progress=seen.on_progress)
    parent.deleteLater()
    qtbot.wait(50)  # the deferred delete runs
    release.set()
    probe = run_task(lambda: None, lambda _: None, lambda _: None)
    qtbot.waitUntil(lambda: not probe.running, timeout=5000)
    qtbot.wait(100)
    assert (seen.done, seen.failed, seen.progress) == ([], [], [])


def test_cancel_silences_progress_and_outcome(qtbot) -> None:
    seen = Outcome()
    release = threading.Event()

    def work(report) -> int:
        release.wait(5)
        report(1)
        return 2

    task = run_task(work, seen.on_done, seen.on_failed, on_progress=seen.on_progress)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert (seen.done, seen.failed, seen.progress) == ([], [], [])


def job_holding_a_qt_object(
    died_on: list[threading.Thread], started: threading.Event, release: threading.Event, fails: bool
):
    """A job whose closure alone holds a parentless QObject that notes where it died."""
    held = QObject()
    held.destroyed.connect(
        lambda *_: died_on.append(threading.current_thread()), Qt.ConnectionType.DirectConnection
    )

    def work() -> str:
        started.set()
        release.wait(5)
        if fails:
            raise RuntimeError(held.objectName())
        return held.objectName()

    return work


@pytest.mark.parametrize("fails", [False, True], ids=["returns", "raises"])
def test_qt_objects_the_job_holds_die_on_the_gui_thread(qtbot, fails: bool) -> None:
    """The job's closure is the last holder of a parentless QObject: it must be
    destroyed on the GUI thread, not by the worker that ran the job."""
    died_on: list[threading.Thread] = []
    started, release = threading.Event(), threading.Event()
    seen = Outcome()
    task = run_task(
        job_holding_a_qt_object(died_on, started, release, fails), seen.on_done, seen.on_failed
    )
    assert started.wait(5)
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    seen.failed.clear()  # the exception's traceback refers to the job's frames
    gc.collect()
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    assert died_on == [threading.main_thread()]
