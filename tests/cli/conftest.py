"""The CLI tests' terminal: a database on each backend holding only alice@example.com and
two models, driven in-process (:class:`support.cli.Cli`)."""

from __future__ import annotations

import pytest
from support.cli import Cli


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_url, capsys)
    assert run("users", "add", "alice@example.com", "--name", "Alice")[0] == 0
    assert run("models", "add", "alfred-4")[0] == 0
    assert run("models", "add", "bruno-2")[0] == 0
    return run
