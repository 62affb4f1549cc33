"""Partial dates: parsing, intervals, and text kept as written."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdiplo.dates import DateError, PartialDate, parse_partial_date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024-07-28", dt.date(2024, 7, 28), dt.date(2024, 7, 28)),
        ("2024-07", dt.date(2024, 7, 1), dt.date(2024, 7, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ],
)
def test_interval_of_each_precision(text: str, first: dt.date, last: dt.date) -> None:
    date = parse_partial_date(text)
    assert (date.first, date.last) == (first, last)
    assert str(date) == text


def test_a_bare_year_from_yaml_is_an_integer() -> None:
    assert parse_partial_date(2025) == PartialDate(2025)
    assert str(parse_partial_date(2025)) == "2025"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-13", "there is no month 13"),
        ("2024-7-1", "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("July 2024", "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("0000", "year 0000 does not exist"),
        ("0000-07", "year 0000 does not exist"),
        ("2024-00", "there is no month 0"),
        ("2024-00-01", "there is no month 0"),
        ("2024-07-00", "July 2024 has 31 days"),
        ("2024-07-32", "July 2024 has 31 days"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("10000", "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("\uff12\uff10\uff12\uff14-07-28", "use YYYY-MM-DD"),  # digits, but not ASCII ones
        ("2024-W01-1", "use YYYY-MM-DD"),  # an ISO week date
    ],
)
def test_invalid_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_partial_date(text)


EXPECTED = "expected a date such as 2024-07-28, 2024-07 or 2024"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, EXPECTED),
        (3.5, EXPECTED),
        (None, EXPECTED),
        ([2024], EXPECTED),
        (dt.datetime(2024, 7, 1, 12, 0), "a date must not carry a time of day"),
    ],
)
def test_other_types_are_refused_with_their_message(value: object, message: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_partial_date(value)
    assert str(raised.value) == message


def test_a_date_a_yaml_parser_made_and_a_number_year_are_read() -> None:
    assert parse_partial_date(dt.date(2024, 7, 28)) == parse_partial_date("2024-07-28")
    assert str(parse_partial_date(dt.date(1, 2, 3))) == "0001-02-03"
    assert str(parse_partial_date(1)) == "0001"
    assert str(parse_partial_date(9999)) == "9999"


def test_coarser_dates_sort_before_the_days_they_contain() -> None:
    dates = [parse_partial_date(text) for text in ("2024-07-01", "2024-07", "2024", "2024-06-30")]
    ordered = sorted(dates, key=lambda date: date.sort_key)
    assert [str(date) for date in ordered] == ["2024", "2024-06-30", "2024-07", "2024-07-01"]


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_real_day_reads_back_as_itself(day: dt.date) -> None:
    for text in (day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]):
        date = parse_partial_date(text)
        assert str(date) == text
        assert date.first <= day <= date.last or text == day.isoformat()


@given(st.text(max_size=12))
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        date = parse_partial_date(text)
    except DateError:
        return
    assert str(date) == text


@pytest.mark.parametrize("value", [0, -1, 10000])
def test_a_year_given_as_a_number_is_within_the_calendar(value: int) -> None:
    with pytest.raises(DateError, match=f"year {value} is out of range"):
        parse_partial_date(value)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("0001", dt.date(1, 1, 1), dt.date(1, 12, 31)),
        ("9999", dt.date(9999, 1, 1), dt.date(9999, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024-12", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("2024-07-28", dt.date(2024, 7, 28), dt.date(2024, 7, 28)),
    ],
)
def test_a_partial_date_covers_whole_days(text: str, first: dt.date, last: dt.date) -> None:
    date = parse_partial_date(text)
    assert (date.first, date.last) == (first, last)
    assert str(date) == text
