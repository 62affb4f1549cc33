"""What changed between two periods: totals, and for each partner, kind, domain, level and
framework the count in A, in B and the change; partners new in B and dropped from A; the firsts
and announced steps recorded in B.

An event belongs to a period when its days overlap it (a coarse date such as `2024` overlaps
every month of 2024). It counts once for each of its partners (so partner counts can add up to
more than the total), once in kinds and levels (key None: no level), once per domain and per
framework. Rows with zero in both periods are left out; rows are sorted by key, None last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from jdiplo.reports import Report
from jdiplo.reports.entries import (
    AnnouncedEntry,
    FirstEntry,
    announced_entries,
    first_entries,
    key_order,
    period_fields,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from jdiplo.periods import Period
    from jdiplo.stored import EventView

    _Values = Callable[[EventView], Iterable[str | None]]


@dataclass(frozen=True)
class Side:
    """One of the two periods: its expression, first and last day (None when open), events."""

    period: str
    start: str | None
    end: str | None
    total: int


@dataclass(frozen=True)
class Change:
    key: str | None
    a: int
    b: int
    delta: int


@dataclass(frozen=True)
class PeriodDiff(Report):
    report: ClassVar[str] = "diff"

    a: Side
    b: Side
    partners: list[Change]
    kinds: list[Change]
    domains: list[Change]
    levels: list[Change]
    frameworks: list[Change]
    new_partners: list[str]
    dropped_partners: list[str]
    firsts: list[FirstEntry]
    announced: list[AnnouncedEntry]


def period_diff(
    events_a: Sequence[EventView],
    events_b: Sequence[EventView],
    period_a: Period,
    period_b: Period,
) -> PeriodDiff:
    """Compare the events of period A with those of period B (each a query's selection)."""
    partners_a = {code for event in events_a for code in event.partners}
    partners_b = {code for event in events_b for code in event.partners}
    return PeriodDiff(
        a=_side(period_a, events_a),
        b=_side(period_b, events_b),
        partners=_changes(events_a, events_b, lambda event: event.partners),
        kinds=_changes(events_a, events_b, lambda event: [event.kind]),
        domains=_changes(events_a, events_b, lambda event: event.domains),
        levels=_changes(events_a, events_b, lambda event: [event.level]),
        frameworks=_changes(events_a, events_b, lambda event: event.frameworks),
        new_partners=sorted(partners_b - partners_a),
        dropped_partners=sorted(partners_a - partners_b),
        firsts=first_entries(events_b),
        announced=announced_entries(events_b),
    )


def _side(period: Period, events: Sequence[EventView]) -> Side:
    label, start, end = period_fields(period)
    return Side(label or "", start, end, len(events))


def _changes(
    events_a: Sequence[EventView],
    events_b: Sequence[EventView],
    values: _Values,
) -> list[Change]:
    count_a = Counter(value for event in events_a for value in values(event))
    count_b = Counter(value for event in events_b for value in values(event))
    keys = sorted(count_a.keys() | count_b.keys(), key=key_order)
    return [
        Change(key, count_a[key], count_b[key], count_b[key] - count_a[key])
        for key in keys
        if count_a[key] or count_b[key]
    ]
