"""Revoking is final even for raw SQL: the database refuses to un-revoke a key on every
backend (migration 0003), whoever sends the UPDATE."""

from __future__ import annotations

import peewee
import pytest

from keydesk.services import keys
from keydesk.store import connection
from keydesk.store.models import ApiKey


def test_database_refuses_to_unrevoke_a_key(make_key):
    revoked, active = make_key("revoked").prefix, make_key("active").prefix
    keys.revoke_keys([revoked])
    db = connection.database
    table = db.quote[0] + "api_key" + db.quote[1]

    with pytest.raises(peewee.DatabaseError, match="un-revoked"), db.atomic():
        db.execute_sql(f"UPDATE {table} SET revoked = false")
    with pytest.raises(peewee.DatabaseError, match="un-revoked"), db.atomic():
        db.execute_sql(
            f"UPDATE {table} SET revoked = false, revoked_at = NULL WHERE prefix = {db.param}",
            (revoked,),
        )
    assert keys.get_key(revoked).revoked and keys.get_key(revoked).revoked_at is not None
    assert not keys.get_key(active).revoked

    # Other writes still work, revoking included.
    assert ApiKey.update(name="renamed").where(ApiKey.prefix == revoked).execute() == 1
    assert keys.revoke_keys([active]).revoked == (active,)
