"""``keys list --status active|expired|revoked [--expiring DAYS]`` on every backend:
the keys listed are those the status rules choose, combined with --search and --json;
wrong values are one sentence and exit 2."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest

from keydesk.cli import main
from keydesk.services.clock import utcnow
from keydesk.services.key_rules import expires_within, key_status
from keydesk.store import connection
from keydesk.store.models import ApiKey


def run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listed(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    code, out, err = run(url, capsys, "keys", "list", *args, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list)
    return rows


@pytest.fixture
def keys_of_every_status(db_url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    """Twenty keys, random but seeded: expired, expiring in hours or days, later, never;
    some revoked. Returns prefix → the row as ``keys list --json`` gives it."""
    rng = random.Random(15)
    assert run(db_url, capsys, "users", "add", "ada@example.com")[0] == 0
    assert run(db_url, capsys, "users", "add", "ken@example.org")[0] == 0
    prefixes = []
    for number in range(20):
        user = rng.choice(("ada@example.com", "ken@example.org"))
        code, out, err = run(db_url, capsys, "keys", "create", "--name", f"svc-{number}",
                             "--user", user, "--role", "standard", "--json")  # fmt: skip
        assert code == 0, err
        prefixes.append(json.loads(out)["prefix"])
    now = utcnow()
    connection.open_database(db_url)
    try:
        for prefix in prefixes:
            expires = rng.choice((None, now - timedelta(days=rng.randrange(1, 30)),
                                  now + timedelta(hours=rng.randrange(2, 24 * 40))))  # fmt: skip
            ApiKey.update(expires=expires).where(ApiKey.prefix == prefix).execute()
    finally:
        connection.close_database()
    revoke = rng.sample(prefixes, 5)
    assert run(db_url, capsys, "keys", "revoke", *revoke)[0] == 0
    return {row["prefix"]: row for row in listed(db_url, capsys)}


def _parse(value: object) -> object:
    from datetime import datetime

    return None if value is None else datetime.fromisoformat(str(value).rstrip("Z"))


def expected(rows: dict[str, dict], status: str | None, days: int | None,
             search: str = "") -> list[str]:  # fmt: skip
    now = utcnow()
    chosen = []
    for prefix, row in rows.items():
        if search and search not in str(row["user"]):
            continue
        expires = _parse(row["expires"])
        if status and key_status(bool(row["revoked"]), expires, now).value.lower() != status:  # type: ignore[arg-type]
            continue
        if days is not None and not expires_within(bool(row["revoked"]), expires, days, now):  # type: ignore[arg-type]
            continue
        chosen.append(prefix)
    return chosen


@pytest.mark.parametrize("status", ["active", "expired", "revoked"])
def test_status_lists_the_keys_of_that_status(
    db_url: str, capsys: pytest.CaptureFixture[str], keys_of_every_status: dict[str, dict],
    status: str,
) -> None:  # fmt: skip
    got = [row["prefix"] for row in listed(db_url, capsys, "--status", status)]
    assert got == expected(keys_of_every_status, status, None)
    assert got  # the seed gives every status
    code, out, _ = run(db_url, capsys, "keys", "list", "--status", status)
    assert code == 0
    assert {line.split()[0] for line in out.splitlines()[1:]} == set(got)
    assert {line.split()[-1] for line in out.splitlines()[1:]} == {status}


@pytest.mark.parametrize("days", [0, 1, 7, 30, 365])
def test_expiring_lists_active_keys_expiring_within_the_days(
    db_url: str, capsys: pytest.CaptureFixture[str], keys_of_every_status: dict[str, dict],
    days: int,
) -> None:  # fmt: skip
    got = [row["prefix"] for row in listed(db_url, capsys, "--expiring", str(days))]
    assert got == expected(keys_of_every_status, None, days)
    both = listed(db_url, capsys, "--status", "active", "--expiring", str(days))
    assert [row["prefix"] for row in both] == got
    searched = listed(db_url, capsys, "--expiring", str(days), "--search", "ken@")
    assert [row["prefix"] for row in searched] == expected(keys_of_every_status, None, days, "ken@")


def test_status_combines_with_search(
    db_url: str, capsys: pytest.CaptureFixture[str], keys_of_every_status: dict[str, dict]
) -> None:
    got = [row["prefix"] for row in listed(db_url, capsys, "--status", "active",
                                           "--search", "ADA@")]  # fmt: skip
    assert got == expected(keys_of_every_status, "active", None, "ada@")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--status", "dead"), "invalid choice"),
        (("--status", "expiring"), "invalid choice"),
        (("--expiring", "soon"), "whole number of days"),
        (("--expiring", "-3"), "whole number of days"),
        (("--expiring", "7", "--status", "revoked"), "cannot be combined with --status revoked"),
    ],
)
def test_bad_status_or_days_are_one_sentence_and_exit_2(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], fragment: str
) -> None:
    code, out, err = run(sqlite_url, capsys, "keys", "list", *args)
    assert code == 2
    assert fragment in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out == ""
