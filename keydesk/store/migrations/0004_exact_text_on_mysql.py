"""On MySQL/MariaDB, key prefixes, unique names and catalog names compare exactly.

Their usual collations ignore case, so ``kd_AbC12345`` found ``kd_abc12345`` and a
model ``ALFRED-4`` was permitted where ``alfred-4`` was: a key's identity and its
permissions must match to the letter, as they do on SQLite and PostgreSQL. The binary
collation makes the database itself compare exactly (unique indexes included), so no
caller needs to re-check what it read. Nothing changes on the other backends.
"""

import peewee

COLUMNS = (  # table, column, type, nullability
    ("api_key", "prefix", "VARCHAR(24)", "NOT NULL"),
    ("api_key", "unique_name", "VARCHAR(64)", "NOT NULL"),
    ("ai_model", "name", "VARCHAR(100)", "NOT NULL"),
    ("skill", "name", "VARCHAR(100)", "NOT NULL"),
    ("audit_event", "key_prefix", "VARCHAR(24)", "NULL"),
    ("audit_event", "key_unique_name", "VARCHAR(64)", "NULL"),
)


def up(migrator, db):
    if not isinstance(db, peewee.MySQLDatabase):
        return
    for table, column, kind, nullability in COLUMNS:
        db.execute_sql(
            f"ALTER TABLE `{table}` MODIFY `{column}` {kind} "
            f"CHARACTER SET utf8mb4 COLLATE utf8mb4_bin {nullability}"
        )
