"""The language the desktop app speaks: English (the source texts) or French.

Every visible string goes through Qt's translation system: ``self.tr("…")`` in a QObject
class (the context is the class that defines the method), ``QCoreApplication.translate(
"Context", "…")`` elsewhere, ``SomeQObject.tr("%Ln keys", "", n)`` for plurals (Qt's
numerus forms; ``%Ln`` writes the number the language's way). Values go in afterwards
with ``.format(name=…)``, never inside an f-string, so the text looked up is the text
in the catalog. Sentences made by the Qt-free layers are ``keydesk.errors.Sentence``
values, said in the chosen language by ``say``.

The catalog is ``resources/translations/keydesk_<lang>.ts`` (``scripts/translations.py
update`` keeps it in step with the code); the build compiles it to ``.qm`` beside this
package (``keydesk/translations``). The choice (System, English, Français) is remembered
in the settings and applied at start, before any window is built: the window's texts
are fixed when it is made, so a new choice asks to restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from keydesk.errors import Sentence
from keydesk.views import settings

log = logging.getLogger(__name__)

SYSTEM = "system"
ENGLISH = "en"
FRENCH = "fr"
CHOICES = (SYSTEM, ENGLISH, FRENCH)
# Each language is named in itself, as language menus do, so it can be found by someone
# who cannot read the current one.
CHOICE_LABELS = {ENGLISH: "English", FRENCH: "Français"}
TRANSLATED = (FRENCH,)

# Where the build puts the compiled catalogs (see setup.py); tests point it at their own.
CATALOG_DIR = Path(__file__).resolve().parents[1] / "translations"

_installed: list[QTranslator] = []
_spoken: tuple[str, str] = (ENGLISH, "")


def saved_choice() -> str:
    choice = settings.read_str(settings.LANGUAGE, SYSTEM)
    return choice if choice in CHOICES else SYSTEM


def save_choice(choice: str) -> None:
    settings.write(settings.LANGUAGE, choice if choice in CHOICES else SYSTEM)


def language_of(choice: str, system: QLocale | None = None) -> str:
    """The language a choice stands for: the system's if keydesk speaks it, else English."""
    if choice in (ENGLISH, FRENCH):
        return choice
    system = system or QLocale.system()
    return FRENCH if system.language() == QLocale.Language.French else ENGLISH


def locale_of(language: str, system: QLocale | None = None) -> QLocale:
    """The locale dates and numbers follow: the system's own variant when it speaks the
    language (fr_CA stays Canadian), else the language's main country."""
    system = system or QLocale.system()
    if language == FRENCH:
        if system.language() == QLocale.Language.French:
            return system
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def current_language() -> str:
    """The language ``apply`` set last (English before any): asked per table cell, so
    it is a variable, not a QLocale query."""
    return _spoken[0]


def current_locale_name() -> str:
    """The default locale's name as ``apply`` set it ("fr_FR"), for caches keyed by it."""
    return _spoken[1]


def apply(choice: str, *, app: QCoreApplication | None = None) -> str:
    """Speak ``choice`` from now on (texts made after this call); returns the language.

    Installs keydesk's catalog and Qt's own (the standard buttons and dialogs), and
    makes the language's locale the default for dates and numbers; English gets its
    catalog of plural forms. A missing catalog (a source tree not built since the .ts
    changed) leaves English, logged once.
    """
    app = app or QCoreApplication.instance()
    language = language_of(choice)
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _speak(ENGLISH)
    if app is None:
        return ENGLISH
    ours = QTranslator(app)
    if language == ENGLISH:
        # English's catalog holds only the forms of the texts with a count ("1 key").
        if ours.load(f"keydesk_{ENGLISH}", str(CATALOG_DIR)):
            QCoreApplication.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("No compiled English catalog in %s: counts of one read as plurals.",
                        CATALOG_DIR)  # fmt: skip
        return ENGLISH
    if not ours.load(f"keydesk_{language}", str(CATALOG_DIR)):
        log.warning(
            "No compiled %s catalog in %s: run `pip install -e .` again to build it; "
            "showing English.",
            language,
            CATALOG_DIR,
        )
        return ENGLISH
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    QCoreApplication.installTranslator(ours)
    _installed.append(ours)
    _speak(language)
    return language


def _speak(language: str) -> None:
    global _spoken
    locale = locale_of(language)
    QLocale.setDefault(locale)
    _spoken = (language, locale.name())


def say(text: str) -> str:
    """``text`` in the current language: a ``Sentence`` from the services is looked up
    by its context and template and its values put back in, each value that is itself a
    Sentence said first; any other string is shown as it is."""
    if not isinstance(text, Sentence):
        return text
    values = {
        name: say(value) if isinstance(value, Sentence) else value
        for name, value in text.values.items()
    }
    template = QCoreApplication.translate(text.context, text.template)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        log.warning("The translation of %r does not fit its values", text.template)
        return str(text)


def error_text(error: BaseException) -> str:
    """What a KeydeskError says, in the current language."""
    message = error.args[0] if len(error.args) == 1 else str(error)
    return say(message) if isinstance(message, str) else str(error)
