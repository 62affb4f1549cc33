"""Digests: a period's story (`period_digest`), a relationship at a glance (`partner_digest`)
and a person's timeline (`person_digest`).

A period digest groups events the way an analyst writes them up: an event with one partner
goes under that partner; an event with several goes once, under its first framework (IP4, JUSK)
when it has one, else under its first-listed partner, and names the others. Every partner with
events has its group: the events told elsewhere that it takes part in are listed there as
references to where they are told (Italy's events with the UK, under the United Kingdom). Groups
of states come first, then frameworks, groupings and organisations; within each, the group that
tells more first. States of one region with several groups in the digest are told together
under the region (the United States, then "Europe" with the UK, Italy, Germany, Spain and
Ukraine, then the Republic of Korea), the region that tells more first. Nothing is dropped:
every event of the selection is told in exactly one group.

Sources are numbered in the order a reader meets them: the firsts, the announced steps, then
the groups in order (`Citations`); in the relationship and person digests, the firsts, the
announced steps (still to fall due, overdue, delivered), then the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol, TypedDict

from jdiplo.people import name_key
from jdiplo.reports import Report
from jdiplo.reports.entries import (
    Citations,
    Count,
    EventEntry,
    EventReference,
    FirstEntry,
    SourceEntry,
    StepEntry,
    counts_by_key,
    counts_by_size,
    distinct,
    event_entry,
    first_entries,
    month_key,
    period_fields,
    reference,
    step_entries,
    year_key,
)
from jdiplo.reports.people import OfficeRow

if TYPE_CHECKING:
    from jdiplo.partners import Registry
    from jdiplo.people import PeopleRegistry
    from jdiplo.periods import Period
    from jdiplo.stored import EventView


@dataclass(frozen=True)
class ToldElsewhere:
    """An event a partner takes part in that is told under another group (`under`)."""

    id: str
    date: str
    title: str
    under: str


@dataclass(frozen=True)
class DigestGroup:
    """The events told under one partner or framework, and (`elsewhere`) those of its events
    told under another group. `kind` is the registry's kind of the code (state, organisation,
    grouping) or `framework`; `region` is set when the group is told under its region, with
    the other groups of that region in the digest."""

    key: str
    name: str
    kind: str
    region: str | None
    events: list[EventEntry]
    elsewhere: list[ToldElsewhere]


@dataclass(frozen=True)
class Digest(Report):
    """A period's story: header, highlights, events grouped by partner, counts."""

    report: ClassVar[str] = "digest"

    period: str | None
    start: str | None
    end: str | None
    as_of: str
    total: int
    matching: int
    partners: list[str]
    frameworks: list[str]
    firsts: list[FirstEntry]
    announced: list[StepEntry]
    groups: list[DigestGroup]
    kinds: list[Count]
    domains: list[Count]
    sources: list[SourceEntry]

    def cited(self) -> dict[str, list[int]]:
        """Event id -> the numbers of its sources."""
        return {event.id: event.sources for group in self.groups for event in group.events}

    def names(self) -> dict[str, str]:
        """Group key -> its name."""
        return {group.key: group.name for group in self.groups}

    def region_events(self, region: str) -> int:
        """How many events the groups of a region tell or name (each event once)."""
        ids: set[str] = set()
        for group in self.groups:
            if group.region == region:
                ids.update(entry.id for entry in group.events)
                ids.update(entry.id for entry in group.elsewhere)
        return len(ids)


@dataclass(frozen=True)
class PartnerInfo:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class PersonCount:
    """Someone who took part in a digest's events: the canonical name when the people registry
    knows them (else the name as the latest event writes it), their country, roles as the
    records give them, and in how many of the events."""

    name: str
    country: str | None
    roles: list[str]
    events: int


class Story(Protocol):
    """What the relationship and person digests share, beside who they are about: counts,
    people, firsts, announced steps by how they stand, the timeline and its sources."""

    @property
    def period(self) -> str | None: ...
    @property
    def start(self) -> str | None: ...
    @property
    def end(self) -> str | None: ...
    @property
    def as_of(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def matching(self) -> int: ...
    @property
    def years(self) -> list[Count]: ...
    @property
    def months(self) -> list[Count]: ...
    @property
    def kinds(self) -> list[Count]: ...
    @property
    def levels(self) -> list[Count]: ...
    @property
    def frameworks(self) -> list[Count]: ...
    @property
    def people(self) -> list[PersonCount]: ...
    @property
    def firsts(self) -> list[FirstEntry]: ...
    @property
    def pending(self) -> list[StepEntry]: ...
    @property
    def overdue(self) -> list[StepEntry]: ...
    @property
    def delivered(self) -> list[StepEntry]: ...
    @property
    def timeline(self) -> list[EventEntry]: ...
    @property
    def sources(self) -> list[SourceEntry]: ...
    def cited(self) -> dict[str, list[int]]: ...


@dataclass(frozen=True)
class PartnerDigest(Report):
    """One relationship at a glance."""

    report: ClassVar[str] = "partner-digest"

    partner: PartnerInfo
    period: str | None
    start: str | None
    end: str | None
    as_of: str
    total: int
    matching: int
    first_contact: EventReference | None
    last_contact: EventReference | None
    years: list[Count]
    months: list[Count]
    kinds: list[Count]
    levels: list[Count]
    frameworks: list[Count]
    people: list[PersonCount]
    firsts: list[FirstEntry]
    pending: list[StepEntry]
    overdue: list[StepEntry]
    delivered: list[StepEntry]
    timeline: list[EventEntry]
    sources: list[SourceEntry]

    def cited(self) -> dict[str, list[int]]:
        """Event id -> the numbers of its sources."""
        return {event.id: event.sources for event in self.timeline}


@dataclass(frozen=True)
class PersonInfo:
    """The person a digest is about, as the people registry knows them: `name` is the canonical
    name (`registered`), else the name as the latest event writes it, else as asked; `country`
    is the registry's, else that of the latest mention; `aliases` and `offices` (dates as
    written) are the registry's. `roles` and `written` are the roles and spellings the events
    give them, in the order the events first do."""

    name: str
    registered: bool
    country: str | None
    aliases: list[str]
    offices: list[OfficeRow]
    roles: list[str]
    written: list[str]


@dataclass(frozen=True)
class PersonDigest(Report):
    """One person's timeline: whom and what they met, when, and what came of it."""

    report: ClassVar[str] = "person-digest"

    person: PersonInfo
    period: str | None
    start: str | None
    end: str | None
    as_of: str
    total: int
    matching: int
    first_event: EventReference | None
    last_event: EventReference | None
    years: list[Count]
    months: list[Count]
    kinds: list[Count]
    levels: list[Count]
    partners: list[Count]
    frameworks: list[Count]
    people: list[PersonCount]
    firsts: list[FirstEntry]
    pending: list[StepEntry]
    overdue: list[StepEntry]
    delivered: list[StepEntry]
    timeline: list[EventEntry]
    sources: list[SourceEntry]

    def cited(self) -> dict[str, list[int]]:
        """Event id -> the numbers of its sources."""
        return {event.id: event.sources for event in self.timeline}


def period_digest(
    events: Sequence[EventView],
    registry: Registry,
    period: Period | None = None,
    matching: int | None = None,
    *,
    today: dt.date,
    delivered: Mapping[str, Sequence[EventReference]] | None = None,
    sources: bool = True,
) -> Digest:
    """The digest of `events` (a query's selection) for `period` (None: all records).

    `matching` is how many events the query matched before its limit (default: all shown).
    `today` and `delivered` (step id -> the events that fulfil it, from the whole record set:
    `entries.deliveries`) decide how each announced step stands. Without `sources`, events
    cite nothing and the digest lists no sources.
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    label, start, end = period_fields(period)
    firsts, steps = first_entries(ordered), step_entries(ordered, delivered or {}, today)
    citations = _cite_highlights(ordered, firsts, steps, sources)
    return Digest(
        period=label,
        start=start,
        end=end,
        as_of=today.isoformat(),
        total=len(ordered),
        matching=len(ordered) if matching is None else matching,
        partners=distinct(code for event in ordered for code in event.partners),
        frameworks=distinct(code for event in ordered for code in event.frameworks),
        firsts=firsts,
        announced=steps,
        groups=_groups(ordered, registry, citations),
        kinds=counts_by_size(event.kind for event in ordered),
        domains=counts_by_size(domain for event in ordered for domain in event.domains),
        sources=citations.entries,
    )


def _cite_highlights(
    ordered: Sequence[EventView],
    firsts: Sequence[FirstEntry],
    steps: Sequence[StepEntry],
    sources: bool,
) -> Citations:
    """Citations (none without `sources`) that number the sources in the order a reader meets
    them: those of the firsts, then of the steps in the order given; the rest follow."""
    by_id = {event.id: event for event in ordered}
    citations = Citations(sources)
    for event_id in [first.id for first in firsts] + [step.id for step in steps]:
        citations.cite(by_id[event_id])
    return citations


def group_key(event: EventView) -> str:
    """Where a digest tells an event: its partner, or its first framework, or its lead partner."""
    if len(event.partners) > 1 and event.frameworks:
        return event.frameworks[0]
    return event.partners[0]


def _groups(
    events: Sequence[EventView], registry: Registry, citations: Citations
) -> list[DigestGroup]:
    told: dict[str, list[EventView]] = {}
    named: dict[str, list[ToldElsewhere]] = {}
    for event in events:
        key = group_key(event)
        told.setdefault(key, []).append(event)
        for code in event.partners:
            if code != key:
                entry = ToldElsewhere(event.id, str(event.date), event.title, key)
                named.setdefault(code, []).append(entry)
    keys = list(dict.fromkeys([*told, *named]))
    regions: dict[str, list[str]] = {}
    for key in keys:
        region = _region(key, registry)
        if region is not None:
            regions.setdefault(region, []).append(key)

    def region_of(key: str) -> str | None:
        region = _region(key, registry)
        return region if region is not None and len(regions[region]) > 1 else None

    def size(key: str) -> tuple[int, int]:
        """(events told, events told or named) of a group."""
        return len(told.get(key, ())), len(told.get(key, ())) + len(named.get(key, ()))

    block = {region: sum(size(key)[0] for key in members) for region, members in regions.items()}

    def order(key: str) -> tuple[bool, int, str, int, int, str]:
        region = region_of(key)
        telling, involved = size(key)
        return (
            _describe(key, registry)[1] != "state",
            -(block[region] if region is not None else telling),
            region or "",
            -involved,
            -telling,
            key,
        )

    by_id = {event.id: event for event in events}
    groups = []
    for key in sorted(keys, key=order):
        name, kind = _describe(key, registry)
        entries = [event_entry(event, citations) for event in told.get(key, ())]
        for entry in named.get(key, ()):  # sources numbered in reading order, these too
            citations.cite(by_id[entry.id])
        groups.append(DigestGroup(key, name, kind, region_of(key), entries, named.get(key, [])))
    return groups


def _region(code: str, registry: Registry) -> str | None:
    partner = registry.partners.get(code)
    return partner.region if partner is not None and partner.kind == "state" else None


def _describe(code: str, registry: Registry) -> tuple[str, str]:
    """(name, kind) of a code in the registry."""
    partner = registry.partners.get(code)
    if partner is not None:
        return partner.name, partner.kind
    framework = registry.frameworks.get(code)
    if framework is not None:
        return framework.name, "framework"
    return code, "unknown"


class _Shared(TypedDict):
    """The fields the relationship and person digests compute alike."""

    period: str | None
    start: str | None
    end: str | None
    as_of: str
    total: int
    matching: int
    years: list[Count]
    months: list[Count]
    kinds: list[Count]
    levels: list[Count]
    frameworks: list[Count]
    firsts: list[FirstEntry]
    pending: list[StepEntry]
    overdue: list[StepEntry]
    delivered: list[StepEntry]
    timeline: list[EventEntry]
    sources: list[SourceEntry]


def _shared(
    ordered: Sequence[EventView],
    period: Period | None,
    matching: int | None,
    today: dt.date,
    delivered: Mapping[str, Sequence[EventReference]],
    sources: bool,
) -> _Shared:
    """Counts, firsts, steps by how they stand on `today`, and the timeline of `ordered`
    (events in date order), its sources numbered as a reader meets them: the firsts, the
    steps (still to fall due, overdue, delivered), then the timeline."""
    label, start, end = period_fields(period)
    firsts, steps = first_entries(ordered), step_entries(ordered, delivered, today)
    states = {
        state: [step for step in steps if step.state == state]
        for state in ("due", "overdue", "delivered")
    }
    read = [step for state in ("due", "overdue", "delivered") for step in states[state]]
    citations = _cite_highlights(ordered, firsts, read, sources)
    timeline = [event_entry(event, citations) for event in ordered]
    return _Shared(
        period=label,
        start=start,
        end=end,
        as_of=today.isoformat(),
        total=len(ordered),
        matching=len(ordered) if matching is None else matching,
        years=counts_by_key(year_key(event.date) for event in ordered),
        months=counts_by_key(month_key(event.date) for event in ordered),
        kinds=counts_by_size(event.kind for event in ordered),
        levels=counts_by_size(event.level for event in ordered),
        frameworks=counts_by_size(framework for event in ordered for framework in event.frameworks),
        firsts=firsts,
        pending=states["due"],
        overdue=states["overdue"],
        delivered=states["delivered"],
        timeline=timeline,
        sources=citations.entries,
    )


def partner_digest(
    events: Sequence[EventView],
    registry: Registry,
    code: str,
    today: dt.date,
    period: Period | None = None,
    matching: int | None = None,
    *,
    delivered: Mapping[str, Sequence[EventReference]] | None = None,
    sources: bool = True,
    people: PeopleRegistry | None = None,
) -> PartnerDigest:
    """The relationship with `code` over `events` (a query's selection for that partner).

    `today` and `delivered` (as for `period_digest`) decide how the announced steps stand:
    `pending` (still to fall due: no due date, or one not wholly passed), `overdue`, or
    `delivered`. `people` (the people registry) counts each person once under any spelling.
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    name, kind = _describe(code, registry)
    return PartnerDigest(
        partner=PartnerInfo(code, name, kind),
        first_contact=reference(ordered[0]) if ordered else None,
        last_contact=reference(ordered[-1]) if ordered else None,
        people=_people(ordered, people),
        **_shared(ordered, period, matching, today, delivered or {}, sources),
    )


def person_digest(
    events: Sequence[EventView],
    people: PeopleRegistry,
    name: str,
    today: dt.date,
    period: Period | None = None,
    matching: int | None = None,
    *,
    delivered: Mapping[str, Sequence[EventReference]] | None = None,
    sources: bool = True,
) -> PersonDigest:
    """The timeline of the person `name` spells (any case, word order or alias the registry
    knows) over `events` (a query's selection for that person): the person as the registry
    knows them, counts, the partners and frameworks of their events, the other people in them,
    firsts, announced steps as for `partner_digest`, and every event with its sources.
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    registered = people.resolve(name)
    spellings = [name, *(registered.spellings() if registered is not None else ())]
    keys = {name_key(spelling) for spelling in spellings}
    mentions = [
        mention for event in ordered for mention in event.people if name_key(mention.name) in keys
    ]
    latest = mentions[-1] if mentions else None
    offices: list[OfficeRow] = []
    if registered is not None:
        shown, country, aliases = registered.name, registered.country, list(registered.aliases)
        offices = [OfficeRow(o.role, o.country, o.start, o.end) for o in registered.offices]
    else:
        shown = latest.name if latest is not None else " ".join(name.split())
        country, aliases = None, []
    if country is None and latest is not None:
        country = latest.country
    person = PersonInfo(
        name=shown,
        registered=registered is not None,
        country=country,
        aliases=aliases,
        offices=offices,
        roles=list(dict.fromkeys(mention.role for mention in mentions if mention.role)),
        written=list(dict.fromkeys(mention.name for mention in mentions)),
    )
    return PersonDigest(
        person=person,
        first_event=reference(ordered[0]) if ordered else None,
        last_event=reference(ordered[-1]) if ordered else None,
        partners=counts_by_size(code for event in ordered for code in event.partners),
        people=_people(ordered, people, leave_out=keys),
        **_shared(ordered, period, matching, today, delivered or {}, sources),
    )


def _people(
    events: Sequence[EventView],
    registry: PeopleRegistry | None = None,
    leave_out: Collection[str] = (),
) -> list[PersonCount]:
    """Everyone named in the events but the names whose keys (`name_key`) are in `leave_out`:
    one person under every spelling (`registry` gives their canonical name and country; a name
    it does not know is one person in any case and word order, shown as the latest event
    writes it, with the country of that mention); most events first, then by name."""
    seen: dict[str, tuple[str, str | None, list[str], set[str]]] = {}
    for event in events:  # in date order: the latest mention is written last
        for mention in event.people:
            key = name_key(mention.name)
            if key in leave_out:
                continue
            known = registry.resolve(mention.name) if registry is not None else None
            if known is not None:
                name, country, key = known.name, known.country or mention.country, known.name
            else:  # apart from every canonical name
                name, country, key = mention.name, mention.country, "\0" + key
            _, _, roles, ids = seen.get(key, (name, country, [], set()))
            if mention.role is not None and mention.role not in roles:
                roles.append(mention.role)
            ids.add(event.id)
            seen[key] = (name, country, roles, ids)
    people = [
        PersonCount(name, country, roles, len(ids)) for name, country, roles, ids in seen.values()
    ]
    people.sort(key=lambda person: (-person.events, person.name, person.country or ""))
    return people
