"""People who own keys."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from keydesk.errors import NotFound, ValidationError, sentence
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error
from keydesk.services.clock import utcnow
from keydesk.services.text import check_visible, printable, quoted
from keydesk.store.connection import write_transaction
from keydesk.store.models import ApiKey, User, raw_tuples, tuples

DISPLAY_NAME_MAX = 100


@dataclass(frozen=True)
class UserInfo:
    email: str
    display_name: str
    active: bool
    key_count: int = 0


def normalize_email(email: str) -> str:
    """The canonical form of an address, or ValidationError with the reason."""
    text = (email or "").strip()
    if not text:
        raise ValidationError(sentence("Users", "An email address is required."), field="email")
    import email_validator  # ~70 ms of tables; only adding or editing a user needs it

    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        raise ValidationError(
            sentence("Users", "{email} is not a valid email address: {reason}").format(
                email=quoted(text), reason=printable(str(error))[:200]
            ),
            field="email",
        ) from None
    return str(checked.normalized).lower()


def _display_name(name: str | None, email: str) -> str:
    name = (name or "").strip() or email.split("@", 1)[0]
    check_visible(name, sentence("Fields", "The display name"), field="display_name")
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(
            sentence("Users", "The display name must have at most {count} characters.").format(
                count=DISPLAY_NAME_MAX
            ),
            field="display_name",
        )
    return name


def _taken(email: str) -> str:
    return sentence("Users", "A user with the email {email} already exists.").format(email=email)


def get_user(email: str) -> User:
    """The user row for ``email``; NotFound with a sentence when there is none."""
    normalized = (email or "").strip().lower()
    user = User.get_or_none(User.email == normalized)
    if user is None:
        raise NotFound(
            sentence("Users", "There is no user with the email {email}.").format(
                email=quoted(email.strip())
            )
        )
    return user


def add_user(email: str, display_name: str | None = None) -> UserInfo:
    email = normalize_email(email)
    name = _display_name(display_name, email)
    with denied_as_error("manage_users"), write_transaction():
        if User.get_or_none(User.email == email) is not None:
            raise ValidationError(_taken(email), field="email")
        try:
            User.create(email=email, display_name=name, active=True, created=utcnow())
        except peewee.IntegrityError:
            raise ValidationError(_taken(email), field="email") from None
        audit.record(
            "user_add",
            subject=email,
            fields={"email": audit.change(None, email), "display_name": audit.change(None, name)},
        )
    return UserInfo(email, name, True, 0)


def list_users(*, key_counts: bool = True) -> list[UserInfo]:
    """Every user by email; ``key_counts=False`` skips counting each user's keys (a scan
    of every key: ~0.1 s at a million), for a form that only offers the users."""
    counts: dict[int, int] = (
        dict(tuples(ApiKey.select(ApiKey.user, peewee.fn.COUNT(ApiKey.id)).group_by(ApiKey.user)))
        if key_counts
        else {}
    )
    query = User.select(User.id, User.email, User.display_name, User.active).order_by(User.email)
    return [
        UserInfo(email, name, bool(active), counts.get(user_id, 0))
        for user_id, email, name, active in raw_tuples(query)
    ]


def rename_user(email: str, display_name: str) -> UserInfo:
    with denied_as_error("manage_users"), write_transaction():
        user = get_user(email)
        name = _display_name(display_name, user.email)
        if name != user.display_name:
            audit.record(
                "user_edit",
                subject=user.email,
                fields={"display_name": audit.change(user.display_name, name)},
            )
            user.display_name = name
            user.save()
    return _info(user)


def _info(user: User) -> UserInfo:
    count = ApiKey.select().where(ApiKey.user == user).count()
    return UserInfo(user.email, user.display_name, bool(user.active), int(count))


def set_user_active(email: str, active: bool) -> UserInfo:
    """Deactivate (or reactivate) a user. A deactivated user gets no new keys."""
    with denied_as_error("manage_users"), write_transaction():
        user = get_user(email)
        if bool(user.active) != active:
            audit.record(
                "user_edit",
                subject=user.email,
                fields={"active": audit.change(user.active, active)},
            )
            user.active = active
            user.save()
    return _info(user)
