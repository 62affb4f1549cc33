"""Period expressions, shared by every command (hledger's habit: one language for periods).

    2024        a year                 2024Q3     a calendar quarter
    2024-07     a month                2024H2     a half year
    2024-07-28  a day                  FY2024     Japan's fiscal year: 2024-04-01 to 2025-03-31
    A..B        from the start of A to the end of B (both included)
    A..  ..B    open ranges

Period arithmetic is pure: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from jdiplo.dates import DateError, parse_partial_date

Unit = Literal["day", "month", "quarter", "half", "year", "fiscal-year", "range"]

_QUARTER = re.compile(r"(\d{4})[Qq]([1-4])", re.ASCII)
_HALF = re.compile(r"(\d{4})[Hh]([12])", re.ASCII)
_FISCAL = re.compile(r"[Ff][Yy](\d{4})", re.ASCII)
_BAD_QUARTER = re.compile(r"(\d{4})[Qq](\d+)", re.ASCII)
_BAD_HALF = re.compile(r"(\d{4})[Hh](\d+)", re.ASCII)

EXAMPLES = "2024, 2024-07, 2024-07-28, 2024Q3, 2024H2, FY2024, 2024-01..2024-06, 2024-07.., ..2024"


class PeriodError(ValueError):
    """A period expression that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Period:
    """An interval of days, inclusive at both ends; None is open-ended."""

    label: str
    start: dt.date | None
    end: dt.date | None
    unit: Unit

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the days first..last share at least one day with this period."""
        if self.start is not None and last < self.start:
            return False
        return not (self.end is not None and first > self.end)

    def contains(self, day: dt.date) -> bool:
        return self.overlaps(day, day)


def parse_period(text: str) -> Period:
    """Read a period expression; raise PeriodError with a clear message."""
    expression = text.strip()
    if not expression:
        raise PeriodError(f"empty period; examples: {EXAMPLES}")
    if ".." in expression:
        return _parse_range(expression)
    return _parse_unit(expression)


def _parse_range(expression: str) -> Period:
    left, separator, right = expression.partition("..")
    if ".." in right:
        raise PeriodError(f"invalid period {expression!r}: a range has one '..'")
    if not left and not right:
        raise PeriodError(f"invalid period {expression!r}: give at least one end of the range")
    start = _parse_unit(left).start if left else None
    end = _parse_unit(right).end if right else None
    if start is not None and end is not None and end < start:
        raise PeriodError(f"invalid period {expression!r}: the range ends before it starts")
    return Period(f"{left}{separator}{right}", start, end, "range")


def _parse_unit(expression: str) -> Period:
    year_of = _QUARTER.fullmatch(expression) or _HALF.fullmatch(expression)
    year_of = year_of or _FISCAL.fullmatch(expression)
    if year_of is not None and int(year_of[1]) == 0:
        raise PeriodError(f"invalid period {expression!r}: year 0000 does not exist")
    if match := _QUARTER.fullmatch(expression):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * (quarter - 1) + 1
        return Period(
            f"{year:04d}Q{quarter}",
            dt.date(year, first_month, 1),
            _month_end(year, first_month + 2),
            "quarter",
        )
    if match := _HALF.fullmatch(expression):
        year, half = int(match[1]), int(match[2])
        first_month = 1 if half == 1 else 7
        return Period(
            f"{year:04d}H{half}",
            dt.date(year, first_month, 1),
            _month_end(year, first_month + 5),
            "half",
        )
    if match := _FISCAL.fullmatch(expression):
        year = int(match[1])
        if year >= 9999:
            raise PeriodError(f"invalid period {expression!r}: year out of range")
        return Period(f"FY{year:04d}", dt.date(year, 4, 1), dt.date(year + 1, 3, 31), "fiscal-year")
    if match := _BAD_QUARTER.fullmatch(expression):
        raise PeriodError(f"invalid period {expression!r}: quarters are Q1 to Q4")
    if match := _BAD_HALF.fullmatch(expression):
        raise PeriodError(f"invalid period {expression!r}: halves are H1 and H2")
    try:
        date = parse_partial_date(expression)
    except DateError as error:
        if "use YYYY-MM-DD" in str(error):
            raise PeriodError(f"invalid period {expression!r}; examples: {EXAMPLES}") from None
        raise PeriodError(str(error).replace("invalid date", "invalid period")) from None
    unit: Unit = date.precision
    return Period(str(date), date.first, date.last, unit)


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def previous(period: Period) -> Period:
    """The period just before: the previous unit of the same kind, or as many days before."""
    if period.start is None or period.end is None:
        raise PeriodError(f"the open period {period.label!r} has no period before it")
    start = period.start
    try:
        if period.unit == "day":
            day = start - dt.timedelta(days=1)
            return Period(day.isoformat(), day, day, "day")
        if period.unit == "month":
            year, month = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
            return _parse_unit(f"{year:04d}-{month:02d}")
        if period.unit == "quarter":
            quarter = (start.month - 1) // 3 + 1
            year, quarter = (start.year, quarter - 1) if quarter > 1 else (start.year - 1, 4)
            return _parse_unit(f"{year:04d}Q{quarter}")
        if period.unit == "half":
            year, half = (start.year, 1) if start.month == 7 else (start.year - 1, 2)
            return _parse_unit(f"{year:04d}H{half}")
        if period.unit == "year":
            return _parse_unit(f"{start.year - 1:04d}")
        if period.unit == "fiscal-year":
            return _parse_unit(f"FY{start.year - 1:04d}")
        length = period.end - period.start + dt.timedelta(days=1)
        end = start - dt.timedelta(days=1)
        begin = start - length
        return Period(f"{begin.isoformat()}..{end.isoformat()}", begin, end, "range")
    except (OverflowError, ValueError, PeriodError):
        raise PeriodError(f"there is no period before {period.label!r}") from None


def intersection(periods: Sequence[Period]) -> Period | None:
    """The days common to every period (the periods of a query combine with AND), or None
    when there is no period at all. One period is returned as it is; several make a range
    labelled with ISO dates, `2024-07-15..2024-07-31`, open where every period is open."""
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    starts = [period.start for period in periods if period.start is not None]
    ends = [period.end for period in periods if period.end is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    label = f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"
    return Period(label, start, end, "range")
