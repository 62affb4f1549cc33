"""Query: which events a command looks at, and in what order.

A `Query` is built once from the command line (`build_query`) and answered by the index, on
disk or in memory, as the SQL of `Query.sql`: the one definition of what each filter, period,
sort order and limit means. Commands never filter events themselves. Within a repeated option
the values are alternatives (OR); different options must all hold (AND).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jdiplo.problems import UsageError, did_you_mean
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES

if TYPE_CHECKING:  # the rest is imported where used: a listing without a period needs none
    from jdiplo.dates import PartialDate
    from jdiplo.partners import Registry
    from jdiplo.periods import Period

SORTS = ("date", "-date", "id", "partner")


@dataclass(frozen=True)
class Query:
    """Filters, period, order and limit. Empty filters match everything."""

    partners: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    due: Period | None = None
    text: str | None = None
    text_fields: tuple[str, ...] = ()  # what --text searches: every field when empty
    sort: str = "date"
    limit: int | None = None

    def sql(
        self, columns: str, longest_span: int | None = None, ordered: bool = True
    ) -> tuple[str, list[Any]]:
        """`SELECT columns FROM events e WHERE <filters> ORDER BY <sort> LIMIT <limit>`: the
        one definition of what a query selects, answered by the index on disk or in memory.

        `longest_span` (the most days any event covers, less one) bounds where events that
        overlap a period can start, so that SQLite reads only those from its index of starts.
        """
        conditions: list[str] = []
        parameters: list[Any] = []

        def linked(table: str, codes: Sequence[str]) -> str:
            parameters.extend(codes)
            marks = ",".join("?" * len(codes))
            return f"e.number IN (SELECT event FROM {table} WHERE code IN ({marks}))"

        def among(column: str, values: Sequence[str]) -> None:
            conditions.append(f"{column} IN ({','.join('?' * len(values))})")
            parameters.extend(values)

        def overlaps(first: str, last: str, period: Period) -> None:
            if period.start is not None:
                conditions.append(f"{last} >= ?")
                parameters.append(period.start.isoformat())
            if period.end is not None:
                conditions.append(f"{first} <= ?")
                parameters.append(period.end.isoformat())

        if self.partners:  # a grouping's code also matches events in that framework
            in_partners = linked("event_partners", self.partners)
            in_frameworks = linked("event_frameworks", self.partners)
            conditions.append(f"({in_partners} OR {in_frameworks})")
        if self.kinds:
            among("e.kind", self.kinds)
        if self.statuses:
            among("e.status", self.statuses)
        if self.levels:
            among("e.level", self.levels)
        for table, values in (
            ("event_domains", self.domains),
            ("event_frameworks", self.frameworks),
            ("event_tags", self.tags),
        ):
            if values:
                conditions.append(linked(table, values))
        for period in self.periods:
            overlaps("e.first_day", "e.last_day", period)
            if period.start is not None and longest_span is not None:
                earliest = _days_before(period.start, longest_span)
                if earliest is not None:
                    conditions.append("e.first_day >= ?")
                    parameters.append(earliest.isoformat())
        if self.due is not None:
            conditions.append("e.due_first IS NOT NULL")
            overlaps("e.due_first", "e.due_last", self.due)
        if self.text:
            needle = " ".join(self.text.split()).casefold()
            fields = ""
            if self.text_fields:
                fields = f" AND field IN ({','.join('?' * len(self.text_fields))})"
            conditions.append(
                f"e.number IN (SELECT event FROM event_text WHERE instr(text, ?) > 0{fields})"
            )
            parameters += [needle, *self.text_fields]
        sql = f"SELECT {columns} FROM events e"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        if ordered:
            sql += " ORDER BY " + _ORDERS[self.sort]
            if self.limit is not None:
                sql += " LIMIT ?"
                parameters.append(self.limit)
        return sql, parameters


_ORDERS = {
    "date": "e.first_day, e.date_rank, e.id",
    "-date": "e.first_day DESC, e.date_rank DESC, e.id DESC",
    "id": "e.id",
    "partner": "e.lead_partner, e.first_day, e.date_rank, e.id",
}


def _days_before(day: dt.date, days: int) -> dt.date | None:
    """The day `days` before `day`; None before the calendar's first day (no bound at all)."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return None


@dataclass
class Filters:
    """Filter options as the command line gives them, before they are checked."""

    partner: Sequence[str] = ()
    kind: Sequence[str] = ()
    domain: Sequence[str] = ()
    status: Sequence[str] = ()
    level: Sequence[str] = ()
    framework: Sequence[str] = ()
    tag: Sequence[str] = ()
    month: str | None = None
    period: str | None = None
    since: str | None = None
    until: str | None = None
    due: str | None = None
    text: str | None = None


def build_query(
    registry: Registry,
    filters: Filters,
    sort: str = "date",
    limit: int | None = None,
) -> Query:
    """A checked Query; an unknown value raises UsageError naming its option."""

    periods: list[Period] = []
    if filters.month is not None:
        month = _period("--month", filters.month)
        if month.unit != "month":
            raise UsageError(f"{filters.month!r} is not a month: use YYYY-MM", "--month")
        periods.append(month)
    if filters.period is not None:
        periods.append(_period("--period", filters.period))
    if filters.since is not None:
        from jdiplo.periods import Period

        since = _date("--since", filters.since)
        periods.append(Period(f"{since}..", since.first, None, "range"))
    if filters.until is not None:
        from jdiplo.periods import Period

        until = _date("--until", filters.until)
        periods.append(Period(f"..{until}", None, until.last, "range"))
    if sort not in SORTS:
        raise UsageError(_unknown("sort order", sort, SORTS), "--sort")
    if limit is not None and limit < 0:
        raise UsageError("the limit must not be negative", "--limit")
    return Query(
        partners=_codes("--partner", filters.partner, registry.resolve_partner),
        kinds=_choices("--kind", "kind", filters.kind, KINDS),
        domains=_choices("--domain", "domain", filters.domain, DOMAINS),
        statuses=_choices("--status", "status", filters.status, STATUSES),
        levels=_choices("--level", "level", filters.level, LEVELS),
        frameworks=_codes("--framework", filters.framework, registry.resolve_framework),
        tags=tuple(filters.tag),
        periods=tuple(periods),
        due=_period("--due", filters.due) if filters.due is not None else None,
        text=filters.text or None,
        sort=sort,
        limit=limit,
    )


def _unknown(what: str, value: str, choices: Sequence[str]) -> str:
    suggestion = did_you_mean(value, choices)
    return f"unknown {what} {value!r}{suggestion}; choose from {', '.join(choices)}"


def _choices(
    option: str, what: str, values: Sequence[str], choices: Sequence[str]
) -> tuple[str, ...]:
    for value in values:
        if value not in choices:
            raise UsageError(_unknown(what, value, choices), option)
    return tuple(dict.fromkeys(values))


def _codes(option: str, values: Sequence[str], resolve: Callable[[str], str]) -> tuple[str, ...]:
    from jdiplo.partners import UnknownCode

    try:
        return tuple(dict.fromkeys(resolve(value) for value in values))
    except UnknownCode as error:
        raise UsageError(str(error), option) from None


def _period(option: str, text: str) -> Period:
    from jdiplo.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as error:
        raise UsageError(str(error), option) from None


def _date(option: str, text: str) -> PartialDate:
    from jdiplo.dates import DateError, parse_partial_date

    try:
        return parse_partial_date(text)
    except DateError as error:
        raise UsageError(str(error), option) from None
