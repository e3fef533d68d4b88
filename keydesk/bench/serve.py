"""``python -m keydesk.bench serve``: the verification service under load.

Starts ``keydesk serve --workers 2`` on a seeded database, warms every key on both
workers, then drives it with wrk (Debian's package; C, so the load generator costs little
of the two cores) from 32 connections: ``GET /v1/auth`` and ``POST /v1/keys/verify`` with
valid keys from memory, and ``/v1/auth`` with 10 % invalid keys (revoked keys and typos,
both judged without bcrypt: unknown prefixes cost a bcrypt each by design and queue in the
pool). Then, if nginx is installed, the time from a revoke committed by this process to
the first 401 through nginx with the README's configuration. Prints a table and one JSON
line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"
KEYS = 200
TARGET_RPS, TARGET_P99_MS = 5_000, 10.0


def _log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str, headers: dict[str, str]) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _seed(url: str) -> tuple[list[str], list[str]]:
    """Valid keys, and revoked ones; everything at cost 4 (the service runs at 4 too)."""
    from keydesk import config
    from keydesk.bench.seed import empty_database
    from keydesk.services import catalog, keys, users
    from keydesk.store.connection import close_database, open_database

    config.configure(bcrypt_rounds=4)
    open_database(url)
    empty_database()
    users.add_user("bench@example.com")
    catalog.add_model("alfred-4")
    made = [
        keys.create_key(keys.NewKey(name=f"svc {n}", user="bench@example.com", models=["alfred-4"]))
        for n in range(KEYS + 20)
    ]
    keys.revoke_keys([created.prefix for created in made[KEYS:]])
    close_database()
    return [m.key for m in made[:KEYS]], [m.key for m in made[KEYS:]]


def _lua(keys: list[str], invalid: list[str], share_invalid: float, post: bool) -> str:
    pool = keys + invalid
    weights = [(1 - share_invalid) / len(keys)] * len(keys)
    if invalid:
        weights += [share_invalid / len(invalid)] * len(invalid)
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    entries = ",".join(json.dumps(key) for key in pool)
    bounds = ",".join(f"{value:.6f}" for value in cumulative)
    if post:
        request = (
            'local body = \'{"key": "\' .. key .. \'", "model": "alfred-4"}\'\n'
            '  return wrk.format("POST", "/v1/keys/verify", '
            '{["Content-Type"] = "application/json"}, body)'
        )
    else:
        request = (
            'return wrk.format("GET", "/v1/auth", '
            '{["Authorization"] = "Bearer " .. key, ["X-Keydesk-Model"] = "alfred-4"})'
        )
    return (
        f"local keys = {{{entries}}}\nlocal bounds = {{{bounds}}}\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  local r = math.random()\n  local key = keys[#keys]\n"
        "  for i = 1, #bounds do if r <= bounds[i] then key = keys[i] break end end\n"
        f"  {request}\nend\n"
    )


def _wrk(port: int, script: str, seconds: float, folder: Path) -> dict[str, Any]:
    path = folder / "load.lua"
    path.write_text(script)
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{int(seconds)}s", "--latency", "-s", str(path),
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    text = done.stdout

    def latency_ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        assert match is not None, text
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    assert rate is not None, text
    return {
        "per_s": round(float(rate[1])),
        "p50_ms": round(latency_ms("50"), 3),
        "p99_ms": round(latency_ms("99"), 3),
        "non_2xx": int(errors[1]) if errors else 0,
    }


def nginx_binary() -> str | None:
    """Debian's nginx, wherever the PATH or the package put it."""
    found = shutil.which("nginx")
    return found or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def start_nginx(
    folder: Path, service_port: int, upstream_port: int, **popen: Any
) -> tuple[subprocess.Popen[Any], int]:
    """nginx with the README's configuration verbatim but for its ports (the service's,
    a free one to listen on, the upstream's), in ``folder``; returns it and its port."""
    binary = nginx_binary()
    assert binary is not None, "nginx is not installed"
    snippet = re.search(r"```nginx\n(.*?)```", README.read_text(), re.S)
    assert snippet is not None, "the README shows no nginx configuration"
    port = _free_port()
    server = (
        snippet[1]
        .replace("127.0.0.1:8787", f"127.0.0.1:{service_port}")
        .replace("127.0.0.1:8080", f"127.0.0.1:{port}")
        .replace("127.0.0.1:9000", f"127.0.0.1:{upstream_port}")
    )
    (folder / "logs").mkdir(parents=True)
    (folder / "nginx.conf").write_text(
        "worker_processes 1;\npid nginx.pid;\nerror_log logs/error.log;\n"
        "events { worker_connections 256; }\nhttp {\naccess_log off;\n"
        f"client_body_temp_path tmp;\nproxy_temp_path tmp;\n{server}\n}}\n"
    )
    command = [binary, "-p", str(folder), "-c", "nginx.conf", "-g", "daemon off;"]
    return subprocess.Popen(command, **popen), port


def _nginx_revocation(url: str, service_port: int, key: str, folder: Path) -> dict[str, Any]:
    if nginx_binary() is None:
        return {"skipped": "nginx is not installed"}
    import http.server
    import threading

    from keydesk import keyformat
    from keydesk.services import keys
    from keydesk.store.connection import close_database, open_database

    class Upstream(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    process, port = start_nginx(folder / "nginx", service_port, upstream.server_address[1])
    headers = {"Authorization": f"Bearer {key}", "X-Keydesk-Model": "alfred-4"}
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if _get(port, "/", headers) == 200:
                    break
            except OSError:
                time.sleep(0.05)
        open_database(url)
        keys.revoke_keys([keyformat.parse_key(key).prefix])
        committed = time.monotonic()
        close_database()
        while _get(port, "/", headers) != 401:
            if time.monotonic() - committed > 10:
                return {"error": "still let through after 10 s"}
        return {"revoke_to_401_ms": round((time.monotonic() - committed) * 1000, 1)}
    finally:
        process.terminate()
        process.wait(10)
        upstream.shutdown()
        upstream.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m keydesk.bench serve", description=__doc__)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        _log("wrk is not installed (Debian: apt-get install wrk).")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="keydesk-serve-bench-"))
    url = options.db or f"sqlite:///{folder / 'serve.db'}"
    _log(f"seeding {KEYS} keys in {url.split(':', 1)[0]} ...")
    valid, revoked = _seed(url)
    typos = [key[:-1] + ("A" if key[-1] != "A" else "B") for key in valid[:20]]
    port = _free_port()
    env = {**os.environ, "KEYDESK_BCRYPT_ROUNDS": "4"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    service = subprocess.Popen(
        [sys.executable, "-m", "keydesk", "--db", url, "serve", "--port", str(port),
         "--workers", str(options.workers)],
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(port, "/healthz", {}) == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.1)
        _log("warming every key on every worker ...")
        for _ in range(options.workers * 3):
            for key in valid + revoked:
                _get(port, "/v1/auth", {"Authorization": f"Bearer {key}"})
        results: dict[str, Any] = {}
        loads = {
            "auth_valid": _lua(valid, [], 0.0, post=False),
            "json_valid": _lua(valid, [], 0.0, post=True),
            "auth_10pct_invalid": _lua(valid, revoked + typos, 0.10, post=False),
        }
        for name, script in loads.items():
            _log(f"load: {name} ...")
            results[name] = _wrk(port, script, options.seconds, folder)
        _log("revocation through nginx ...")
        results["nginx"] = _nginx_revocation(url, port, valid[-1], folder)
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(30)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"keydesk serve, {options.workers} workers, 32 connections ({machine}, "
          f"{url.split(':', 1)[0]})\n")  # fmt: skip
    print("| load | requests/s | p50 (ms) | p99 (ms) | non-2xx |")
    print("| --- | --- | --- | --- | --- |")
    for name, label in (
        ("auth_valid", "GET /v1/auth, valid keys"),
        ("json_valid", "POST /v1/keys/verify, valid keys"),
        ("auth_10pct_invalid", "GET /v1/auth, 10 % revoked or mistyped"),
    ):
        figures = results[name]
        met = figures["per_s"] >= TARGET_RPS and figures["p99_ms"] <= TARGET_P99_MS
        mark = (" ✓" if met else " ✗") if name == "auth_valid" else ""
        print(
            f"| {label} | {figures['per_s']:,}{mark} | {figures['p50_ms']} "
            f"| {figures['p99_ms']} | {figures['non_2xx']:,} |"
        )
    nginx = results["nginx"]
    if "revoke_to_401_ms" in nginx:
        print(f"\nrevoke → 401 through nginx: {nginx['revoke_to_401_ms']} ms")
    else:
        print(f"\nrevocation through nginx not measured: {nginx}")
    print()
    print(json.dumps({"machine": machine, "backend": url.split(":", 1)[0], "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
