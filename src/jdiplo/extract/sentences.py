"""Paragraphs and sentences of a plain-text article, as spans of the original text.

Every span indexes the text as read, so a quote cut from it is verbatim. The rules are small:

- a line is a paragraph (blank lines separate nothing more); a sentence never crosses a line;
- a sentence ends at `.`, `!` or `?` (and any closing quotes or brackets) followed by a space
  and a capital letter, a digit or an opening quote, unless the word before the full stop is an
  abbreviation of the rules (`Mr`, `e.g`, `U.S`...), a single initial (`J.`) or the number of
  a numbered point at the start of a line (`2. The two Ministers ...`);
- a line that does not end like a sentence (a title, a heading, a byline) is a heading: it is
  kept as one sentence marked `heading`, and never gives an event.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_FINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    line: int  # 1-based line of the text
    paragraph: int  # 0-based number of the paragraph (a non-empty line)
    heading: bool = False


def lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, line number) of each line of `text`, without its line break."""
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        end = position + len(line)
        trimmed = end - 1 if line.endswith("\r") else end
        yield position, trimmed, number
        position = end + 1


def split(text: str, abbreviations: Collection[str]) -> list[Sentence]:
    """The sentences of `text`, in order."""
    sentences: list[Sentence] = []
    paragraph = -1
    for start, end, number in lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        paragraph += 1
        if not _FINAL.search(line):
            left, right = _trimmed(text, start, end)
            sentences.append(Sentence(left, right, number, paragraph, heading=True))
            continue
        begin = start
        for match in _END.finditer(text, start, end):
            if _abbreviation(text, begin, match.start(), abbreviations):
                continue
            left, right = _trimmed(text, begin, match.end())
            if right > left:
                sentences.append(Sentence(left, right, number, paragraph))
            begin = match.end()
        left, right = _trimmed(text, begin, end)
        if right > left:
            sentences.append(Sentence(left, right, number, paragraph))
    return sentences


def _abbreviation(text: str, begin: int, stop: int, abbreviations: Collection[str]) -> bool:
    """Whether the full stop at `stop` ends an abbreviation rather than a sentence."""
    if text[stop] != ".":
        return False
    match = _WORD_BEFORE.search(text, begin, stop)
    if match is None:
        return False
    word = match.group(1).lstrip("(\"'\u201c\u2018[")
    if word in abbreviations:
        return True
    if match.start(1) == begin and word.isdigit() and len(word) <= 3:
        return True  # a numbered point: "2. The two Ministers ..."
    return len(word) == 1 and word.isalpha() and word.isupper()  # an initial: "J. Smith"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
