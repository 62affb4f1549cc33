"""extract.output: the record file of the drafts, with a comment on each field."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ruamel.yaml import YAML

from jdiplo.extract.candidates import Extractor
from jdiplo.extract.output import Draft, drafts, json_text, jsonl_text, render, yaml_text
from jdiplo.extract.rules import load_rules
from jdiplo.partners import builtin_registry

REGISTRY = builtin_registry()
EXTRACTOR = Extractor(load_rules(None, REGISTRY), REGISTRY)
TEXT = (
    "In July 2024, much happened.\n"
    "On July 28, Japanese Defence Minister Kihara held a meeting with South Korean Defence "
    "Minister Shin Won-sik in Tokyo. Curiously, this was the first visit of the South Korean "
    "Defence Minister to Japan since 2009.\n"
    "At the end of 2024, a new US \u2018joint forces command\u2019 will be created.\n"
    "A\x1b[31m contract\u2028 with the US #1 was signed for the sale of missiles: on July 3.\n"
)


def made() -> list[Draft]:
    return drafts(
        EXTRACTOR.extract(TEXT), TEXT, {"file": "seeds/a.txt", "publisher": "P"}, REGISTRY
    )[0]


def read_back(text: str) -> Any:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {
                key: str(item) if key in ("date", "due", "end") else plain(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    return plain(YAML(typ="safe").load(text))


def test_the_yaml_reads_back_as_the_json() -> None:
    items = made()
    assert len(items) == 3
    assert read_back(yaml_text(items)) == {"events": json.loads(json_text(items))}
    assert [json.loads(line) for line in jsonl_text(items).splitlines()] == json.loads(
        json_text(items)
    )


def test_each_field_has_its_rule_in_a_comment() -> None:
    text = yaml_text(made(), header=["Drafted from seeds/a.txt."])
    assert text.startswith("# Drafted from seeds/a.txt.\nevents:\n  # from line 2\n")
    assert '  - date: 2024-07-28  # "July 28": a day and month, the year of the text\n' in text
    assert '    kind: meeting  # a meeting or talks: "meeting"\n' in text
    assert '    partners: [ROK]  # "South Korean" (demonym)\n' in text
    assert (
        '    status: announced  # a plan: "will"; due "the end of 2024" (the year, the end of it)\n'
        in text
    )
    assert 'which refers back to it ("this was")' in text


def test_text_of_the_article_in_comments_is_escaped_and_yaml_stays_valid() -> None:
    text = yaml_text(made())
    assert "\x1b" not in text and "\u2028" not in text
    assert read_back(text)["events"][2]["kind"] == "arms-transfer"


def test_no_candidates_is_an_empty_record_file() -> None:
    assert yaml_text([]) == "events: []\n"
    assert render([], "json") == "[]\n" and render([], "jsonl") == ""
