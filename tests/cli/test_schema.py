"""`jdiplo schema`: a JSON Schema that accepts what `validate` accepts in a file's structure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import BUNDLED_RECORDS, DATA, Invoke
from jdiplo.layout import find_record_files


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    from conftest import invoke

    result = invoke("--records", str(BUNDLED_RECORDS), "schema")
    assert result.code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_yaml_tools_read(text: str) -> Any:
    """A record file as a YAML tool hands it to a JSON Schema validator: an unquoted date is a
    string to YAML 1.2 (a bare year is an integer)."""

    def strings(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: strings(item) for key, item in value.items()}
        if isinstance(value, list):
            return [strings(item) for item in value]
        return value

    return strings(YAML(typ="safe", pure=True).load(text))


def errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(as_yaml_tools_read(text))]


@pytest.mark.parametrize(
    "records", [BUNDLED_RECORDS, DATA / "sample" / "records"], ids=["bundled", "sample"]
)
def test_every_bundled_record_file_is_valid(
    validator: jsonschema.Draft202012Validator, records: Path
) -> None:
    for relative in find_record_files(records):
        text = (records / relative).read_text(encoding="utf-8")
        assert errors(validator, text) == [], relative


EVENT = """\
events:
  - id: a
    date: 2024-07-28
    title: A title
    kind: meeting
    partners: [ROK]
    sources:
      - url: https://example.org/a
        quote: A quote
"""


def test_a_valid_event_with_a_bare_year_is_valid(
    validator: jsonschema.Draft202012Validator,
) -> None:
    assert errors(validator, EVENT) == []
    announced = EVENT.replace(
        "kind: meeting", "kind: meeting\n    status: announced\n    due: 2025"
    )
    assert errors(validator, announced) == []


@pytest.mark.parametrize(
    "change",
    [
        ("kind: meeting", "kind: picnic"),
        ("kind: meeting", "kind: meeting\n    due: 2025"),
        ("partners: [ROK]", "partners: [Korea]"),
        ("partners: [ROK]", "partners: [ROK, ROK]"),
        ("partners: [ROK]", "partners: []"),
        ("id: a", "id: A"),
        ("title: A title", "title: ' '"),
        ("date: 2024-07-28", "date: 2024-13"),
        ("quote: A quote", "quote: ''"),
        ("      - url: https://example.org/a\n", "      - title: No place\n"),
        ("      - url: https://example.org/a\n", "      - file: /etc/passwd\n"),
        ("kind: meeting", "kind: meeting\n    colour: red"),
    ],
)
def test_what_validate_refuses_the_schema_refuses(
    validator: jsonschema.Draft202012Validator,
    jdiplo: Invoke,
    tmp_path: Path,
    change: tuple[str, str],
) -> None:
    text = EVENT.replace(*change)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "test.yaml").write_text(text, encoding="utf-8")
    assert jdiplo("--records", str(tmp_path / "records"), "validate").code == 1
    assert errors(validator, text) != []


def test_partner_codes_of_the_records_partners_yaml_are_in_the_enum(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "partners.yaml").write_text(
        "partners:\n  - {code: NO, name: Norway, kind: state}\n", encoding="utf-8"
    )
    schema = json.loads(jdiplo("--records", str(tmp_path), "schema").stdout)
    partners = schema["$defs"]["Event"]["properties"]["partners"]["items"]
    assert "NO" in partners["enum"] and "ROK" in partners["enum"] and "JP" not in partners["enum"]
    kind = schema["$defs"]["Event"]["properties"]["kind"]
    assert kind["description"] == "What sort of event it is."
