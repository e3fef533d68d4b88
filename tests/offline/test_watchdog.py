"""The watchdog judges a call that waits on a silent server from its own thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from keydesk.offline.watchdog import Watchdog

WAIT_S = 5.0


@pytest.fixture
def heard() -> list[float]:
    return []


@pytest.fixture
def watchdog(heard: list[float]) -> Iterator[Watchdog]:
    def on_silent(seconds: float) -> bool:
        heard.append(seconds)
        return False

    dog = Watchdog(on_silent)
    yield dog
    dog.close()


def test_a_call_that_answers_in_time_is_not_judged(watchdog: Watchdog, heard: list[float]) -> None:
    for _ in range(20):
        with watchdog.guard(0.2):
            time.sleep(0.001)
    time.sleep(0.3)  # past every deadline, with nothing guarded
    assert heard == [] and watchdog.fired == 0


def test_a_call_that_outlives_its_timeout_is_judged_once_while_it_still_waits(
    watchdog: Watchdog, heard: list[float]
) -> None:
    with watchdog.guard(0.05):
        deadline = time.monotonic() + WAIT_S
        while not heard and time.monotonic() < deadline:
            time.sleep(0.005)  # the blocked call: it never returns by itself here
        time.sleep(0.2)  # still waiting: no second verdict for the same call
    assert heard == [0.05]
    assert watchdog.fired == 1


def test_a_handler_can_give_a_slow_call_more_time() -> None:
    verdicts: list[float] = []

    def still_serving(seconds: float) -> bool:  # e.g. a probe showed the server answers
        verdicts.append(seconds)
        return len(verdicts) < 3

    dog = Watchdog(still_serving)
    try:
        with dog.guard(0.05):
            deadline = time.monotonic() + WAIT_S
            while len(verdicts) < 3 and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.2)
        assert verdicts == [0.05, 0.05, 0.05]  # asked again each time, until it said no
    finally:
        dog.close()


def test_closing_the_watchdog_stops_its_thread(watchdog: Watchdog) -> None:
    watchdog.close()
    assert not any(
        thread.name == "keydesk-watchdog" and thread.is_alive() for thread in threading.enumerate()
    )
