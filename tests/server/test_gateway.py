"""The service as it runs for real: ``keydesk serve`` in its own processes, behind Debian's
nginx configured with the README's snippet, in front of a tiny upstream.

A valid key reaches the upstream (without the key), a key without the model gets 403, a
key revoked with the real CLI gets 401 within the bound, every worker of ``--workers 2``
refuses it, and SIGTERM ends the service cleanly with its usage written. nginx is
installed by ``.ci/run`` when missing; without it those tests skip.
"""

from __future__ import annotations

import http.client
import http.server
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.service import Service, get, until

from keydesk.bench.serve import nginx_binary, start_nginx
from keydesk.store.models import UsageMinute

BOUND = {"postgresql": 1.0, "mysql": 2.0, "sqlite": 2.0}


@pytest.fixture
def make_service(db: str) -> Iterator[Callable[[int], Service]]:
    started: list[Service] = []

    def start(workers: int = 1) -> Service:
        service = Service(db, workers)
        started.append(service)
        return service

    yield start
    for service in started:
        if service.process.poll() is None:
            service.process.kill()
            service.process.communicate()


class Upstream(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        seen = {name: self.headers.get(name, "") for name in
                ("Authorization", "X-Keydesk-Prefix", "X-Keydesk-User")}  # fmt: skip
        body = repr(seen).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[Callable[[int], int]]:
    """``gateway(service_port)`` starts nginx with the README's configuration in front of
    a tiny upstream; returns nginx's port."""
    if nginx_binary() is None:
        pytest.skip("nginx is not installed (.ci/run installs Debian's nginx-light)")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    processes: list[subprocess.Popen[str]] = []

    def start(service_port: int) -> int:
        process, port = start_nginx(
            tmp_path / "nginx",
            service_port,
            upstream.server_address[1],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)

        def listening() -> bool:
            assert process.poll() is None, process.communicate()[1]
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        until(listening, 10)
        return port

    yield start
    for process in processes:
        process.terminate()
        process.communicate(timeout=10)
    upstream.shutdown()
    upstream.server_close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_nginx_lets_valid_keys_through_and_refuses_revoked_ones(
    db, make_key, make_service, gateway, desk_cli
):
    created = make_key(models=["alfred-4"], opt_in=True)
    service = make_service(1)
    port = gateway(service.port)
    key = {"Authorization": f"Bearer {created.key}"}

    status, _, body = get(port, "/v1/chat", {**key, "X-Keydesk-Model": "alfred-4"})
    assert status == 200
    assert f"'X-Keydesk-Prefix': '{created.prefix}'" in body
    assert "'X-Keydesk-User': 'alice@example.com'" in body
    assert "'Authorization': ''" in body and created.key not in body  # stopped at the gate

    status, headers, _ = get(port, "/v1/chat", {**key, "X-Keydesk-Model": "bertha-2"})
    assert (status, headers.get("X-Keydesk-Reason")) == (403, "model_not_permitted")
    assert get(port, "/v1/chat", {})[0] == 401

    passed = [1]  # the valid calls so far: each is counted once in the usage

    def refused() -> bool:
        status = get(port, "/v1/chat", {**key, "X-Keydesk-Model": "alfred-4"})[0]
        passed[0] += status == 200
        return status == 401

    desk_cli("keys", "revoke", created.prefix)
    delay = until(refused, BOUND[urlsplit(db).scheme])
    status, headers, _ = get(port, "/v1/chat", key)
    assert (status, headers.get("X-Keydesk-Reason")) == (401, "revoked"), delay

    clean, err = service.stop()
    assert clean and "Traceback" not in err and created.key not in err
    assert sum(row.calls for row in UsageMinute.select()) == passed[0]  # the rest at SIGTERM


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_every_worker_refuses_a_revoked_key_within_a_second(db, make_key, make_service, desk_cli):
    created = make_key()
    service = make_service(2)
    key = {"Authorization": f"Bearer {created.key}"}
    for _ in range(40):  # both workers check the key once and remember it
        assert get(service.port, "/v1/auth", key)[0] == 204
    desk_cli("keys", "revoke", created.prefix)
    revoked_at = time.monotonic()

    while True:  # a batch of 20 new connections, spread over both workers by the kernel
        batch_started = time.monotonic()
        if all(get(service.port, "/v1/auth", key)[0] == 401 for _ in range(20)):
            break
        assert batch_started - revoked_at < 5, "a worker still lets the key through"
    assert batch_started - revoked_at <= 1.0
    metrics = get(service.port, "/metrics", {})[2]
    assert re.search(r'keydesk_verdicts_total\{reason="revoked"\} [1-9]', metrics)
    assert service.stop()[0]
