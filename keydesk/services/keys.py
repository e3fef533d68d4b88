"""API keys: create, edit, revoke, delete; reads are in :mod:`key_reads`, the rules that
need no database in :mod:`key_rules`, and the values exchanged in :mod:`key_records`.

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

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import peewee

from keydesk import keyformat
from keydesk.config import settings
from keydesk.errors import Conflict, KeyRevoked, NotFound, ValidationError, sentence
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error
from keydesk.services.clock import utcnow
from keydesk.services.hashing import hash_secret
from keydesk.services.key_reads import (
    count_keys,
    detail_of,
    get_key,
    get_key_rows,
    list_key_rows,
    load_key,
    models_by_prefix,
)
from keydesk.services.key_records import (
    KEY_ROW_FIELDS,
    UNSET,
    CreatedKey,
    DeleteResult,
    KeyChanges,
    KeyDetail,
    KeyRow,
    NewKey,
    PreparedSecret,
    RevokeResult,
    Unset,
)
from keydesk.services.key_removal import Progress, delete_keys, delete_keys_report, revoke_keys
from keydesk.services.key_rules import (
    NAME_MAX,
    ROLES,
    KeyStatus,
    check_expiry_change,
    check_new_expiry,
    has_expired,
    has_expired_us,
    key_status,
    role_label,
    validate_name,
    validate_role,
)
from keydesk.services.names import generate_unique_name
from keydesk.services.users import get_user
from keydesk.store.connection import write_transaction
from keydesk.store.models import AiModel, ApiKey, KeyModel, KeySkill, Skill, User

#: The key services' public names, wherever they are written (reads, records, rules).
__all__ = [
    "KEY_ROW_FIELDS",
    "NAME_MAX",
    "ROLES",
    "UNSET",
    "CreatedKey",
    "DeleteResult",
    "KeyChanges",
    "KeyDetail",
    "KeyRow",
    "KeyStatus",
    "NewKey",
    "PreparedSecret",
    "Progress",
    "RevokeResult",
    "changed_fields",
    "check_expiry_change",
    "check_new_expiry",
    "count_keys",
    "create_key",
    "delete_keys",
    "delete_keys_report",
    "edit_key",
    "get_key",
    "get_key_rows",
    "has_expired",
    "has_expired_us",
    "insert_key",
    "key_status",
    "list_key_rows",
    "models_by_prefix",
    "prepare_secret",
    "revoke_keys",
    "role_label",
    "validate_name",
    "validate_new_key",
    "validate_role",
]

_CREATE_ATTEMPTS = 20


# --- catalog lookups ------------------------------------------------------------------------


#: What is not in the catalog, by kind: (one, several).
_NOT_IN_CATALOG = {
    "model": (
        sentence("Keys", "The model is not in the catalog: {names}."),
        sentence("Keys", "The models are not in the catalog: {names}."),
    ),
    "skill": (
        sentence("Keys", "The skill is not in the catalog: {names}."),
        sentence("Keys", "The skills are not in the catalog: {names}."),
    ),
}


def _not_in_catalog(what: str, missing: list[str]) -> str:
    one, several = _NOT_IN_CATALOG[what]
    return (several if len(missing) > 1 else one).format(names=", ".join(missing))


def _catalog_entries(catalog: Any, names: Iterable[str], what: str) -> list[Any]:
    wanted = list(dict.fromkeys(name.strip() for name in names if name and name.strip()))
    if not wanted:
        return []
    found = {row.name: row for row in catalog.select().where(catalog.name.in_(wanted))}
    missing = [name for name in wanted if name not in found]
    if missing:
        raise ValidationError(_not_in_catalog(what, missing), field=f"{what}s")
    return [found[name] for name in wanted]


def _active_owner(email: str) -> User:
    user = get_user(email)
    if not user.active:
        raise ValidationError(
            sentence("Keys", "The user {email} is deactivated and cannot hold new keys.").format(
                email=user.email
            ),
            field="user",
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
        raise ValidationError(
            sentence("Keys", "A key needs an owner: choose a user."), field="user"
        )
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
                insert_key(new, prefix, unique_name, prepared.secret_hash)
        except peewee.IntegrityError:
            continue  # a concurrent creation took the same prefix or name: draw again
        return CreatedKey(
            key=keyformat.format_key(prefix, prepared.secret),
            prefix=prefix,
            unique_name=unique_name,
        )
    raise ValidationError(
        sentence("Keys", "Could not find a free prefix and name for the key; try again.")
    )


def insert_key(
    new: NewKey,
    prefix: str,
    unique_name: str,
    secret_hash: str,
    *,
    audited: dict[str, dict[str, Any]] | None = None,
) -> ApiKey:
    """Write one validated key, its grants and its ``create`` audit event; call it inside
    the caller's write transaction. ``audited`` adds fields to the audit event (a
    rotation names the key it replaces there)."""
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
        secret_hash=secret_hash,
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
            **(audited or {}),
        },
    )
    return key


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
        return sentence("Keys", "name is now {name}").format(name=repr(value))
    if field_name == "role":
        return sentence("Keys", "role is now {role}").format(role=role_label(str(value)))
    if field_name == "user":
        return sentence("Keys", "owner is now {user}").format(user=value)
    if field_name in ("models", "skills"):
        if not (isinstance(value, tuple) and value):
            if field_name == "models":
                return sentence("Keys", "permitted models are now none")
            return sentence("Keys", "skills are now none")
        names = ", ".join(value)
        if field_name == "models":
            return sentence("Keys", "permitted models are now {names}").format(names=names)
        return sentence("Keys", "skills are now {names}").format(names=names)
    if field_name == "expires":
        return (
            sentence("Keys", "expiry is now {time} UTC").format(time=f"{value:%Y-%m-%d %H:%M}")
            if isinstance(value, datetime)
            else sentence("Keys", "expiry is now never")
        )
    if field_name == "opt_in":
        if value:
            return sentence("Keys", "usage tracking is now on")
        return sentence("Keys", "usage tracking is now off")
    return f"{field_name} is now {value!r}"


def _listed(parts: list[str]) -> str:
    """``a, b, c`` whose parts stay sentences, so each is said in the GUI's language."""
    if not parts:
        return ""
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = sentence("Keys", "{first}, {rest}").format(first=part, rest=joined)
    return joined


#: Who did it, by verb: (another login did, someone else on our login or unnamed did).
_WHO_DID = {
    "deleted": (
        sentence("Keys", "{by} deleted this key"),
        sentence("Keys", "This key was deleted by someone else{also}"),
    ),
    "revoked": (
        sentence("Keys", "{by} revoked this key"),
        sentence("Keys", "This key was revoked by someone else{also}"),
    ),
    "changed": (
        sentence("Keys", "{by} changed this key"),
        sentence("Keys", "This key was changed by someone else{also}"),
    ),
}


def _who_did(by: str | None, verb: str) -> str:
    """``ada changed this key``, or ``This key was changed by someone else`` when the trail
    names nobody or the same login as ours (another window, or a shared login)."""
    named, unnamed = _WHO_DID[verb]
    if by is not None and by != audit.current_operator():
        return named.format(by=by)
    also = sentence("Keys", " (also signed in as {by})").format(by=by) if by is not None else ""
    return unnamed.format(also=also)


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
            sentence(
                "Keys", "{who} while you were editing it, so your change was not saved."
            ).format(who=_who_did(by, "deleted")),
            by=by,
        )
    differences = changed_fields(base, current) if base is not None else {}
    if current.revoked and (base is None or not base.revoked):
        message = sentence(
            "Keys",
            "{who} while you were editing it; a revoked key can no longer be changed, only "
            "deleted.",
        ).format(who=_who_did(by, "revoked"))
    elif differences:
        described = _listed([_describe(name, theirs) for name, (_, theirs) in differences.items()])
        message = sentence(
            "Keys",
            "{who} while you were editing it: {changes}. Reload it and apply your change again.",
        ).format(who=_who_did(by, "changed"), changes=described)
    else:
        message = sentence(
            "Keys", "{who} while you were editing it. Reload it and apply your change again."
        ).format(who=_who_did(by, "changed"))
    return Conflict(message, changed_fields=differences, by=by, current=current)


def _check_version(key: ApiKey, expected_version: int | None) -> None:
    if expected_version is not None and key.version != expected_version:
        raise _StaleRead(None)


def _writable(key: ApiKey) -> None:
    if key.revoked:
        raise KeyRevoked(
            sentence(
                "Keys", "The key {name} is revoked: it can no longer be changed, only deleted."
            ).format(name=key.unique_name)
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
    key = load_key(prefix)
    _check_version(key, expected_version)
    _writable(key)
    before = detail_of(key)
    edits: dict[str, dict[str, Any]] = {}
    reassigned: dict[str, dict[str, Any]] = {}

    if not isinstance(changes.name, Unset):
        name = validate_name(changes.name)
        if name != key.name:
            edits["name"] = audit.change(key.name, name)
            key.name = name
    if not isinstance(changes.role, Unset):
        role = validate_role(changes.role)
        if role != key.role:
            edits["role"] = audit.change(key.role, role)
            key.role = role
    if not isinstance(changes.expires, Unset):
        expires = check_expiry_change(key.expires, changes.expires)
        if expires != key.expires:
            edits["expires"] = audit.change(key.expires, expires)
            key.expires = expires
    if not isinstance(changes.opt_in, Unset) and bool(changes.opt_in) != bool(key.opt_in):
        edits["opt_in"] = audit.change(bool(key.opt_in), bool(changes.opt_in))
        key.opt_in = bool(changes.opt_in)
    if not isinstance(changes.user, Unset):
        owner = get_user(changes.user)
        if owner.id != key.user_id:
            if not owner.active:
                raise ValidationError(
                    sentence(
                        "Keys", "The user {email} is deactivated and cannot hold keys."
                    ).format(email=owner.email),
                    field="user",
                )
            reassigned["user"] = audit.change(key.user.email, owner.email)
            key.user = owner
    if not isinstance(changes.models, Unset):
        _replace_grants(key, KeyModel, AiModel, "model", changes.models, before.models, edits)
    if not isinstance(changes.skills, Unset):
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
    return detail_of(key)


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
