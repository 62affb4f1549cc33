"""A person's digest as a pure function: who the registry says they are, whom they met, their
firsts, steps and timeline; any spelling of the name gives the same digest. And the people of
the relationship digest, counted once under any spelling."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from reports_data import bundled, make_event

from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.people import Office, PeopleRegistry, Person
from jdiplo.query import Filters, build_query
from jdiplo.render import write_report
from jdiplo.render.console import Output
from jdiplo.reports.digest import PersonDigest, partner_digest, person_digest
from jdiplo.reports.entries import deliveries

AUGUST_1 = dt.date(2024, 8, 1)
KIHARA_EVENTS = ["2024-07-23-kihara-london-uk-italy", "2024-07-28-japan-rok-defence-ministers"]


def selected(name: str, **filters: Any) -> list[Event]:
    """The events the query engine selects for `--person NAME` (and other filters)."""
    records = bundled()
    query = build_query(records.registry, Filters(person=[name], **filters), people=records.people)
    return records.select(query)


def digest_of(name: str, today: dt.date = AUGUST_1, **options: Any) -> PersonDigest:
    return person_digest(selected(name), bundled().people, name, today, **options)


def test_kiharas_digest_from_the_bundled_records() -> None:
    digest = digest_of("Minoru Kihara")
    person = digest.person
    assert (person.name, person.registered, person.country) == ("Kihara Minoru", True, "JP")
    assert person.aliases == ["Kihara"]
    assert [(office.role, office.country) for office in person.offices] == [
        ("Defence Minister", "JP")
    ]
    assert (person.roles, person.written) == (["Defence Minister"], ["Kihara Minoru"])
    assert (digest.total, digest.matching) == (2, 2)
    assert [entry.id for entry in digest.timeline] == KIHARA_EVENTS
    assert digest.first_event is not None and digest.last_event is not None
    assert (digest.first_event.id, digest.last_event.id) == tuple(KIHARA_EVENTS)
    assert [(count.key, count.count) for count in digest.partners] == [
        ("IT", 1),
        ("ROK", 1),
        ("UK", 1),
    ]
    assert [(count.key, count.count) for count in digest.years] == [("2024", 2)]
    assert [(count.key, count.count) for count in digest.kinds] == [("meeting", 2)]
    assert digest.frameworks == []
    # the others he met, never himself
    assert [(p.name, p.country, p.roles, p.events) for p in digest.people] == [
        ("Guido Crosetto", "IT", ["Defence Minister"], 1),
        ("John Healy", "UK", ["Defence Minister"], 1),
        ("Shin Won-sik", "ROK", ["Defence Minister"], 1),
    ]
    assert [first.id for first in digest.firsts] == ["2024-07-28-japan-rok-defence-ministers"]
    assert digest.pending == digest.overdue == digest.delivered == []


def test_sources_are_numbered_firsts_first_then_the_timeline() -> None:
    digest = digest_of("Kihara")
    assert [source.number for source in digest.sources] == [1, 2]
    assert digest.cited() == {KIHARA_EVENTS[0]: [2], KIHARA_EVENTS[1]: [1]}  # the first: [1]
    bare = digest_of("Kihara", sources=False)
    assert bare.sources == [] and all(entry.sources == [] for entry in bare.timeline)


@given(
    order=st.permutations(["Kihara", "Minoru"]),
    cases=st.lists(st.booleans(), min_size=12, max_size=12),
    spaces=st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=3, max_size=3),
)
def test_any_spelling_case_or_word_order_gives_the_same_digest(
    order: list[str], cases: list[bool], spaces: list[str]
) -> None:
    letters = iter(cases)
    words = ["".join(c.upper() if next(letters) else c.lower() for c in w) for w in order]
    name = spaces[0] + words[0] + spaces[1] + words[1] + spaces[2]
    assert digest_of(name) == digest_of("Kihara Minoru")


def test_steps_stand_as_of_the_day_asked() -> None:
    step = "2024-07-23-uk-carrier-strike-group-2025"
    assert [s.id for s in digest_of("Healy").pending] == [step]
    late = digest_of("John Healy", dt.date(2026, 1, 1))
    assert ([s.id for s in late.overdue], late.pending) == ([step], [])
    sent = make_event(id="sent", date="2025-06", partners=["UK"], fulfils=[step])
    done = digest_of("healy", dt.date(2026, 1, 1), delivered=deliveries([sent]))
    assert [(s.id, [ref.id for ref in s.delivered_by]) for s in done.delivered] == [
        (step, ["sent"])
    ]
    assert done.overdue == []


def test_an_unregistered_person_is_named_as_the_latest_event_writes_them() -> None:
    events = [
        make_event(id="a", date="2024-05-01", people=[{"name": "Doe John", "country": "US"}]),
        make_event(
            id="b",
            date="2024-06-01",
            people=[
                {"name": "john doe", "role": "Envoy", "country": "UK"},
                {"name": "Jane Roe"},
            ],
        ),
    ]
    digest = person_digest(events, PeopleRegistry(), "JOHN  DOE", AUGUST_1)
    person = digest.person
    assert (person.name, person.registered, person.country) == ("john doe", False, "UK")
    assert (person.aliases, person.offices, person.roles) == ([], [], ["Envoy"])
    assert person.written == ["Doe John", "john doe"]
    assert [(p.name, p.events) for p in digest.people] == [("Jane Roe", 1)]


def test_a_person_no_event_names_gives_an_empty_digest() -> None:
    digest = person_digest([], bundled().people, "  Nobody   Atall ", AUGUST_1)
    assert (digest.person.name, digest.person.registered) == ("Nobody Atall", False)
    assert digest.total == 0 and digest.timeline == digest.people == digest.sources == []
    assert digest.first_event is None and digest.last_event is None
    known = digest_of("Kihara")
    empty = person_digest([], bundled().people, "kihara", AUGUST_1)
    assert empty.person == dataclasses.replace(known.person, roles=[], written=[])


def test_offices_keep_their_dates_as_written() -> None:
    people = PeopleRegistry(
        {
            "Kihara Minoru": Person(
                "Kihara Minoru",
                "Kihara",
                "JP",
                offices=(
                    Office("Defence Minister", "JP", "2023-09-13", "2024-10-01"),
                    Office("Deputy Chief Cabinet Secretary", "JP", "2019"),
                ),
            )
        }
    )
    event = make_event(people=[{"name": "Minoru Kihara"}])
    digest = person_digest([event], people, "minoru kihara", AUGUST_1)
    offices = [(o.role, o.start, o.end) for o in digest.person.offices]
    assert offices == [
        ("Defence Minister", "2023-09-13", "2024-10-01"),
        ("Deputy Chief Cabinet Secretary", "2019", None),
    ]
    assert digest.person.written == ["Minoru Kihara"]
    stream = io.StringIO()
    write_report(digest, "text", Output(stream, terminal=False, color=False))
    assert "offices      Defence Minister (JP, 2023-09-13 to 2024-10-01)\n" in stream.getvalue()
    assert "             Deputy Chief Cabinet Secretary (JP, from 2019)\n" in stream.getvalue()


def test_the_record_is_the_json_contract_in_field_order() -> None:
    record = digest_of("Kihara").record()
    assert list(record) == [
        "person", "period", "start", "end", "as_of", "total", "matching", "first_event",
        "last_event", "years", "months", "kinds", "levels", "partners", "frameworks", "people",
        "firsts", "pending", "overdue", "delivered", "timeline", "sources",
    ]  # fmt: skip
    assert list(record["person"]) == [
        "name", "registered", "country", "aliases", "offices", "roles", "written",
    ]  # fmt: skip


def test_the_relationship_digest_counts_a_person_once_under_any_spelling() -> None:
    events = [
        make_event(id="a", people=[{"name": "Minoru Kihara", "role": "Defence Minister"}]),
        make_event(id="b", date="2024-07-02", people=[{"name": "KIHARA minoru"}]),
        make_event(id="c", date="2024-07-03", people=[{"name": "Doe John", "country": "US"}]),
        make_event(id="d", date="2024-07-04", people=[{"name": "john doe", "country": "US"}]),
    ]
    digest = partner_digest(events, builtin_registry(), "US", AUGUST_1, people=bundled().people)
    assert [(p.name, p.country, p.roles, p.events) for p in digest.people] == [
        ("Kihara Minoru", "JP", ["Defence Minister"], 2),  # the registry's name and country
        ("john doe", "US", [], 2),  # unknown: as the latest event writes the name
    ]
