"""The rules of a key that need no database, each asked by the table, the detail dialog
and the CLI: has expired, the status (Revoked › Expired › Active) and the role label."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from keydesk.services.key_columns import to_micros
from keydesk.services.key_fields import NEVER_EXPIRES_US
from keydesk.services.key_rules import (
    ROLES,
    KeyStatus,
    has_expired,
    has_expired_us,
    key_status,
    role_label,
)

NOW = datetime(2026, 10, 10, 20, 34, 5)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("expires", "expired"),
    [(None, False), (NOW + SECOND, False), (NOW, True), (NOW - SECOND, True)],
)
def test_a_key_has_expired_once_its_expiry_is_at_or_before_now(
    expires: datetime | None, expired: bool
) -> None:
    assert has_expired(expires, NOW) is expired


@pytest.mark.parametrize("expires", [None, NOW + SECOND, NOW, NOW - SECOND])
def test_has_expired_on_microseconds_is_the_same_rule(expires: datetime | None) -> None:
    expires_us = to_micros(expires, NEVER_EXPIRES_US)
    now_us = to_micros(NOW, NEVER_EXPIRES_US)
    assert has_expired_us(expires_us, now_us) is has_expired(expires, NOW)
    column = has_expired_us(np.array([expires_us], dtype=np.int64), now_us)
    assert column.tolist() == [has_expired(expires, NOW)]


def test_status_is_revoked_before_expired() -> None:
    assert key_status(True, NOW - SECOND, NOW) is KeyStatus.REVOKED
    assert key_status(True, None, NOW) is KeyStatus.REVOKED


def test_status_is_expired_before_active() -> None:
    assert key_status(False, NOW, NOW) is KeyStatus.EXPIRED
    assert key_status(False, NOW + SECOND, NOW) is KeyStatus.ACTIVE
    assert key_status(False, None, NOW) is KeyStatus.ACTIVE


def test_role_label_is_what_people_read_and_an_unknown_code_reads_as_itself() -> None:
    assert [role_label(code) for code in ROLES] == [
        "Standard API Key",
        "Admin API Key",
        "Project API Key",
    ]
    assert role_label("auditor") == "auditor"


def test_every_role_the_database_accepts_has_a_label() -> None:
    from keydesk.store.models import ROLE_CODES

    assert tuple(ROLES) == ROLE_CODES


def test_a_whole_key_means_its_prefix() -> None:
    from keydesk import keyformat
    from keydesk.services.key_rules import prefix_of

    prefix = keyformat.generate_prefix()
    key = keyformat.format_key(prefix, keyformat.generate_secret())
    assert prefix_of(prefix) == prefix_of(f" {prefix}\n") == prefix
    assert prefix_of(key) == prefix_of(f"\t{key} ") == prefix


@pytest.mark.parametrize(
    "text",
    ["hello", "kd_short", "A" * 10_000, "kd_AbCdEfGh_" + "x" * 38, "kd_abc def", "\x1b[31m", ""],
)
def test_what_is_neither_prefix_nor_key_is_refused_without_repeating_it(text: str) -> None:
    from keydesk.errors import ValidationError
    from keydesk.services.key_rules import prefix_of

    with pytest.raises(ValidationError) as refused:
        prefix_of(text)
    message = str(refused.value)
    assert len(message) < 200 and (not text.strip() or text.strip() not in message)
