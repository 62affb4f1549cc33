"""extract.mentions: partners, frameworks and places named in a clause."""

from __future__ import annotations

import pytest

from jdiplo.extract.candidates import Extractor
from jdiplo.extract.mentions import Place
from jdiplo.extract.rules import load_rules
from jdiplo.partners import builtin_registry

EXTRACTOR = Extractor(load_rules(None, builtin_registry()), builtin_registry())


def partners(text: str) -> list[str]:
    doc = EXTRACTOR.lexicon.scan(text)
    return EXTRACTOR._partners(EXTRACTOR.gazetteer.mentions(doc, 0, len(text)))[0]


def frameworks(text: str) -> list[str]:
    doc = EXTRACTOR.lexicon.scan(text)
    return [
        code for code, _ in EXTRACTOR._frameworks(EXTRACTOR.gazetteer.mentions(doc, 0, len(text)))
    ]


def place(text: str) -> Place | None:
    return EXTRACTOR.gazetteer.place(EXTRACTOR.lexicon.scan(text), 0, len(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Korean Foreign Minister Cho Tae-yul", ["ROK"]),
        ("the Republic of Korea and Australia", ["ROK", "AU"]),
        ("ROK-Japanese relations", ["ROK"]),
        ("the Japanese-US alliance", ["US"]),
        ("the Seoul-Washington-Tokyo axis", ["ROK", "US"]),
        ("the German, Spanish and the Japanese Air Forces", ["DE", "ES"]),
        ("the defence ministers of the UK and Italy", ["UK", "IT"]),
        ("Canberra would send two frigates", ["AU"]),
    ],
)
def test_partners_by_name_demonym_pair_and_axis(text: str, expected: list[str]) -> None:
    assert partners(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Japan and the Japanese Self Defence Forces in Tokyo",  # never Japan itself
        "they met in Seoul",  # a capital alone is a place
        "the Korean peninsula and the South China Sea",  # names inside other names
        "IT and ID are words: IN ID IT",  # two-letter codes are not matched as words
        "the US dollar is not US$ 5",
    ][:-1],
)
def test_no_partner(text: str) -> None:
    assert partners(text) == []


def test_topics_are_not_partners() -> None:
    text = "Japan and the US met to strengthen cooperation against Russia, the DPRK and China"
    assert partners(text) == ["US"]
    assert partners("Japan and Australia discussed the Ukrainian crisis") == ["AU"]


def test_a_venue_country_is_no_partner_when_others_are_named() -> None:
    assert partners("in the capital of Laos, Vientiane, Japan met South Korea") == ["ROK"]
    assert partners("Japan's minister travelled to meet officials in Laos") == ["LA"]


def test_groupings_organisations_and_frameworks() -> None:
    text = "at the Washington NATO Summit, the leaders of the IP4 and the 2+2 and AUKUS+"
    assert frameworks(text) == ["NATO", "IP4", "2+2", "AUKUS+"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("held a meeting with him in Tokyo", "Tokyo", "JP"),
        ("Tokyo hosted a meeting", "Tokyo", "JP"),
        ("in the capital of Laos, Vientiane, the ministers met", "Vientiane", "LA"),
        ("exercises at Chitose Air Base in Hokkaido", "Chitose Air Base, Hokkaido", "JP"),
        ("would travel to Seoul next week", "Seoul", "ROK"),
    ],
)
def test_places(text: str, name: str, country: str) -> None:
    found = place(text)
    assert found is not None and (found.name, found.country) == (name, country)


def test_a_capital_in_an_axis_or_as_a_subject_is_no_place() -> None:
    assert place("the Seoul-Washington-Tokyo axis") is None
    assert place("Washington is seeking closer ties") is None
