"""Counts of events by one or more dimensions; several make a cross table.

An event counts once for each combination of its values: once per partner, domain and
framework it lists (none if it lists none), once for its kind, level (None: no level), month
and year. Months and years are those of the event's `date` as written: an event dated `2024`
counts under the month `2024`, never under an invented month.

With the measure `intensity`, each combination also carries the sum and the mean of its
events' PLOVER intensities (coding.py: derived, or the record's own coding); events without a
PLOVER type count but add nothing, and a combination without any has no mean. `temperature`
is the partner x month table of a relationship's "temperature" over time.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from jdiplo.coding import derive
from jdiplo.reports import Report
from jdiplo.reports.entries import key_order, month_key, period_fields, year_key
from jdiplo.vocabularies import DIMENSIONS

if TYPE_CHECKING:
    from jdiplo.partners import Registry
    from jdiplo.periods import Period
    from jdiplo.stored import EventView

MEASURES = ("count", "intensity")


_VALUES: dict[str, Callable[[EventView], Iterable[str | None]]] = {
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
    """One combination of values (in the order of `by`) and how many events have it; with the
    measure `intensity`, the sum and mean of their intensities (None: no coded event)."""

    keys: list[str | None]
    count: int
    intensity_sum: float | None = None
    intensity_mean: float | None = None


@dataclass(frozen=True)
class Summary(Report):
    report: ClassVar[str] = "summary"

    by: list[str]
    period: str | None
    start: str | None
    end: str | None
    total: int
    rows: list[SummaryRow]
    measure: str = "count"

    def record(self) -> dict[str, Any]:
        """Rows as objects named by dimension, `{"partner": "ROK", "month": "2024-07",
        "count": 6}`, so that `jq` can select on them. With the measure `intensity`, a
        `measure` field and each row's `intensity_sum` and `intensity_mean` (2 decimals)."""
        record: dict[str, Any] = {
            "by": list(self.by),
            "period": self.period,
            "start": self.start,
            "end": self.end,
            "total": self.total,
        }
        if self.measure == "count":
            record["rows"] = [
                {**dict(zip(self.by, row.keys, strict=True)), "count": row.count}
                for row in self.rows
            ]
            return record
        record["measure"] = self.measure
        record["rows"] = [
            {
                **dict(zip(self.by, row.keys, strict=True)),
                "count": row.count,
                "intensity_sum": row.intensity_sum,
                "intensity_mean": rounded(row.intensity_mean),
            }
            for row in self.rows
        ]
        return record

    def values(self, position: int) -> list[str | None]:
        """The distinct keys of dimension `position`, sorted (None last)."""
        return sorted({row.keys[position] for row in self.rows}, key=key_order)

    def cells(self) -> dict[tuple[str | None, ...], int]:
        """Count by combination of keys (missing combinations count 0)."""
        return {tuple(row.keys): row.count for row in self.rows}

    def intensity_cells(self) -> dict[tuple[str | None, ...], SummaryRow]:
        """Row by combination of keys (the measure `intensity`)."""
        return {tuple(row.keys): row for row in self.rows}

    def transposed(self) -> Summary:
        """The same counts with the two dimensions swapped (a cross table turned over)."""
        if len(self.by) != 2:
            raise ValueError("only a summary of two dimensions turns over")
        rows = [dataclasses.replace(row, keys=[row.keys[1], row.keys[0]]) for row in self.rows]
        rows.sort(key=lambda row: [key_order(key) for key in row.keys])
        return dataclasses.replace(self, by=[self.by[1], self.by[0]], rows=rows)


def summarise(
    events: Sequence[EventView],
    by: Sequence[str],
    period: Period | None = None,
    measure: str = "count",
    registry: Registry | None = None,
) -> Summary:
    """Counts of `events` by the dimensions `by` (each in DIMENSIONS; repeats ignored); with
    the measure `intensity` (which needs the `registry` the events' codes belong to), the sum
    and mean of their PLOVER intensities too."""
    dimensions = list(dict.fromkeys(by))
    unknown = [dimension for dimension in dimensions if dimension not in _VALUES]
    if unknown or not dimensions:
        raise ValueError(f"dimensions must be some of {', '.join(DIMENSIONS)}: got {list(by)}")
    if measure not in MEASURES or (measure == "intensity" and registry is None):
        raise ValueError(f"measure must be count, or intensity with a registry: got {measure!r}")
    counter: Counter[tuple[str | None, ...]] = Counter()
    sums: dict[tuple[str | None, ...], float] = {}
    coded: Counter[tuple[str | None, ...]] = Counter()
    for event in events:
        value_lists = [list(dict.fromkeys(_VALUES[dimension](event))) for dimension in dimensions]
        combinations = list(itertools.product(*value_lists))
        counter.update(combinations)
        if measure == "intensity":
            assert registry is not None
            intensity = derive(event, registry).intensity
            for combination in combinations:
                sums[combination] = sums.get(combination, 0.0) + (intensity or 0.0)
                if intensity is not None:
                    coded[combination] += 1
    keys = sorted(counter, key=lambda combination: [key_order(key) for key in combination])
    label, start, end = period_fields(period)
    if measure == "count":
        rows = [SummaryRow(list(combination), counter[combination]) for combination in keys]
    else:
        rows = [
            SummaryRow(
                list(combination),
                counter[combination],
                sums[combination] if coded[combination] else None,
                sums[combination] / coded[combination] if coded[combination] else None,
            )
            for combination in keys
        ]
    return Summary(
        by=dimensions,
        period=label,
        start=start,
        end=end,
        total=len(events),
        rows=rows,
        measure=measure,
    )


def temperature(
    events: Sequence[EventView], registry: Registry, period: Period | None = None
) -> Summary:
    """The "temperature" of each relationship over time: the sum and mean of PLOVER
    intensities by partner and month (for the report's chart)."""
    return summarise(events, ["partner", "month"], period, measure="intensity", registry=registry)


def rounded(value: float | None) -> float | None:
    """A mean as reports give it: 2 decimals."""
    return None if value is None else round(value, 2)
