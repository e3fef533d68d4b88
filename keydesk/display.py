"""Whether the desktop app can open a window here, asked before Qt is started.

Without a display, or on a minimal Linux missing a library Qt's X11 (xcb) platform
plugin loads, creating the QApplication aborts the process (exit 134, a core dump)
after a message that names the wrong library. :func:`display_problem` answers first,
in one sentence that says what is missing and how to install it or run offscreen.
No Qt here: this runs before Qt is loaded.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: The shared libraries Qt's xcb platform plugin (and libQt6XcbQpa) links against
#: beyond Qt itself, with the Debian / Ubuntu package providing each.
XCB_LIBRARIES: dict[str, str] = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
}

OFFSCREEN_HINT = "or run it without a display with QT_QPA_PLATFORM=offscreen"


def _loads(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def _platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, from QT_QPA_PLATFORM (``xcb``,
    ``offscreen:size=…``, ``wayland;xcb``); empty for Qt's own choice."""
    value = environ.get("QT_QPA_PLATFORM", "")
    return [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]


def display_problem(
    environ: Mapping[str, str] | None = None,
    loads: Callable[[str], bool] = _loads,
    platform: str = sys.platform,
) -> str | None:
    """One sentence saying why Qt could not open a window here, or None when it can
    (as far as can be told without starting it). Only Linux's X11 and Wayland
    platforms are checked; a platform chosen in QT_QPA_PLATFORM other than those
    (offscreen, vnc, eglfs…) is Qt's to judge."""
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    platforms = _platforms(environ)
    if platforms and platforms[0] not in ("xcb", "wayland", "wayland-egl"):
        return None
    x11, wayland = bool(environ.get("DISPLAY")), bool(environ.get("WAYLAND_DISPLAY"))
    if not x11 and not wayland:
        return (
            "keydesk needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set: "
            f"start it from a desktop session, {OFFSCREEN_HINT}."
        )
    uses_xcb = platforms[:1] == ["xcb"] or (not platforms and not wayland)
    if not uses_xcb:
        return None
    missing = [library for library in XCB_LIBRARIES if not loads(library)]
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[library] for library in missing))
    return (
        f"Qt cannot open a window on this X11 display without {', '.join(missing)}: "
        f"install {'it' if len(missing) == 1 else 'them'} "
        f"(Debian or Ubuntu: sudo apt-get install {packages}), {OFFSCREEN_HINT}."
    )
