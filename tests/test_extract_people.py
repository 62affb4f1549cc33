"""extract.people: names with their titles, written as the sentence gives them."""

from __future__ import annotations

import pytest

from jdiplo.extract.candidates import Extractor
from jdiplo.extract.rules import load_rules
from jdiplo.partners import builtin_registry

EXTRACTOR = Extractor(load_rules(None, builtin_registry()), builtin_registry())


def people(text: str, partners: list[str] | None = None) -> list[dict[str, str]]:
    doc = EXTRACTOR.lexicon.scan(text)
    return EXTRACTOR._people(doc, 0, len(text), partners or [])[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Defence Minister Minoru Kihara held talks.",
            [{"name": "Minoru Kihara", "role": "Defence Minister"}],
        ),
        (
            "Japanese Defence Minister Kihara held a meeting.",
            [{"name": "Kihara", "role": "Defence Minister", "country": "JP"}],
        ),
        (
            "Kihara Minoru, Japan's Defence Minister, said so.",
            [{"name": "Kihara Minoru", "role": "Defence Minister", "country": "JP"}],
        ),
        (
            "South Korean Foreign Minister Cho Tae-yul, and others",
            [{"name": "Cho Tae-yul", "role": "Foreign Minister", "country": "ROK"}],
        ),
        (
            "According to the Ambassador of the Republic of Korea to Japan, Yun Duk-min, relations",
            [
                {
                    "name": "Yun Duk-min",
                    "role": "Ambassador of the Republic of Korea to Japan",
                    "country": "ROK",
                }
            ],
        ),
        (
            "Mr. TAKEDA Haruki, Minister for Foreign Affairs of Japan, held a meeting",
            [{"name": "TAKEDA Haruki", "role": "Minister for Foreign Affairs", "country": "JP"}],
        ),
        (
            "met the defence ministers of the UK (John Healy) and Italy (Guido Crosetto).",
            [
                {"name": "John Healy", "role": "Defence Minister", "country": "UK"},
                {"name": "Guido Crosetto", "role": "Defence Minister", "country": "IT"},
            ],
        ),
    ],
)
def test_title_patterns(text: str, expected: list[dict[str, str]]) -> None:
    assert people(text) == expected


def test_a_counterpart_takes_the_role_before_it_and_the_only_partner() -> None:
    text = "Japanese Defence Minister Kihara held a meeting with his counterpart Shin Won-sik."
    assert people(text, ["ROK"])[1] == {
        "name": "Shin Won-sik",
        "role": "Defence Minister",
        "country": "ROK",
    }


@pytest.mark.parametrize(
    "text",
    [
        "the US president met them",  # a title without a name
        "in the capital of Laos, Vientiane, Japanese Foreign Minister",  # a place is no name
        "the Japanese Ministry of Defence announced",
    ],
)
def test_no_person(text: str) -> None:
    assert all(person["name"] not in ("Vientiane", "Laos") for person in people(text))
    assert people(text) == []
