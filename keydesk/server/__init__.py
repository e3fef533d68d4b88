"""``keydesk serve``: the verification service for API gateways (extra ``[server]``).

:func:`serve` checks the database once, prepares the shared metrics folder and runs
uvicorn with ``workers`` processes, each with its own verifier (see
:mod:`keydesk.server.app`). No Qt.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from keydesk.services.verify import Verifier

READ_DB_VARIABLE = "KEYDESK_READ_DB"


def serve(db_url: str, read_url: str | None, host: str, port: int, workers: int) -> int:
    """Run the service until SIGTERM or Ctrl+C; returns the exit code.

    Raises :class:`~keydesk.errors.DatabaseError` (one sentence) first when the database
    can never work (a bad URL, not a keydesk database, a newer schema, a refused login).
    A database that is only out of reach does not stop the service: ``/healthz`` says
    503 and verdicts say ``unavailable`` until it answers.
    """
    import uvicorn

    Verifier(db_url, read_url=read_url, remember=False).close()  # fail early, in words
    os.environ["KEYDESK_DB"] = db_url  # how the worker processes learn their databases
    if read_url:
        os.environ[READ_DB_VARIABLE] = read_url
    else:
        os.environ.pop(READ_DB_VARIABLE, None)
    own_metrics = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    if own_metrics:  # a fresh folder per run, as prometheus-client's multiprocess mode asks
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="keydesk-metrics-")
    try:
        uvicorn.run(
            "keydesk.server.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=False,  # a key pasted into a URL must never reach a log
            log_level="warning",
            server_header=False,
            timeout_graceful_shutdown=10,
        )
    finally:
        if own_metrics:
            shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)
    return 0
