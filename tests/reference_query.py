"""A deliberately simple answer to a Query, written apart from the engine, for the differential
property test (tests/test_query_engine.py): Python over event models, one condition a line,
with no index, no SQL and no code shared with src/jdiplo/query.py or src/jdiplo/index/.

What each filter means is read from the README's table of filters, not from the engine. The
PLOVER coding of an event is what `coding.derive` says (the coding has tests of its own): the
reference asks it, as the engine's rows do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jdiplo.coding import derive
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.query import Query


def first_day(event: Event) -> dt.date:
    return event.date.first


def last_day(event: Event) -> dt.date:
    return (event.end or event.date).last


def overlaps(first: dt.date, last: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether first..last and start..end (None: open) share a day."""
    after_start = start is None or last >= start
    before_end = end is None or first <= end
    return after_start and before_end


def words_of(name: str) -> list[str]:
    return sorted(name.casefold().split())


def texts(event: Event, field: str) -> list[str]:
    """The texts of one searchable field of an event (the README: title, summary, people,
    place, firsts, tags, quotes, sources' publisher, author and title)."""
    if field == "title":
        return [event.title]
    if field == "summary":
        return [event.summary] if event.summary else []
    if field == "people":
        return [f"{person.name} {person.role or ''}" for person in event.people]
    if field == "place":
        return [event.place.name] if event.place else []
    if field == "firsts":
        return list(event.firsts)
    if field == "tags":
        return list(event.tags)
    if field == "quote":
        return [source.quote for source in event.sources]
    if field == "source":
        found = []
        for source in event.sources:
            parts = [source.publisher, source.author, source.title]
            found.append(" ".join(part for part in parts if part))
        return found
    raise AssertionError(field)


FIELDS = ("title", "summary", "people", "place", "firsts", "tags", "quote", "source")


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def matches(event: Event, query: Query, everything: Sequence[Event] = ()) -> bool:
    if query.partners:
        found = False
        for code in query.partners:
            if code in event.partners or code in event.frameworks:
                found = True
        if not found:
            return False
    if query.kinds and event.kind not in query.kinds:
        return False
    if query.statuses and event.status not in query.statuses:
        return False
    if query.levels and event.level not in query.levels:
        return False
    if query.domains and not set(query.domains) & set(event.domains):
        return False
    if query.frameworks and not set(query.frameworks) & set(event.frameworks):
        return False
    if query.tags and not set(query.tags) & set(event.tags):
        return False
    if query.plover_events or query.quads:
        coding = derive(event, builtin_registry())
        if query.plover_events and coding.event not in query.plover_events:
            return False
        if query.quads and coding.quad_code not in query.quads:
            return False
    if query.overdue_on is not None:
        if event.status != "announced" or event.due is None:
            return False
        if event.due.last >= query.overdue_on:
            return False
        if any(event.id in other.fulfils for other in everything):
            return False
    if query.people:
        keys = {" ".join(words_of(person.name)) for person in event.people}
        if not keys & set(query.people):
            return False
    if query.fulfilling and not set(event.fulfils) & set(query.fulfilling):
        return False
    for period in query.periods:
        if not overlaps(first_day(event), last_day(event), period.start, period.end):
            return False
    if query.due is not None:
        if event.due is None:
            return False
        if not overlaps(event.due.first, event.due.last, query.due.start, query.due.end):
            return False
    if query.text:
        needle = normal(query.text)
        fields = query.text_fields or FIELDS
        found = any(needle in normal(text) for field in fields for text in texts(event, field))
        if not found and query.text_people and "people" in fields:
            keys = {" ".join(words_of(person.name)) for person in event.people}
            found = bool(keys & set(query.text_people))
        if not found:
            return False
    return True


def rank(event: Event) -> int:
    return {"year": 0, "month": 1, "day": 2}[event.date.precision]


def answer(events: Sequence[Event], query: Query) -> list[str]:
    """The ids of the events the query selects, in its order, at most its limit."""
    chosen = [event for event in events if matches(event, query, events)]
    if query.sort == "id":
        chosen.sort(key=lambda event: event.id)
    elif query.sort == "partner":
        chosen.sort(key=lambda e: (e.partners[0], first_day(e), rank(e), e.id))
    else:
        chosen.sort(key=lambda e: (first_day(e), rank(e), e.id), reverse=query.sort == "-date")
    if query.limit is not None:
        chosen = chosen[: query.limit]
    return [event.id for event in chosen]
