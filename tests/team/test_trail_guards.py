"""The audit trail cannot be rewritten and a key that existed cannot come back (migration
0006), whoever sends the SQL: the app's own connection on every backend, and on
PostgreSQL the admin role of ``keydesk db roles``. And a revocation's audit row cannot be
forged: on PostgreSQL the support role's ``keydesk_revoke()`` records the session's user
whatever operator is claimed, and no backend keeps a claimed time that is too old, in
the future or before the key was made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import peewee
import psycopg2
import pytest

from keydesk.services import keys
from keydesk.services.audit import AuditEntry, list_audit
from keydesk.services.clock import utcnow
from keydesk.services.keys import CreatedKey
from keydesk.services.verify import Verifier
from keydesk.store import connection
from keydesk.store.models import ApiKey, AuditEvent

postgres_only = pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
TRAIL = "append-only"
ISSUED = "issued before"


def _sql(text: str) -> str:
    """``text`` with ``{user}`` / ``{p}`` filled for the bound database."""
    db = connection.database
    return text.format(user=db.quote[0] + "user" + db.quote[1], p=db.param)


def _refused(statement: str, params: tuple[Any, ...] = (), match: str = TRAIL) -> None:
    db = connection.database
    with pytest.raises(peewee.DatabaseError, match=match), db.atomic():
        db.execute_sql(_sql(statement), params)


def _row_of(prefix: str) -> dict[str, Any]:
    """Every column of the key, as raw SQL would copy it before deleting it."""
    [row] = ApiKey.select().where(ApiKey.prefix == prefix).dicts()
    return row


def _insert_row(row: dict[str, Any]) -> None:
    """Insert ``row`` into api_key with raw SQL (new id, ``revoked`` false)."""
    db = connection.database
    row = {**row, "revoked": False, "revoked_at": None}
    row.pop("id")
    row["user_id"] = row.pop("user")
    names = ", ".join(row)
    marks = ", ".join([db.param] * len(row))
    values = tuple(ApiKey._meta.columns[name].db_value(v) for name, v in row.items())
    db.execute_sql(f"INSERT INTO api_key ({names}) VALUES ({marks})", values)


def _revocations(prefix: str) -> list[AuditEntry]:
    return [entry for entry in list_audit(key=prefix) if entry.action == "revoke"]


def test_the_audit_trail_is_append_only(make_key: Callable[..., CreatedKey]) -> None:
    prefix = make_key("kept").prefix
    keys.revoke_keys([prefix])
    before = list(AuditEvent.select().order_by(AuditEvent.id).tuples())
    assert [row[4] for row in before][-2:] == ["create", "revoke"]

    _refused("DELETE FROM audit_event")
    _refused("DELETE FROM audit_event WHERE key_prefix = {p}", (prefix,))
    _refused("UPDATE audit_event SET operator = 'someone else'")
    _refused("UPDATE audit_event SET at = {p}", (utcnow() - timedelta(days=400),))
    if isinstance(connection.database.obj, peewee.PostgresqlDatabase):
        _refused("TRUNCATE audit_event")
    assert list(AuditEvent.select().order_by(AuditEvent.id).tuples()) == before

    keys.delete_keys([prefix])  # appending goes on as before
    assert [e.action for e in list_audit(key=prefix)] == ["delete", "revoke", "create"]


def test_a_key_that_existed_cannot_be_inserted_again(
    db: str, make_key: Callable[..., CreatedKey]
) -> None:
    leaked, other = make_key("leaked"), make_key("other")
    keys.revoke_keys([leaked.prefix])
    copy = _row_of(leaked.prefix)
    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(leaked.key).reason == "revoked"

    # Delete the revoked row and insert it again, un-revoked: refused.
    keys.delete_keys([leaked.prefix])
    with pytest.raises(peewee.DatabaseError, match=ISSUED), connection.database.atomic():
        _insert_row(copy)
    # Nor can another key take the prefix over, or any key change its prefix.
    _refused("UPDATE api_key SET prefix = {p} WHERE prefix = {p}", (leaked.prefix, other.prefix),
             match=ISSUED)  # fmt: skip
    _refused("UPDATE api_key SET prefix = 'kd_n3wPr3f1'", match=ISSUED)
    # The list of issued prefixes is append-only too.
    _refused("DELETE FROM issued_prefix", match=ISSUED)
    _refused("UPDATE issued_prefix SET prefix = 'kd_n3wPr3f1'", match=ISSUED)

    with Verifier(db, remember=False) as verifier:
        assert verifier.verify(leaked.key).reason == "unknown"
        assert verifier.verify(other.key).valid
    assert keys.get_key(other.prefix).name == "other"
    # New keys are issued as before.
    assert keys.get_key(make_key("fresh").prefix).name == "fresh"


def test_a_queued_time_is_kept_only_when_plausible(make_key: Callable[..., CreatedKey]) -> None:
    """The app's own path (SQLite, MariaDB, a PostgreSQL owner or admin) keeps a queued
    revocation's time only within 30 days, never in the future, never before the key
    existed; the audit row says it was queued offline either way."""
    made = [make_key(f"key {n}").prefix for n in range(4)]
    ApiKey.update(created=utcnow() - timedelta(days=60)).where(ApiKey.prefix != made[3]).execute()
    now = utcnow()
    cases = {
        made[0]: (now - timedelta(days=29), True),
        made[1]: (now - timedelta(days=31), False),
        made[2]: (now + timedelta(hours=2), False),
        made[3]: (now - timedelta(days=2), False),  # made today: before it existed
    }
    for prefix, (claimed, kept) in cases.items():
        keys.revoke_keys([prefix], at=claimed, operator="night-shift", request_id=prefix)
        recorded = keys.get_key(prefix).revoked_at
        assert recorded is not None
        if kept:
            assert recorded == claimed
        else:
            assert abs(recorded - utcnow()) < timedelta(minutes=1)
        [entry] = _revocations(prefix)
        assert entry.at == recorded
        assert entry.applied_at is not None and abs(entry.applied_at - now) < timedelta(minutes=1)
    keys.revoke_keys([make_key("online").prefix])
    assert list_audit(limit=1)[0].applied_at is None  # an online revocation says nothing


@postgres_only
def test_the_admin_role_cannot_rewrite_the_trail_or_revive_a_key(
    team_roles: Any, make_key: Callable[..., CreatedKey]
) -> None:
    leaked = make_key("leaked")
    keys.revoke_keys([leaked.prefix])
    copy = _row_of(leaked.prefix)
    connection.open_database(team_roles.admin_url)
    for statement in (
        "DELETE FROM audit_event",
        "UPDATE audit_event SET operator = 'someone else'",
        "TRUNCATE audit_event",
    ):  # not granted, and refused by the triggers even if it were
        _refused(statement, match="append-only|permission denied")
    keys.delete_keys([leaked.prefix])  # the admin role may delete keys (audited)
    with pytest.raises(peewee.DatabaseError, match=ISSUED), connection.database.atomic():
        _insert_row(copy)
    _refused("DELETE FROM issued_prefix", match="permission denied")
    actions = [e.action for e in list_audit(key=leaked.prefix)]
    assert actions == ["delete", "revoke", "create"]


@postgres_only
def test_the_support_role_cannot_forge_a_revocation(
    team_roles: Any, make_key: Callable[..., CreatedKey]
) -> None:
    """Through keydesk_revoke(), called as keydesk calls it and as raw SQL would: the
    operator is the session's user, and a time before the key or beyond 30 days is not
    kept."""
    old, fresh, raw_target = make_key("old"), make_key("fresh"), make_key("raw")
    ApiKey.update(created=utcnow() - timedelta(days=40)).where(
        ApiKey.prefix == old.prefix
    ).execute()
    connection.open_database(team_roles.support_url)
    now = utcnow()

    decided = now - timedelta(hours=3)
    keys.revoke_keys([old.prefix], at=decided, operator="grace", request_id="offline-1")
    assert keys.get_key(old.prefix).revoked_at == decided
    [entry] = _revocations(old.prefix)
    assert (entry.operator, entry.db_user, entry.at) == (
        team_roles.support_login, team_roles.support_login, decided,
    )  # fmt: skip
    assert entry.applied_at is not None

    # Backdated 29 days, before the key existed: the server's time is recorded.
    keys.revoke_keys([fresh.prefix], at=now - timedelta(days=29), operator="mallory")
    [entry] = _revocations(fresh.prefix)
    assert abs(entry.at - utcnow()) < timedelta(minutes=1)
    assert entry.operator == team_roles.support_login

    with psycopg2.connect(team_roles.support_url) as raw, raw.cursor() as cursor:
        cursor.execute(
            "SELECT outcome FROM keydesk_revoke(ARRAY[%s], NULL, "
            "(now() AT TIME ZONE 'UTC') - interval '29 days', 'mallory')",
            (raw_target.prefix,),
        )
        assert cursor.fetchall() == [("revoked",)]
    [entry] = _revocations(raw_target.prefix)
    assert entry.operator == team_roles.support_login and entry.operator != "mallory"
    assert abs(entry.at - utcnow()) < timedelta(minutes=1)
    assert "mallory" not in {e.operator for e in list_audit()}
