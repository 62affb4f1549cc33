"""summarise as a pure function: one dimension, cross tables, coarse dates, no level."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reports_data import bundled, diffset, every_event, in_period, make_event
from test_reports_diff import events

from jdiplo.model import Event
from jdiplo.reports.summary import DIMENSIONS, summarise


def rows(by: list[str], chosen: list[Event]) -> list[tuple[object, ...]]:
    return [(*row.keys, row.count) for row in summarise(chosen, by).rows]


def test_one_dimension_counts_an_event_once_per_partner() -> None:
    assert rows(["partner"], in_period(bundled(), "2024-07")) == [
        ("AU", 3), ("DE", 1), ("ES", 1), ("IT", 4), ("NZ", 3), ("ROK", 10), ("UA", 1),
        ("UK", 5), ("UNESCO", 1), ("US", 11),
    ]  # fmt: skip


def test_months_are_as_written_a_year_dated_event_stays_in_its_year() -> None:
    assert rows(["month"], every_event(diffset())) == [
        ("2024", 1), ("2024-05", 1), ("2024-06", 5), ("2024-07", 5), ("2024-08", 1),
    ]  # fmt: skip


def test_cross_table_and_its_json_rows() -> None:
    summary = summarise(every_event(diffset()), ["partner", "year"])
    assert summary.values(0) == ["AU", "DE", "ES", "NZ", "PH", "ROK", "UK", "US"]
    assert summary.cells()[("US", "2024")] == 5
    record = summary.record()
    assert list(record) == ["by", "period", "start", "end", "total", "rows"]
    assert record["rows"][0] == {"partner": "AU", "year": "2024", "count": 3}


def test_events_without_a_level_count_under_none_last() -> None:
    assert rows(["level"], [make_event(), make_event(level="leaders")]) == [
        ("leaders", 1),
        (None, 1),
    ]


def test_unknown_dimensions_are_refused() -> None:
    with pytest.raises(ValueError, match="dimensions must be some of"):
        summarise([], ["colour"])


@settings(max_examples=100, deadline=None)
@given(
    events(), st.sampled_from([d for d in DIMENSIONS if d in ("kind", "level", "month", "year")])
)
def test_single_valued_dimensions_add_up_to_the_total(chosen: list[Event], by: str) -> None:
    summary = summarise(chosen, [by])
    assert sum(row.count for row in summary.rows) == summary.total == len(chosen)
    cross = summarise(chosen, ["partner", by])
    assert sum(row.count for row in cross.rows) == sum(len(event.partners) for event in chosen)
