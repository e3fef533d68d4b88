"""Render the desktop app's screens to PNG from a seeded demo database.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--scale 2]
                                            [--screen 1600x1000] [--language fr]

Runs under Qt's offscreen platform (no display needed), with private settings, so it
never touches the user's own database or preferences, on a virtual screen of
``--screen`` logical pixels at ``--scale`` (Qt's QT_SCALE_FACTOR: 2 is a high-DPI
screen). Produces the main window in both themes (``main-light.png``,
``main-dark.png``), the create and detail dialogs in both themes
(``create-dialog.png``, ``create-dialog-dark.png``, ``detail-dialog.png``,
``detail-dialog-dark.png``, with the usage chart, also alone: ``usage-chart.png``,
``usage-chart-dark.png``), the rotate and find-leaked-keys dialogs in both themes
(``rotate-dialog.png``, ``find-leaked.png`` and their ``-dark`` twins), the keys expiring
soon as the status bar's reminder shows them and the status filter's list
(``main-expiring.png``, ``status-filter.png``, and ``-dark`` of each), the copy-once
dialog, the other pages and the database dialog. ``--language fr`` renders them in
French, from the catalog as committed (compiled here, whatever the install built).
Screens are looked at, not assumed.
"""

# ruff: noqa: E402  (Qt reads the platform from the environment, set before importing it)

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _virtual_screen(argv: list[str]) -> None:
    """Qt reads the platform and scale from the environment when the application starts:
    set them first (an offscreen screen of ``--screen`` logical pixels at ``--scale``)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--screen", default="1600x1000")
    options, _rest = parser.parse_known_args(argv)
    width, height = (int(part) for part in options.screen.split("x"))
    screen = {  # a monitor of this many pixels; at scale 2 it holds half as many points
        "name": "screen",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config = Path(tempfile.gettempdir()) / f"keydesk-screen-{os.getpid()}.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = options.scale


_virtual_screen(sys.argv[1:])

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from keydesk import config
from keydesk.services import audit, catalog, keys, users
from keydesk.services.clock import utcnow
from keydesk.services.verify import Verifier
from keydesk.store.connection import open_database
from keydesk.store.models import ApiKey, UsageMinute
from keydesk.views import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent))
import translations  # scripts/translations.py: compiles the catalog as committed

USERS = (
    ("ada@example.com", "Ada Lovelace"),
    ("grace@example.com", "Grace Hopper"),
    ("linus@example.com", "Linus Torvalds"),
    ("margaret@example.com", "Margaret Hamilton"),
    ("ken@example.com", "Ken Thompson"),
    ("barbara@example.com", "Barbara Liskov"),
)
MODELS = ("alfred-4", "alfred-4-mini", "bertha-2", "cora-vision", "embed-small")
SKILLS = ("web-search", "code-exec")
KEY_NAMES = (
    "Billing service", "CI pipeline", "Staging API", "Data export job", "Support bot",
    "Mobile app (iOS)", "Mobile app (Android)", "Analytics ETL", "Search indexer",
    "Nightly backup check", "Partner integration", "Load test", "Chat widget",
    "Recommendation engine", "Fraud scoring", "Docs site assistant", "Local dev",
    "Translation worker", "Email summariser", "Ops dashboard",
)  # fmt: skip


def seed(url: str, count: int = 40, rng: random.Random | None = None) -> None:
    """A demo database: users, models, ``count`` keys with varied roles and expiries,
    some revoked, some expired, some with recorded use. Written through the services;
    only the past dates (created, expired) are set directly, as no rule allows them."""
    rng = rng or random.Random(7)
    config.configure(bcrypt_rounds=4)
    audit.set_operator("demo-admin")
    open_database(url)
    for email, name in USERS:
        users.add_user(email, name)
    for model in MODELS:
        catalog.add_model(model)
    for skill in SKILLS:
        catalog.add_skill(skill)
    now = utcnow()
    verifier = Verifier(url, remember=False)
    for number in range(count):
        email = USERS[number % len(USERS)][0]
        role = rng.choice(("standard", "standard", "standard", "admin", "project", "project"))
        expires = None if number % 3 == 0 else now + timedelta(days=rng.randrange(2, 400))
        if number % 9 == 4:  # a few keys about to expire: the reminder and its filter
            expires = now + timedelta(days=rng.randrange(1, 7), hours=rng.randrange(0, 24))
        opt_in = number % 2 == 0
        created = keys.create_key(
            keys.NewKey(
                name=f"{KEY_NAMES[number % len(KEY_NAMES)]}"
                + (f" #{number // len(KEY_NAMES) + 1}" if number >= len(KEY_NAMES) else ""),
                user=email,
                role=role,
                models=rng.sample(MODELS, rng.randrange(0, 4)),
                expires=expires,
                opt_in=opt_in,
            )
        )
        if opt_in and number % 4 == 0:
            verifier.verify(created.key)  # records the last use of an opted-in key
        age = timedelta(days=400 - number * 9, hours=rng.randrange(0, 24))
        ApiKey.update(created=now - age).where(ApiKey.prefix == created.prefix).execute()
        if number % 7 == 3:
            past = now - timedelta(days=rng.randrange(1, 60))
            ApiKey.update(expires=past).where(ApiKey.prefix == created.prefix).execute()
        if number % 6 == 5:
            keys.revoke_keys([created.prefix])
    verifier.close()  # writes the usage counted above
    seed_usage(now, rng)


def seed_usage(now: Any, rng: random.Random) -> None:
    """90 days of calls per model for the opted-in keys, so the usage chart has a shape:
    weekdays busier than weekends, one model growing, one fading."""
    rows = []
    for key_id, key_models in _opted_in_keys():
        for day in range(90):
            moment = (now - timedelta(days=day)).replace(hour=12, minute=0, second=0)
            weekday = moment.weekday() < 5
            for index, model in enumerate(key_models[:3] or ("",)):
                trend = (90 - day) / 90 if index == 0 else (day / 90 if index == 1 else 0.5)
                calls = int(rng.uniform(0.6, 1.0) * (400 if weekday else 120) * trend)
                if calls:
                    rows.append({"key": key_id, "minute": moment, "model": model, "calls": calls})
    for start in range(0, len(rows), 500):
        UsageMinute.insert_many(rows[start : start + 500]).execute()


def _opted_in_keys() -> list[tuple[int, tuple[str, ...]]]:
    return [
        (key.id, keys.get_key(key.prefix).models)
        for key in ApiKey.select().where(ApiKey.opt_in == True)  # noqa: E712
    ]


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready in time")
        assert app is not None
        app.processEvents()
        time.sleep(0.01)


def settle(widget: QWidget) -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    widget.repaint()


def render_main(out: Path, url: str) -> list[Path]:
    from keydesk.app import main_window
    from keydesk.views import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    manager = theme.ThemeManager.for_app(app)
    written = []
    window = main_window(url)
    window.show()  # at the size the window chooses for the screen
    wait_until(lambda: not window.keys_page.loading)
    window.keys_page.table.selectRow(2)
    for mode in (theme.LIGHT, theme.DARK):
        manager.apply(mode, remember=False)
        settle(window)
        path = out / f"main-{mode}.png"
        window.grab().save(str(path))
        written.append(path)
        written += render_dialogs(out, window, "" if mode == theme.LIGHT else "-dark")
        written += render_expiring(out, window, "" if mode == theme.LIGHT else "-dark")
    manager.apply(theme.LIGHT, remember=False)
    written += render_pages(out, window)
    path = render_copy_once_dialog(out / "copy-once.png", window)
    if path is not None:
        written.append(path)
    window.close()
    return written


def render_expiring(out: Path, window: Any, suffix: str) -> list[Path]:
    """The keys expiring soon, as one click on the status bar's reminder shows them
    (``main-expiring``), and the status filter's list open (``status-filter``)."""
    written = []
    window.expiry_reminder.click()
    settle(window)
    path = out / f"main-expiring{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    combo = window.keys_page.status_filter
    combo.showPopup()
    settle(window)
    popup = combo.view().window()
    settle(popup)
    path = out / f"status-filter{suffix}.png"
    popup.grab().save(str(path))
    written.append(path)
    combo.hidePopup()
    combo.select("all")
    settle(window)
    return written


def render_pages(out: Path, window: Any) -> list[Path]:
    """The Users, Models and Audit log pages, and the database dialog (light theme)."""
    from keydesk.views.database_dialog import DatabaseDialog

    written = []
    window.users_page.search_field.clear()
    for page, name, ready in (
        (1, "users", lambda: window.users_page.model.rowCount() > 0),
        (2, "models", lambda: window.models_page.models_list.count() > 0),
        (3, "audit", lambda: window.audit_page.model.rowCount() > 0),
    ):
        window.show_page(page)
        wait_until(ready)
        settle(window)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)
    window.show_page(0)
    dialog = DatabaseDialog(
        "/home/ada/notes.db is not a database file (it is not SQLite).",
        "sqlite:////home/ada/notes.db",
        lambda url: url,
        window,
    )
    dialog.show()
    settle(dialog)
    path = out / "database-dialog.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.hide()
    dialog.deleteLater()
    return written


def render_dialogs(out: Path, window: Any, suffix: str) -> list[Path]:
    """The create dialog, and the detail dialog of an opted-in key with an expiry, in
    the current theme; ``suffix`` ends their file names."""
    from keydesk.views.create_dialog import CreateKeyDialog
    from keydesk.views.key_detail_dialog import KeyDetailDialog

    written = []
    dialog = CreateKeyDialog(window)
    dialog.form.models.set_checked(MODELS[:2])
    dialog.expiry_presets.select(30)  # a preset says the moment it stands for
    dialog.show()
    settle(dialog)
    path = out / f"create-dialog{suffix}.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.hide()  # not close(): that may ask about unsaved input
    dialog.deleteLater()

    page = window.keys_page
    rows = [page.proxy.key_row(row) for row in range(page.proxy.rowCount())]
    shown = next(
        row for row in rows if row.opt_in and row.expires and not row.revoked and row.last_used
    )
    detail = KeyDetailDialog(shown.prefix, page, session=page.session)
    detail.show()
    wait_until(lambda: detail.findChild(QWidget, "uniqueNameTitle").text() == shown.unique_name)
    wait_until(lambda: not detail.usage.loading)
    settle(detail)
    path = out / f"detail-dialog{suffix}.png"
    detail.grab().save(str(path))
    written.append(path)
    path = out / f"usage-chart{suffix}.png"  # the dialog may scroll it out of view
    detail.usage.grab().save(str(path))
    written.append(path)
    detail.hide()
    detail.deleteLater()
    written += render_lifecycle(out, window, shown.prefix, suffix)
    return written


def render_lifecycle(out: Path, window: Any, prefix: str, suffix: str) -> list[Path]:
    """The rotate dialog of ``prefix`` and the find-leaked-keys dialog with findings (a
    real key of a fresh demo key, a same-prefix forgery, an unknown key), in the current
    theme. The demo database is thrown away afterwards."""
    from keydesk import keyformat
    from keydesk.views.leaks_dialog import FindLeakedDialog
    from keydesk.views.rotate_dialog import RotateKeyDialog

    written = []
    rotate = RotateKeyDialog(keys.get_key(prefix), window)
    rotate.show()
    settle(rotate)
    path = out / f"rotate-dialog{suffix}.png"
    rotate.grab().save(str(path))
    written.append(path)
    rotate.hide()
    rotate.deleteLater()

    leaked = keys.create_key(
        keys.NewKey(name="Payments webhook", user=USERS[1][0], models=[MODELS[0]], opt_in=True)
    )
    other = keys.create_key(keys.NewKey(name="Nightly export", user=USERS[3][0]))
    forged = keyformat.format_key(other.prefix, "Q" * 32)
    unknown = keyformat.format_key("kd_Zz9Yy8Xx", "w" * 32)
    dialog = FindLeakedDialog(window)
    dialog.text_field.setPlainText(
        "[09:14] grace: deploy failed, config below\n"
        f"PAYMENTS_KEY={leaked.key}\n"
        f"[09:15] linus: the export one is {forged} I think\n"
        f"[09:16] ci-bot: token={unknown} rejected\n"
    )
    dialog.show()
    dialog.find_keys()
    wait_until(lambda: not dialog.busy)
    settle(dialog)
    path = out / f"find-leaked{suffix}.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.hide()
    dialog.deleteLater()
    keys.delete_keys([leaked.prefix, other.prefix])
    return written


def render_copy_once_dialog(path: Path, parent: QWidget) -> Path:
    """Render the copy-once dialog with a made-up key (never a real one)."""
    from keydesk import keyformat
    from keydesk.views.copy_once_dialog import CopyOnceDialog

    demo_key = keyformat.format_key("kd_Demo1234", "x" * 32)
    dialog = CopyOnceDialog(demo_key, "calm-otter-4821", parent)
    dialog.show()
    settle(dialog)
    dialog.grab().save(str(path))
    dialog.hide()  # not done(): closing uncopied asks for confirmation
    dialog.deleteLater()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--scale", default="1", help="Qt's scale factor (2: a high-DPI screen)")
    parser.add_argument("--screen", default="1600x1000", help="the screen's size in pixels")
    parser.add_argument("--language", choices=("en", "fr"), default="en")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="keydesk-shots-") as folder:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        os.environ.pop("KEYDESK_DB", None)
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        app = QApplication([sys.argv[0]])
        app.setApplicationName("keydesk")
        if options.language != i18n.ENGLISH:
            i18n.CATALOG_DIR = Path(folder) / "catalogs"
            translations.compile_to(i18n.CATALOG_DIR)
        i18n.apply(options.language)
        seed(url, options.keys)
        for path in render_main(options.out, url):
            print(path)
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
