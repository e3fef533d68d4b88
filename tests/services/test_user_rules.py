"""Users own keys: a valid email, unique regardless of case; a display name; an active flag."""

from __future__ import annotations

import pytest

from keydesk.errors import NotFound, ValidationError
from keydesk.services import users
from keydesk.services.users import UserInfo


def test_user_email_must_be_valid(db, snapshot):
    state = snapshot()
    for bad in (
        "",
        "   ",
        "alice",
        "alice@",
        "@example.com",
        "a b@example.com",
        "alice@@example.com",
        "alice@example",
        "alice@exa mple.com",
    ):
        with pytest.raises(ValidationError) as refused:
            users.add_user(bad)
        assert refused.value.field == "email"
    assert snapshot() == state

    added = users.add_user("  Carol.Smith@Example.COM ")
    assert added == UserInfo("carol.smith@example.com", "carol.smith", True, 0)
    assert [u.email for u in users.list_users()] == ["carol.smith@example.com"]


def test_user_email_is_unique_regardless_of_case(db, snapshot):
    users.add_user("Dave@Example.com", "Dave")
    state = snapshot()
    for same in ("dave@example.com", " DAVE@EXAMPLE.COM", "dave@EXAMPLE.com"):
        with pytest.raises(ValidationError, match="already exists") as refused:
            users.add_user(same, "Another Dave")
        assert refused.value.field == "email"
    assert snapshot() == state
    assert users.get_user("DAVE@example.COM").display_name == "Dave"


def test_user_display_name_defaults_to_the_mailbox_and_has_at_most_100_characters(db, snapshot):
    assert users.add_user("erin@example.com", "   ").display_name == "erin"
    assert users.add_user("frank@example.com", "f" * 100).display_name == "f" * 100
    state = snapshot()
    with pytest.raises(ValidationError) as refused:
        users.add_user("gina@example.com", "g" * 101)
    assert refused.value.field == "display_name"
    with pytest.raises(ValidationError):
        users.rename_user("erin@example.com", "e" * 101)
    assert snapshot() == state
    assert users.rename_user("ERIN@example.com", " Erin E. ").display_name == "Erin E."


def test_users_are_listed_with_their_key_counts(make_key, people):
    alice, bob = people
    make_key(user=alice)
    make_key(user=alice)
    make_key(user=bob)
    users.set_user_active(bob, False)
    users.add_user("zoe@example.com", "Zoe")
    assert users.list_users() == [
        UserInfo(alice, "Alice Admin", True, 2),
        UserInfo(bob, "Bob Builder", False, 1),
        UserInfo("zoe@example.com", "Zoe", True, 0),
    ]


def test_unknown_user_is_not_found(db):
    for action in (
        users.get_user,
        lambda email: users.rename_user(email, "X"),
        lambda email: users.set_user_active(email, False),
    ):
        with pytest.raises(NotFound, match=r"nobody@example\.com"):
            action("nobody@example.com")
