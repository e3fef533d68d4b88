"""keydesk: manage the API keys of an AI platform.

For services that check a presented key (no Qt needed):

* ``keydesk.verify(key, model=None)`` uses one :class:`Verifier` per process, on
  ``$KEYDESK_DB`` (else the embedded SQLite file), made on first use;
* ``keydesk.Verifier(db_url)`` is an explicit one (close it when done).

Both answer a :class:`~keydesk.services.verify.Verdict`; see
:mod:`keydesk.services.verify` for what they remember and for how long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keydesk.services.verify import Verdict, Verifier

__all__ = ["Verdict", "Verifier", "verify"]


def verify(key: object, model: str | None = None, *, db_url: str | None = None) -> Verdict:
    """Verify a presented key with the process-wide verifier on ``db_url`` (default:
    ``$KEYDESK_DB``, else the embedded SQLite file)."""
    from keydesk.services.verify import shared_verifier

    return shared_verifier(db_url).verify(key, model)


def __getattr__(name: str) -> Any:
    # Verifier and Verdict load peewee and bcrypt: only when asked for, so that importing
    # keydesk (e.g. for the GUI's entry point) stays cheap.
    if name in ("Verifier", "Verdict"):
        from keydesk.services import verify as module

        return getattr(module, name)
    raise AttributeError(f"module 'keydesk' has no attribute {name!r}")
