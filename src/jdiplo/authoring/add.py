"""`jdiplo add`: new events, checked against the whole record set, inserted in date order.

1. The new events arrive as YAML text: the canonical text of the command-line options, or the
   text of `--from` (a record file, a list of events, one event; JSON included). Either way
   they are read the way `validate` reads record files, so they pass the same checks, located
   in their input.
2. Under the records lock: the record set is read (it must be valid), ids are given to events
   without one, and the checks across the set (duplicate and related ids, quotes in their
   source files) run on the set *with* the new events.
3. Each event goes to `YYYY/YYYY-MM.yaml` (`YYYY/YYYY.yaml` for a date known only to the
   year) under the records directory. Its canonical text is inserted between the events it
   falls between by date, after the earlier event's trailing comments, with the file's own
   indentation and blank lines; nothing else in the file changes. The new text must read back
   as the old events plus the new ones, or nothing is written.
4. All files are written atomically (see files.py), still under the lock.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdiplo.authoring.document import LayoutError, analyse, read_back, require_same
from jdiplo.authoring.files import (
    check_size,
    make_folders,
    read_text,
    record_target,
    records_lock,
    write_files,
)
from jdiplo.authoring.schema import SCHEMA_FILE
from jdiplo.authoring.style import Line, event_lines, written_data
from jdiplo.problems import Problem, RecordsInvalid, UsageError, did_you_mean, paths_shown_from
from jdiplo.vocabularies import ID_PATTERN

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from jdiplo.load import Loaded
    from jdiplo.model import Event, Origin
    from jdiplo.partners import Registry

OPTIONS = "<options>"
_TAG = "tag:yaml.org,2002:"
_SMALL_WORDS = """
    a an the of and in on at to for with by from as into
    its their his her be is are was were will
"""
_STOP_WORDS = frozenset(_SMALL_WORDS.split())
_ID_WORDS_LENGTH = 40


# Where new events come from


@dataclass
class Fields:
    """The field options of `jdiplo add`, as typed (partners by code or name)."""

    id: str | None = None
    date: str | None = None
    end: str | None = None
    status: str | None = None
    due: str | None = None
    title: str | None = None
    kind: str | None = None
    partners: list[str] = field(default_factory=list)
    frameworks: list[str] = field(default_factory=list)
    level: str | None = None
    domains: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    place: str | None = None
    summary: str | None = None
    firsts: list[str] = field(default_factory=list)
    amount: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    source_file: str | None = None
    source_publisher: str | None = None
    source_author: str | None = None
    source_date: str | None = None
    quote: str | None = None
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    fulfils: list[str] = field(default_factory=list)

    def given(self) -> bool:
        return any(value not in (None, []) for value in vars(self).values())

    def missing(self) -> list[str]:
        """The options a complete event still needs, as option names."""
        missing = [
            option
            for option, value in (
                ("--date", self.date),
                ("--title", self.title),
                ("--kind", self.kind),
                ("--partner", self.partners),
            )
            if not value
        ]
        if not self.source_url and not self.source_file:
            missing.append("--source-url or --source-file")
        if not self.quote:
            missing.append("--quote")
        return missing


OPTION_OF_FIELD = {
    "id": "--id",
    "date": "--date",
    "end": "--end",
    "status": "--status",
    "due": "--due",
    "title": "--title",
    "kind": "--kind",
    "partners": "--partner",
    "frameworks": "--framework",
    "level": "--level",
    "domains": "--domain",
    "people": "--person",
    "place": "--place",
    "summary": "--summary",
    "firsts": "--first",
    "amount": "--amount",
    "tags": "--tag",
    "related": "--related",
    "fulfils": "--fulfils",
}
OPTION_OF_SOURCE_FIELD = {
    "title": "--source-title",
    "url": "--source-url",
    "file": "--source-file",
    "publisher": "--source-publisher",
    "author": "--source-author",
    "date": "--source-date",
    "quote": "--quote",
}


def option_of(path: Sequence[str | int]) -> str:
    """The option that gave the value at `path` of an event."""
    if not path:
        return "--id"
    if path[0] == "sources":
        if len(path) >= 3 and isinstance(path[2], str):
            return OPTION_OF_SOURCE_FIELD.get(path[2], "--source-url")
        return "--source-url or --source-file"
    return OPTION_OF_FIELD.get(str(path[0]), f"--{path[0]}")


class FieldProblems(UsageError):
    """Problems of the values given by options (or answers): (option, message) pairs. Printed
    as one line, `--kind: unknown kind 'phone call'; choose from meeting, summit, ...`; on a
    terminal, `jdiplo add` asks again for each option named."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = list(problems)
        options = list(dict.fromkeys(option for option, _ in self.problems))
        super().__init__(
            "; ".join(f"{option}: {message}" for option, message in self.problems),
            options[0] if len(options) == 1 else None,
        )

    @classmethod
    def of(cls, error: UsageError, registry: Registry) -> FieldProblems:
        """A UsageError naming an option, as FieldProblems (with the choices of the option)."""
        if isinstance(error, FieldProblems):
            return error
        option = error.option or "--id"
        return cls([(option, with_choices(option, str(error), registry))])


def choices(option: str, registry: Registry) -> list[str]:
    """The values an option takes, when it has a vocabulary (empty otherwise)."""
    from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES

    vocabularies: dict[str, Sequence[str]] = {
        "--kind": KINDS,
        "--level": LEVELS,
        "--domain": DOMAINS,
        "--status": STATUSES,
        "--partner": registry.partner_codes(),
        "--framework": registry.framework_codes(),
    }
    return list(vocabularies.get(option, ()))


def with_choices(option: str, message: str, registry: Registry) -> str:
    """`message` about an unknown value, followed by the values the option takes."""
    values = choices(option, registry)
    if not values or not message.startswith("unknown "):
        return message
    return f"{message}; choose from {', '.join(values)}"


def event_data(fields: Fields, registry: Registry) -> dict[str, Any]:
    """The event the options describe, as plain data in field order (not yet checked).

    Partners and frameworks are resolved to codes here (a name or alias is accepted); an
    unknown one is a FieldProblems naming the option, with a did-you-mean and the choices.
    """
    try:
        return _event_data(fields, registry)
    except UsageError as error:
        raise FieldProblems.of(error, registry) from None


def _event_data(fields: Fields, registry: Registry) -> dict[str, Any]:
    from jdiplo.partners import UnknownCode

    def resolved(values: list[str], resolve: Any, option: str) -> list[str]:
        codes = []
        for value in values:
            try:
                codes.append(resolve(value))
            except UnknownCode as error:
                raise UsageError(str(error), option) from None
        return codes

    data: dict[str, Any] = {}
    scalars = [("id", fields.id), ("date", fields.date), ("end", fields.end)]
    scalars += [("status", fields.status), ("due", fields.due), ("title", fields.title)]
    scalars += [("kind", fields.kind)]
    data.update((name, value) for name, value in scalars if value is not None)
    data["partners"] = resolved(fields.partners, registry.resolve_partner, "--partner")
    if fields.frameworks:
        data["frameworks"] = resolved(fields.frameworks, registry.resolve_framework, "--framework")
    if fields.level is not None:
        data["level"] = fields.level
    if fields.domains:
        data["domains"] = list(fields.domains)
    if fields.people:
        data["people"] = [person(text, registry) for text in fields.people]
    if fields.place is not None:
        data["place"] = place(fields.place, registry)
    if fields.summary is not None:
        data["summary"] = fields.summary
    if fields.firsts:
        data["firsts"] = list(fields.firsts)
    if fields.amount is not None:
        data["amount"] = amount(fields.amount)
    source = {
        name: value
        for name, value in (
            ("title", fields.source_title),
            ("url", fields.source_url),
            ("file", fields.source_file),
            ("publisher", fields.source_publisher),
            ("author", fields.source_author),
            ("date", fields.source_date),
            ("quote", fields.quote),
        )
        if value is not None
    }
    data["sources"] = [source] if source else []
    if fields.tags:
        data["tags"] = list(fields.tags)
    if fields.related:
        data["related"] = list(fields.related)
    if fields.fulfils:
        data["fulfils"] = list(fields.fulfils)
    return data


def _parts(text: str, count: int, option: str, form: str) -> list[str]:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) > count or not parts[0]:
        raise UsageError(f"expected {form}, not {text!r}", option)
    return parts + [""] * (count - len(parts))


def country_code(text: str, registry: Registry, option: str) -> str:
    """A country code from a code, name or alias (`JP`, `Japan`, `South Korea`)."""
    code = text.strip() if text.strip() in registry.partners else registry.clash(text.strip())
    message = registry.check_country_code(code) if code else None
    if code is None or message is not None:
        choices = {name: code for code, name in registry.names()} | {
            code: code for code in registry.country_codes()
        }
        raise UsageError(
            message or f"unknown country {text!r}{did_you_mean(text, choices)}", option
        )
    return code


def person(text: str, registry: Registry) -> dict[str, str]:
    name, role, country = _parts(text, 3, "--person", "'Name|Role|Country'")
    data = {"name": name}
    if role:
        data["role"] = role
    if country:
        data["country"] = country_code(country, registry, "--person")
    return data


def place(text: str, registry: Registry) -> dict[str, str]:
    name, country = _parts(text, 2, "--place", "'Name|Country'")
    data = {"name": name}
    if country:
        data["country"] = country_code(country, registry, "--place")
    return data


def amount(text: str) -> dict[str, Any]:
    value, currency, usd = _parts(text, 3, "--amount", "'VALUE|CURRENCY' or 'VALUE|CURRENCY|USD'")
    data: dict[str, Any] = {"value": _number(value, text), "currency": currency}
    if usd:
        data["usd"] = _number(usd, text)
    return data


def _number(text: str, whole: str) -> int | float:
    cleaned = text.replace(",", "").replace("_", "").strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned)
    except ValueError:
        raise UsageError(f"{text!r} is not a number (in {whole!r})", "--amount") from None


# Ids


def default_id(date: str, title: str, taken: set[str]) -> str:
    """`2024-07-28-japan-us-2plus2-meeting-foreign-defence`: the date and the first words of
    the title (ASCII, without small words, `+` spelled `plus`), made unique with `-2`, `-3`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("+", "plus"))
    words = [word for word in words if word not in _STOP_WORDS] or words
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if slug and len(longer) > _ID_WORDS_LENGTH:
            break
        slug = longer
    base = f"{date}-{slug}" if slug else date
    if not re.fullmatch(ID_PATTERN, base):
        base = "event"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


# Reading the new events


@dataclass
class Input:
    """New events as YAML text: `name` is what problems are located under."""

    name: str
    text: str
    lines: list[Line] | None = None  # for the options: which line holds which field


def options_input(data: dict[str, Any], loaded: Loaded) -> Input:
    """The options' event as the YAML text `add` would write, with an id (a unique default
    when `--id` is not given)."""
    if "id" not in data:
        taken = {event.id for event in loaded.events} | loaded.invalid_ids
        date = _written_date(data.get("date"))
        title = data.get("title")
        data = {"id": default_id(date, title if isinstance(title, str) else "", taken), **data}
    lines = event_lines(data, column=0)
    return Input(OPTIONS, "\n".join(line.text for line in lines) + "\n", lines)


def _written_date(value: object) -> str:
    """A date as written in ids (`2024-07-28`), or "" when it is not a date."""
    from jdiplo.dates import DateError, parse_partial_date

    try:
        return str(parse_partial_date(value)) if value is not None else ""
    except DateError:
        return ""


def _entries(source: Input) -> list[Node]:
    """The event nodes of the input: a record file, a list of events, or one event."""
    from jdiplo.load import compose

    root, problems = compose(source.text, source.name)
    if root is None:
        raise RecordsInvalid(problems)
    if root.tag == _TAG + "seq":
        return list(root.value)
    if root.tag == _TAG + "map":
        keys = [key.value for key, _ in root.value]
        if keys == ["events"] and root.value[0][1].tag == _TAG + "seq":
            return list(root.value[0][1].value)
        if "events" not in keys:
            return [root]
    message = "expected events: a list of events, a mapping with the key 'events', or one event"
    line, column = root.start_mark.line + 1, root.start_mark.column + 1
    raise RecordsInvalid([Problem(source.name, line, column, message)])


def _scalar(item: Node, key: str) -> str | None:
    if item.tag != _TAG + "map":
        return None
    for key_node, value_node in item.value:
        if key_node.value == key and not isinstance(value_node.value, list):
            return str(value_node.value)
    return None


def _give_ids(entries: list[Node], taken: set[str]) -> None:
    """Add an `id` to each event node that has none (a slug of its date and title)."""
    from ruamel.yaml.nodes import ScalarNode

    from jdiplo.dates import DateError, parse_partial_date

    for item in entries:
        if item.tag != _TAG + "map" or _scalar(item, "id") is not None:
            continue
        if any(key.value == "id" for key, _ in item.value):
            continue  # an id that is not text: validation says so
        date, title = _scalar(item, "date"), _scalar(item, "title") or ""
        try:
            written_date = str(parse_partial_date(date)) if date else ""
        except DateError:
            written_date = ""
        event_id = default_id(written_date, title, taken)
        taken.add(event_id)
        mark = item.start_mark
        item.value.insert(
            0,
            (
                ScalarNode(_TAG + "str", "id", mark, mark),
                ScalarNode(_TAG + "str", event_id, mark, mark),
            ),
        )


def _resolve_codes(entries: list[Node], registry: Registry) -> None:
    """Partners, frameworks and countries given by name or alias become codes, in place.

    Anything unknown is left as it is, for validation to report with a did-you-mean.
    """
    from jdiplo.partners import UnknownCode

    def resolve(node: Node, resolver: Callable[[str], str]) -> None:
        if node.tag != _TAG + "str":
            return
        with contextlib.suppress(UnknownCode, UsageError):
            node.value = resolver(node.value)

    def country(text: str) -> str:
        return country_code(text, registry, "")

    def pairs(node: Node) -> list[tuple[Node, Node]]:
        return list(node.value) if node.tag == _TAG + "map" else []

    def items(node: Node) -> list[Node]:
        return list(node.value) if node.tag == _TAG + "seq" else []

    codes = {"partners": registry.resolve_partner, "frameworks": registry.resolve_framework}
    for event in entries:
        for key_node, value_node in pairs(event):
            key = key_node.value
            if key in codes:
                for node in items(value_node):
                    resolve(node, codes[key])
            elif key in ("people", "place"):
                holders = items(value_node) if key == "people" else [value_node]
                for holder in holders:
                    for inner_key, inner_value in pairs(holder):
                        if inner_key.value == "country":
                            resolve(inner_value, country)


# Planning and writing


@dataclass
class Added:
    """One new event and where it goes: its file (relative) and line there."""

    event: Event
    relative: str
    line: int = 0
    text: str = ""


@dataclass
class Plan:
    added: list[Added]
    writes: list[tuple[Path, bytes]]


def add_events(
    records_dir: Path,
    make_input: Callable[[Loaded], Input],
    dry_run: bool = False,
    allow_duplicate: bool = False,
) -> Plan:
    """Check and write new events; `make_input(loaded)` gives the `Input` under the lock (the
    options need the record set to pick a unique id). A likely duplicate of an event already
    recorded is refused unless `allow_duplicate` (see `likely_duplicates`)."""
    from jdiplo.store import read

    with records_lock(records_dir):
        loaded, problems = read(records_dir)
        if problems:
            raise RecordsInvalid(problems, base=records_dir)
        source = make_input(loaded)
        plan = plan_events(loaded, source, allow_duplicate)
        if not dry_run:
            for path, _ in plan.writes:
                make_folders(path)
            write_files(plan.writes)
    return plan


def plan_events(loaded: Loaded, source: Input, allow_duplicate: bool = False) -> Plan:
    """The new events of `source`, checked against `loaded`, and the files to write."""
    return place_events(loaded, check_events(loaded, source, allow_duplicate))


def check_events(loaded: Loaded, source: Input, allow_duplicate: bool = False) -> list[Event]:
    """The new events of `source`, checked as `validate` checks record files and against the
    whole record set `loaded` (likely duplicates refused unless `allow_duplicate`);
    RecordsInvalid (or, for the options, FieldProblems or LikelyDuplicate) otherwise."""
    from jdiplo.load import Locator, position_of, read_events
    from jdiplo.validate import check

    entries = _entries(source)
    taken = {event.id for event in loaded.events} | loaded.invalid_ids
    _give_ids(entries, taken)
    _resolve_codes(entries, loaded.registry)
    events, problems, _, _ = read_events(entries, source.name, loaded.registry)
    if not problems:
        files = Locator(loaded.records_dir)

        def locate(origin: Origin, loc: tuple[str | int, ...]) -> tuple[int, int]:
            if origin.path == source.name:
                return position_of(entries[origin.index], loc)
            return files(origin, loc)

        combined = _with_events(loaded, events)
        problems = check(combined, locate)
    # The places these problems name in the records (`first at ...`) are shown as a user in
    # the current folder would type them, like every path jdiplo prints; the input's own
    # name is already so.
    in_records = paths_shown_from(loaded.records_dir)

    def shown(path: str) -> str:
        return path if path == source.name else in_records(path)

    if problems:
        _raise(source, [_shown_see(problem, shown) for problem in problems], loaded.registry)
    if not allow_duplicate:
        _refuse_duplicates(source, entries, likely_duplicates(loaded.events, events), shown)
    return events


def _shown_see(problem: Problem, shown: Callable[[str], str]) -> Problem:
    if problem.see is None:
        return problem
    words, path, line = problem.see
    return problem._replace(see=(words, shown(path), line))


def _with_events(loaded: Loaded, events: list[Event]) -> Loaded:
    from dataclasses import replace

    from jdiplo.load import evidence_of

    evidence = [*loaded.evidence, *map(evidence_of, events)]
    return replace(loaded, events=[*loaded.events, *events], problems=[], evidence=evidence)


def _raise(source: Input, problems: list[Problem], registry: Registry) -> None:
    if source.lines is None:
        raise RecordsInvalid(problems)
    found = []
    for problem in sorted(problems):
        option = option_of(_path_at(source.lines, problem.line - 1))
        found.append((option, with_choices(option, problem.text(), registry)))
    raise FieldProblems(found)


# Likely duplicates

_SIMILAR_TITLES = 0.8  # difflib's ratio of two titles, case aside


@dataclass(frozen=True)
class Duplicate:
    """A new event that looks like one already recorded (or one before it in the input)."""

    event: Event
    existing: Event
    why: str

    def __str__(self) -> str:
        return self.text()

    def text(self, path: Callable[[str], str] = str) -> str:
        """The message, with the recorded event's place shown by `path`."""
        return f"{self.likeness(path)}; give --allow-duplicate to add it anyway"

    def likeness(self, path: Callable[[str], str] = str) -> str:
        """`likely a duplicate of ID (PATH:LINE): why`."""
        where = ""
        origin = self.existing.origin
        if origin is not None and origin.path != OPTIONS:
            where = f" ({path(origin.path)}:{origin.line})"
        return f"likely a duplicate of {self.existing.id}{where}: {self.why}"


class LikelyDuplicate(UsageError):
    """The event of the options looks like one already recorded (exit 2 in a script; a
    terminal asks whether to add it anyway)."""

    def __init__(self, duplicates: Sequence[Duplicate], path: Callable[[str], str] = str) -> None:
        self.duplicates = list(duplicates)
        message = "; ".join(duplicate.text(path) for duplicate in self.duplicates)
        super().__init__(message, "--allow-duplicate")


def likely_duplicates(existing: Sequence[Event], new: Sequence[Event]) -> list[Duplicate]:
    """Each new event that looks like an event recorded before it: the same date and
    partners and a similar title, or the same quote of the same source."""
    from difflib import SequenceMatcher

    from jdiplo.quotes import normalise_quote

    by_day: dict[tuple[str, frozenset[str]], list[Event]] = {}
    by_quote: dict[tuple[str | None, str], Event] = {}

    def remember(event: Event) -> None:
        by_day.setdefault((str(event.date), frozenset(event.partners)), []).append(event)
        for source in event.sources:
            by_quote.setdefault((source.file or source.url, normalise_quote(source.quote)), event)

    for event in existing:
        remember(event)
    found: list[Duplicate] = []
    for event in new:
        title = event.title.casefold()
        for other in by_day.get((str(event.date), frozenset(event.partners)), []):
            similarity = SequenceMatcher(None, title, other.title.casefold()).ratio()
            if similarity >= _SIMILAR_TITLES:
                found.append(Duplicate(event, other, "the same date and partners, a similar title"))
                break
        else:
            for source in event.sources:
                key = (source.file or source.url, normalise_quote(source.quote))
                if (other_event := by_quote.get(key)) is not None:
                    found.append(Duplicate(event, other_event, "the same quote of the same source"))
                    break
        remember(event)
    return found


def _refuse_duplicates(
    source: Input, entries: list[Node], duplicates: list[Duplicate], shown: Callable[[str], str]
) -> None:
    if not duplicates:
        return
    if source.lines is not None:
        raise LikelyDuplicate(duplicates, shown)
    from jdiplo.load import position_of

    problems = []
    for duplicate in duplicates:
        assert duplicate.event.origin is not None
        line, column = position_of(entries[duplicate.event.origin.index], ("id",))
        problems.append(Problem(source.name, line, column, duplicate.text(shown)))
    raise RecordsInvalid(problems)


def _path_at(lines: list[Line], number: int) -> tuple[str | int, ...]:
    for line in reversed(lines[: number + 1]):
        if line.path is not None:
            return line.path
    return ()


def target_file(event: Event) -> str:
    """`2024/2024-07.yaml` for an event of July 2024, `2024/2024.yaml` for one of 2024."""
    year = f"{event.date.year:04d}"
    if event.date.month is None:
        return f"{year}/{year}.yaml"
    return f"{year}/{year}-{event.date.month:02d}.yaml"


def place_events(loaded: Loaded, events: list[Event]) -> Plan:
    """Where checked events go, and the new content of each file they go into."""
    by_file: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda event: event.sort_key):
        by_file.setdefault(target_file(event), []).append(event)
    existing: dict[str, list[Event]] = {}
    for event in loaded.events:
        assert event.origin is not None
        existing.setdefault(event.origin.path, []).append(event)
    added: list[Added] = []
    writes: list[tuple[Path, bytes]] = []
    for relative, new_events in by_file.items():
        path = record_target(loaded.records_dir, relative)
        old = sorted(existing.get(relative, []), key=lambda e: e.origin.index if e.origin else 0)
        content, file_added = _insert_all(path, relative, old, new_events, loaded)
        check_size(relative, content)
        added.extend(file_added)
        writes.append((path, content))
    order = {id(event): number for number, event in enumerate(events)}
    added.sort(key=lambda item: order[id(item.event)])
    return Plan(added, writes)


def _insert_all(
    path: Path, relative: str, old: list[Event], new: list[Event], loaded: Loaded
) -> tuple[bytes, list[Added]]:
    from jdiplo.authoring.files import TextFile

    if path.exists():
        stored = read_text(path)
        text = stored.text
    else:
        stored = TextFile("")
        text = ""
    current = list(old)
    added: list[Added] = []
    pending = list(new)  # in date order
    if pending and not (old and text):
        # The first event of a new or empty file lays it out; the others follow it.
        event = pending.pop(0)
        position = _position(current, event)
        if not text:
            text, inserted = _new_file(path, loaded.records_dir, event)
        else:
            text, inserted = _insert(text, _composed(text, relative), relative, position, event)
        current.insert(position, event)
        added.append(Added(event, relative, text=inserted))
    if pending:
        # The others in one pass over the file, however many: read once, insert from the end.
        document = analyse(text, _composed(text, relative), relative)
        gaps: dict[int, list[Event]] = {}
        for event in pending:
            gaps.setdefault(_position(current, event), []).append(event)
        text, blocks = _insert_many(document, relative, gaps)
        for event in pending:
            current.insert(_position(current, event), event)
            added.append(Added(event, relative, text=blocks[event.id]))
    after = read_back(text, relative, loaded.registry)
    require_same([event.record() for event in current], after, relative)
    lines = {event.id: event.origin.line for event in after if event.origin}
    for item in added:
        item.line = lines[item.event.id]
    return stored.encoded(text), added


def _position(events: list[Event], event: Event) -> int:
    """Where `event` goes among `events` (in file order): before the first that sorts after it.
    New events come in date order, so a new one never goes before one added before it."""
    return next(
        (number for number, other in enumerate(events) if other.sort_key > event.sort_key),
        len(events),
    )


def _composed(text: str, relative: str) -> Node:
    from jdiplo.load import compose

    root, problems = compose(text, relative)
    if root is None or problems:
        raise LayoutError(relative, 1, "cannot read the file again to add to it")
    return root


def _insert_many(
    document: Any, relative: str, gaps: dict[int, list[Event]]
) -> tuple[str, dict[str, str]]:
    """The text with each gap's events inserted (gap N: before the file's N-th event, after
    the one before it and its trailing comments), exactly as inserting them one at a time
    would; and each event's inserted lines."""
    items = document.items
    if document.events_flow or not items:
        raise LayoutError(
            relative,
            document.events_line + 1,
            "its events are written in flow style ([...]); run `jdiplo fmt` on it first",
        )
    lines = list(document.lines)
    column = items[0].dash_column
    blank = [""] * _separator(document)
    blocks: dict[str, str] = {}
    for position in sorted(gaps, reverse=True):  # from the end: earlier line numbers hold
        inserted: list[str] = []
        for event in gaps[position]:
            block = [line.text for line in event_lines(written_data(event), column=column)]
            blocks[event.id] = "\n".join(block) + "\n"
            inserted += block + blank if position == 0 else blank + block
        if position >= len(items):
            at = items[-1].trailing_end + 1
        elif position == 0:
            at = items[0].leading_start
        else:
            at = items[position - 1].trailing_end + 1
        lines[at:at] = inserted
    if lines[-1] != "":  # the file had no newline at its end
        lines.append("")
    return "\n".join(lines), blocks


def _new_file(path: Path, records_dir: Path, event: Event) -> tuple[str, str]:
    lines = "\n".join(line.text for line in event_lines(written_data(event), column=2))
    header = ""
    schema = records_dir.parent / SCHEMA_FILE
    if schema.is_file():
        relative = Path(os.path.relpath(schema, path.parent)).as_posix()
        header = f"# yaml-language-server: $schema={relative}\n"
    return f"{header}events:\n{lines}\n", lines + "\n"


def _insert(text: str, root: Node, relative: str, position: int, event: Event) -> tuple[str, str]:
    """`text` with `event` inserted as the `position`-th event; and the inserted lines."""
    document = analyse(text, root, relative)
    lines = document.lines
    items = document.items
    if document.events_flow:
        if items or document.events_end != document.events_line:
            raise LayoutError(
                relative,
                document.events_line + 1,
                "its events are written in flow style ([...]); run `jdiplo fmt` on it first",
            )
        comment = document.comments.get(document.events_line)
        new = event_lines(written_data(event), column=2)
        block = [line.text for line in new]
        head = "events:" + (f"  {comment.text}" if comment else "")
        result = [*lines[: document.events_line], head, *block, *lines[document.events_line + 1 :]]
        return "\n".join(result), "\n".join(block) + "\n"
    column = items[0].dash_column
    block = [line.text for line in event_lines(written_data(event), column=column)]
    blank = _separator(document)
    if position >= len(items):
        at = items[-1].trailing_end + 1
        inserted = [""] * blank + block
    elif position == 0:
        at = items[0].leading_start
        inserted = block + [""] * blank
    else:
        at = items[position - 1].trailing_end + 1
        inserted = [""] * blank + block
    result = lines[:at] + inserted + lines[at:]
    if result[-1] != "":  # the file had no newline at its end
        result.append("")
    return "\n".join(result), "\n".join(block) + "\n"


def _separator(document: Any) -> int:
    """How many blank lines the file puts between events (1 when it has one event)."""
    items = document.items
    if len(items) < 2:
        return 1
    blank = 0
    line = items[0].trailing_end + 1
    while line < items[1].leading_start and document.is_blank(line):
        blank, line = blank + 1, line + 1
    return blank
