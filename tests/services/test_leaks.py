"""Finding leaked keys in text: confirmed, prefix only or unknown per prefix; revoking only
the confirmed ones, audited as leaked; never a secret in a finding, repr or log."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.verifying import other_secret

from keydesk import keyformat
from keydesk.services import audit, keys
from keydesk.services.key_rules import KeyStatus
from keydesk.services.leaks import (
    LEAKED,
    Verdict,
    check_text,
    find_candidates,
    match_by_prefix,
    revoke_leaked,
)


def _unknown_key() -> str:
    return keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())


def _typo(key: str) -> str:
    """One character changed: the checksum no longer holds."""
    return key[:-7] + ("A" if key[-7] != "A" else "B") + key[-6:]


@pytest.fixture
def pasted(make_key):
    """A chat log with a real key, a forgery of another key's prefix, an unknown key, a
    typo and garbage; returns (text, real, forged, unknown)."""
    real = make_key(name="billing")
    forged_of = make_key(name="search", user="bob@example.com")
    forged = other_secret(forged_of.key)
    unknown = _unknown_key()
    text = (
        f"[10:02] ada: try KEYDESK_KEY={real.key} in the env\n"
        f"[10:03] bob: mine is {forged}, or was it\n"
        f'diff: +token = "{unknown}"\n'
        f"typo: {_typo(real.key)}\n"
        f"glued: x{real.key} and {real.key}Z and kd_short_abc and 0123456789 " + "z" * 60 + "\n"
        f"again: ({real.key})\n"
    )
    return text, real, forged_of, unknown


def test_each_prefix_is_confirmed_prefix_only_or_unknown(pasted):
    text, real, forged_of, unknown = pasted
    findings = {finding.prefix: finding for finding in check_text(text)}
    assert list(findings) == [real.prefix, forged_of.prefix, keyformat.parse_key(unknown).prefix]
    confirmed = findings[real.prefix]
    assert confirmed.verdict is Verdict.CONFIRMED
    assert (confirmed.name, confirmed.user, confirmed.status) == (
        "billing", "alice@example.com", KeyStatus.ACTIVE,
    )  # fmt: skip
    assert confirmed.occurrences == 2  # the glued copies are not keys; "(…)" is
    assert findings[forged_of.prefix].verdict is Verdict.PREFIX_ONLY
    assert findings[forged_of.prefix].user == "bob@example.com"
    assert findings[keyformat.parse_key(unknown).prefix].verdict is Verdict.UNKNOWN
    assert findings[keyformat.parse_key(unknown).prefix].name is None


def test_offline_a_known_prefix_is_a_prefix_match_whatever_the_secret(pasted):
    """Offline the copy has no hashes: the real key and the forgery of another key's
    prefix both match by prefix only (the secrets are not looked at); the unknown stays
    unknown; Revoke would act on both matches."""
    text, real, forged_of, unknown = pasted
    findings = {f.prefix: f for f in match_by_prefix(find_candidates(text), keys.get_key)}
    assert findings[real.prefix].verdict is Verdict.PREFIX_MATCH
    assert findings[forged_of.prefix].verdict is Verdict.PREFIX_MATCH
    assert findings[forged_of.prefix].user == "bob@example.com"
    assert findings[keyformat.parse_key(unknown).prefix].verdict is Verdict.UNKNOWN
    assert [f.revocable for f in findings.values()] == [True, True, False]


def test_text_without_keys_finds_nothing(db):
    assert check_text("nothing here kd_12345678 and kd_12345678_" + "a" * 38) == []


def test_a_prefix_is_confirmed_when_any_of_its_secrets_matches(make_key):
    real = make_key()
    text = f"{other_secret(real.key)} then {real.key}"
    [finding] = check_text(text)
    assert finding.verdict is Verdict.CONFIRMED
    assert finding.occurrences == 2


def test_revoking_leaked_keys_revokes_only_the_confirmed_ones(pasted, db):
    text, real, forged_of, _ = pasted
    result = revoke_leaked(check_text(text))
    assert result.revoked == (real.prefix,)
    assert keys.get_key(real.prefix).revoked
    assert not keys.get_key(forged_of.prefix).revoked
    [event] = [e for e in audit.list_audit(key=real.prefix) if e.action == "revoke"]
    assert event.reason == LEAKED


def test_revoking_twice_is_harmless(pasted):
    text, real, _, _ = pasted
    revoke_leaked(check_text(text))
    findings = check_text(text)
    assert [f.status for f in findings if f.verdict is Verdict.CONFIRMED] == [KeyStatus.REVOKED]
    assert not any(f.revocable for f in findings)
    assert revoke_leaked(findings).already_revoked == (real.prefix,)


def test_no_secret_in_findings_reprs_or_logs(pasted, caplog):
    text, real, forged_of, unknown = pasted
    secrets = [keyformat.parse_key(k).secret for k in (real.key, unknown)]
    secrets.append(keyformat.parse_key(forged_of.key).secret)
    caplog.set_level(logging.DEBUG)
    findings = check_text(text)
    revoke_leaked(findings)
    shown = repr(findings) + repr(find_candidates(text)) + caplog.text
    shown += repr([vars(e) for e in audit.list_audit()])
    for secret in secrets:
        assert secret not in shown


def test_findings_carry_the_keys_expiry_and_last_use(make_key):
    expires = datetime(2099, 1, 1)
    real = make_key(expires=expires)
    [finding] = check_text(real.key)
    assert finding.expires == expires
    assert finding.last_used is None


_SEPARATORS = st.sampled_from([" ", "\n", "=", '"', "'", "(", ")", ":", ",", "\t", "/", "-"])
_NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(before=_NOISE, after=_NOISE, left=_SEPARATORS, right=_SEPARATORS)
def test_a_key_is_found_whatever_surrounds_it(before, after, left, right):
    key = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    found = find_candidates(f"{before}{left}{key}{right}{after}")
    assert keyformat.parse_key(key).prefix in [c.prefix for c in found]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="kd_0123456789abcdefABCDEF \n", max_size=300), keys_in=st.integers(0, 2)
)
def test_only_well_formed_keys_that_are_in_the_text_are_found(text, keys_in):
    planted = [
        keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
        for _ in range(keys_in)
    ]
    text = " ".join([text, *planted])
    found = {
        keyformat.format_key(candidate.prefix, secret)
        for candidate in find_candidates(text)
        for secret in candidate.secrets
    }
    assert set(planted) <= found
    assert all(key in text for key in found)  # never a key the text does not hold
