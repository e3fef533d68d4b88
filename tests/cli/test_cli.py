"""The command line end to end: the contract of PRODUCT.md, its --json output, exit codes,
and one-sentence errors without tracebacks, on every backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bcrypt
import pytest
from support.cli import Cli
from support.verifying import mistyped

import keydesk
from keydesk import keyformat
from keydesk.cli import main
from keydesk.store import connection


def test_create_prints_the_key_once_and_it_verifies(cli: Cli) -> None:
    created = cli.create("--opt-in")
    assert set(created) >= {"key", "prefix", "unique_name"}
    assert created["key"].startswith(created["prefix"] + "_")

    code, out, _ = cli("verify", created["key"], "--model", "alfred-4")
    assert (code, out.strip()) == (0, "valid")
    code, out, _ = cli("verify", created["key"], "--model", "bruno-2")
    assert (code, out.strip()) == (1, "model_not_permitted")
    verdict = cli.json("verify", created["key"])
    assert verdict == {"valid": True, "reason": None, "prefix": created["prefix"]}


def test_create_without_json_prints_only_the_key_on_stdout(cli: Cli) -> None:
    code, out, err = cli(
        "keys", "create", "--name", "n", "--user", "alice@example.com", "--role", "standard"
    )
    assert code == 0
    key = out.strip()
    assert "\n" not in key
    assert keydesk.verify(key, db_url=cli.url).valid
    assert "will not be shown again" in err
    assert key not in err


def test_list_and_show_json_carry_the_contract_fields(cli: Cli) -> None:
    created = cli.create("--expires", "2031-01-02T03:04:05+00:00")
    listed = cli.json("keys", "list")
    assert isinstance(listed, list) and len(listed) == 1
    required = {
        "prefix", "unique_name", "name", "role", "user", "models", "created", "expires",
        "has_expired", "revoked", "opt_in",
    }  # fmt: skip
    assert required <= set(listed[0])
    shown = cli.json("keys", "show", created["prefix"])
    assert isinstance(shown, dict) and required <= set(shown)
    assert shown["models"] == ["alfred-4"]
    assert shown["expires"] == "2031-01-02T03:04:05Z"
    assert shown["role"] == "project" and shown["user"] == "alice@example.com"
    assert "key" not in shown and "secret_hash" not in shown


def test_list_search_is_case_insensitive_over_name_user_and_role(cli: Cli) -> None:
    cli.create()
    cli("users", "add", "bob@example.com")
    cli("keys", "create", "--name", "Billing", "--user", "bob@example.com", "--role", "admin")
    names = lambda text: [k["name"] for k in cli.json("keys", "list", "--search", text)]  # noqa: E731
    assert names("PIPELINE") == ["CI pipeline"]
    assert names("bob@") == ["Billing"]
    assert names("admin api") == ["Billing"]
    assert names("nothing-matches") == []


def test_edit_changes_fields_and_refuses_a_later_expiry(cli: Cli) -> None:
    created = cli.create("--expires", "2031-01-01T00:00:00+00:00")
    prefix = created["prefix"]
    code, _, err = cli(
        "keys", "edit", prefix, "--name", "renamed", "--role", "admin", "--model", "bruno-2",
        "--expires", "2030-06-01T00:00:00+00:00", "--opt-in",
    )  # fmt: skip
    assert code == 0, err
    shown = cli.json("keys", "show", prefix)
    assert isinstance(shown, dict)
    assert (shown["name"], shown["role"], shown["models"], shown["opt_in"]) == (
        "renamed", "admin", ["bruno-2"], True,
    )  # fmt: skip
    assert shown["expires"] == "2030-06-01T00:00:00Z"

    code, out, err = cli("keys", "edit", prefix, "--expires", "2032-01-01T00:00:00+00:00")
    assert code == 1 and out == ""
    assert "lifetime can only be shortened" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert cli.json("keys", "show", prefix)["expires"] == "2030-06-01T00:00:00Z"  # type: ignore[index]


def test_edit_reassigns_to_another_user(cli: Cli) -> None:
    created = cli.create()
    cli("users", "add", "bob@example.com")
    assert cli("keys", "edit", created["prefix"], "--user", "bob@example.com")[0] == 0
    assert cli.json("keys", "show", created["prefix"])["user"] == "bob@example.com"  # type: ignore[index]


def test_revoke_is_final_and_harmless_twice(cli: Cli) -> None:
    created = cli.create()
    code, out, _ = cli("keys", "revoke", created["prefix"])
    assert code == 0 and "Revoked" in out
    code, out, _ = cli("keys", "revoke", created["prefix"])
    assert code == 0 and "already revoked" in out
    code, out, _ = cli("verify", created["key"])
    assert (code, out.strip()) == (1, "revoked")
    code, _, err = cli("keys", "edit", created["prefix"], "--name", "back")
    assert code == 1 and "revoked" in err


def test_revoke_with_an_unknown_prefix_revokes_nothing(cli: Cli) -> None:
    created = cli.create()
    code, _, err = cli("keys", "revoke", created["prefix"], "kd_00000000")
    assert code == 1 and "kd_00000000" in err
    assert cli.json("keys", "show", created["prefix"])["revoked"] is False  # type: ignore[index]


def test_delete_needs_yes(cli: Cli) -> None:
    created = cli.create()
    code, _, err = cli("keys", "delete", created["prefix"])
    assert code == 2 and "--yes" in err
    assert len(cli.json("keys", "list")) == 1  # type: ignore[arg-type]
    assert cli("keys", "delete", created["prefix"], "--yes")[0] == 0
    assert cli.json("keys", "list") == []
    code, out, _ = cli("verify", created["key"])
    assert (code, out.strip()) == (1, "unknown")


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("keys", "show", "kd_zzzzzzzz"), 1, "no key with the prefix"),
        (("keys", "create", "--name", "x", "--user", "nobody@example.com", "--role", "admin"),
         1, "no user"),
        (("keys", "create", "--name", " ", "--user", "alice@example.com", "--role", "admin"),
         1, "name cannot be empty"),
        (("keys", "create", "--name", "x" * 51, "--user", "alice@example.com", "--role", "admin"),
         1, "at most 50"),
        (("keys", "create", "--name", "x", "--user", "alice@example.com", "--role", "boss"),
         2, "invalid choice"),
        (("keys", "create", "--name", "x", "--user", "alice@example.com", "--role", "admin",
          "--model", "nope-9"), 1, "not in the catalog"),
        (("keys", "create", "--name", "x", "--user", "alice@example.com", "--role", "admin",
          "--expires", "next tuesday"), 2, "ISO-8601"),
        (("keys", "create", "--name", "x", "--user", "alice@example.com", "--role", "admin",
          "--expires", "2001-01-01"), 1, "in the future"),
        (("users", "add", "not-an-email"), 1, "not a valid email"),
        (("users", "add", "ALICE@example.com"), 1, "already exists"),
        (("models", "add", "alfred-4"), 1, "already in the catalog"),
        (("keys", "edit", "kd_zzzzzzzz", "--name", "x"), 1, "no key with the prefix"),
        (("verify", "kd_short"), 1, "malformed"),
        (("frobnicate",), 2, "invalid choice"),
    ],
)  # fmt: skip
def test_errors_are_one_sentence_with_a_nonzero_exit(
    cli: Cli, args: tuple[str, ...], code: int, fragment: str
) -> None:
    got, out, err = cli(*args)
    assert got == code
    text = (out + err).lower()
    assert fragment.lower() in text
    assert "traceback" not in text


def _run_installed(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real console script, as a user runs it."""
    script = Path(sys.executable).with_name("keydesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "keydesk.cli"]
    environment = {**os.environ, "KEYDESK_BCRYPT_ROUNDS": "4", **(env or {})}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("postgresql://postgres:hunter2@127.0.0.1:1/test", "cannot connect"),
        ("mysql://root:hunter2@127.0.0.1:1/test", "cannot connect"),
        ("ftp://example.com/db", "not a database url"),
        ("sqlite:////nonexistent-folder/keys.db", "does not exist"),
    ],
)
def test_database_errors_are_one_sentence_without_traceback(url: str, fragment: str) -> None:
    result = _run_installed("--db", url, "keys", "list")
    assert result.returncode == (2 if fragment == "not a database url" else 1)  # 2: bad usage
    assert result.stdout == ""
    assert fragment in result.stderr.lower()
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, eggs\n")
    result = _run_installed("--db", f"sqlite:///{path}", "keys", "list")
    assert result.returncode == 1
    assert "not a database" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "shopping list: milk, eggs\n"


def test_a_newer_schema_is_refused_untouched(sqlite_url: str) -> None:
    db = connection.open_database(sqlite_url)
    db.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2030-01-01')"
    )
    connection.close_database()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    before = path.read_bytes()
    result = _run_installed("--db", sqlite_url, "keys", "list")
    assert result.returncode == 1
    assert "newer keydesk" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_keydesk_db_environment_variable_is_the_default(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert (
        _run_installed("users", "add", "carol@example.com", env={"KEYDESK_DB": url}).returncode == 0
    )
    listed = _run_installed("users", "list", "--json", env={"KEYDESK_DB": url})
    assert [u["email"] for u in json.loads(listed.stdout)] == ["carol@example.com"]


def test_verify_reads_the_key_from_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    created = cli.create()
    monkeypatch.setattr("sys.stdin", io.StringIO(created["key"] + "\n"))
    code, out, _ = cli("verify", "-")
    assert (code, out.strip()) == (0, "valid")


def test_verify_without_a_database_exits_3_with_a_sentence(capsys: pytest.CaptureFixture[str]):
    key = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    code = main(["--db", "postgresql://nobody@127.0.0.1:9/nothing", "verify", key])
    out, err = capsys.readouterr()
    assert (code, out.strip()) == (3, "unavailable")
    assert "127.0.0.1:9" in err and "Traceback" not in err
    assert key not in out + err and keyformat.parse_key(key).secret not in out + err


def test_verify_spends_one_bcrypt_for_an_unknown_prefix_as_for_a_wrong_secret(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = cli.create()
    hashes: list[bytes] = []
    real = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda pw, h: hashes.append(h) or real(pw, h))
    prefix = keyformat.parse_key(created["key"]).prefix
    wrong = keyformat.format_key(prefix, keyformat.generate_secret())
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    for presented in (wrong, unknown):
        code, out, _ = cli("verify", presented)
        assert (code, out.strip()) == (1, "unknown")
    assert len(hashes) == 2 and hashes[0][:7] == hashes[1][:7]  # one each, same cost


def test_a_fresh_account_gets_its_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "KEYDESK_DB": ""}
    added = _run_installed("users", "add", "carol@example.com", env=env)
    assert added.returncode == 0, added.stderr
    key = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    checked = _run_installed("verify", key, env=env)
    assert (checked.returncode, checked.stdout.strip()) == (1, "unknown"), checked.stderr
    folder = home / ".local" / "share" / "keydesk"
    assert (folder / "keydesk.db").is_file()
    assert folder.stat().st_mode & 0o077 == 0  # the owner's alone


def test_a_whole_key_works_wherever_a_prefix_does_and_is_never_repeated(cli: Cli) -> None:
    created = cli.create()
    key, secret = created["key"], keyformat.parse_key(created["key"]).secret
    outputs = []
    for args in (("keys", "show", key), ("keys", "show", f"  {key}\n"),
                 ("keys", "edit", key, "--name", "renamed"), ("keys", "revoke", key)):  # fmt: skip
        code, out, err = cli(*args)
        assert code == 0, err
        outputs.append(out + err)
    shown = cli.json("keys", "show", key)
    assert shown["prefix"] == created["prefix"] and shown["revoked"]  # type: ignore[index]
    assert shown["name"] == "renamed"  # type: ignore[index]
    for args in (("keys", "show", mistyped(key)), ("keys", "revoke", mistyped(key)),
                 ("keys", "show", key[:20]), ("keys", "delete", key + "x", "--yes"),
                 ("keys", "show", "A" * 10_000)):  # fmt: skip
        code, out, err = cli(*args)
        assert code == 1 and err.count("\n") == 1 and len(err) < 200, err
        outputs.append(out + err)
    assert cli("keys", "delete", key, "--yes")[0] == 0
    assert cli.json("keys", "list") == []
    everything = "".join(outputs)
    assert secret not in everything and secret[:16] not in everything and key[:20] not in everything
