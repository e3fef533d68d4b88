"""`keys rotate`, `keys find-leaked` and `usage` end to end, on every backend: what they
print, their --json, their exit codes, and that no secret found is ever repeated."""

from __future__ import annotations

import io
import json
import logging
from datetime import datetime, timedelta, timezone

import pytest
from support.cli import Cli
from support.verifying import other_secret

from keydesk import keyformat
from keydesk.services.verify import Verifier
from keydesk.store import connection
from keydesk.store.models import ApiKey, UsageMinute


def _stops(text: str) -> float:
    return datetime.fromisoformat(text.rstrip("Z")).replace(tzinfo=timezone.utc).timestamp()


# --- keys rotate ---------------------------------------------------------------------------


def test_rotate_prints_the_new_key_once_and_both_verify_during_the_grace(cli: Cli) -> None:
    old = cli.create("--opt-in", "--expires", "2031-01-01T00:00:00+00:00")
    code, out, err = cli("keys", "rotate", old["prefix"], "--grace", "24h")
    assert code == 0, err
    new_key = out.strip()
    assert "\n" not in new_key and new_key not in err
    new_prefix = keyformat.parse_key(new_key).prefix
    assert "will not be shown again" in err and old["prefix"] in err
    shown = cli.json("keys", "show", new_prefix)
    assert isinstance(shown, dict)
    assert (shown["name"], shown["role"], shown["models"], shown["opt_in"]) == (
        "CI pipeline", "project", ["alfred-4"], True,
    )  # fmt: skip
    assert shown["expires"] == "2031-01-01T00:00:00Z"  # never lengthened
    old_expires = cli.json("keys", "show", old["prefix"])["expires"]  # type: ignore[index]
    assert cli("verify", old["key"])[1].strip() == "valid"
    assert cli("verify", new_key)[1].strip() == "valid"
    clock = [_stops(old_expires)]  # the moment the grace ends
    with Verifier(cli.url, clock=lambda: clock[0], remember=False) as verifier:
        assert verifier.verify(old["key"]).reason == "expired"
        assert verifier.verify(new_key).valid
        clock[0] -= 1
        assert verifier.verify(old["key"]).valid


def test_rotate_json_and_grace_zero(cli: Cli) -> None:
    old = cli.create()
    rotated = cli.json("keys", "rotate", old["prefix"], "--grace", "0")
    assert isinstance(rotated, dict)
    assert set(rotated) >= {"key", "prefix", "unique_name", "old_prefix", "old_expires"}
    assert rotated["old_prefix"] == old["prefix"]
    assert cli("verify", old["key"]) == (1, "expired\n", "")
    assert cli("verify", rotated["key"])[0] == 0


def test_rotate_refusals_are_one_sentence(cli: Cli) -> None:
    old = cli.create()
    code, out, err = cli("keys", "rotate", old["prefix"], "--grace", "tomorrow")
    assert code == 1 and out == "" and "not a duration" in err
    assert len(err.strip().splitlines()) == 1
    cli("keys", "revoke", old["prefix"])
    code, out, err = cli("keys", "rotate", old["prefix"])
    assert code == 1 and out == "" and "revoked" in err and "Traceback" not in err


# --- keys find-leaked ------------------------------------------------------------------------


@pytest.fixture
def leak(cli: Cli, tmp_path, monkeypatch):
    """A log file holding a real key, a forgery of another's prefix, an unknown key and
    garbage; returns (path, real, forged_of, unknown, secrets)."""
    real, forged_of = cli.create(), cli.create()
    forged = other_secret(forged_of["key"])
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    path = tmp_path / "chat.log"
    path.write_text(
        f"ada: export KEY={real['key']}\nbob: {forged}\nci: token={unknown}\n"
        "garbage kd_nothing_here 0123456789abcdef " + "Q" * 50 + "\n",
        encoding="utf-8",
    )
    secrets = [keyformat.parse_key(k).secret for k in (real["key"], forged, unknown)]
    return path, real, forged_of, unknown, secrets


def test_find_leaked_reports_each_prefix_and_revokes_only_confirmed(cli: Cli, leak, caplog):
    path, real, forged_of, unknown, secrets = leak
    caplog.set_level(logging.DEBUG)
    found = cli.json("keys", "find-leaked", str(path))
    assert isinstance(found, list)
    results = {f["prefix"]: f["result"] for f in found}
    assert results == {
        real["prefix"]: "confirmed",
        forged_of["prefix"]: "prefix_only",
        keyformat.parse_key(unknown).prefix: "unknown",
    }
    assert found[0]["user"] == "alice@example.com" and found[0]["status"] == "active"
    code, out, err = cli("keys", "find-leaked", str(path))
    assert code == 0 and "confirmed" in out and "--revoke" in err
    code, out, err = cli("keys", "find-leaked", str(path), "--revoke")
    assert code == 0 and "revoked now" in out
    assert cli.json("keys", "show", real["prefix"])["revoked"] is True  # type: ignore[index]
    assert cli.json("keys", "show", forged_of["prefix"])["revoked"] is False  # type: ignore[index]
    printed = out + err + json.dumps(found) + caplog.text
    for secret in secrets:
        assert secret not in printed


def test_find_leaked_reads_standard_input(cli: Cli, leak, monkeypatch) -> None:
    path, real, *_ = leak
    monkeypatch.setattr("sys.stdin", io.StringIO(path.read_text(encoding="utf-8")))
    found = cli.json("keys", "find-leaked", "-")
    assert isinstance(found, list) and found[0]["prefix"] == real["prefix"]


def test_find_leaked_in_text_without_keys_and_a_missing_file(cli: Cli, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing to see", encoding="utf-8")
    assert cli("keys", "find-leaked", str(empty)) == (0, "No keydesk key found in the text.\n", "")
    code, out, err = cli("keys", "find-leaked", str(tmp_path / "absent.txt"))
    assert code == 2 and out == "" and "Cannot read" in err


# --- usage -----------------------------------------------------------------------------------


def test_usage_prints_calls_per_day_and_model(cli: Cli) -> None:
    created = cli.create("--opt-in")
    today = datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    connection.open_database(cli.url)
    key = ApiKey.get(ApiKey.prefix == created["prefix"])
    UsageMinute.create(key=key, minute=today, model="alfred-4", calls=5)
    UsageMinute.create(key=key, minute=today - timedelta(days=1), model="bruno-2", calls=2)
    connection.close_database()
    report = cli.json("usage", created["prefix"], "--days", "7")
    assert isinstance(report, dict)
    assert report["tracked"] is True and len(report["days"]) == 7
    assert report["by_model"] == {"alfred-4": [0] * 6 + [5], "bruno-2": [0] * 5 + [2, 0]}
    assert report["total"] == 7
    code, out, _ = cli("usage", created["prefix"])
    assert code == 0 and "ALFRED-4" in out and "7 calls in 30 days" in out


def test_usage_of_a_key_without_opt_in_says_not_tracked(cli: Cli) -> None:
    created = cli.create()
    code, out, _ = cli("usage", created["prefix"])
    assert code == 0 and out.startswith("Not tracked")
    assert cli.json("usage", created["prefix"])["tracked"] is False  # type: ignore[index]


def test_rotate_given_the_whole_old_key_never_repeats_it(cli: Cli) -> None:
    old = cli.create()
    code, out, err = cli("keys", "rotate", old["key"])
    assert code == 0, err
    secret = keyformat.parse_key(old["key"]).secret
    assert secret not in out + err and old["prefix"] in err
