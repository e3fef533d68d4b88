"""Keep the catalogs in step with the code: French, and English plural forms.

    python scripts/translations.py update        # new texts in, vanished ones out
    python scripts/translations.py check         # exit 1 if update would change the file
    python scripts/translations.py compile DIR   # the .qm files the app loads, into DIR
    python scripts/translations.py fill fr FILE  # translations from a JSON object
                                                 # {"source": "traduction" or [forms]},
                                                 # a key "Context::source" for one context

``update`` runs Qt's lupdate over every module of the package (the views' tr() and
translate() calls, and the Qt-free layers' ``sentence()`` calls, read as
QT_TRANSLATE_NOOP); translators then fill ``<translation>`` in the .ts (Qt Linguist:
``pyside6-linguist resources/translations/keydesk_fr.ts``). The English catalog holds
only the texts with a count (``lupdate -pluralonly``), each with its singular and plural
form, as Qt recommends: a source text is written once, in the plural ("%Ln keys"), and
English says "1 key" through its catalog as French does. The test suite runs ``check``
and also refuses unfinished translations, so a text added without its French (or, with
a count, its English forms) fails CI. The build (setup.py) compiles the catalogs; nothing compiled is committed.
"""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "resources" / "translations"
LANGUAGES = {"fr": "fr_FR", "en": "en_US"}
EXTRA_COMMENT = re.compile(r"\n *<extracomment>.*?</extracomment>", re.DOTALL)


def catalog(language: str) -> Path:
    return CATALOGS / f"keydesk_{language}.ts"


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "keydesk").rglob("*.py"))


def qt_tool(name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run one of the Qt tools PySide6 ships (lupdate, lrelease) through its own
    launcher, so the versions match the Qt the app runs on."""
    command = [sys.executable, "-c", f"from PySide6.scripts.pyside_tool import {name}; {name}()"]
    return subprocess.run(
        [*command, *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    )


def update(target: Path, language: str) -> None:
    qt_tool(
        "lupdate",
        *sources(),
        "-locations", "none",
        "-no-obsolete",
        "-source-language", "en",
        "-target-language", LANGUAGES[language],
        "-tr-function-alias", "QT_TRANSLATE_NOOP+=sentence",
        *(["-pluralonly"] if language == "en" else []),
        "-ts", str(target),
    )  # fmt: skip
    # lupdate reads Python's "#:" (the attribute doc comments used across the package)
    # as notes to translators and pins them on the next text, however far: drop them.
    text = target.read_text(encoding="utf-8")
    target.write_text(EXTRA_COMMENT.sub("", text), encoding="utf-8")


def check() -> list[str]:
    """Each catalog that ``update`` would change, as a sentence."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            committed = catalog(language)
            fresh = Path(scratch) / committed.name
            shutil.copyfile(committed, fresh)
            update(fresh, language)
            if not filecmp.cmp(committed, fresh, shallow=False):
                problems.append(
                    f"{committed.relative_to(ROOT)} is not up to date with the code: "
                    "run `python scripts/translations.py update` and translate what it adds."
                )
    return problems


def compile_to(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    made = []
    for language in LANGUAGES:
        compiled = directory / f"keydesk_{language}.qm"
        qt_tool("lrelease", "-silent", str(catalog(language)), "-qm", str(compiled))
        made.append(compiled)
    return made


def fill(language: str, table: dict[str, str | list[str]]) -> list[str]:
    """Write the translations of ``table`` into the catalog, then let lupdate lay it
    out; returns the keys the catalog does not hold. A key is a source text (every
    context holding it) or ``Context::source`` (that context only, which wins: "Active"
    is « Active » for a key and « Actif » for a user); a value is the translation, or
    the list of plural forms."""
    path = catalog(language)
    tree = ET.parse(path)
    unused = set(table)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            key = f"{name}::{source}" if f"{name}::{source}" in table else source
            if key not in table:
                continue
            unused.discard(key)
            _translate(message, table[key])
    tree.write(path, encoding="utf-8", xml_declaration=True)
    update(path, language)
    return sorted(unused)


def _translate(message: ET.Element, value: str | list[str]) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    if isinstance(value, list):
        translation.text = None
        for form in value:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for language in LANGUAGES:
            update(catalog(language), language)
        return 0
    if argv[:1] == ["check"]:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if argv[:1] == ["compile"] and len(argv) == 2:
        compile_to(Path(argv[1]))
        return 0
    if argv[:1] == ["fill"] and len(argv) == 3:
        table = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        for source in fill(argv[1], table):
            print(f"not in the catalog: {source!r}", file=sys.stderr)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
