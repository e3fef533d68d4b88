"""Being a considerate worker thread.

The GUI thread takes the GIL once for every Python call a paint makes (a few per table
cell), and each time waits up to the interpreter's switch interval (5 ms) while a busy
worker holds it. A worker that runs Python for long stretches (building strings, binding
rows to SQL) therefore makes a repaint take tenths of seconds: measured at a million
keys, 0.2–0.3 s per repaint during a sort, seconds during the offline copy's save. A
short sleep between steps lets the GUI thread paint in one go.
"""

from __future__ import annotations

import threading
import time

#: How long a worker sleeps between steps (each step a few milliseconds of work).
PAUSE_SECONDS = 0.001


def pause_for_gui() -> None:
    """Sleep briefly, unless called on the main thread (nobody waits for it there)."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(PAUSE_SECONDS)
