"""Checks that need the whole record set: duplicate ids, the ids that `related` and `fulfils`
name, quotes in their sources.

Per-file checks (syntax, fields, vocabularies, partner codes) happen while loading; these run
once every file is read, and locate their problems with `load.Locator`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.load import Evidence, Identity, Loaded, Locator
from jdiplo.model import Origin
from jdiplo.problems import Problem
from jdiplo.quotes import normalise_quote, quote_problem

Locate = Callable[[Origin, tuple[str | int, ...]], tuple[int, int]]

if TYPE_CHECKING:
    from jdiplo.index.freshness import FileState
    from jdiplo.people import PeopleRegistry

MAX_SOURCE_BYTES = 20 * 1024 * 1024


class SourceText(NamedTuple):
    """A source file as its quotes were checked: its normalised text, or why it cannot be
    read; and what the index keeps to tell later whether it changed."""

    text: str | None
    problem: str | None
    # Of a source that was read (a record whose quotes failed is not stored, nor its sources):
    state: FileState | None = None  # taken before reading
    checked_ns: int = 0
    digest: str = ""


class Checks:
    """The checks across files. Problems are located with `locate` (see load.Locator)."""

    def __init__(self, records_dir: Path, locate: Locate | None = None) -> None:
        self.base = records_dir.parent
        self.locate = locate or Locator(records_dir)
        self.sources: dict[str, SourceText] = {}

    def _problem(self, origin: Origin, loc: tuple[str | int, ...], message: str) -> Problem:
        line, col = self.locate(origin, loc)
        return Problem(origin.path, line, col, message)

    def ids(self, entries: Iterable[Identity]) -> list[Problem]:
        """Duplicate ids (at the second place, naming the first) and `related` and `fulfils`
        ids that do not exist. `entries` come in file order, and include the events that failed
        validation but whose id could be read: a duplicate is reported even while the event has
        other problems, and a linked id names an event that exists, valid or not."""
        problems: list[Problem] = []
        first_seen: dict[str, Identity] = {}
        ordered = list(entries)
        for entry in ordered:
            earlier = first_seen.setdefault(entry.id, entry)
            if earlier is not entry:
                line, _ = self.locate(earlier.origin, ("id",))
                first = ("first at", earlier.origin.path, line)
                problem = self._problem(entry.origin, ("id",), f"duplicate id {entry.id!r}")
                problems.append(problem._replace(see=first))
        for entry in ordered:
            for field, index, linked in entry.links():
                if linked not in first_seen:
                    message = f"{field} id {linked!r} does not exist"
                    problems.append(self._problem(entry.origin, (field, index), message))
        return problems

    def quotes(self, evidence: Iterable[Evidence]) -> list[Problem]:
        """Each quote of a `file` source must occur in that file, a regular file inside the
        repository (the folder holding the records directory)."""
        problems: list[Problem] = []
        for item in evidence:
            for index, source in item.sources:
                assert source.file is not None
                read = self.source(source.file)
                if read.text is None:
                    loc: tuple[str | int, ...] = ("sources", index, "file")
                    problems.append(self._problem(item.origin, loc, f"{read.problem}"))
                elif (found := quote_problem(source.quote, read.text)) is not None:
                    loc = ("sources", index, "quote")
                    problems.append(self._problem(item.origin, loc, f"{found} ({source.file})"))
        return problems

    def source(self, name: str) -> SourceText:
        """A source file named as a record names it (relative to the repository), read once."""
        if name not in self.sources:
            self.sources[name] = read_source(self.base, name)
        return self.sources[name]


def read_source(base: Path, name: str) -> SourceText:
    from jdiplo.index.freshness import now_ns, state_of
    from jdiplo.layout import Unreadable, digest_of, read_bounded, source_path

    checked = now_ns()
    path = source_path(base, name)
    if isinstance(path, str):
        return SourceText(None, path)
    state = state_of(str(path))  # (the path is resolved: no link is left to follow)
    try:
        data = read_bounded(path, MAX_SOURCE_BYTES)
    except Unreadable as error:
        if not path.exists():
            return SourceText(None, f"source file not found: {name}")
        return SourceText(None, f"source file {name}: {error}")
    text = normalise_quote(data.decode("utf-8-sig", errors="replace"))
    return SourceText(text, None, state, checked, digest_of(data))


def check(loaded: Loaded, locate: Locate | None = None) -> list[Problem]:
    """Problems across the whole record set: ids and quotes of every event in `loaded`
    (its evidence, valid events and invalid ones alike).

    `locate` finds the line and column of a field of an event; by default a `Locator` re-reads
    its file. `jdiplo add` passes its own, to locate problems of events not yet written.
    """
    checks = Checks(loaded.records_dir, locate)
    evidence = loaded.evidence
    entries = [item.identity for item in evidence if item.identity is not None]
    return checks.ids(entries) + checks.quotes(evidence)


# People the registry does not know: warnings, not problems (a first mention stays easy)

MAX_WARNINGS = 10


class Mention(NamedTuple):
    """A person named by an event, as written."""

    origin: Origin
    name: str


def unknown_people(
    mentions: Iterable[Mention], people: PeopleRegistry, records_dir: Path
) -> tuple[list[Problem], int]:
    """A warning for the first mention of each name the people registry does not know (in any
    case or word order), located at the name, in file order: at most MAX_WARNINGS of them, and
    how many other unknown names were left unsaid."""
    from jdiplo.people import name_key

    first: dict[str, Mention] = {}
    for mention in mentions:
        if people.canonical(mention.name) is None:
            first.setdefault(name_key(mention.name), mention)
    ordered = sorted(first.values(), key=lambda m: (m.origin.path, m.origin.index))
    texts: dict[str, list[str]] = {}
    warnings = []
    for mention in ordered[:MAX_WARNINGS]:
        path = mention.origin.path
        if path not in texts:
            texts[path] = _lines(records_dir / path)
        line, col = _where_named(texts[path], mention)
        suggestion = people.did_you_mean(mention.name)
        message = f"warning: unknown person {mention.name!r}{suggestion}: add them to people.yaml"
        warnings.append(Problem(path, line, col, message))
    return warnings, len(ordered) - len(warnings)


def _lines(path: Path) -> list[str]:
    from jdiplo.layout import MAX_FILE_BYTES, Unreadable, read_bounded

    try:
        return read_bounded(path, MAX_FILE_BYTES).decode("utf-8-sig", "replace").split("\n")
    except Unreadable:
        return []


def _where_named(lines: list[str], mention: Mention) -> tuple[int, int]:
    """The line and column of a person's name in its event, where it is the value of a `name`
    key (the event's title or quote may name them first); the event's line when the name is
    written so that it cannot be found as it is (escaped, or folded)."""
    start = mention.origin.line - 1
    if not 0 <= start < len(lines):
        return mention.origin.line, 1
    item = lines[start]
    next_event = item[: len(item) - len(item.lstrip())] + "- "  # a list item as indented
    value = re.compile(r"\bname:\s*[\"']?(" + re.escape(mention.name) + ")")
    for number in range(start, len(lines)):
        if number > start and lines[number].startswith(next_event):
            break
        if found := value.search(lines[number]):
            return number + 1, found.start(1) + 1
    return mention.origin.line, 1
