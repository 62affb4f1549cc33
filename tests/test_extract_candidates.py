"""extract.candidates: what `jdiplo extract` drafts from a text, field by field, as the issue's
examples ask; and, for any text, drafts that `jdiplo add` and `validate` accept."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdiplo.authoring.add import likely_duplicates
from jdiplo.dates import parse_partial_date
from jdiplo.extract.candidates import Extraction, Extractor
from jdiplo.extract.output import drafts, yaml_text
from jdiplo.extract.rules import load_rules
from jdiplo.model import Event, code_problems
from jdiplo.partners import builtin_registry
from jdiplo.quotes import normalise_quote, quote_problem

REGISTRY = builtin_registry()
EXTRACTOR = Extractor(load_rules(None, REGISTRY), REGISTRY)
SOURCE = {"file": "seeds/article.txt"}


def extract(text: str, published: str | None = None) -> Extraction:
    return EXTRACTOR.extract(text, parse_partial_date(published) if published else None)


def events(text: str, published: str | None = None) -> list[dict[str, Any]]:
    made, _ = drafts(extract(text, published), text, SOURCE, REGISTRY)
    return [draft.data for draft in made]


def only(text: str, published: str | None = None) -> dict[str, Any]:
    [event] = events(text, published)
    return event


# Dates, as precise as the text


def test_a_day_and_month_take_the_year_of_the_text() -> None:
    assert (
        only("On July 28, Tokyo hosted a meeting with the US.\n", "2024-07")["date"] == "2024-07-28"
    )


def test_a_day_of_the_month_takes_the_month_named_before() -> None:
    text = (
        "In July 2024, ties grew.\n"
        "On July 2, Japan met the US. "
        "Thus, on the 23rd, Kihara held meetings in London with the UK.\n"
    )
    assert [event["date"] for event in events(text)] == ["2024-07-02", "2024-07-23"]


def test_an_undated_sentence_takes_the_month_the_text_is_about() -> None:
    text = "In July 2024, Japan was busy.\nJapan and Italy are jointly developing a fighter.\n"
    assert only(text)["date"] == "2024-07"


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("A joint command with the US will appear by 2025.", "2025"),
        ("At the end of 2024, a new US command will be created.", "2024"),
        ("This autumn, Japan and the UK plan to establish an organisation.", "2024"),
        ("The UK will send a carrier strike group to Japan in 2035.", "2035"),
    ],
)
def test_plans_are_announced_with_their_due_date(sentence: str, due: str) -> None:
    event = only(f"In July 2024, much happened.\n{sentence}\n", "2024-07")
    assert (event["date"], event["status"], event["due"]) == ("2024-07", "announced", due)


def test_a_year_that_cannot_be_known_is_reported_not_guessed() -> None:
    extraction = extract("On July 28, Japan and the US held talks in Tokyo.\n")
    assert extraction.candidates == []
    [note] = extraction.notes
    assert (note.line, note.reason) == (
        1,
        'no year for "July 28" (a day without its year): give --published',
    )


def test_the_date_of_the_event_referred_back_to() -> None:
    text = (
        "In July 2024, much happened.\n"
        "On July 28, Japanese Defence Minister Kihara held a meeting with South Korean Defence "
        "Minister Shin Won-sik. During these negotiations, the parties agreed to resume visits.\n"
    )
    _, agreement = events(text)
    assert (agreement["date"], agreement["partners"], agreement["kind"]) == (
        "2024-07-28",
        ["ROK"],
        "agreement",
    )


# A day goes on only with its occasion (issue 13, after the audit of the July 2024 records)

ANNOUNCED = (
    "In July 2024, much happened.\n"
    "On July 28, Tokyo hosted a meeting of the foreign and defence ministers of Japan and the "
    "US, at which it was announced that the US forces in Japan are changing. At the end of "
    "2024, a new US joint forces command will be created. "
)


def test_a_plan_that_names_the_partners_of_the_announcement_takes_its_day() -> None:
    _, command = events(ANNOUNCED + "\n", "2024-07")
    assert (command["date"], command["status"], command["due"]) == (
        "2024-07-28",
        "announced",
        "2024",
    )


@pytest.mark.parametrize(
    "opening",
    [
        "As for the Japanese army, a joint operational command will appear in their structure "
        "by 2025.",
        "Secondly, a joint operational command will appear by 2025.",
        "Meanwhile, a joint operational command will appear by 2025.",
        "A joint operational command will appear in the Japanese army by 2025.",  # a new subject
    ],
)
def test_a_plan_on_a_new_topic_is_dated_as_the_text_allows(opening: str) -> None:
    made = events(ANNOUNCED + opening + "\n", "2024-07")
    command = made[-1]
    assert (command["date"], command["status"], command["due"]) == ("2024-07", "announced", "2025")


def test_a_new_topic_breaks_the_chain_of_plans_after_an_announcement() -> None:
    text = ANNOUNCED + (
        "As for Japan, a joint operational command will appear by 2025. "
        "The US will also open a new office by 2026.\n"
    )
    dates = [event["date"] for event in events(text, "2024-07")]
    assert dates == ["2024-07-28", "2024-07-28", "2024-07", "2024-07"]


def test_the_date_comment_says_why_the_day_was_not_carried() -> None:
    text = ANNOUNCED + "As for Japan, a joint operational command will appear by 2025.\n"
    extraction = extract(text, "2024-07")
    assert extraction.candidates[-1].why["date"] == (
        "no date in the sentence: the period the text is about; not the day of the "
        'announcement of line 2, as it opens a new topic ("As for")'
    )


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The ministers agreed to expand exercises.", "2024-07-10"),  # its participants
        ("There, the two sides signed a memorandum on logistics.", "2024-07-10"),  # "there"
        ("Australian Defence Minister Hale signed a memorandum.", "2024-07-10"),  # its partner
        ("Separately, during the talks, they signed a memorandum.", "2024-07-10"),  # refers back
        ("Secondly, they signed a memorandum on logistics.", "2024-07"),  # a new topic
        ("There is more: a memorandum was signed.", "2024-07"),  # "there is" refers to nothing
    ],
)
def test_something_done_after_a_dated_event_takes_its_day_only_on_the_same_occasion(
    sentence: str, date: str
) -> None:
    text = f"In July 2024, much happened.\nOn July 10, Japan and Australia held talks. {sentence}\n"
    assert events(text, "2024-07")[-1]["date"] == date


# Ongoing processes


@pytest.mark.parametrize(
    "sentence",
    [
        "Secondly, the parties are updating the Japanese-US alliance, extending the scope of "
        "defence agreements to new areas (e.g. cybersecurity).",
        "Japan and the UK are working to agree on a new defence framework.",
        "The scope of the Japan-Australia reciprocal access agreement is being extended.",
        "Japan and the US were negotiating an agreement on minerals.",
    ],
)
def test_an_ongoing_process_is_not_an_agreement(sentence: str) -> None:
    extraction = extract(f"In July 2024, much happened.\n{sentence}\n")
    [candidate] = extraction.candidates
    assert candidate.kind == "other"
    assert candidate.why["kind"].startswith("an ongoing process, not agreement: ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan and Australia, which are expanding ties, signed a memorandum on logistics.",
        "Japan and the Philippines signed a reciprocal access agreement.",
        "Japan and the UK agreed to expand exercises.",
    ],
)
def test_an_agreement_reached_is_an_agreement(sentence: str) -> None:
    assert only(f"In July 2024, much happened.\n{sentence}\n")["kind"] == "agreement"


def test_the_general_statement_is_quoted_with_the_event_it_details() -> None:
    text = (
        "In July 2024, much happened.\n"
        "Firstly, interaction between the US and Japanese forces is increasing, as commands are "
        "being created within their structures. On July 28, Tokyo hosted a meeting with the US. "
        "As for the Japanese army, a joint operational command will appear by 2025.\n"
    )
    meeting, command = events(text, "2024-07")
    assert meeting["date"] == "2024-07-28"
    assert (command["date"], command["kind"], command["partners"], command["due"]) == (
        "2024-07",
        "institutional",
        ["US"],
        "2025",
    )
    assert command["sources"][0]["quote"] == (
        "Firstly, interaction between the US and Japanese forces is increasing, as commands are "
        "being created within their structures. \u2026 As for the Japanese army, a joint "
        "operational command will appear by 2025."
    )


def test_a_detail_that_names_its_own_partners_leaves_the_general_statement_alone() -> None:
    text = (
        "In July 2024, much happened.\n"
        "Japan and the US are expanding joint exercises. "
        "In July, Japan and the US held an exercise off Okinawa.\n"
    )
    assert [len(event["sources"][0]["quote"]) < 60 for event in events(text)] == [True, True]


# Organisations as parties


@pytest.mark.parametrize(
    ("sentence", "partners", "frameworks"),
    [
        (
            "On July 27, the Sado gold mines were inscribed on the UNESCO World Heritage List, "
            "with South Korea's consent.",
            ["ROK", "UNESCO"],
            [],
        ),
        ("On July 11, Japan and NATO signed a partnership programme.", ["NATO"], []),
        ("On July 11, Japan, Australia and NATO held talks.", ["AU", "NATO"], []),
        ("The EU agreed to hold a security dialogue with Japan in 2025.", ["EU"], []),
        ("On July 2, the JMSDF joined a NATO exercise with the German navy.", ["DE", "NATO"], []),
        ("On July 19, NATO Secretary General Mark Rutte visited Tokyo.", ["NATO"], []),
        ("On July 3, Japan signed a memorandum with the EU.", ["EU"], []),
        (
            "On July 2, Japan and the US signed a memorandum on cooperation with NATO.",
            ["US"],
            ["NATO"],
        ),
        # not parties: the occasion, a standard, a topic
        ("On July 11, at the NATO Summit, Kishida met the Australian leader.", ["AU"], ["NATO"]),
        (
            "On July 3, Japanese and South Korean ministers met on the sidelines of the UN "
            "General Assembly.",
            ["ROK"],
            ["UN"],
        ),
        (
            "On July 2, Japan and Australia signed a memorandum in line with the UN Convention "
            "on the Law of the Sea.",
            ["AU"],
            ["UN"],
        ),
        ("On July 3, Japan and the UK held talks against NATO's advice.", ["UK"], []),
    ],
)
def test_an_organisation_is_a_partner_when_the_text_makes_it_a_party(
    sentence: str, partners: list[str], frameworks: list[str]
) -> None:
    event = only(f"In July 2024, much happened.\n{sentence}\n")
    assert (event["partners"], event.get("frameworks", [])) == (partners, frameworks)


def test_an_organisation_acting_takes_partners_from_its_paragraph_only() -> None:
    text = (
        "In July 2024, much happened.\n"
        "On July 2, Japan and the US held talks.\n"
        "The Sado gold mines were inscribed on the UNESCO World Heritage List.\n"
    )
    assert events(text)[-1]["partners"] == ["UNESCO"]


# Talks held at a summit


@pytest.mark.parametrize(
    "sentence",
    [
        "So, on July 11, at the Washington NATO Summit, the leaders of Japan and Australia held "
        "talks (and Japanese Prime Minister Fumio Kishida then held separate talks with the US "
        "president).",
        "On July 11, Japanese and Australian leaders attended the NATO summit (and Prime Minister "
        "Kishida then held talks with the US president).",
    ],
)
def test_talks_held_at_a_summit_are_a_summit(sentence: str) -> None:
    *_, talks = events(f"In July 2024, much happened.\n{sentence}\n")
    assert (talks["kind"], talks["partners"], talks["level"]) == ("summit", ["US"], "leaders")


@pytest.mark.parametrize(
    "sentence",
    [
        "On July 9, the foreign ministers of Japan and Australia met in Tokyo ahead of the summit.",
        "On July 11, the leaders of Japan and Australia met at the NATO summit, and on July 28, "
        "the defence ministers of Japan and Australia held talks in Tokyo (and Kihara then held "
        "talks with Marles).",
    ],
)
def test_talks_elsewhere_or_to_prepare_a_summit_are_a_meeting(sentence: str) -> None:
    *_, talks = events(f"In July 2024, much happened.\n{sentence}\n")
    assert talks["kind"] == "meeting"


# Partners, frameworks, people, places


def test_partners_by_demonym_pair_and_axis_never_japan() -> None:
    text = (
        "In July 2024, much happened.\n"
        "Japanese and South Korean ministers held talks.\n"
        "ROK-Japanese talks took place.\n"
        "Leaders of the Seoul-Washington-Tokyo axis met.\n"
    )
    assert [event["partners"] for event in events(text)] == [["ROK"], ["ROK"], ["ROK", "US"]]


def test_frameworks_named_and_implied() -> None:
    text = (
        "In July 2024, much happened.\n"
        "On July 28, Tokyo hosted a meeting of the foreign and defence ministers of Japan and "
        "the US.\n"
        "On July 18, the chiefs of staff of South Korea, the US and Japan met.\n"
        "On July 11, at the Washington NATO Summit, the leaders of Japan, South Korea, Australia "
        "and New Zealand (IP4) held talks.\n"
    )
    two, three, summit = events(text)
    assert two["frameworks"] == ["2+2"] and two["level"] == "ministerial"
    assert three["frameworks"] == ["JUSK"] and three["level"] == "chiefs-of-staff"
    assert summit["frameworks"] == ["NATO", "IP4"] and summit["partners"] == ["ROK", "AU", "NZ"]
    assert (summit["kind"], summit["level"], summit["place"]) == (
        "summit",
        "leaders",
        {"name": "Washington", "country": "US"},
    )


def test_people_and_place_as_the_sentence_gives_them() -> None:
    event = only(
        "In July 2024, much happened.\n"
        "On July 26, in Vientiane, Japanese Foreign Minister Yoko Kamikawa met with South Korean "
        "Foreign Minister Cho Tae-yul.\n"
    )
    assert event["people"] == [
        {"name": "Yoko Kamikawa", "role": "Foreign Minister", "country": "JP"},
        {"name": "Cho Tae-yul", "role": "Foreign Minister", "country": "ROK"},
    ]
    assert event["place"] == {"name": "Vientiane", "country": "LA"}


# Kinds and firsts


@pytest.mark.parametrize(
    ("sentence", "kind", "firsts"),
    [
        (
            "On July 18, for the first time since 2009, Japan and the US held talks.",
            "meeting",
            ["for the first time since 2009"],
        ),
        (
            "On July 18, Japan and the UK held exercises, the first in 8 years.",
            "exercise",
            ["the first in 8 years"],
        ),
        (
            "On July 18, Japan signed a contract with the US for the sale of missiles.",
            "arms-transfer",
            [],
        ),
        (
            "For Spain, joining the exercises on July 3 was a historical first.",
            "exercise",
            ["joining the exercises on July 3 was a historical first"],
        ),
    ],
)
def test_kinds_and_firsts(sentence: str, kind: str, firsts: list[str]) -> None:
    event = only(f"In July 2024, much happened.\n{sentence}\n")
    assert (event["kind"], event.get("firsts", [])) == (kind, firsts)


def test_a_sentence_referring_back_grows_the_quote_and_the_firsts() -> None:
    text = (
        "In July 2024, much happened.\n"
        "On July 28, Japanese Defence Minister Kihara held a meeting with South Korean Defence "
        "Minister Shin Won-sik in Tokyo. Curiously, this was the first visit of the South Korean "
        "Defence Minister to Japan since 2009.\n"
    )
    event = only(text)
    assert event["firsts"] == [
        "the first visit of the South Korean Defence Minister to Japan since 2009"
    ]
    assert event["sources"][0]["quote"].endswith("to Japan since 2009.")


def test_clauses_of_one_sentence_are_events_of_their_own() -> None:
    text = (
        "In July 2024, much happened.\n"
        "So, on July 11, the leaders of Japan, South Korea and Australia held talks, then invited "
        "Ukrainian President Vladimir Zelensky to join them and next met with the US president "
        "(and Japanese Prime Minister Fumio Kishida then held separate talks with Joe Biden).\n"
    )
    found = events(text)
    assert [event["partners"] for event in found] == [
        ["ROK", "AU"], ["ROK", "AU", "UA"], ["ROK", "AU", "US"], ["US"],
    ]  # fmt: skip
    assert {event["date"] for event in found} == {"2024-07-11"}
    assert found[2]["sources"][0]["quote"] == "and next met with the US president"


def test_opinions_headings_and_courtesies_are_not_events() -> None:
    text = (
        "Japan and the US held talks\n"
        "In July 2024, much happened.\n"
        "In our opinion, Japan and the US held talks to expand cooperation.\n"
        "The minister expressed her gratitude for the talks with the US.\n"
    )
    assert events(text) == []


def test_an_event_told_twice_is_drafted_once() -> None:
    text = (
        "In July 2024, much happened.\n"
        "On July 28, Japan and the US held talks in Tokyo.\n"
        "On July 28, Japan and the US held talks in Tokyo.\n"
    )
    made, notes = drafts(extract(text), text, SOURCE, REGISTRY)
    assert len(made) == 1
    assert [note.reason for note in notes] == [
        "left out: repeats the candidate of line 2 (the same quote)"
    ]


def test_the_same_text_gives_the_same_output() -> None:
    text = (
        "In July 2024, much happened.\nOn July 28, Japan and the US held talks in Tokyo. "
        "The parties agreed to hold exercises by 2025.\n"
    )
    first = yaml_text(drafts(extract(text), text, SOURCE, REGISTRY)[0])
    again = Extractor(load_rules(None, REGISTRY), REGISTRY)
    second = yaml_text(drafts(again.extract(text), text, SOURCE, REGISTRY)[0])
    assert first == second and "kind: meeting" in first


# Any text: drafts that the record format, the registry and validate accept

SUBJECTS = [
    "Japan and the US", "South Korean Foreign Minister Cho Tae-yul", "the parties", "They",
    "the leaders of the Seoul-Washington-Tokyo axis", "Japanese Defence Minister Kihara",
    "the IP4 leaders", "NATO", "Italy's government", "ROK-Japanese teams", "the minister",
]  # fmt: skip
VERBS = [
    "held talks", "agreed to hold exercises", "signed a contract for the sale of missiles",
    "will establish a joint command", "met his counterpart Shin Won-sik", "visited Tokyo",
    "are jointly developing a fighter", "stated that relations are normal", "expressed thanks",
    "plan to send troops", "held a summit",
]  # fmt: skip
TIMES = [
    "", "on July 28", "on the 23rd", "by 2025", "this autumn", "in 2035", "last week",
    "on Tuesday", "at the end of 2024", "in September last year", "a week after", "today",
    "on 12 April", "July 28-29", "in late May",
]  # fmt: skip
EXTRAS = [
    "", "for the first time since 2009", "(and Prime Minister Fumio Kishida then held talks)",
    ", then invited Ukrainian President Vladimir Zelensky", "in Tokyo",
    "at Chitose Air Base in Hokkaido",
    "against China", ", and signed an agreement", ", the first in 8 years",
]  # fmt: skip
OPENINGS = [
    "",
    "In July 2024, much happened.",
    "TOKYO, Oct 3 (Wire) - Japan met the UK.",
    "Joint Statement\n\nNew Delhi, 5 September 2025",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(OPENINGS))]
    for _ in range(draw(st.integers(1, 6))):
        sentence = " ".join(
            part
            for part in (
                draw(st.sampled_from(["", "Thus,", "“", "This step:", "During these talks,"])),
                draw(st.sampled_from(SUBJECTS)),
                draw(st.sampled_from(VERBS)),
                draw(st.sampled_from(TIMES)),
                draw(st.sampled_from(EXTRAS)),
                draw(
                    st.text(
                        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                        max_size=8,
                    )
                ),
            )
            if part
        )
        lines.append(sentence + draw(st.sampled_from([".", "", "!", ". Then,"])))
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from([None, "2024-07", "2025-10-03", "2025"]))
def test_every_draft_is_an_event_that_validate_accepts(text: str, published: str | None) -> None:
    made, _ = drafts(extract(text, published), text, SOURCE, REGISTRY)
    normalised = normalise_quote(text)
    events = []
    for number, draft in enumerate(made):
        event = Event.model_validate({"id": f"draft-{number}", **draft.data})
        assert code_problems(draft.data, REGISTRY) == []
        assert quote_problem(event.sources[0].quote, normalised) is None
        assert "id" not in draft.data
        events.append(event)
    assert likely_duplicates([], events) == []  # `jdiplo add --from` takes them all
