"""Guards for a team sharing one database, enforced by the database itself.

* On every backend, a trigger refuses to un-revoke a key (``revoked`` from true to
  false), whoever writes the UPDATE: revoking is final even for raw SQL.
* On PostgreSQL:

  - ``keydesk_revoke(prefixes text[], request_id text, decided_at timestamp,
    decided_by text)``, a SECURITY DEFINER function
    owned by the table owner, through which a role without UPDATE on ``api_key`` (the
    support role made by ``keydesk db roles``) revokes keys: it only ever sets
    ``revoked``, bumps the version and writes the audit rows (operator: the session
    user, or ``decided_by`` for a revocation queued offline, with the session user kept
    in ``db_user``; ``decided_at`` is honoured when it lies within the last 30 days and
    not in the future) in the caller's transaction. EXECUTE is revoked from PUBLIC; the
    roles command grants it.
  - every statement that writes audit events sends ``NOTIFY keydesk_changes``, so open
    apps refresh within moments (NOTIFY is delivered at commit, never for a rollback).

The SQL is written without ``%`` because the driver interpolates parameters.
"""

import peewee

UNREVOKE_MESSAGE = "A revoked key cannot be un-revoked: revoking is final."


def _sqlite(db):
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS api_key_never_unrevoked "
        "BEFORE UPDATE OF revoked ON api_key FOR EACH ROW "
        "WHEN OLD.revoked AND NOT NEW.revoked "
        f"BEGIN SELECT RAISE(ABORT, '{UNREVOKE_MESSAGE}'); END"
    )


def _mysql(db):
    db.execute_sql("DROP TRIGGER IF EXISTS api_key_never_unrevoked")
    db.execute_sql(
        "CREATE TRIGGER api_key_never_unrevoked BEFORE UPDATE ON api_key FOR EACH ROW "
        "BEGIN "
        "IF OLD.revoked AND NOT NEW.revoked THEN "
        f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{UNREVOKE_MESSAGE}'; "
        "END IF; "
        "END"
    )


def _postgres(db):
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    path = '"' + schema.replace('"', '""') + '", pg_temp'
    db.execute_sql(
        f"""
        CREATE OR REPLACE FUNCTION keydesk_forbid_unrevoke() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{UNREVOKE_MESSAGE}' USING ERRCODE = 'check_violation';
        END
        $$
        """
    )
    db.execute_sql("DROP TRIGGER IF EXISTS api_key_never_unrevoked ON api_key")
    db.execute_sql(
        "CREATE TRIGGER api_key_never_unrevoked BEFORE UPDATE OF revoked ON api_key "
        "FOR EACH ROW WHEN (OLD.revoked AND NOT NEW.revoked) "
        "EXECUTE PROCEDURE keydesk_forbid_unrevoke()"
    )

    db.execute_sql(
        """
        CREATE OR REPLACE FUNCTION keydesk_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('keydesk_changes', '');
            RETURN NULL;
        END
        $$
        """
    )
    db.execute_sql("DROP TRIGGER IF EXISTS audit_event_notify ON audit_event")
    db.execute_sql(
        "CREATE TRIGGER audit_event_notify AFTER INSERT ON audit_event "
        "FOR EACH STATEMENT EXECUTE PROCEDURE keydesk_notify_change()"
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
            stamp timestamp := server_now;
            who text := left(session_user, 100);
            audit_details jsonb;
        BEGIN
            IF decided_at IS NOT NULL AND decided_at <= server_now + interval '1 minute'
               AND decided_at >= server_now - interval '30 days' THEN
                stamp := date_trunc('second', decided_at);
            END IF;
            IF decided_by IS NOT NULL AND length(trim(decided_by)) > 0 THEN
                who := left(trim(decided_by), 100);
            END IF;
            FOREACH wanted IN ARRAY prefixes LOOP
                key_prefix := wanted;
                SELECT k.id, k.prefix, k.unique_name, k.revoked, u.email INTO found_key
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
                    UPDATE api_key SET revoked = true, revoked_at = stamp, version = version + 1
                    WHERE id = found_key.id;
                    audit_details := jsonb_build_object(
                        'fields', jsonb_build_object(
                            'revoked', jsonb_build_object('after', true, 'before', false)));
                    IF request_id IS NOT NULL THEN
                        audit_details := audit_details
                            || jsonb_build_object('request_id', request_id);
                    END IF;
                    INSERT INTO audit_event
                        (at, operator, db_user, action, key_prefix, key_unique_name,
                         subject, details)
                    VALUES (stamp, who, left(session_user, 100), 'revoke',
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
