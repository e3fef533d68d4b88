"""``keydesk serve`` in its own processes for tests, and plain HTTP helpers."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    """One request on a new connection (so that a worker is picked anew each time)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def until(condition: Callable[[], bool], timeout: float) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"not within {timeout} s"
        time.sleep(0.01)
    return time.monotonic() - start


class Service:
    """``keydesk --db URL serve --workers N [--read-db URL]`` on a free port, healthy."""

    def __init__(self, url: str, workers: int, read_url: str | None = None) -> None:
        self.port = free_port()
        extra = ["--read-db", read_url] if read_url else []
        env = {**os.environ, "KEYDESK_BCRYPT_ROUNDS": "4"}
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "keydesk", "--db", url, "serve", "--port", str(self.port),
             "--workers", str(workers), *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        until(self._healthy, 30)

    def _healthy(self) -> bool:
        assert self.process.poll() is None, self.process.communicate()[1]
        try:
            return get(self.port, "/healthz", {})[0] == 200
        except OSError:
            return False

    def stop(self) -> tuple[bool, str]:
        """SIGTERM, as a service manager stops it: whether it ended cleanly (uvicorn
        finishes its requests, closes the app, then ends by the signal it caught, as
        service managers expect), and what it wrote on stderr."""
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode in (0, -signal.SIGTERM), err
