"""Opening an SQLite database again in a process that has it open must not cost that
process its file locks.

fcntl locks belong to the process, not to the file handle: closing ANY handle on the
database file drops every lock SQLite holds on it. Reading the file's header with a plain
Python file once did that, whenever keydesk opened a database it already had open (a new
Verifier, a change feed, File → Open). Another process then believed it was the last
one, checkpointed and deleted the write-ahead log on close, and this process went on
reading its stale copy: new rows never showed up, not even through new connections (seen
as a verifier that never learned of a revocation).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from keydesk.store import connection


def test_reopening_keeps_this_process_in_step_with_other_writers(tmp_path: Path) -> None:
    path = tmp_path / "keydesk.db"
    url = f"sqlite:///{path}"
    connection.open_database(url)
    connection.database.execute_sql("CREATE TABLE marker (value INTEGER)")
    connection.database.execute_sql("INSERT INTO marker VALUES (1)")
    held = connection.database.obj  # this process keeps a connection open

    again = connection.connect(url)  # e.g. a verifier or a feed made meanwhile
    again.close()

    # Another process writes and closes: if it cannot see our connection, it believes it
    # is the last one and deletes the write-ahead log; then it writes again into a new
    # log and stays connected (so that write is not checkpointed into the file).
    once = (
        "import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('INSERT INTO marker VALUES (2)')\n"
        "db.close()\n"
    )
    subprocess.run([sys.executable, "-c", once, str(path)], check=True, timeout=30)
    stays = (
        "import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('INSERT INTO marker VALUES (3)')\n"
        "print('written', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", stays, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "written"
        assert held.execute_sql("SELECT max(value) FROM marker").fetchone()[0] == 3
        fresh = sqlite3.connect(path)
        assert fresh.execute("SELECT max(value) FROM marker").fetchone()[0] == 3
        fresh.close()
    finally:
        other.communicate("\n", timeout=30)
