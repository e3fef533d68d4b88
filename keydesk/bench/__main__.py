"""``python -m keydesk.bench --keys 100000``: seed, then measure keydesk beside the stock
Qt designs on the same rows, and print a table and one JSON line.
``python -m keydesk.bench verify``: verification at request rate (keydesk.bench.verify).
``python -m keydesk.bench serve``: the HTTP service under load (keydesk.bench.serve).

Each design runs in its own subprocess (``keydesk.bench.measure``) so launch time and
peak memory are its own. ``--seed-only --db URL`` seeds and exits, so the seeded
database can be opened in the app (``keydesk --db URL``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {  # PRODUCT.md, "Scale and speed": (100k, 1M)
    "first_paint_s": (0.3, 0.3),
    "loaded_s": (1.0, 5.0),
    "keystroke_p95_ms": (16.0, 16.0),
    "sort_max_ms": (50.0, 250.0),
    "peak_rss_mb": (150.0, 400.0),
    "blocked_max_ms": (33.0, 50.0),
}
#: The phases whose longest GUI block counts for "GUI blocked, longest" (all the user
#: does), with their labels: phase name → label.
BLOCKED_PHASES = {
    "load": "load",
    "search": "search",
    "sort": "sort",
    "select": "select 1,000 keys",
    "revoke": "bulk revoke",
    "create": "create",
}


def _log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def seed_database(url: str, keys: int) -> None:
    from keydesk.bench.seed import seed
    from keydesk.services.keys import count_keys
    from keydesk.store.connection import close_database, open_database

    open_database(url)
    have = count_keys()
    if have >= keys:
        _log(f"{url}: {have:,} keys already there, not seeding")
    else:
        step = max(1, (keys - have) // 10)

        def progress(done: int) -> None:
            if done % step < 20_000:
                _log(f"  seeded {have + done:,} of {keys:,}")

        report = seed(keys - have, progress=progress)
        _log(f"seeded {report.keys:,} keys, {report.users:,} users in {report.seconds:.1f} s")
    close_database()


def pick_queries(url: str) -> list[str]:
    """Realistic searches from the seeded rows: a whole prefix, part of a unique name, an
    email's local part, a word of a name, a role label, and a search that matches none."""
    from keydesk.services.keys import list_key_rows
    from keydesk.store.connection import close_database, open_database

    open_database(url)
    rows = list_key_rows()
    close_database()
    middle = rows[len(rows) // 2]
    other = rows[len(rows) // 3]
    return [
        middle.prefix,
        "-".join(other.unique_name.split("-")[:2]),
        rows[len(rows) // 5].user.split("@")[0],
        "billing",
        "admin api",
        "no-such-key",
    ]


def run_design(design: str, url: str, queries: list[str], cap: float) -> dict[str, Any]:
    _log(f"measuring {design} ...")
    command = [
        sys.executable, "-m", "keydesk.bench.measure", "--design", design, "--db", url,
        "--queries", json.dumps(queries), "--cap", str(cap),
    ]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        tail = done.stderr.strip().splitlines()[-5:]
        return {"design": design, "error": " | ".join(tail) or f"exit {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


def _keystroke(result: dict[str, Any], which: str) -> float:
    """One keystroke figure (``p50``, ``p95``, ``max``) of a measurement's JSON."""
    figure: float = result["keystroke_ms"][which]
    return figure


def _figure(result: dict[str, Any], name: str) -> float | None:
    if not result or "error" in result or "skipped" in result:
        return None
    if name in ("first_paint_s", "loaded_s"):
        return result.get(name)
    if name == "keystroke_p95_ms":
        return _keystroke(result, "p95")
    if name == "keystroke_p50_ms":
        return _keystroke(result, "p50")
    if name == "keystroke_max_ms":
        return _keystroke(result, "max")
    if name == "filter_p95_ms":
        return (result.get("filter_ms") or {}).get("p95")
    if name == "sort_max_ms":
        sorts = result.get("sort_ms") or {}
        return max(sorts.values()) if sorts else None
    if name == "peak_rss_mb":
        return result.get("peak_rss_mb")
    if name == "blocked_max_ms":
        blocked = result.get("blocked_ms") or {}
        phases = [v for k, v in blocked.items() if k in BLOCKED_PHASES]
        return max(phases) if phases else None
    return None


def render(results: dict[str, dict[str, Any]], keys: int) -> str:
    column = 0 if keys <= 300_000 else 1
    names = [
        ("first_paint_s", "launch to first rows painted (s)"),
        ("loaded_s", "launch to every key searchable (s)"),
        ("keystroke_p50_ms", "search per keystroke, p50 (ms)"),
        ("keystroke_p95_ms", "search per keystroke, p95 (ms)"),
        ("keystroke_max_ms", "search per keystroke, max (ms)"),
        ("sort_max_ms", "sort, slowest column, table quiet (ms)"),
        ("peak_rss_mb", "peak memory (MB)"),
        ("blocked_max_ms", "GUI blocked, longest (ms)"),
    ]
    ours, stock, qsql = results["ours"], results.get("stock", {}), results.get("qsql", {})
    lines = [
        f"| figure ({keys:,} keys) | target | keydesk | stock proxy | × | QSqlTableModel | × |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]

    def cell(value: float | None) -> str:
        return "—" if value is None else f"{value:,.3g}" if value < 10 else f"{value:,.0f}"

    def ratio(other: float | None, mine: float | None) -> str:
        if other is None or mine is None or mine <= 0:
            return "—"
        return f"{other / mine:,.1f}×"

    for key, label in names:
        target = TARGETS.get(key)
        mine, theirs, sql = _figure(ours, key), _figure(stock, key), _figure(qsql, key)
        goal = "—" if target is None else f"≤ {target[column]:g}"
        met = "" if target is None or mine is None else (" ✓" if mine <= target[column] else " ✗")
        shown = cell(mine)
        if target is not None and met == " ✗" and shown == cell(target[column]):
            shown = f"{mine:,.1f}"  # 50.5 against "≤ 50" must not read "50 ✗"
        lines.append(
            f"| {label} | {goal} | {shown}{met} | {cell(theirs)} | {ratio(theirs, mine)} "
            f"| {cell(sql)} | {ratio(sql, mine)} |"
        )
    soon = ours.get("sort_soon_ms") or {}
    if soon:
        lines.append(
            "| sort, slowest column, seconds after the load (ms) | — "
            f"| {max(soon.values()):,.0f} | — | — | — | — |"
        )
    if ours.get("standing_s") is not None:
        lines.append(
            "| text columns' sort orders standing, after the typing (s) | — "
            f"| {ours['standing_s']:.2f} | — | — | — | — |"
        )
    if ours.get("revoke_1000_ms") is not None:
        lines.append(
            f"| bulk revoke 1,000 keys (ms) | — | {ours['revoke_1000_ms']:,.0f} | — | — | — | — |"
        )
    for step, moment in (ours.get("launch_s") or {}).items():
        lines.append(f"| launch: {step} (s) | — | {moment:.3f} | — | — | — | — |")
    blocked = ours.get("blocked_ms") or {}
    for phase, label in BLOCKED_PHASES.items():
        if phase in blocked:
            lines.append(
                f"| GUI blocked during {label} (ms) | — | {blocked[phase]:,.0f} | — | — | — | — |"
            )
    if ours.get("create_ms") is not None:
        lines.append(
            f"| create: Save → key shown (ms) | — | {ours['create_ms']:,.0f} | — | — | — | — |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["verify"]:
        from keydesk.bench.verify import main as verify_main

        return verify_main(arguments[1:])
    if arguments[:1] == ["serve"]:
        from keydesk.bench.serve import main as serve_main

        return serve_main(arguments[1:])
    parser = argparse.ArgumentParser(prog="python -m keydesk.bench", description=__doc__)
    parser.add_argument("--keys", type=int, default=100_000, help="synthetic keys to seed")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--seed-only", action="store_true", help="seed and exit")
    parser.add_argument(
        "--designs", default="ours,stock,qsql", help="comma-separated: ours, stock, qsql"
    )
    parser.add_argument(
        "--cap", type=float, default=60.0, help="seconds of typing allowed per baseline"
    )
    parser.add_argument(
        "--qsql-db",
        help="SQLite URL for QSqlTableModel when --db is a server (same number of keys)",
    )
    args = parser.parse_args(arguments)
    url = args.db or f"sqlite:///{Path(tempfile.gettempdir()) / f'keydesk-bench-{args.keys}.db'}"
    os.environ.setdefault("KEYDESK_BCRYPT_ROUNDS", "12")
    try:
        seed_database(url, args.keys)
    except Exception as error:  # one sentence, no traceback
        _log(f"Seeding failed: {error}")
        return 1
    if args.seed_only:
        _log(f"Open it with: keydesk --db {url}")
        return 0
    queries = pick_queries(url)
    _log(f"queries: {queries}")
    results = {}
    for design in args.designs.split(","):
        if design == "qsql" and args.qsql_db:  # beside a server: its own SQLite file
            results[design] = run_design(design, args.qsql_db, pick_queries(args.qsql_db), args.cap)
        else:
            results[design] = run_design(design, url, queries, args.cap)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"keydesk benchmark, {args.keys:,} keys on {url.split(':', 1)[0]} ({machine})\n")
    if "ours" in results and "error" not in results["ours"]:
        print(render(results, args.keys))
    for design, result in results.items():
        if "error" in result:
            print(f"\n{design} failed: {result['error']}")
    print()
    print(json.dumps({"keys": args.keys, "backend": url.split(":", 1)[0], "machine": machine,
                      "queries": queries, "results": results}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
