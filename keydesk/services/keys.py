"""API keys: create, read, edit, revoke, delete. Every rule of the product lives here once.

* name: 1-50 characters after trimming; role: standard, admin or project;
* exactly one owner, who must exist and be active to receive a key;
* a key's lifetime never grows: an edit may set an expiry where there was none or move
  it earlier, never later, never remove it;
* revoking is final, and a revoked key is read-only except for deletion;
* every change writes an audit event in the same transaction;
* the plaintext key exists once, in the :class:`CreatedKey` returned by
  :func:`create_key`; only the bcrypt hash of its secret part is stored.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

import peewee

from keydesk import keyformat
from keydesk.config import settings
from keydesk.errors import Conflict, ExpiryExtended, KeyRevoked, NotFound, ValidationError
from keydesk.services import audit
from keydesk.services.clock import to_storage, utcnow
from keydesk.services.hashing import hash_secret
from keydesk.services.names import generate_unique_name
from keydesk.services.users import get_user
from keydesk.store.connection import write_transaction
from keydesk.store.models import (
    AiModel,
    ApiKey,
    KeyModel,
    KeySkill,
    Skill,
    UsageEvent,
    User,
    tuples,
)

NAME_MAX = 50
ROLES: dict[str, str] = {
    "standard": "Standard API Key",
    "admin": "Admin API Key",
    "project": "Project API Key",
}
_CREATE_ATTEMPTS = 20


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
        return ROLES.get(self.role, self.role)


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
    revoked: tuple[str, ...]
    already_revoked: tuple[str, ...]


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
    return (
        ApiKey.select(
            ApiKey.prefix,
            ApiKey.unique_name,
            ApiKey.name,
            User.email,
            ApiKey.role,
            ApiKey.created,
            ApiKey.expires,
            ApiKey.revoked,
            ApiKey.last_used,
            ApiKey.opt_in,
        )
        .join(User)
        .order_by(ApiKey.id)
    )


def list_key_rows() -> list[KeyRow]:
    """Every key as a :class:`KeyRow`, in creation order, in one query."""
    return [
        KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o))
        for p, u, n, e, r, c, x, rv, lu, o in _row_query().tuples().iterator()
    ]


def iter_key_row_batches(batch_size: int = 20_000) -> Iterable[list[KeyRow]]:
    """The same rows as :func:`list_key_rows`, yielded in batches for progressive loading."""
    batch: list[KeyRow] = []
    for p, u, n, e, r, c, x, rv, lu, o in _row_query().tuples().iterator():
        batch.append(KeyRow(p, u, n, e, r, c, x, bool(rv), lu, bool(o)))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


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
    for prefix, name in tuples(query):
        result.setdefault(prefix, []).append(name)
    return result


def _load(prefix: str) -> ApiKey:
    key: ApiKey | None = (
        ApiKey.select(ApiKey, User).join(User).where(ApiKey.prefix == prefix).first()
    )
    if key is None or key.prefix != prefix:  # exact, even where MySQL ignores case
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
            with write_transaction():
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


def _check_version(key: ApiKey, expected_version: int | None) -> None:
    if expected_version is not None and key.version != expected_version:
        raise Conflict(
            f"The key {key.unique_name} was changed by someone else since you opened it; "
            "reload it and apply your change again."
        )


def _writable(key: ApiKey) -> None:
    if key.revoked:
        raise KeyRevoked(
            f"The key {key.unique_name} is revoked: it can no longer be changed, only deleted."
        )


def edit_key(prefix: str, changes: KeyChanges, *, expected_version: int | None = None) -> KeyDetail:
    """Apply ``changes`` to one key, enforcing every rule, in one transaction.

    A change of owner is audited as ``reassign``; the other fields as one ``edit`` event
    with the before and after value of each changed field.
    """
    with write_transaction():
        key = _load(prefix.strip())
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
            models = _catalog_entries(AiModel, changes.models, "model")
            names = tuple(sorted(m.name for m in models))
            if names != before.models:
                edits["models"] = audit.change(before.models, names)
                KeyModel.delete().where(KeyModel.key == key).execute()
                for model in models:
                    KeyModel.create(key=key, model=model)
        if not isinstance(changes.skills, _Unset):
            skills = _catalog_entries(Skill, changes.skills, "skill")
            names = tuple(sorted(s.name for s in skills))
            if names != before.skills:
                edits["skills"] = audit.change(before.skills, names)
                KeySkill.delete().where(KeySkill.key == key).execute()
                for skill in skills:
                    KeySkill.create(key=key, skill=skill)

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
                raise Conflict(
                    f"The key {key.unique_name} was changed by someone else while you edited "
                    "it; reload it and apply your change again."
                )
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


# --- revoking and deleting ------------------------------------------------------------------


def _load_many(prefixes: Iterable[str]) -> list[ApiKey]:
    wanted = list(dict.fromkeys(p.strip() for p in prefixes if p and p.strip()))
    if not wanted:
        raise ValidationError("No key was given.")
    found = {
        key.prefix: key
        for key in ApiKey.select(ApiKey, User).join(User).where(ApiKey.prefix.in_(wanted))
    }
    missing = [prefix for prefix in wanted if prefix not in found]
    if missing:
        raise NotFound(
            f"There is no key with the prefix {missing[0]!r}."
            if len(missing) == 1
            else f"There are no keys with the prefixes {', '.join(missing)}."
        )
    return [found[prefix] for prefix in wanted]


def revoke_keys(
    prefixes: Iterable[str],
    *,
    at: datetime | None = None,
    operator: str | None = None,
    request_id: str | None = None,
) -> RevokeResult:
    """Revoke every key given, in one transaction. Already revoked keys are left as they
    are and reported; an unknown prefix revokes nothing.

    ``at``/``operator`` record a revocation decided earlier (e.g. queued while offline)
    with its original time and person; ``request_id`` makes replaying it harmless.
    """
    with write_transaction():
        keys = _load_many(prefixes)
        now = to_storage(at) if at is not None else utcnow()
        revoked, already = [], []
        for key in keys:
            if key.revoked or (request_id and audit.request_applied(request_id, key.prefix)):
                already.append(key.prefix)
                continue
            written = (
                ApiKey.update(revoked=True, revoked_at=now, version=ApiKey.version + 1)
                .where((ApiKey.id == key.id) & (ApiKey.revoked == False))  # noqa: E712
                .execute()
            )
            if written != 1:  # another desk revoked it a moment ago: record it once, there
                already.append(key.prefix)
                continue
            audit.record(
                "revoke",
                key_prefix=key.prefix,
                key_unique_name=key.unique_name,
                subject=key.user.email,
                fields={"revoked": audit.change(False, True)},
                at=now,
                operator=operator,
                request_id=request_id,
            )
            revoked.append(key.prefix)
    return RevokeResult(tuple(revoked), tuple(already))


def delete_keys(prefixes: Iterable[str]) -> int:
    """Delete keys permanently (revoked or not), in one transaction; returns how many."""
    with write_transaction():
        keys = _load_many(prefixes)
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
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            KeyModel.delete().where(KeyModel.key.in_(chunk)).execute()
            KeySkill.delete().where(KeySkill.key.in_(chunk)).execute()
            UsageEvent.delete().where(UsageEvent.key.in_(chunk)).execute()
            ApiKey.delete().where(ApiKey.id.in_(chunk)).execute()
    return len(ids)
