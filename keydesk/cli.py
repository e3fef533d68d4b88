"""The command line: ``keydesk [--db URL] COMMAND ...``; with no command it opens the GUI.

A stable contract (see PRODUCT.md): scripts and tests rely on the commands, their
options, ``--json`` output and exit codes. Errors are one sentence on stderr and a
non-zero exit (1 for a refused or failed command, 2 for wrong usage, 3 when
``verify`` could not reach a verdict), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from keydesk import config
from keydesk.errors import BadDatabaseUrl, BadInput, DatabaseUnavailable, KeydeskError
from keydesk.services.clock import iso, parse_iso
from keydesk.services.key_rules import ROLES

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NO_VERDICT = 0, 1, 2, 3


class UsageError(KeydeskError):
    pass


# --- output helpers ------------------------------------------------------------------------


def _print_json(value: Any, out: TextIO) -> None:
    out.write(json.dumps(value, indent=None, sort_keys=False) + "\n")


def _key_json(detail: Any) -> dict[str, Any]:
    return {
        "prefix": detail.prefix,
        "unique_name": detail.unique_name,
        "name": detail.name,
        "role": detail.role,
        "user": detail.user,
        "models": list(detail.models),
        "skills": list(detail.skills),
        "created": iso(detail.created),
        "expires": iso(detail.expires),
        "has_expired": detail.has_expired,
        "revoked": detail.revoked,
        "revoked_at": iso(detail.revoked_at),
        "opt_in": detail.opt_in,
        "last_used": iso(detail.last_used),
    }


def _row_json(row: Any, models: list[str]) -> dict[str, Any]:
    from keydesk.services.keys import has_expired

    return {
        "prefix": row.prefix,
        "unique_name": row.unique_name,
        "name": row.name,
        "role": row.role,
        "user": row.user,
        "models": models,
        "created": iso(row.created),
        "expires": iso(row.expires),
        "has_expired": has_expired(row.expires),
        "revoked": row.revoked,
        "opt_in": row.opt_in,
        "last_used": iso(row.last_used),
    }


def _table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    """Columns padded to their widest cell; text stored before names were checked for
    control characters is shown escaped, so it cannot steer the terminal."""
    from keydesk.services.text import printable

    rows = [[printable(str(cell)) for cell in row] for row in rows]
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)
    ]
    for line in [headers, *rows]:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        out.write("\n")


def _when(value: Any, empty: str = "-") -> str:
    return (iso(value) or empty) if value is not None else empty


def _expiry(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return parse_iso(text)
    except ValueError as error:
        raise UsageError(str(error)) from None


# --- commands --------------------------------------------------------------------------------


def cmd_users_add(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.users import add_user

    user = add_user(args.email, args.name)
    if args.json:
        _print_json({"email": user.email, "display_name": user.display_name}, out)
    else:
        out.write(f"Added user {user.email} ({user.display_name}).\n")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.users import list_users

    users = list_users()
    if args.json:
        _print_json(
            [
                {"email": u.email, "display_name": u.display_name, "active": u.active,
                 "keys": u.key_count}
                for u in users
            ],
            out,
        )  # fmt: skip
    else:
        _table(
            [[u.email, u.display_name, "yes" if u.active else "no", str(u.key_count)]
             for u in users],
            ["EMAIL", "NAME", "ACTIVE", "KEYS"],
            out,
        )  # fmt: skip
    return EXIT_OK


def cmd_models_add(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.catalog import add_model

    name = add_model(args.name)
    out.write(f"Added model {name} to the catalog.\n")
    return EXIT_OK


def cmd_models_list(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.catalog import list_models

    models = list_models()
    if args.json:
        _print_json(models, out)
    else:
        for name in models:
            out.write(name + "\n")
    return EXIT_OK


def cmd_keys_create(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.keys import NewKey, create_key

    created = create_key(
        NewKey(
            name=args.name,
            user=args.user,
            role=args.role,
            models=args.model or [],
            expires=_expiry(args.expires),
            opt_in=args.opt_in,
        )
    )
    if args.json:
        _print_json(
            {"key": created.key, "prefix": created.prefix, "unique_name": created.unique_name},
            out,
        )
    else:
        out.write(created.key + "\n")
        sys.stderr.write(
            f"Created {created.unique_name} ({created.prefix}). Store the key now: "
            "it will not be shown again.\n"
        )
    return EXIT_OK


def cmd_keys_list(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.clock import utcnow
    from keydesk.services.key_status_filter import listed, parse_days, parse_status
    from keydesk.services.keys import key_status, list_key_rows, models_by_prefix, role_label
    from keydesk.services.search import filter_rows

    status = parse_status(args.status or "all")
    try:
        days = None if args.expiring is None else parse_days(args.expiring)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if days is not None and status not in ("all", "active"):
        raise UsageError(
            f"--expiring lists active keys, so it cannot be combined with --status {status}."
        )
    rows = filter_rows(list_key_rows(), args.search or "")
    if status != "all" or days is not None:
        now = utcnow()
        rows = [row for row in rows if listed(row.revoked, row.expires, status, days, now)]
    if args.json:
        models = models_by_prefix() if rows else {}
        _print_json([_row_json(row, models.get(row.prefix, [])) for row in rows], out)
        return EXIT_OK
    _table(
        [
            [
                row.prefix,
                row.unique_name,
                row.name,
                row.user,
                role_label(row.role),
                _when(row.expires, "never"),
                key_status(row.revoked, row.expires).value.lower(),
            ]
            for row in rows
        ],
        ["PREFIX", "UNIQUE NAME", "NAME", "USER", "ROLE", "EXPIRES", "STATUS"],
        out,
    )
    return EXIT_OK


def cmd_keys_show(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.keys import get_key
    from keydesk.services.text import printable

    detail = get_key(args.prefix)
    if args.json:
        _print_json(_key_json(detail), out)
        return EXIT_OK
    lines = [
        ("Prefix", detail.prefix),
        ("Unique name", detail.unique_name),
        ("Name", detail.name),
        ("Status", detail.status.value.lower()),
        ("Role", detail.role_label),
        ("User", f"{detail.user} ({detail.user_display_name})"),
        ("Models", ", ".join(detail.models) or "none (this key can call no model)"),
        ("Skills", ", ".join(detail.skills) or "none"),
        ("Opt-in", "yes" if detail.opt_in else "no"),
        ("Created", _when(detail.created)),
        ("Expires", _when(detail.expires, "never")),
        ("Revoked", _when(detail.revoked_at) if detail.revoked else "no"),
        ("Last used", _when(detail.last_used, "never")),
    ]
    for label, value in lines:
        out.write(f"{label + ':':<13}{printable(str(value))}\n")
    return EXIT_OK


def cmd_keys_edit(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.keys import UNSET, KeyChanges, edit_key

    models: Any = UNSET
    if args.no_models:
        models = []
    elif args.model:
        models = args.model
    changes = KeyChanges(
        name=args.name if args.name is not None else UNSET,
        role=args.role if args.role is not None else UNSET,
        models=models,
        user=args.user if args.user is not None else UNSET,
        expires=_expiry(args.expires) if args.expires is not None else UNSET,
        opt_in=args.opt_in if args.opt_in is not None else UNSET,
    )
    if changes == KeyChanges():
        raise UsageError("Nothing to change: give at least one option such as --name.")
    detail = edit_key(args.prefix, changes)
    out.write(f"Updated {detail.unique_name} ({detail.prefix}).\n")
    return EXIT_OK


def cmd_keys_revoke(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.keys import revoke_keys

    result = revoke_keys(args.prefix)
    for prefix in result.revoked:
        out.write(f"Revoked {prefix}.\n")
    for prefix in result.already_revoked:
        out.write(f"{prefix} was already revoked.\n")
    return EXIT_OK


def cmd_keys_delete(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.keys import delete_keys

    if not args.yes:
        raise UsageError("Deleting keys is permanent: add --yes to confirm.")
    count = delete_keys(args.prefix)
    out.write(f"Deleted {count} key{'s' if count != 1 else ''}.\n")
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.rotation import DEFAULT_GRACE, parse_duration, rotate_key

    grace = DEFAULT_GRACE if args.grace is None else parse_duration(args.grace)
    rotated = rotate_key(args.prefix, grace)
    new = rotated.new
    if args.json:
        _print_json(
            {
                "key": new.key,
                "prefix": new.prefix,
                "unique_name": new.unique_name,
                "old_prefix": rotated.old_prefix,
                "old_expires": iso(rotated.old_expires),
            },
            out,
        )
    else:
        out.write(new.key + "\n")
        sys.stderr.write(
            f"Rotated {rotated.old_prefix} to {new.unique_name} ({new.prefix}); "
            f"{rotated.old_prefix} stops working at {iso(rotated.old_expires)}. "
            "Store the new key now: it will not be shown again.\n"
        )
    return EXIT_OK


def _read_text(source: str) -> str:
    """The text to search: a file, or standard input for ``-``."""
    if source == "-":
        return sys.stdin.read()
    try:
        with open(source, encoding="utf-8", errors="replace") as file:
            return file.read()
    except OSError as error:
        raise UsageError(f"Cannot read {source}: {error.strerror or 'unreadable'}.") from None


def cmd_keys_find_leaked(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.leaks import Verdict, check_text, revoke_leaked

    findings = check_text(_read_text(args.file))
    revoked: set[str] = set()
    if args.revoke:
        revoked = set(revoke_leaked(f for f in findings if f.revocable).revoked)
    if args.json:
        _print_json(
            [
                {
                    "prefix": f.prefix,
                    "result": f.verdict.value,
                    "occurrences": f.occurrences,
                    "unique_name": f.unique_name,
                    "name": f.name,
                    "user": f.user,
                    "status": "revoked" if f.prefix in revoked else _status(f.status),
                    "expires": iso(f.expires),
                    "last_used": iso(f.last_used),
                    "revoked_now": f.prefix in revoked,
                }
                for f in findings
            ],
            out,
        )
        return EXIT_OK
    if not findings:
        out.write("No keydesk key found in the text.\n")
        return EXIT_OK
    _table(
        [
            [
                f.prefix,
                f.verdict.value,
                f.user or "-",
                f.name or "-",
                "revoked now" if f.prefix in revoked else (_status(f.status) or "-"),
                _when(f.last_used, "never") if f.verdict is not Verdict.UNKNOWN else "-",
            ]
            for f in findings
        ],
        ["PREFIX", "RESULT", "USER", "NAME", "STATUS", "LAST USED"],
        out,
    )
    confirmed = [f for f in findings if f.revocable and f.prefix not in revoked]
    if confirmed:
        sys.stderr.write(
            f"{len(confirmed)} confirmed key{'s' if len(confirmed) != 1 else ''} still "
            "active: run again with --revoke to revoke them.\n"
        )
    return EXIT_OK


def _status(status: Any) -> str | None:
    return None if status is None else str(status.value).lower()


def cmd_usage(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.usage_report import usage_report

    report = usage_report(args.prefix, args.days)
    if args.json:
        _print_json(
            {
                "prefix": report.prefix,
                "tracked": report.tracked,
                "days": [day.isoformat() for day in report.days],
                "by_model": {model: list(calls) for model, calls in report.by_model.items()},
                "total": report.total,
                "last_used": iso(report.last_used),
            },
            out,
        )
        return EXIT_OK
    if not report.tracked:
        out.write(f"Not tracked: {report.prefix} has no usage opt-in, so nothing is recorded.\n")
        return EXIT_OK
    models = list(report.by_model)
    _table(
        [
            [day.isoformat(), *(str(report.by_model[m][i]) for m in models), str(total)]
            for i, (day, total) in enumerate(zip(report.days, report.per_day(), strict=True))
        ],
        ["DAY", *(m.upper() for m in models), "TOTAL"],
        out,
    )
    out.write(
        f"{report.total} call{'s' if report.total != 1 else ''} in {len(report.days)} days; "
        f"last used {_when(report.last_used, 'never')}.\n"
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.services.verify import UNAVAILABLE, Verifier

    key = sys.stdin.readline().strip() if args.key == "-" else args.key
    # One check in this process: nothing to remember, so no memory and no follower; the
    # usage of an opted-in key is written when the verifier closes.
    verifier = Verifier(args.db or config.default_db_url(), remember=False)
    try:
        verdict = verifier.verify(key, args.model)
    finally:
        verifier.close()
    if args.json:
        _print_json(
            {"valid": verdict.valid, "reason": verdict.reason, "prefix": verdict.prefix}, out
        )
    else:
        out.write(verdict.code + "\n")
    if verdict.reason == UNAVAILABLE:
        sys.stderr.write(f"{verifier.problem or 'The database did not answer.'}\n")
        return EXIT_NO_VERDICT
    return EXIT_OK if verdict.valid else EXIT_FAILED


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from keydesk.server import serve
    except ImportError:
        raise KeydeskError(
            "The verification service needs the server extra: pip install 'keydesk[server]'."
        ) from None
    if not 1 <= args.workers <= 64:
        raise UsageError("--workers takes a whole number from 1 to 64.")
    if not 0 < args.port < 65536:
        raise UsageError("--port takes a port number from 1 to 65535.")
    return serve(
        args.db or config.default_db_url(), args.read_db, args.host, args.port, args.workers
    )


def cmd_db_roles(args: argparse.Namespace, out: TextIO) -> int:
    from keydesk.store.roles import create_roles

    if args.support is None and args.admin is None:
        raise UsageError("Name at least one role: --support NAME, --admin NAME or both.")
    report = create_roles(support=args.support, admin=args.admin)
    for line in report.lines():
        out.write(line + "\n")
    return EXIT_OK


# --- parser ------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one sentence (and exit code 2)."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"{message[0].upper()}{message[1:]}. See: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="keydesk",
        description="Manage the API keys of an AI platform. With no command, open the app.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $KEYDESK_DB, else the embedded SQLite file): "
        "sqlite:///path.db, postgresql://user@host:port/db, mysql://user@host:port/db",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    users = commands.add_parser("users", help="people who own keys").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = users.add_parser("add", help="add a user")
    add.add_argument("email")
    add.add_argument("--name", help="display name (default: the part before @)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_users_add)
    listing = users.add_parser("list", help="list users")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_users_list)

    models = commands.add_parser("models", help="the catalog of AI models").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = models.add_parser("add", help="add a model to the catalog")
    add.add_argument("name")
    add.set_defaults(handler=cmd_models_add)
    listing = models.add_parser("list", help="list the catalog")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_models_list)

    keys = commands.add_parser("keys", help="API keys").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    create = keys.add_parser("create", help="create a key and print it once")
    create.add_argument("--name", required=True)
    create.add_argument("--user", required=True, metavar="EMAIL")
    create.add_argument("--role", required=True, choices=tuple(ROLES))
    create.add_argument("--model", action="append", metavar="M", help="permitted model (repeat)")
    create.add_argument("--expires", metavar="ISO-8601", help="e.g. 2027-03-31T18:00")
    create.add_argument("--opt-in", action="store_true", help="record usage of this key")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_keys_create)

    listing = keys.add_parser("list", help="list keys")
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument(
        "--status", choices=("active", "expired", "revoked"), help="only keys of this status"
    )
    listing.add_argument(
        "--expiring", metavar="DAYS", help="only active keys expiring within DAYS days"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_keys_list)

    show = keys.add_parser("show", help="show one key")
    show.add_argument("prefix")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_keys_show)

    edit = keys.add_parser("edit", help="change a key")
    edit.add_argument("prefix")
    edit.add_argument("--name")
    edit.add_argument("--role", choices=tuple(ROLES))
    edit.add_argument("--model", action="append", metavar="M", help="replace the permitted models")
    edit.add_argument("--no-models", action="store_true", help="permit no model")
    edit.add_argument("--user", metavar="EMAIL", help="reassign to this user")
    edit.add_argument("--expires", metavar="ISO-8601", help="only earlier than now set")
    opt_in = edit.add_mutually_exclusive_group()
    opt_in.add_argument("--opt-in", dest="opt_in", action="store_true", default=None)
    opt_in.add_argument("--no-opt-in", dest="opt_in", action="store_false")
    edit.set_defaults(handler=cmd_keys_edit)

    revoke = keys.add_parser("revoke", help="revoke keys (irreversible)")
    revoke.add_argument("prefix", nargs="+")
    revoke.set_defaults(handler=cmd_keys_revoke)

    delete = keys.add_parser("delete", help="delete keys permanently")
    delete.add_argument("prefix", nargs="+")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.set_defaults(handler=cmd_keys_delete)

    rotate = keys.add_parser("rotate", help="replace a key by a new one, printed once")
    rotate.add_argument("prefix")
    rotate.add_argument(
        "--grace",
        metavar="DURATION",
        help="how long the old key keeps working: 0, 30m, 24h (default), 7d",
    )
    rotate.add_argument("--json", action="store_true")
    rotate.set_defaults(handler=cmd_keys_rotate)

    leaked = keys.add_parser("find-leaked", help="find keydesk keys in text (file or -)")
    leaked.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    leaked.add_argument("--revoke", action="store_true", help="revoke the confirmed keys")
    leaked.add_argument("--json", action="store_true")
    leaked.set_defaults(handler=cmd_keys_find_leaked)

    db = commands.add_parser("db", help="the shared database").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    roles = db.add_parser(
        "roles",
        help="create PostgreSQL roles: admin (full rights), support (read without hashes, "
        "revoke only)",
    )
    roles.add_argument("--support", metavar="NAME", help="role that may inspect and revoke keys")
    roles.add_argument("--admin", metavar="NAME", help="role with full rights on keydesk's tables")
    roles.set_defaults(handler=cmd_db_roles)

    usage = commands.add_parser("usage", help="calls per day and model of an opted-in key")
    usage.add_argument("prefix")
    usage.add_argument("--days", type=int, default=30, help="days up to today (30)")
    usage.add_argument("--json", action="store_true")
    usage.set_defaults(handler=cmd_usage)

    verify = commands.add_parser("verify", help="verify a key (exit 0 valid, 1 invalid)")
    verify.add_argument("key", help="the full key, or - to read it from standard input")
    verify.add_argument("--model", metavar="M", help="the model the key wants to call")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)

    serve = commands.add_parser(
        "serve", help="run the verification service for API gateways (extra [server])"
    )
    serve.add_argument("--read-db", metavar="URL", help="send verification reads here")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8787, help="port to listen on (8787)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (1)")
    serve.set_defaults(handler=cmd_serve)
    return parser


def _launch_gui(db_url: str | None) -> int:
    try:
        from keydesk import app
    except ImportError as error:
        sys.stderr.write(f"The desktop app cannot start: {error}.\n")
        return EXIT_FAILED
    return app.main(db_url)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # --help, or a usage error already printed
        return int(exit_request.code or 0)
    if args.command is None:
        return _launch_gui(args.db)
    from keydesk.store.connection import close_database, open_database

    out = sys.stdout
    try:
        if args.command in ("verify", "serve"):  # a verifier opens its own connections
            return int(args.handler(args, out))
        open_database(args.db or config.default_db_url())
        try:
            return int(args.handler(args, out))
        finally:
            close_database()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # never a traceback: one sentence and a non-zero exit
        explained = _explained(error)
        sys.stderr.write(f"{explained}\n")
        if isinstance(explained, (UsageError, BadInput, BadDatabaseUrl)):
            return EXIT_USAGE
        return EXIT_NO_VERDICT if args.command == "verify" else EXIT_FAILED


def _explained(error: Exception) -> KeydeskError:
    """``error`` as the sentence a person reads: keydesk's own, what the database or
    machine meant by it, a lost connection, or else "failed unexpectedly" with the
    error's kind and first line."""
    from keydesk.offline.connectivity import is_connection_error
    from keydesk.store import faults

    explained = faults.explain(error)
    if explained is not None:
        return explained
    if is_connection_error(error):
        return DatabaseUnavailable(
            "The connection to the database was lost during the command, so it may not "
            "have been applied: check with keys show or keys list before trying again."
        )
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return KeydeskError(
        f"keydesk failed unexpectedly ({type(error).__name__}{': ' + first if first else ''})."
    )


if __name__ == "__main__":
    sys.exit(main())
