"""The keys page in French: the status words (shown and spoken), counts with their plural
and the language's thousands separator, the status filter, the empty states, the expiry
reminder, the bulk progress and the revoke and delete confirmations. Each screen is the
real main window over a temporary SQLite database, built after the app switched to
French (the window's texts are made when it is built)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from support.desks import when_modal

from keydesk.services import catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.services.keys import NewKey
from keydesk.store.models import ApiKey
from keydesk.views.key_table_columns import (
    COL_EXPIRES,
    COL_HAS_EXPIRED,
    COL_NAME,
    COL_REVOKED,
    COL_ROLE,
)
from keydesk.views.main_window import MainWindow

OWNER = "ada@example.com"
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
#: name → (expires in this many days, None: never; revoked)
STATUSES = {
    "forever": (None, False),
    "soon": (3.5, False),
    "later": (40, False),
    "past": (-2, False),
    "leaked": (None, True),
}


def plain(text: str) -> str:
    """French numbers are grouped with a (narrow) no-break space: read it as a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def seed_statuses() -> dict[str, str]:
    """One key of each status (see STATUSES); returns name → prefix."""
    users.add_user(OWNER, "Ada")
    catalog.add_model("alfred-4")
    now, made = utcnow(), {}
    for name, (days, _revoked) in STATUSES.items():
        created = keys.create_key(NewKey(name=name, user=OWNER, role="admin"))
        made[name] = created.prefix
        if days is not None:
            expires = now + timedelta(days=days)
            ApiKey.update(expires=expires).where(ApiKey.prefix == created.prefix).execute()
    keys.revoke_keys([made[name] for name, (_d, revoked) in STATUSES.items() if revoked])
    return made


@pytest.fixture
def open_window(windows, sqlite_db: str) -> Callable[[], MainWindow]:
    """Builds the main window (in the language spoken when called), shown and loaded."""
    return lambda: windows(sqlite_db, size=(1280, 640))


def row_of(window: MainWindow, name: str) -> int:
    model = window.keys_page.table.model()
    for row in range(model.rowCount()):
        if model.index(row, COL_NAME).data() == name:
            return row
    raise AssertionError(f"no row named {name}")


def cell(
    window: MainWindow, name: str, column: int, role: Any = Qt.ItemDataRole.DisplayRole
) -> Any:
    model = window.keys_page.table.model()
    return model.index(row_of(window, name), column).data(role)


def spoken_cell(table: QAccessibleInterface, row: int, column: int) -> str:
    """The name a screen reader reads for the cell at (row, column) of the view."""
    for number in range(table.childCount()):
        child = table.child(number)
        if child is None or child.role() != QAccessible.Role.Cell:
            continue
        place = child.tableCellInterface()
        if place.rowIndex() == row and place.columnIndex() == column:
            return str(child.text(QAccessible.Text.Name))
    raise AssertionError(f"no accessible cell at {row}, {column}")


def select_names(window: MainWindow, *names: str) -> None:
    table = window.keys_page.table
    selection = table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for name in names:
        selection.select(table.model().index(row_of(window, name), 0), flags)


def test_the_status_columns_say_each_status_in_french_and_aloud(
    french: None, open_window: Callable[[], MainWindow]
) -> None:
    seed_statuses()
    window = open_window()
    assert cell(window, "past", COL_HAS_EXPIRED) == "Expirée"
    assert cell(window, "forever", COL_HAS_EXPIRED) == "Non"
    assert cell(window, "leaked", COL_REVOKED) == "Révoquée"
    assert cell(window, "forever", COL_EXPIRES) == "Jamais"
    assert cell(window, "forever", COL_ROLE) == "Clé d'API d'administration"
    # What a screen reader hears: the status in words, not a bare "Non".
    assert cell(window, "soon", COL_HAS_EXPIRED, ACCESSIBLE) == "Expire dans 3 jours"
    assert cell(window, "past", COL_HAS_EXPIRED, ACCESSIBLE) == "Expirée"
    assert cell(window, "forever", COL_HAS_EXPIRED, ACCESSIBLE) == "N'expire pas"
    assert cell(window, "leaked", COL_REVOKED, ACCESSIBLE) == "Révoquée"
    assert cell(window, "soon", COL_REVOKED, ACCESSIBLE) == "Non révoquée"
    headers = window.keys_page.table.model()
    titles = [
        headers.headerData(c, Qt.Orientation.Horizontal) for c in range(headers.columnCount())
    ]
    assert titles[:3] == ["Préfixe", "Nom unique", "Nom"] and "Dernière utilisation" in titles

    # The same words through Qt's accessibility interface of the table's cells.
    table = window.keys_page.table
    interface = QAccessible.queryAccessibleInterface(table)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == "Clés d'API"
    assert spoken_cell(interface, row_of(window, "soon"), COL_HAS_EXPIRED) == (
        "Expire dans 3 jours"
    )
    assert spoken_cell(interface, row_of(window, "leaked"), COL_REVOKED) == "Révoquée"
    assert spoken_cell(interface, row_of(window, "past"), COL_HAS_EXPIRED) == "Expirée"


def test_the_status_columns_speak_english_too(open_window: Callable[[], MainWindow]) -> None:
    seed_statuses()
    window = open_window()
    assert cell(window, "soon", COL_HAS_EXPIRED) == "No"
    assert cell(window, "soon", COL_HAS_EXPIRED, ACCESSIBLE) == "Expires in 3 days"
    assert cell(window, "forever", COL_HAS_EXPIRED, ACCESSIBLE) == "Does not expire"
    assert cell(window, "leaked", COL_REVOKED, ACCESSIBLE) == "Revoked"
    assert cell(window, "forever", COL_REVOKED, ACCESSIBLE) == "Not revoked"


def test_counts_agree_in_number_and_group_thousands(
    qtbot: Any, french: None, open_window: Callable[[], MainWindow]
) -> None:
    seed_statuses()
    window = open_window()
    assert window.count_text() == "5 sur 5 clés"
    qtbot.keyClicks(window.keys_page.search_field, "leaked")
    qtbot.waitUntil(lambda: window.count_text() == "1 sur 5 clés", timeout=2000)
    window._show_counts(1, 1, False)
    assert window.count_text() == "1 sur 1 clé"
    window._show_counts(1500, 12345, False)
    assert plain(window.count_text()) == "1 500 sur 12 345 clés"
    window._show_counts(0, 2500, True)
    assert plain(window.count_text()) == "Chargement des clés… 2 500 pour l'instant"


def test_the_status_filter_names_each_status_with_its_count(
    french: None, open_window: Callable[[], MainWindow]
) -> None:
    seed_statuses()
    window = open_window()
    combo = window.keys_page.status_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Toutes (5)",
        "Actives (3)",
        "Expirant bientôt (1)",
        "Expirées (1)",
        "Révoquées (1)",
    ]
    assert combo.accessibleName() == "Filtre d'état"
    assert "d'ici 7 jours" in combo.toolTip()


def test_empty_states_explain_in_french(
    qtbot: Any, french: None, open_window: Callable[[], MainWindow], sqlite_db: str
) -> None:
    window = open_window()
    empty = window.keys_page.empty_state
    assert empty.showing == "Aucune clé d'API pour l'instant"
    assert "Ajouter une clé d'API (Ctrl+N)" in empty.text.text()
    assert empty.button.text() == "Ajouter une clé d'API…"
    window.close()

    seed_statuses()
    window = open_window()
    page = window.keys_page
    qtbot.keyClicks(page.search_field, "zebre")
    qtbot.waitUntil(lambda: page.empty_state.showing != "", timeout=2000)
    empty = page.empty_state
    assert empty.showing == "Aucune clé ne correspond à « zebre »"
    assert empty.text.text().endswith("Effacez-la (Échap) pour voir les 5 clés.")
    assert empty.button.text() == "Effacer la recherche"

    page.set_search("forever")  # an active key only
    page.status_filter.select("revoked")
    qtbot.waitUntil(lambda: empty.showing.startswith("Aucune clé révoquée"), timeout=2000)
    assert empty.showing == "Aucune clé révoquée ne correspond à « forever »"
    assert empty.text.text() == "Le filtre d'état n'affiche que les clés révoquées."
    assert empty.button.text() == "Afficher tous les états"
    page.set_search("")
    page.status_filter.select("expiring")
    page.set_search("later")
    qtbot.waitUntil(lambda: "bientôt" in empty.showing, timeout=2000)
    assert empty.showing == "Aucune clé qui expire bientôt ne correspond à « later »"


def test_the_expiry_reminder_counts_in_french(
    qtbot: Any, french: None, open_window: Callable[[], MainWindow]
) -> None:
    seed_statuses()
    window = open_window()
    reminder = window.expiry_reminder
    qtbot.waitUntil(reminder.isVisible, timeout=2000)
    assert reminder.text() == "1 clé expire d'ici 7 jours"
    assert reminder.accessibleName() == "Rappel : 1 clé expire d'ici 7 jours"
    assert reminder.reminder_text(3) == "3 clés expirent d'ici 7 jours"
    assert plain(reminder.reminder_text(1200)) == "1 200 clés expirent d'ici 7 jours"
    reminder.click()
    assert window.keys_page.status_filter.currentText() == "Expirant bientôt (1)"


def test_revoking_asks_and_reports_in_french(
    qtbot: Any,
    french: None,
    open_window: Callable[[], MainWindow],
    answer_box: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keydesk.views import key_actions

    made = seed_statuses()
    window = open_window()
    page = window.keys_page

    # One key: the question names it; Annuler (Qt's own French) leaves it as it is.
    select_names(window, "forever")
    buttons: list[str] = []
    told: list[str] = []

    def read_then_cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text() + "\n" + box.informativeText())
        buttons.extend(button.text() for button in box.findChildren(QAbstractButton))
        box.findChild(QAbstractButton, "confirmCancelButton").click()

    when_modal("confirmDialog", read_then_cancel)
    page.revoke_action.trigger()
    assert told and told[0].startswith(f"Révoquer la clé « forever » ({made['forever']}) ?")
    assert "La révocation est irréversible." in told[0]
    assert "Révoquer" in buttons and "Annuler" in buttons
    assert cell(window, "forever", COL_REVOKED) == "Non"

    # Two keys, one already revoked: counted, with the bulk progress in French.
    release, started = threading.Event(), threading.Event()
    real_revoke = key_actions.revoke_keys

    def slow_revoke(prefixes: list[str], **kwargs: Any) -> Any:
        started.set()
        release.wait(5)
        return real_revoke(prefixes, **kwargs)

    monkeypatch.setattr(key_actions, "revoke_keys", slow_revoke)
    select_names(window, "forever", "soon", "leaked")
    assert page.revoke_action.text() == "Révoquer la sélection (3)…"
    told = answer_box("confirmDialog", "confirmAcceptButton")
    page.revoke_action.trigger()
    assert told and told[0].startswith("Révoquer 2 clés ?")
    assert "1 clé sélectionnée déjà révoquée reste telle quelle." in told[0]
    qtbot.waitUntil(started.is_set, timeout=5000)
    progress = page.bulk_progress
    assert progress.label.text().startswith("Révocation de 2 clés…")
    assert progress.cancel_button.text() == "Annuler"
    assert progress.bar.accessibleName() == "Avancement de la modification"
    assert "attendez que ce soit terminé" in page.revoke_action.toolTip()
    release.set()
    qtbot.waitUntil(lambda: not page.changing, timeout=5000)
    assert cell(window, "soon", COL_REVOKED) == "Révoquée"


def test_deleting_asks_in_french(
    qtbot: Any, french: None, open_window: Callable[[], MainWindow], answer_box: Any
) -> None:
    seed_statuses()
    window = open_window()
    page = window.keys_page
    select_names(window, "past", "later")
    assert page.delete_action.text() == "Supprimer la sélection (2)…"
    told = answer_box("confirmDialog", "confirmAcceptButton")
    page.delete_action.trigger()
    assert told and told[0].startswith("Supprimer 2 clés ?")
    assert "La suppression est définitive" in told[0]
    qtbot.waitUntil(lambda: window.count_text() == "3 sur 3 clés", timeout=5000)


def test_the_menus_speak_french_with_their_own_accelerators(
    french: None, open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Clés", "&Affichage", "Aid&e"]
    accelerators = [t[t.index("&") + 1].lower() for t in titles]
    assert len(set(accelerators)) == len(accelerators)
    sidebar = window.sidebar
    assert [sidebar.item(r).text() for r in range(sidebar.count())] == [
        "Clés d'API",
        "Utilisateurs",
        "Modèles",
        "Journal d'audit",
    ]
    page = window.keys_page
    assert page.add_button.text() == "Ajouter une clé d'API"
    assert page.actions_button.text() == "Actions"
    assert page.search_field.placeholderText() == "Rechercher préfixe, nom, utilisateur, rôle…"
    assert page.search_field.accessibleName() == "Rechercher des clés"
