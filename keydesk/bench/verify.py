"""``python -m keydesk.bench verify``: verification at request rate, beside
djangorestframework-api-key 3.x in the same run.

Figures (each backend given; SQLite always, PostgreSQL and MariaDB with ``--postgres`` /
``--mysql`` URLs of a database the benchmark may fill):

* verifications/s from memory on one thread, with p50/p99 per call, and with 4 threads;
* cold checks/s (one bcrypt each, at cost 12 unless ``KEYDESK_BCRYPT_ROUNDS`` says);
* median of an unknown prefix and of a wrong secret, in the library and through the CLI
  (a new process each), and how far apart they are;
* revoke → refused by a verifier in another process: the revoking process commits and
  notes the time, the verifier process notes when it first answers ``revoked``
  (CLOCK_MONOTONIC is shared by every process of a Linux machine); several rounds;
* write transactions per second caused by 10,000 opted-in verifications a second;
* djangorestframework-api-key's ``APIKey.objects.is_valid`` loop on SQLite (SHA-512 and
  one SELECT per call), in its own process, if the ``bench`` extra is installed.

It prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: PRODUCT.md, "Scale and speed" and "Verification at request rate".
MEMORY_PER_S = 100_000
REVOKE_TO_REFUSED_S = {"postgresql": 1.0, "sqlite": 2.0, "mysql": 2.0}
USAGE_TX_PER_S = 1.0
UNKNOWN_VS_WRONG_PCT = 5.0
KEYS = 200  # remembered keys cycled through by the memory loop


def _log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- setting up ----------------------------------------------------------------------------


def _prepare(url: str, keys: int) -> list[dict[str, str]]:
    """A database with ``keys`` keys (half opted in) at cost 4, and one at the measured
    cost for the cold checks; returns them as dicts (key, prefix)."""
    from keydesk import config, keyformat
    from keydesk.bench.seed import empty_database
    from keydesk.services import catalog, users
    from keydesk.services import keys as key_service
    from keydesk.services.hashing import hash_secret
    from keydesk.store.connection import close_database, open_database
    from keydesk.store.models import ApiKey

    open_database(url)
    empty_database()
    measured = config.settings().bcrypt_rounds
    config.configure(bcrypt_rounds=4)  # fast to create; re-hashed below where it matters
    users.add_user("bench@example.com")
    catalog.add_model("alfred-4")
    made = []
    for number in range(keys):
        created = key_service.create_key(
            key_service.NewKey(
                name=f"bench {number}",
                user="bench@example.com",
                models=["alfred-4"],
                opt_in=number % 2 == 0,
            )
        )
        made.append({"key": created.key, "prefix": created.prefix})
    config.configure(bcrypt_rounds=measured)
    for entry in made[:40]:  # the keys of the cold and timing figures: at the real cost
        secret = keyformat.parse_key(entry["key"]).secret
        ApiKey.update(secret_hash=hash_secret(secret, measured)).where(
            ApiKey.prefix == entry["prefix"]
        ).execute()
    close_database()
    return made


# -- the figures ---------------------------------------------------------------------------


@contextlib.contextmanager
def _cost_of_the_seeded_keys() -> Iterator[None]:
    """The memory figures' keys were hashed at cost 4; configured so, their first check
    does not re-hash them at the measured cost (a second bcrypt each, ~40 s for 160)."""
    from keydesk import config

    measured = config.settings().bcrypt_rounds
    config.configure(bcrypt_rounds=4)
    try:
        yield
    finally:
        config.configure(bcrypt_rounds=measured)


def memory_loop(
    url: str, made: list[dict[str, str]], seconds: float, threads: int
) -> dict[str, Any]:
    from keydesk.services.verify import Verifier

    with _cost_of_the_seeded_keys(), Verifier(url) as verifier:
        keys = [entry["key"] for entry in made[40:]]
        for key in keys:  # one bcrypt each (cost 4), then memory
            assert verifier.verify(key, "alfred-4").valid
        deadline = time.monotonic() + 5
        while verifier.remembered(keys[0]) is None and time.monotonic() < deadline:
            time.sleep(0.01)
        counts = [0] * threads
        samples: list[list[int]] = [[] for _ in range(threads)]
        stop = threading.Event()

        def run(slot: int) -> None:
            verify = verifier.verify
            clock = time.perf_counter_ns
            done, record = 0, samples[slot]
            while not stop.is_set():
                for key in keys:
                    started = clock()
                    verify(key, "alfred-4")
                    record.append(clock() - started)
                done += len(keys)
            counts[slot] = done

        workers = [threading.Thread(target=run, args=(slot,)) for slot in range(threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        time.sleep(seconds)
        stop.set()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        latencies = [value / 1000 for record in samples for value in record]
        return {
            "per_s": round(sum(counts) / elapsed),
            "p50_us": round(_percentile(latencies, 0.50), 2),
            "p99_us": round(_percentile(latencies, 0.99), 2),
            "threads": threads,
            "memory_hits": verifier.memory_hits,
            "cold_checks": verifier.cold_checks,
            "rereads": verifier.rereads,
        }


def cold_checks(url: str, made: list[dict[str, str]], rounds: int) -> dict[str, Any]:
    """Cold checks/s, and the medians of unknown prefixes and wrong secrets (library)."""
    from keydesk import keyformat
    from keydesk.services.verify import Verifier

    known = [entry["key"] for entry in made[:40]]
    timings: dict[str, list[float]] = {"valid": [], "unknown": [], "wrong": []}
    with Verifier(url, remember=False) as verifier:
        verifier.verify(known[0])  # connect and check the schema first
        for number in range(rounds):
            key = known[number % len(known)]
            prefix = keyformat.parse_key(key).prefix
            cases = {
                "valid": key,
                "unknown": keyformat.format_key(
                    keyformat.generate_prefix(), keyformat.generate_secret()
                ),
                "wrong": keyformat.format_key(prefix, keyformat.generate_secret()),
            }
            for case, presented in cases.items():
                started = time.perf_counter()
                verdict = verifier.verify(presented)
                timings[case].append(time.perf_counter() - started)
                assert verdict.valid == (case == "valid"), (case, verdict)
    medians = {case: statistics.median(values) * 1000 for case, values in timings.items()}
    return {
        "per_s": round(1 / statistics.median(timings["valid"]), 2),
        "median_ms": {case: round(value, 1) for case, value in medians.items()},
        "unknown_vs_wrong_pct": round(
            abs(medians["unknown"] - medians["wrong"]) / medians["wrong"] * 100, 2
        ),
    }


def cli_timing(url: str, made: list[dict[str, str]], rounds: int) -> dict[str, Any]:
    """Medians of a whole ``keydesk verify`` process: unknown prefix against wrong secret."""
    from keydesk import keyformat

    prefixes = [keyformat.parse_key(entry["key"]).prefix for entry in made[:40]]
    timings: dict[str, list[float]] = {"unknown": [], "wrong": []}
    for number in range(rounds):
        cases = {
            "unknown": keyformat.format_key(
                keyformat.generate_prefix(), keyformat.generate_secret()
            ),
            "wrong": keyformat.format_key(
                prefixes[number % len(prefixes)], keyformat.generate_secret()
            ),
        }
        for case, presented in cases.items():
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "keydesk", "--db", url, "verify", "-"],
                input=presented + "\n",
                capture_output=True,
                text=True,
                check=False,
            )
            timings[case].append(time.perf_counter() - started)
            assert done.stdout.strip() == "unknown", done.stderr
    medians = {case: statistics.median(values) * 1000 for case, values in timings.items()}
    return {
        "median_ms": {case: round(value, 1) for case, value in medians.items()},
        "unknown_vs_wrong_pct": round(
            abs(medians["unknown"] - medians["wrong"]) / medians["wrong"] * 100, 2
        ),
    }


def watch_for_revocation(url: str, key: str) -> None:
    """The other process: remember ``key``, say "ready", then verify in a loop and print
    the CLOCK_MONOTONIC time of the first ``revoked``."""
    from keydesk.services.verify import Verifier

    with Verifier(url) as verifier:
        assert verifier.verify(key).valid
        while verifier.remembered(key) is None:
            time.sleep(0.005)
        print("ready", flush=True)
        deadline = time.monotonic() + 30
        while (verdict := verifier.verify(key)).reason != "revoked":
            if time.monotonic() > deadline:  # say what it saw rather than hang the run
                follower = verifier.follower
                assert follower is not None
                print(
                    json.dumps(
                        {
                            "refused_at": None,
                            "verdict": verdict.code,
                            "rounds": follower.rounds,
                            "confirmed_age": time.monotonic() - follower.confirmed_at,
                            "problem": verifier.problem,
                        }
                    ),
                    flush=True,
                )
                return
            time.sleep(0.0005)
        print(
            json.dumps({"refused_at": time.monotonic(), "cold": verifier.cold_checks}), flush=True
        )


def revoke_to_refused(url: str, made: list[dict[str, str]], rounds: int) -> dict[str, Any]:
    from keydesk.services import keys as key_service
    from keydesk.store.connection import close_database, open_database

    open_database(url)
    delays = []
    try:
        for entry in made[40 : 40 + rounds]:
            with subprocess.Popen(
                [sys.executable, "-m", "keydesk.bench.verify", "--watch", url],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            ) as watcher:
                assert watcher.stdin is not None and watcher.stdout is not None
                watcher.stdin.write(entry["key"] + "\n")
                watcher.stdin.close()
                assert watcher.stdout.readline().strip() == "ready"
                time.sleep(0.3)  # let it settle into its steady state
                key_service.revoke_keys([entry["prefix"]])
                committed = time.monotonic()
                report = json.loads(watcher.stdout.readline())
                watcher.wait(30)
            if report["refused_at"] is None:
                raise RuntimeError(f"the other process never refused the key: {report}")
            assert report["cold"] == 1  # refused from what it followed, not re-checked
            delays.append(report["refused_at"] - committed)
    finally:
        close_database()
    return {
        "rounds": len(delays),
        "median_ms": round(statistics.median(delays) * 1000, 1),
        "max_ms": round(max(delays) * 1000, 1),
    }


def usage_writes(url: str, made: list[dict[str, str]], seconds: float) -> dict[str, Any]:
    """10,000 opted-in verifications a second for ``seconds``: write transactions/s."""
    from keydesk.services.verify import Verifier
    from keydesk.store.connection import close_database, open_database
    from keydesk.store.models import UsageMinute

    consenting = [entry["key"] for index, entry in enumerate(made) if index % 2 == 0][20:]
    with _cost_of_the_seeded_keys(), Verifier(url) as verifier:
        for key in consenting:
            verifier.verify(key, "alfred-4")
        verifier.flush()
        before = verifier.usage.transactions
        calls, started = 0, time.monotonic()
        while (elapsed := time.monotonic() - started) < seconds:
            if calls < elapsed * 10_000:
                for key in consenting[:100]:
                    verifier.verify(key, "alfred-4")
                calls += 100
            else:
                time.sleep(0.001)
        transactions = verifier.usage.transactions - before
    open_database(url)
    written = sum(row.calls for row in UsageMinute.select())
    close_database()
    return {
        "calls": calls,
        "seconds": seconds,
        "tx_per_s": round(transactions / seconds, 2),
        "calls_written": written,
    }


def drf_api_key(seconds: float) -> dict[str, Any]:
    """djangorestframework-api-key's is_valid in a loop, in its own process."""
    done = subprocess.run(
        [sys.executable, "-m", "keydesk.bench.verify", "--drf", str(seconds)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        tail = " | ".join(done.stderr.strip().splitlines()[-2:])
        return {"error": tail or f"exit {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _drf_loop(seconds: float) -> None:
    import django
    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="keydesk-drf-")
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": f"{folder}/drf.db"}},
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "rest_framework",
            "rest_framework_api_key",
        ],
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command
    from rest_framework_api_key.models import APIKey

    call_command("migrate", verbosity=0)
    keys = [APIKey.objects.create_key(name=f"bench {n}")[1] for n in range(KEYS)]
    assert APIKey.objects.is_valid(keys[0])
    count, latencies = 0, []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for key in keys:
            before = time.perf_counter_ns()
            APIKey.objects.is_valid(key)
            latencies.append((time.perf_counter_ns() - before) / 1000)
        count += len(keys)
    elapsed = time.perf_counter() - started
    from importlib.metadata import version

    print(
        json.dumps(
            {
                "per_s": round(count / elapsed),
                "p50_us": round(_percentile(latencies, 0.5), 1),
                "p99_us": round(_percentile(latencies, 0.99), 1),
                "version": version("djangorestframework-api-key"),
            }
        )
    )


# -- the run -------------------------------------------------------------------------------


def measure(url: str, options: argparse.Namespace) -> dict[str, Any]:
    kind = url.split(":", 1)[0]
    _log(f"{kind}: preparing {KEYS} keys ...")
    made = _prepare(url, KEYS)
    result: dict[str, Any] = {"backend": kind}
    _log(f"{kind}: memory, 1 thread ...")
    result["memory_1"] = memory_loop(url, made, options.seconds, 1)
    _log(f"{kind}: memory, 4 threads ...")
    result["memory_4"] = memory_loop(url, made, options.seconds, 4)
    _log(f"{kind}: cold checks ...")
    result["cold"] = cold_checks(url, made, options.cold_rounds)
    if kind == "sqlite" and options.cli_rounds:
        _log(f"{kind}: CLI timing ...")
        result["cli"] = cli_timing(url, made, options.cli_rounds)
    _log(f"{kind}: revoke to refused in another process ...")
    result["revoke"] = revoke_to_refused(url, made, options.revoke_rounds)
    _log(f"{kind}: usage writes ...")
    result["usage"] = usage_writes(url, made, options.seconds)
    return result


def render(results: list[dict[str, Any]], drf: dict[str, Any]) -> str:
    def mark(ok: bool) -> str:
        return " ✓" if ok else " ✗"

    drf_rate = drf.get("per_s")
    lines = [
        "| figure | target | " + " | ".join(r["backend"] for r in results) + " |",
        "| --- | --- | " + " | ".join("---" for _ in results) + " |",
    ]

    def row(label: str, target: str, cells: list[str]) -> None:
        lines.append(f"| {label} | {target} | " + " | ".join(cells) + " |")

    row(
        "verifications/s from memory, 1 thread",
        f"≥ {MEMORY_PER_S:,}",
        [
            f"{r['memory_1']['per_s']:,}{mark(r['memory_1']['per_s'] >= MEMORY_PER_S)}"
            for r in results
        ],
    )
    row(
        "p50 / p99 per call (µs)",
        "—",
        [f"{r['memory_1']['p50_us']} / {r['memory_1']['p99_us']}" for r in results],
    )
    row(
        "verifications/s from memory, 4 threads",
        "—",
        [f"{r['memory_4']['per_s']:,}" for r in results],
    )
    if drf_rate:
        row(
            f"× djangorestframework-api-key {drf.get('version', '')} ({drf_rate:,}/s, SQLite)",
            "—",
            [f"{r['memory_1']['per_s'] / drf_rate:,.0f}×" for r in results],
        )
    row("cold checks/s (one bcrypt each)", "—", [f"{r['cold']['per_s']}" for r in results])
    row(
        "median unknown prefix / wrong secret (ms), library",
        "within 5 %",
        [
            f"{r['cold']['median_ms']['unknown']} / {r['cold']['median_ms']['wrong']} "
            f"({r['cold']['unknown_vs_wrong_pct']} %){mark(r['cold']['unknown_vs_wrong_pct'] <= UNKNOWN_VS_WRONG_PCT)}"
            for r in results
        ],
    )
    row(
        "median unknown prefix / wrong secret (ms), CLI",
        "within 5 %",
        [
            (
                f"{r['cli']['median_ms']['unknown']} / {r['cli']['median_ms']['wrong']} "
                f"({r['cli']['unknown_vs_wrong_pct']} %){mark(r['cli']['unknown_vs_wrong_pct'] <= UNKNOWN_VS_WRONG_PCT)}"
            )
            if "cli" in r
            else "—"
            for r in results
        ],
    )
    row(
        "revoke → refused in another process, median / max (ms)",
        "≤ 1,000 PostgreSQL, ≤ 2,000 others",
        [
            f"{r['revoke']['median_ms']:,} / {r['revoke']['max_ms']:,}"
            + mark(r["revoke"]["max_ms"] <= REVOKE_TO_REFUSED_S[r["backend"]] * 1000)
            for r in results
        ],
    )
    row(
        "usage write transactions/s at 10,000 opted-in calls/s",
        "≤ 1",
        [
            f"{r['usage']['tx_per_s']}{mark(r['usage']['tx_per_s'] <= USAGE_TX_PER_S)}"
            for r in results
        ],
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m keydesk.bench verify", description=__doc__)
    parser.add_argument("--sqlite", help="SQLite URL (default: a temporary file)")
    parser.add_argument("--postgres", help="a PostgreSQL database URL the benchmark may fill")
    parser.add_argument("--mysql", help="a MariaDB/MySQL database URL the benchmark may fill")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each loop")
    parser.add_argument("--cold-rounds", type=int, default=15)
    parser.add_argument("--cli-rounds", type=int, default=7)
    parser.add_argument("--revoke-rounds", type=int, default=5)
    parser.add_argument("--no-drf", action="store_true", help="skip djangorestframework-api-key")
    parser.add_argument("--watch", help=argparse.SUPPRESS)  # the other process of a revoke
    parser.add_argument("--drf", type=float, help=argparse.SUPPRESS)  # the DRF process
    options = parser.parse_args(argv)
    if options.watch:
        watch_for_revocation(options.watch, sys.stdin.readline().strip())
        return 0
    if options.drf:
        _drf_loop(options.drf)
        return 0
    os.environ.setdefault("KEYDESK_BCRYPT_ROUNDS", "12")
    folder = Path(tempfile.mkdtemp(prefix="keydesk-verify-bench-"))
    urls = [options.sqlite or f"sqlite:///{folder / 'verify.db'}"]
    urls += [url for url in (options.postgres, options.mysql) if url]
    results = [measure(url, options) for url in urls]
    drf = {"skipped": True} if options.no_drf else drf_api_key(options.seconds)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    cost = os.environ["KEYDESK_BCRYPT_ROUNDS"]
    print(f"keydesk verification benchmark ({machine}, bcrypt cost {cost})\n")
    print(render(results, drf))
    if "error" in drf:
        print(f"\ndjangorestframework-api-key not measured: {drf['error']}")
    print()
    print(json.dumps({"machine": machine, "bcrypt_cost": cost, "results": results, "drf": drf}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
