"""The catalogs of models and skills: unique, well-formed names."""

from __future__ import annotations

import pytest

from keydesk.errors import ValidationError
from keydesk.services import catalog


@pytest.mark.parametrize(
    ("add", "listing"),
    [(catalog.add_model, catalog.list_models), (catalog.add_skill, catalog.list_skills)],
    ids=["models", "skills"],
)
def test_catalog_names_are_unique(db, snapshot, add, listing):
    assert add(" zeta-1 ") == "zeta-1"
    assert add("alfred-4") == "alfred-4"
    assert add("org/model:v1.2+beta_3") == "org/model:v1.2+beta_3"
    state = snapshot()
    for duplicate in ("alfred-4", "  alfred-4"):
        with pytest.raises(ValidationError, match="already in the catalog") as refused:
            add(duplicate)
        assert refused.value.field == "name"
    assert snapshot() == state
    assert listing() == ["alfred-4", "org/model:v1.2+beta_3", "zeta-1"]


def test_catalog_names_are_well_formed(db, snapshot):
    state = snapshot()
    for bad in ("", "   ", "-leading-dash", "with space", "x" * 101, "émoji-🙂", "a;drop"):
        for add in (catalog.add_model, catalog.add_skill):
            with pytest.raises(ValidationError) as refused:
                add(bad)
            assert refused.value.field == "name"
    assert snapshot() == state
    assert catalog.add_model("m" * 100) == "m" * 100
