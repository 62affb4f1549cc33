"""Partial dates: a day, a month or a year, as precise as the source is.

A record's `date` may be `2024-07-28`, `2024-07` or `2024` (YAML reads a bare year as an
integer). Each partial date covers an interval of days; filters and reports compare intervals.
The text is kept exactly as written, so output shows `2024-07`, never an invented day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


class DateError(ValueError):
    """A text that is not a valid partial date; the message says why."""


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first(self) -> dt.date:
        """The first day the date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The last day the date covers."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological order; a coarser date sorts before the finer dates it contains."""
        return (self.first, _PRECISION_RANK[self.precision])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


def parse_partial_date(value: object) -> PartialDate:
    """Read `YYYY-MM-DD`, `YYYY-MM`, `YYYY` (text or an integer year) or a `datetime.date`."""
    if isinstance(value, dt.datetime):
        raise DateError("a date must not carry a time of day")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise DateError("expected a date such as 2024-07-28, 2024-07 or 2024")
    if isinstance(value, int):
        if not 1 <= value <= 9999:
            raise DateError(f"year {value} is out of range")
        return PartialDate(value)
    if not isinstance(value, str):
        raise DateError("expected a date such as 2024-07-28, 2024-07 or 2024")
    if len(value) == 10 and value.isascii() and value[4] == value[7] == "-":
        try:  # the common case, checked in C; anything wrong gets its message below
            known = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return PartialDate(known.year, known.month, known.day)
    match = _PATTERN.fullmatch(value)
    if match is None:
        raise DateError(f"invalid date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(match[1])
    if year == 0:
        raise DateError(f"invalid date {value!r}: year 0000 does not exist")
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"invalid date {value!r}: there is no month {month}")
    if month is not None and day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            month_name = calendar.month_name[month]
            raise DateError(f"invalid date {value!r}: {month_name} {year} has {days_in_month} days")
    return PartialDate(year, month, day)


class Dated:
    """The days an event covers and its place in chronological order, from its `date`, `end`
    and `id`: defined once for the models (model.Event) and the events the index stores
    (stored.StoredEvent)."""

    __slots__ = ()

    if TYPE_CHECKING:  # (the fields of the classes that take this in; not fields of its own)
        id: str
        date: PartialDate
        end: PartialDate | None

    @property
    def first_day(self) -> dt.date:
        return self.date.first

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.date).last

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        """Chronological order; a coarser date first (see PartialDate.sort_key), then by id."""
        first, rank = self.date.sort_key
        return (first, rank, self.id)
