"""Query: which events a command looks at, and in what order.

A `Query` is built once from the command line (`build_query`) and applied to the events
(`Query.select`). Commands never filter events themselves. Within a repeated option the values
are alternatives (OR); different options must all hold (AND).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jdiplo.problems import UsageError, did_you_mean
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES

if TYPE_CHECKING:  # the rest is imported where used: a listing without a period needs none
    from jdiplo.dates import PartialDate
    from jdiplo.model import Event
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
    sort: str = "date"
    limit: int | None = None
    _needle: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_needle", (self.text or "").casefold())

    def matches(self, event: Event) -> bool:
        # A grouping or organisation code (IP4, NATO) also matches events in that framework.
        if self.partners and not any(
            code in event.partners or code in event.frameworks for code in self.partners
        ):
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.statuses and event.status not in self.statuses:
            return False
        if self.levels and event.level not in self.levels:
            return False
        if self.domains and not any(domain in event.domains for domain in self.domains):
            return False
        if self.frameworks and not any(code in event.frameworks for code in self.frameworks):
            return False
        if self.tags and not any(tag in event.tags for tag in self.tags):
            return False
        first, last = event.first_day, event.last_day
        if not all(period.overlaps(first, last) for period in self.periods):
            return False
        if self.due is not None and (
            event.due is None or not self.due.overlaps(event.due.first, event.due.last)
        ):
            return False
        return not self._needle or self._needle in searchable_text(event)

    def select(self, events: Iterable[Event]) -> list[Event]:
        """The matching events, sorted, at most `limit` of them."""
        chosen = [event for event in events if self.matches(event)]
        if self.sort == "-date":
            chosen.sort(key=lambda event: event.sort_key, reverse=True)
        elif self.sort == "id":
            chosen.sort(key=lambda event: event.id)
        elif self.sort == "partner":
            chosen.sort(key=lambda event: (event.partners[0], event.sort_key))
        else:
            chosen.sort(key=lambda event: event.sort_key)
        return chosen if self.limit is None else chosen[: self.limit]


def searchable_text(event: Event) -> str:
    """What `--text` searches: title, summary, people and place, case-folded."""
    parts = [event.title, event.summary or ""]
    for person in event.people:
        parts += [person.name, person.role or ""]
    if event.place is not None:
        parts.append(event.place.name)
    return "\n".join(parts).casefold()


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
