"""extract.rules: the rules are data, checked, and a records repository can add to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdiplo.extract.candidates import Extractor
from jdiplo.extract.rules import RULES_FILE, builtin_problems, load_rules
from jdiplo.layout import find_record_files
from jdiplo.partners import builtin_registry
from jdiplo.problems import RecordsInvalid

REGISTRY = builtin_registry()


def test_the_builtin_rules_have_no_problem() -> None:
    assert builtin_problems(REGISTRY) == []


def test_a_records_directory_adds_words_and_rules(tmp_path: Path) -> None:
    (tmp_path / RULES_FILE).write_text(
        "demonyms:\n  Kiwi: NZ\n"
        "kinds:\n  - kind: visit\n    rule: a port call\n    words: [called at]\n",
        encoding="utf-8",
    )
    rules = load_rules(tmp_path, REGISTRY)
    assert rules.demonyms["Kiwi"] == "NZ" and rules.demonyms["South Korean"] == "ROK"
    assert rules.kinds[0].rule == "a port call"
    extraction = Extractor(rules, REGISTRY).extract(
        "In July 2024, a Kiwi frigate called at Yokosuka.\n"
    )
    [candidate] = extraction.candidates
    assert (candidate.kind, candidate.partners) == ("visit", ["NZ"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "kinds:\n  - kind: meetign\n    words: [x]\n",
            "extract.yaml:2:11: unknown kind 'meetign' (did you mean 'meeting'?)",
        ),
        (
            "demonym:\n  Kiwi: NZ\n",
            "extract.yaml:1:1: unknown section 'demonym' (did you mean 'demonyms'?)",
        ),
        ("demonyms:\n  Kiwi: NZL\n", "extract.yaml:2:9: 'NZL' is not a partner code: write 'NZ'"),
        ("kinds:\n  - kind: visit\n", "extract.yaml:2:5: a rule of kinds needs 'words'"),
        (
            "opinions: in my view\n",
            "extract.yaml:1:11: opinions must be a list of words or phrases",
        ),
        ("places:\n  Kyiv: NATO\n", "extract.yaml:2:9: NATO is an organisation, not a country"),
        ("kinds: [\n", "extract.yaml:2:1: YAML syntax error"),
        (
            "kinds:\n  - kind: visit\n    words: [x]\n    ongoing: othr\n",
            "extract.yaml:4:14: unknown kind 'othr' (did you mean 'other'?)",
        ),
        ("ongoing:\n  be: is\n", "extract.yaml:2:7: ongoing.be must be a list of words"),
        (
            "ongoing:\n  bee: [is]\n",
            "extract.yaml:2:3: unknown key 'bee' in ongoing (did you mean 'be'?)",
        ),
    ],
)
def test_a_bad_rules_file_is_located(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / RULES_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(RecordsInvalid) as raised:
        load_rules(tmp_path, REGISTRY)
    assert str(raised.value.problems[0]).startswith(message)


def test_phrases_are_words_not_patterns(tmp_path: Path) -> None:
    (tmp_path / RULES_FILE).write_text("opinions: ['(a+)+$', '.*']\n", encoding="utf-8")
    rules = load_rules(tmp_path, REGISTRY)
    text = "In July 2024, Japan and the US held talks. " + "a" * 5000 + "!\n"
    assert [c.kind for c in Extractor(rules, REGISTRY).extract(text).candidates] == ["meeting"]


def test_the_rules_file_is_not_a_record_file(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "2024-07.yaml").write_text("events: []\n", encoding="utf-8")
    (tmp_path / RULES_FILE).write_text("demonyms: {}\n", encoding="utf-8")
    assert find_record_files(tmp_path) == ["2024/2024-07.yaml"]
