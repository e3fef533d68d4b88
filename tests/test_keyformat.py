"""The key format ``<tag>_<8 base62>_<32 base62 secret><6 base62 CRC32>``: generation,
checksum and parsing, mostly as properties; then what keydesk.verify makes of any text."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import zlib
from collections.abc import Iterator

import bcrypt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import keydesk
from keydesk import config, keyformat
from keydesk.keyformat import MalformedKey, ParsedKey, parse_key
from keydesk.services import keys, users
from keydesk.services.keys import CreatedKey, NewKey

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KEY_SHAPE = re.compile(r"kd_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}[0-9A-Za-z]{6}")
FAST = settings(max_examples=200, deadline=None)
WITH_DB = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def crc32_base62(body: str) -> str:
    """The documented checksum, written independently: CRC32 as 6 base62 digits."""
    value = zlib.crc32(body.encode("ascii"))
    digits = ""
    for _ in range(6):
        value, digit = divmod(value, 62)
        digits = BASE62[digit] + digits
    assert value == 0
    return digits


LOWER = "abcdefghijklmnopqrstuvwxyz"
tags = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(LOWER),
    st.text(LOWER + "0123456789", max_size=9),
)
prefixes = st.builds(
    lambda tag, rest: f"{tag}_{rest}", tags, st.text(BASE62, min_size=8, max_size=8)
)
secret_parts = st.text(BASE62, min_size=32, max_size=32)
printable = st.characters().filter(str.isprintable)


@st.composite
def well_formed_keys(draw: st.DrawFn) -> tuple[str, str, str]:
    prefix, secret = draw(prefixes), draw(secret_parts)
    return keyformat.format_key(prefix, secret), prefix, secret


# --- the format -----------------------------------------------------------------------------


def test_generated_key_has_the_documented_shape():
    for _ in range(200):
        prefix, secret = keyformat.generate_prefix(), keyformat.generate_secret()
        key = keyformat.format_key(prefix, secret)
        assert KEY_SHAPE.fullmatch(key), key[:11]
        assert len(key) == 3 + 8 + 1 + 32 + 6
        assert key == f"{prefix}_{secret}{crc32_base62(f'{prefix}_{secret}')}"
        assert parse_key(key) == (prefix, secret)
        assert keyformat.is_prefix(prefix)


def test_secrets_and_prefixes_are_random():
    assert len({keyformat.generate_secret() for _ in range(200)}) == 200
    assert len({keyformat.generate_prefix() for _ in range(200)}) == 200
    drawn = "".join(keyformat.generate_secret() for _ in range(200))
    assert set(drawn) == set(BASE62)  # every base62 character turns up in 6400 draws


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", "000000"),  # CRC32 of nothing is 0
        ("kd_00000000_" + "0" * 32, crc32_base62("kd_00000000_" + "0" * 32)),
        ("123456789", "3jZRME"),  # the CRC32 check value 0xCBF43926 = 3421780262, in base62
    ],
)
def test_checksum_is_six_base62_characters_of_crc32(body, expected):
    assert keyformat.checksum(body) == expected
    assert len(keyformat.checksum(body)) == 6


@FAST
@given(st.text(st.characters(max_codepoint=127), max_size=64))
def test_checksum_is_crc32_in_base62_for_any_body(body):
    assert keyformat.checksum(body) == crc32_base62(body)


def test_key_tag_is_configurable(sqlite_db, monkeypatch):
    monkeypatch.setenv("KEYDESK_DB", sqlite_db)
    config.configure(key_tag="acme")
    assert keys.prepare_secret().prefix.startswith("acme_")
    users.add_user("alice@example.com")
    created = keys.create_key(NewKey(name="tagged", user="alice@example.com"))
    assert re.fullmatch(r"acme_[0-9A-Za-z]{8}", created.prefix)
    assert created.key.startswith(created.prefix + "_")
    assert keydesk.verify(created.key).valid

    for bad in ("ACME", "1abc", "a" * 11, "a-b", "", "a_b"):
        with pytest.raises(config.ConfigError, match="tag"):
            config.configure(key_tag=bad)
        with pytest.raises(ValueError):
            keyformat.generate_prefix(bad)
    assert config.settings().key_tag == "acme"


def test_key_tag_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KEYDESK_KEY_TAG", "corp7")
    config.reset()
    assert keys.prepare_secret().prefix.startswith("corp7_")


# --- parsing, as properties -----------------------------------------------------------------


@FAST
@given(well_formed_keys())
def test_generated_keys_parse_back_to_prefix_and_secret(case):
    key, prefix, secret = case
    assert parse_key(key) == ParsedKey(prefix, secret)


def assert_rejected(text: str, original: str, secret: str) -> None:
    with pytest.raises(MalformedKey) as refused:
        parse_key(text)
    message = str(refused.value)
    assert text not in message and original not in message and secret not in message


@FAST
@given(well_formed_keys(), st.data())
def test_any_single_character_substitution_is_rejected(case, data):
    key, _, secret = case
    position = data.draw(st.integers(0, len(key) - 1))
    replacement = data.draw(printable.filter(lambda c: c != key[position]))
    assert_rejected(key[:position] + replacement + key[position + 1 :], key, secret)


@FAST
@given(well_formed_keys(), st.data())
def test_any_single_character_insertion_is_rejected(case, data):
    key, _, secret = case
    position = data.draw(st.integers(0, len(key)))
    assert_rejected(key[:position] + data.draw(printable) + key[position:], key, secret)


@FAST
@given(well_formed_keys(), st.data())
def test_any_single_character_deletion_is_rejected(case, data):
    key, _, secret = case
    position = data.draw(st.integers(0, len(key) - 1))
    assert_rejected(key[:position] + key[position + 1 :], key, secret)


@FAST
@given(st.one_of(st.text(), st.text(BASE62 + "_", max_size=60)))
def test_arbitrary_text_raises_nothing_but_malformed_key(text):
    try:
        parse_key(text)
    except MalformedKey as error:
        assert "\n" not in str(error) and str(error).endswith(".")
    # the only text that parses has the shape and the checksum
    else:
        assert text == keyformat.format_key(*parse_key(text))


@FAST
@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text(), max_size=2)))
def test_anything_but_text_is_malformed(value):
    with pytest.raises(MalformedKey):
        parse_key(value)


# --- keydesk.verify on arbitrary input (SQLite) ---------------------------------------------


class ThisThreadsQueries(logging.Handler):
    """Counts the queries Peewee logs from the calling thread (a verifier's follower
    queries on its own thread all the time)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.count += 1


@contextlib.contextmanager
def count_queries() -> Iterator[ThisThreadsQueries]:
    logger = logging.getLogger("peewee")
    handler, level = ThisThreadsQueries(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
def real_key(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> CreatedKey:
    monkeypatch.setenv("KEYDESK_DB", sqlite_db)  # keydesk.verify's database
    users.add_user("alice@example.com")
    created = keys.create_key(NewKey(name="real", user="alice@example.com"))
    with count_queries() as counter:
        assert keydesk.verify(created.key).valid
    assert counter.count >= 1  # the counter sees a lookup when one happens
    return created


@WITH_DB
@given(
    st.one_of(
        st.text(),
        well_formed_keys().map(lambda case: case[0]),
        st.none(),
        st.integers(),
        st.binary(),
    )
)
def test_verify_never_raises_on_arbitrary_input(real_key, presented):
    verdict = keydesk.verify(presented)
    assert not verdict.valid
    try:
        parse_key(presented)
    except MalformedKey:
        assert verdict.reason == "malformed"
    else:  # well-formed, but not in the database
        assert verdict.reason == "unknown"


@WITH_DB
@given(st.data())
def test_changed_real_key_is_malformed_before_any_database_lookup(real_key, data):
    key = real_key.key
    position = data.draw(st.integers(0, len(key) - 1))
    change = data.draw(st.sampled_from(["substitute", "insert", "delete"]))
    char = data.draw(printable.filter(lambda c: c != key[position]))
    changed = {
        "substitute": key[:position] + char + key[position + 1 :],
        "insert": key[:position] + char + key[position:],
        "delete": key[:position] + key[position + 1 :],
    }[change]

    checks: list[bytes] = []
    with pytest.MonkeyPatch.context() as patch, count_queries() as counter:
        patch.setattr(bcrypt, "checkpw", lambda secret, hashed: checks.append(secret))
        verdict = keydesk.verify(changed)
    assert verdict.reason == "malformed"
    assert counter.count == 0
    assert checks == []


@pytest.mark.parametrize("value", ["abc", "²", "3", "32", "-5"])
def test_an_unusable_bcrypt_cost_in_the_environment_is_one_clear_sentence(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", value)
    config.reset()
    with pytest.raises(config.ConfigError, match=r"KEYDESK_BCRYPT_ROUNDS|between 4 and 31"):
        config.settings()
