"""Every dialog of a key speaks French: each is built once in English and once in French
over the same data, and no text shown in the French one may still be the English one
(tests/support/texts.py compares them place by place). A few exact French texts check the
plural forms and that dates follow the language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from support.desks import child
from support.dialog_keys import ADA, GRACE, keep, release_kept, seed_billing_and_ci
from support.language import speaking
from support.texts import untranslated, visible_texts
from support.verifying import other_secret

from keydesk import keyformat
from keydesk.errors import Sentence
from keydesk.services import keys
from keydesk.services.clock import utcnow
from keydesk.store.models import ApiKey, UsageMinute
from keydesk.views import i18n
from keydesk.views.copy_once_dialog import CopyOnceDialog
from keydesk.views.create_dialog import CreateKeyDialog
from keydesk.views.database_dialog import DatabaseDialog
from keydesk.views.expiry_presets import CUSTOM, ExpiryPresets
from keydesk.views.formatting import format_time
from keydesk.views.key_change_text import change_lines
from keydesk.views.key_detail_dialog import KeyDetailDialog
from keydesk.views.key_detail_parts import KeyDetailData, read_key_detail
from keydesk.views.key_form_fields import to_qdatetime
from keydesk.views.leaks_dialog import FindLeakedDialog
from keydesk.views.rotate_dialog import RotateKeyDialog
from keydesk.views.usage_chart import UsageSection, _date_ticks

# The offscreen platform cannot pass window size hints on; Qt says so as a warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

FRENCH_DATE = re.compile(r"\b\d\d/\d\d/\d{4} \d\d:\d\d\b")


@pytest.fixture
def made(sqlite_db: str) -> dict[str, keys.CreatedKey]:
    """Ada and Grace, two models and a skill; Grace's project key with usage, Ada's CI key."""
    made = seed_billing_and_ci(billing_expires=utcnow() + timedelta(days=60))
    now = datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    key = ApiKey.get(ApiKey.prefix == made["billing"].prefix)
    UsageMinute.create(key=key, minute=now, model="alfred-4", calls=12)
    UsageMinute.create(key=key, minute=now - timedelta(days=1), model="bertha-2", calls=1)
    return made


@pytest.fixture
def data(made: dict[str, keys.CreatedKey]) -> set[str]:
    """What the test seeded, shown as it is in both languages."""
    seeded = {ADA, GRACE, "Ada Lovelace", "Grace Hopper", "alfred-4", "bertha-2", "web-search"}
    seeded |= {"Billing service", "CI pipeline", "keydesk", "UTC", "test-operator"}
    for created in made.values():
        seeded |= {created.prefix, created.unique_name}
    seeded |= {f"Ada Lovelace <{ADA}>", f"Grace Hopper <{GRACE}>"}
    return seeded


@pytest.fixture(autouse=True)
def no_worker_left() -> Iterator[None]:
    yield
    release_kept()


def _hide_all(dialog: QWidget) -> None:
    for inner in dialog.findChildren(QDialog):
        inner.hide()
    dialog.hide()


def show(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog, before_close_func=_hide_all)
    keep(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def texts(dialog: QWidget) -> dict[str, str]:
    return visible_texts(dialog)


def in_both(
    catalogs: Path, build: Callable[[], QWidget]
) -> tuple[dict[str, str], dict[str, str], QWidget]:
    """The texts of ``build()`` in English, then in French; and the French dialog."""
    english = texts(build())
    with speaking(i18n.FRENCH, catalogs):
        dialog = build()
        french = texts(dialog)
    return english, french, dialog


def assert_all_french(english: dict[str, str], french: dict[str, str], data: set[str]) -> None:
    assert english.keys() == french.keys(), "both builds must show the same widgets"
    left = untranslated(english, french, data)
    assert not left, f"{len(left)} texts stayed English:\n" + "\n".join(left)


# --- create ------------------------------------------------------------------------------------


def test_the_create_dialog_with_a_preset_speaks_french(
    qtbot: QtBot, catalogs: Path, data: set[str]
) -> None:
    def build() -> QWidget:
        dialog = show(qtbot, CreateKeyDialog(initial_user=ADA))
        presets = child(dialog, QComboBox, "expiryPresets")
        assert isinstance(presets, ExpiryPresets)
        presets.select(30)
        qtbot.keyClicks(dialog.form.name.edit, "Billing service")
        return dialog

    english, french, dialog = in_both(catalogs, build)
    assert_all_french(english, french, data)
    presets = child(dialog, QComboBox, "expiryPresets")
    assert [presets.itemText(i) for i in range(presets.count())] == [
        "Jamais", "7 jours", "30 jours", "60 jours", "90 jours", "Personnalisée…",
    ]  # fmt: skip
    moment = child(dialog, QLabel, "expiryPresetMoment").text()
    assert moment.startswith("jusqu'au ") and FRENCH_DATE.search(moment), moment
    assert child(dialog, QLabel, "modelSummary").text() == "0 sur 2 sélectionné"
    assert child(dialog, QPushButton, "saveButton").text() == "&Créer la clé"
    assert dialog.windowTitle() == "Ajouter une clé d'API"


def test_the_model_summary_says_its_plural_in_french(qtbot: QtBot, catalogs: Path, made) -> None:
    with speaking(i18n.FRENCH, catalogs):
        dialog = show(qtbot, CreateKeyDialog(initial_user=ADA))
        dialog.form.models.set_checked(["alfred-4", "bertha-2"])
        assert child(dialog, QLabel, "modelSummary").text() == "2 sur 2 sélectionnés"


def test_a_refused_expiry_is_said_in_french(qtbot: QtBot, catalogs: Path, data: set[str]) -> None:
    def build() -> QWidget:
        dialog = show(qtbot, CreateKeyDialog(initial_user=ADA))
        dialog.expiry_presets.select(CUSTOM)
        dialog.form.expiry.edit.setDateTime(to_qdatetime(utcnow() - timedelta(days=1)))
        assert child(dialog, QLabel, "expiresError").isVisible()
        return dialog

    english, french, _dialog = in_both(catalogs, build)
    assert_all_french(english, french, data)


# --- copy once -----------------------------------------------------------------------------------


def test_the_copy_once_dialog_speaks_french(qtbot: QtBot, catalogs: Path, made, data) -> None:
    key = made["ci"]

    def build() -> QWidget:
        return show(qtbot, CopyOnceDialog(key.key, key.unique_name))

    english, french, dialog = in_both(catalogs, build)
    data = data | {key.key}
    assert_all_french(english, french, data)
    with speaking(i18n.FRENCH, catalogs):
        assert isinstance(dialog, CopyOnceDialog)
        dialog.copy_key()
        assert child(dialog, QLabel, "copyStatus").text() == (
            "Copiée. Le presse-papiers sera vidé dans 60 secondes s'il contient encore la clé."
        )
        assert child(dialog, QPushButton, "copyButton").text() == "&Copier"


# --- details -------------------------------------------------------------------------------------


def open_detail(qtbot: QtBot, prefix: str, **options: object) -> KeyDetailDialog:
    dialog = KeyDetailDialog(prefix, data=read_key_detail(prefix), **options)  # type: ignore[arg-type]
    show(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.loading and not dialog.usage.loading, timeout=5000)
    return dialog


def test_the_detail_dialog_in_edit_mode_speaks_french(
    qtbot: QtBot, catalogs: Path, made, data
) -> None:
    prefix = made["billing"].prefix
    english, french, dialog = in_both(catalogs, lambda: open_detail(qtbot, prefix))
    assert_all_french(english, french, data)
    with speaking(i18n.FRENCH, catalogs):
        assert child(dialog, QLabel, "statusLabel").text() == "Active"
        assert child(dialog, QLabel, "revokedValue").text() == "Non"
        assert child(dialog, QLabel, "keySubtitle").text().count("Clé d'API de projet") == 1
        assert FRENCH_DATE.search(child(dialog, QLabel, "createdValue").text())
        editor = child(dialog, QDateTimeEdit, "expiresEdit")
        assert FRENCH_DATE.fullmatch(editor.text()), editor.text()  # the editor too
        hint = child(dialog, QLabel, "expiresHint").text()
        assert hint.startswith("La durée de vie d'une clé ne peut que raccourcir")
        assert FRENCH_DATE.search(hint)
        totals = child(dialog, QLabel, "usageTotals").text()
        assert totals.startswith("13 appels sur les 30 derniers jours · dernière utilisation : ")
        period = child(dialog, QComboBox, "usagePeriod")
        assert [period.itemText(i) for i in range(period.count())] == [
            "30 derniers jours",
            "90 derniers jours",
        ]


def test_a_revoked_key_reads_in_french(qtbot: QtBot, catalogs: Path, made, data) -> None:
    prefix = made["ci"].prefix
    keys.revoke_keys([prefix])
    english, french, dialog = in_both(catalogs, lambda: open_detail(qtbot, prefix))
    assert_all_french(english, french, data)
    with speaking(i18n.FRENCH, catalogs):
        banner = child(dialog, QLabel, "revokedBannerText").text()
        assert banner.startswith("<b>Révoquée</b> le ") and FRENCH_DATE.search(banner)
        assert child(dialog, QLabel, "statusLabel").text() == "Révoquée"
        assert child(dialog, QLabel, "usageNotTracked").text().startswith("Non suivie")


def test_the_detail_dialog_from_the_offline_copy_speaks_french(
    qtbot: QtBot, catalogs: Path, made, data
) -> None:
    prefix = made["billing"].prefix
    read = read_key_detail(prefix)
    as_of = utcnow() - timedelta(minutes=5)

    def build() -> QWidget:
        dialog = KeyDetailDialog(prefix, data=KeyDetailData(read.detail, read.choices, (), as_of))
        show(qtbot, dialog)
        qtbot.waitUntil(lambda: not dialog.usage.loading, timeout=5000)
        return dialog

    english, french, dialog = in_both(catalogs, build)
    assert_all_french(english, french, data)
    with speaking(i18n.FRENCH, catalogs):
        title = dialog.findChild(QWidget, "keyHistoryEmpty")
        assert isinstance(title, QLabel)
        assert title.text() == "Aucune modification de cette clé n'est enregistrée."


# --- rotate ---------------------------------------------------------------------------------------


def test_the_rotate_dialog_speaks_french(qtbot: QtBot, catalogs: Path, made, data) -> None:
    detail = keys.get_key(made["billing"].prefix)
    english, french, dialog = in_both(catalogs, lambda: show(qtbot, RotateKeyDialog(detail)))
    assert_all_french(english, french, data)
    stops = child(dialog, QLabel, "oldKeyStops").text()
    assert stops.startswith("L'ancienne clé cesse de fonctionner le ") and FRENCH_DATE.search(stops)
    grace = child(dialog, QComboBox, "graceCombo")
    assert grace.currentText() == "24 heures"


# --- find leaked keys -----------------------------------------------------------------------------


def test_find_leaked_keys_with_findings_speaks_french(
    qtbot: QtBot, catalogs: Path, made, data
) -> None:
    forged = other_secret(made["ci"].key)
    unknown = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    text = f"billing {made['billing'].key}\nci {forged}\nother {unknown}\n"

    def build() -> QWidget:
        dialog = FindLeakedDialog()
        show(qtbot, dialog)
        child(dialog, QPlainTextEdit, "leakedTextField").setPlainText(text)
        child(dialog, QPushButton, "findKeysButton").click()
        table = child(dialog, QTableWidget, "leakFindings")
        qtbot.waitUntil(lambda: table.rowCount() == 3 and not dialog.busy, timeout=10_000)
        return dialog

    english, french, dialog = in_both(catalogs, build)
    data = data | {text.strip(), keyformat.parse_key(unknown).prefix}
    data |= {line for line in text.splitlines()}
    assert_all_french(english, french, data)
    summary = child(dialog, QLabel, "leakSummary").text()
    assert summary == (
        "3 préfixes trouvés : 1 confirmé, 1 préfixe seul, 1 inconnu. "
        "1 clé confirmée est encore active : révoquez-la maintenant."
    )
    assert child(dialog, QPushButton, "revokeLeakedButton").text() == "&Révoquer 1 clé confirmée…"
    table = child(dialog, QTableWidget, "leakFindings")
    assert table.item(0, 1).text() == "Confirmée : clé divulguée"
    assert table.item(0, 5).text() == "jamais"
    dialog.close()


# --- database ------------------------------------------------------------------------------------


def test_the_database_dialog_speaks_french(qtbot: QtBot, catalogs: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing.db'}"

    def refuse(_url: str) -> str:
        raise AssertionError("not opened in this test")

    def build() -> QWidget:
        return show(qtbot, DatabaseDialog("", url, refuse))

    english, french, dialog = in_both(catalogs, build)
    examples = "sqlite:///path/to/keydesk.db · postgresql://user@host:5432/keydesk · "
    examples += "mysql://user@host:3306/keydesk"
    assert_all_french(english, french, {url, examples, "keydesk"})
    with speaking(i18n.FRENCH, catalogs):
        assert dialog.windowTitle() == "Ouvrir une base de données keydesk"
        assert isinstance(dialog, DatabaseDialog)
        dialog.url_field.clear()
        dialog.retry()
        assert dialog.message() == "Saisissez l'URL d'une base de données ou choisissez un fichier."


# --- usage chart ---------------------------------------------------------------------------------


def test_the_usage_section_speaks_french(qtbot: QtBot, catalogs: Path, made, data) -> None:
    detail = keys.get_key(made["billing"].prefix)
    not_tracked = keys.get_key(made["ci"].prefix)

    def build() -> QWidget:
        box = QWidget()
        tracked = UsageSection(box)
        plain = UsageSection(box)
        show(qtbot, box)
        tracked.show_key(detail)
        plain.show_key(not_tracked)
        qtbot.waitUntil(lambda: not tracked.loading, timeout=5000)
        return box

    english, french, box = in_both(catalogs, build)
    assert_all_french(english, french, data)
    with speaking(i18n.FRENCH, catalogs):
        chart = box.findChild(QWidget, "usageChart")
        assert chart is not None and chart.accessibleName() == "Appels par jour et par modèle"
        days = tuple(date(2026, 11, 1) + timedelta(days=n) for n in range(30))
        assert _date_ticks(days)[-1] == (29, "30 nov.")
    assert _date_ticks(days)[-1] == (29, "Nov 30")


def test_times_in_the_dialogs_follow_the_language(qapp: object, catalogs: Path) -> None:
    moment = datetime(2026, 11, 28, 12, 5)
    with speaking(i18n.FRENCH, catalogs):
        assert FRENCH_DATE.fullmatch(format_time(moment))


def test_the_action_a_dialog_names_to_the_offline_layer_is_said_in_french(
    qtbot: QtBot, catalogs: Path, made
) -> None:
    """The offline layer words its refusals around the action ("editing keys"); the dialogs
    name it as a Sentence, so a French refusal says « la modification des clés »."""
    prefix = made["ci"].prefix
    named: list[str] = []

    class Session:
        def call_online(self, action: str, fn: Callable[[], object]) -> object:
            named.append(action)
            return fn()

    dialog = open_detail(qtbot, prefix)
    dialog.set_session(Session())  # type: ignore[arg-type]
    dialog.form.name.edit.setText("CI runner")
    dialog.save()
    assert named == ["editing keys"] and isinstance(named[0], Sentence)
    with speaking(i18n.FRENCH, catalogs):
        assert i18n.say(named[0]) == "la modification des clés"


def test_what_changed_elsewhere_is_said_in_french(qapp: object, catalogs: Path) -> None:
    fields = {"name": ("Billing", "Payments"), "opt_in": (False, True), "role": ("admin", "x")}
    assert change_lines(fields)[0] == "Name: “Billing” → “Payments”"
    with speaking(i18n.FRENCH, catalogs):
        assert change_lines(fields) == [
            "Nom : « Billing » → « Payments »",
            "Suivi de l'utilisation : non → oui",
            "Rôle : Clé d'API d'administration → x",
        ]
