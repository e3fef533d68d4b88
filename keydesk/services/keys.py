"""API keys: create, read, edit, revoke, delete. Every rule of the product lives here once.

* name: 1-50 characters after trimming; role: standard, admin or project;
* exactly one owner, who must exist and be active to receive a key;
* a key's lifetime never grows: an edit may set an expiry where there was none or move
  it earlier, never later, never remove it;
* revoking is final, and a revoked key is read-only except for deletion;
* every change writes an audit event in the same transaction;
* the plaintext key exists once, in the :class:`CreatedKey` returned by
  :func:`create_key`; only the bcrypt hash of its secret part is stored.

Several desks share one database: each key carries a version, and an edit based on a
stale read is refused with a :class:`~keydesk.errors.Conflict` that says who changed
what. Reading never selects ``secret_hash`` (a support role may not read it), and a
change the database role may not make raises :class:`~keydesk.errors.PermissionDenied`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

import peewee

from keydesk import keyformat
from keydesk.config import settings
from keydesk.errors import Conflict, ExpiryExtended, KeyRevoked, NotFound, ValidationError
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error, revokes_through_function
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.hashing import hash_secret
from keydesk.services.key_fields import KEY_FIELDS
from keydesk.services.names import generate_unique_name
from keydesk.services.threads import pause_for_gui
from keydesk.services.users import get_user
from keydesk.store.connection import database, write_transaction
from keydesk.store.models import (
    AiModel,
    ApiKey,
    KeyModel,
    KeySkill,
    Skill,
    UsageMinute,
    User,
    tuples,
)

NAME_MAX = 50
ROLES: dict[str, str] = {
    "standard": "Standard API Key",
    "admin": "Admin API Key",
    "project": "Project API Key",
}


def role_label(code: str) -> str:
    """The label people read for a role code; an unknown code reads as itself."""
    return ROLES.get(code, code)


_CREATE_ATTEMPTS = 20
_CHUNK = 500  # prefixes per IN (...): well under every backend's parameter limit


class _Unset(enum.Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET


# --- values exchanged with the GUI and CLI ------------------------------------------------


class KeyRow(NamedTuple):
    """One row of the keys table, read in bulk as a plain tuple (datetimes naive UTC)."""

    prefix: str
    unique_name: str
    name: str
    user: str
    role: str
    created: datetime
    expires: datetime | None
    revoked: bool
    last_used: datetime | None
    opt_in: bool


KEY_ROW_FIELDS = KeyRow._fields


@dataclass(frozen=True)
class KeyDetail:
    prefix: str
    unique_name: str
    name: str
    role: str
    user: str
    user_display_name: str
    models: tuple[str, ...]
    skills: tuple[str, ...]
    opt_in: bool
    created: datetime
    expires: datetime | None
    revoked: bool
    revoked_at: datetime | None
    last_used: datetime | None
    version: int

    @property
    def has_expired(self) -> bool:
        return has_expired(self.expires)

    @property
    def role_label(self) -> str:
        return role_label(self.role)


@dataclass(frozen=True)
class NewKey:
    name: str
    user: str
    role: str = "standard"
    models: Sequence[str] = ()
    skills: Sequence[str] = ()
    expires: datetime | None = None
    opt_in: bool = False


@dataclass(frozen=True)
class KeyChanges:
    """An edit: fields left UNSET are not touched. ``expires=None`` asks to remove the
    expiry, which the lifetime rule refuses on a key that has one."""

    name: str | _Unset = UNSET
    role: str | _Unset = UNSET
    models: Sequence[str] | _Unset = UNSET
    skills: Sequence[str] | _Unset = UNSET
    user: str | _Unset = UNSET
    expires: datetime | _Unset | None = UNSET
    opt_in: bool | _Unset = UNSET


@dataclass(frozen=True)
class PreparedSecret:
    """A freshly drawn prefix and secret with the bcrypt hash of the secret.

    Built by :func:`prepare_secret` (slow: run it off the GUI thread) and consumed
    once by :func:`create_key`.
    """

    prefix: str
    secret: str = field(repr=False)
    secret_hash: str = field(repr=False)


@dataclass(frozen=True)
class CreatedKey:
    """The result of a creation: the only object that ever holds the full key."""

    key: str = field(repr=False)
    prefix: str
    unique_name: str


@dataclass(frozen=True)
class RevokeResult:
    """What a revocation did: ``revoked`` now, ``already_revoked`` before (by this desk or
    another: harmless), and ``missing``, prefixes that no longer exist (only with
    ``missing_ok=True``; otherwise they raise NotFound)."""

    revoked: tuple[str, ...]
    already_revoked: tuple[str, ...]
    missing: tuple[str, ...] = ()

    def summary(self) -> str:
        """Sentences for a status bar: ``Revoked 2 keys. kd_x was already revoked.``"""
        return _summary(
            "Revoked", self.revoked, self.already_revoked, "already revoked", self.missing
        )


@dataclass(frozen=True)
class DeleteResult:
    """What a deletion did: ``deleted`` now, and ``already_deleted``, prefixes that no
    longer existed (someone else deleted them first: harmless)."""

    deleted: tuple[str, ...]
    already_deleted: tuple[str, ...]

    def summary(self) -> str:
        """Sentences for a status bar: ``Deleted 1 key. kd_x was already deleted.``"""
        return _summary("Deleted", self.deleted, self.already_deleted, "already deleted", ())


def _summary(
    verb: str, done: Sequence[str], already: Sequence[str], state: str, missing: Sequence[str]
) -> str:
    parts = []
    if done:
        parts.append(f"{verb} {done[0]}." if len(done) == 1 else f"{verb} {len(done)} keys.")
    if already:
        names = ", ".join(already)
        parts.append(f"{names} {'was' if len(already) == 1 else 'were'} {state}.")
    if missing:
        names = ", ".join(missing)
        parts.append(f"{names} no longer {'exists' if len(missing) == 1 else 'exist'}.")
    return " ".join(parts) or "Nothing to do."


# --- single rules, asked by the GUI for live validation too ------------------------------


def has_expired(expires: datetime | None, now: datetime | None = None) -> bool:
    return expires is not None and expires <= (now or utcnow())


def validate_name(name: str) -> str:
    """The trimmed name, or ValidationError saying what is wrong with it."""
    trimmed = (name or "").strip()
    if not trimmed:
        raise ValidationError("The name cannot be empty.", field="name")
    if len(trimmed) > NAME_MAX:
        raise ValidationError(
            f"The name must have at most {NAME_MAX} characters; it has {len(trimmed)}.",
            field="name",
        )
    return trimmed


def validate_role(role: str) -> str:
    code = (role or "").strip().lower()
    for known, label in ROLES.items():
        if code in (known, label.lower()):
            return known
    raise ValidationError(
        f"{role!r} is not a role: choose standard, admin or project.", field="role"
    )


def check_new_expiry(expires: datetime | None, now: datetime | None = None) -> datetime | None:
    if expires is None:
        return None
    expires = to_storage(expires)
    if expires <= (now or utcnow()):
        raise ValidationError("The expiry must be in the future.", field="expires")
    return expires


def check_expiry_change(current: datetime | None, new: datetime | None) -> datetime | None:
    """Apply the lifetime rule: setting an expiry or moving it earlier is allowed; removing
    it or moving it later is refused with :class:`ExpiryExtended`."""
    if new is not None:
        new = to_storage(new)
    if current is None or new == current:
        return new
    if new is None:
        raise ExpiryExtended(
            f"This key expires at {current:%Y-%m-%d %H:%M} UTC; its expiry cannot be removed, "
            "because a key's lifetime can only be shortened.",
            field="expires",
        )
    if new > current:
        raise ExpiryExtended(
            f"The new expiry {new:%Y-%m-%d %H:%M} UTC is later than the current one "
            f"({current:%Y-%m-%d %H:%M} UTC); a key's lifetime can only be shortened.",
            field="expires",
        )
    return new


# --- reading --------------------------------------------------------------------------------


def _row_query() -> Any:
    """The values of every :class:`KeyRow` field (:data:`KEY_FIELDS`), in its order."""
    tables = {"key": ApiKey, "user": User}
    return (
        ApiKey.select(*[getattr(tables[field.table], field.column) for field in KEY_FIELDS])
        .join(User)
        .order_by(ApiKey.created, ApiKey.id)  # creation order; served by the created index
    )


def _key_row(values: Sequence[Any]) -> KeyRow:
    p, u, n, e, r, c, x, rv, lu, o = values[:10]
    return KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))


def list_key_rows() -> list[KeyRow]:
    """Every key as a :class:`KeyRow`, in creation order (oldest first; keys created in
    the same instant in id order), in one query."""
    return [
        KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))
        for p, u, n, e, r, c, x, rv, lu, o in _row_query().tuples().iterator()
    ]


def iter_key_row_batches(batch_size: int = 20_000) -> Iterable[list[KeyRow]]:
    """The same rows as :func:`list_key_rows`, yielded in batches for progressive loading.
    Oldest first, so under the table's default sort (Created, newest first) each batch
    lands as one block at the top instead of being merged into a million sorted rows.

    On PostgreSQL the rows come through a server-side cursor, a batch per round trip:
    psycopg2's ordinary cursor would first copy the whole result (a million rows) into
    the client's memory before the first batch could be shown."""
    connection = database.connection()
    if (
        isinstance(database.obj, peewee.PostgresqlDatabase)
        and not database.in_transaction()
        and getattr(connection, "autocommit", False)
    ):
        yield from _server_side_batches(connection, batch_size)
        return
    batch: list[KeyRow] = []
    for p, u, n, e, r, c, x, rv, lu, o in _row_query().tuples().iterator():
        batch.append(KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o)))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _server_side_batches(connection: Any, batch_size: int) -> Iterator[list[KeyRow]]:
    """A psycopg2 named cursor needs a transaction of psycopg2's own: Peewee keeps its
    connections in autocommit mode, so it is switched off for the read, then back."""
    sql, params = _row_query().sql()
    connection.autocommit = False
    try:
        with connection.cursor(name="keydesk_key_rows") as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(batch_size):
                yield [
                    KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))
                    for p, u, n, e, r, c, x, rv, lu, o in rows
                ]
    finally:
        connection.rollback()  # a read: nothing to keep
        connection.autocommit = True


def _wanted(prefixes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in prefixes if p and p.strip()))


def get_key_rows(prefixes: Iterable[str]) -> list[KeyRow]:
    """The rows of just these keys, shaped like :func:`list_key_rows` and in creation
    order, so a client refreshes the few rows another desk changed without reloading
    all. Prefixes that no longer exist are left out (the key was deleted)."""
    wanted = _wanted(prefixes)
    found: list[tuple[int, KeyRow]] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        query = _row_query().select_extend(ApiKey.id).where(ApiKey.prefix.in_(chunk))
        found.extend((values[10], _key_row(values)) for values in tuples(query))
    return [row for _, row in sorted(found, key=lambda pair: pair[0])]


def count_keys() -> int:
    return int(ApiKey.select().count())


def models_by_prefix(prefixes: Iterable[str] | None = None) -> dict[str, list[str]]:
    query = (
        KeyModel.select(ApiKey.prefix, AiModel.name)
        .join(ApiKey)
        .switch(KeyModel)
        .join(AiModel)
        .order_by(AiModel.name)
    )
    if prefixes is not None:
        query = query.where(ApiKey.prefix.in_(list(prefixes)))
    result: dict[str, list[str]] = {}
    for count, (prefix, name) in enumerate(tuples(query), 1):
        result.setdefault(prefix, []).append(name)
        if not count % 2_000:
            pause_for_gui()  # this runs in a worker while the window repaints
    return result


# Every column but the secret hash: the support role may not read it, and nothing here
# needs it (verification reads it on its own).
KEY_COLUMNS = tuple(f for f in ApiKey._meta.sorted_fields if f.name != "secret_hash")


def _key_query() -> Any:
    return ApiKey.select(*KEY_COLUMNS, User).join(User)


def _load(prefix: str) -> ApiKey:
    key: ApiKey | None = _key_query().where(ApiKey.prefix == prefix).first()
    if key is None:
        raise NotFound(f"There is no key with the prefix {prefix!r}.")
    return key


def _names(link_model: Any, catalog: Any, key: ApiKey) -> tuple[str, ...]:
    query = (
        link_model.select(catalog.name)
        .join(catalog)
        .where(link_model.key == key)
        .order_by(catalog.name)
    )
    return tuple(name for (name,) in query.tuples())


def _detail(key: ApiKey) -> KeyDetail:
    return KeyDetail(
        prefix=key.prefix,
        unique_name=key.unique_name,
        name=key.name,
        role=key.role,
        user=key.user.email,
        user_display_name=key.user.display_name,
        models=_names(KeyModel, AiModel, key),
        skills=_names(KeySkill, Skill, key),
        opt_in=bool(key.opt_in),
        created=key.created,
        expires=key.expires,
        revoked=bool(key.revoked),
        revoked_at=key.revoked_at,
        last_used=key.last_used,
        version=key.version,
    )


def get_key(prefix: str) -> KeyDetail:
    return _detail(_load(prefix.strip()))


# --- catalog lookups ------------------------------------------------------------------------


def _catalog_entries(catalog: Any, names: Iterable[str], what: str) -> list[Any]:
    wanted = list(dict.fromkeys(name.strip() for name in names if name and name.strip()))
    if not wanted:
        return []
    found = {row.name: row for row in catalog.select().where(catalog.name.in_(wanted))}
    missing = [name for name in wanted if name not in found]
    if missing:
        plural = "s are" if len(missing) > 1 else " is"
        raise ValidationError(
            f"The {what}{plural} not in the catalog: {', '.join(missing)}.",
            field=f"{what}s",
        )
    return [found[name] for name in wanted]


def _active_owner(email: str) -> User:
    user = get_user(email)
    if not user.active:
        raise ValidationError(
            f"The user {user.email} is deactivated and cannot hold new keys.", field="user"
        )
    return user


# --- creating -------------------------------------------------------------------------------


def prepare_secret() -> PreparedSecret:
    """Draw a prefix and secret and hash the secret (the slow bcrypt step)."""
    secret = keyformat.generate_secret()
    return PreparedSecret(
        prefix=keyformat.generate_prefix(settings().key_tag),
        secret=secret,
        secret_hash=hash_secret(secret),
    )


def validate_new_key(new: NewKey) -> NewKey:
    """Check every field of a creation request; returns it normalized."""
    return NewKey(
        name=validate_name(new.name),
        user=new.user.strip(),
        role=validate_role(new.role),
        models=list(dict.fromkeys(m.strip() for m in new.models if m.strip())),
        skills=list(dict.fromkeys(s.strip() for s in new.skills if s.strip())),
        expires=check_new_expiry(new.expires),
        opt_in=bool(new.opt_in),
    )


def create_key(new: NewKey, prepared: PreparedSecret | None = None) -> CreatedKey:
    """Create a key and return the full plaintext key, which exists only in the result."""
    new = validate_new_key(new)
    if not new.user:
        raise ValidationError("A key needs an owner: choose a user.", field="user")
    prepared = prepared or prepare_secret()
    for attempt in range(_CREATE_ATTEMPTS):
        prefix = prepared.prefix if attempt == 0 else keyformat.generate_prefix(settings().key_tag)
        unique_name = generate_unique_name()
        if (
            ApiKey.select()
            .where((ApiKey.prefix == prefix) | (ApiKey.unique_name == unique_name))
            .exists()
        ):
            continue
        try:
            with denied_as_error("create"), write_transaction():
                owner = _active_owner(new.user)
                models = _catalog_entries(AiModel, new.models, "model")
                skills = _catalog_entries(Skill, new.skills, "skill")
                key = ApiKey.create(
                    prefix=prefix,
                    unique_name=unique_name,
                    name=new.name,
                    role=new.role,
                    user=owner,
                    created=utcnow(),
                    expires=new.expires,
                    secret_hash=prepared.secret_hash,
                    opt_in=new.opt_in,
                )
                for model in models:
                    KeyModel.create(key=key, model=model)
                for skill in skills:
                    KeySkill.create(key=key, skill=skill)
                audit.record(
                    "create",
                    key_prefix=prefix,
                    key_unique_name=unique_name,
                    subject=owner.email,
                    fields={
                        "name": audit.change(None, new.name),
                        "role": audit.change(None, new.role),
                        "user": audit.change(None, owner.email),
                        "models": audit.change(None, [m.name for m in models]),
                        "skills": audit.change(None, [s.name for s in skills]),
                        "expires": audit.change(None, new.expires),
                        "opt_in": audit.change(None, new.opt_in),
                    },
                )
        except peewee.IntegrityError:
            continue  # a concurrent creation took the same prefix or name: draw again
        return CreatedKey(
            key=keyformat.format_key(prefix, prepared.secret),
            prefix=prefix,
            unique_name=unique_name,
        )
    raise ValidationError("Could not find a free prefix and name for the key; try again.")


# --- editing --------------------------------------------------------------------------------


class _StaleRead(Conflict):
    """Raised inside the edit's transaction when the key moved on; :func:`edit_key` turns
    it into a described :class:`Conflict` after the rollback, with a fresh read (inside
    the transaction, MariaDB's repeatable read would still show the old row)."""

    def __init__(self, read: KeyDetail | None) -> None:
        super().__init__("The key was changed by someone else.")
        self.read = read


# The fields a person sees in the detail dialog, in the order a conflict names them.
COMPARED_FIELDS = ("name", "role", "user", "models", "skills", "expires", "opt_in", "revoked")


def changed_fields(base: KeyDetail, current: KeyDetail) -> dict[str, tuple[object, object]]:
    """The fields that differ between two reads of a key: field → (base, current)."""
    return {
        name: (getattr(base, name), getattr(current, name))
        for name in COMPARED_FIELDS
        if getattr(base, name) != getattr(current, name)
    }


def _describe(field_name: str, value: object) -> str:
    """``name is now 'x'``: one changed field with its current value, for a person."""
    if field_name == "name":
        return f"name is now {value!r}"
    if field_name == "role":
        return f"role is now {ROLES.get(str(value), value)}"
    if field_name == "user":
        return f"owner is now {value}"
    if field_name in ("models", "skills"):
        names = ", ".join(value) if isinstance(value, tuple) and value else "none"
        label = "permitted models are" if field_name == "models" else "skills are"
        return f"{label} now {names}"
    if field_name == "expires":
        return (
            f"expiry is now {value:%Y-%m-%d %H:%M} UTC"
            if isinstance(value, datetime)
            else "expiry is now never"
        )
    if field_name == "opt_in":
        return f"usage tracking is now {'on' if value else 'off'}"
    return f"{field_name} is now {value!r}"


def _who_did(by: str | None, verb: str) -> str:
    """``ada changed this key``, or ``This key was changed by someone else`` when the trail
    names nobody or the same login as ours (another window, or a shared login)."""
    if by is not None and by != audit.current_operator():
        return f"{by} {verb} this key"
    also = f" (also signed in as {by})" if by is not None else ""
    return f"This key was {verb} by someone else{also}"


def _conflict(prefix: str, base: KeyDetail | None) -> Conflict:
    """A Conflict saying who changed the key last (from the audit trail) and which fields
    now differ from ``base``, what the caller loaded, with their current values."""
    by = audit.last_operator(prefix)
    try:
        current: KeyDetail | None = get_key(prefix)
    except NotFound:
        current = None
    if current is None:
        return Conflict(
            f"{_who_did(by, 'deleted')} while you were editing it, so your change was not saved.",
            by=by,
        )
    differences = changed_fields(base, current) if base is not None else {}
    if current.revoked and (base is None or not base.revoked):
        message = (
            f"{_who_did(by, 'revoked')} while you were editing it; a revoked key can no "
            "longer be changed, only deleted."
        )
    elif differences:
        described = ", ".join(_describe(name, theirs) for name, (_, theirs) in differences.items())
        message = (
            f"{_who_did(by, 'changed')} while you were editing it: {described}. "
            "Reload it and apply your change again."
        )
    else:
        message = (
            f"{_who_did(by, 'changed')} while you were editing it. "
            "Reload it and apply your change again."
        )
    return Conflict(message, changed_fields=differences, by=by, current=current)


def _check_version(key: ApiKey, expected_version: int | None) -> None:
    if expected_version is not None and key.version != expected_version:
        raise _StaleRead(None)


def _writable(key: ApiKey) -> None:
    if key.revoked:
        raise KeyRevoked(
            f"The key {key.unique_name} is revoked: it can no longer be changed, only deleted."
        )


def edit_key(
    prefix: str,
    changes: KeyChanges,
    *,
    expected_version: int | None = None,
    base: KeyDetail | None = None,
) -> KeyDetail:
    """Apply ``changes`` to one key, enforcing every rule, in one transaction.

    ``base`` is the key as the caller loaded it (a dialog's :class:`KeyDetail`); its
    version is the expected one unless ``expected_version`` says otherwise. When the key
    changed since (here or on another desk), nothing is written and :class:`Conflict`
    says who changed it and which fields differ from ``base``, with their current values
    (``error.changed_fields``, ``error.by``, ``error.current``); a key deleted since it
    was loaded is a Conflict too (``error.current`` is None), while a prefix given
    without a version that does not exist is :class:`NotFound`.

    A change of owner is audited as ``reassign``; the other fields as one ``edit`` event
    with the before and after value of each changed field.
    """
    prefix = prefix.strip()
    if expected_version is None and base is not None:
        expected_version = base.version
    try:
        with denied_as_error("edit"), write_transaction():
            return _apply_edit(prefix, changes, expected_version)
    except _StaleRead as stale:
        raise _conflict(prefix, base if base is not None else stale.read) from None
    except NotFound:
        if expected_version is None or audit.last_operator(prefix) is None:
            raise  # never existed, or the caller did not claim to have loaded it
        raise _conflict(prefix, base) from None  # deleted since it was loaded


def _apply_edit(prefix: str, changes: KeyChanges, expected_version: int | None) -> KeyDetail:
    key = _load(prefix)
    _check_version(key, expected_version)
    _writable(key)
    before = _detail(key)
    edits: dict[str, dict[str, Any]] = {}
    reassigned: dict[str, dict[str, Any]] = {}

    if not isinstance(changes.name, _Unset):
        name = validate_name(changes.name)
        if name != key.name:
            edits["name"] = audit.change(key.name, name)
            key.name = name
    if not isinstance(changes.role, _Unset):
        role = validate_role(changes.role)
        if role != key.role:
            edits["role"] = audit.change(key.role, role)
            key.role = role
    if not isinstance(changes.expires, _Unset):
        expires = check_expiry_change(key.expires, changes.expires)
        if expires != key.expires:
            edits["expires"] = audit.change(key.expires, expires)
            key.expires = expires
    if not isinstance(changes.opt_in, _Unset) and bool(changes.opt_in) != bool(key.opt_in):
        edits["opt_in"] = audit.change(bool(key.opt_in), bool(changes.opt_in))
        key.opt_in = bool(changes.opt_in)
    if not isinstance(changes.user, _Unset):
        owner = get_user(changes.user)
        if owner.id != key.user_id:
            if not owner.active:
                raise ValidationError(
                    f"The user {owner.email} is deactivated and cannot hold keys.",
                    field="user",
                )
            reassigned["user"] = audit.change(key.user.email, owner.email)
            key.user = owner
    if not isinstance(changes.models, _Unset):
        _replace_grants(key, KeyModel, AiModel, "model", changes.models, before.models, edits)
    if not isinstance(changes.skills, _Unset):
        _replace_grants(key, KeySkill, Skill, "skill", changes.skills, before.skills, edits)

    if edits or reassigned:
        read_version = key.version
        key.version = read_version + 1
        # Write only the changed columns, and only if nobody (a revoke included) changed
        # the key since it was read: a full-row save of a stale read could un-revoke it.
        written = (
            ApiKey.update({field: key.__data__[field.name] for field in key.dirty_fields})
            .where((ApiKey.id == key.id) & (ApiKey.version == read_version))
            .execute()
        )
        if written != 1:
            raise _StaleRead(before)
        for action, fields in (("edit", edits), ("reassign", reassigned)):
            if fields:
                audit.record(
                    action,
                    fields=fields,
                    subject=key.user.email,
                    key_prefix=key.prefix,
                    key_unique_name=key.unique_name,
                )
    return _detail(key)


def _replace_grants(
    key: ApiKey,
    link_model: Any,
    catalog: Any,
    what: str,
    wanted: Sequence[str],
    current: tuple[str, ...],
    edits: dict[str, dict[str, Any]],
) -> None:
    """Set the key's permitted models or skills (``what``) to ``wanted`` if they differ
    from ``current``, recording the change in ``edits``."""
    entries = _catalog_entries(catalog, wanted, what)
    names = tuple(sorted(entry.name for entry in entries))
    if names == current:
        return
    edits[f"{what}s"] = audit.change(current, names)
    link_model.delete().where(link_model.key == key).execute()
    for entry in entries:
        link_model.create(key=key, **{what: entry})


# --- revoking and deleting ------------------------------------------------------------------


def _load_many(
    prefixes: Iterable[str], *, missing_ok: bool = False, lock: bool = False
) -> tuple[list[ApiKey], list[str]]:
    """The keys for ``prefixes`` in the order given, and the prefixes not found (NotFound
    for them unless ``missing_ok``). ``lock`` takes row locks on a server (FOR UPDATE),
    so a concurrent deletion of the same keys waits and then sees them gone (in id order,
    so two bulk deletions cannot deadlock); SQLite serializes writers already."""
    wanted = _wanted(prefixes)
    if not wanted:
        raise ValidationError("No key was given.")
    found: dict[str, ApiKey] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = _key_query().where(ApiKey.prefix.in_(wanted[start : start + _CHUNK]))
        if lock and isinstance(database.obj, peewee.PostgresqlDatabase):
            query = query.order_by(ApiKey.id).for_update(of=ApiKey)  # not the owners' rows
        elif lock and isinstance(database.obj, peewee.MySQLDatabase):
            query = query.order_by(ApiKey.id).for_update()  # MariaDB has no FOR UPDATE OF
        found.update((key.prefix, key) for key in query)
    missing = [prefix for prefix in wanted if prefix not in found]
    if missing and not missing_ok:
        raise NotFound(
            f"There is no key with the prefix {missing[0]!r}."
            if len(missing) == 1
            else f"There are no keys with the prefixes {', '.join(missing)}."
        )
    return [found[prefix] for prefix in wanted if prefix in found], missing


def revoke_keys(
    prefixes: Iterable[str],
    *,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
    missing_ok: bool = False,
) -> RevokeResult:
    """Revoke every key given, in one transaction. Already revoked keys are left as they
    are and reported (revoking twice is harmless); an unknown prefix revokes nothing,
    unless ``missing_ok``, which revokes the others and reports it as missing.

    ``at``/``operator`` record a revocation decided earlier (e.g. queued while offline)
    with its original time and person; ``request_id`` makes replaying it harmless.

    A connection that may not update keys itself (the PostgreSQL support role) revokes
    through the ``keydesk_revoke()`` database function, which records ``at`` (when it is
    within the last 30 days) and ``operator``, keeping the database user beside them.
    """
    with denied_as_error("revoke"), write_transaction():
        if revokes_through_function():
            return _revoke_through_function(prefixes, request_id, missing_ok, at, operator)
        # Locked (FOR UPDATE on a server; SQLite's IMMEDIATE transaction already holds
        # the write lock), so the flags read here stay true until the commit and one
        # UPDATE ... WHERE id IN (...) AND revoked = false writes exactly the candidates.
        keys, missing = _load_many(prefixes, missing_ok=missing_ok, lock=True)
        now = to_storage(at) if at is not None else utcnow()
        revoked, already, candidates = [], [], []
        for key in keys:
            if key.revoked or (request_id and audit.request_applied(request_id, key.prefix)):
                already.append(key.prefix)
            else:
                candidates.append(key)
        written = 0
        for start in range(0, len(candidates), _CHUNK):
            chunk = candidates[start : start + _CHUNK]
            written += (
                ApiKey.update(revoked=True, revoked_at=now, version=ApiKey.version + 1)
                .where(ApiKey.id.in_([key.id for key in chunk]) & (ApiKey.revoked == False))  # noqa: E712
                .execute()
            )
        if written != len(candidates):  # cannot happen under the lock; never guess
            raise Conflict("Some of these keys changed while revoking them; try again.")
        _record_revocations(candidates, now, operator, request_id)
        revoked = [key.prefix for key in candidates]
    return RevokeResult(tuple(revoked), tuple(already), tuple(missing))


def _record_revocations(
    keys: Sequence[ApiKey], at: datetime, operator: str | None, request_id: str | None
) -> None:
    """One revoke audit event per key, written in bulk."""
    audit.record_many(
        "revoke",
        [(k.prefix, k.unique_name, k.user.email) for k in keys],
        fields={"revoked": audit.change(False, True)},
        at=at,
        operator=operator,
        request_id=request_id,
    )


def _revoke_through_function(
    prefixes: Iterable[str],
    request_id: str | None,
    missing_ok: bool,
    at: datetime | None = None,
    operator: str | None = None,
) -> RevokeResult:
    wanted = _wanted(prefixes)
    if not wanted:
        raise ValidationError("No key was given.")
    cursor = database.execute_sql(
        "SELECT key_prefix, outcome FROM keydesk_revoke(%s::text[], %s, %s, %s)",
        (wanted, request_id, to_storage(at) if at is not None else None, operator),
    )
    outcomes: dict[str, list[str]] = {"revoked": [], "already_revoked": [], "missing": []}
    for prefix, outcome in cursor.fetchall():
        outcomes.setdefault(outcome, []).append(prefix)
    missing = outcomes["missing"]
    if missing and not missing_ok:  # raising rolls the whole revocation back
        raise NotFound(
            f"There is no key with the prefix {missing[0]!r}."
            if len(missing) == 1
            else f"There are no keys with the prefixes {', '.join(missing)}."
        )
    return RevokeResult(
        tuple(outcomes["revoked"]), tuple(outcomes["already_revoked"]), tuple(missing)
    )


def delete_keys_report(prefixes: Iterable[str], *, missing_ok: bool = True) -> DeleteResult:
    """Delete keys permanently (revoked or not), in one transaction, and say which were
    deleted and which were already gone (another desk deleted them first: harmless).
    With ``missing_ok=False`` a prefix that does not exist raises NotFound instead."""
    with denied_as_error("delete"), write_transaction():
        keys, missing = _load_many(prefixes, missing_ok=missing_ok, lock=True)
        ids = [key.id for key in keys]
        for key in keys:
            snapshot = _detail(key)
            audit.record(
                "delete",
                key_prefix=key.prefix,
                key_unique_name=key.unique_name,
                subject=key.user.email,
                fields={
                    "name": audit.change(snapshot.name, None),
                    "role": audit.change(snapshot.role, None),
                    "user": audit.change(snapshot.user, None),
                    "models": audit.change(snapshot.models, None),
                    "revoked": audit.change(snapshot.revoked, None),
                    "expires": audit.change(snapshot.expires, None),
                },
            )
        for chunk_start in range(0, len(ids), _CHUNK):
            chunk = ids[chunk_start : chunk_start + _CHUNK]
            KeyModel.delete().where(KeyModel.key.in_(chunk)).execute()
            KeySkill.delete().where(KeySkill.key.in_(chunk)).execute()
            UsageMinute.delete().where(UsageMinute.key.in_(chunk)).execute()
            ApiKey.delete().where(ApiKey.id.in_(chunk)).execute()
    return DeleteResult(tuple(key.prefix for key in keys), tuple(missing))


def delete_keys(prefixes: Iterable[str], *, missing_ok: bool = False) -> int:
    """Delete keys permanently (revoked or not), in one transaction; returns how many.

    An unknown prefix raises NotFound and deletes nothing, unless ``missing_ok``: then the
    keys that exist are deleted and the others skipped (see :func:`delete_keys_report`
    to learn which).
    """
    return len(delete_keys_report(prefixes, missing_ok=missing_ok).deleted)
