"""Query: filters (AND across options, OR within one), periods by overlap, order, limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from engine import answer

from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.problems import UsageError
from jdiplo.query import Filters, build_query

REGISTRY = builtin_registry()
SOURCE = [{"url": "https://example.org/a", "quote": "q"}]


def event(event_id: str, date: Any, **fields: Any) -> Event:
    data = {"id": event_id, "date": date, "title": event_id, "kind": "meeting"}
    data |= {"partners": ["US"], "sources": SOURCE} | fields
    return Event.model_validate(data, context={"registry": REGISTRY})


EVENTS = [
    event("ip4", "2024-07-11", partners=["ROK", "AU", "NZ"], frameworks=["IP4", "NATO"]),
    event("rok", "2024-07-28", partners=["ROK"], level="ministerial", domains=["defence"]),
    event("july", "2024-07", partners=["UK", "IT"], kind="co-development"),
    event("year", 2024, partners=["DE"], kind="exercise"),
    event("spans", "2024-06-28", end="2024-07-02", partners=["US"], kind="exercise"),
    event("plan", "2024-07-23", status="announced", due=2025, partners=["UK"], kind="deployment"),
    event(
        "people",
        "2024-08-01",
        people=[{"name": "Shin Won-sik", "role": "Defence Minister"}],
        place={"name": "Tokyo", "country": "JP"},
    ),
]


def ids(sort: str = "date", limit: int | None = None, **filters: Any) -> list[str]:
    query = build_query(REGISTRY, Filters(**filters), sort, limit)
    return [chosen.id for chosen in answer(EVENTS, query)]


def test_everything_in_date_order_coarser_first() -> None:
    assert ids() == ["year", "spans", "july", "ip4", "plan", "rok", "people"]


def test_partner_by_alias_and_grouping_by_framework() -> None:
    assert ids(partner=["South Korea"]) == ["ip4", "rok"]
    assert ids(partner=["IP4"]) == ["ip4"]  # listed as a framework, not as a partner
    assert ids(partner=["de", "it"]) == ["year", "july"]  # OR within the option


def test_options_combine_with_and() -> None:
    assert ids(partner=["ROK"], level=["ministerial"]) == ["rok"]
    assert ids(partner=["UK"], kind=["deployment"]) == ["plan"]


def test_periods_match_by_overlap() -> None:
    assert ids(month="2024-07") == ["year", "spans", "july", "ip4", "plan", "rok"]
    assert ids(month="2024-06") == ["year", "spans"]
    assert ids(period="2024-07-20..2024-07-31") == ["year", "july", "plan", "rok"]
    assert ids(since="2024-07-28") == ["year", "july", "rok", "people"]
    assert ids(until="2024-06") == ["year", "spans"]


def test_due_selects_announced_steps_falling_due() -> None:
    assert ids(due="2025") == ["plan"]
    assert ids(due="2025-03") == ["plan"]  # a step due in 2025 may fall due in March
    assert ids(due="2026") == []


def test_text_searches_title_summary_people_and_place() -> None:
    assert ids(text="shin won") == ["people"]
    assert ids(text="TOKYO") == ["people"]


def test_sort_and_limit() -> None:
    assert ids(sort="-date", limit=2) == ["people", "rok"]
    assert ids(sort="id", limit=3) == ["ip4", "july", "people"]
    # by the first (lead) partner listed, then date
    assert ids(sort="partner") == ["year", "ip4", "rok", "july", "plan", "spans", "people"]


@pytest.mark.parametrize(
    ("filters", "option", "message"),
    [
        ({"partner": ["Spian"]}, "--partner", "did you mean 'ES'?"),
        ({"kind": ["meetign"]}, "--kind", "did you mean 'meeting'?"),
        ({"level": ["minister"]}, "--level", "did you mean 'ministerial'?"),
        ({"framework": ["QAUD"]}, "--framework", "did you mean 'QUAD'?"),
        ({"month": "2024"}, "--month", "is not a month"),
        ({"period": "2024Q5"}, "--period", "quarters are Q1 to Q4"),
        ({"since": "2024-02-30"}, "--since", "February 2024 has 29 days"),
    ],
)
def test_bad_values_name_their_option(filters: dict[str, Any], option: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        build_query(REGISTRY, Filters(**filters))
    assert raised.value.option == option
    assert message in str(raised.value)


def query_of(
    people: Any = None, sort: str = "date", limit: int | None = None, **filters: Any
) -> Any:
    return build_query(REGISTRY, Filters(**filters), sort=sort, limit=limit, people=people)


@pytest.mark.parametrize(
    ("filters", "option", "message"),
    [
        (
            {"person": ["Kishida", " "]},
            "--person",
            "give a name (any spelling, case or word order)",
        ),
        (
            {"plover_type": ["CONSUL"]},
            "--plover-type",
            "unknown PLOVER event type 'CONSUL' (did you mean 'CONSULT'?); choose from AGREE, "
            "CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, "
            "THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT",
        ),
        (
            {"quad": ["5"]},
            "--quad",
            "unknown quad '5'; choose from 1 (verbal-cooperation), 2 (material-cooperation), "
            "3 (verbal-conflict), 4 (material-conflict)",
        ),
        (
            {"text": "x", "text_in": "titel"},
            "--in",
            "unknown field 'titel' (did you mean 'title'?); choose from title, summary, people, "
            "place, firsts, tags, quote, source",
        ),
        (
            {"text": "x", "text_in": " , "},
            "--in",
            "name at least one field: title, summary, people, place, firsts, tags, quote, source",
        ),
        ({"month": "2024-13"}, "--month", "invalid period '2024-13': there is no month 13"),
        ({"month": "2024"}, "--month", "'2024' is not a month: use YYYY-MM"),
        ({"due": "2025Q7"}, "--due", "invalid period '2025Q7': quarters are Q1 to Q4"),
        ({"until": "2024-00"}, "--until", "invalid date '2024-00': there is no month 0"),
        ({"since": "20x"}, "--since", "invalid date '20x': use YYYY-MM-DD, YYYY-MM or YYYY"),
        (
            {"sort": "dat"},
            "--sort",
            "unknown sort order 'dat' (did you mean 'date'?); choose from date, -date, id, partner",
        ),
        ({"limit": -1}, "--limit", "the limit must not be negative"),
        (
            {"domain": ["defense"]},
            "--domain",
            "unknown domain 'defense' (did you mean 'defence'?); choose from diplomacy, "
            "defence, defence-industry, deterrence, intelligence, cyber, space, maritime, "
            "economy, technology, energy, heritage, culture, humanitarian",
        ),
        (
            {"status": ["hold"]},
            "--status",
            "unknown status 'hold' (did you mean 'held'?); choose from held, announced",
        ),
        (
            {"level": ["minister"]},
            "--level",
            "unknown level 'minister' (did you mean 'ministerial'?); choose from leaders, "
            "ministerial, chiefs-of-staff, senior-officials, ambassador, working",
        ),
        (
            {"kind": ["meeting", "meetign"]},
            "--kind",
            "unknown kind 'meetign' (did you mean 'meeting'?); choose from meeting, summit, "
            "visit, agreement, exercise, arms-transfer, co-development, deployment, "
            "institutional, statement, other",
        ),
    ],
)
def test_bad_values_are_refused_with_the_whole_message(
    filters: dict[str, Any], option: str, message: str
) -> None:
    with pytest.raises(UsageError) as raised:
        query_of(**filters)
    assert (raised.value.option, str(raised.value)) == (option, message)


def test_values_are_normalised_and_each_kept_once_in_the_order_given() -> None:
    query = query_of(
        plover_type=["consult ", "CONSULT", "Agree"],
        quad=["Material Cooperation", "2", "material-cooperation", " 1 "],
        text="x",
        text_in="title, people,title",
        kind=["exercise", "meeting", "exercise"],
    )
    assert query.plover_events == ("CONSULT", "AGREE")
    assert query.quads == (2, 1)
    assert query.text_fields == ("title", "people")
    assert query.kinds == ("exercise", "meeting")


def test_a_person_is_found_by_every_spelling_the_registry_knows() -> None:
    from jdiplo.people import builtin_people

    people = builtin_people()
    assert query_of(people, person=["minoru KIHARA"]).people == ("kihara minoru", "kihara")
    assert query_of(people, text="Kihara").text_people == ("kihara", "kihara minoru")
    assert query_of(None, person=["Minoru Kihara"]).people == ("kihara minoru",)
    assert query_of(None, text="Kishida").text_people == ()  # one word, no registry


def test_text_finds_people_only_when_its_fields_include_them() -> None:
    assert ids(text="Won-sik Shin") == ["people"]  # any word order
    assert ids(text="Won-sik Shin", text_in="people") == ["people"]
    assert ids(text="Won-sik Shin", text_in="title,place") == []
    assert ids(text="Tokyo", text_in="place") == ["people"]


def test_every_option_reaches_the_query_as_given() -> None:
    from jdiplo.periods import Period
    from jdiplo.query import Query

    filters = Filters(
        partner=["kr"],
        kind=["meeting"],
        domain=["defence", "cyber", "defence"],
        status=["held"],
        level=["ministerial"],
        framework=["IP4"],
        tag=["t2", "t1"],
        since="2024-07",
        until="2024-09-15",
        due="2025",
        overdue=True,
    )
    query = build_query(REGISTRY, filters, sort="-date", limit=0, today=dt.date(2020, 1, 2))
    assert query == Query(
        partners=("ROK",),
        kinds=("meeting",),
        domains=("defence", "cyber"),
        statuses=("held",),
        levels=("ministerial",),
        frameworks=("IP4",),
        tags=("t2", "t1"),
        periods=(
            Period("2024-07..", dt.date(2024, 7, 1), None, "range"),
            Period("..2024-09-15", None, dt.date(2024, 9, 15), "range"),
        ),
        due=Period("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
        overdue_on=dt.date(2020, 1, 2),
        sort="-date",
        limit=0,  # nothing, asked for: not an error
    )
    assert build_query(REGISTRY, Filters(overdue=True)).overdue_on == dt.date.today()
    assert build_query(REGISTRY, Filters()).overdue_on is None
