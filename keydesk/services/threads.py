"""Being a considerate worker thread.

The GUI thread takes the GIL once for every Python call a paint makes (a few per table
cell), and each time waits up to the interpreter's switch interval (5 ms) while a busy
worker holds it. A worker that runs Python for long stretches (building strings, binding
rows to SQL) therefore makes a repaint take tenths of seconds: measured at a million
keys, 0.2–0.3 s per repaint during a sort, seconds during the offline copy's save.

* :func:`pause_for_gui`: a short sleep between steps of work the user waits for (a
  sort, a load), so a repaint meanwhile gets the GIL at once.
* :func:`wait_while_user_active`: for upkeep nobody waits for (the offline copy), wait
  while the user is typing or clicking (the window reports it with
  :func:`user_active`), at most :data:`MAX_HOLD_SECONDS` per step.

Which work runs on which thread is told once, in :mod:`keydesk.views.tasks`.
"""

from __future__ import annotations

import threading
import time

#: How long a worker sleeps between steps (each step a few milliseconds of work).
PAUSE_SECONDS = 0.001
#: The longest an upkeep step waits for the user to pause, so it ends eventually.
MAX_HOLD_SECONDS = 2.0

_idle = threading.Event()
_idle.set()


def _on_worker() -> bool:
    return threading.current_thread() is not threading.main_thread()


def pause_for_gui() -> None:
    """Sleep briefly, unless called on the main thread (nobody waits for it there)."""
    if _on_worker():
        time.sleep(PAUSE_SECONDS)


def wait_while_user_active() -> None:
    """In a worker doing upkeep: wait until the user pauses (or MAX_HOLD_SECONDS), then
    sleep briefly as :func:`pause_for_gui` does."""
    if _on_worker():
        _idle.wait(MAX_HOLD_SECONDS)
        time.sleep(PAUSE_SECONDS)


def user_active(active: bool) -> None:
    """Called by the GUI: the user is typing or clicking (True), or has paused (False)."""
    if active:
        _idle.clear()
    else:
        _idle.set()
