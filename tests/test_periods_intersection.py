"""periods.intersection: the days common to a query's periods (they combine with AND)."""

from __future__ import annotations

import datetime as dt

from jdiplo.periods import intersection, parse_period


def test_no_period_is_none() -> None:
    assert intersection([]) is None


def test_one_period_is_kept_as_written() -> None:
    month = parse_period("2024-07")
    assert intersection([month]) is month


def test_several_periods_make_an_iso_range() -> None:
    common = intersection([parse_period("2024-07"), parse_period("2024-07-15..")])
    assert common is not None
    assert (common.label, common.start, common.end) == (
        "2024-07-15..2024-07-31",
        dt.date(2024, 7, 15),
        dt.date(2024, 7, 31),
    )


def test_open_ends_stay_open() -> None:
    common = intersection([parse_period("2024.."), parse_period("2023-06..")])
    assert common is not None
    assert (common.label, common.start, common.end) == ("2024-01-01..", dt.date(2024, 1, 1), None)


def test_periods_open_at_the_start_make_a_range_open_at_the_start() -> None:
    common = intersection([parse_period("..2024-06"), parse_period("..2024Q3")])
    assert common is not None
    assert (common.label, common.start, common.end, common.unit) == (
        "..2024-06-30",
        None,
        dt.date(2024, 6, 30),
        "range",
    )
