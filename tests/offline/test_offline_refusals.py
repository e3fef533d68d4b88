"""Offline, every change other than revoking is refused with one clear sentence, and the
server is left untouched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from support.offline_server import Seeded, Server, one_sentence
from support.tcp_proxy import TcpProxy

from keydesk.offline import OfflineError, OfflineSession, refuse_offline
from keydesk.services import catalog, users
from keydesk.services.keys import KeyChanges, NewKey, create_key, delete_keys, edit_key

# (action as the GUI names it, the service call it guards)
CHANGES: list[tuple[str, Callable[[Seeded], Any]]] = [
    ("creating keys", lambda s: create_key(NewKey(name="new", user="alice@example.com"))),
    ("editing keys", lambda s: edit_key(s.prefixes[0], KeyChanges(name="renamed"))),
    ("reassigning keys", lambda s: edit_key(s.prefixes[0], KeyChanges(user="bob@example.com"))),
    ("deleting keys", lambda s: delete_keys(s.prefixes[:1])),
    ("adding users", lambda s: users.add_user("carol@example.com")),
    ("renaming users", lambda s: users.rename_user("bob@example.com", "Robert")),
    ("deactivating users", lambda s: users.set_user_active("bob@example.com", False)),
    ("adding models", lambda s: catalog.add_model("cosmo-1")),
]


def test_every_other_change_is_refused_offline_in_one_sentence(
    seeded: Seeded,
    proxy: TcpProxy,
    server: Server,
    make_session: Callable[..., OfflineSession],
) -> None:
    session = make_session()
    session.start()
    proxy.cut()
    session.on_connection_lost()
    before = server.audit_count()
    called: list[str] = []

    for action, change in CHANGES:

        def attempt(action: str = action, change: Callable[[Seeded], Any] = change) -> Any:
            called.append(action)
            return change(seeded)

        with pytest.raises(OfflineError) as refused:
            session.call_online(action, attempt)

        message = str(refused.value)
        assert one_sentence(message), message
        assert message.startswith("You are offline: ") and action in message
        assert "revoke" in message  # says what still works

    assert called == []  # the server was not even tried
    proxy.restore()
    assert server.audit_count() == before


@pytest.mark.parametrize("action", [action for action, _ in CHANGES])
def test_the_refusal_names_the_change_in_one_sentence(action: str) -> None:
    error = refuse_offline(action)
    assert isinstance(error, OfflineError)
    assert one_sentence(str(error))
    assert str(error) == (
        f"You are offline: {action} is not possible until the database server is back; "
        "you can still revoke keys."
    )
