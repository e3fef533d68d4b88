"""The keydesk key format: generation, checksum and parsing. Pure functions, no I/O.

A full key reads ``<prefix>_<secret><checksum>``:

* ``prefix`` is ``<tag>_`` followed by 8 base62 characters (``kd_3fZk9QaB``); it is
  stored in clear and identifies both the installation (the tag) and the key.
* ``secret`` is 32 base62 characters drawn from :mod:`secrets`; only its bcrypt
  hash is stored.
* ``checksum`` is 6 base62 characters of CRC32 over everything before it, so a
  typo is rejected without a database and secret scanners can recognise a leaked
  key by its shape alone.
"""

from __future__ import annotations

import re
import secrets
import zlib
from typing import NamedTuple

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
PREFIX_RANDOM_LENGTH = 8
SECRET_LENGTH = 32
CHECKSUM_LENGTH = 6
DEFAULT_TAG = "kd"

TAG_PATTERN = re.compile(r"[a-z][a-z0-9]{0,9}")
PREFIX_PATTERN = re.compile(r"([a-z][a-z0-9]{0,9})_([0-9A-Za-z]{8})")
_KEY_PATTERN = re.compile(
    r"(?P<prefix>[a-z][a-z0-9]{0,9}_[0-9A-Za-z]{8})_"
    r"(?P<secret>[0-9A-Za-z]{32})(?P<checksum>[0-9A-Za-z]{6})"
)


class MalformedKey(ValueError):
    """The text is not a well-formed keydesk key. The message never repeats the text."""


class ParsedKey(NamedTuple):
    prefix: str
    secret: str

    def __repr__(self) -> str:  # never let the secret reach a log through repr()
        return f"ParsedKey(prefix={self.prefix!r}, secret=<hidden>)"


def _random_base62(length: int) -> str:
    return "".join(secrets.choice(BASE62) for _ in range(length))


def validate_tag(tag: str) -> str:
    """Return ``tag`` if it can start a prefix (1-10 lowercase letters/digits, letter first)."""
    if not TAG_PATTERN.fullmatch(tag):
        raise ValueError(
            f"The key tag {tag!r} is not valid: use 1 to 10 lowercase letters or digits, "
            "starting with a letter."
        )
    return tag


def generate_prefix(tag: str = DEFAULT_TAG) -> str:
    return f"{validate_tag(tag)}_{_random_base62(PREFIX_RANDOM_LENGTH)}"


def generate_secret() -> str:
    return _random_base62(SECRET_LENGTH)


def checksum(body: str) -> str:
    """Six base62 characters of CRC32 over ``body`` (62**6 > 2**32, so it never wraps)."""
    value = zlib.crc32(body.encode("ascii"))
    digits = []
    for _ in range(CHECKSUM_LENGTH):
        value, remainder = divmod(value, 62)
        digits.append(BASE62[remainder])
    return "".join(reversed(digits))


def format_key(prefix: str, secret: str) -> str:
    body = f"{prefix}_{secret}"
    return body + checksum(body)


def is_prefix(text: str) -> bool:
    return PREFIX_PATTERN.fullmatch(text) is not None


def parse_key(key: str) -> ParsedKey:
    """Split a full key into prefix and secret, checking shape and checksum.

    Raises :class:`MalformedKey` (whose message never contains the key) when the
    text has the wrong shape or its checksum does not match.
    """
    if not isinstance(key, str):
        raise MalformedKey("A key must be text.")
    match = _KEY_PATTERN.fullmatch(key)
    if match is None:
        raise MalformedKey("This is not a keydesk key: its shape is wrong.")
    body = f"{match['prefix']}_{match['secret']}"
    if not secrets.compare_digest(checksum(body), match["checksum"]):
        raise MalformedKey("This is not a valid keydesk key: its checksum does not match.")
    return ParsedKey(match["prefix"], match["secret"])
