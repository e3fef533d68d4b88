"""Workers doing upkeep wait while the user works; the GUI thread never waits."""

from __future__ import annotations

import threading

import pytest

from keydesk.services import threads


@pytest.fixture(autouse=True)
def user_idle() -> None:
    threads.user_active(False)
    yield
    threads.user_active(False)


def test_upkeep_waits_while_the_user_is_active_and_goes_on_once_they_pause() -> None:
    threads.user_active(True)
    finished = threading.Event()

    def upkeep() -> None:
        threads.wait_while_user_active()
        finished.set()

    worker = threading.Thread(target=upkeep)
    worker.start()
    assert not finished.wait(0.2)  # held while the user types
    threads.user_active(False)
    assert finished.wait(2)
    worker.join()


def test_the_main_thread_is_never_held(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "MAX_HOLD_SECONDS", 60)
    threads.user_active(True)
    threads.wait_while_user_active()  # returns at once on the main thread
    threads.pause_for_gui()


def test_upkeep_is_held_at_most_max_hold_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "MAX_HOLD_SECONDS", 0.05)
    threads.user_active(True)
    worker = threading.Thread(target=threads.wait_while_user_active)
    worker.start()
    worker.join(2)
    assert not worker.is_alive()
