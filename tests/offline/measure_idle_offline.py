"""Measure how long an idle main window takes to say "Offline" after the server goes away,
and to be back after it returns. Not a test (the suite asserts no timing); run it by hand::

    KEYDESK_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test \\
    KEYDESK_TEST_MYSQL=mysql://root@127.0.0.1:3306/test \\
    .venv/bin/python tests/offline/measure_idle_offline.py [--runs 5] [--heartbeat S --silence S]

For each server and each kind of outage (``cut``: every connection closed, new ones reset;
``blackhole``: sockets kept open, nothing forwarded), it seeds a scratch database, opens
the real main window (offscreen) through the loopback proxy of tests/support/tcp_proxy.py
with the app's default settings, waits until it is loaded and then a random 0-2 s more
(so the outage falls anywhere in the heartbeat's cycle), starts the outage and, without
touching the window, times:

* cut → the status bar says "Offline — data as of …";
* restore → the status bar no longer says so (reconnection uses a 0.05-0.3 s back-off
  here, as in the tests; the app's own starts at 0.5 s and grows up to 30 s).

Times are taken by polling the window every 5 ms while Qt processes events.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kd-measure-data-")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kd-measure-config-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.*

from PySide6.QtWidgets import QApplication
from support.servers import create_server_database
from support.tcp_proxy import TcpProxy

from keydesk import config
from keydesk.app import main_window
from keydesk.offline import Backoff, OfflineSession
from keydesk.services import catalog, keys, users
from keydesk.services.keys import NewKey
from keydesk.store import connection
from keydesk.views.main_window import MainWindow

LIMIT_S = 60.0


def pump_until(
    app: QApplication, condition: Callable[[], object], limit: float = LIMIT_S
) -> float | None:
    """Seconds until ``condition()`` holds (None after ``limit``), processing events."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > limit:
            return None
        app.processEvents()
        time.sleep(0.005)
    return time.monotonic() - start


def one_run(
    app: QApplication, kind: str, outage: str, heartbeat: float | None, silence: float | None
) -> tuple[float | None, float | None]:
    url, drop = create_server_database(kind)
    parts = urlsplit(url)
    try:
        with TcpProxy(parts.port or 0) as proxy:
            proxied = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
            connection.open_database(proxied)
            users.add_user("ada@example.com", "Ada")
            catalog.add_model("alfred-4")
            for name in ("billing", "search", "nightly"):
                keys.create_key(NewKey(name=name, user="ada@example.com", models=["alfred-4"]))
            connection.close_database()
            connection.database.initialize(None)
            session = OfflineSession(
                proxied, auto_reconnect=True, backoff=Backoff(0.05, 0.3, rng=lambda: 0.0)
            )
            window: MainWindow = main_window(proxied, session=session)
            if window.live is not None and heartbeat is not None:
                window.live.heartbeat = heartbeat
            if window.live is not None and silence is not None:
                window.live.silence = silence
            window.show()
            pump_until(app, lambda: not window.keys_page.loading and session.snapshot.as_of())
            idle = random.uniform(0.0, 2.0) + 1.0
            pump_until(app, lambda: False, limit=idle)
            getattr(proxy, outage)()
            offline = pump_until(app, lambda: window.connection_text() != "")
            proxy.restore()
            back = pump_until(app, lambda: window.connection_text() == "")
            window.close()
            app.processEvents()
            return offline, back
    finally:
        connection.close_database()
        connection.database.initialize(None)
        drop()


def describe(values: list[float | None]) -> str:
    done = sorted(v for v in values if v is not None)
    missed = len(values) - len(done)
    if not done:
        return f"never within {LIMIT_S:.0f} s ({missed} runs)"
    text = (
        f"median {statistics.median(done):.2f} s, min {done[0]:.2f}, max {done[-1]:.2f}"
        f"  [{', '.join(f'{v:.2f}' for v in values if v is not None)}]"
    )
    return text + (f", {missed} never within {LIMIT_S:.0f} s" if missed else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kinds", default="postgres,mysql")
    parser.add_argument("--outages", default="cut,blackhole")
    parser.add_argument("--heartbeat", type=float, default=None, help="override (seconds)")
    parser.add_argument("--silence", type=float, default=None, help="override (seconds)")
    args = parser.parse_args()
    config.configure(bcrypt_rounds=4)
    app = QApplication([])
    for kind in args.kinds.split(","):
        for outage in args.outages.split(","):
            offline: list[float | None] = []
            back: list[float | None] = []
            for _ in range(args.runs):
                went, came = one_run(app, kind, outage, args.heartbeat, args.silence)
                offline.append(went)
                back.append(came)
            print(f"{kind:8} {outage:9} outage → offline: {describe(offline)}", flush=True)
            print(f"{kind:8} {outage:9} restore → online: {describe(back)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
