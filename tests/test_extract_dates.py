"""extract.dates: time expressions, exactly as precise as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdiplo.dates import PartialDate, parse_partial_date
from jdiplo.extract.dates import Finder, Offset, Reference, offsets, shifted
from jdiplo.extract.rules import load_rules
from jdiplo.partners import builtin_registry

FINDER = Finder(load_rules(None, builtin_registry()))


def found(
    text: str,
    published: str | None = None,
    about: str | None = None,
    current: tuple[int, int] | None = None,
    plan_at: int | None = None,
) -> list[tuple[str, str | None, bool]]:
    reference = Reference(
        parse_partial_date(published) if published else None,
        parse_partial_date(about) if about else None,
    )
    return [
        (time.text, str(time.date) if time.date else None, time.deadline)
        for time in FINDER.find(text, 0, len(text), reference, current, plan_at)
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On July 28, Tokyo hosted", "2024-07", [("July 28", "2024-07-28", False)]),
        ("In July 2024, Japan", None, [("In July 2024", "2024-07", False)]),
        ("In 2014, Japan adopted", None, [("In 2014", "2014", False)]),
        ("Early 2025 saw", None, [("Early 2025", "2025", False)]),
        ("on 12 April, when", "2025-07", [("12 April", "2025-04-12", False)]),
        ("on Nov. 18, the first", "2025-11-20", [("Nov. 18", "2025-11-18", False)]),
        ("July 28-29 in Tokyo", "2024-07", [("July 28-29", "2024-07-28", False)]),
        ("by 2025, a command", None, [("by 2025", "2025", True)]),
        ("At the end of 2024, a new", None, [("the end of 2024", "2024", False)]),
        ("in late May, a German", "2025-07", [("in late May", "2025-05", False)]),
        ("within this year", "2025-09-05", [("this year", "2025", True)]),
        ("in September last year", "2025-03-14", [("in September last year", "2024-09", False)]),
        ("agreed on Thursday to", "2025-10-03", [("on Thursday", "2025-10-02", False)]),
        ("Earlier this month, the", "2025-11-20", [("Earlier this month", "2025-11", False)]),
        ("in New Delhi today.", "2025-09-05", [("today", "2025-09-05", False)]),
        ("next spring", "2025-10-03", [("next spring", "2026", False)]),
    ],
)
def test_time_expressions_as_precise_as_written(
    text: str, published: str | None, expected: list[tuple[str, str | None, bool]]
) -> None:
    assert found(text, published) == expected


def test_a_day_without_its_month_takes_the_month_named_before_it() -> None:
    assert found("Thus, on the 23rd, Kihara", current=(2024, 7)) == [
        ("the 23rd", "2024-07-23", False)
    ]
    assert found("on the 23rd, Kihara", about="2024-07") == [("the 23rd", "2024-07-23", False)]


def test_a_year_that_cannot_be_known_is_not_guessed() -> None:
    assert found("On July 28, Tokyo hosted") == [("July 28", None, False)]
    assert found("on the 23rd, Kihara") == [("the 23rd", None, False)]


def test_words_relative_to_the_day_of_writing_need_it() -> None:
    assert found("agreed on Thursday, today") == []
    assert found("agreed on Thursday", "2025-10") == [("on Thursday", "2025-10", False)]


def test_a_month_after_a_plan_is_the_next_one() -> None:
    text = "They will meet in March"
    assert found(text, "2025-07", plan_at=5) == [("in March", "2026-03", False)]
    assert found(text, "2025-07") == [("in March", "2025-03", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Nippon Skies 2024, at",
        "the 6th generation fighter",
        "since 2009, indicating",
        "for 10 years",
    ],
)
def test_what_is_not_a_date(text: str) -> None:
    assert found(text, "2024-07") == []


def test_offsets_from_the_event_before_or_from_publication() -> None:
    [after] = offsets("The agreement comes a week after Japan held", 0, 44)
    assert (after.days, after.base) == (-7, "narrative")
    assert shifted(PartialDate(2025, 10, 2), after) == PartialDate(2025, 9)
    [ago] = offsets("three days ago", 0, 14)
    assert shifted(PartialDate(2025, 10, 3), ago) == PartialDate(2025, 9, 30)
    week_across_months = Offset(0, 0, "a week earlier", -7, "week", "narrative")
    assert shifted(PartialDate(2025, 10, 9), week_across_months) == PartialDate(2025)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


@given(
    st.integers(1, 28),
    st.sampled_from(MONTHS),
    st.one_of(st.none(), st.integers(1990, 2030)),
    st.booleans(),
)
def test_never_more_precise_than_written(
    day: int, month: str, year: int | None, with_day: bool
) -> None:
    written = f"{month} {day}" if with_day else f"in {month}"
    if year is not None:
        written += f", {year}" if with_day else f" {year}"
    [(_, date, _)] = found(f"They met {written}.", "2025-08-15")
    assert date is not None
    precision = parse_partial_date(date).precision
    assert precision == ("day" if with_day else "month")
    if year is not None:
        assert date.startswith(str(year))
