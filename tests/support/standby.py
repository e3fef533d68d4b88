"""A PostgreSQL primary and its hot standby on loopback, built from the machine's
PostgreSQL binaries for one test.

The shared server on 5432 accepts no replication connections, so the pair is made here:
``initdb`` a primary that trusts replication from 127.0.0.1, start it, clone it with
``pg_basebackup -R`` (which writes the standby's connection settings) and start the clone.
``initdb`` refuses to run as root, so as root every command runs as ``postgres``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Pair:
    primary_url: str
    standby_url: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@contextlib.contextmanager
def primary_and_standby(folder: Path) -> Iterator[Pair]:
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL's server binaries are not installed")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder.mkdir(parents=True, exist_ok=True)
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = folder / "primary", folder / "standby"
    ports = _free_port(), _free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, timeout=120)

    started: list[Path] = []
    try:
        run(str(binaries / "initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres", "-N")
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        for data, port in ((primary, ports[0]),):
            run(str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"),
                "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start")  # fmt: skip
            started.append(data)
        run(str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(ports[0]), "-U",
            "postgres", "keydesk")  # fmt: skip
        run(str(binaries / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports[0]), "-U",
            "postgres", "-D", str(standby), "-R", "-N", "-c", "fast")  # fmt: skip
        run(str(binaries / "pg_ctl"), "-D", str(standby), "-w", "-l", str(standby / "log"),
            "-o", f"-p {ports[1]} -k {standby} -c listen_addresses=127.0.0.1 -c fsync=off", "start")  # fmt: skip
        started.append(standby)
        yield Pair(
            f"postgresql://postgres@127.0.0.1:{ports[0]}/keydesk",
            f"postgresql://postgres@127.0.0.1:{ports[1]}/keydesk",
        )
    finally:
        for data in reversed(started):
            with contextlib.suppress(subprocess.SubprocessError):
                run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def wait_replayed(standby_url: str, sql: str, expected: object, timeout: float = 10) -> float:
    """Seconds until ``sql`` on the standby returns ``expected``."""
    import psycopg2

    start = time.monotonic()
    connection = psycopg2.connect(standby_url)
    connection.autocommit = True
    try:
        while True:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
                    row = cursor.fetchone()
            except psycopg2.errors.UndefinedTable:  # the schema itself is not replayed yet
                row = None
            if row is not None and row[0] == expected:
                return time.monotonic() - start
            assert time.monotonic() - start < timeout, "the standby did not replay in time"
            time.sleep(0.01)
    finally:
        connection.close()
