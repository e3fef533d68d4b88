"""bcrypt over the secret part of a key (never the whole key, never stored in clear)."""

from __future__ import annotations

import functools

import bcrypt

from keydesk.config import settings


def hash_secret(secret: str, rounds: int | None = None) -> str:
    rounds = rounds or settings().bcrypt_rounds
    return bcrypt.hashpw(secret.encode("ascii"), bcrypt.gensalt(rounds)).decode("ascii")


def check_secret(secret: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(secret.encode("ascii"), hashed.encode("ascii"))
    except ValueError:  # a damaged hash in the database: treat as a mismatch
        return False


def cost_of(hashed: str) -> int | None:
    """The bcrypt cost recorded in a hash (``$2b$12$...`` → 12)."""
    parts = hashed.split("$")
    return int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None


@functools.lru_cache(maxsize=8)
def dummy_hash(rounds: int) -> str:
    """A hash that matches no real secret, spent on unknown prefixes so that timing does
    not reveal which prefixes exist."""
    return hash_secret("0" * 32 + "unmatched", rounds)


def spend_one_check() -> None:
    check_secret("0" * 32, dummy_hash(settings().bcrypt_rounds))
