"""The revocation queue outlives the process: a desk killed with SIGKILL while cut off
leaves its revocation on disk, and the next desk applies it once after the server is back."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support.offline_server import Seeded, Server
from support.tcp_proxy import TcpProxy

from keydesk.offline import OfflineSession, RevocationQueue
from keydesk.services.clock import utcnow

DESK = Path(__file__).with_name("offline_desk.py")
TIMEOUT_S = 20.0


class Desk:
    """One run of offline_desk.py in its own process."""

    def __init__(self, url: str, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DESK), url, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),  # carries the test's XDG_DATA_HOME
        )

    def line(self) -> dict[str, Any]:
        """The next JSON line it prints (fails after TIMEOUT_S)."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT_S)
        if not ready:
            self.kill()
            pytest.fail(f"the desk printed nothing in {TIMEOUT_S} s")
        text = self.process.stdout.readline()
        if not text:
            pytest.fail(f"the desk ended without output: {self.stderr()}")
        result: dict[str, Any] = json.loads(text)
        return result

    def kill(self) -> int:
        """SIGKILL, and wait for the process to be gone; returns its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        return self.process.wait(TIMEOUT_S)

    def wait(self) -> int:
        return self.process.wait(TIMEOUT_S)

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else ""

    def close(self) -> None:
        self.kill()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def desks() -> Iterator[Callable[..., Desk]]:
    """``desks(url, *args)`` starts a desk process; all are killed and reaped afterwards."""
    started: list[Desk] = []

    def start(url: str, *args: str) -> Desk:
        desk = Desk(url, *args)
        started.append(desk)
        return desk

    yield start
    for desk in started:
        desk.close()


def test_a_revocation_queued_by_a_killed_process_is_applied_once_by_the_next(
    seeded: Seeded,
    proxy: TcpProxy,
    server: Server,
    make_session: Callable[..., OfflineSession],
    desks: Callable[..., Desk],
) -> None:
    make_session().start()  # online once: the snapshot the killed desk starts from
    target = seeded.prefixes[0]
    proxy.cut()

    desk = desks(seeded.url, "revoke", target, "desk-operator")
    said = desk.line()
    assert said == {"online": False, "queued": [target], "revoked": []}
    assert desk.kill() == -signal.SIGKILL

    assert RevocationQueue(seeded.url).pending_prefixes() == {target}
    assert server.revoked(target) == (False, None)
    (pending,) = RevocationQueue(seeded.url).pending()
    proxy.restore()

    after = desks(seeded.url, "start")
    assert after.line() == {"online": True, "revoked": [target], "already": [], "remaining": 0}
    assert after.wait() == 0

    ((at, operator, details),) = server.revoke_audits(target)
    assert (at, operator) == (pending.at, "desk-operator")
    assert json.loads(details)["request_id"] == pending.request_id
    assert server.revoked(target) == (True, pending.at)

    again = desks(seeded.url, "start")
    assert again.line()["revoked"] == []
    assert len(server.revoke_audits(target)) == 1


def test_a_process_killed_after_the_server_commit_does_not_revoke_twice(
    seeded: Seeded,
    server: Server,
    desks: Callable[..., Desk],
) -> None:
    target = seeded.prefixes[1]
    RevocationQueue(seeded.url).enqueue([target], "desk-operator", utcnow() - timedelta(hours=2))

    crashing = desks(seeded.url, "crash-after-commit")
    assert crashing.line() == {"committed": [target]}
    assert crashing.wait() == -signal.SIGKILL
    assert RevocationQueue(seeded.url).pending_prefixes() == {target}  # not forgotten yet

    after = desks(seeded.url, "start")
    assert after.line() == {"online": True, "revoked": [], "already": [target], "remaining": 0}
    assert len(server.revoke_audits(target)) == 1
