"""The people registry with, for each person, how many events name them and the latest one.

An event counts for a person when one of its `people` is a spelling of theirs (any case, any
word order, an alias): `Minoru Kihara` counts for `Kihara Minoru`. People that events name but
the registry does not know follow the registry's people, marked `registered: false`, so that
they can be added to `people.yaml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from jdiplo.people import name_key
from jdiplo.reports import Report
from jdiplo.reports.entries import period_fields

if TYPE_CHECKING:
    from jdiplo.people import PeopleRegistry
    from jdiplo.periods import Period
    from jdiplo.stored import EventView


@dataclass(frozen=True)
class OfficeRow:
    """An office held; `start` and `end` as written, None when no source gives them."""

    role: str
    country: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class PersonRow:
    """A person: `name` is the canonical name (for an unregistered person, the name as the
    latest event writes it); `last_event` the date of the latest event as written."""

    name: str
    country: str | None
    aliases: list[str]
    offices: list[OfficeRow]
    events: int
    last_event: str | None
    registered: bool


@dataclass(frozen=True)
class PeopleTable(Report):
    report: ClassVar[str] = "people"

    period: str | None
    start: str | None
    end: str | None
    people: list[PersonRow]


def people_table(
    events: Sequence[EventView], registry: PeopleRegistry, period: Period | None = None
) -> PeopleTable:
    """Every person of the registry (registry order), then the people events name that it
    does not know (by name)."""
    named: dict[str, list[EventView]] = {}  # canonical name (or the key of an unknown name)
    unknown: dict[str, tuple[str, str | None]] = {}  # key -> (name, country) as last written
    for event in sorted(events, key=lambda event: event.sort_key):
        for person in event.people:
            canonical = registry.canonical(person.name)
            if canonical is None:
                canonical = "\0" + name_key(person.name)
                unknown[canonical] = (person.name, person.country)
            chosen = named.setdefault(canonical, [])
            if not chosen or chosen[-1] is not event:
                chosen.append(event)
    rows = [
        _row(
            person.name,
            person.country,
            list(person.aliases),
            [OfficeRow(o.role, o.country, o.start, o.end) for o in person.offices],
            named.get(person.name, []),
            registered=True,
        )
        for person in registry
    ]
    for key, (name, country) in sorted(unknown.items(), key=lambda item: item[1][0].casefold()):
        rows.append(_row(name, country, [], [], named[key], registered=False))
    label, start, end = period_fields(period)
    return PeopleTable(label, start, end, rows)


def _row(
    name: str,
    country: str | None,
    aliases: list[str],
    offices: list[OfficeRow],
    events: list[EventView],
    registered: bool,
) -> PersonRow:
    latest = events[-1] if events else None  # events come in date order
    return PersonRow(
        name=name,
        country=country,
        aliases=aliases,
        offices=offices,
        events=len(events),
        last_event=str(latest.date) if latest is not None else None,
        registered=registered,
    )
