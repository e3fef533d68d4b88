"""The first schema: users, catalogs, keys with their models and skills, usage, audit."""

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        email = CharField(max_length=254, unique=True)
        display_name = CharField(max_length=100)
        active = BooleanField(default=True)
        created = DateTimeField()

    class AiModel(Base):
        name = CharField(max_length=100, unique=True)

        class Meta:
            table_name = "ai_model"

    class Skill(Base):
        name = CharField(max_length=100, unique=True)

    class ApiKey(Base):
        prefix = CharField(max_length=24, unique=True)
        unique_name = CharField(max_length=64, unique=True)
        name = CharField(max_length=50)
        role = CharField(max_length=16)
        user = ForeignKeyField(User, on_delete="RESTRICT", index=True)
        created = DateTimeField(index=True)
        expires = DateTimeField(null=True, index=True)
        revoked = BooleanField(default=False)
        revoked_at = DateTimeField(null=True)
        secret_hash = CharField(max_length=80)
        opt_in = BooleanField(default=False)
        last_used = DateTimeField(null=True)

        class Meta:
            table_name = "api_key"

    class KeyModel(Base):
        key = ForeignKeyField(ApiKey, on_delete="CASCADE")
        model = ForeignKeyField(AiModel, on_delete="RESTRICT")

        class Meta:
            table_name = "key_model"
            indexes = ((("key", "model"), True),)

    class KeySkill(Base):
        key = ForeignKeyField(ApiKey, on_delete="CASCADE")
        skill = ForeignKeyField(Skill, on_delete="RESTRICT")

        class Meta:
            table_name = "key_skill"
            indexes = ((("key", "skill"), True),)

    class UsageEvent(Base):
        key = ForeignKeyField(ApiKey, on_delete="CASCADE", index=True)
        at = DateTimeField()
        model = CharField(max_length=100, null=True)

        class Meta:
            table_name = "usage_event"

    class AuditEvent(Base):
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

    db.create_tables([User, AiModel, Skill, ApiKey, KeyModel, KeySkill, UsageEvent, AuditEvent])
