"""Events read back from the index (stored.StoredEvent) are the events the models validated:
the same fields, in the same order, with the same values, and reports built from them are the
reports built from the models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from test_query_engine import events as engine_events
from test_query_engine import periods as engine_periods
from test_query_engine import record_sets

from conftest import DATA, examples
from jdiplo.model import Amount, Coding, Event, Person, Place, Source
from jdiplo.partners import builtin_registry
from jdiplo.people import builtin_people
from jdiplo.periods import parse_period
from jdiplo.stored import (
    StoredAmount,
    StoredCoding,
    StoredEvent,
    StoredPerson,
    StoredPlace,
    StoredSource,
)

BUNDLED = DATA.parent.parent / "records"


def view(value: object) -> object:
    """A value with every model or stored tuple as the mapping of its fields, in order, and
    every other value with its type (1 is not 1.0, nor True)."""
    if isinstance(value, BaseModel):
        return [(name, view(getattr(value, name))) for name in type(value).model_fields]
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return [(name, view(getattr(value, name))) for name in value._fields]
    if isinstance(value, StoredEvent):
        return [(name, view(getattr(value, name))) for name in Event.model_fields]
    if isinstance(value, list):
        return [view(item) for item in value]
    return (type(value), value)


def assert_same(event: Event) -> None:
    stored = StoredEvent(event.record_json())
    assert view(stored) == view(event)
    assert (stored.first_day, stored.last_day) == (event.first_day, event.last_day)
    assert stored.sort_key == event.sort_key
    assert stored.record() == event.record()
    assert stored.record_json() == event.record_json()


def test_the_stored_event_has_the_fields_of_the_model_in_its_order() -> None:
    assert list(StoredEvent.__annotations__) == list(Event.model_fields)
    assert set(StoredEvent.__slots__) == {*Event.model_fields, "_json"}
    for stored, model in [
        (StoredPerson, Person),
        (StoredPlace, Place),
        (StoredAmount, Amount),
        (StoredSource, Source),
        (StoredCoding, Coding),
    ]:
        assert list(stored._fields) == list(model.model_fields), stored.__name__


@st.composite
def full_events(draw: st.DrawFn, number: int) -> Event:
    """An event of the query engine's tests, with what those leave out: amounts (integers
    and fractions), sources in files and with dates, countries, and codings with modes."""
    record: dict[str, Any] = draw(engine_events(number)).record()
    if draw(st.booleans()):
        value = draw(st.one_of(st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False)))
        usd = draw(st.one_of(st.none(), st.integers(0, 10**9), st.just(2.5)))
        record["amount"] = {"value": value, "currency": "JPY", "usd": usd}
    if draw(st.booleans()):
        record["sources"].append(
            {
                "file": "seeds/article.txt",
                "title": "An article",
                "author": draw(st.sampled_from([None, "A. Writer"])),
                "date": draw(st.sampled_from(["2024", "2024-07", "2024-07-28"])),
                "quote": "a passage\nover two lines",
            }
        )
    for person in record["people"]:
        person["country"] = draw(st.sampled_from([None, "JP", "ROK"]))
    if record["place"] is not None:
        record["place"]["country"] = draw(st.sampled_from([None, "LA"]))
    if draw(st.booleans()):
        record["coding"] = {"event": "CONSULT", "mode": "visit", "context": ["diplomatic"]}
    return Event.model_validate(record)


@settings(max_examples=examples(200))
@given(event=st.integers(0, 5).flatmap(full_events))
def test_a_stored_event_is_the_event_the_model_validated(event: Event) -> None:
    assert_same(event)


def valid_events(records: Path) -> list[Event]:
    from jdiplo.load import load_file, load_registry

    registry = load_registry(records)[0]
    found: list[Event] = []
    for path in sorted(records.rglob("*.yaml")):
        if path.name in ("partners.yaml", "people.yaml"):
            continue
        found += load_file(records, path.relative_to(records).as_posix(), registry).events
    return found


@pytest.mark.parametrize(
    "records",
    [BUNDLED, *sorted(path for path in DATA.rglob("records") if path.is_dir())],
    ids=lambda path: str(path.relative_to(DATA.parent.parent)),
)
def test_every_event_of_the_record_sets_reads_back_the_same(records: Path) -> None:
    for event in valid_events(records):
        assert_same(event)


# Reports are pure functions of events: from stored events and from the models, the same.

TODAY = dt.date(2024, 8, 1)


def valid_period(text: str) -> bool:
    from jdiplo.periods import PeriodError

    try:
        parse_period(text)
    except PeriodError:  # (the query engine's tests want refusals too; a report never gets one)
        return False
    return True


@settings(max_examples=examples(60))
@given(events=record_sets(), period=engine_periods().filter(valid_period), sources=st.booleans())
def test_reports_from_stored_events_are_the_reports_from_the_models(
    events: list[Event], period: str, sources: bool
) -> None:
    from jdiplo.reports.brief import brief
    from jdiplo.reports.diff import period_diff
    from jdiplo.reports.digest import partner_digest, period_digest, person_digest
    from jdiplo.reports.entries import deliveries
    from jdiplo.reports.partners import partner_table
    from jdiplo.reports.people import people_table
    from jdiplo.reports.summary import summarise

    registry, people = builtin_registry(), builtin_people()
    span = parse_period(period)
    stored = [StoredEvent(event.record_json()) for event in events]
    half = len(events) // 2

    def reports(chosen: list[Any]) -> list[object]:
        delivered = deliveries(chosen)
        return [
            period_digest(
                chosen, registry, span, today=TODAY, delivered=delivered, sources=sources
            ),
            partner_digest(
                chosen, registry, "ROK", TODAY, span, delivered=delivered, people=people
            ),
            person_digest(chosen, people, "Minoru Kihara", TODAY, span, sources=sources),
            brief(chosen, registry, span, today=TODAY, delivered=delivered, sources=sources),
            period_diff(chosen[:half], chosen[half:], span, span),
            partner_table(chosen, registry, span),
            people_table(chosen, people, span),
            summarise(chosen, ["partner", "kind"], span),
            summarise(chosen, ["month"], span, "intensity", registry),
        ]

    assert reports(stored) == reports(events)
