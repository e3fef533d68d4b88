"""The tables. Datetimes are stored as naive UTC, to the second (MySQL's DATETIME keeps
no fractions, and every backend must compare the same way)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from keydesk.store.connection import database

ROLE_CODES = ("standard", "admin", "project")


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of ``query`` as plain tuples (the fast path for many rows), typed loosely."""
    return iter(query.tuples().iterator())


def raw_tuples(query: Any) -> list[tuple[Any, ...]]:
    """Rows of ``query`` as the driver returns them, skipping Peewee's per-value
    conversion (~20 µs a row): for text and integer columns only (a boolean comes back
    as 0/1 from SQLite and MySQL)."""
    return list(query.model._meta.database.execute(query).fetchall())


def dicts(query: Any) -> Iterator[dict[str, Any]]:
    return iter(query.dicts().iterator())


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database
        legacy_table_names = False


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    display_name = CharField(max_length=100)
    active = BooleanField(default=True)
    created = DateTimeField()


class AiModel(BaseModel):
    """An entry of the catalog of AI models a key may call."""

    name = CharField(max_length=100, unique=True)

    class Meta:
        table_name = "ai_model"


class Skill(BaseModel):
    name = CharField(max_length=100, unique=True)


class ApiKey(BaseModel):
    prefix = CharField(max_length=24, unique=True)
    unique_name = CharField(max_length=64, unique=True)
    name = CharField(max_length=50)
    role = CharField(max_length=16)
    user = ForeignKeyField(User, backref="keys", on_delete="RESTRICT", index=True)
    user_id: int
    created = DateTimeField(index=True)
    expires = DateTimeField(null=True, index=True)
    revoked = BooleanField(default=False)
    revoked_at = DateTimeField(null=True)
    secret_hash = CharField(max_length=80)
    opt_in = BooleanField(default=False)
    last_used = DateTimeField(null=True)
    version = IntegerField(default=1)
    synthetic = BooleanField(default=False)

    class Meta:
        table_name = "api_key"


class KeyModel(BaseModel):
    key = ForeignKeyField(ApiKey, backref="model_links", on_delete="CASCADE")
    model = ForeignKeyField(AiModel, on_delete="RESTRICT")

    class Meta:
        table_name = "key_model"
        indexes = ((("key", "model"), True),)


class KeySkill(BaseModel):
    key = ForeignKeyField(ApiKey, backref="skill_links", on_delete="CASCADE")
    skill = ForeignKeyField(Skill, on_delete="RESTRICT")

    class Meta:
        table_name = "key_skill"
        indexes = ((("key", "skill"), True),)


class UsageMinute(BaseModel):
    """How often an opted-in key was verified in one minute, for one model.

    ``model`` is ``""`` when the caller named none (a NULL would make every such row
    distinct to the unique index, and the per-minute upsert relies on that index).
    Verifiers count in memory and add to these rows once a second
    (:mod:`keydesk.services.usage`), so a busy key costs one row a minute per model, not
    one per call.
    """

    key = ForeignKeyField(ApiKey, on_delete="CASCADE")
    minute = DateTimeField()
    model = CharField(max_length=100, default="")
    calls = IntegerField(default=0)

    class Meta:
        table_name = "usage_minute"
        indexes = ((("key", "minute", "model"), True),)


class AuditEvent(BaseModel):
    """One change. ``key_prefix`` is plain text so the trail outlives a deleted key."""

    at = DateTimeField(index=True)
    operator = CharField(max_length=100, index=True)
    db_user = CharField(max_length=100, null=True)
    action = CharField(max_length=20)
    key_prefix = CharField(max_length=24, null=True, index=True)
    key_unique_name = CharField(max_length=64, null=True)
    subject = CharField(max_length=254, null=True)
    details = TextField(default="{}")

    class Meta:
        table_name = "audit_event"


ALL_TABLES = (User, AiModel, Skill, ApiKey, KeyModel, KeySkill, UsageMinute, AuditEvent)
