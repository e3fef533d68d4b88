"""The app speaks English or French: View → Language chooses, the choice is remembered
and applied at the next start, dates and numbers follow the language, and no text of
the main window stays English under French."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from support.desks import seed_three_keys, shown_window
from support.language import speaking
from support.texts import untranslated, visible_texts

from keydesk.views import i18n
from keydesk.views import main_window as main_window_module

OWNER = "ada@example.com"


def test_a_choice_stands_for_a_language_and_its_locale() -> None:
    canadian = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert i18n.language_of(i18n.SYSTEM, canadian) == i18n.FRENCH
    assert i18n.language_of(i18n.SYSTEM, german) == i18n.ENGLISH
    assert i18n.language_of(i18n.FRENCH, german) == i18n.FRENCH
    assert i18n.locale_of(i18n.FRENCH, canadian).territory() == QLocale.Country.Canada
    assert i18n.locale_of(i18n.FRENCH, german).territory() == QLocale.Country.France
    assert i18n.locale_of(i18n.ENGLISH, german).language() == QLocale.Language.English


def test_numbers_follow_the_language(qapp: QApplication, catalogs: Path) -> None:
    assert QLocale().toString(1500000) == "1,500,000"
    with speaking(i18n.FRENCH, catalogs):
        assert QLocale().toString(1500000).replace("\u202f", " ").replace("\xa0", " ") == (
            "1 500 000"
        )
    assert QLocale().toString(1500000) == "1,500,000"


def test_the_language_menu_remembers_and_offers_a_restart(
    qtbot: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, answer_box: Any
) -> None:
    seed_three_keys(sqlite_url, OWNER)
    window = shown_window(qtbot, sqlite_url)
    restarts: list[bool] = []
    monkeypatch.setattr(main_window_module, "restart_app", lambda: restarts.append(True))
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "languageMenu")
    assert [action.text() for action in menu.actions()] == ["System", "English", "Français"]
    assert window.language_actions[i18n.SYSTEM].isChecked()

    told = answer_box("restartForLanguageBox", "restartLaterButton")
    window.language_actions[i18n.FRENCH].trigger()
    assert told and "Français" in told[0]
    assert i18n.saved_choice() == i18n.FRENCH and not restarts and window.isVisible()
    assert window.language_actions[i18n.FRENCH].isChecked()

    # Back to the language spoken now: nothing to restart for.
    window.language_actions[i18n.ENGLISH].trigger()
    assert i18n.saved_choice() == i18n.ENGLISH

    answer_box("restartForLanguageBox", "restartNowButton")
    window.language_actions[i18n.FRENCH].trigger()
    qtbot.waitUntil(lambda: bool(restarts), timeout=3000)
    assert not window.isVisible()


def _texts_of_every_page(qtbot: Any, url: str) -> dict[str, str]:
    window = shown_window(qtbot, url)
    texts: dict[str, str] = {}
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        qtbot.wait(50)
        texts.update({f"page{row}/{k}": v for k, v in visible_texts(window).items()})
    window.close()
    return texts


def test_no_text_of_the_main_window_stays_english_in_french(
    qtbot: Any, sqlite_url: str, catalogs: Path
) -> None:
    made = seed_three_keys(sqlite_url, OWNER)
    # Seeded data, the product's name, and language names (each written in itself).
    data = {OWNER, "Ada", "alfred-4", "billing", "search", "nightly", "keydesk", "keydesk.db"}
    data |= {"English", "Français"}
    data |= {key.prefix for key in made} | {key.unique_name for key in made}
    data |= {sqlite_url, sqlite_url.removeprefix("sqlite:///"), "test-operator"}
    english = _texts_of_every_page(qtbot, sqlite_url)
    with speaking(i18n.FRENCH, catalogs):
        french = _texts_of_every_page(qtbot, sqlite_url)
    left = untranslated(english, french, data)
    assert not left, f"{len(left)} texts stayed English:\n" + "\n".join(left[:60])


def test_times_follow_the_language(qapp: QApplication, catalogs: Path) -> None:
    from datetime import datetime

    from keydesk.views.formatting import format_count, format_day, format_time, to_local

    moment = datetime(2026, 11, 28, 12, 5)
    local = to_local(moment)
    assert format_time(moment) == local.strftime("%Y-%m-%d %H:%M")
    assert format_count(12345) == "12,345"
    with speaking(i18n.FRENCH, catalogs):
        assert format_time(moment) == local.strftime("%d/%m/%Y %H:%M")
        assert format_day(moment) == local.strftime("%d/%m/%Y")
        assert format_count(12345).replace("\u202f", " ") == "12 345"


def test_the_install_compiled_both_catalogs(qapp: QApplication) -> None:
    """The README's install command built keydesk/translations (setup.py), so a
    newcomer's app speaks French, and English counts of one, without any further step."""
    installed = Path(i18n.__file__).resolve().parents[1] / "translations"
    stale = "keydesk/translations is older than the catalogs: run `pip install -e .` again"
    with speaking(i18n.FRENCH, installed):
        assert QApplication.translate("MainWindow", "Language") == "Langue", stale
    with speaking(i18n.ENGLISH, installed):
        assert QApplication.translate("KeyActions", "Revoking %Ln keys…", "", 1) == (
            "Revoking 1 key…"
        ), stale


@pytest.mark.parametrize(
    ("count", "said"),
    [(1, "1 key expires within 7 days"), (2, "2 keys expire within 7 days"),
     (0, "0 keys expire within 7 days")],
)  # fmt: skip
def test_english_says_a_count_of_one_in_the_singular(
    qapp: QApplication, count: int, said: str
) -> None:
    """Each text with a count is written once, in the plural; the English catalog
    holds its singular (no `if n == 1` in the code)."""
    text = QApplication.translate("ExpiryReminder", "%Ln keys expire within {days} days", "", count)
    assert text.format(days=7) == said
