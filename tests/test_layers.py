"""The layers depend one way: views → services (and offline) → store, with Qt only in
the views. Read from the source with ast, so an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "keydesk"


def imported_modules(source: str, path: Path) -> set[str]:
    """Every module the source of ``path`` (a file in the package) imports, by absolute
    name: relative imports resolved, and ``from keydesk import store`` giving
    ``keydesk.store``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1]  # the folder holding the file, for a package's __init__ too
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), path)


def modules_under(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (PACKAGE / folder).rglob("*.py"))


def _within(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


@pytest.mark.parametrize("path", modules_under("views"), ids=lambda path: path.name)
def test_views_reach_the_database_only_through_services_or_offline(path: Path) -> None:
    store = sorted(name for name in imports_of(path) if _within(name, "keydesk.store"))
    assert store == [], f"{path.name} imports {store}; use keydesk.services.database"


@pytest.mark.parametrize(
    "path",
    modules_under("services", "store", "offline"),
    ids=lambda path: str(path.relative_to(PACKAGE)),
)
def test_no_qt_below_the_views(path: Path) -> None:
    qt = sorted(
        name for name in imports_of(path) if _within(name, "PySide6", "shiboken6", "keydesk.views")
    )
    assert qt == [], f"{path.relative_to(PACKAGE)} imports {qt}"


def test_the_import_reader_resolves_relative_and_package_imports() -> None:
    source = (
        "from ..store import connection\n"
        "from keydesk import store\n"
        "def later():\n"
        "    import keydesk.store.models\n"
        "from . import tasks\n"
    )
    names = imported_modules(source, PACKAGE / "views" / "probe.py")
    assert {
        "keydesk.store",
        "keydesk.store.connection",
        "keydesk.store.models",
        "keydesk.views.tasks",
    } <= names
    assert any(_within(name, "keydesk.store") for name in names)
