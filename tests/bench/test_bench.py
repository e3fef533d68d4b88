"""The benchmark harness runs end to end on a small database and reports every figure.

Correctness only: no timing is asserted (the machine is shared; timings are measured
by ``python -m keydesk.bench``, not by tests)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from keydesk.bench.__main__ import main as bench_main

KEYS = 2_000


@pytest.fixture
def bench_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[str, dict]:
    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", "4")
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    assert bench_main(["--keys", str(KEYS), "--db", url, "--cap", "20"]) == 0
    out = capsys.readouterr().out
    return out, json.loads(out.strip().splitlines()[-1])


def test_bench_reports_every_figure_for_all_three_designs(bench_output: tuple[str, dict]) -> None:
    table, report = bench_output
    assert report["keys"] == KEYS and report["backend"] == "sqlite"
    results = report["results"]
    assert set(results) == {"ours", "stock", "qsql"}
    for design, result in results.items():
        assert "error" not in result, (design, result)
        assert result["rows"] >= KEYS
        assert result["first_paint_s"] > 0
        assert result["keystroke_ms"]["n"] > 0
        assert set(result["keystroke_ms"]) == {"n", "p50", "p95", "max"}
        assert len(result["sort_ms"]) == 10 if design != "qsql" else result["sort_ms"]
        assert result["peak_rss_mb"] > 0
        assert "search" in result["blocked_ms"]
    ours = results["ours"]
    assert {"load", "search", "sort", "select", "revoke", "create"} <= set(ours["blocked_ms"])
    assert ours["revoke_1000_ms"] is not None and ours["create_ms"] is not None
    # sorted twice: soon after the load, and once the text columns' orders stand
    assert set(ours["sort_soon_ms"]) == set(ours["sort_ms"])
    assert ours["standing_s"] >= 0
    assert "| sort, slowest column, seconds after the load (ms) |" in table
    # every design filtered the same rows for the same queries
    assert results["stock"]["final_rows"] == ours["final_rows"]
    assert results["qsql"]["final_rows"] == ours["final_rows"]
    assert ours["final_rows"]["no-such-key"] == 0
    assert "| launch to first rows painted (s) |" in table
    assert "| launch to every key searchable (s) |" in table
    assert ours["loaded_s"] >= ours["first_paint_s"] > 0
    steps = ours["launch_s"]
    assert list(steps) == [
        "imported", "window built", "shown", "first rows in", "first rows painted"
    ]  # fmt: skip
    assert steps["imported"] <= steps["window built"] <= steps["shown"]
    assert steps["first rows painted"] == ours["first_paint_s"]
    assert "first paint" in ours["blocked_ms"]  # before it, not counted as a GUI block


def test_seed_only_seeds_and_measures_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from keydesk.services.keys import count_keys
    from keydesk.store.connection import close_database, open_database

    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", "4")
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert bench_main(["--keys", "300", "--db", url, "--seed-only"]) == 0
    assert capsys.readouterr().out == ""
    open_database(url)
    try:
        assert count_keys() == 300
    finally:
        close_database()


def test_a_figure_just_over_its_target_does_not_read_as_the_target() -> None:
    from keydesk.bench.__main__ import render

    ours = {
        "first_paint_s": 0.6,
        "keystroke_ms": {"p50": 10.0, "p95": 16.0, "max": 20.0},
        "blocked_ms": {"load": 33.4, "search": 30.0},
    }
    table = render({"ours": ours}, 100_000)
    rows = {line.split(" | ")[0]: line for line in table.splitlines()}
    assert "| ≤ 33 | 33.4 ✗ |" in rows["| GUI blocked, longest (ms)"]
    assert "| ≤ 16 | 16 ✓ |" in rows["| search per keystroke, p95 (ms)"]


def test_verify_bench_reports_every_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", "4")
    url = f"sqlite:///{tmp_path / 'verify.db'}"
    arguments = ["verify", "--sqlite", url, "--seconds", "0.3", "--cold-rounds", "2"]
    arguments += ["--cli-rounds", "1", "--revoke-rounds", "1", "--no-drf"]
    assert bench_main(arguments) == 0
    out = capsys.readouterr().out
    [result] = json.loads(out.strip().splitlines()[-1])["results"]
    assert result["backend"] == "sqlite"
    assert result["memory_1"]["per_s"] > 0 and result["memory_4"]["threads"] == 4
    assert result["memory_1"]["cold_checks"] == 160  # one bcrypt per key, then memory only
    assert result["memory_1"]["memory_hits"] > 0
    assert set(result["cold"]["median_ms"]) == {"valid", "unknown", "wrong"}
    assert result["cli"]["median_ms"]["unknown"] > 0
    assert result["revoke"]["rounds"] == 1 and result["revoke"]["max_ms"] > 0
    assert result["usage"]["calls_written"] >= result["usage"]["calls"] > 0
    assert "| verifications/s from memory, 1 thread |" in out


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (.ci/run installs it)"
)
def test_serve_bench_reports_every_figure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", "4")
    assert bench_main(["serve", "--seconds", "1"]) == 0
    out = capsys.readouterr().out
    results = json.loads(out.strip().splitlines()[-1])["results"]
    for load in ("auth_valid", "json_valid", "auth_10pct_invalid"):
        assert results[load]["per_s"] > 0 and results[load]["p99_ms"] > 0
    assert results["auth_valid"]["non_2xx"] == 0
    assert results["auth_10pct_invalid"]["non_2xx"] > 0  # the invalid tenth is refused
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        assert results["nginx"]["revoke_to_401_ms"] > 0
    assert "| GET /v1/auth, valid keys |" in out
