"""keydesk: manage the API keys of an AI platform.

``keydesk.verify(key, model=None)`` is the library entry point for services that
check a presented key; it needs no Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keydesk.services.verify import Verdict

__all__ = ["verify"]


def verify(key: object, model: str | None = None, *, db_url: str | None = None) -> Verdict:
    """Verify a presented key and return a :class:`~keydesk.services.verify.Verdict`.

    Uses the database already opened in this process, else ``db_url``, else the
    configured default (``$KEYDESK_DB`` or the embedded SQLite file).
    """
    from keydesk.config import default_db_url
    from keydesk.services.verify import verify_key
    from keydesk.store.connection import is_bound, open_database

    if db_url is not None or not is_bound():
        open_database(db_url or default_db_url())
    return verify_key(key, model)
