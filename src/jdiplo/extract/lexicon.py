"""Finding every phrase of the rules in a text in one pass, by words.

A text is cut into tokens (runs of letters and digits, and single other characters); a phrase
is cut the same way. The phrases are indexed by their first token, so the text is read once,
with a dictionary lookup per token, whatever the number of phrases: a large alternation of
regular expressions would try every phrase at every character instead.

A phrase matches tokens equal to its own (ignoring case when its list does), a word ending in
`*` any token it starts; where the phrase has a space the text must have some, and where it has
none ("U.S.", "2+2", "co-develop*") the text must have none either.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as written, or folded when the phrase ignores case
    prefix: bool  # "develop*"
    space_before: bool


def parse(phrase: str, ignore_case: bool) -> tuple[Word, ...]:
    """The words of a phrase, as the index matches them."""
    words: list[Word] = []
    previous_end = -1
    for match in _TOKEN.finditer(phrase):
        token = match.group(0)
        if (
            token == "*"
            and words
            and match.start() == previous_end
            and not words[-1].prefix
            and words[-1].text[-1:].isalnum()
        ):
            words[-1] = Word(words[-1].text, True, words[-1].space_before)
            previous_end = match.end()
            continue
        space = bool(words) and match.start() > previous_end
        words.append(Word(token.casefold() if ignore_case else token, False, space))
        previous_end = match.end()
    return tuple(words)


@dataclass(frozen=True)
class Phrases:
    """A list of phrases (a section of the rules); found through a `Document`."""

    items: tuple[str, ...]
    ignore_case: bool = True

    @property
    def patterns(self) -> list[tuple[Word, ...]]:
        return [words for words in (parse(item, self.ignore_case) for item in self.items) if words]


@dataclass(frozen=True, slots=True)
class Hit:
    begin: int
    stop: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, _: int = 0) -> str:
        return self.text


_Entry = tuple[Phrases, tuple[Word, ...]]


class Lexicon:
    """An index of many lists of phrases by their first word."""

    def __init__(self, lists: Iterable[Phrases]) -> None:
        self.exact: dict[str, list[_Entry]] = {}
        self.folded: dict[str, list[_Entry]] = {}
        self.prefixes: dict[tuple[bool, str], list[_Entry]] = {}
        self.prefix_lengths: set[int] = set()
        for phrases in set(lists):
            for words in phrases.patterns:
                first = words[0]
                entry = (phrases, words)
                if first.prefix:
                    self.prefixes.setdefault((phrases.ignore_case, first.text), []).append(entry)
                    self.prefix_lengths.add(len(first.text))
                elif phrases.ignore_case:
                    self.folded.setdefault(first.text, []).append(entry)
                else:
                    self.exact.setdefault(first.text, []).append(entry)
        self.lengths = sorted(self.prefix_lengths)

    def scan(self, text: str) -> Document:
        return Document(text, self)


class Document:
    """A text and every phrase of a lexicon found in it."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        self.tokens = tokens
        folded = [token[2].casefold() for token in tokens]
        found: dict[Phrases, list[tuple[int, int]]] = {}
        for index, (start, _, token) in enumerate(tokens):
            entries: list[_Entry] = []
            entries += lexicon.exact.get(token, ())
            entries += lexicon.folded.get(folded[index], ())
            for length in lexicon.lengths:
                if length > len(token):
                    break
                entries += lexicon.prefixes.get((True, folded[index][:length]), ())
                entries += lexicon.prefixes.get((False, token[:length]), ())
            for phrases, words in entries:
                stop = self._match(index, words, folded, phrases.ignore_case)
                if stop is not None:
                    found.setdefault(phrases, []).append((start, stop))
        self.found = {
            phrases: sorted(spans, key=lambda s: (s[0], -s[1])) for phrases, spans in found.items()
        }
        self.starts = {
            phrases: [span[0] for span in spans] for phrases, spans in self.found.items()
        }

    def _match(
        self, index: int, words: tuple[Word, ...], folded: list[str], ignore_case: bool
    ) -> int | None:
        tokens = self.tokens
        if index + len(words) > len(tokens):
            return None
        for offset, word in enumerate(words):
            position = index + offset
            token = folded[position] if ignore_case else tokens[position][2]
            if word.prefix:
                if not token.startswith(word.text):
                    return None
            elif token != word.text:
                return None
            if offset:
                gap = tokens[position][0] > tokens[position - 1][1]
                if gap != word.space_before:
                    return None
        return tokens[index + len(words) - 1][1]

    def find(self, phrases: Phrases, start: int = 0, end: int | None = None) -> list[Hit]:
        """The phrases found between `start` and `end`: leftmost, longest, not overlapping."""
        end = len(self.text) if end is None else end
        spans = self.found.get(phrases)
        if not spans:
            return []
        first = bisect.bisect_left(self.starts[phrases], start)
        hits: list[Hit] = []
        covered = start
        for begin, stop in spans[first:]:
            if begin >= end:
                break
            if begin < covered or stop > end:
                continue
            hits.append(Hit(begin, stop, self.text[begin:stop]))
            covered = stop
        return hits

    def search(self, phrases: Phrases, start: int = 0, end: int | None = None) -> Hit | None:
        hits = self.find(phrases, start, end)
        return hits[0] if hits else None
