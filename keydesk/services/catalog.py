"""The catalogs of AI models and skills a key may be granted."""

from __future__ import annotations

import re

import peewee

from keydesk.errors import ValidationError, sentence
from keydesk.services import audit
from keydesk.services.capabilities import denied_as_error
from keydesk.services.text import quoted
from keydesk.store.connection import write_transaction
from keydesk.store.models import AiModel, Skill, tuples

CATALOG_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+-]{0,99}")


def _validated(name: str, what: str) -> str:
    name = (name or "").strip()
    if not CATALOG_NAME.fullmatch(name):
        raise ValidationError(
            sentence(
                "Catalog",
                "{name} is not a valid model name: use up to 100 letters, digits and . _ : / "
                "+ -, starting with a letter or digit.",
            ).format(name=quoted(name))
            if what == "model"
            else sentence(
                "Catalog",
                "{name} is not a valid skill name: use up to 100 letters, digits and . _ : / "
                "+ -, starting with a letter or digit.",
            ).format(name=quoted(name)),
            field="name",
        )
    return name


def _model_taken(name: str) -> str:
    return sentence("Catalog", "The model {name} is already in the catalog.").format(name=name)


def add_model(name: str) -> str:
    name = _validated(name, "model")
    with denied_as_error("manage_catalog"), write_transaction():
        if AiModel.get_or_none(AiModel.name == name) is not None:
            raise ValidationError(_model_taken(name), field="name")
        try:
            AiModel.create(name=name)
        except peewee.IntegrityError:
            raise ValidationError(_model_taken(name), field="name") from None
        audit.record("model_add", subject=name, fields={"name": audit.change(None, name)})
    return name


def list_models() -> list[str]:
    return [name for (name,) in tuples(AiModel.select(AiModel.name).order_by(AiModel.name))]


def add_skill(name: str) -> str:
    name = _validated(name, "skill")
    with denied_as_error("manage_catalog"), write_transaction():
        if Skill.get_or_none(Skill.name == name) is not None:
            raise ValidationError(
                sentence("Catalog", "The skill {name} is already in the catalog.").format(
                    name=name
                ),
                field="name",
            )
        Skill.create(name=name)
        audit.record("skill_add", subject=name, fields={"name": audit.change(None, name)})
    return name


def list_skills() -> list[str]:
    return [name for (name,) in tuples(Skill.select(Skill.name).order_by(Skill.name))]
