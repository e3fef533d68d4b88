"""Helpers for tests of a :class:`~keydesk.Verifier`: waiting for its follower, and a
key with the right prefix and the wrong secret."""

from __future__ import annotations

import time

from keydesk import keyformat
from keydesk.services.verify import Verifier


def caught_up(verifier: Verifier) -> None:
    """Wait until the verifier's follower completed a round that started after this call
    (so memory reflects every change committed before it)."""
    follower = verifier.follower
    assert follower is not None
    rounds = follower.rounds
    deadline = time.monotonic() + 10
    while follower.rounds < rounds + 2:
        assert time.monotonic() < deadline, "the follower made no round in 10 s"
        time.sleep(0.005)


def mistyped(key: str) -> str:
    """``key`` with its last character changed (always to another one): its checksum no
    longer matches."""
    return key[:-1] + ("y" if key.endswith("x") else "x")


def other_secret(key: str) -> str:
    """The same prefix with another (well-formed, correctly checksummed) secret."""
    return keyformat.format_key(keyformat.parse_key(key).prefix, keyformat.generate_secret())
