"""The catalogs (French, and English plural forms) are complete and in step with the
code, and the code asks for translations in a way they can answer (literal texts, values
put in afterwards)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = {
    language: ROOT / "resources" / "translations" / f"keydesk_{language}.ts"
    for language in ("fr", "en")
}
TRANSLATING = {"tr", "translate", "sentence", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rs])?\}|%L?n|%\d")


def messages(language: str) -> list[tuple[str, ET.Element]]:
    root = ET.parse(CATALOGS[language]).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_the_catalog_is_up_to_date_with_the_code() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("language", CATALOGS)
def test_every_text_is_translated(language: str) -> None:
    missing = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in messages(language)
        if (translation := message.find("translation")) is None
        or translation.get("type") in {"unfinished", "vanished", "obsolete"}
        or not "".join(translation.itertext()).strip()
    ]
    assert not missing, f"{len(missing)} texts untranslated:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("language", CATALOGS)
def test_translations_keep_every_placeholder(language: str) -> None:
    """A translation that drops or renames ``{name}`` or ``%n`` would show a hole or
    fail to format; plural forms each keep the count."""
    wrong = []
    for context, message in messages(language):
        source = message.findtext("source") or ""
        expected = sorted(PLACEHOLDER.findall(source))
        translation = message.find("translation")
        if translation is None:
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""
        ]
        for form in forms:
            found = sorted(PLACEHOLDER.findall(form))
            # A plural form may leave the count out ("une clé") only for the singular.
            if found != expected and sorted([*found, "%Ln"]) != expected:
                wrong.append(f"{context}: {source!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def _called_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def test_texts_asked_for_are_literals() -> None:
    """lupdate records the literal; an f-string or a variable would be looked up by the
    text it became and never found. (i18n.say looks up sentences lupdate already read.)"""
    offenders = []
    for path in sorted((ROOT / "keydesk").rglob("*.py")):
        if path == ROOT / "keydesk" / "views" / "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _called_name(node) not in TRANSLATING:
                continue
            with_context = _called_name(node) in {"translate", "sentence", "QT_TRANSLATE_NOOP"}
            texts = node.args[:2] if with_context else node.args[:1]
            if not all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "translated texts must be literals:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source", ["{count} keys", "%Ln keys"])
def test_the_placeholder_rule_reads_both_kinds(source: str) -> None:
    assert PLACEHOLDER.findall(source)
