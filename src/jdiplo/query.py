"""Query: which events a command looks at, and in what order.

A `Query` is built once from the command line (`build_query`) and answered by the index, on
disk or in memory, as the SQL of `Query.sql`: the one definition of what each filter, period,
sort order and limit means. Commands never filter events themselves. Within a repeated option
the values are alternatives (OR); different options must all hold (AND).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo.problems import UsageError, did_you_mean
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES, TEXT_FIELDS

if TYPE_CHECKING:  # the rest is imported where used: a listing without a period needs none
    from jdiplo.dates import PartialDate
    from jdiplo.partners import Registry
    from jdiplo.people import PeopleRegistry
    from jdiplo.periods import Period

SORTS = ("date", "-date", "id", "partner")


class Query(NamedTuple):
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
    people: tuple[str, ...] = ()  # name keys (people.name_key) of every spelling asked for
    plover_events: tuple[str, ...] = ()  # PLOVER event types (coding.derive)
    quads: tuple[int, ...] = ()  # PLOVER quad categories, 1 to 4
    overdue_on: dt.date | None = None  # announced steps wholly due before this day, undelivered
    fulfilling: tuple[str, ...] = ()  # events that fulfil one of these steps (ids): deliveries
    text: str | None = None
    text_fields: tuple[str, ...] = ()  # what --text searches: every field when empty
    text_people: tuple[str, ...] = ()  # the name keys of a person --text names, if it does
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
        if self.plover_events:
            among("e.plover_event", self.plover_events)
        if self.quads:
            conditions.append(f"e.quad_code IN ({','.join('?' * len(self.quads))})")
            parameters.extend(self.quads)
        if self.overdue_on is not None:  # as the reports judge a step (reports.entries)
            conditions.append(
                "e.status = 'announced' AND e.due_last < ?"
                " AND NOT EXISTS (SELECT 1 FROM event_fulfils f WHERE f.code = e.id)"
            )
            parameters.append(self.overdue_on.isoformat())
        if self.levels:
            among("e.level", self.levels)
        for table, values in (
            ("event_domains", self.domains),
            ("event_frameworks", self.frameworks),
            ("event_tags", self.tags),
            ("event_people", self.people),
            ("event_fulfils", self.fulfilling),
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
            fields = self.text_fields or TEXT_FIELDS
            anywhere = " OR ".join(f"instr({field}, ?) > 0" for field in fields)
            found = f"e.number IN (SELECT event FROM event_text WHERE {anywhere})"
            parameters += [needle] * len(fields)
            if self.text_people and (not self.text_fields or "people" in self.text_fields):
                found = f"({found} OR {linked('event_people', self.text_people)})"
            conditions.append(found)
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


class Filters(NamedTuple):
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
    person: Sequence[str] = ()
    text: str | None = None
    text_in: str | None = None  # --in: the fields --text searches, separated by commas
    plover_type: Sequence[str] = ()
    quad: Sequence[str] = ()
    overdue: bool = False


def build_query(
    registry: Registry,
    filters: Filters,
    sort: str = "date",
    limit: int | None = None,
    people: PeopleRegistry | None = None,
    today: dt.date | None = None,
) -> Query:
    """A checked Query; an unknown value raises UsageError naming its option. `people` (the
    people registry) gives the other spellings of a person `--person` or `--text` names;
    `today` is the day `--overdue` judges steps on (default: the clock's)."""

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
        people=_people("--person", filters.person, people),
        plover_events=_plover_events(filters.plover_type),
        quads=_quads(filters.quad),
        overdue_on=(today or dt.date.today()) if filters.overdue else None,
        text=filters.text or None,
        text_fields=_text_fields(filters.text_in),
        text_people=_person_in_text(filters.text, people),
        sort=sort,
        limit=limit,
    )


def _name_keys(name: str, people: PeopleRegistry | None) -> tuple[str, ...]:
    """The keys of every spelling of the person `name` spells (any case and word order): the
    name itself, and what the people registry knows of that person."""
    from jdiplo.people import name_key

    spellings = [name]
    if people is not None and (canonical := people.canonical(name)) is not None:
        spellings += people.names_of(canonical)
    return tuple(dict.fromkeys(name_key(spelling) for spelling in spellings if spelling.strip()))


def _people(option: str, names: Sequence[str], people: PeopleRegistry | None) -> tuple[str, ...]:
    """The keys of every spelling of the people named; a blank name is a usage error (it
    would otherwise select nothing narrower than everything)."""
    if any(not name.strip() for name in names):
        raise UsageError("give a name (any spelling, case or word order)", option)
    return tuple(key for name in names for key in _name_keys(name, people))


def _plover_events(values: Sequence[str]) -> tuple[str, ...]:
    if not values:
        return ()
    from jdiplo.coding import PLOVER_EVENTS

    chosen = tuple(dict.fromkeys(value.strip().upper() for value in values))
    for value in chosen:
        if value not in PLOVER_EVENTS:
            raise UsageError(_unknown("PLOVER event type", value, PLOVER_EVENTS), "--plover-type")
    return chosen


def _quads(values: Sequence[str]) -> tuple[int, ...]:
    """Quad categories by number (1 to 4) or name (`material-cooperation`, any case)."""
    if not values:
        return ()
    from jdiplo.coding import QUADS

    by_name = {name.replace(" ", "-"): number for number, name in QUADS.items()}
    chosen: list[int] = []
    for value in values:
        key = value.strip().casefold().replace(" ", "-")
        number = int(key) if key.isdigit() and int(key) in QUADS else by_name.get(key)
        if number is None:
            choices = ", ".join(f"{n} ({name})" for name, n in by_name.items())
            suggestion = did_you_mean(key, by_name)
            raise UsageError(f"unknown quad {value!r}{suggestion}; choose from {choices}", "--quad")
        chosen.append(number)
    return tuple(dict.fromkeys(chosen))


def _person_in_text(text: str | None, people: PeopleRegistry | None) -> tuple[str, ...]:
    """When `--text` names a person (a name the registry knows, or several words), the keys
    that find them written in any order: `--text "Minoru Kihara"` finds `Kihara Minoru`."""
    if not text or (len(text.split()) < 2 and (people is None or not people.canonical(text))):
        return ()
    return _name_keys(text, people)


def _text_fields(given: str | None) -> tuple[str, ...]:
    if given is None:
        return ()
    fields = tuple(dict.fromkeys(part.strip() for part in given.split(",") if part.strip()))
    for field in fields:
        if field not in TEXT_FIELDS:
            raise UsageError(_unknown("field", field, TEXT_FIELDS), "--in")
    if not fields:
        raise UsageError(f"name at least one field: {', '.join(TEXT_FIELDS)}", "--in")
    return fields


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
