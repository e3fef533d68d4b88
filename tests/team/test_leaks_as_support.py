"""The leak finder under the PostgreSQL support role, which may not read secret hashes:
a sentence that says why, never a driver error; finding keys by shape still needs none."""

from __future__ import annotations

import pytest

from keydesk.cli import main
from keydesk.errors import PermissionDenied
from keydesk.services.leaks import check_text, find_candidates
from keydesk.store import connection

postgres_only = pytest.mark.parametrize("db_url", ["postgres"], indirect=True)


@postgres_only
def test_support_is_told_it_cannot_confirm_leaks(team_roles, make_key, tmp_path, capsys):
    created = make_key("target")
    connection.open_database(team_roles.support_url)
    assert [c.prefix for c in find_candidates(f"x {created.key} y")] == [created.prefix]
    with pytest.raises(PermissionDenied, match="may not read key hashes"):
        check_text(created.key)
    path = tmp_path / "log.txt"
    path.write_text(created.key, encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", team_roles.support_url, "keys", "find-leaked", str(path)]) == 1
    captured = capsys.readouterr()
    assert "may not read key hashes" in captured.err and captured.out == ""
    assert created.key.split("_")[2] not in captured.err
