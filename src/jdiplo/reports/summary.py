"""Counts of events by one or more dimensions; several make a cross table.

An event counts once for each combination of its values: once per partner, domain and
framework it lists (none if it lists none), once for its kind, level (None: no level), month
and year. Months and years are those of the event's `date` as written: an event dated `2024`
counts under the month `2024`, never under an invented month.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from jdiplo.reports import Report
from jdiplo.reports.entries import key_order, month_key, period_fields, year_key
from jdiplo.vocabularies import DIMENSIONS

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.periods import Period


_VALUES: dict[str, Callable[[Event], Iterable[str | None]]] = {
    "partner": lambda event: event.partners,
    "kind": lambda event: [event.kind],
    "domain": lambda event: event.domains,
    "level": lambda event: [event.level],
    "framework": lambda event: event.frameworks,
    "month": lambda event: [month_key(event.date)],
    "year": lambda event: [year_key(event.date)],
}


@dataclass(frozen=True)
class SummaryRow:
    """One combination of values (in the order of `by`) and how many events have it."""

    keys: list[str | None]
    count: int


@dataclass(frozen=True)
class Summary(Report):
    report: ClassVar[str] = "summary"

    by: list[str]
    period: str | None
    start: str | None
    end: str | None
    total: int
    rows: list[SummaryRow]

    def record(self) -> dict[str, Any]:
        """Rows as objects named by dimension, `{"partner": "ROK", "month": "2024-07",
        "count": 6}`, so that `jq` can select on them."""
        return {
            "by": list(self.by),
            "period": self.period,
            "start": self.start,
            "end": self.end,
            "total": self.total,
            "rows": [
                {**dict(zip(self.by, row.keys, strict=True)), "count": row.count}
                for row in self.rows
            ],
        }

    def values(self, position: int) -> list[str | None]:
        """The distinct keys of dimension `position`, sorted (None last)."""
        return sorted({row.keys[position] for row in self.rows}, key=key_order)

    def cells(self) -> dict[tuple[str | None, ...], int]:
        """Count by combination of keys (missing combinations count 0)."""
        return {tuple(row.keys): row.count for row in self.rows}

    def transposed(self) -> Summary:
        """The same counts with the two dimensions swapped (a cross table turned over)."""
        if len(self.by) != 2:
            raise ValueError("only a summary of two dimensions turns over")
        rows = [SummaryRow([row.keys[1], row.keys[0]], row.count) for row in self.rows]
        rows.sort(key=lambda row: [key_order(key) for key in row.keys])
        return dataclasses.replace(self, by=[self.by[1], self.by[0]], rows=rows)


def summarise(events: Sequence[Event], by: Sequence[str], period: Period | None = None) -> Summary:
    """Counts of `events` by the dimensions `by` (each in DIMENSIONS; repeats ignored)."""
    dimensions = list(dict.fromkeys(by))
    unknown = [dimension for dimension in dimensions if dimension not in _VALUES]
    if unknown or not dimensions:
        raise ValueError(f"dimensions must be some of {', '.join(DIMENSIONS)}: got {list(by)}")
    counter: Counter[tuple[str | None, ...]] = Counter()
    for event in events:
        value_lists = [list(dict.fromkeys(_VALUES[dimension](event))) for dimension in dimensions]
        counter.update(itertools.product(*value_lists))
    keys = sorted(counter, key=lambda combination: [key_order(key) for key in combination])
    label, start, end = period_fields(period)
    return Summary(
        by=dimensions,
        period=label,
        start=start,
        end=end,
        total=len(events),
        rows=[SummaryRow(list(combination), counter[combination]) for combination in keys],
    )
