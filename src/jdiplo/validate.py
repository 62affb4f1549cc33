"""Checks that need the whole record set: duplicate ids, the ids that `related` and `fulfils`
name, quotes in their sources.

Per-file checks (syntax, fields, vocabularies, partner codes) happen while loading; these run
once every file is read, and locate their problems with `load.Locator`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.load import Evidence, Identity, Loaded, Locator
from jdiplo.model import Event, Origin
from jdiplo.problems import Problem

if TYPE_CHECKING:
    from jdiplo.index.freshness import FileState
    from jdiplo.people import PeopleRegistry

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
    """Why `quote` does not occur in `source_text` (already normalised), or None when it does.

    The message shows where the quote parts from the closest passage of the source: the first
    words that differ, marked, and that passage around them (see `_closest_passage`).
    """
    parts = excerpts(quote)
    position = 0
    for number, part in enumerate(parts, start=1):
        found = source_text.find(part, position)
        if found < 0:
            which = f"excerpt {number} of the quote" if len(parts) > 1 else "quote"
            if len(parts) > 1 and source_text.find(part) >= 0:
                return f"{which} occurs in the source, but not after excerpt {number - 1}"
            difference = _closest_passage(part, source_text)
            if difference is None:
                shown = part if len(part) <= 60 else part[:57] + "..."
                return f"{which} not found in the source, nor anything close to it: {shown!r}"
            return f"{which} not found in the source: {difference}"
        position = found + len(part)
    return None


# Finding where a quote parts from its source. Candidates for the passage the quote was copied
# from are found by plain substring search (the longest prefix and suffix of the quote that
# occur, and the occurrences of its longest words), so that a source of megabytes costs a few
# scans; only a handful of windows around candidates are compared word by word (difflib).

_ANCHOR_WORDS = 8  # the quote's longest words whose occurrences suggest a passage
_OCCURRENCES = 20  # occurrences of each such word looked at
_COMPARED = 6  # candidate windows compared word by word
_CONTEXT = 6  # words of the passage shown on each side of the difference
_SHOWN = 6  # differing words shown at most on each side


@dataclass(frozen=True, slots=True)
class _Difference:
    quote: list[str]  # the quote's words that differ (with a word of context if it has none)
    source: list[str]  # the source's words there
    passage: str  # the passage around them, the source's words marked
    replaced: bool  # the quote has other words where the source has these (not fewer, more)

    def __str__(self) -> str:
        said = f"the quote has {_marked(self.quote)}, the source {_marked(self.source)}"
        ours, theirs = " ".join(self.quote), " ".join(self.source)
        if self.replaced and ours.casefold() == theirs.casefold():
            said += f" (the case differs: write {theirs!r})"
        elif self.replaced and _similar(ours, theirs):
            said += f" (write it as the source does: {theirs!r})"
        return f"{said}; closest passage: '{self.passage}'"


def _marked(words: list[str]) -> str:
    shown = words if len(words) <= _SHOWN else [*words[: _SHOWN - 1], "…"]
    return "«" + " ".join(shown) + "»"


def _similar(ours: str, theirs: str) -> bool:
    """Two spellings of the same words (Defense and Defence), not two different words."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, ours.casefold(), theirs.casefold()).ratio() >= 0.75


def _closest_passage(part: str, source: str) -> _Difference | None:
    """The first difference between `part` (one normalised excerpt that does not occur in
    `source`) and the passage of `source` closest to it; None when nothing is close."""
    from difflib import SequenceMatcher

    words = part.split(" ")
    best: tuple[int, int, list[str]] | None = None  # (matched words, -extra words, window)
    for window in _candidate_windows(part, words, source):
        matcher = SequenceMatcher(None, words, window, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if not blocks:
            continue
        first, last = blocks[0], blocks[-1]
        start = max(0, first.b - first.a)
        end = min(len(window), last.b + last.size + (len(words) - last.a - last.size))
        passage = window[start:end]
        matched = sum(block.size for block in blocks)
        score = (matched, -abs(len(passage) - len(words)), passage)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] * 3 < len(words):
        return None
    return _first_difference(words, best[2])


def _candidate_windows(part: str, words: list[str], source: str) -> list[list[str]]:
    """Words of the source around the places the quote may have been copied from, the most
    promising first (by how many of the quote's words they hold)."""
    starts: list[int] = []
    prefix = _longest_found(words, source, from_start=True)
    if prefix:
        starts.append(source.find(" ".join(words[:prefix])))
    suffix = _longest_found(words, source, from_start=False)
    if suffix:
        found = source.find(" ".join(words[len(words) - suffix :]))
        starts.append(found - len(" ".join(words[: len(words) - suffix])) - 1)
    offsets: dict[str, int] = {}
    offset = 0
    for word in words:
        offsets.setdefault(word, offset)
        offset += len(word) + 1
    for word in sorted(offsets, key=len, reverse=True)[:_ANCHOR_WORDS]:
        found = source.find(word)
        for _ in range(_OCCURRENCES):
            if found < 0:
                break
            starts.append(found - offsets[word])
            found = source.find(word, found + 1)
    slack = len(part) // 2 + 40
    wanted = set(words)
    windows: dict[tuple[int, int], list[str]] = {}
    for start in starts:
        left = max(0, start - slack)
        left = source.rfind(" ", 0, left) + 1 if left else 0
        right = source.find(" ", min(len(source), start + len(part) + slack))
        right = len(source) if right < 0 else right
        if (left, right) not in windows:
            windows[(left, right)] = source[left:right].split(" ")
    ranked = sorted(windows.values(), key=lambda w: -sum(word in wanted for word in w))
    return ranked[:_COMPARED]


def _longest_found(words: list[str], source: str, from_start: bool) -> int:
    """How many words from the start (or the end) of the quote occur together in the source:
    a binary search, since a part of a found part is always found."""
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        chosen = words[:middle] if from_start else words[len(words) - middle :]
        if " ".join(chosen) in source:
            low = middle
        else:
            high = middle - 1
    return low


def _first_difference(words: list[str], passage: list[str]) -> _Difference | None:
    from difflib import SequenceMatcher

    passage = list(passage)
    # A quote may begin or end inside a word of the source ("ustralian" of "Australian").
    if passage and words[0] != passage[0] and passage[0].endswith(words[0]):
        passage[0] = words[0]
    if passage and words[-1] != passage[-1] and passage[-1].startswith(words[-1]):
        passage[-1] = words[-1]
    matcher = SequenceMatcher(None, words, passage, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        replaced = tag == "replace"
        if i1 == i2 or j1 == j2:  # words only one side has: show the word they stand beside
            if i2 < len(words) and j2 < len(passage):
                i2, j2 = i2 + 1, j2 + 1
            elif i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
        ours, theirs = words[i1:i2], passage[j1:j2]
        first, last = max(0, j1 - _CONTEXT), min(len(passage), j2 + _CONTEXT)
        shown = [*passage[first:j1], _marked(theirs), *passage[j2:last]]
        text = ("…" if first else "") + " ".join(shown) + ("…" if last < len(passage) else "")
        return _Difference(ours, theirs, text, replaced)
    return None


Locate = Callable[[Origin, tuple[str | int, ...]], tuple[int, int]]

MAX_SOURCE_BYTES = 20 * 1024 * 1024


def identities(events: Iterable[Event]) -> Iterator[Identity]:
    for event in events:
        assert event.origin is not None, "loaded events carry their origin"
        yield Identity(event.id, event.origin, tuple(event.related), tuple(event.fulfils))


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
                problems.append(replace(problem, see=first))
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
    """The line and column of a person's name in its event (the event's line when the name is
    written so that it cannot be found as it is: escaped, or folded)."""
    start = mention.origin.line - 1
    for number in range(start, len(lines)):
        column = lines[number].find(mention.name)
        if column >= 0:
            return number + 1, column + 1
    return mention.origin.line, 1
