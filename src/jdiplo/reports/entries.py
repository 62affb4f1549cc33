"""The pieces several reports share: events as reports show them, firsts, announced steps,
counts, and the keys events are grouped by (month, year).

Every value is JSON-ready (strings, numbers, lists); dates are strings exactly as written in
the records (`2024-07`, never an invented day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdiplo.dates import PartialDate
    from jdiplo.model import Event
    from jdiplo.periods import Period


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
class EventEntry:
    """An event as reports show it: the record's fields but its sources, tags and related ids
    (`jdiplo show ID` gives those)."""

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


@dataclass(frozen=True)
class Count:
    """How many events have a value; `key` is None for events without one (no level)."""

    key: str | None
    count: int


def event_entry(event: Event) -> EventEntry:
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
    )


def reference(event: Event) -> EventReference:
    return EventReference(event.id, str(event.date), event.title)


def first_entries(events: Iterable[Event]) -> list[FirstEntry]:
    """Every `firsts` entry of the events, in date order, then in the record's order."""
    return [
        FirstEntry(first, str(event.date), event.id, list(event.partners), event.title)
        for event in sorted(events, key=lambda event: event.sort_key)
        for first in event.firsts
    ]


def announced_entries(events: Iterable[Event]) -> list[AnnouncedEntry]:
    """Every announced step, by due date (steps without one last), then by date announced."""
    steps = [event for event in events if event.status == "announced"]
    steps.sort(key=lambda event: (event.due is None, _due_order(event.due), event.sort_key))
    return [
        AnnouncedEntry(
            _text(event.due), str(event.date), event.id, list(event.partners), event.title
        )
        for event in steps
    ]


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
