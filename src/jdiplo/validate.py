"""Checks that need the whole record set: duplicate ids, related ids, quotes in their sources.

Per-file checks (syntax, fields, vocabularies, partner codes) happen while loading; these run
once every file is read, and locate their problems with `load.Locator`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.load import Evidence, Identity, Loaded, Locator
from jdiplo.model import Event, Origin
from jdiplo.problems import Problem

if TYPE_CHECKING:
    from jdiplo.index.freshness import FileState

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_ELISION = re.compile(r"\s*(?:\u2026|\[\.\.\.\]|\[\u2026\])\s*")


def normalise_quote(text: str) -> str:
    """Text as quotes are compared: NFC, straight quotes, single spaces."""
    if not text.isascii():  # ASCII needs no normalising and has no typographic quotes
        text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return " ".join(text.split())


def excerpts(quote: str) -> list[str]:
    """The parts of a quote between elisions ('…', '[...]'), normalised."""
    parts = _ELISION.split(quote) if "\u2026" in quote or "[" in quote else [quote]
    return [part for part in map(normalise_quote, parts) if part]


def quote_problem(quote: str, source_text: str) -> str | None:
    """Why `quote` does not occur in `source_text` (already normalised), or None when it does."""
    parts = excerpts(quote)
    position = 0
    for number, part in enumerate(parts, start=1):
        found = source_text.find(part, position)
        if found < 0:
            shown = part if len(part) <= 60 else part[:57] + "..."
            which = f"excerpt {number} of the quote" if len(parts) > 1 else "quote"
            if len(parts) > 1 and source_text.find(part) >= 0:
                return f"{which} occurs in the source, but not after excerpt {number - 1}"
            return f"{which} not found in the source: {shown!r}"
        position = found + len(part)
    return None


Locate = Callable[[Origin, tuple[str | int, ...]], tuple[int, int]]

MAX_SOURCE_BYTES = 20 * 1024 * 1024


def identities(events: Iterable[Event]) -> Iterator[Identity]:
    for event in events:
        assert event.origin is not None, "loaded events carry their origin"
        yield Identity(event.id, event.origin, tuple(event.related))


class SourceText(NamedTuple):
    """A source file as its quotes were checked: its normalised text, or why it cannot be
    read; and what the index keeps to tell later whether it changed."""

    text: str | None
    problem: str | None
    state: FileState | None  # taken before reading
    checked_ns: int
    digest: str


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
        """Duplicate ids (at the second place, naming the first) and related ids that do not
        exist. `entries` come in file order, and include the events that failed validation
        but whose id could be read: a duplicate is reported even while the event has other
        problems, and a related id names an event that exists, valid or not."""
        problems: list[Problem] = []
        first_seen: dict[str, Identity] = {}
        ordered = list(entries)
        for entry in ordered:
            earlier = first_seen.setdefault(entry.id, entry)
            if earlier is not entry:
                line, _ = self.locate(earlier.origin, ("id",))
                first = ("first at", earlier.origin.path, line)
                problem = self._problem(entry.origin, ("id",), f"duplicate id {entry.id!r}")
                problems.append(replace(problem, see=first))
        for entry in ordered:
            for index, related in enumerate(entry.related):
                if related not in first_seen:
                    message = f"related id {related!r} does not exist"
                    problems.append(self._problem(entry.origin, ("related", index), message))
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


def source_path(base: Path, name: str) -> Path | str:
    """Where source `name` (relative to `base`, the repository) really is, links followed;
    or why it cannot be a source: it must resolve to a place inside the repository."""
    if "\0" in name:
        return f"source file not found: {name}"
    try:
        root = base.resolve()
        resolved = (root / name).resolve()
    except (OSError, RuntimeError):  # a loop of links
        return f"source file cannot be resolved (a loop of links?): {name}"
    if resolved != root and root not in resolved.parents:
        return f"source file is outside the repository ({root}): {name}"
    return resolved


def read_source(base: Path, name: str) -> SourceText:
    from jdiplo.index.freshness import now_ns, state_of
    from jdiplo.load import Unreadable, digest_of, read_bounded

    checked = now_ns()
    path = source_path(base, name)
    if isinstance(path, str):
        return SourceText(None, path, None, checked, "")
    state = state_of(str(path), follow=True)
    try:
        data = read_bounded(path, MAX_SOURCE_BYTES)
    except Unreadable as error:
        reason = str(error)
        if not path.exists() and not path.is_symlink():
            return SourceText(None, f"source file not found: {name}", state, checked, "")
        return SourceText(None, f"source file {name}: {reason}", state, checked, "")
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
