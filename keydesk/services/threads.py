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
  :func:`user_active`), at most :data:`MAX_HOLD_SECONDS` per step; :func:`as_upkeep`
  gives work written with :func:`pause_for_gui` (a sort computed ahead) those manners.

Which work runs on which thread is told once, in :mod:`keydesk.views.tasks`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: How long a worker sleeps between steps (each step a few milliseconds of work).
PAUSE_SECONDS = 0.001
#: The longest an upkeep step waits for the user to pause, so it ends eventually.
MAX_HOLD_SECONDS = 2.0

_idle = threading.Event()
_idle.set()


def _on_worker() -> bool:
    return threading.current_thread() is not threading.main_thread()


_thread = threading.local()


def pause_for_gui() -> None:
    """Sleep briefly, unless called on the main thread (nobody waits for it there); in
    :func:`as_upkeep`, wait while the user is at work first."""
    if _on_worker():
        if getattr(_thread, "upkeep", False):
            _idle.wait(MAX_HOLD_SECONDS)
        time.sleep(PAUSE_SECONDS)


@contextmanager
def as_upkeep() -> Iterator[None]:
    """Run work nobody waits for (a standing sort order) with the manners of upkeep:
    within, this thread's :func:`pause_for_gui` steps also wait while the user types or
    clicks, as :func:`wait_while_user_active` does."""
    _thread.upkeep = True
    try:
        wait_while_user_active()
        yield
    finally:
        _thread.upkeep = False


def wait_while_user_active() -> None:
    """In a worker doing upkeep: wait until the user pauses (or MAX_HOLD_SECONDS), then
    sleep briefly as :func:`pause_for_gui` does."""
    if _on_worker():
        _idle.wait(MAX_HOLD_SECONDS)
        time.sleep(PAUSE_SECONDS)


def user_is_active() -> bool:
    """Whether the user is typing or clicking now (see :func:`user_active`)."""
    return not _idle.is_set()


def user_active(active: bool) -> None:
    """Called by the GUI: the user is typing or clicking (True), or has paused (False)."""
    if active:
        _idle.clear()
    else:
        _idle.set()
