"""Usage is counted per key, model and minute instead of one row per verification.

A verifier now counts calls in memory and adds them to ``usage_minute`` once a second, so
a key verified 10,000 times a second costs one row a minute per model instead of 10,000
rows and transactions a second. The existing ``usage_event`` rows are folded into those
counts (a call without a model counts under ``""``), then the old table is dropped.

The fold reads the old rows in id order, a batch at a time, so a large history does not
have to fit in memory at once; counts of one minute that span two batches are added up
before anything is written.
"""

from collections import Counter

import peewee

BATCH = 50_000


def _table(db):
    class Base(peewee.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class ApiKey(Base):
        class Meta:
            table_name = "api_key"

    class UsageMinute(Base):
        key = peewee.ForeignKeyField(ApiKey, on_delete="CASCADE")
        minute = peewee.DateTimeField()
        model = peewee.CharField(max_length=100, default="")
        calls = peewee.IntegerField(default=0)

        class Meta:
            table_name = "usage_minute"
            indexes = ((("key", "minute", "model"), True),)

    return UsageMinute


def _fold(db, usage_minute):
    counts = Counter()
    last_id = 0
    while True:
        rows = db.execute_sql(
            f"SELECT id, key_id, at, model FROM usage_event WHERE id > {db.param} "
            f"ORDER BY id LIMIT {BATCH}",
            (last_id,),
        ).fetchall()
        if not rows:
            break
        for row_id, key_id, at, model in rows:
            if isinstance(at, str):  # SQLite hands back the stored text
                at = peewee.format_date_time(at, peewee.DateTimeField.formats)
            minute = at.replace(second=0, microsecond=0)
            counts[(int(key_id), minute, model or "")] += 1
            last_id = int(row_id)
    items = [
        {"key": key_id, "minute": minute, "model": model, "calls": calls}
        for (key_id, minute, model), calls in sorted(counts.items())
    ]
    for start in range(0, len(items), 1_000):
        usage_minute.insert_many(items[start : start + 1_000]).execute()


def up(migrator, db):
    usage_minute = _table(db)
    db.create_tables([usage_minute])
    if isinstance(db, peewee.MySQLDatabase):  # model names compare exactly, as in 0004
        db.execute_sql(
            "ALTER TABLE `usage_minute` MODIFY `model` VARCHAR(100) "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT ''"
        )
    if "usage_event" in db.get_tables():
        _fold(db, usage_minute)
        db.drop_tables([_old_table(db)])


def _old_table(db):
    class UsageEvent(peewee.Model):
        class Meta:
            database = db
            table_name = "usage_event"

    return UsageEvent
