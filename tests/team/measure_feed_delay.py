"""Measure the live-refresh delay: from a change committed by a second process to the
change feed's ``poll()`` returning it, on each backend. Not a test (no timing assertions in
the suite); run it by hand::

    KEYDESK_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test \\
    KEYDESK_TEST_MYSQL=mysql://root@127.0.0.1:3306/test \\
    .venv/bin/python tests/team/measure_feed_delay.py [--trials 20]

For each backend it makes a scratch database, starts a second Python process that edits
one key whenever told to and prints ``time.time()`` right after the commit, and runs the
app's worker loop (``feed.wait(1.0); feed.poll()``) on a thread here, running on
regardless of the edits. Both processes share the machine's clock. Edits start at random
moments so they fall anywhere in the poll cycle.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

from keydesk import config
from keydesk.services import users
from keydesk.services.changes import ChangeFeed
from keydesk.services.keys import NewKey, create_key
from keydesk.store import connection

SECOND_DESK = r"""
import sys, time
from keydesk.services.keys import KeyChanges, edit_key
from keydesk.store.connection import open_database
open_database(sys.argv[1])
for line in sys.stdin:
    edit_key(sys.argv[2], KeyChanges(name=line.strip()))   # commits before returning
    print(time.time(), flush=True)
"""


def scratch_database(kind: str, base: str) -> tuple[str, object]:
    name = f"kd_measure_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(base)
    if kind == "postgres":
        import psycopg2

        admin = psycopg2.connect(base)
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        drop = f'DROP DATABASE "{name}" WITH (FORCE)'
    else:
        import pymysql

        admin = pymysql.connect(
            host=parts.hostname, port=parts.port or 3306, user=parts.username,
            password=parts.password or "", autocommit=True,
        )  # fmt: skip
        admin.cursor().execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        drop = f"DROP DATABASE `{name}`"

    def dropper() -> None:
        connection.close_database()
        admin.cursor().execute(drop)
        admin.close()

    return urlunsplit(parts._replace(path=f"/{name}")), dropper


def measure(url: str, trials: int) -> list[float]:
    connection.open_database(url)
    users.add_user("alice@example.com")
    prefix = create_key(NewKey(name="measured", user="alice@example.com")).prefix
    env = dict(os.environ, KEYDESK_BCRYPT_ROUNDS="4")
    desk = subprocess.Popen(
        [sys.executable, "-c", SECOND_DESK, url, prefix],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    delays = []
    seen: queue.Queue[float] = queue.Queue()
    running = threading.Event()
    running.set()
    feed = ChangeFeed()

    def worker() -> None:  # the app's refresh loop, running on regardless of the edits
        while running.is_set():
            feed.wait(1.0)
            if prefix in feed.poll().changed:
                seen.put(time.time())

    loop = threading.Thread(target=worker)
    loop.start()
    try:
        for trial in range(trials):
            time.sleep(random.uniform(0.2, 1.5))  # anywhere in the poll cycle
            assert desk.stdin and desk.stdout
            desk.stdin.write(f"name {trial}\n")
            desk.stdin.flush()
            committed = float(desk.stdout.readline())
            delays.append(seen.get(timeout=30) - committed)
    finally:
        running.clear()
        feed.wake()
        loop.join(10)
        feed.close()
    assert desk.stdin
    desk.stdin.close()
    desk.wait(10)
    connection.close_database()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    config.configure(bcrypt_rounds=4)
    with tempfile.TemporaryDirectory() as folder:
        targets: list[tuple[str, str, object]] = [
            ("sqlite", f"sqlite:///{folder}/measure.db", None)
        ]
        for kind, variable in (
            ("postgres", "KEYDESK_TEST_POSTGRES"),
            ("mysql", "KEYDESK_TEST_MYSQL"),
        ):
            base = os.environ.get(variable, "").strip()
            if base:
                url, dropper = scratch_database(kind, base)
                targets.append((kind, url, dropper))
        for kind, url, dropper in targets:
            try:
                delays = sorted(measure(url, args.trials))
            finally:
                if callable(dropper):
                    dropper()
            p95 = delays[min(len(delays) - 1, round(0.95 * (len(delays) - 1)))]
            print(
                f"{kind:9} n={len(delays)}  median {statistics.median(delays) * 1000:7.1f} ms  "
                f"p95 {p95 * 1000:7.1f} ms  max {delays[-1] * 1000:7.1f} ms  "
                f"min {delays[0] * 1000:6.1f} ms"
            )


if __name__ == "__main__":
    main()
