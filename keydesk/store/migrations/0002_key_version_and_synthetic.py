"""Keys get a version (to refuse stale edits from another desk) and a synthetic flag
(rows seeded by the benchmark, so they can be told apart from real keys)."""

from peewee import BooleanField, IntegerField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("api_key", "version", IntegerField(default=1)),
        migrator.add_column("api_key", "synthetic", BooleanField(default=False)),
    )
