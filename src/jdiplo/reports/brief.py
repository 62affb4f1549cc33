"""The brief (`jdiplo report`): everything an analyst sends about a period, as one object.

It holds the period's digest (with its sources and announced steps), a timeline, counts by
partner and month, the temperature of each relationship (the sum and mean of the events'
PLOVER intensities by partner and month: codings, never facts from a source), the network of
who met whom, and the counts by kind, domain, level, partner and framework. A pure function
of the selected events, like every report; rendering it (HTML with charts) is
render/html.py's job.

The timeline keeps dates as precise as the records: an event dated `2024-07` covers the whole
month (`precision: "month"`), never an invented day. The network joins Japan (the focal party
of every record) to each partner, partners that take part in the same event to each other, and
frameworks to the partners of their events; an edge's weight is its number of events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from jdiplo.reports import Report
from jdiplo.reports.digest import Digest, group_key, period_digest
from jdiplo.reports.entries import Count, EventReference, counts_by_size
from jdiplo.reports.summary import Summary, summarise, temperature

if TYPE_CHECKING:
    from jdiplo.partners import Registry
    from jdiplo.periods import Period
    from jdiplo.stored import EventView


@dataclass(frozen=True)
class TimelineEntry:
    """An event on the timeline: its dates as written, the days they cover (ISO), how precise
    they are (`day`, `month`, `year`; `span` for an event with an `end`), and the group the
    digest tells it under (`lane`)."""

    id: str
    title: str
    date: str
    end: str | None
    first_day: str
    last_day: str
    precision: str
    lane: str


@dataclass(frozen=True)
class NetworkNode:
    """A party: `focal` (Japan), a partner's registry kind, or `framework`; `events` it is in."""

    code: str
    name: str
    kind: str
    events: int


@dataclass(frozen=True)
class NetworkEdge:
    """Two parties in `weight` events together (`a` before `b` in the order of `nodes`)."""

    a: str
    b: str
    weight: int


@dataclass(frozen=True)
class Brief(Report):
    report: ClassVar[str] = "brief"

    period: str | None
    start: str | None
    end: str | None
    as_of: str
    total: int
    matching: int
    digest: Digest
    timeline: list[TimelineEntry]
    months: Summary
    temperature: Summary
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    partners: list[Count]
    frameworks: list[Count]
    kinds: list[Count]
    domains: list[Count]
    levels: list[Count]

    def record(self) -> dict[str, Any]:
        fields = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        record: dict[str, Any] = {}
        for name, value in fields.items():
            if isinstance(value, Report):
                record[name] = value.record()
            elif isinstance(value, list):
                record[name] = [dataclasses.asdict(item) for item in value]
            else:
                record[name] = value
        return record


def brief(
    events: Sequence[EventView],
    registry: Registry,
    period: Period | None = None,
    matching: int | None = None,
    *,
    today: dt.date,
    delivered: Mapping[str, Sequence[EventReference]] | None = None,
    sources: bool = True,
) -> Brief:
    """The brief of `events` (a query's selection) for `period`; `today`, `delivered` and
    `sources` as for `digest.period_digest`."""
    ordered = sorted(events, key=lambda event: event.sort_key)
    digest = period_digest(
        ordered, registry, period, matching, today=today, delivered=delivered, sources=sources
    )
    nodes, edges = network(ordered, registry)
    return Brief(
        period=digest.period,
        start=digest.start,
        end=digest.end,
        as_of=digest.as_of,
        total=digest.total,
        matching=digest.matching,
        digest=digest,
        timeline=[timeline_entry(event) for event in ordered],
        months=summarise(ordered, ["partner", "month"], period),
        temperature=temperature(ordered, registry, period),
        nodes=nodes,
        edges=edges,
        partners=counts_by_size(code for event in ordered for code in event.partners),
        frameworks=counts_by_size(code for event in ordered for code in event.frameworks),
        kinds=digest.kinds,
        domains=digest.domains,
        levels=counts_by_size(event.level for event in ordered),
    )


def timeline_entry(event: EventView) -> TimelineEntry:
    precision = "span" if event.end is not None else event.date.precision
    return TimelineEntry(
        id=event.id,
        title=event.title,
        date=str(event.date),
        end=None if event.end is None else str(event.end),
        first_day=event.first_day.isoformat(),
        last_day=event.last_day.isoformat(),
        precision=precision,
        lane=group_key(event),
    )


def network(
    events: Sequence[EventView], registry: Registry
) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """Who met whom: the focal party, the partners (most events first), then the frameworks;
    edges focal-partner, partner-partner (in the same event) and framework-partner."""
    partner_events = Counter(code for event in events for code in event.partners)
    framework_events = Counter(code for event in events for code in event.frameworks)
    focal = registry.focal
    nodes = [NetworkNode(focal, _name(focal, registry), "focal", len(events))] if events else []
    for code in sorted(partner_events, key=lambda code: (-partner_events[code], code)):
        partner = registry.partners.get(code)
        kind = partner.kind if partner is not None else "unknown"
        nodes.append(NetworkNode(code, _name(code, registry), kind, partner_events[code]))
    for code in sorted(framework_events, key=lambda code: (-framework_events[code], code)):
        if code in partner_events:  # a grouping listed both ways is one node
            continue
        nodes.append(NetworkNode(code, _name(code, registry), "framework", framework_events[code]))
    place = {node.code: index for index, node in enumerate(nodes)}
    weights: Counter[tuple[str, str]] = Counter()
    for event in events:
        partners = list(dict.fromkeys(event.partners))
        pairs = [(focal, code) for code in partners]
        pairs += list(itertools.combinations(partners, 2))
        pairs += [
            (framework, code)
            for framework in dict.fromkeys(event.frameworks)
            for code in partners
            if framework != code
        ]
        for a, b in pairs:
            first, second = sorted((a, b), key=lambda code: place[code])
            weights[(first, second)] += 1
    edges = [NetworkEdge(a, b, weight) for (a, b), weight in weights.items()]
    edges.sort(key=lambda edge: (place[edge.a], place[edge.b]))
    return nodes, edges


def _name(code: str, registry: Registry) -> str:
    partner = registry.partners.get(code)
    if partner is not None:
        return partner.name
    framework = registry.frameworks.get(code)
    return framework.name if framework is not None else code
