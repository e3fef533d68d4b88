"""The audit trail cannot be rewritten, and a key that existed cannot come back.

Enforced by the database on every backend, whoever sends the SQL (the admin role of
``keydesk db roles`` included; only the tables' owner, who may drop triggers, stands
above it):

* ``audit_event`` is append-only: UPDATE and DELETE are refused (on PostgreSQL
  TRUNCATE too).
* ``issued_prefix`` remembers every prefix that was ever issued (filled from today's
  keys and audit trail, then by a trigger on each new key), and is append-only too.
  Inserting a key whose prefix is in it is refused, so a revoked or deleted key cannot
  be re-inserted as a fresh, valid row; and a key's prefix can never change, so no row
  can take over another key's identity.
* On PostgreSQL ``keydesk_revoke()`` no longer takes the operator from its caller: the
  operator is the database session's user. A revocation queued offline may keep the
  time it was decided only if that lies within the last 30 days, not in the future and
  not before the key was created; otherwise the server's time is recorded. Either way
  its audit row says it was queued offline (``details.queued_offline``), with the time
  the server applied it. The function keeps its signature (the fourth argument is now
  ignored) so the EXECUTE rights granted on it survive the upgrade.

A later migration that must change audit rows drops these triggers first and says so.
The SQL is written without ``%`` because the driver interpolates parameters.
"""

import peewee

TRAIL_MESSAGE = "The audit trail is append-only: its events cannot be changed or deleted."
PREFIX_MESSAGE = (
    "This key prefix was issued before: a key that existed cannot be re-created, "
    "and the prefix of a key never changes."
)
APPEND_ONLY = ("audit_event", "issued_prefix")


def _fill(db, quote):
    table = f"{quote}issued_prefix{quote}"
    db.execute_sql(
        f"INSERT INTO {table} (prefix) SELECT prefix FROM api_key "
        "UNION SELECT key_prefix FROM audit_event WHERE key_prefix IS NOT NULL"
    )


def _sqlite(db):
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS issued_prefix (prefix VARCHAR(24) NOT NULL PRIMARY KEY)"
    )
    _fill(db, '"')
    for table in APPEND_ONLY:
        message = TRAIL_MESSAGE if table == "audit_event" else PREFIX_MESSAGE
        for event in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} "
                f"BEFORE {event} ON {table} FOR EACH ROW "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS api_key_prefix_once BEFORE INSERT ON api_key "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM issued_prefix WHERE prefix = NEW.prefix) "
        f"BEGIN SELECT RAISE(ABORT, '{PREFIX_MESSAGE}'); END"
    )
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS api_key_prefix_issued AFTER INSERT ON api_key "
        "FOR EACH ROW BEGIN INSERT INTO issued_prefix (prefix) VALUES (NEW.prefix); END"
    )
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS api_key_prefix_fixed BEFORE UPDATE OF prefix ON api_key "
        "FOR EACH ROW WHEN NEW.prefix IS NOT OLD.prefix "
        f"BEGIN SELECT RAISE(ABORT, '{PREFIX_MESSAGE}'); END"
    )


def _mysql(db):
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS issued_prefix (prefix VARCHAR(24) NOT NULL PRIMARY KEY) "
        "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    )
    _fill(db, "`")

    def signal(message):
        return f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'"

    for table in APPEND_ONLY:
        message = TRAIL_MESSAGE if table == "audit_event" else PREFIX_MESSAGE
        for event in ("UPDATE", "DELETE"):
            name = f"{table}_no_{event.lower()}"
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            db.execute_sql(
                f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW {signal(message)}"
            )
    db.execute_sql("DROP TRIGGER IF EXISTS api_key_prefix_once")
    db.execute_sql(
        "CREATE TRIGGER api_key_prefix_once BEFORE INSERT ON api_key FOR EACH ROW "
        "BEGIN "
        "IF EXISTS (SELECT 1 FROM issued_prefix WHERE prefix = NEW.prefix) THEN "
        f"{signal(PREFIX_MESSAGE)}; "
        "END IF; "
        "INSERT INTO issued_prefix (prefix) VALUES (NEW.prefix); "
        "END"
    )
    db.execute_sql("DROP TRIGGER IF EXISTS api_key_prefix_fixed")
    db.execute_sql(
        "CREATE TRIGGER api_key_prefix_fixed BEFORE UPDATE ON api_key FOR EACH ROW "
        "BEGIN "
        f"IF NOT (NEW.prefix <=> OLD.prefix) THEN {signal(PREFIX_MESSAGE)}; END IF; "
        "END"
    )


def _postgres(db):
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS issued_prefix (prefix VARCHAR(24) NOT NULL PRIMARY KEY)"
    )
    _fill(db, '"')
    for table in APPEND_ONLY:
        message = TRAIL_MESSAGE if table == "audit_event" else PREFIX_MESSAGE
        function = f"keydesk_{table}_append_only"
        db.execute_sql(
            f"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """
        )
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        db.execute_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE PROCEDURE {function}()"
        )
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        db.execute_sql(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE PROCEDURE {function}()"
        )
    # SECURITY DEFINER: a role may create keys without any right on issued_prefix.
    db.execute_sql(
        f"""
        CREATE OR REPLACE FUNCTION keydesk_prefix_once() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF NEW.prefix IS DISTINCT FROM OLD.prefix THEN
                    RAISE EXCEPTION '{PREFIX_MESSAGE}' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END IF;
            IF EXISTS (SELECT 1 FROM issued_prefix WHERE prefix = NEW.prefix) THEN
                RAISE EXCEPTION '{PREFIX_MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            INSERT INTO issued_prefix (prefix) VALUES (NEW.prefix);
            RETURN NEW;
        END
        $$
        """
    )
    db.execute_sql("REVOKE ALL ON FUNCTION keydesk_prefix_once() FROM PUBLIC")
    db.execute_sql("DROP TRIGGER IF EXISTS api_key_prefix_once ON api_key")
    db.execute_sql(
        "CREATE TRIGGER api_key_prefix_once BEFORE INSERT OR UPDATE OF prefix ON api_key "
        "FOR EACH ROW EXECUTE PROCEDURE keydesk_prefix_once()"
    )

    db.execute_sql(
        f"""
        CREATE OR REPLACE FUNCTION keydesk_revoke(
            prefixes text[],
            request_id text DEFAULT NULL,
            decided_at timestamp DEFAULT NULL,
            decided_by text DEFAULT NULL
        )
        RETURNS TABLE (key_prefix text, outcome text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
        #variable_conflict use_column
        DECLARE
            wanted text;
            found_key record;
            server_now timestamp := date_trunc('second', now() AT TIME ZONE 'UTC');
            claimed timestamp := date_trunc('second', decided_at);
            stamp timestamp;
            who text := left(session_user, 100);
            audit_details jsonb;
        BEGIN
            FOREACH wanted IN ARRAY prefixes LOOP
                key_prefix := wanted;
                SELECT k.id, k.prefix, k.unique_name, k.revoked, k.created, u.email
                INTO found_key
                FROM api_key k JOIN "user" u ON u.id = k.user_id
                WHERE k.prefix = wanted
                FOR UPDATE OF k;
                IF NOT FOUND THEN
                    outcome := 'missing';
                ELSIF found_key.revoked OR (
                    request_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM audit_event e
                        WHERE e.key_prefix = wanted
                        AND e.details::jsonb ->> 'request_id' = request_id
                    )
                ) THEN
                    outcome := 'already_revoked';
                ELSE
                    stamp := server_now;
                    IF claimed IS NOT NULL AND claimed <= server_now + interval '1 minute'
                       AND claimed >= server_now - interval '30 days'
                       AND claimed >= found_key.created THEN
                        stamp := claimed;
                    END IF;
                    UPDATE api_key SET revoked = true, revoked_at = stamp, version = version + 1
                    WHERE id = found_key.id;
                    audit_details := jsonb_build_object(
                        'fields', jsonb_build_object(
                            'revoked', jsonb_build_object('after', true, 'before', false)));
                    IF request_id IS NOT NULL THEN
                        audit_details := audit_details
                            || jsonb_build_object('request_id', request_id);
                    END IF;
                    IF claimed IS NOT NULL THEN
                        audit_details := audit_details || jsonb_build_object(
                            'queued_offline', jsonb_build_object(
                                'applied_at', to_char(server_now, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                'time_kept', stamp = claimed));
                    END IF;
                    INSERT INTO audit_event
                        (at, operator, db_user, action, key_prefix, key_unique_name,
                         subject, details)
                    VALUES (stamp, who, who, 'revoke',
                            found_key.prefix, found_key.unique_name, found_key.email,
                            audit_details::text);
                    outcome := 'revoked';
                END IF;
                RETURN NEXT;
            END LOOP;
        END
        $$
        """
    )
    db.execute_sql(
        "REVOKE ALL ON FUNCTION keydesk_revoke(text[], text, timestamp, text) FROM PUBLIC"
    )


def up(migrator, db):
    if isinstance(db, peewee.PostgresqlDatabase):
        _postgres(db)
    elif isinstance(db, peewee.MySQLDatabase):
        _mysql(db)
    elif isinstance(db, peewee.SqliteDatabase):
        _sqlite(db)
