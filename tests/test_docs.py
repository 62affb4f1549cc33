"""The docs derive from the models: field tables and vocabularies must match them exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import ROOT
from jdiplo.load import load_registry
from jdiplo.model import Amount, Coding, Event, Person, Place, Source
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES

RECORDS_DOC = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")


def documented_rows(model: type[BaseModel]) -> list[str]:
    marker = f"<!-- generated from jdiplo.model.{model.__name__} -->\n"
    table = RECORDS_DOC.split(marker, 1)[1].split("\n\n", 1)[0]
    return table.splitlines()[2:]


@pytest.mark.parametrize("model", [Event, Person, Place, Amount, Source, Coding])
def test_field_tables_are_the_models(model: type[BaseModel]) -> None:
    expected = [
        f"| `{name}` | {'required' if field.is_required() else 'optional'} | {field.description} |"
        for name, field in model.model_fields.items()
    ]
    assert documented_rows(model) == expected


@pytest.mark.parametrize("values", [KINDS, LEVELS, DOMAINS, STATUSES])
def test_every_vocabulary_value_is_documented(values: tuple[str, ...]) -> None:
    for value in values:
        assert f"`{value}`" in RECORDS_DOC


def test_kinds_are_documented_in_vocabulary_order() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (?!required|optional)", RECORDS_DOC, re.MULTILINE)
    assert [row for row in rows if row in KINDS] == list(KINDS)


def test_the_partners_yaml_example_is_valid(tmp_path: Path) -> None:
    example = RECORDS_DOC.split("### `partners.yaml`", 1)[1].split("```yaml\n", 1)[1]
    (tmp_path / "partners.yaml").write_text(example.split("```", 1)[0], encoding="utf-8")
    registry, problems = load_registry(tmp_path)
    assert problems == []
    assert registry.resolve_partner("kingdom of norway") == "NO"
    assert registry.partners["NO"].region == "Europe"
    assert registry.resolve_framework("JAU") == "JAU"
