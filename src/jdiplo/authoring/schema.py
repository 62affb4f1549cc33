"""`jdiplo schema`: the JSON Schema of a record file, for editors and other YAML tools.

It is generated from the pydantic models (descriptions are the models' field docs), with the
vocabularies and the partner registry of the records directory as enums. It accepts what
`jdiplo validate` accepts in a file's structure, as YAML tools read it: a bare year
(`due: 2025`) is an integer there, a date a string. What it cannot say (an `end` before its
`date`, ids that must exist or be unique, quotes that must occur in their source) only
`jdiplo validate` checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.partners import Registry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "records.schema.json"  # its name next to a records directory (init, add)

# One line of text (model.Line), free text (model.Text), an id (model.Slug). Patterns are
# searched, not matched whole, by JSON Schema; "not" keeps `$` from accepting a final newline.
LINE = {"type": "string", "pattern": r"\S", "not": {"pattern": r"[\n\r]"}}
TEXT = {"type": "string", "pattern": r"\S"}
SLUG = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$", "not": {"pattern": r"\n"}}
DATE_TEXT = {
    "type": "string",
    "pattern": r"^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "not": {"pattern": r"\n"},
}
RELATIVE = {"not": {"pattern": r"^([/\\]|[A-Za-z]:)"}}

# (model, field) -> what its value (or each item of its list) is, beyond the generated type.
TEXT_FIELDS: dict[tuple[str, str], dict[str, Any]] = {
    ("Event", "title"): LINE,
    ("Event", "summary"): TEXT,
    ("Event", "firsts"): LINE,
    ("Event", "tags"): LINE,
    ("Event", "id"): SLUG,
    ("Event", "related"): SLUG,
    ("Event", "fulfils"): SLUG,
    ("Person", "name"): LINE,
    ("Person", "role"): LINE,
    ("Place", "name"): LINE,
    ("Source", "title"): LINE,
    ("Source", "file"): {**LINE, "allOf": [RELATIVE]},
    ("Source", "publisher"): LINE,
    ("Source", "author"): LINE,
    ("Source", "quote"): TEXT,
}
UNIQUE_LISTS = {"partners", "frameworks", "domains", "tags", "related", "fulfils"}
DATE_FIELDS = {("Event", "date"), ("Event", "end"), ("Event", "due"), ("Source", "date")}


def record_file_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of a record file whose partner codes come from `registry`."""
    from pydantic import BaseModel, ConfigDict, Field

    from jdiplo.model import Event

    class RecordFile(BaseModel):
        """A jdiplo record file: a list of events (by convention, those of one month)."""

        model_config = ConfigDict(extra="forbid", title="jdiplo record file")
        events: list[Event] = Field(description="The events, in date order.")

    schema = RecordFile.model_json_schema(mode="validation")
    definitions = schema["$defs"]
    for (model, name), extra in TEXT_FIELDS.items():
        _refine(definitions[model]["properties"][name], extra)
    for model, name in DATE_FIELDS:
        _refine(definitions[model]["properties"][name], DATE_TEXT, dates=True)
    event = definitions["Event"]
    for name in UNIQUE_LISTS:
        event["properties"][name]["uniqueItems"] = True
    partners = registry.partner_codes()
    frameworks = registry.framework_codes()
    countries = registry.country_codes()
    names = dict(registry.names())
    frameworks_names = {code: framework.name for code, framework in registry.frameworks.items()}
    event["properties"]["partners"]["items"] = _codes(partners, names)
    event["properties"]["frameworks"]["items"] = _codes(frameworks, {**names, **frameworks_names})
    for model in ("Person", "Place"):
        _refine(definitions[model]["properties"]["country"], _codes(countries, names))
    # `due` only for announced steps.
    event["if"] = {"required": ["due"], "properties": {"due": {"not": {"type": "null"}}}}
    event["then"] = {
        "required": ["status"],
        "properties": {"status": {"const": "announced"}},
    }
    # A source needs a url or a file.
    definitions["Source"]["anyOf"] = [
        {"required": [name], "properties": {name: {"type": "string"}}} for name in ("url", "file")
    ]
    return {"$schema": DRAFT, **schema}


def _codes(codes: list[str], names: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "string",
        "enum": codes,
        # Shown by editors (yaml-language-server, VS Code) next to each code.
        "enumDescriptions": [names.get(code, code) for code in codes],
    }


def _refine(prop: dict[str, Any], extra: dict[str, Any], dates: bool = False) -> None:
    """Add `extra` to the string schema of a property, its list items, or its non-null case."""
    if "items" in prop:
        _refine(prop["items"], extra, dates)
    elif "anyOf" in prop:
        for option in prop["anyOf"]:
            if option.get("type") != "null":
                _refine(option, extra, dates)
    elif dates and prop.get("type") == "string":
        prop.clear()
        prop.update(extra)
    elif prop.get("type") == "string" or "enum" in extra:
        prop.update(extra)
