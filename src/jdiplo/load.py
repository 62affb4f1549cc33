"""Record files -> events + problems.

Loading never raises on bad data and never stops at the first problem (beancount's habit): it
returns the events it could read *and* every problem, each located at `path:line:col`.

How a file is read:
1. bytes, size-checked, decoded as UTF-8 (a BOM is dropped; CRLF is ordinary);
2. composed into a YAML node tree by ruamel's C parser (YAML 1.2), after a cheap bound on the
   nesting depth, since very deep nesting would overflow the C composer's stack;
3. the nodes are turned into plain data by `_NodeReader`, which refuses duplicate keys, unknown
   tags and alias expansion past a budget ("billion laughs"), and keeps dates as written;
4. each event is validated by the pydantic model; its errors are located by walking the nodes.

Checks across files (duplicate ids, related ids, quotes) live in validate.py; they locate their
problems with a `Locator`, which re-reads a file only when there is a problem to report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from jdiplo.layout import (
    MAX_FILE_BYTES,
    PARTNERS_FILE,
    Unreadable,
    digest_of,
    read_bounded,
    readable_name,
)
from jdiplo.model import (
    LINE_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    Event,
    FrameworkEntry,
    Origin,
    PartnerEntry,
    PartnersFile,
    Source,
    code_problems,
    vocabulary_problem,
)
from jdiplo.partners import Framework, Partner, Registry, builtin_registry
from jdiplo.plainyaml import decode, fingerprint, plain_events
from jdiplo.problems import Problem, did_you_mean
from jdiplo.vocabularies import ID_LINKS

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node

    from jdiplo.people import PeopleRegistry
    from jdiplo.validate import Mention

MAX_DEPTH = 64
_COMPOSER_SAFE_DEPTH = 5000

Loc = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"


class Identity(NamedTuple):
    """What the id checks need of an event: its id, where it is, the ids it names."""

    id: str
    origin: Origin
    related: tuple[str, ...]
    fulfils: tuple[str, ...] = ()

    def links(self) -> Iterator[tuple[str, int, str]]:
        """(field, position, id) of each id this event names."""
        for name in ID_LINKS:
            for index, linked in enumerate(getattr(self, name)):
                yield name, index, linked


class Evidence(NamedTuple):
    """What the checks across files need of an event, valid or not: its identity (when its id
    can be read) and the sources whose quotes can be checked, with their places in the list.
    An event with a bad kind still has its quotes and its id checked, so that one run of
    `validate` reports every problem."""

    identity: Identity | None
    origin: Origin
    sources: tuple[tuple[int, Source], ...]
    people: tuple[str, ...] = ()  # the names of its people, as written


class FileContents(NamedTuple):
    """One record file read: its valid events, its problems, the evidence of every event, and
    when asked for and the fast parser read it, the fingerprint of each event."""

    events: list[Event]
    problems: list[Problem]
    evidence: list[Evidence]
    digest: str = ""  # of the bytes read ("" when the file could not be read)
    fingerprints: list[bytes] | None = None

    @property
    def invalid_ids(self) -> set[str]:
        """The ids of the events that failed validation."""
        valid = {event.id for event in self.events}
        return {e.identity.id for e in self.evidence if e.identity and e.identity.id not in valid}


@dataclass
class Loaded:
    """What a records directory holds: valid events, the registry, and every problem found."""

    records_dir: Path
    registry: Registry
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    invalid_ids: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    people: PeopleRegistry | None = None  # the people registry, when read with the set
    mentions: list[Mention] = field(default_factory=list)  # the people events name


# Loading


def load_file(
    records_dir: Path,
    relative: str,
    registry: Registry,
    fast: bool = True,
    fingerprints: bool = False,
) -> FileContents:
    """The events of one file, its problems, and the evidence of each event (valid or not).

    A file is first read by the fast parser (see `read_fast`); anything it does not accept is
    read again by ruamel, which gives every problem its exact place. `fast=False` skips it.
    `fingerprints`: the fingerprints of the events too, when the fast parser reads them.
    """
    if not readable_name(relative):
        message = "the file name is not valid UTF-8: rename the file"
        return FileContents([], [Problem(relative, 1, 1, message)], [])
    try:
        data = read_bounded(records_dir / relative, MAX_FILE_BYTES)
    except Unreadable as error:
        return FileContents([], [Problem(relative, 1, 1, str(error))], [])
    contents = load_bytes(data, relative, registry, fast, fingerprints)
    return contents._replace(digest=digest_of(data))


def load_bytes(
    data: bytes, relative: str, registry: Registry, fast: bool = True, fingerprints: bool = False
) -> FileContents:
    """The events of a record file's bytes (see `load_file`), located under `relative`."""
    text, problem = decode(data, relative)
    if problem is not None:
        return FileContents([], [problem], [])
    if fast and (read := read_fast(text, relative, registry, fingerprints)) is not None:
        events, prints = read
        return FileContents(events, [], [evidence_of(event) for event in events], "", prints)
    root, problems = compose(text, relative)
    if root is None:
        return FileContents([], problems, [])
    entries = _top_level(root, relative, "events", problems)
    if entries is None:
        return FileContents([], problems, [])
    read_slow = read_events(entries, relative, registry)
    return FileContents(read_slow.events, problems + read_slow.problems, read_slow.evidence)


class EventsRead(NamedTuple):
    events: list[Event]  # the valid ones
    problems: list[Problem]
    invalid_ids: set[str]  # the ids of the events that failed validation
    evidence: list[Evidence]  # of every event, valid or not


def read_events(entries: Sequence[Node], relative: str, registry: Registry) -> EventsRead:
    """Events from the nodes of a list of events (a record file's, or input to `jdiplo add`):
    the valid events, the problems located under `relative`, the ids of invalid events, and
    the evidence of every event."""
    events: list[Event] = []
    problems: list[Problem] = []
    invalid_ids: set[str] = set()
    evidence: list[Evidence] = []
    reader = _NodeReader(relative, problems)
    for index, item in enumerate(entries):
        line = item.start_mark.line + 1
        if item.tag != _TAG + "map" or not isinstance(item.value, list):
            problems.append(
                Problem(relative, line, item.start_mark.column + 1, "an event must be a mapping")
            )
            continue
        before = len(problems)
        data = reader.read(item)
        if not isinstance(data, dict):
            continue
        origin = Origin(relative, line, index)
        try:
            event: Event | None = Event.model_validate(data)
            invalid: set[str] = set()
        except _validation_error() as error:
            event, invalid = (
                None,
                {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]},
            )
            problems.extend(_located(error, item, relative, skip=reader.failed))
        for loc, message in code_problems(data, registry, skip=invalid):
            line_number, column = _position(item, loc, "value")
            problems.append(Problem(relative, line_number, column, message))
        if event is None or len(problems) > before:  # including duplicate keys or tags
            if isinstance(data.get("id"), str):
                invalid_ids.add(data["id"])
            evidence.append(_evidence_of_invalid(data, origin, invalid))
            continue
        event._origin = origin
        events.append(event)
        evidence.append(evidence_of(event))
    return EventsRead(events, problems, invalid_ids, evidence)


def evidence_of(event: Event) -> Evidence:
    origin = event.origin
    assert origin is not None, "loaded events carry their origin"
    sources = tuple((index, source) for index, source in enumerate(event.sources) if source.file)
    identity = Identity(event.id, origin, tuple(event.related), tuple(event.fulfils))
    return Evidence(identity, origin, sources, tuple(person.name for person in event.people))


_SLUG = re.compile(SLUG_PATTERN)


def _evidence_of_invalid(data: dict[str, Any], origin: Origin, invalid: set[str]) -> Evidence:
    """What can still be checked of an event that failed validation: an id and related ids
    that are valid slugs, and each source that is valid on its own."""
    event_id = data.get("id")
    identity = None
    if isinstance(event_id, str) and "id" not in invalid and _SLUG.match(event_id):
        linked = {}
        for name in ID_LINKS:
            values = data.get(name)
            linked[name] = tuple(
                value
                for value in (values if isinstance(values, list) else ())
                if isinstance(value, str) and _SLUG.match(value)
            )
        identity = Identity(event_id, origin, **linked)
    sources: list[tuple[int, Source]] = []
    listed = data.get("sources")
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        try:
            source = Source.model_validate(item)
        except _validation_error():
            continue
        if source.file:
            sources.append((index, source))
    listed = data.get("people")
    names = tuple(
        person["name"]
        for person in (listed if isinstance(listed, list) else ())
        if isinstance(person, dict) and isinstance(person.get("name"), str)
    )
    return Evidence(identity, origin, tuple(sources), names)


def load_registry(records_dir: Path) -> tuple[Registry, list[Problem]]:
    """The built-in registry, extended by the records' own `partners.yaml` when there is one."""
    builtin = builtin_registry()
    path = records_dir / PARTNERS_FILE
    if not os.path.lexists(path):
        return builtin, []
    root, entries, problems = read_registry_file(
        path, PARTNERS_FILE, PartnersFile, "partners and frameworks"
    )
    if root is None or entries is None:
        return builtin, problems

    def at(loc: Loc, message: str) -> None:
        line, col = _position(root, loc, "value")
        problems.append(Problem(PARTNERS_FILE, line, col, message))

    taken: dict[str, str] = {}
    for loc, name, code in _registry_names(entries):
        owner = builtin.clash(name) or taken.get(name.casefold())
        if owner is not None and owner != code:
            at(loc, f"{name!r} is already used by {owner}")
        elif owner == code and loc[-1] == "code":
            at(loc, f"code {code!r} is already defined")
        taken.setdefault(name.casefold(), code)
    partners = [
        Partner(e.code, e.name, e.kind, tuple(e.aliases), tuple(e.members), e.region, e.iso3)
        for e in entries.partners
    ]
    frameworks = [Framework(e.code, e.name, tuple(e.aliases)) for e in entries.frameworks]
    registry = builtin.extended(partners, frameworks)
    for index, entry in enumerate(entries.partners):
        if entry.members and entry.kind == "state":
            at((("partners", index, "members")), "only groupings and organisations have members")
        for position, member in enumerate(entry.members):
            if member not in registry.partners:
                at(
                    ("partners", index, "members", position),
                    f"unknown member {member!r}{did_you_mean(member, registry.partners)}",
                )
    return (builtin, problems) if problems else (registry, problems)


RegistryModel = TypeVar("RegistryModel", bound="BaseModel")


def read_registry_file(
    path: Path, relative: str, model: type[RegistryModel], expected: str
) -> tuple[Node | None, RegistryModel | None, list[Problem]]:
    """A registry file (`partners.yaml`, `people.yaml`) read as `model` reads it, with the same
    checks and located messages as record files: (its node tree, its entries, its problems).
    The entries are None when it has problems."""
    root, problems = read_yaml(path, relative)
    if root is None:
        return None, None, problems
    if root.tag != _TAG + "map":
        problems.append(Problem(relative, 1, 1, f"expected a mapping with {expected}"))
        return root, None, problems
    data = _NodeReader(relative, problems).read(root)
    try:
        entries = model.model_validate(data)
    except _validation_error() as error:
        problems.extend(_located(error, root, relative, model=model))
        return root, None, problems
    return root, (None if problems else entries), problems


def _registry_names(entries: PartnersFile) -> Iterator[tuple[Loc, str, str]]:
    """(where, name, code) for every code, name and alias a partners.yaml defines."""
    sections: list[tuple[str, Sequence[PartnerEntry | FrameworkEntry]]] = [
        ("partners", entries.partners),
        ("frameworks", entries.frameworks),
    ]
    for section, items in sections:
        for index, entry in enumerate(items):
            yield (section, index, "code"), entry.code, entry.code
            yield (section, index, "name"), entry.name, entry.code
            for position, alias in enumerate(entry.aliases):
                yield (section, index, "aliases", position), alias, entry.code


# The fast path


def read_fast(
    text: str, relative: str, registry: Registry, fingerprints: bool = False
) -> tuple[list[Event], list[bytes] | None] | None:
    """The events of a file that is plainly valid, read by a fast parser, and with
    `fingerprints` the fingerprint of each (`plainyaml.fingerprint`); None otherwise.

    ruamel's C loader needs about 0.2 ms an event; yaml_rs (Rust) a tenth of that. It is used
    only where it reads exactly what ruamel reads: a plain file (see `plainyaml.plain_events`)
    whose events all validate. Anything else (including every file with a problem) is left
    to ruamel, so problems are always ruamel's. A test checks both paths give the same events
    and problems on the whole test corpus.
    """
    plain = plain_events(text)
    if plain is None:
        return None
    events = validated(plain.items, plain.lines, range(len(plain.items)), relative, registry)
    if events is None:
        return None
    return events, [fingerprint(item) for item in plain.items] if fingerprints else None


def validated(
    items: Sequence[dict[str, Any]],
    lines: Sequence[int],
    positions: Sequence[int],
    relative: str,
    registry: Registry,
) -> list[Event] | None:
    """The events of plain `items` (at `lines` and `positions` of file `relative`), if they
    are all valid; None if any is not (ruamel will read the file, and say why)."""
    events = []
    for item, line, position in zip(items, lines, positions, strict=True):
        try:
            event = Event.model_validate(item)
        except _validation_error():
            return None
        if code_problems(item, registry):
            return None
        event._origin = Origin(relative, line, position)
        events.append(event)
    return events


# Reading YAML


@cache
def _yaml() -> YAML:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


@cache
def _validation_error() -> type[ValidationError]:
    from pydantic import ValidationError

    return ValidationError


def read_yaml(path: Path, relative: str) -> tuple[Node | None, list[Problem]]:
    """The node tree of one YAML file, or None and the problems that stopped it."""
    text, problems = read_text(path, relative)
    return (None, problems) if text is None else compose(text, relative)


def read_text(path: Path, relative: str) -> tuple[str | None, list[Problem]]:
    """The text of a record file, or None and the problem that stopped it."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except Unreadable as error:
        return None, [Problem(relative, 1, 1, str(error))]
    text, problem = decode(data, relative)
    return (None, [problem]) if problem is not None else (text, [])


def compose(text: str, relative: str) -> tuple[Node | None, list[Problem]]:
    """Parse text into a node tree; YAML errors become located problems."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if not text.strip():
        return None, [Problem(relative, 1, 1, "the file is empty: expected a mapping")]
    odd = _ODD_LINE_BREAK.search(text)
    if odd is not None:  # YAML would count a line there, where editors see none
        line = text.count("\n", 0, odd.start()) + 1
        col = odd.start() - text.rfind("\n", 0, odd.start())
        name = _LINE_BREAK_NAMES[odd.group()]
        message = f"{name} is not allowed in records: lines end with LF (or CR LF)"
        return None, [Problem(relative, line, col, message)]
    try:
        deep = _too_deep(text)
        if deep is not None:
            line, col = deep
            message = f"nesting deeper than {MAX_DEPTH} levels"
            return None, [Problem(relative, line, col, message)]
        node = _yaml().compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _place(text, mark.index) if mark is not None else (1, 1)
        message = error.problem or error.context or "invalid YAML"
        if error.context == "expected a single document in the stream":
            message = "a record file holds a single YAML document; another one starts here"
        elif error.context and error.problem:
            message = f"{error.problem} ({error.context})"
        return None, [Problem(relative, line, col, f"YAML syntax error: {message}")]
    except ReaderError as error:
        # The C reader gives a byte offset into the UTF-8 text: as a character index, it is
        # the length of the text those bytes decode to.
        index = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
        line, col = _place(text, index)
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "character"
        message = f"{character} is not allowed in YAML ({error.reason})"
        return None, [Problem(relative, line, col, message)]
    except (YAMLError, ValueError, RecursionError) as error:
        return None, [Problem(relative, 1, 1, f"YAML error: {error}")]
    if node is None:
        return None, [Problem(relative, 1, 1, "the file is empty: expected a mapping")]
    return node, []


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, as an editor counts them; the end of
    the text (where YAML reports a missing end) is the end of its last line."""
    index = min(index, len(text.rstrip("\n")) if text.endswith("\n") else len(text))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# Characters YAML reads as line breaks where editors do not: every position would be off.
_ODD_LINE_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_LINE_BREAK_NAMES = {
    "\r": "a carriage return (CR) without a line feed",
    "\x85": "U+0085 (next line)",
    "\u2028": "U+2028 (line separator)",
    "\u2029": "U+2029 (paragraph separator)",
}


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH, if it could pass the C composer's safe depth.

    Nesting needs an indicator per level: a flow bracket, or two more columns of block
    indentation. When that cheap bound is low, composing is safe and the node reader checks
    MAX_DEPTH itself; otherwise the parser's events are scanned, which costs a second parse.
    """
    bound = text.count("[") + text.count("{") + 2 * max(map(len, text.splitlines()), default=0)
    if bound < _COMPOSER_SAFE_DEPTH:
        return None
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in _yaml().parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


class _AliasBomb(Exception):
    """The read went over its budget: aliases repeat too much."""


class _NodeReader:
    """Turns a node tree into plain data, adding a problem for anything a record must not hold.

    `failed` holds the paths of values it could not read, so that validation errors about
    those values (which would only repeat the problem) can be left out.
    """

    def __init__(self, relative: str, problems: list[Problem]) -> None:
        self.relative = relative
        self.problems = problems
        self.budget = 0
        self.failed: list[Loc] = []

    def read(self, node: Node) -> Any:
        # Aliases may repeat a subtree; the budget bounds the total work ("billion laughs").
        self.budget = 100_000 + 10 * _node_span(node)
        self.failed = []
        try:
            return self._read(node, ())
        except _AliasBomb:
            self._add(node, "aliases expand into too much data (a 'billion laughs' file?)")
            return None

    def _add(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.relative, mark.line + 1, mark.column + 1, message))

    def _fail(self, node: Node, path: Loc, message: str) -> None:
        self._add(node, message)
        self.failed.append(path)

    def _read(self, node: Node, path: Loc) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _AliasBomb
        if len(path) > MAX_DEPTH:
            self._fail(node, path, f"nesting deeper than {MAX_DEPTH} levels")
            return None
        tag = node.tag or ""
        if tag == _TAG + "map":
            return self._mapping(cast("MappingNode", node), path)
        if tag == _TAG + "seq":
            return [self._read(item, (*path, index)) for index, item in enumerate(node.value)]
        if tag in (_TAG + "str", _TAG + "timestamp"):
            return node.value  # dates stay as written; the model reads them
        if tag in _SCALARS:
            try:
                return getattr(_yaml().constructor, _SCALARS[tag])(node)
            except (ValueError, TypeError, OverflowError):
                self._fail(node, path, f"invalid {tag.removeprefix(_TAG)} {node.value!r}")
                return None
        shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        self._fail(node, path, f"YAML tag {shown} is not supported in records")
        return None

    def _mapping(self, node: MappingNode, path: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._add(key_node, "merge keys (<<) are not supported in records")
                continue
            if key_node.tag not in _KEY_TAGS:
                self._add(key_node, "a key must be plain text")
                continue
            key = key_node.value
            if key in result:
                self._add(key_node, f"duplicate key {key!r} (first at line {first_lines[key]})")
                continue
            first_lines[key] = key_node.start_mark.line + 1
            result[key] = self._read(value_node, (*path, key))
        return result


_KEY_TAGS = {_TAG + "str", _TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"}
_SCALARS = {
    _TAG + "int": "construct_yaml_int",
    _TAG + "float": "construct_yaml_float",
    _TAG + "bool": "construct_yaml_bool",
    _TAG + "null": "construct_yaml_null",
}


def _node_span(node: Node) -> int:
    """Lines a node spans in its file: a bound on how many nodes it holds without aliases."""
    end = node.end_mark
    return (end.line - node.start_mark.line + 1) * 40 if end is not None else 1000


def _top_level(root: Node, relative: str, key: str, problems: list[Problem]) -> list[Node] | None:
    """The sequence under the only top-level key of a record file."""
    if root.tag != _TAG + "map":
        problems.append(Problem(relative, 1, 1, f"expected a mapping with the key {key!r}"))
        return None
    found: list[Node] | None = None
    seen = False
    for key_node, value_node in root.value:
        name = key_node.value if isinstance(key_node.value, str) else str(key_node.value)
        mark = key_node.start_mark
        if name != key:
            suggestion = did_you_mean(name, [key])
            message = f"unknown top-level key {name!r}{suggestion}; expected {key!r}"
            problems.append(Problem(relative, mark.line + 1, mark.column + 1, message))
            continue
        if seen:
            message = f"duplicate key {key!r}"
            problems.append(Problem(relative, mark.line + 1, mark.column + 1, message))
            continue
        seen = True
        if value_node.tag != _TAG + "seq":
            vmark = value_node.start_mark
            message = f"{key!r} must be a list of events (use '{key}: []' for none)"
            problems.append(Problem(relative, vmark.line + 1, vmark.column + 1, message))
            continue
        found = value_node.value
    if not root.value:  # other keys were each reported as unknown, expecting this one
        problems.append(Problem(relative, 1, 1, f"missing the top-level key {key!r}"))
    return found


# Locating problems


def _position(root: Node, loc: Loc, target: str) -> tuple[int, int]:
    """1-based line and column of what `loc` names under `root`.

    `target` is "value" (the value node), "key" (the key node) or "parent" (the innermost
    mapping that exists, for a missing key).
    """
    node = root
    key_node: Node | None = None
    for part in loc:
        if isinstance(part, str) and node.tag == _TAG + "map":
            match = next((pair for pair in node.value if pair[0].value == part), None)
            if match is None:
                break
            key_node, node = match
        elif isinstance(part, int) and node.tag == _TAG + "seq":
            if not 0 <= part < len(node.value):
                break
            key_node, node = None, node.value[part]
        elif isinstance(part, str) and node.tag == _TAG + "seq":
            continue  # pydantic's names for union members and validators
        else:
            break
    else:
        if target == "key" and key_node is not None:
            node = key_node
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def position_of(root: Node, loc: Loc) -> tuple[int, int]:
    """1-based line and column of the value `loc` names under `root` (or of its nearest parent)."""
    return _position(root, loc, "value")


def _located(
    error: ValidationError,
    root: Node,
    relative: str,
    model: type[BaseModel] = Event,
    skip: Sequence[Loc] = (),
) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        if any(loc[: len(failed)] == failed for failed in skip):
            continue  # the reader already reported this value
        kind = detail["type"]
        target = {"missing": "parent", "extra_forbidden": "key"}.get(kind, "value")
        line, col = _position(root, loc, target)
        yield Problem(relative, line, col, _message(detail, loc, model))


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"text {value!r}" if isinstance(value, str) else type(value).__name__


_PATTERN_HINTS = {
    "currency": "a three-letter ISO 4217 code such as JPY",
    "url": "a web address starting with http:// or https://",
    "code": "a code of capital letters, digits, '+' or '-', such as TW",
}


def _message(detail: Any, loc: Loc, model: type[BaseModel]) -> str:
    kind = detail["type"]
    name = _dotted(loc) or "the entry"
    value = detail.get("input")
    if kind == "jdiplo":
        message = str(detail["ctx"]["message"])
        return f"{name} {message}" if message.startswith("must ") else message
    if kind == "missing":
        return f"missing required field {name!r}"
    if kind == "extra_forbidden":
        field_name = str(loc[-1])
        return f"unknown field {field_name!r}{did_you_mean(field_name, _fields_at(loc, model))}"
    if kind == "string_type":
        return f"{name} must be text, not {_describe(value)}"
    if kind == "list_type":
        return f"{name} must be a list, not {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} must be a mapping, not {_describe(value)}"
    if kind == "too_short":
        return f"{name} must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = detail["ctx"]["pattern"]
        if pattern == SLUG_PATTERN:
            return (
                f"invalid id {value!r}: use lowercase letters, digits and hyphens, "
                "starting with a letter or digit"
            )
        if pattern in (LINE_PATTERN, TEXT_PATTERN):
            blank = not str(value).strip()
            return f"{name} must not be empty" if blank else f"{name} must be one line"
        hint = _PATTERN_HINTS.get(str(loc[-1]), "")
        return f"{name} must be {hint}, not {value!r}" if hint else f"{name}: {detail['msg']}"
    if kind == "literal_error":
        if model is Event and (vocabulary := vocabulary_problem(str(loc[0]), value)) is not None:
            return vocabulary
        return f"unknown {name.rsplit('.', 1)[-1]} {value!r}: expected {detail['ctx']['expected']}"
    return f"{name}: {detail['msg']}"


def _fields_at(loc: Loc, model: type[BaseModel]) -> Sequence[str]:
    """Field names of the model that holds the last key of `loc`."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if not isinstance(part, str) or part not in current.model_fields:
            continue
        annotation = current.model_fields[part].annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(inner, type) and hasattr(inner, "model_fields"):
            current = inner
    return tuple(current.model_fields)


class Locator:
    """Finds `loc` inside an event known by its `Origin`, re-reading each file at most once.

    Checks across files use it only when they have a problem to report.
    """

    def __init__(self, records_dir: Path) -> None:
        self.records_dir = records_dir
        self._entries: dict[str, list[Node] | None] = {}

    def __call__(self, origin: Origin, loc: Loc) -> tuple[int, int]:
        if origin.path not in self._entries:
            root, _ = read_yaml(self.records_dir / origin.path, origin.path)
            entries = None if root is None else _top_level(root, origin.path, "events", [])
            self._entries[origin.path] = entries
        entries = self._entries[origin.path]
        if entries is None or origin.index >= len(entries):
            return origin.line, 1
        return _position(entries[origin.index], loc, "value")
