"""Finding leaked keys in any text (a chat log, a diff, a ticket) and revoking them.

Every string of a keydesk key's shape whose checksum holds is a candidate: the checksum
throws away almost everything that merely looks like a key, with no database. Each
candidate's prefix is then looked up and its secret checked with bcrypt against the
stored hash, so each prefix found is one of:

* ``confirmed``: a secret in the text matches: this key leaked;
* ``prefix_only``: the prefix exists but no secret in the text matches: someone's typo
  or a forgery, not this key; nothing is revoked;
* ``unknown``: no key has this prefix (another installation, or a deleted key).

Only prefixes ever leave this module: findings, their ``repr`` and every message name
the prefix, never a secret, and nothing here logs. bcrypt costs ~0.25 s a check at the
default cost, so :func:`check_text` is for a worker thread (the GUI) or the command line.
No Qt: the desktop app and ``keydesk keys find-leaked`` both call it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import peewee

from keydesk import keyformat
from keydesk.errors import NotFound, PermissionDenied, sentence
from keydesk.services.capabilities import is_permission_error
from keydesk.services.hashing import check_secret
from keydesk.services.key_reads import get_key_rows
from keydesk.services.key_records import KeyDetail, KeyRow, RevokeResult
from keydesk.services.key_removal import revoke_keys
from keydesk.services.key_rules import KeyStatus, key_status
from keydesk.store.models import ApiKey, tuples

#: The audit reason of a revocation made from the leak finder.
LEAKED = "leaked"

# A key's shape anywhere in text: not glued to more letters, digits or underscores on
# either side (``xkd_…`` or a 40-character run that merely contains one is not a key).
_KEY_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z_])"
    r"([a-z][a-z0-9]{0,9}_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}[0-9A-Za-z]{6})"
    r"(?![0-9A-Za-z])"
)


class Verdict(enum.Enum):
    CONFIRMED = "confirmed"
    PREFIX_ONLY = "prefix_only"
    UNKNOWN = "unknown"
    #: Offline: the prefix is a key of the copy, but the copy holds no hashes, so the
    #: secret cannot be checked. The agent may still queue its revocation.
    PREFIX_MATCH = "prefix_match"


@dataclass(frozen=True)
class Candidate:
    """The distinct well-formed keys found under one prefix. Their secrets stay in this
    object (hidden from ``repr``) only until they are checked."""

    prefix: str
    occurrences: int
    secrets: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True)
class LeakFinding:
    """What one prefix found in the text is. The key's fields are None when unknown."""

    prefix: str
    verdict: Verdict
    #: How many times a well-formed key with this prefix appears in the text.
    occurrences: int
    unique_name: str | None = None
    name: str | None = None
    user: str | None = None
    status: KeyStatus | None = None
    expires: datetime | None = None
    last_used: datetime | None = None

    @property
    def revocable(self) -> bool:
        """Confirmed (or, offline, matched by prefix) and not revoked yet: the one Revoke
        acts on these."""
        return (
            self.verdict in (Verdict.CONFIRMED, Verdict.PREFIX_MATCH)
            and self.status is not KeyStatus.REVOKED
        )


def find_candidates(text: str) -> list[Candidate]:
    """Every well-formed key (shape and checksum) in ``text``, grouped by prefix in the
    order first seen. No database, no bcrypt."""
    found: dict[str, list[str]] = {}
    for match in _KEY_IN_TEXT.finditer(text):
        try:
            parsed = keyformat.parse_key(match[1])
        except keyformat.MalformedKey:
            continue  # the shape without the checksum: a typo or random text
        found.setdefault(parsed.prefix, []).append(parsed.secret)
    return [
        Candidate(prefix, len(secrets), tuple(dict.fromkeys(secrets)))
        for prefix, secrets in found.items()
    ]


def check_text(text: str) -> list[LeakFinding]:
    """Find the keys in ``text`` and say, per prefix, whether each is confirmed, prefix
    only or unknown (one bcrypt per distinct secret of an existing prefix; slow)."""
    return check_candidates(find_candidates(text))


def check_candidates(candidates: Iterable[Candidate]) -> list[LeakFinding]:
    candidates = list(candidates)
    prefixes = [candidate.prefix for candidate in candidates]
    hashes = _hashes(prefixes)
    rows = {row.prefix: row for row in get_key_rows(prefixes)}
    findings = []
    for candidate in candidates:
        row = rows.get(candidate.prefix)
        hashed = hashes.get(candidate.prefix)
        if row is None or hashed is None:
            findings.append(LeakFinding(candidate.prefix, Verdict.UNKNOWN, candidate.occurrences))
            continue
        matched = any(check_secret(secret, hashed) for secret in candidate.secrets)
        findings.append(
            _known(candidate, Verdict.CONFIRMED if matched else Verdict.PREFIX_ONLY, row)
        )
    return findings


def _known(candidate: Candidate, verdict: Verdict, key: KeyRow | KeyDetail) -> LeakFinding:
    """The finding for a prefix that is a key (read live, or from the offline copy)."""
    return LeakFinding(
        prefix=candidate.prefix,
        verdict=verdict,
        occurrences=candidate.occurrences,
        unique_name=key.unique_name,
        name=key.name,
        user=key.user,
        status=key_status(key.revoked, key.expires),
        expires=key.expires,
        last_used=key.last_used,
    )


def match_by_prefix(
    candidates: Iterable[Candidate], lookup: Callable[[str], KeyDetail]
) -> list[LeakFinding]:
    """Offline: each candidate's prefix looked up with ``lookup`` (the offline copy's
    :meth:`~keydesk.offline.copy.OfflineCopy.key_detail`, NotFound when it has none).
    The copy holds no hashes and never will, so a known prefix is a *prefix match*, not a
    confirmation; the secrets are not looked at."""
    findings = []
    for candidate in candidates:
        try:
            detail = lookup(candidate.prefix)
        except NotFound:
            findings.append(LeakFinding(candidate.prefix, Verdict.UNKNOWN, candidate.occurrences))
            continue
        findings.append(_known(candidate, Verdict.PREFIX_MATCH, detail))
    return findings


def revoke_leaked(findings: Iterable[LeakFinding]) -> RevokeResult:
    """Revoke the confirmed keys among ``findings`` in one transaction, audited with the
    reason ``leaked``; prefix-only and unknown findings are never revoked. Keys deleted
    meanwhile are reported as missing, not an error."""
    prefixes = [finding.prefix for finding in findings if finding.verdict is Verdict.CONFIRMED]
    if not prefixes:
        return RevokeResult((), (), ())
    return revoke_keys(prefixes, missing_ok=True, reason=LEAKED)


def _hashes(prefixes: list[str]) -> dict[str, str]:
    if not prefixes:
        return {}
    query = ApiKey.select(ApiKey.prefix, ApiKey.secret_hash).where(ApiKey.prefix.in_(prefixes))
    try:
        return {prefix: hashed for prefix, hashed in tuples(query)}
    except peewee.DatabaseError as error:
        if not is_permission_error(error):
            raise
        raise PermissionDenied(
            sentence(
                "Keys",
                "Your database role may not read key hashes, so keys found in text cannot be "
                "confirmed here; ask an admin to run the search.",
            ),
            action="find_leaked",
        ) from None
