"""Digests: a period's story (`period_digest`) and a relationship at a glance (`partner_digest`).

A period digest groups events the way an analyst writes them up: an event with one partner
goes under that partner; an event with several goes once, under its first framework (IP4, JUSK)
when it has one, else under its first-listed partner, and names the others. Groups of states
come first, then frameworks, groupings and organisations; within each, the larger first. States
of one region with several groups in the digest are told together under the region (the
United States, the Republic of Korea, then "Europe" with the UK and Germany), the larger region
first. Nothing is dropped: every event of the selection is in exactly one group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from jdiplo.reports import Report
from jdiplo.reports.entries import (
    AnnouncedEntry,
    Count,
    EventEntry,
    EventReference,
    FirstEntry,
    announced_entries,
    counts_by_key,
    counts_by_size,
    distinct,
    event_entry,
    first_entries,
    month_key,
    period_fields,
    reference,
    year_key,
)

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.partners import Registry
    from jdiplo.periods import Period


@dataclass(frozen=True)
class DigestGroup:
    """The events told under one partner or framework. `kind` is the registry's kind of the
    code (state, organisation, grouping) or `framework`; `region` is set when the group is told
    under its region, with the other groups of that region in the digest."""

    key: str
    name: str
    kind: str
    region: str | None
    events: list[EventEntry]


@dataclass(frozen=True)
class Digest(Report):
    """A period's story: header, highlights, events grouped by partner, counts."""

    report: ClassVar[str] = "digest"

    period: str | None
    start: str | None
    end: str | None
    total: int
    matching: int
    partners: list[str]
    frameworks: list[str]
    firsts: list[FirstEntry]
    announced: list[AnnouncedEntry]
    groups: list[DigestGroup]
    kinds: list[Count]
    domains: list[Count]


@dataclass(frozen=True)
class PartnerInfo:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class PersonCount:
    """Someone who took part in the partner's events: roles as the records give them."""

    name: str
    country: str | None
    roles: list[str]
    events: int


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
    pending: list[AnnouncedEntry]
    timeline: list[EventEntry]


def period_digest(
    events: Sequence[Event],
    registry: Registry,
    period: Period | None = None,
    matching: int | None = None,
) -> Digest:
    """The digest of `events` (a query's selection) for `period` (None: all records).

    `matching` is how many events the query matched before its limit (default: all shown).
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    label, start, end = period_fields(period)
    return Digest(
        period=label,
        start=start,
        end=end,
        total=len(ordered),
        matching=len(ordered) if matching is None else matching,
        partners=distinct(code for event in ordered for code in event.partners),
        frameworks=distinct(code for event in ordered for code in event.frameworks),
        firsts=first_entries(ordered),
        announced=announced_entries(ordered),
        groups=_groups(ordered, registry),
        kinds=counts_by_size(event.kind for event in ordered),
        domains=counts_by_size(domain for event in ordered for domain in event.domains),
    )


def group_key(event: Event) -> str:
    """Where a digest tells an event: its partner, or its first framework, or its lead partner."""
    if len(event.partners) > 1 and event.frameworks:
        return event.frameworks[0]
    return event.partners[0]


def _groups(events: Sequence[Event], registry: Registry) -> list[DigestGroup]:
    members: dict[str, list[Event]] = {}
    for event in events:
        members.setdefault(group_key(event), []).append(event)
    regions: dict[str, list[str]] = {}
    for key in members:
        region = _region(key, registry)
        if region is not None:
            regions.setdefault(region, []).append(key)
    groups = []
    for key, chosen in members.items():
        region = _region(key, registry)
        shared = region if region is not None and len(regions[region]) > 1 else None
        name, kind = _describe(key, registry)
        groups.append(DigestGroup(key, name, kind, shared, [event_entry(e) for e in chosen]))
    size = {region: sum(len(members[key]) for key in keys) for region, keys in regions.items()}

    def order(group: DigestGroup) -> tuple[bool, int, str, int, str]:
        block = -size[group.region] if group.region else -len(group.events)
        return (group.kind != "state", block, group.region or "", -len(group.events), group.key)

    groups.sort(key=order)
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


def partner_digest(
    events: Sequence[Event],
    registry: Registry,
    code: str,
    today: dt.date,
    period: Period | None = None,
    matching: int | None = None,
) -> PartnerDigest:
    """The relationship with `code` over `events` (a query's selection for that partner).

    `today` decides which announced steps are still to fall due: those without a due date and
    those whose due date has not wholly passed.
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    label, start, end = period_fields(period)
    name, kind = _describe(code, registry)
    pending = [
        event
        for event in ordered
        if event.status == "announced" and (event.due is None or event.due.last >= today)
    ]
    return PartnerDigest(
        partner=PartnerInfo(code, name, kind),
        period=label,
        start=start,
        end=end,
        as_of=today.isoformat(),
        total=len(ordered),
        matching=len(ordered) if matching is None else matching,
        first_contact=reference(ordered[0]) if ordered else None,
        last_contact=reference(ordered[-1]) if ordered else None,
        years=counts_by_key(year_key(event.date) for event in ordered),
        months=counts_by_key(month_key(event.date) for event in ordered),
        kinds=counts_by_size(event.kind for event in ordered),
        levels=counts_by_size(event.level for event in ordered),
        frameworks=counts_by_size(framework for event in ordered for framework in event.frameworks),
        people=_people(ordered),
        firsts=first_entries(ordered),
        pending=announced_entries(pending),
        timeline=[event_entry(event) for event in ordered],
    )


def _people(events: Sequence[Event]) -> list[PersonCount]:
    """Everyone named in the events, by (name, country); most events first, then by name."""
    seen: dict[tuple[str, str | None], tuple[list[str], set[str]]] = {}
    for event in events:
        for person in event.people:
            roles, ids = seen.setdefault((person.name, person.country), ([], set()))
            if person.role is not None and person.role not in roles:
                roles.append(person.role)
            ids.add(event.id)
    people = [
        PersonCount(name, country, roles, len(ids))
        for (name, country), (roles, ids) in seen.items()
    ]
    people.sort(key=lambda person: (-person.events, person.name, person.country or ""))
    return people
