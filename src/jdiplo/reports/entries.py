"""The pieces several reports share: events as reports show them, their sources (numbered as
a report cites them), firsts, announced steps and how they stand, counts, and the keys events
are grouped by (month, year).

Every value is JSON-ready (strings, numbers, lists); dates are strings exactly as written in
the records (`2024-07`, never an invented day).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from jdiplo.dates import PartialDate
    from jdiplo.periods import Period
    from jdiplo.stored import EventView, SourceView


@dataclass(frozen=True)
class PersonEntry:
    name: str
    role: str | None
    country: str | None


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None


@dataclass(frozen=True)
class AmountEntry:
    value: int | float
    currency: str
    usd: int | float | None


@dataclass(frozen=True)
class SourceEntry:
    """A source as a report cites it: `number` is its place in the report's list of sources
    (from 1); the quote is the record's, its lines joined with single spaces."""

    number: int
    publisher: str | None
    author: str | None
    title: str | None
    date: str | None
    url: str | None
    file: str | None
    quote: str


@dataclass(frozen=True)
class EventEntry:
    """An event as reports show it: the record's fields but its tags, related ids and the text
    of its sources (`jdiplo show ID` gives those); `sources` are the numbers of its sources in
    the report's list (empty when the report is made without sources)."""

    id: str
    date: str
    end: str | None
    status: str
    due: str | None
    title: str
    kind: str
    level: str | None
    partners: list[str]
    frameworks: list[str]
    domains: list[str]
    people: list[PersonEntry]
    place: PlaceEntry | None
    summary: str | None
    firsts: list[str]
    amount: AmountEntry | None
    sources: list[int]


@dataclass(frozen=True)
class EventReference:
    """Which event, when, and what it was."""

    id: str
    date: str
    title: str


@dataclass(frozen=True)
class FirstEntry:
    """A precedent the source reports (`firsts` of a record), with its event."""

    first: str
    date: str
    id: str
    partners: list[str]
    title: str


@dataclass(frozen=True)
class AnnouncedEntry:
    """An announced step (`status: announced`): when it is due, when it was announced."""

    due: str | None
    date: str
    id: str
    partners: list[str]
    title: str


StepState = Literal["due", "overdue", "delivered"]


@dataclass(frozen=True)
class StepEntry:
    """An announced step and how it stands on the report's day: `delivered` when an event
    fulfils it (`delivered_by`, in date order), else `overdue` when its due date has wholly
    passed, else `due` (its due date is still to come, or it has none)."""

    due: str | None
    date: str
    id: str
    partners: list[str]
    title: str
    state: StepState
    delivered_by: list[EventReference]


@dataclass(frozen=True)
class Count:
    """How many events have a value; `key` is None for events without one (no level)."""

    key: str | None
    count: int


class Citations:
    """The sources a report cites, numbered in the order the report first cites them; the same
    source (every field alike) cited twice keeps its number. Disabled, it cites nothing."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.entries: list[SourceEntry] = []
        self._numbers: dict[tuple[str | None, ...], int] = {}

    def cite(self, event: EventView) -> list[int]:
        """The numbers of the event's sources, each numbered on its first citation."""
        if not self.enabled:
            return []
        return [self._number(source) for source in event.sources]

    def _number(self, source: SourceView) -> int:
        date = None if source.date is None else str(source.date)
        quote = " ".join(source.quote.split())
        fields = (source.publisher, source.author, source.title, date, source.url, source.file)
        key = (*fields, quote)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.entries) + 1
            self.entries.append(SourceEntry(number, *fields, quote))
        return number


def event_entry(event: EventView, citations: Citations | None = None) -> EventEntry:
    place = event.place
    amount = event.amount
    return EventEntry(
        id=event.id,
        date=str(event.date),
        end=_text(event.end),
        status=event.status,
        due=_text(event.due),
        title=event.title,
        kind=event.kind,
        level=event.level,
        partners=list(event.partners),
        frameworks=list(event.frameworks),
        domains=list(event.domains),
        people=[PersonEntry(person.name, person.role, person.country) for person in event.people],
        place=PlaceEntry(place.name, place.country) if place is not None else None,
        summary=event.summary,
        firsts=list(event.firsts),
        amount=AmountEntry(amount.value, amount.currency, amount.usd) if amount else None,
        sources=citations.cite(event) if citations is not None else [],
    )


def reference(event: EventView) -> EventReference:
    return EventReference(event.id, str(event.date), event.title)


def first_entries(events: Iterable[EventView]) -> list[FirstEntry]:
    """Every `firsts` entry of the events, in date order, then in the record's order."""
    return [
        FirstEntry(first, str(event.date), event.id, list(event.partners), event.title)
        for event in sorted(events, key=lambda event: event.sort_key)
        for first in event.firsts
    ]


def announced_entries(events: Iterable[EventView]) -> list[AnnouncedEntry]:
    """Every announced step, by due date (steps without one last), then by date announced."""
    steps = [event for event in events if event.status == "announced"]
    steps.sort(key=lambda event: (event.due is None, _due_order(event.due), event.sort_key))
    return [
        AnnouncedEntry(
            _text(event.due), str(event.date), event.id, list(event.partners), event.title
        )
        for event in steps
    ]


def deliveries(events: Iterable[EventView]) -> dict[str, list[EventReference]]:
    """Step id -> the events that fulfil it (their `fulfils`), in date order."""
    found: dict[str, list[EventView]] = {}
    for event in events:
        for step in event.fulfils:
            found.setdefault(step, []).append(event)
    return {
        step: [reference(event) for event in sorted(chosen, key=lambda event: event.sort_key)]
        for step, chosen in found.items()
    }


def step_state(
    event: EventView, delivered_by: Sequence[EventReference], today: dt.date
) -> StepState:
    if delivered_by:
        return "delivered"
    if event.due is not None and event.due.last < today:
        return "overdue"
    return "due"


def step_entries(
    events: Iterable[EventView],
    delivered: Mapping[str, Sequence[EventReference]],
    today: dt.date,
) -> list[StepEntry]:
    """Every announced step of the events, by due date (steps without one last), then by the
    date announced, with how it stands on `today` (see StepEntry)."""
    steps = [event for event in events if event.status == "announced"]
    steps.sort(key=lambda event: (event.due is None, _due_order(event.due), event.sort_key))
    entries = []
    for event in steps:
        by = list(delivered.get(event.id, ()))
        entries.append(
            StepEntry(
                _text(event.due),
                str(event.date),
                event.id,
                list(event.partners),
                event.title,
                step_state(event, by, today),
                by,
            )
        )
    return entries


def counts_by_key(values: Iterable[str | None]) -> list[Count]:
    """Counts sorted by key; None (no value) last."""
    counter = Counter(values)
    return [Count(key, counter[key]) for key in sorted(counter, key=key_order)]


def counts_by_size(values: Iterable[str | None]) -> list[Count]:
    """Counts, largest first; ties by key, None last."""
    counter = Counter(values)
    ordered = sorted(counter, key=lambda key: (-counter[key], *key_order(key)))
    return [Count(key, counter[key]) for key in ordered]


def key_order(key: str | None) -> tuple[bool, str]:
    """Sort keys: text in code-point order, None after every text."""
    return (key is None, key or "")


def month_key(date: PartialDate) -> str:
    """The month of a date as written (`2024-07`); a date known only to the year stays `2024`."""
    text = str(date)
    return text[:7]


def year_key(date: PartialDate) -> str:
    return str(date)[:4]


def period_fields(period: Period | None) -> tuple[str | None, str | None, str | None]:
    """(label, start, end) of a period, ISO dates; None for an open end or no period."""
    if period is None:
        return None, None, None
    start = period.start.isoformat() if period.start else None
    end = period.end.isoformat() if period.end else None
    return period.label, start, end


def distinct(values: Iterable[str]) -> list[str]:
    """Values sorted, each once."""
    return sorted(set(values))


def _text(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def _due_order(due: PartialDate | None) -> tuple[object, ...]:
    return () if due is None else due.sort_key
