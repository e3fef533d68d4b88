"""The app's language in tests: English by default whatever the machine's locale, French
on demand from a catalog compiled from the committed .ts (never a stale build)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keydesk.views import i18n

ROOT = Path(__file__).resolve().parents[2]


def compile_catalogs(directory: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "compile", str(directory)],
        check=True,
    )
    return directory


@contextmanager
def speaking(language: str, catalogs: Path) -> Iterator[None]:
    """The app speaks ``language`` (i18n.FRENCH or ENGLISH) inside the block, with the
    catalogs compiled in ``catalogs``; English again after it."""
    saved = i18n.CATALOG_DIR
    i18n.CATALOG_DIR = catalogs
    try:
        assert i18n.apply(language) == language, f"the {language} catalog did not load"
        yield
    finally:
        i18n.apply(i18n.ENGLISH)
        i18n.CATALOG_DIR = saved
