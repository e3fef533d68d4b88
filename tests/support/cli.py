"""The command line in-process, as a terminal shows it, for the CLI's tests."""

from __future__ import annotations

import json

import pytest

from keydesk.cli import main


class Cli:
    """Runs ``keydesk --db URL ...`` in-process and captures what a terminal would show."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(["--db", self.url, *args])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def json(self, *args: str) -> object:
        """The ``--json`` output of a command that must succeed."""
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    def create(self, *extra: str) -> dict[str, str]:
        """A project key for alice@example.com calling alfred-4, as ``--json`` prints it."""
        created = self.json(
            "keys", "create", "--name", "CI pipeline", "--user", "alice@example.com",
            "--role", "project", "--model", "alfred-4", *extra,
        )  # fmt: skip
        assert isinstance(created, dict)
        return created
