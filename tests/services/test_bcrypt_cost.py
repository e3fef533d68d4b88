"""bcrypt: cost 12 unless configured, the secret part only as input, and a stored hash
brought up to the configured cost by a successful verification (never by a failed one)."""

from __future__ import annotations

import bcrypt
import pytest

from keydesk import config, keyformat
from keydesk.services import keys, users
from keydesk.services.hashing import check_secret, cost_of
from keydesk.services.keys import NewKey
from keydesk.services.verify import Verifier
from keydesk.store.models import ApiKey


def stored_hash(prefix: str) -> str:
    return str(ApiKey.get(ApiKey.prefix == prefix).secret_hash)


@pytest.mark.slow
def test_default_bcrypt_cost_is_12(sqlite_db, monkeypatch):
    assert config.Settings().bcrypt_rounds == 12
    monkeypatch.delenv("KEYDESK_BCRYPT_ROUNDS", raising=False)
    config.reset()
    assert config.settings().bcrypt_rounds == 12

    users.add_user("alice@example.com")
    created = keys.create_key(NewKey(name="default cost", user="alice@example.com"))
    hashed = stored_hash(created.prefix)
    assert hashed.startswith("$2b$12$")
    assert check_secret(keyformat.parse_key(created.key).secret, hashed)


@pytest.mark.slow
def test_bcrypt_cost_is_configurable(sqlite_db, monkeypatch):
    users.add_user("alice@example.com")
    config.configure(bcrypt_rounds=10)
    created = keys.create_key(NewKey(name="cost 10", user="alice@example.com"))
    assert stored_hash(created.prefix).startswith("$2b$10$")

    monkeypatch.setenv("KEYDESK_BCRYPT_ROUNDS", "6")
    config.reset()
    assert config.settings().bcrypt_rounds == 6
    created = keys.create_key(NewKey(name="cost 6", user="alice@example.com"))
    assert stored_hash(created.prefix).startswith("$2b$06$")

    for impossible in (3, 32):
        with pytest.raises(config.ConfigError, match="between 4 and 31"):
            config.configure(bcrypt_rounds=impossible)
    assert config.settings().bcrypt_rounds == 6


def test_bcrypt_input_is_the_secret_only(make_key):
    created = make_key()
    parsed = keyformat.parse_key(created.key)
    hashed = stored_hash(created.prefix)
    assert check_secret(parsed.secret, hashed)
    assert bcrypt.checkpw(parsed.secret.encode("ascii"), hashed.encode("ascii"))
    assert not check_secret(created.key, hashed)
    assert not check_secret(f"{parsed.prefix}_{parsed.secret}", hashed)


def test_successful_verification_upgrades_the_hash_cost(make_key, db):
    created = make_key(opt_in=False)
    old = stored_hash(created.prefix)
    assert cost_of(old) == 4

    config.configure(bcrypt_rounds=5)
    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(created.key).valid
        new = stored_hash(created.prefix)
        assert new != old and new.startswith("$2b$05$")
        assert check_secret(keyformat.parse_key(created.key).secret, new)
        assert verifier.verify(created.key).valid
        assert stored_hash(created.prefix) == new  # already at the configured cost: left alone


def test_failed_verification_does_not_upgrade_the_hash(make_key, db):
    created = make_key(models=["alfred-4"])
    revoked = make_key()
    keys.revoke_keys([revoked.prefix])
    before = {prefix: stored_hash(prefix) for prefix in (created.prefix, revoked.prefix)}

    config.configure(bcrypt_rounds=5)
    wrong_secret = keyformat.format_key(created.prefix, keyformat.generate_secret())
    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(wrong_secret).reason == "unknown"
        assert verifier.verify(created.key, "bertha-2").reason == "model_not_permitted"
        assert verifier.verify(revoked.key).reason == "revoked"
    after = {prefix: stored_hash(prefix) for prefix in (created.prefix, revoked.prefix)}
    assert after == before
