"""`jdiplo import`: events from other files, checked as a whole and written as records.

1. `read_rows` reads a file in one of `FORMATS` into rows: the event each row describes, as
   record fields (not yet checked), and the line where the row starts. What cannot be read as
   an event at all (a line that is not JSON, an unknown column) is a problem of its row.
       jsonl    one record a line: `jdiplo list --format jsonl`, `jdiplo export --to jsonl`
       json     an array of records (`jdiplo list --format json`), or one record
       csv      a header of field names (`jdiplo list --format csv`, or a spreadsheet): lists
                joined with `;`; people, place, amount and coding as JSON or as `add` takes
                them (`Name|Role|CC; ...`, `Name|CC`, `VALUE|CUR|USD`, `EVENT|MODE`); one
                source from `source_url`, `source_file`, `source_title`, `source_publisher`,
                `source_author`, `source_date` and `quote` columns
       plover   PLOVER JSONL (`jdiplo export --to plover`, or other coders' lines that have
                Japan among their parties and quote their source)
2. `import_rows` checks every row against the whole record set under the records lock and
   writes them all through the authoring path of `jdiplo add` (atomic, locked, every other
   byte of each file kept), or nothing: every problem is reported as `FILE:LINE: message`.
   Partner, framework and country names and aliases become codes; rows without an id get
   one as `add` makes them; an id the records already have is refused unless `on_conflict`
   is `skip` (the row is left out) or `rename` (the row gets `ID-2`, `ID-3`...).
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdiplo.problems import Problem, RecordsInvalid, UsageError, did_you_mean

if TYPE_CHECKING:
    from jdiplo.authoring.add import Plan
    from jdiplo.load import Loaded
    from jdiplo.model import Event
    from jdiplo.partners import Registry

FORMATS = ("jsonl", "json", "csv", "plover")
CONFLICTS = ("error", "skip", "rename")
MAX_NESTING = 16  # a record nests 4 deep; anything far deeper is not one

SCALAR_COLUMNS = ("id", "date", "end", "status", "due", "title", "kind", "level", "summary")
LIST_COLUMNS = ("partners", "frameworks", "domains", "firsts", "tags", "related", "fulfils")
NESTED_COLUMNS = ("people", "place", "amount", "sources", "coding")
SOURCE_COLUMNS = {
    "source_title": "title",
    "source_url": "url",
    "source_file": "file",
    "source_publisher": "publisher",
    "source_author": "author",
    "source_date": "date",
    "quote": "quote",
}
CSV_COLUMNS = (*SCALAR_COLUMNS, *LIST_COLUMNS, *NESTED_COLUMNS, *SOURCE_COLUMNS)
# Free text is taken as it is; codes, dates and lists are stripped of spaces around them.
EXACT_COLUMNS = frozenset({"title", "summary", "source_title", "source_publisher", "quote"})


class RowProblem(Problem):
    """A problem of a row of an imported file: printed as `FILE:LINE: message`."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text()}"


@dataclass
class Row:
    """One event of an imported file: its record fields and the line where it starts."""

    line: int
    data: dict[str, Any]


@dataclass
class Rows:
    name: str
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(RowProblem(self.name, line, 0, message))


# Reading


def read_rows(text: str, name: str, format_name: str, registry: Registry) -> Rows:
    """The rows of `text` (the file `name`) in `format_name`."""
    found = Rows(name)
    if format_name == "json":
        _read_json(text, found)
    elif format_name == "csv":
        _read_csv(text, found, registry)
    else:
        for line, data in _json_lines(text, found):
            event = plover_event(data, line, found, registry) if format_name == "plover" else data
            if event is not None:
                found.rows.append(Row(line, event))
    for row in found.rows:
        if _depth(row.data) > MAX_NESTING:
            found.problem(row.line, f"nesting deeper than {MAX_NESTING} levels: not an event")
    found.rows = [row for row in found.rows if _depth(row.data) <= MAX_NESTING]
    return found


def _json_lines(text: str, found: Rows) -> Iterator[tuple[int, dict[str, Any]]]:
    # Lines end at LF (or CRLF) only: JSON text may hold U+0085, U+2028 and the like, which
    # str.splitlines would take for line ends.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip(" \t\r"):
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as error:
            found.problem(number, f"not a line of JSON: {_json_error(error)}")
            continue
        if not isinstance(data, dict):
            found.problem(number, f"expected an event (a JSON object), not {_kind(data)}")
            continue
        yield number, data


def _read_json(text: str, found: Rows) -> None:
    """An array of events, each located at the line where it starts, or one event."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)

    def line_at(index: int) -> int:
        return text.count("\n", 0, index) + 1

    def fail(index: int, message: str) -> None:
        found.problem(line_at(index), message)

    try:
        if position < len(text) and text[position] == "{":
            value, end = decoder.raw_decode(text, position)
            if _skip_space(text, end) != len(text):
                fail(end, "unexpected text after the event")
            found.rows.append(Row(line_at(position), value))
            return
        if position >= len(text) or text[position] != "[":
            fail(position, "expected an array of events ([...]) or one event ({...})")
            return
        position = _skip_space(text, position + 1)
        if position < len(text) and text[position] == "]":
            return
        while True:
            start = position
            value, position = decoder.raw_decode(text, position)
            if isinstance(value, dict):
                found.rows.append(Row(line_at(start), value))
            else:
                fail(start, f"expected an event (a JSON object), not {_kind(value)}")
            position = _skip_space(text, position)
            if position < len(text) and text[position] == ",":
                position = _skip_space(text, position + 1)
                continue
            if position < len(text) and text[position] == "]":
                if _skip_space(text, position + 1) != len(text):
                    fail(position + 1, "unexpected text after the array")
                return
            fail(position, "expected ',' or ']' after an event")
            return
    except json.JSONDecodeError as error:
        found.problem(error.lineno, f"not JSON: {error.msg}")
    except RecursionError:
        found.problem(1, "not JSON: nesting too deep")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _read_csv(text: str, found: Rows, registry: Registry) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        found.problem(1, f"not CSV: {error}")
        return
    if header is None:
        return
    columns = [column.strip() for column in header]
    for column in columns:
        if column not in CSV_COLUMNS:
            hint = did_you_mean(column, CSV_COLUMNS)
            found.problem(1, f"unknown column {column!r}{hint or f'; columns: {_listing()}'}")
    if found.problems:
        return
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(columns):
                    found.problem(line, f"{len(cells)} cells for {len(columns)} columns")
                else:
                    data = _csv_event(
                        dict(zip(columns, cells, strict=False)), line, found, registry
                    )
                    if data is not None:
                        found.rows.append(Row(line, data))
            line = reader.line_num + 1
    except csv.Error as error:
        found.problem(line, f"not CSV: {error}")


def _listing() -> str:
    return ", ".join(CSV_COLUMNS)


def _csv_event(
    cells: dict[str, str], line: int, found: Rows, registry: Registry
) -> dict[str, Any] | None:
    """The event of a CSV row: empty cells are absent fields."""
    from jdiplo.authoring.add import amount, person, place

    data: dict[str, Any] = {}
    problems: list[str] = []

    def parsed(column: str, text: str, plain: Callable[[str], Any]) -> Any:
        if text.startswith(("[", "{")):
            try:
                return json.loads(text)
            except (ValueError, RecursionError) as error:
                problems.append(f"{column}: not JSON: {_json_error(error)}")
                return None
        try:
            return plain(text)
        except UsageError as error:
            problems.append(f"{column}: {error}")
            return None

    def people(text: str) -> list[dict[str, str]]:
        return [person(part, registry) for part in _split(text)]

    def coding(text: str) -> dict[str, str]:
        event, _, mode = (part.strip() for part in text.partition("|"))
        return {"event": event, "mode": mode} if mode else {"event": event}

    plain_readers: dict[str, Callable[[str], Any]] = {
        "people": people,
        "place": lambda text: place(text, registry),
        "amount": amount,
        "sources": lambda text: _unparsed("sources", "a JSON list, or the source_* columns"),
        "coding": coding,
    }
    source = {}
    for column in CSV_COLUMNS:
        raw = cells.get(column, "")
        if not raw.strip():
            continue
        text = raw if column in EXACT_COLUMNS else raw.strip()
        if column in SOURCE_COLUMNS:
            source[SOURCE_COLUMNS[column]] = text
        elif column in SCALAR_COLUMNS:
            data[column] = text
        elif column in LIST_COLUMNS:
            data[column] = parsed(column, text, _split)
        else:
            data[column] = parsed(column, text, plain_readers[column])
    if source:
        sources = data.get("sources")
        data["sources"] = [*(sources if isinstance(sources, list) else []), source]
    if problems:
        for message in problems:
            found.problem(line, message)
        return None
    return data


def _unparsed(column: str, expected: str) -> Any:
    raise UsageError(f"expected {expected}")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _field_order() -> tuple[str, ...]:
    from jdiplo.model import Event

    return tuple(Event.model_fields)


# PLOVER


def plover_event(
    line: dict[str, Any], number: int, found: Rows, registry: Registry
) -> dict[str, Any] | None:
    """The event of a PLOVER line: what PLOVER carries (no level, domains, people or
    amount). The coding is kept as the record's own unless the line says it was derived."""
    from jdiplo.dates import DateError, parse_partial_date

    problems: list[str] = []
    data: dict[str, Any] = {}
    if "id" in line:
        data["id"] = line["id"]
    try:
        first = parse_partial_date(line.get("date"))
        date = _truncated(first, line.get("x_date_precision"))
        data["date"] = date
        end_text = line.get("enddate")
        if end_text is not None:
            end = _truncated(parse_partial_date(end_text), line.get("x_end_precision"))
            if parse_partial_date(end).last != parse_partial_date(date).last:
                data["end"] = end
    except (DateError, ValueError) as error:
        problems.append(f"date: {error}")
    for key, name in (("x_status", "status"), ("x_due", "due")):
        if line.get(key) is not None:
            data[name] = line[key]
    texts = line.get("event_text")
    texts = [texts] if isinstance(texts, str) else texts
    if not isinstance(texts, list) or not texts:
        problems.append("no event_text: a record needs a title")
    else:
        data["title"] = texts[0]
        if len(texts) > 1:
            data["summary"] = " ".join(str(text) for text in texts[1:])
    events = _as_list(line.get("event"))
    modes = _as_list(line.get("mode"))
    if len(events) > 1 or len(modes) > 1:
        problems.append("several event types or modes: a jdiplo record is coded with one")
    data["kind"] = line.get("x_kind") or _kind_of(events[0] if events else None, modes)
    if "status" not in data and events == ["AGREE"] and "x_status" not in line:
        data["status"] = "announced"
    partners = _parties(line, registry, problems)
    data["partners"] = partners
    if line.get("x_frameworks"):
        data["frameworks"] = line["x_frameworks"]
    for key, name in (("x_level", "level"), ("x_domains", "domains"), ("x_people", "people")):
        if line.get(key):
            data[name] = line[key]
    location = line.get("event_loc")
    if isinstance(location, dict) and location.get("extracted_place"):
        data["place"] = {"name": location["extracted_place"]}
        country = location.get("country_code")
        if isinstance(country, str):
            data["place"]["country"] = _state(country, registry, problems)
    if line.get("x_firsts"):
        data["firsts"] = line["x_firsts"]
    if line.get("x_amount"):
        data["amount"] = line["x_amount"]
    data["sources"] = _sources(line, problems)
    if line.get("x_tags"):
        data["tags"] = line["x_tags"]
    if line.get("link"):
        data["related"] = _as_list(line["link"])
    if line.get("x_fulfils"):
        data["fulfils"] = _as_list(line["x_fulfils"])
    if "x_coding" in line:  # jdiplo's own export: the record's coding as written
        if line["x_coding"] is not None:
            data["coding"] = line["x_coding"]
    elif line.get("x_coding_source") != "derived" and events:
        coding: dict[str, Any] = {"event": events[0]}
        if modes:
            coding["mode"] = modes[0]
        contexts = _as_list(line.get("context"))
        if contexts:
            coding["context"] = contexts
        data["coding"] = coding
    if problems:
        for message in problems:
            found.problem(number, message)
        return None
    return data


# PLOVER event type -> jdiplo kind, for lines that do not carry jdiplo's own (`x_kind`).
KIND_OF_EVENT = {
    "CONSULT": "meeting",
    "SUPPORT": "agreement",
    "AGREE": "statement",
    "CONCEDE": "statement",
    "REQUEST": "statement",
    "ACCUSE": "statement",
    "REJECT": "statement",
    "THREATEN": "statement",
}


def _kind_of(event: object, modes: list[Any]) -> str:
    if event == "CONSULT" and modes == ["visit"]:
        return "visit"
    return KIND_OF_EVENT.get(str(event), "other")


def _truncated(date: Any, precision: object) -> str:
    text = str(date)
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    if precision not in (None, "day"):
        raise ValueError(f"unknown precision {precision!r}: expected day, month or year")
    return text


def _parties(line: dict[str, Any], registry: Registry, problems: list[str]) -> list[str]:
    """Partner codes of the actors and recipients; Japan must be one of the parties."""
    from jdiplo.partners import UnknownCode

    focal = registry.focal
    focal_iso3 = registry.partners[focal].iso3
    codes: list[str] = []
    japan = False
    for key in ("actor", "recipient"):
        for entity in _as_list(line.get(key)):
            if not isinstance(entity, dict):
                problems.append(f"{key}: expected entity objects with a code")
                continue
            code = entity.get("x_code")
            iso3 = entity.get("code")
            if not isinstance(code, str) and isinstance(iso3, str):
                code = registry.code_of_iso3(iso3) if iso3 != focal_iso3 else focal
                name = entity.get("identifier_text")
                if code is None and isinstance(name, str):
                    try:
                        code = registry.resolve_partner(name)
                    except UnknownCode as error:
                        problems.append(f"{key}: {error}")
                        continue
            if not isinstance(code, str):
                problems.append(
                    f"{key}: unknown entity {iso3!r} (no ISO 3166 code of the registry)"
                )
                continue
            if code == focal:
                japan = True
            elif code not in codes:
                codes.append(code)
    if not japan:
        problems.append(f"{focal_iso3 or focal} is not a party: jdiplo records Japan's relations")
    return codes


def _state(code: str, registry: Registry, problems: list[str]) -> str:
    if code in registry.partners:
        return code
    found = registry.code_of_iso3(code)
    if found is None:
        problems.append(f"event_loc: unknown country code {code!r}")
        return code
    return found


def _sources(line: dict[str, Any], problems: list[str]) -> list[dict[str, Any]]:
    sources = []
    for citation in _as_list(line.get("cite_info")):
        if not isinstance(citation, dict):
            continue
        source = {
            name: citation[key]
            for name, key in (
                ("title", "title"),
                ("url", "url"),
                ("file", "x_file"),
                ("publisher", "publication"),
                ("author", "x_author"),
                ("date", "x_date"),
                ("quote", "x_quote"),
            )
            if citation.get(key) is not None
        }
        if "quote" not in source and isinstance(line.get("text"), str):
            source["quote"] = line["text"]
        if "quote" not in source:
            problems.append(
                "cite_info without a quote (x_quote) and no text: every record quotes its source"
            )
        sources.append(source)
    if not sources:
        problems.append("no cite_info: every record cites a source")
    return sources


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# Importing


@dataclass
class Imported:
    plan: Plan
    skipped: list[str]
    renamed: list[tuple[str, str]]


def import_rows(
    records_dir: Path,
    found: Rows,
    on_conflict: str = "error",
    dry_run: bool = False,
    allow_duplicate: bool = False,
) -> Imported:
    """Check every row against the record set and write them all, or raise RecordsInvalid
    with every problem of every row (nothing written). Under the records lock, as `add`.
    Likely duplicates of recorded events (`add`'s `likely_duplicates`) are refused unless
    `allow_duplicate`; the copies `on_conflict="rename"` makes are meant to be copies."""
    from jdiplo.authoring.add import place_events
    from jdiplo.authoring.files import make_folders, records_lock, write_files
    from jdiplo.store import read

    with records_lock(records_dir):
        loaded, problems = read(records_dir)
        if problems:
            raise RecordsInvalid(problems, base=records_dir)
        rows, skipped, renamed, row_problems = _rows_to_add(loaded, found, on_conflict)
        events, invalid = _checked(loaded, found.name, rows)
        if not allow_duplicate:
            invalid += _duplicates(loaded, found.name, rows, events, {new for _, new in renamed})
        if row_problems or invalid:
            raise RecordsInvalid([*row_problems, *invalid])
        plan = place_events(loaded, events)
        if not dry_run:
            for path, _ in plan.writes:
                make_folders(path)
            write_files(plan.writes)
    return Imported(plan, skipped, renamed)


def _rows_to_add(
    loaded: Loaded, found: Rows, on_conflict: str
) -> tuple[list[Row], list[str], list[tuple[str, str]], list[RowProblem]]:
    """The rows to add, each with an id (kept, made, or renamed on a clash), the ids skipped,
    the renamings, and the problems of the file and of ids."""
    existing = {event.id: event for event in loaded.events}
    taken = set(existing) | loaded.invalid_ids
    taken.update(row.data["id"] for row in found.rows if isinstance(row.data.get("id"), str))
    problems = list(found.problems)
    skipped: list[str] = []
    renamed: list[tuple[str, str]] = []
    first_line: dict[str, int] = {}
    kept: list[Row] = []
    for row in found.rows:
        if "id" not in row.data:
            row = Row(row.line, {"id": _default_id(row.data, taken), **row.data})
            taken.add(row.data["id"])
        event_id = row.data["id"]
        if isinstance(event_id, str):
            if event_id in first_line:
                message = f"duplicate id {event_id!r} (first at line {first_line[event_id]})"
                problems.append(RowProblem(found.name, row.line, 0, message))
                continue
            first_line[event_id] = row.line
            if event_id in existing:
                if on_conflict == "skip":
                    skipped.append(event_id)
                    continue
                if on_conflict == "rename":
                    new_id = _free_id(event_id, taken)
                    taken.add(new_id)
                    renamed.append((event_id, new_id))
                    row = Row(row.line, {**row.data, "id": new_id})
                else:
                    origin = existing[event_id].origin
                    where = f" ({origin.path}:{origin.line})" if origin else ""
                    message = (
                        f"id {event_id!r} is already in the records{where}; "
                        "--on-conflict skip leaves it out, rename gives it a new id"
                    )
                    problems.append(RowProblem(found.name, row.line, 0, message))
                    continue
        kept.append(row)
    return kept, skipped, renamed, problems


def _checked(loaded: Loaded, name: str, rows: list[Row]) -> tuple[list[Event], list[RowProblem]]:
    """The events of `rows`, checked as `add` checks them, and the problems of each row.

    The checks across the record set (related ids, quotes in their source files) run only on
    events that are valid on their own; so when some rows have problems, the others are
    checked again by themselves (taking the ids of the failed rows as existing), so that every
    row's problems are reported at once."""
    from dataclasses import replace

    events, problems = _check(loaded, name, rows)
    if not problems:
        return events, []
    failed = {problem.line for problem in problems}
    rest = [row for row in rows if row.line not in failed]
    if rest and len(rest) < len(rows):
        failed_ids = {row.data["id"] for row in rows if row.line in failed}
        others = replace(loaded, invalid_ids=loaded.invalid_ids | failed_ids)
        _, more = _check(others, name, rest)
        problems += [problem for problem in more if problem not in problems]
    return [], problems


def _duplicates(
    loaded: Loaded, name: str, rows: list[Row], events: list[Event], copies: set[str]
) -> list[RowProblem]:
    """Rows that look like events already recorded (or like rows before them)."""
    from jdiplo.authoring.add import likely_duplicates
    from jdiplo.problems import paths_shown_from

    line_of = {row.data["id"]: row.line for row in rows}
    shown = paths_shown_from(loaded.records_dir)
    problems = []
    for duplicate in likely_duplicates(loaded.events, events):
        if duplicate.event.id in copies:
            continue
        existing = duplicate.existing
        if existing.id in line_of:
            likeness = f"likely a duplicate of {existing.id} (line {line_of[existing.id]}): "
            likeness += duplicate.why
        else:
            likeness = duplicate.likeness(shown)
        message = f"{likeness}; --allow-duplicate imports it anyway"
        problems.append(RowProblem(name, line_of[duplicate.event.id], 0, message))
    return problems


def _check(loaded: Loaded, name: str, rows: list[Row]) -> tuple[list[Event], list[RowProblem]]:
    from jdiplo.authoring.add import Input, check_events
    from jdiplo.authoring.style import event_lines

    if not rows:
        return [], []
    order = _field_order()
    layout: list[_Placed] = []
    text_lines: list[str] = []
    for row in rows:
        known = {key: row.data[key] for key in order if key in row.data}
        lines = event_lines({**known, **row.data}, column=0)
        layout.append(_Placed(len(text_lines) + 1, row, [line.path for line in lines]))
        text_lines.extend(line.text for line in lines)
    try:
        source = Input(name, "\n".join(text_lines) + "\n")
        return check_events(loaded, source, allow_duplicate=True), []
    except RecordsInvalid as error:
        return [], _row_problems(error.problems, name, layout)


@dataclass
class _Placed:
    """Where a row's YAML starts in the text handed to `add`, and its lines' field paths."""

    start: int
    row: Row
    paths: list[tuple[str | int, ...] | None]


def _default_id(data: dict[str, Any], taken: set[str]) -> str:
    """The id `jdiplo add` would give the event: its date and the first words of its title."""
    from jdiplo.authoring.add import default_id
    from jdiplo.dates import DateError, parse_partial_date

    title = data.get("title")
    try:
        date = str(parse_partial_date(data.get("date")))
    except DateError:
        date = ""
    return default_id(date, title if isinstance(title, str) else "", taken)


def _free_id(event_id: str, taken: set[str]) -> str:
    number = 2
    while f"{event_id}-{number}" in taken:
        number += 1
    return f"{event_id}-{number}"


def _row_problems(
    problems: Sequence[Problem], name: str, layout: list[_Placed]
) -> list[RowProblem]:
    """Problems located in the YAML handed to `add`, as problems of the rows of the file."""
    starts = [placed.start for placed in layout]
    result = []
    for problem in problems:
        if isinstance(problem, RowProblem) or problem.path != name or not layout:
            result.append(RowProblem(problem.path, problem.line, 0, problem.text()))
            continue
        placed = layout[max(bisect_right(starts, problem.line) - 1, 0)]
        offset = problem.line - placed.start
        path = next((path for path in reversed(placed.paths[: offset + 1]) if path is not None), ())
        message = problem.text()
        field_name = _dotted(path)
        if field_name and str(path[0]) not in message:
            message = f"{field_name}: {message}"
        result.append(RowProblem(name, placed.row.line, 0, message))
    return result


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_NESTING:
        return level
    if isinstance(value, dict):
        return max((_depth(item, level + 1) for item in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(item, level + 1) for item in value), default=level + 1)
    return level


def _json_error(error: BaseException) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    if isinstance(error, RecursionError):
        return "nesting too deep"
    return str(error)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return type(value).__name__
