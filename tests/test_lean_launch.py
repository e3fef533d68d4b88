"""Launch imports only what the first paint needs: ``import keydesk.app`` in a fresh
interpreter leaves the dialogs, the email validator and the chart
library for later, when something first uses them (see the README, "Performance")."""

from __future__ import annotations

import subprocess
import sys

import pytest

DEFERRED = [
    "email_validator",  # adding or editing a user
    "pyqtgraph",  # the usage chart
    "keydesk.views.create_dialog",
    "keydesk.views.database_dialog",  # only when a database cannot be opened, or File → Open
    "keydesk.views.key_detail_dialog",
    "keydesk.views.key_detail_parts",  # what the detail dialog reads and shows
    "keydesk.views.key_form",  # the create and detail dialogs' form
    "keydesk.views.key_form_fields",  # and its fields
    "keydesk.views.leaks_dialog",
    "keydesk.views.rotate_dialog",
]

PROBE = "import keydesk.app, sys; print('\\n'.join(sorted(sys.modules)))"


@pytest.fixture(scope="module")
def launch_modules() -> set[str]:
    """The modules a fresh interpreter holds after ``import keydesk.app``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_the_app_imports(launch_modules: set[str]) -> None:
    assert "keydesk.app" in launch_modules
    assert "keydesk.views.main_window" in launch_modules


@pytest.mark.parametrize("name", DEFERRED)
def test_import_keydesk_app_leaves_for_later(launch_modules: set[str], name: str) -> None:
    loaded = sorted(m for m in launch_modules if m == name or m.startswith(f"{name}."))
    assert not loaded, f"import keydesk.app imported {loaded}"
