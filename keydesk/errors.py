"""The errors keydesk reports to people. Each carries one clear sentence as its message.

Store and services raise only these (or subclasses) for anything a user can cause,
so the CLI prints ``str(error)`` and the GUI shows it, never a traceback. No message
ever contains a secret.
"""

from __future__ import annotations

from collections.abc import Mapping


class Sentence(str):
    """An English sentence that remembers the template and values it was made from, so
    the desktop app can say it in the user's language (``keydesk.views.i18n.say``)
    while the command line, logs and ``str()`` keep the English."""

    template: str
    context: str
    values: Mapping[str, object]

    def __new__(cls, context: str, template: str, values: Mapping[str, object]) -> Sentence:
        made = super().__new__(cls, template.format(**values) if values else template)
        made.context = context
        made.template = template
        made.values = dict(values)
        return made

    def __reduce__(self) -> tuple[object, ...]:  # survives pickling (worker processes)
        return (Sentence, (self.context, self.template, dict(self.values)))

    def format(self, *args: object, **values: object) -> Sentence:
        """The sentence with ``{name}`` placeholders filled: still a Sentence, so the GUI
        can say it in its language; ``str()`` is ``template.format(**values)``."""
        if args:
            raise TypeError("a Sentence takes its values by name, e.g. .format(name=...)")
        return Sentence(self.context, self.template, {**self.values, **values})


def sentence(context: str, template: str, /, **values: object) -> Sentence:
    """A sentence for people, translatable: ``context`` groups it in the catalog and
    ``template`` is a literal with ``{name}`` placeholders, filled by ``.format(name=…)``
    like a ``tr()`` text: ``sentence("Users", "There is no user {email}.").format(email=e)``.

    ``scripts/translations.py`` reads each call as Qt's QT_TRANSLATE_NOOP, which lupdate
    matches only with exactly two arguments: both must be string literals, and values go
    in through :meth:`Sentence.format` (values given here work at run time but lupdate
    skips the call, so its text would never be translated: tests/test_sentences.py
    refuses them)."""
    return Sentence(context, template, values)


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


class DriverMissing(DatabaseUnavailable):
    """The Python driver for this kind of server is not installed."""


class AuthenticationFailed(DatabaseError):
    """The server answered but refused the login: retrying will not help."""


class DiskFull(DatabaseError):
    """The disk (or the server's) holding the database has no room left: nothing was
    changed."""


class ReadOnlyDatabase(DatabaseError):
    """The database may be read but not written (file permissions, a read-only server)."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock longer than keydesk waits: nothing was
    changed; trying again later works."""


class DatabaseGone(DatabaseError):
    """The SQLite file open here was deleted, moved or replaced under this process: a
    change now would be lost, so none is made."""


# --- rules --------------------------------------------------------------------------


class ValidationError(KeydeskError):
    """Input breaks a rule; ``field`` names the input at fault so a form can point at it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class BadInput(ValidationError):
    """Input that no database or parser can take (a NUL character, a date beyond the
    calendar): bad usage, like an unknown option."""


class NotFound(KeydeskError):
    pass


class KeyRevoked(ValidationError):
    """The key is revoked: it is read-only except for deletion."""


class ExpiryExtended(ValidationError):
    """An edit would make a key live longer than it was allowed to at creation."""


class Conflict(KeydeskError):
    """Someone else changed the record since it was read.

    ``changed_fields`` maps each field that differs between what the caller loaded and
    what the database holds now to ``(as loaded, now)``; ``by`` is the operator who made
    the last change, from the audit trail (None when unknown); ``current`` is the record as
    it is now (a ``KeyDetail`` for keys; None when it was deleted). A dialog shows the
    message, reloads, and lets the person apply their change again.
    """

    def __init__(
        self,
        message: str,
        *,
        changed_fields: dict[str, tuple[object, object]] | None = None,
        by: str | None = None,
        current: object | None = None,
    ) -> None:
        super().__init__(message)
        self.changed_fields: dict[str, tuple[object, object]] = dict(changed_fields or {})
        self.by = by
        self.current = current


class PermissionDenied(KeydeskError):
    """The database refused the change because the connection's role may not make it
    (e.g. the support role editing a key). ``action`` names what was attempted."""

    def __init__(self, message: str, action: str | None = None) -> None:
        super().__init__(message)
        self.action = action


class RolesUnsupported(KeydeskError):
    """Database roles were asked of a backend that keydesk cannot give them on."""
