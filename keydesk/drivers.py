"""The server drivers, imported when a server URL is opened rather than with Peewee.

Peewee imports psycopg2 and PyMySQL (or MySQLdb) when it is itself imported, and so does playhouse.db_url, ~50-80 ms
of a launch on a SQLite file that never uses them. :func:`hold_back` (called by the
package's ``__init__``, before anything imports Peewee) makes that first import of
Peewee see them as absent; :func:`load` imports the one a URL needs and gives it to
Peewee as its own import would have (the same names, the same ``register_uuid()``), so
Peewee then works exactly as if it had found the driver. If the driver is not
installed, :func:`load` leaves Peewee as it was: it says so when connecting, as before.
Whatever already imported a driver (or Peewee) keeps it: then there is nothing to do.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

#: What Peewee tries to import at its own import, that only a server URL needs.
HELD_BACK = ("psycopg2", "pymysql", "MySQLdb")


#: The modules whose first import tries those drivers: Peewee, and playhouse.db_url
#: (through playhouse.cockroachdb and playhouse.postgres_ext).
IMPORTERS = ("peewee", "playhouse.db_url")


class _WithoutDrivers(importlib.abc.MetaPathFinder):
    """Finds :data:`IMPORTERS` through the other finders and runs each with the drivers
    absent, once; then it leaves :data:`sys.meta_path`."""

    def __init__(self) -> None:
        self._waiting = {name for name in IMPORTERS if name not in sys.modules}

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self._waiting:
            return None
        self._waiting.discard(fullname)
        if not self._waiting:
            sys.meta_path.remove(self)
        spec = None
        for finder in sys.meta_path:
            if finder is not self:
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
        if spec is not None and spec.loader is not None:
            spec.loader = _Held(spec.loader)
        return spec


class _Held(importlib.abc.Loader):
    """``loader``, running its module with :data:`HELD_BACK` absent from sys.modules."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        absent = [name for name in HELD_BACK if name not in sys.modules]
        for name in absent:
            sys.modules[name] = None  # type: ignore[assignment]  # "import name" fails
        try:
            self._loader.exec_module(module)
        finally:
            for name in absent:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]


def hold_back() -> None:
    """Have the first import of Peewee leave the server drivers out (a no-op once Peewee
    is imported, or if this was already done)."""
    if all(name in sys.modules for name in IMPORTERS):
        return
    if any(isinstance(finder, _WithoutDrivers) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _WithoutDrivers())


def load(kind: str) -> None:
    """Import the driver of a ``postgresql`` or ``mysql`` database and hand it to Peewee,
    if Peewee does not hold it yet."""
    import peewee as typed_peewee

    peewee: Any = typed_peewee  # its driver globals are not in its stubs

    if kind == "postgresql" and peewee.psycopg2 is None:
        try:
            import psycopg2
            from psycopg2 import extensions, extras
            from psycopg2.extras import Json, register_uuid
        except ImportError:
            return
        register_uuid()
        peewee.psycopg2 = psycopg2
        peewee.pg_extensions = extensions
        peewee.pg_register_uuid = register_uuid
        peewee.Json_pg2 = Json
        adapter = peewee.Psycopg2Adapter
        adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
        adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
        adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
        postgres_ext = sys.modules.get("playhouse.postgres_ext")
        if postgres_ext is not None:  # imported without it: its hstore hook was a no-op
            hook = vars(extras)["register_hstore"]  # not in psycopg2's stubs
            postgres_ext.register_hstore = hook  # type: ignore[attr-defined]
    elif kind == "mysql" and peewee.mysql is None:
        try:
            import pymysql as mysql
        except ImportError:
            try:
                import MySQLdb as mysql
            except ImportError:
                return
        peewee.mysql = mysql
