"""Fixtures for the verification service: a database on every backend (tests/conftest.py's
``db``) with two users, a catalog, and a key factory. Modules get values through fixtures,
never by importing this file (several conftest.py files share that module name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from support.other_desk import run_cli

from keydesk.services import catalog, users
from keydesk.services.keys import CreatedKey, NewKey, create_key


@pytest.fixture
def make_key(db: str) -> Callable[..., CreatedKey]:
    """``make_key(name=..., models=[...], ...)``: a key owned by Alice by default."""
    users.add_user("alice@example.com", "Alice Admin")
    users.add_user("bob@example.com", "Bob Builder")
    for name in ("alfred-4", "bertha-2"):
        catalog.add_model(name)

    def make(name: str = "service key", **fields: Any) -> CreatedKey:
        fields.setdefault("user", "alice@example.com")
        return create_key(NewKey(name=name, **fields))

    return make


@pytest.fixture
def desk_cli(db: str) -> Callable[..., str]:
    """``desk_cli("keys", "revoke", prefix)``: the real command line in another process,
    returning once its change is committed."""
    return lambda *args: run_cli(db, *args)
