"""Starting the app without a usable display says what is missing in one sentence,
instead of Qt aborting the process (exit 134) and naming the wrong library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from keydesk.display import XCB_LIBRARIES, _loads, display_problem


def _all_load(_library: str) -> bool:
    return True


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({}, "neither DISPLAY nor WAYLAND_DISPLAY"),
        ({"QT_QPA_PLATFORM": "xcb"}, "neither DISPLAY nor WAYLAND_DISPLAY"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"QT_QPA_PLATFORM": "offscreen:configfile=/tmp/s.json"}, None),
        ({"QT_QPA_PLATFORM": "vnc"}, None),
        ({"DISPLAY": ":0"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
    ],
)
def test_which_environments_have_a_display(environ: dict[str, str], problem: str | None) -> None:
    said = display_problem(environ, _all_load, "linux")
    if problem is None:
        assert said is None
    else:
        assert said is not None and problem in said and "QT_QPA_PLATFORM=offscreen" in said


def test_missing_xcb_libraries_are_named_with_their_packages() -> None:
    missing = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"}
    said = display_problem({"DISPLAY": ":0"}, lambda library: library not in missing, "linux")
    assert said is not None
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0" in said
    assert all(library in said for library in missing)
    assert said.count(". ") == 0 and said.endswith(".")  # one sentence
    # On Wayland Qt does not load the xcb plugin; elsewhere than Linux nothing is checked.
    assert display_problem({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}, lambda _: False) is None
    assert display_problem({}, lambda _: False, "win32") is None


def _start_app(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    """``keydesk`` (the GUI) in a fresh interpreter with only ``environ`` and a private
    home: no DISPLAY or Qt platform inherited from the test run."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        **environ,
    }
    code = "import sys; from keydesk.cli import main; sys.exit(main([]))"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    )


def test_no_display_is_one_sentence_not_a_core_dump(tmp_path: Path) -> None:
    done = _start_app(tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISPLAY" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_missing_x11_libraries_are_named_before_qt_starts(tmp_path: Path) -> None:
    missing = [library for library in XCB_LIBRARIES if not _loads(library)]
    if not missing:
        pytest.skip("every library Qt's xcb plugin needs is installed here")
    done = _start_app(tmp_path, DISPLAY=":97")  # no X server needed: refused before Qt
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install" in lines[0]
    assert all(library in lines[0] for library in missing)
