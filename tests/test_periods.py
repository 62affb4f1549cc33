"""Period expressions: one parser for every command; pure arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdiplo.periods import Period, PeriodError, parse_period, previous

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "unit"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("2024-07", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("2024-07-28", D(2024, 7, 28), D(2024, 7, 28), "day"),
        ("2024Q3", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("2024q1", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
        ("2024H2", D(2024, 7, 1), D(2024, 12, 31), "half"),
        ("2024H1", D(2024, 1, 1), D(2024, 6, 30), "half"),
        ("FY2024", D(2024, 4, 1), D(2025, 3, 31), "fiscal-year"),
        ("fy2024", D(2024, 4, 1), D(2025, 3, 31), "fiscal-year"),
        ("2024-01..2024-06", D(2024, 1, 1), D(2024, 6, 30), "range"),
        ("2024Q3..FY2024", D(2024, 7, 1), D(2025, 3, 31), "range"),
        ("2024-07..", D(2024, 7, 1), None, "range"),
        ("..2024", None, D(2024, 12, 31), "range"),
    ],
)
def test_expressions(text: str, start: D | None, end: D | None, unit: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.unit) == (start, end, unit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "there is no month 13"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2024Q5", "quarters are Q1 to Q4"),
        ("2024Q0", "quarters are Q1 to Q4"),
        ("2024H3", "halves are H1 and H2"),
        ("2024H0", "halves are H1 and H2"),
        ("2024-00", "there is no month 0"),
        ("2024-07-00", "July 2024 has 31 days"),
        ("0000", "year 0000 does not exist"),
        ("0000Q1", "year 0000 does not exist"),
        ("FY0000", "year 0000 does not exist"),
        ("FY9999", "year out of range"),
        ("2024-07..2024-00", "there is no month 0"),
        ("2024-07..2024-06", "the range ends before it starts"),
        ("..", "give at least one end"),
        ("2024..2025..2026", "a range has one '..'"),
        ("last month", "examples"),
        ("", "empty period"),
        ("\uff12\uff10\uff12\uff14Q3", "examples"),
    ],
)
def test_invalid_expressions_say_why(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_overlap_is_inclusive_at_both_ends() -> None:
    july = parse_period("2024-07")
    assert july.overlaps(D(2024, 6, 20), D(2024, 7, 1))
    assert july.overlaps(D(2024, 7, 31), D(2024, 8, 5))
    assert not july.overlaps(D(2024, 6, 1), D(2024, 6, 30))
    assert parse_period("2024-07..").overlaps(D(2030, 1, 1), D(2030, 1, 1))


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("2024-07", "2024-06"),
        ("2024-01", "2023-12"),
        ("2024Q1", "2023Q4"),
        ("2024Q3", "2024Q2"),
        ("2024H1", "2023H2"),
        ("2024H2", "2024H1"),
        ("2024", "2023"),
        ("FY2024", "FY2023"),
        ("2024-03-01", "2024-02-29"),
        ("2024-07-10..2024-07-19", "2024-06-30..2024-07-09"),
    ],
)
def test_the_period_before(text: str, before: str) -> None:
    assert previous(parse_period(text)).label == before


def test_an_open_period_has_nothing_before_it() -> None:
    with pytest.raises(PeriodError, match="no period before"):
        previous(parse_period("2024.."))


units = st.one_of(
    st.integers(1000, 9998).map(str),
    st.tuples(st.integers(1000, 9998), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.dates(D(1000, 1, 1), D(9998, 12, 31)).map(D.isoformat),
    st.tuples(st.integers(1000, 9998), st.integers(1, 4)).map(lambda yq: f"{yq[0]}Q{yq[1]}"),
    st.tuples(st.integers(1000, 9998), st.integers(1, 2)).map(lambda yh: f"{yh[0]}H{yh[1]}"),
    st.integers(1000, 9998).map(lambda year: f"FY{year}"),
)


@given(units)
def test_every_unit_is_a_closed_interval_and_has_a_contiguous_predecessor(text: str) -> None:
    period = parse_period(text)
    assert period.start is not None and period.end is not None
    assert period.start <= period.end
    before = previous(period)
    assert before.end is not None and before.end + dt.timedelta(days=1) == period.start
    assert before.unit == period.unit


@given(units, units)
def test_a_range_spans_from_the_first_start_to_the_second_end(left: str, right: str) -> None:
    a, b = parse_period(left), parse_period(right)
    assert a.start is not None and b.end is not None
    try:
        span = parse_period(f"{left}..{right}")
    except PeriodError:
        assert b.end < a.start
        return
    assert (span.start, span.end) == (a.start, b.end)


@given(st.text(max_size=20))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError:
        return
    assert isinstance(period, Period)


def test_a_period_overlaps_the_days_at_its_very_edges() -> None:
    """An event ending on a period's first day, or starting on its last, is in it; a day
    before or after is not; an open end reaches every day."""
    for text in ("2024-07", "2024Q3", "2024H2", "2024", "FY2024", "2024-07-01..2024-07-31"):
        period = parse_period(text)
        assert period.start is not None and period.end is not None
        before, after = period.start - dt.timedelta(days=1), period.end + dt.timedelta(days=1)
        assert period.overlaps(before, period.start)  # ends on the first day
        assert period.overlaps(period.end, after)  # starts on the last day
        assert not period.overlaps(before, before)
        assert not period.overlaps(after, after)
        assert period.contains(period.start) and period.contains(period.end)
    assert parse_period("..2024-07").overlaps(D(1, 1, 1), D(1, 1, 1))
    assert not parse_period("..2024-07").overlaps(D(2024, 8, 1), D(2024, 8, 1))
    assert parse_period("2024-07..").contains(D(9999, 12, 31))
    assert not parse_period("2024-07..").contains(D(2024, 6, 30))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("FY2024", D(2024, 4, 1), D(2025, 3, 31)),
        ("FY9998", D(9998, 4, 1), D(9999, 3, 31)),
        ("2024Q1", D(2024, 1, 1), D(2024, 3, 31)),
        ("2024Q4", D(2024, 10, 1), D(2024, 12, 31)),
        ("2024H1", D(2024, 1, 1), D(2024, 6, 30)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2024-07..", D(2024, 7, 1), None),
        ("..2024-07", None, D(2024, 7, 31)),
    ],
)
def test_the_edges_of_units(text: str, start: D | None, end: D | None) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "2024-07-00"])
def test_a_period_that_is_not_a_real_date_is_called_an_invalid_period(text: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text)
    assert str(raised.value).startswith(f"invalid period {text!r}: ")


def test_the_period_before_a_range_is_a_range_as_long() -> None:
    before = previous(parse_period("2024-07-10..2024-07-19"))
    assert (before.label, before.start, before.end, before.unit) == (
        "2024-06-30..2024-07-09",
        D(2024, 6, 30),
        D(2024, 7, 9),
        "range",
    )
