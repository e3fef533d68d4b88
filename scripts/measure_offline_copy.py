"""Measure the offline copy: its size on disk and the time to save it, with audit events.

Seed first (``python -m keydesk.bench --keys N --seed-only --db URL``), then::

    python scripts/measure_offline_copy.py --db URL [--events-per-key 1] [--limits 0,300000,all]

The benchmark's seeding bypasses the audit trail, so this adds ``--events-per-key``
synthetic "edit" events per key spread over the last 60 days (once: a second run finds
them), then saves the copy as the app does (rows, models, users, catalog, the newest
events of the last 90 days up to each limit) into a temporary folder and prints one line
per limit: events kept, seconds, megabytes.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from keydesk.offline.snapshot import Snapshot
from keydesk.services import audit, catalog
from keydesk.services.clock import utcnow
from keydesk.services.keys import list_key_rows, models_by_prefix
from keydesk.services.users import list_users
from keydesk.store.bulk import insert_rows
from keydesk.store.connection import database, open_database
from keydesk.store.models import ApiKey, AuditEvent, tuples

_BATCH = 5_000


def add_events(per_key: int) -> int:
    """Give every key ``per_key`` audited edits (unless the trail already has events)."""
    if AuditEvent.select().count():
        return 0
    now = utcnow()
    keys = list(tuples(ApiKey.select(ApiKey.prefix, ApiKey.unique_name).order_by(ApiKey.id)))
    columns = ("at", "operator", "db_user", "action", "details", "key_prefix",
               "key_unique_name", "subject")  # fmt: skip
    details = json.dumps({"fields": {"name": {"before": "billing", "after": "billing-eu"}}})
    rows = []
    for number, (prefix, unique_name) in enumerate(keys):
        for repeat in range(per_key):
            at = now - timedelta(minutes=(number * 7 + repeat * 131) % (60 * 24 * 60))
            rows.append((at, "ada.admin", "keydesk", "edit", details, prefix, unique_name, None))
    for start in range(0, len(rows), _BATCH):
        with database.atomic():
            insert_rows(AuditEvent, columns, rows[start : start + _BATCH])
    return len(rows)


def measure(limit: int, folder: Path) -> tuple[int, float, float]:
    snapshot = Snapshot("postgresql://measure@localhost/copy", path=folder / f"{limit}.db")
    as_of = utcnow()
    started = time.perf_counter()
    rows = list_key_rows()
    snapshot.save(
        rows,
        models_by_prefix,
        list_users(key_counts=False),
        as_of,
        catalog=(catalog.list_models(), catalog.list_skills()),
        events=audit.recent_events(as_of, limit=limit) if limit else (),
    )
    seconds = time.perf_counter() - started
    kept = snapshot.read("SELECT count(*) FROM audit_event") or [(0,)]
    return int(kept[0][0]), seconds, snapshot.path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--events-per-key", type=int, default=1)
    parser.add_argument("--limits", default="0,300000,all")
    args = parser.parse_args()
    open_database(args.db)
    added = add_events(args.events_per_key)
    total = AuditEvent.select().count()
    print(f"{ApiKey.select().count():,} keys, {total:,} events ({added:,} added now)")
    with tempfile.TemporaryDirectory() as folder:
        for text in args.limits.split(","):
            limit = total if text == "all" else int(text)
            kept, seconds, megabytes = measure(limit, Path(folder))
            print(
                f"limit {limit:>9,}: {kept:>9,} events kept, {seconds:6.1f} s, {megabytes:6.0f} MB"
            )


if __name__ == "__main__":
    main()
