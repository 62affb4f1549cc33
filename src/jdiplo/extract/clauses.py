"""Clauses: where a sentence tells more than one event.

A sentence is cut:

- where a new date starts after ", and", ", while", ", whereas", ", but" or ";" ("..., and on
  July 28, Japanese Defence Minister Kihara held a meeting") — a clause with its own date;
- before a word of the rules' `sequence_words` after a comma or "and" ("..., then invited ...",
  "and next met ...") — a clause that goes on with the same subject;
- before a verb in the past tense after "and" ("made a port call at Yokosuka, and joined
  Japanese destroyers for an exercise"; "signed a memorandum and said their air forces would
  hold an exercise") when both sides have a kind of their own — a new action of the same
  subject;
- around an aside in brackets that starts with "and" ("(and Japanese Prime Minister Fumio
  Kishida then held separate talks with Joe Biden)") — a clause of its own.

Anything after an aside is left out of the clauses (it comments on what came before).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from jdiplo.extract.rules import phrase_pattern

Role = Literal["main", "new", "sequence", "action", "aside"]

# The words that open a clause without being its subject: connectives, a numbered point, a
# time or place before a comma ("Thus, on July 26, in the capital of Laos, ...").
LEADING = re.compile(
    r"^(?:(?:and|but|so|thus|then|next|moreover|however|also|in\s+addition|additionally|"
    r"meanwhile|curiously|firstly|secondly|thirdly|finally|furthermore|besides|indeed|"
    r"separately|in\s+any\s+case|as\s+a\s+result|at\s+the\s+same\s+time)\b,?\s*"
    r"|\d{1,3}\.\s+"
    r"|(?:on|in|at|during|by|from|since|after|before)\s[^,]{1,60},\s*)+",
    re.IGNORECASE,
)
_NEW_DATE = re.compile(r",\s*(?:and|while|whereas|but)\s+|;\s*(?:and\s+)?")
_GAP_BEFORE_DATE = re.compile(r"(?i)(?:on|in|at|during|from|by)?\s*")
_PAST = re.compile(r",?\s+and\s+(?=([a-z]+)\b)")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    role: Role


def sequence_pattern(words: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(phrase_pattern(word) for word in words) or "(?!)"
    return re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:{alternatives})\s+(?=[a-z])")


def cut(
    text: str,
    start: int,
    end: int,
    date_starts: Sequence[int],
    sequence: re.Pattern[str],
    past_verbs: Collection[str],
    has_kind: Callable[[int, int], bool],
) -> list[Clause]:
    """The clauses of `text[start:end]`; `date_starts` are where its time expressions start,
    `has_kind(start, end)` whether a span has a kind's words."""
    cuts: list[tuple[int, int, Role]] = []  # (cut at, next clause starts at, its role)
    aside: Role = "aside"
    for match in _NEW_DATE.finditer(text, start, end):
        following = next((position for position in date_starts if position >= match.end()), None)
        if following is not None and _GAP_BEFORE_DATE.fullmatch(text, match.end(), following):
            cuts.append((match.start(), _after_comma(text, match.start()), "new"))
    for match in sequence.finditer(text, start, end):
        cuts.append((match.start(), _after_comma(text, match.start()), "sequence"))
    for match in _PAST.finditer(text, start, end):
        verb = match.group(1)
        past = verb.endswith("ed") or verb in past_verbs
        if past and has_kind(match.end(), end) and has_kind(start, match.start()):
            cuts.append((match.start(), _after_comma(text, match.start()), "action"))
    asides = _asides(text, start, end)
    points = sorted(
        [item for item in cuts if not any(a < item[0] < b for a, b in asides)]
        + [(opening, opening + 1, aside) for opening, _ in asides]
    )
    clauses: list[Clause] = []
    begin: int = start
    role: Role = "main"
    for at, next_begin, next_role in points:
        if at <= begin:
            continue
        clauses.append(Clause(begin, at, role))
        begin, role = next_begin, next_role
        if role == "aside":
            closing = next(b for a, b in asides if a + 1 == begin)
            clauses.append(Clause(begin, closing, "aside"))
            begin = end  # what follows an aside comments on it: left out
    if begin < end:
        clauses.append(Clause(begin, end, role))
    return [trimmed for clause in clauses if (trimmed := _trim(text, clause)) is not None]


def _after_comma(text: str, position: int) -> int:
    return position + 1 if text[position] in ",;" else position


def _asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for match in re.finditer(r"\((?=and\s)", text[start:end]):
        opening = start + match.start()
        closing = text.find(")", opening, end)
        if closing > 0:
            found.append((opening, closing))
    return found


def _trim(text: str, clause: Clause) -> Clause | None:
    left, right = clause.start, clause.end
    while left < right and (text[left].isspace() or text[left] in ",;"):
        left += 1
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",;"):
        right -= 1
    return Clause(left, right, clause.role) if right > left else None
