"""Launch imports only what the first paint needs: ``import keydesk.app`` in a fresh
interpreter leaves the dialogs, the server drivers, the email validator and the chart
library for later, when something first uses them (see the README, "Performance")."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

DEFERRED = [
    "psycopg2",  # opening a postgresql:// URL (keydesk.drivers)
    "pymysql",  # opening a mysql:// URL
    "email_validator",  # adding or editing a user
    "pyqtgraph",  # the usage chart
    "keydesk.views.create_dialog",
    "keydesk.views.database_dialog",  # only when a database cannot be opened, or File → Open
    "keydesk.views.key_detail_dialog",
    "keydesk.views.key_detail_parts",  # what the detail dialog reads and shows
    "keydesk.views.key_form",  # the create and detail dialogs' form
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


#: Peewee's driver globals once keydesk.drivers.load gave them, against a plain import of
#: the drivers before Peewee: the same.
DRIVERS_GIVEN = """
import sys
{setup}
import peewee
from playhouse import db_url, postgres_ext
import psycopg2.extensions, psycopg2.extras, pymysql
adapter = peewee.Psycopg2Adapter
print(
    peewee.psycopg2 is sys.modules["psycopg2"],
    peewee.pg_extensions is psycopg2.extensions,
    peewee.Json_pg2 is psycopg2.extras.Json,
    peewee.pg_register_uuid is psycopg2.extras.register_uuid,
    (adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown),
    postgres_ext.register_hstore is psycopg2.extras.register_hstore,
    peewee.mysql is pymysql,
    sorted(db_url.schemes),
)
"""


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def test_a_loaded_driver_is_peewees_as_if_imported_first() -> None:
    deferred = run(
        DRIVERS_GIVEN.format(
            setup="import keydesk.app\n"
            "from keydesk import drivers\n"
            "assert 'psycopg2' not in sys.modules\n"
            "drivers.load('postgresql'); drivers.load('mysql')"
        )
    )
    eager = run(DRIVERS_GIVEN.format(setup="import psycopg2, pymysql"))
    assert deferred == eager
    assert deferred.startswith("True True True True (")


@pytest.mark.parametrize("variable", ["KEYDESK_TEST_POSTGRES", "KEYDESK_TEST_MYSQL"])
def test_a_server_url_opens_after_a_lean_launch(variable: str) -> None:
    url = os.environ.get(variable)
    if not url:
        pytest.skip(f"{variable} is not set")
    code = (
        "import sys, keydesk.app\n"
        "from keydesk.store.connection import build_database\n"
        f"db = build_database({url!r})\n"
        "db.connect()\n"
        "print(db.execute_sql('SELECT 1').fetchone()[0])"
    )
    assert run(code).split() == ["1"]
