"""Quotes and their sources: how a quote is compared with the text it cites, and, when it does
not occur, where it parts from the closest passage.

The comparison (docs/records.md, "Sources and quotes"): NFC, typographic quotes straightened,
whitespace collapsed; excerpts joined with `…` or `[...]` must each occur, in order; everything
else, case included, must match. This module imports nothing heavy: `jdiplo extract` checks its
drafts with it before any record model is built.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

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


# Finding where a quote parts from its source. Each occurrence in the source of one of the
# quote's rarest words votes for the place the quote would start at if that occurrence were the
# quote's own (an alignment vote): the passage the quote was copied from collects a vote from
# each of those words it kept, at one place (or nearly: the quote may have added or left out
# words), where passages that merely share some of its words collect fewer. Only the few places
# with the most votes are compared word by word (difflib). The source is searched at C speed
# (str.count, str.find); Python loops only over the places of the rare words.

_ANCHORS = 8  # the quote's rarest words in the source, whose places vote
_OCCURRENCES = 2000  # places of one word at most: a word more common than that says little
_COMPARED = 6  # candidate passages compared word by word
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
    best: tuple[int, int, list[str]] | None = None  # (matched words, -extra words, passage)
    for window in _candidate_windows(part, source):
        matcher = SequenceMatcher(None, words, window, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        first, last = blocks[0], blocks[-1]  # (a window holds at least the word that chose it)
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


def _candidate_windows(part: str, source: str) -> list[list[str]]:
    """The words of the passages of `source` with the most alignment votes for `part`, the
    likeliest first."""
    # A passage is the quote's length and half as much again on either side, for the words the
    # quote left out; two places that close are one passage.
    margin = len(part) // 2 + 40
    windows = []
    for start in likely_starts(part, source, margin):
        left = source.rfind(" ", 0, max(0, start - margin)) + 1  # (0 at the source's start)
        right = source.find(" ", min(len(source), start + len(part) + margin))
        windows.append(source[left : right if right >= 0 else len(source)].split(" "))
    return windows


def likely_starts(part: str, source: str, apart: int) -> list[int]:
    """Where in `source` the quote `part` most likely starts, by the votes of its rarest
    words, the likeliest first: at most `_COMPARED` places, each more than `apart` characters
    from the others."""
    padded = f" {source} "  # every word of the source between two spaces
    offsets: dict[str, list[int]] = {}  # each word of the quote: where it is in the quote
    offset = 0
    for word in part.split(" "):
        offsets.setdefault(word, []).append(offset)
        offset += len(word) + 1
    counts = {word: padded.count(f" {word} ") for word in offsets}
    anchors = sorted((word for word in offsets if counts[word]), key=lambda w: (counts[w], w))
    votes: dict[int, int] = {}  # where the quote would start in the source: votes
    for word in anchors[:_ANCHORS]:
        found = -1
        for _ in range(min(counts[word], _OCCURRENCES)):
            found = padded.find(f" {word} ", found + 1)  # = where the word starts in `source`
            for offset in offsets[word]:
                votes[found - offset] = votes.get(found - offset, 0) + 1
    # Votes a little apart count together: words the quote added or left out shift the places
    # of those after them.
    near = len(part) // 8 + 16
    starts = sorted(votes)
    support = {}
    for start in starts:
        around = starts[bisect_left(starts, start - near) : bisect_right(starts, start + near)]
        support[start] = sum(votes[other] for other in around)
    ranked = sorted(starts, key=lambda start: (-support[start], start))
    if len(ranked) > _COMPARED:
        # Places the rarest words cannot tell apart (a source that repeats a passage with a
        # word or two changed) are told apart by every word of the quote found in its place.
        floor = support[ranked[_COMPARED - 1]]
        tied = [start for start in ranked if support[start] >= floor]

        def in_place(start: int) -> int:  # (a place before the source's start holds nothing)
            return sum(
                start + offset >= 0 and padded.startswith(f" {word} ", start + offset)
                for word, places in offsets.items()
                for offset in places
            )

        tied.sort(key=lambda start: (-support[start], -in_place(start), start))
        ranked[: len(tied)] = tied
    chosen: list[int] = []
    for start in ranked:
        if all(abs(start - other) > apart for other in chosen):
            chosen.append(start)
            if len(chosen) == _COMPARED:
                break
    return chosen


def _first_difference(words: list[str], passage: list[str]) -> _Difference | None:
    from difflib import SequenceMatcher

    passage = list(passage)
    # A quote may begin or end inside a word of the source ("ustralian" of "Australian").
    if passage and passage[0].endswith(words[0]):
        passage[0] = words[0]
    if passage and passage[-1].startswith(words[-1]):
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
