"""Reconnection back-off: 0.5 s doubling to 30 s, jittered downwards, reset on success."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from support.offline_server import Seeded
from support.tcp_proxy import TcpProxy

from keydesk.offline import Backoff, OfflineSession


def test_backoff_doubles_from_half_a_second_to_thirty_seconds() -> None:
    backoff = Backoff(rng=lambda: 0.0)
    delays = [backoff.next_delay() for _ in range(10)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0]
    assert backoff.attempts == 10


def test_backoff_starts_over_after_reset() -> None:
    backoff = Backoff(rng=lambda: 0.0)
    for _ in range(5):
        backoff.next_delay()
    backoff.reset()
    assert [backoff.next_delay() for _ in range(3)] == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("draw", [0.0, 0.5, 0.999999])
def test_jitter_only_shortens_a_delay_by_at_most_a_quarter(draw: float) -> None:
    backoff = Backoff(rng=lambda: draw)
    for base in (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0):
        delay = backoff.next_delay()
        assert base * 0.75 < delay <= base or (draw == 0.0 and delay == base)


def test_real_jitter_spreads_desks_apart() -> None:
    delays = {Backoff().next_delay() for _ in range(50)}
    assert len(delays) > 1 and all(0.375 < d <= 0.5 for d in delays)


@pytest.mark.parametrize(
    "arguments", [{"initial": 0}, {"initial": 5, "maximum": 1}, {"jitter": 1.0}, {"factor": 0.5}]
)
def test_nonsense_settings_are_refused(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Backoff(**arguments)


def test_reconnecting_waits_the_backoff_schedule_until_stopped_or_back(
    seeded: Seeded, proxy: TcpProxy, make_session: Callable[..., OfflineSession]
) -> None:
    session = make_session(backoff=Backoff(rng=lambda: 0.0))
    session.start()
    proxy.cut()
    session.on_connection_lost()
    stop = threading.Event()
    waited: list[float] = []

    def wait(seconds: float) -> bool:  # no real sleeping: record, and stop after 2 tries
        waited.append(seconds)
        if len(waited) == 2:
            stop.set()
        return stop.is_set()

    assert session.reconnect_until(stop, wait=wait) is False
    assert waited == [0.5, 1.0] and not session.online

    def wait_for_restore(seconds: float) -> bool:  # restore after 4 more tries
        waited.append(seconds)
        if len(waited) == 6:
            proxy.restore()
        return False

    assert session.reconnect_until(threading.Event(), wait=wait_for_restore) is True
    assert waited == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert session.online and session.backoff.attempts == 0  # reset on success
