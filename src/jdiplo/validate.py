"""Checks that need the whole record set: duplicate ids, the ids that `related` and `fulfils`
name, quotes in their sources.

Per-file checks (syntax, fields, vocabularies, partner codes) happen while loading; these run
once every file is read, and locate their problems with `load.Locator`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from jdiplo.load import Loaded, Locator
from jdiplo.model import Event, Origin
from jdiplo.problems import Problem

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


@dataclass(frozen=True, slots=True)
class Identity:
    """What the id checks need of an event (the index keeps it without building the event)."""

    id: str
    origin: Origin
    related: tuple[str, ...]
    fulfils: tuple[str, ...] = ()

    def links(self) -> Iterator[tuple[str, int, str]]:
        """(field, position, id) of each id this event names."""
        for field in ID_LINKS:
            for index, linked in enumerate(getattr(self, field)):
                yield field, index, linked


# The fields whose values are ids of other events, which must exist.
ID_LINKS = ("related", "fulfils")


def identities(events: Iterable[Event]) -> Iterator[Identity]:
    for event in events:
        assert event.origin is not None, "loaded events carry their origin"
        yield Identity(event.id, event.origin, tuple(event.related), tuple(event.fulfils))


class Checks:
    """The checks across files. Problems are located with `locate` (see load.Locator)."""

    def __init__(self, records_dir: Path, locate: Locate | None = None) -> None:
        self.base = records_dir.parent
        self.locate = locate or Locator(records_dir)
        self.texts: dict[str, str | None] = {}

    def _problem(self, origin: Origin, loc: tuple[str | int, ...], message: str) -> Problem:
        line, col = self.locate(origin, loc)
        return Problem(origin.path, line, col, message)

    def ids(
        self, entries: Iterable[Identity], invalid_ids: Set[str] = frozenset()
    ) -> list[Problem]:
        """Duplicate ids (at the second place, naming the first) and `related` and `fulfils`
        ids that do not exist. `entries` come in file order; ids of events that failed to load
        count as known."""
        problems: list[Problem] = []
        first_seen: dict[str, Identity] = {}
        ordered = list(entries)
        for entry in ordered:
            earlier = first_seen.setdefault(entry.id, entry)
            if earlier is not entry:
                line, _ = self.locate(earlier.origin, ("id",))
                message = f"duplicate id {entry.id!r} (first at {earlier.origin.path}:{line})"
                problems.append(self._problem(entry.origin, ("id",), message))
        for entry in ordered:
            for field, index, linked in entry.links():
                if linked not in first_seen and linked not in invalid_ids:
                    message = f"{field} id {linked!r} does not exist"
                    problems.append(self._problem(entry.origin, (field, index), message))
        return problems

    def quotes(self, events: Iterable[Event]) -> list[Problem]:
        """Each quote of a `file` source must occur in that file."""
        problems: list[Problem] = []
        for event in events:
            assert event.origin is not None, "loaded events carry their origin"
            for index, source in enumerate(event.sources):
                if source.file is None:
                    continue
                if source.file not in self.texts:
                    self.texts[source.file] = _read_source(self.base / source.file)
                text = self.texts[source.file]
                if text is None:
                    message = f"source file not found: {source.file}"
                    problems.append(
                        self._problem(event.origin, ("sources", index, "file"), message)
                    )
                elif (found := quote_problem(source.quote, text)) is not None:
                    loc = ("sources", index, "quote")
                    problems.append(self._problem(event.origin, loc, f"{found} ({source.file})"))
        return problems


def check(loaded: Loaded, locate: Locate | None = None) -> list[Problem]:
    """Problems across the whole record set.

    `locate` finds the line and column of a field of an event; by default a `Locator` re-reads
    its file. `jdiplo add` passes its own, to locate problems of events not yet written.
    """
    checks = Checks(loaded.records_dir, locate)
    return checks.ids(identities(loaded.events), loaded.invalid_ids) + checks.quotes(loaded.events)


def _read_source(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return normalise_quote(data.decode("utf-8-sig", errors="replace"))
