"""Names may not steer a terminal or hide: control characters, bidirectional overrides
and invisible-only text are refused where names are checked (key names, display names),
on every backend; what a message repeats is short and escaped; and the CLI shows rows
stored before the rule escaped."""

from __future__ import annotations

import pytest

from keydesk.cli import main
from keydesk.errors import NotFound, ValidationError
from keydesk.services import catalog, keys, users
from keydesk.services.keys import KeyChanges
from keydesk.store.models import ApiKey, User

HOSTILE = [
    "line\nbreak", "tab\there", "\x1b[31mred\x1b[0m", "bell\x07", "del\x7f", "nul\x00",
    "evil\u202egnp.exe", "\u2066isolated\u2069", "\u200b\u200b", "\u200d", " \u200b\u3000 ",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_key_names_refuse_control_and_invisible_text(make_key, name: str):
    with pytest.raises(ValidationError) as refused:
        make_key(name)
    assert refused.value.field == "name" and name.strip() not in str(refused.value)
    created = make_key("plain")
    with pytest.raises(ValidationError):
        keys.edit_key(created.prefix, KeyChanges(name=name))
    assert keys.get_key(created.prefix).name == "plain"


@pytest.mark.parametrize("name", HOSTILE)
def test_display_names_refuse_control_and_invisible_text(people, name: str):
    with pytest.raises(ValidationError) as refused:
        users.add_user("carol@example.com", name)
    assert refused.value.field == "display_name"
    with pytest.raises(ValidationError):
        users.rename_user("alice@example.com", name)
    assert User.select().count() == 2


def test_names_of_every_script_and_emoji_still_pass(make_key, people):
    for name in ("Tâche de nuit", "東京 batch", "Ñandú 🚀", "x", "O'Brien – billing"):
        assert keys.get_key(make_key(name).prefix).name == name.strip()
    users.add_user("zoe@example.com", "Zoë 👩‍💻")  # a zero-width joiner inside an emoji


def test_messages_repeat_input_short_and_escaped(db):
    long = "m" * 10_000
    for action in (
        lambda: catalog.add_model(long),
        lambda: users.add_user(long + "@example.com"),
        lambda: users.get_user(long),
        lambda: users.get_user("a\x1b[31m@b.c"),
    ):
        with pytest.raises((ValidationError, NotFound)) as refused:
            action()
        message = str(refused.value)
        assert len(message) < 400 and "\x1b" not in message and "m" * 100 not in message


def test_the_cli_shows_rows_stored_before_the_rule_escaped(make_key, db, capsys):
    created = make_key("plain")
    ApiKey.update(name="boom\x1b[2J\nfake row").where(ApiKey.prefix == created.prefix).execute()
    User.update(display_name="\x07ring").where(User.email == "alice@example.com").execute()
    for args in (["keys", "list"], ["keys", "show", created.prefix], ["users", "list"]):
        assert main(["--db", db, *args]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
    assert main(["--db", db, "keys", "show", created.prefix]) == 0
    assert "boom\\x1b[2J\\nfake row" in capsys.readouterr().out
