"""Time expressions in a text, resolved to partial dates exactly as precise as they are written.

"on July 28" is a day, "in July 2024" a month, "by 2025", "at the end of 2024" and "this autumn"
are years (a season or a part of a year spans months, so it is no month). A day or month
written without its year takes the year of `--published`, else of the period the text says it
is about ("In July 2024, ..."); "on the 23rd" takes the month last named before it. Words
relative to the day of writing ("today", "on Tuesday", "last month") need `--published`, and
are never more precise than it. What cannot be resolved keeps `date = None`: the caller reports
it rather than guessing a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from jdiplo.dates import DateError, PartialDate, parse_partial_date
from jdiplo.extract.rules import Rules, phrase_pattern

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_RANGE = r"\s*(?:-|\u2013|\u2014|to|and|until)\s*"


@dataclass(frozen=True, slots=True)
class Reference:
    """What relative and incomplete dates are resolved against."""

    published: PartialDate | None = None
    about: PartialDate | None = None  # the period the text says it is about (month or year)
    statement: PartialDate | None = None  # the day of a joint statement, for its points

    @property
    def anchor(self) -> PartialDate | None:
        """The date that gives a missing year: the publication, else the text's period."""
        return self.published or self.about

    @property
    def now(self) -> PartialDate | None:
        """After this, a time is in the future (a plan's due date)."""
        return self.published or self.about


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: PartialDate | None  # None: the year (or the month) cannot be known
    end_date: PartialDate | None = None
    first: dt.date | None = None  # the days it covers, for "is it in the future?"
    last: dt.date | None = None
    deadline: bool = False  # "by 2025", "until March"
    explicit_year: bool = False
    how: str = ""  # how it was resolved, for the reviewer

    @property
    def month_named(self) -> tuple[int, int] | None:
        date = self.date
        if date is not None and date.month is not None:
            return (date.year, date.month)
        return None


class Finder:
    """Finds and resolves the time expressions of a text with the rules' words."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    @cached_property
    def _month(self) -> str:
        names = sorted(self.rules.months, key=lambda name: (-len(name), name))
        return "(?:" + "|".join(re.escape(name) for name in names) + r")\.?"

    @cached_property
    def _part(self) -> str:
        names = sorted(self.rules.parts, key=lambda name: (-len(name), name))
        return "(?i:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names) + ")"

    @cached_property
    def _patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        month, part = self._month, self._part
        weekdays = "|".join(sorted(self.rules.weekdays, key=len, reverse=True)) or "(?!)"
        seasons = "|".join(sorted(self.rules.seasons, key=len, reverse=True)) or "(?!)"
        forms = {
            "iso": r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
            "month_day": (
                rf"\b(?P<month>{month})\s+(?P<d>{_DAY}){_ORDINAL}?"
                rf"(?:{_RANGE}(?:(?P<month2>{month})\s+)?(?P<d2>{_DAY}){_ORDINAL}?)?"
                rf"(?:,?\s+(?P<y>{_YEAR}))?(?![\d:])"
            ),
            "day_month": (
                rf"(?<![\d.,])\b(?P<d>{_DAY}){_ORDINAL}?(?:{_RANGE}(?P<d2>{_DAY}){_ORDINAL}?)?"
                rf"\s+(?:of\s+)?(?P<month>{month})(?:,?\s+(?P<y>{_YEAR}))?\b"
            ),
            "ordinal": (
                rf"\bthe\s+(?P<d>{_DAY}){_ORDINAL}"
                rf"(?:\s+of\s+(?P<month>{month})(?:,?\s+(?P<y>{_YEAR}))?)?\b(?!\s+[a-z])"
            ),
            "month_year": (
                rf"(?:\b(?P<part>{part})[\s-]*)?\b(?P<month>{month})(?:\s+|\s+of\s+)(?P<y>{_YEAR})\b"
            ),
            "month": (
                rf"(?:\b(?i:in|during|by|until|till|from|since|through|last|this|next|of|"
                rf"early|late|mid|end\s+of|beginning\s+of|start\s+of)[\s-]+)"
                rf"(?:(?P<part>{part})[\s-]*)?(?P<month>{month})"
                rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})|\s+(?P<rel>(?i:last|this|next))\s+year)?"
                rf"(?![\w-])(?!\s+\d)"
            ),
            "year": (
                rf"(?:\b(?i:in|by|until|till|from|during|for|of|around|before|after|within)\s+"
                rf"(?:(?P<part>{part})[\s-]*)?(?:the\s+)?(?:(?:fiscal|FY)\s*(?:year\s+)?)?"
                rf"|\b(?P<part2>{part})[\s-]*)(?P<y>{_YEAR})(?![\d-])"
            ),
            "season": (
                rf"\b(?P<which>(?i:this|next|last|the\s+coming|coming|in\s+the|in|by\s+the|by))?\s*"
                rf"(?:(?P<part>early|late|mid)[\s-]*)?(?P<season>{seasons})"
                rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b"
            ),
            "relative_day": r"\b(?P<word>(?i:today|yesterday|tomorrow|tonight))\b",
            "weekday": (rf"\b(?:(?P<which>(?i:last|next|this|on))\s+)?(?P<weekday>{weekdays})\b"),
            "relative": (
                r"\b(?P<which>(?i:this|last|next|earlier\s+this|later\s+this|the\s+previous|"
                r"the\s+following|the\s+same|the\s+end\s+of\s+the|end\s+of\s+the))\s+"
                r"(?P<unit>week|month|year)\b"
            ),
        }
        return [(name, re.compile(pattern)) for name, pattern in forms.items()]

    @cached_property
    def _deadline(self) -> re.Pattern[str]:
        words = [phrase_pattern(word) for word in self.rules.deadlines] or ["(?!)"]
        return re.compile(rf"(?:{'|'.join(words)})\s+(?:the\s+)?$", re.IGNORECASE)

    def find(
        self,
        text: str,
        start: int,
        end: int,
        reference: Reference,
        current_month: tuple[int, int] | None = None,
        plan_at: int | None = None,
    ) -> list[TimeExpression]:
        """The time expressions between `start` and `end`, resolved. After `plan_at` (where a
        plan is told: "will", "plans to"), a month without its year is the next such month,
        not the last."""
        found: list[tuple[int, int, str, re.Match[str]]] = []
        for name, pattern in self._patterns:
            for match in pattern.finditer(text, start, end):
                if match.end() > match.start() and match.group(0).strip():
                    found.append((match.start(), -(match.end() - match.start()), name, match))
        found.sort(key=lambda item: (item[0], item[1]))
        expressions: list[TimeExpression] = []
        covered = start
        for begin, _, name, match in found:
            if begin < covered:
                continue
            future = plan_at is not None and begin > plan_at
            expression = self._resolve(name, match, reference, current_month, future)
            if expression is None:
                continue
            deadline = bool(self._deadline.search(text, max(start, begin - 30), begin)) or bool(
                re.match(r"(?i)(?:by|until|till)\b", match.group(0))
            )
            if deadline:
                expression = _with(expression, deadline=True)
            expressions.append(expression)
            covered = match.end()
        return expressions

    # Resolution

    def _resolve(
        self,
        name: str,
        match: re.Match[str],
        reference: Reference,
        current_month: tuple[int, int] | None,
        future: bool,
    ) -> TimeExpression | None:
        groups = match.groupdict()
        text = match.group(0).strip()
        span = (match.start(), match.end())
        anchor = reference.anchor
        if name == "iso":
            try:
                date = parse_partial_date(f"{groups['y']}-{groups['m']}-{groups['d']}")
            except DateError:
                return None
            return _expression(span, text, date, explicit_year=True, how="a date written in full")
        if name in ("month_day", "day_month", "ordinal"):
            return self._day(span, text, groups, anchor, current_month, future)
        if name in ("month_year", "month"):
            month = self._month_number(groups["month"])
            if month is None:
                return None
            part = groups.get("part")
            if groups.get("y"):
                year: int | None = int(groups["y"])
                how, explicit = "a month and year", True
            elif groups.get("rel"):
                if reference.published is None:
                    return None
                step = {"last": -1, "next": 1}.get((groups["rel"] or "").lower(), 0)
                year = reference.published.year + step
                how, explicit = f"a month of {groups['rel']} year, from --published", False
            else:
                year, how = _year_of_month(month, anchor, future)
                explicit = False
            if year is None:
                return _unknown(span, text, "a month without a year")
            date = PartialDate(year, month)
            first, last = _month_part(date, part, self.rules)
            return _expression(span, text, date, first, last, explicit_year=explicit, how=how)
        if name == "year":
            year = int(groups["y"])
            part = groups.get("part") or groups.get("part2")
            date = PartialDate(year)
            first, last = _year_part(year, part, self.rules)
            how = f"the year, {' '.join(part.split())} it" if part else "a year"
            return _expression(span, text, date, first, last, explicit_year=True, how=how)
        if name == "season":
            return self._season(span, text, groups, reference)
        return self._relative(name, span, text, groups, reference)

    def _month_number(self, text: str) -> int | None:
        return self.rules.months.get(text.rstrip("."))

    def _day(
        self,
        span: tuple[int, int],
        text: str,
        groups: dict[str, str | None],
        anchor: PartialDate | None,
        current_month: tuple[int, int] | None,
        future: bool,
    ) -> TimeExpression | None:
        day = int(groups["d"] or 0)
        month_text = groups.get("month")
        explicit = bool(groups.get("y"))
        if month_text:
            month = self._month_number(month_text)
            if month is None:
                return None
            if explicit:
                year: int | None = int(groups["y"] or 0)
                how = "a day, month and year"
            else:
                year, how = _year_of_month(month, anchor, future)
                how = f"a day and month, {how}"
        elif current_month is not None:
            year, month = current_month
            how = "a day of the month named before it"
        elif anchor is not None and anchor.month is not None:
            year, month = anchor.year, anchor.month
            how = "a day of the month of the text"
        else:
            return _unknown(span, text, "a day without its month")
        if year is None:
            return _unknown(span, text, "a day without its year")
        try:
            date = parse_partial_date(f"{year:04d}-{month:02d}-{day:02d}")
        except DateError:
            return None
        end_date = None
        if groups.get("d2"):
            month2 = self._month_number(groups["month2"] or "") if groups.get("month2") else month
            try:
                end_date = parse_partial_date(
                    f"{year:04d}-{month2 or month:02d}-{groups['d2']:0>2}"
                )
            except DateError:
                end_date = None
            if end_date is not None and end_date.first < date.first:
                end_date = None
        expression = _expression(span, text, date, explicit_year=explicit, how=how)
        if end_date is not None:
            expression = _with(expression, end_date=end_date, last=end_date.last)
        return expression

    def _season(
        self, span: tuple[int, int], text: str, groups: dict[str, str | None], reference: Reference
    ) -> TimeExpression | None:
        season = groups["season"] or ""
        first_month, last_month = self.rules.seasons[season]
        which = " ".join((groups.get("which") or "").lower().split())
        if not which and not groups.get("y"):
            return None  # "fall", "spring": words too, unless "this", "in" or a year says more
        if groups.get("y"):
            year: int | None = int(groups["y"] or 0)
            how, explicit = "a season of a year: the year", True
        else:
            now = reference.now
            if now is None:
                return _unknown(span, text, "a season without a year")
            year = now.year + (1 if which == "next" else -1 if which == "last" else 0)
            how, explicit = f"{which or 'a'} season: its year".strip(), False
        assert year is not None
        end_year = year + 1 if last_month < first_month else year
        first = dt.date(year, first_month, 1)
        last = dt.date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
        return _expression(
            span, text, PartialDate(year), first, last, explicit_year=explicit, how=how
        )

    def _relative(
        self,
        name: str,
        span: tuple[int, int],
        text: str,
        groups: dict[str, str | None],
        reference: Reference,
    ) -> TimeExpression | None:
        published = reference.published
        if published is None:
            return None  # relative to a day of writing nobody gave: the text's period applies
        if name == "relative_day":
            shift = {"yesterday": -1, "tomorrow": 1}.get((groups["word"] or "").lower(), 0)
            if published.day is None:
                return _expression(span, text, published, how="relative to --published")
            day = published.first + dt.timedelta(days=shift)
            return _expression(span, text, _day_date(day), how="relative to --published")
        if name == "weekday":
            which = (groups.get("which") or "").lower()
            weekday = self.rules.weekdays[groups["weekday"] or ""]
            if published.day is None:
                return _expression(span, text, published, how="a weekday: the month of --published")
            day = published.first
            if which == "next":
                delta = (weekday - day.weekday()) % 7 or 7
                target = day + dt.timedelta(days=delta)
            else:
                delta = (day.weekday() - weekday) % 7
                if which == "last" and delta == 0:
                    delta = 7
                target = day - dt.timedelta(days=delta)
            return _expression(
                span, text, _day_date(target), how="a weekday: the one before --published"
            )
        which = " ".join((groups.get("which") or "").lower().split())
        unit = groups.get("unit") or ""
        step = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(which, 0)
        if unit == "year":
            date = PartialDate(published.year + step)
            return _expression(span, text, date, how=f"{which} year, from --published")
        if unit == "month" and published.month is not None:
            month_index = published.year * 12 + published.month - 1 + step
            date = PartialDate(month_index // 12, month_index % 12 + 1)
            return _expression(span, text, date, how=f"{which} month, from --published")
        if unit == "week" and published.day is not None:
            monday = published.first - dt.timedelta(days=published.first.weekday())
            monday += dt.timedelta(weeks=step)
            sunday = monday + dt.timedelta(days=6)
            if (monday.year, monday.month) == (sunday.year, sunday.month):
                date = PartialDate(monday.year, monday.month)
            elif monday.year == sunday.year:
                date = PartialDate(monday.year)
            else:
                return None
            return _with(
                _expression(span, text, date, how=f"{which} week, from --published"),
                first=monday,
                last=sunday,
            )
        return _expression(
            span, text, _coarse(published, unit), how=f"{which} {unit}, from --published"
        )


def _coarse(date: PartialDate, unit: str) -> PartialDate:
    if unit == "year" or date.month is None:
        return PartialDate(date.year)
    return PartialDate(date.year, date.month)


def _day_date(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _year_of_month(month: int, anchor: PartialDate | None, future: bool) -> tuple[int | None, str]:
    """The year of a month named without one: the anchor's, or the one before (after) it when
    the month is later (earlier) than the anchor's and the clause tells the past (a plan)."""
    if anchor is None:
        return None, ""
    year = anchor.year
    if anchor.month is not None:
        if not future and month > anchor.month:
            return year - 1, "the year before the text's"
        if future and month < anchor.month:
            return year + 1, "the year after the text's"
    return year, "the year of the text"


def _month_part(
    date: PartialDate, part: str | None, rules: Rules
) -> tuple[dt.date | None, dt.date | None]:
    if not part:
        return None, None
    key = " ".join(part.lower().split())
    first_tenth, last_tenth = rules.parts.get(key, rules.parts.get(key.rstrip("-"), (0, 12)))
    days = calendar.monthrange(date.year, date.month or 1)[1]
    first = max(1, round(days * first_tenth / 12) + 1)
    last = min(days, max(first, round(days * last_tenth / 12)))
    return dt.date(date.year, date.month or 1, first), dt.date(date.year, date.month or 1, last)


def _year_part(year: int, part: str | None, rules: Rules) -> tuple[dt.date | None, dt.date | None]:
    if not part:
        return None, None
    key = " ".join(part.lower().split())
    first_month, last_month = rules.parts.get(key, rules.parts.get(key.rstrip("-"), (0, 12)))
    first = dt.date(year, first_month + 1, 1)
    last_month = max(first_month + 1, last_month)
    return first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def _expression(
    span: tuple[int, int],
    text: str,
    date: PartialDate,
    first: dt.date | None = None,
    last: dt.date | None = None,
    explicit_year: bool = False,
    how: str = "",
) -> TimeExpression:
    return TimeExpression(
        span[0],
        span[1],
        text,
        date,
        first=first or date.first,
        last=last or date.last,
        explicit_year=explicit_year,
        how=how,
    )


def _unknown(span: tuple[int, int], text: str, how: str) -> TimeExpression:
    return TimeExpression(span[0], span[1], text, None, how=how)


def _with(expression: TimeExpression, **changes: object) -> TimeExpression:
    from dataclasses import replace

    return replace(expression, **changes)  # type: ignore[arg-type]


def about(
    finder: Finder, text: str, spans: list[tuple[int, int]], reference: Reference
) -> PartialDate | None:
    """The period a text says it is about: the first date written with its year in its opening
    sentences, as a month (or a year when no month is written)."""
    for start, end in spans:
        for expression in finder.find(text, start, end, reference):
            date = expression.date
            if date is None or not expression.explicit_year:
                continue
            return PartialDate(date.year, date.month) if date.month else PartialDate(date.year)
    return None


# Offsets: "a week after", "two days earlier", "three months ago"

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3,
}  # fmt: skip
_OFFSET = re.compile(
    r"(?i)\b(?P<verb>(?:comes?|came|coming)\s+)?(?P<count>\d{1,3}|a\s+few|several|an?|one|two|"
    r"three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+"
    r"(?P<direction>after|before|earlier|later|ago)\b"
)


@dataclass(frozen=True, slots=True)
class Offset:
    """A time told from another: "a week after", "two days earlier", "three months ago"."""

    start: int
    end: int
    text: str
    days: int  # signed: what the clause tells is this many days from its base
    unit: str
    base: str  # "published" (ago), "narrative" (the event before), or "" (cannot be told)


def offsets(text: str, start: int, end: int) -> list[Offset]:
    found = []
    for match in _OFFSET.finditer(text, start, end):
        count_text = " ".join(match.group("count").lower().split())
        count = int(count_text) if count_text.isdigit() else _NUMBERS.get(count_text, 1)
        unit = match.group("unit").lower().rstrip("s")
        days = count * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        direction = match.group("direction").lower()
        if direction == "ago":
            signed, base = -days, "published"
        elif direction == "earlier" or (direction == "after" and match.group("verb")):
            signed, base = -days, "narrative"  # "... comes a week after X held": X is earlier
        elif direction == "later":
            signed, base = days, "narrative"
        else:
            signed, base = 0, ""
        found.append(
            Offset(match.start(), match.end(), " ".join(match.group(0).split()), signed, unit, base)
        )
    return found


def shifted(base: PartialDate, offset: Offset) -> PartialDate | None:
    """`base` moved by `offset`, as precise as the offset allows: days to the day; weeks to the
    month when the week around the day stays in one month; months to the month; years."""
    if base.day is None or not offset.base:
        return None
    day = base.first + dt.timedelta(days=offset.days)
    if offset.unit == "day":
        return PartialDate(day.year, day.month, day.day)
    if offset.unit == "week":
        low, high = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        if (low.year, low.month) == (high.year, high.month):
            return PartialDate(day.year, day.month)
        return PartialDate(day.year) if low.year == high.year else None
    if offset.unit == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year)
