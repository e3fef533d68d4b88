"""Another desk: the real command line in a subprocess, with its own connection and its
own operator name. No Qt, so tests of the services and the server use it too."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(url: str, *args: str, operator: str = "ada") -> str:
    """Run the real command line against ``url`` in a subprocess: another desk, with its
    own connection and its own operator name. Returns its standard output."""
    env = dict(os.environ)
    env.update(KEYDESK_BCRYPT_ROUNDS="4", LOGNAME=operator, USER=operator, USERNAME=operator)
    env.pop("KEYDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "keydesk.cli", "--db", url, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
