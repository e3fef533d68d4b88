"""The errors keydesk reports to people. Each carries one clear sentence as its message.

Store and services raise only these (or subclasses) for anything a user can cause,
so the CLI prints ``str(error)`` and the GUI shows it, never a traceback. No message
ever contains a secret.
"""

from __future__ import annotations


class KeydeskError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show a user."""


# --- opening a database -------------------------------------------------------------


class DatabaseError(KeydeskError):
    """The database could not be opened or used."""


class BadDatabaseUrl(DatabaseError):
    pass


class DatabaseUnavailable(DatabaseError):
    pass


class NotADatabase(DatabaseError):
    pass


class SchemaTooNew(DatabaseError):
    pass


# --- rules --------------------------------------------------------------------------


class ValidationError(KeydeskError):
    """Input breaks a rule; ``field`` names the input at fault so a form can point at it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(KeydeskError):
    pass


class KeyRevoked(ValidationError):
    """The key is revoked: it is read-only except for deletion."""


class ExpiryExtended(ValidationError):
    """An edit would make a key live longer than it was allowed to at creation."""


class Conflict(KeydeskError):
    """Someone else changed the record since it was read."""
