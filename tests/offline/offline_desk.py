"""A minimal keydesk desk in a process of its own, for the tests that kill it.

    python offline_desk.py URL revoke PREFIX OPERATOR   start (offline), revoke PREFIX,
                                                        print the outcome, wait to be killed
    python offline_desk.py URL start                    start, print what the queue applied
    python offline_desk.py URL crash-after-commit       start; SIGKILL itself right after the
                                                        server committed the first queued
                                                        revocation, before forgetting it

Each line printed is one JSON object. The data folder comes from ``XDG_DATA_HOME``, which
the test sets, so this process finds the snapshot and the queue the test's session made.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterable
from typing import Any

from keydesk.offline import ApplyResult, OfflineSession
from keydesk.services import audit
from keydesk.services.keys import RevokeResult, revoke_keys


def _say(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def _applied(result: ApplyResult | None) -> dict[str, Any]:
    if result is None:
        return {"revoked": [], "already": [], "remaining": None}
    return {
        "revoked": [entry.prefix for entry in result.revoked],
        "already": [entry.prefix for entry in result.already_revoked],
        "remaining": result.remaining,
    }


def main(argv: list[str]) -> int:
    url, command, *args = argv
    if command == "revoke":
        prefix, operator = args
        audit.set_operator(operator)
        session = OfflineSession(url)
        started = session.start()
        outcome = session.revoke([prefix])
        _say(online=started.online, queued=list(outcome.queued), revoked=list(outcome.revoked))
        time.sleep(60)  # the test kills us long before
        return 1
    if command == "start":
        started = OfflineSession(url).start(load=False)
        _say(online=started.online, **_applied(started.applied))
        return 0
    if command == "crash-after-commit":

        def revoke_then_die(prefixes: Iterable[str], **marks: Any) -> RevokeResult:
            result = revoke_keys(prefixes, **marks)  # committed on the server
            _say(committed=list(result.revoked))
            os.kill(os.getpid(), signal.SIGKILL)
            return result  # never reached

        OfflineSession(url, revoke=revoke_then_die).start(load=False)
        return 1
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
