"""Storage: the Peewee database proxy, the tables and the numbered migrations. No Qt."""

from keydesk.store.connection import close_database, database, open_database, redact_url
from keydesk.store.models import (
    AiModel,
    ApiKey,
    AuditEvent,
    KeyModel,
    KeySkill,
    Skill,
    UsageMinute,
    User,
)

__all__ = [
    "AiModel",
    "ApiKey",
    "AuditEvent",
    "KeyModel",
    "KeySkill",
    "Skill",
    "UsageMinute",
    "User",
    "close_database",
    "database",
    "open_database",
    "redact_url",
]
