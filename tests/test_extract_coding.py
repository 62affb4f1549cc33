"""extract.coding: kind, level, domains, status, firsts and amounts from documented words."""

from __future__ import annotations

import pytest

from jdiplo.extract import coding
from jdiplo.extract.candidates import Extractor
from jdiplo.extract.rules import load_rules
from jdiplo.partners import builtin_registry

RULES = load_rules(None, builtin_registry())
EXTRACTOR = Extractor(RULES, builtin_registry())


def coded(function: object, text: str) -> object:
    doc = EXTRACTOR.lexicon.scan(text)
    return function(RULES, doc, 0, len(text))  # type: ignore[operator]


def kind(text: str) -> str | None:
    found = coded(coding.kind, text)
    return found.value if isinstance(found, coding.Coded) else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a contract worth 3 billion yen had been signed for the sale of PAC-3 missiles",
            "arms-transfer",
        ),
        ("Japan will provide five coastal radar systems", "arms-transfer"),
        ("signed an agreement on the transfer of defence equipment", "agreement"),
        ("the parties agreed to resume visits, talks and exercises", "agreement"),
        ("the joint exercises of the German and Spanish Air Forces", "exercise"),
        ("Canberra would send two frigates to take part in drills", "deployment"),
        ("Japan and Italy are jointly developing a fighter", "co-development"),
        ("they plan to establish an intergovernmental organisation", "institutional"),
        ("at the Washington NATO Summit, the leaders held talks", "summit"),
        ("held a Foreign Ministers' Meeting with the Secretary, who is visiting Japan", "meeting"),
        ("would travel to Seoul next week to meet her counterpart", "visit"),
        ("the foreign ministers met in Tokyo to prepare the summit", "meeting"),
        ("extending the scope of defence agreements", "agreement"),
        ("According to the ambassador, relations are normal", "statement"),
        ("the inclusion of the mines in the UNESCO World Heritage List", "other"),
        ("Poland has expressed interest, although no contract has yet been signed", "statement"),
        ("relations have seriously improved", None),
    ],
)
def test_kind_rules(text: str, expected: str | None) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese Defence Minister Kihara held a meeting", "ministerial"),
        ("the leaders of Japan and Australia", "leaders"),
        ("Prime Minister Kishida met the Foreign Minister", "leaders"),
        ("a meeting of the chiefs of staff", "chiefs-of-staff"),
        ("the Vice Minister met the ambassador", "senior-officials"),
        ("according to the Ambassador", "ambassador"),
        ("the companies met", None),
    ],
)
def test_levels_from_titles_and_words(text: str, expected: str | None) -> None:
    found = coded(coding.level, text)
    assert (found.value if isinstance(found, coding.Coded) else None) == expected


def test_domains() -> None:
    found = coded(coding.domains, "foreign and defence ministers discussed cybersecurity")
    assert [item.value for item in found] == ["defence", "diplomacy", "cyber"]


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("a new command will be created", True),
        ("they plan to establish an organisation", True),
        ("Japan and Australia agreed on Thursday to expand drills", True),
        ("extending the scope of defence agreements to new areas", False),
        ("Tokyo hosted a meeting", False),
    ],
)
def test_plans(text: str, plan: bool) -> None:
    assert (coded(coding.plan, text) is not None) == plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "this was the first visit of the Minister to Japan since 2009, indicating",
            ["the first visit of the Minister to Japan since 2009"],
        ),
        ("on July 18, for the first time in 8 years, a meeting", ["for the first time in 8 years"]),
        (
            "participation in such a composition was a historical first, which",
            ["participation in such a composition was a historical first"],
        ),
        ("the first such visit in two years.", ["the first such visit in two years"]),
        ("the first joint exercise will be held this summer", ["the first joint exercise"]),
        ("the first such fighter should be deployed by 2035", []),
        ("the leaders first held talks among themselves", []),
        ("in the first half of 2025", []),
    ],
)
def test_firsts(text: str, expected: list[str]) -> None:
    found = coded(coding.firsts, text)
    assert [first.text for first in found] == expected  # type: ignore[attr-defined]


def test_amounts() -> None:
    text = "a contract worth 3 billion Japanese yen (USD 19.5 million) had been signed"
    assert coding.amount(RULES, text, 0, len(text)) is not None
    data, _ = coding.amount(RULES, text, 0, len(text)) or ({}, "")
    assert data == {"value": 3_000_000_000, "currency": "JPY", "usd": 19_500_000}
    assert coding.amount(RULES, "a grant of 2.5 billion yen", 0, 26) == (
        {"value": 2_500_000_000, "currency": "JPY"},
        '"2.5 billion yen"',
    )


@pytest.mark.parametrize(
    ("text", "process"),
    [
        ("the parties are updating the alliance", "are updating"),
        ("the level of interaction is seriously increasing", "is seriously increasing"),
        ("the scope of the agreement is being extended", "is being extended"),
        ("Japan and the UK are working to agree on a framework", "are working"),
        ("talks on the agreement are under way", "under way"),
        ("the UK was going to send a carrier strike group", None),  # a plan
        ("there is nothing new in the agreement", None),
        ("Japan and the US signed an agreement", None),
    ],
)
def test_an_ongoing_process_is_told_by_be_and_ing_or_by_a_phrase(
    text: str, process: str | None
) -> None:
    found = coded(coding.ongoing, text)
    assert (found.group() if found is not None else None) == process  # type: ignore[attr-defined]
