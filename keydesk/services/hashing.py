"""bcrypt over the secret part of a key (never the whole key, never stored in clear)."""

from __future__ import annotations

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


#: A fixed salt for :func:`unmatched_hash` (22 characters of bcrypt's base64; the last one
#: carries only two bits, so it must be one of ``.Oeu``).
_UNMATCHED_SALT = "keydeskUnmatchedSalt.u"
_UNMATCHED_DIGEST = "0" * 31


def unmatched_hash(rounds: int) -> str:
    """A well-formed bcrypt hash at cost ``rounds`` that no secret matches, checked against
    for unknown prefixes so that they cost exactly what a wrong secret costs.

    It is written down, not computed: building it with ``hashpw`` cost a second bcrypt in
    every new process (the CLI's first unknown prefix took twice as long as a wrong secret).
    ``checkpw`` still runs the whole key schedule before comparing the digest.
    """
    return f"$2b${rounds:02d}${_UNMATCHED_SALT}{_UNMATCHED_DIGEST}"


def spend_one_check() -> None:
    """One bcrypt check at the configured cost that never matches (for unknown prefixes)."""
    check_secret("0" * 32, unmatched_hash(settings().bcrypt_rounds))
