"""The partner registry with, for each entry, how many events involve it and the latest one.

An event involves a code when it lists it among its partners or its frameworks (the same rule
as `--partner`: a grouping such as IP4 also counts the events held in its framework). The focal
party (Japan) is in every record and is not listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from jdiplo.reports import Report
from jdiplo.reports.entries import period_fields

if TYPE_CHECKING:
    from jdiplo.partners import Registry
    from jdiplo.periods import Period
    from jdiplo.stored import EventView


@dataclass(frozen=True)
class PartnerRow:
    """A registry entry: `kind` is state, organisation, grouping or framework. `last_event` is
    the date of the latest event as written (None when there is none)."""

    code: str
    name: str
    kind: str
    aliases: list[str]
    members: list[str]
    events: int
    last_event: str | None


@dataclass(frozen=True)
class PartnerTable(Report):
    report: ClassVar[str] = "partners"

    period: str | None
    start: str | None
    end: str | None
    partners: list[PartnerRow]


def partner_table(
    events: Sequence[EventView], registry: Registry, period: Period | None = None
) -> PartnerTable:
    """Every partner of the registry (registry order), then every framework."""
    involved: dict[str, list[EventView]] = {}
    for event in events:
        for code in dict.fromkeys([*event.partners, *event.frameworks]):
            involved.setdefault(code, []).append(event)
    rows: list[PartnerRow] = []
    for code, partner in registry.partners.items():
        if code == registry.focal:
            continue
        rows.append(
            _row(code, partner.name, partner.kind, partner.aliases, partner.members, involved)
        )
    for code, framework in registry.frameworks.items():
        rows.append(_row(code, framework.name, "framework", framework.aliases, (), involved))
    label, start, end = period_fields(period)
    return PartnerTable(label, start, end, rows)


def _row(
    code: str,
    name: str,
    kind: str,
    aliases: Sequence[str],
    members: Sequence[str],
    involved: dict[str, list[EventView]],
) -> PartnerRow:
    chosen = involved.get(code, [])
    latest = max(chosen, key=lambda event: event.sort_key) if chosen else None
    return PartnerRow(
        code=code,
        name=name,
        kind=kind,
        aliases=list(aliases),
        members=list(members),
        events=len(chosen),
        last_event=str(latest.date) if latest is not None else None,
    )
