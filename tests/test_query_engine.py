"""The query engine against a deliberately simple reference (tests/reference_query.py): random
record sets (coarse and exact dates, multi-day events, groupings, frameworks, people, every
vocabulary) times random combinations of every filter, period expression and sort order.

The engine is the one every command uses: SQL over an index, here one in memory filled with
the same rows as the index on disk (tests/engine.py). That the two indexes answer alike is
tested by tests/test_index.py on whole record sets read from files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import reference_query
from engine import index_of
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from jdiplo.dates import parse_partial_date
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.people import builtin_people
from jdiplo.problems import UsageError
from jdiplo.query import SORTS, Filters, build_query
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES, TEXT_FIELDS

REGISTRY = builtin_registry()
TODAY = dt.date(2024, 7, 1)  # the day --overdue judges steps on: in the middle of the dates
PEOPLE = builtin_people()
STATES = ["US", "ROK", "UK", "IT", "DE", "AU", "NZ", "UA"]
GROUPS = ["IP4", "NATO", "QUAD"]  # codes that are partners and may be frameworks too
FRAMEWORKS = ["2+2", "JUSK", "GCAP", *GROUPS]
WORDS = ["talks", "Defence", "Laos", "summit", "Tempest", "Outlook", "naval", "exercise"]
NAMES = ["Kihara Minoru", "Minoru Kihara", "Shin Won-sik", "Fumio Kishida", "Kishida", "Ann Lee"]
TAGS = ["gcap", "tempest", "sado"]

# Few years, months and days, so that edges meet often: an event that ends on the first day of
# a period, a plan due on the last day of one, a month that is also a quarter's last...
years = st.integers(min_value=2023, max_value=2024)
months = st.sampled_from([1, 3, 4, 6, 7, 12])
days = st.sampled_from([1, 1, 2, 30, 31])


def a_day(year: int, month: int, day: int) -> str:
    last = {1: 31, 3: 31, 4: 30, 6: 30, 7: 31, 12: 31}[month]
    return f"{year:04d}-{month:02d}-{min(day, last):02d}"


@st.composite
def partial_dates(draw: st.DrawFn) -> str | int:
    year = draw(years)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return year
    month = draw(months)
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return a_day(year, month, draw(days))


def sentence(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))


@st.composite
def events(draw: st.DrawFn, number: int, planned: bool = False) -> Event:
    date = draw(partial_dates())
    fields: dict[str, Any] = {
        "id": f"event-{number}",
        "date": date,
        "title": sentence(draw),
        "kind": draw(st.sampled_from(KINDS)),
        "partners": draw(
            st.lists(st.sampled_from(STATES + GROUPS), min_size=1, max_size=3, unique=True)
        ),
        "frameworks": draw(st.lists(st.sampled_from(FRAMEWORKS), max_size=2, unique=True)),
        "domains": draw(st.lists(st.sampled_from(DOMAINS), max_size=2, unique=True)),
        "tags": draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)),
        "sources": [
            {
                "url": "https://example.org/a",
                "quote": sentence(draw),
                "publisher": draw(st.sampled_from(["New Eastern Outlook", "Kyodo", None])),
            }
        ],
    }
    first = parse_partial_date(date).first
    if draw(st.booleans()):  # a multi-day (or multi-month, multi-year) event
        end = draw(partial_dates())
        if parse_partial_date(end).last >= first:
            fields["end"] = end
    if planned or draw(st.booleans()):
        fields["status"] = "announced"
        due = draw(st.one_of(st.none(), partial_dates()))
        if due is not None and parse_partial_date(due).last >= first:
            fields["due"] = due
    if draw(st.booleans()):
        fields["level"] = draw(st.sampled_from(LEVELS))
    if draw(st.booleans()):
        fields["summary"] = sentence(draw)
    names = draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))
    roles = st.sampled_from([None, "Minister"])
    fields["people"] = [{"name": name, "role": draw(roles)} for name in names]
    if draw(st.booleans()):
        fields["place"] = {"name": draw(st.sampled_from(["Vientiane", "Tokyo", "Darwin"]))}
    if draw(st.booleans()):
        fields["firsts"] = [sentence(draw)]
    earlier = [f"event-{other}" for other in range(number)]
    if earlier and draw(st.booleans()):
        fields["fulfils"] = draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True))
    if draw(st.integers(0, 4)) == 0:  # the analyst's own coding, in place of the derived one
        fields["coding"] = {"event": draw(st.sampled_from(["AID", "AGREE", "COOPERATE"]))}
    return Event.model_validate(fields)


@st.composite
def record_sets(draw: st.DrawFn, planned: bool = False) -> list[Event]:
    size = draw(st.integers(min_value=0, max_value=16))
    return [draw(events(number, planned and draw(st.booleans()))) for number in range(size)]


@st.composite
def periods(draw: st.DrawFn) -> str:
    year = draw(years)
    month = draw(months)
    unit = draw(
        st.sampled_from(["year", "month", "day", "quarter", "half", "fy", "range", "from", "to"])
    )
    if unit == "year":
        return f"{year}"
    if unit == "month":
        return f"{year}-{month:02d}"
    if unit == "day":
        return a_day(year, month, draw(days))
    if unit == "quarter":
        return f"{year}Q{draw(st.integers(1, 4))}"
    if unit == "half":
        return f"{year}H{draw(st.integers(1, 2))}"
    if unit == "fy":
        return f"FY{year}"
    if unit == "from":
        return f"{year}-{month:02d}.."
    if unit == "to":
        return f"..{year}-{month:02d}"
    later = draw(partial_dates())
    return f"{year}-{month:02d}..{later}"


def some(values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


@st.composite
def filter_values(draw: st.DrawFn) -> dict[str, Any]:
    """A value for every filter (an empty one for some)."""
    maybe = st.none() | periods()
    chosen: dict[str, Any] = {
        "partner": draw(some(STATES + GROUPS + ["South Korea", "united kingdom"])),
        "kind": draw(some(list(KINDS))),
        "domain": draw(some(list(DOMAINS))),
        "status": draw(some(list(STATUSES))),
        "level": draw(some(list(LEVELS))),
        "framework": draw(some(FRAMEWORKS)),
        "tag": draw(some(TAGS)),
        "period": draw(maybe),
        "due": draw(maybe),
        "person": draw(some([*NAMES, "minoru KIHARA", "Won-sik Shin"])),
        "plover_type": draw(some(["AGREE", "consult", "SUPPORT", "COOPERATE", "AID"])),
        "quad": draw(some(["1", "2", "material-cooperation", "Verbal Cooperation"])),
        "overdue": draw(st.booleans()),
    }
    if draw(st.booleans()):
        chosen["month"] = f"{draw(years)}-{draw(months):02d}"
    if draw(st.booleans()):
        chosen["since"] = str(draw(partial_dates()))
    if draw(st.booleans()):
        chosen["until"] = str(draw(partial_dates()))
    if draw(st.booleans()):
        chosen["text"] = draw(st.sampled_from([*WORDS, "new eastern", "KIHARA", "Minoru Kihara"]))
        if draw(st.booleans()):
            fields = st.lists(st.sampled_from(TEXT_FIELDS), min_size=1, max_size=3, unique=True)
            chosen["text_in"] = ",".join(draw(fields))
    return chosen


@st.composite
def filters(draw: st.DrawFn) -> Filters:
    chosen = draw(filter_values())
    # Most draws leave most filters out: an answer that is always empty says little. Half of
    # them choose a period, where the edges are.
    kept = draw(st.sets(st.sampled_from(sorted(chosen)), max_size=3))
    if draw(st.booleans()):
        kept.add(draw(st.sampled_from(["period", "month", "since", "until", "due"])))
    return Filters(**{name: value for name, value in chosen.items() if name in kept and value})


@settings(max_examples=examples(400))
@given(
    record_sets(),
    filters(),
    st.sampled_from(SORTS),
    st.none() | st.integers(min_value=0, max_value=5),
)
def test_the_engine_answers_as_the_reference_does(
    events: list[Event], chosen: Filters, sort: str, limit: int | None
) -> None:
    try:
        query = build_query(REGISTRY, chosen, sort, limit, PEOPLE, TODAY)
    except UsageError:  # a range that ends before it starts, say: refused before any answer
        return
    index = index_of(events, answering=query)  # as `--no-cache list` builds it: for the query
    try:
        answered = [event.id for event in index.events(query)]
        listed = [event.id for event in index.listing(query)]
        counted = index.count(query)
    finally:
        index.close()
    expected = reference_query.answer(events, query)
    assert answered == expected
    assert listed == expected
    assert counted == len(reference_query.answer(events, query._replace(limit=None)))


ALONE = ["partner", "kind", "domain", "status", "level", "framework", "tag", "period", "due"]
ALONE += ["person", "plover_type", "quad", "overdue", "month", "since", "until", "text"]


@settings(max_examples=examples(100))
@given(record_sets(), filter_values())
def test_each_filter_alone_answers_as_the_reference_does(
    events: list[Event], values: dict[str, Any]
) -> None:
    """Every filter on its own, so that none can be ignored, or misread, unseen."""
    index = index_of(events)
    try:
        for name in ALONE:
            if not values.get(name):
                continue
            try:
                chosen = Filters(**{name: values[name]})
                query = build_query(REGISTRY, chosen, "date", None, PEOPLE, TODAY)
            except UsageError:
                continue
            answered = [event.id for event in index.events(query)]
            assert answered == reference_query.answer(events, query), name
    finally:
        index.close()


@settings(max_examples=examples(200))
@given(record_sets(planned=True), st.sampled_from([None, "2023", "2024-06..", "..2024-03"]))
def test_overdue_steps_are_the_reference_s(events: list[Event], period: str | None) -> None:
    """Half the events are plans with due dates around the day they are judged on, and later
    events fulfil earlier ones: `--overdue` meets its edges (due the day before, the day itself,
    fulfilled or not)."""
    chosen = Filters(overdue=True, period=period)
    query = build_query(REGISTRY, chosen, "date", None, PEOPLE, TODAY)
    # The events that deliver the steps (what a digest or a report asks): the same links.
    steps = tuple(event.id for event in events[::2])
    delivering = build_query(REGISTRY, Filters(period=period))._replace(fulfilling=steps)
    index = index_of(events)
    try:
        answered = [event.id for event in index.events(query)]
        delivered = [event.id for event in index.events(delivering)]
    finally:
        index.close()
    assert answered == reference_query.answer(events, query)
    assert delivered == reference_query.answer(events, delivering)


def test_an_index_built_for_one_query_refuses_another_that_needs_more() -> None:
    """`--no-cache list` builds the link rows its one query needs, no more: a statement that
    names a table left out is a mistake of the program, never an answer from missing rows."""
    import pytest

    from jdiplo.query import Query

    source = {"url": "https://example.org/a", "quote": "Talks were held."}
    fields = {"date": "2024-07-01", "title": "Talks", "kind": "meeting", "sources": [source]}
    events = [Event.model_validate({**fields, "id": "a", "partners": ["ROK"], "tags": ["gcap"]})]
    index = index_of(events, answering=Query(partners=("ROK",)))
    try:
        assert [event.id for event in index.events(Query(partners=("ROK",)))] == ["a"]
        with pytest.raises(AssertionError, match="event_tags"):
            index.events(Query(tags=("gcap",)))
    finally:
        index.close()
