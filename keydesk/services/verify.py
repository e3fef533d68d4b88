"""Verifying a presented key: parse → checksum → lookup by prefix → bcrypt → revoked? →
expired? → model permitted?

Every failure has a reason code. An unknown prefix still spends one bcrypt check, so
the time taken does not reveal which prefixes exist. A successful verification of an
opted-in key records a usage event and the last-used time; a key that did not opt in
records nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from keydesk import keyformat
from keydesk.config import settings
from keydesk.services.clock import utcnow
from keydesk.services.hashing import check_secret, cost_of, hash_secret, spend_one_check
from keydesk.store.connection import write_transaction
from keydesk.store.models import AiModel, ApiKey, KeyModel, UsageEvent

MALFORMED = "malformed"
UNKNOWN = "unknown"
REVOKED = "revoked"
EXPIRED = "expired"
MODEL_NOT_PERMITTED = "model_not_permitted"
REASONS = (MALFORMED, UNKNOWN, REVOKED, EXPIRED, MODEL_NOT_PERMITTED)


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str | None = None
    prefix: str | None = None

    def __bool__(self) -> bool:
        return self.valid

    @property
    def code(self) -> str:
        """``valid`` or the reason code, as the CLI prints it."""
        return "valid" if self.valid else str(self.reason)


def verify_key(key: object, model: str | None = None) -> Verdict:
    """Judge ``key`` (any object; only a well-formed str can pass) against the database."""
    try:
        parsed = keyformat.parse_key(key)  # type: ignore[arg-type]
    except keyformat.MalformedKey:
        return Verdict(False, MALFORMED)

    record = (
        ApiKey.select(
            ApiKey.id,
            ApiKey.secret_hash,
            ApiKey.revoked,
            ApiKey.expires,
            ApiKey.opt_in,
        )
        .where(ApiKey.prefix == parsed.prefix)
        .first()
    )
    if record is None:
        spend_one_check()
        return Verdict(False, UNKNOWN, parsed.prefix)
    if not check_secret(parsed.secret, record.secret_hash):
        return Verdict(False, UNKNOWN, parsed.prefix)
    if record.revoked:
        return Verdict(False, REVOKED, parsed.prefix)
    now = utcnow()
    if record.expires is not None and record.expires <= now:
        return Verdict(False, EXPIRED, parsed.prefix)
    if model is not None:
        permitted = (
            KeyModel.select()
            .join(AiModel)
            .where((KeyModel.key == record.id) & (AiModel.name == model.strip()))
            .exists()
        )
        if not permitted:
            return Verdict(False, MODEL_NOT_PERMITTED, parsed.prefix)

    wanted_cost = settings().bcrypt_rounds
    upgrade = cost_of(record.secret_hash) != wanted_cost
    if record.opt_in or upgrade:
        with write_transaction():
            if upgrade:
                ApiKey.update(secret_hash=hash_secret(parsed.secret, wanted_cost)).where(
                    ApiKey.id == record.id
                ).execute()
            if record.opt_in:
                UsageEvent.create(key=record.id, at=now, model=model)
                ApiKey.update(last_used=now).where(ApiKey.id == record.id).execute()
    return Verdict(True, None, parsed.prefix)
