"""The codebook: kind, level, domains, status, firsts and amounts of a clause, from the rules.

Each function looks at `text[start:end]` only and says which words decided, so that the
reviewer sees why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from jdiplo.extract.lexicon import Document, Hit, Phrases
from jdiplo.extract.rules import KindRule, Rules, phrase_pattern

_BOUNDARY = re.compile(r"[,;:()\[\]]|\.(?=\s|$)|\s[\u2013\u2014]\s")


@dataclass(frozen=True, slots=True)
class Coded:
    value: str
    how: str
    start: int = 0
    word: str = ""  # the word that decided
    word_at: int = 0  # where it is
    rule: KindRule | None = None  # the kind rule that decided


Span = tuple[int, int]


def kind(
    rules: Rules, doc: Document, start: int, end: int, exclude: Sequence[Span] = ()
) -> Coded | None:
    """The first kind rule whose words (and one of its `with` words, and none of its `unless`
    words) occur, not negated and not inside `exclude`; rules of a group compete by position."""
    done: set[str] = set()
    for rule in rules.kinds:
        if rule.group is None:
            coded = _kind_rule(rules, rule, doc, start, end, exclude)
            if coded is not None:
                return coded
            continue
        if rule.group in done:
            continue
        done.add(rule.group)
        found = [
            coded
            for member in rules.kinds
            if member.group == rule.group
            and (coded := _kind_rule(rules, member, doc, start, end, exclude)) is not None
        ]
        if found:
            return min(found, key=lambda coded: coded.start)
    return None


def _kind_rule(
    rules: Rules, rule: KindRule, doc: Document, start: int, end: int, exclude: Sequence[Span]
) -> Coded | None:
    match = _hit(rules, doc, rule.words, start, end, exclude)
    if match is None:
        return None
    if rule.unless is not None and doc.search(rule.unless, start, end) is not None:
        return None
    if rule.with_words is None:
        how = f'{rule.rule}: "{_words(match)}"'
        return Coded(rule.kind, how, match.start(), _words(match), match.start(), rule)
    other = _hit(rules, doc, rule.with_words, start, end, exclude)
    if other is None:
        return None
    how = f'{rule.rule}: "{_words(match)}" with "{_words(other)}"'
    first = min(match.start(), other.start())
    return Coded(rule.kind, how, first, _words(match), match.start(), rule)


def _hit(
    rules: Rules, doc: Document, phrases: Phrases, start: int, end: int, exclude: Sequence[Span]
) -> Hit | None:
    for hit in doc.find(phrases, start, end):
        if any(b <= hit.begin < e for b, e in exclude):
            continue
        if negated(rules, doc.text, start, hit.begin):
            continue
        return hit
    return None


def negated(rules: Rules, text: str, start: int, position: int) -> bool:
    """Whether one of the rules' negations or preparations ("no contract has yet been
    signed", "to prepare the summit") comes within the five words before `position`."""
    window = text[max(start, position - 60) : position]
    words = re.findall(r"[\w'\u2019-]+", window.lower())[-5:]
    if not words:
        return False
    tail = " ".join(words)
    for before in rules.preparations:
        if f" {before.lower()} " in f" {tail} ":
            return True
    for negation in rules.negations:
        negation = negation.lower()
        if " " in negation:
            if f" {negation} " in f" {tail} ":
                return True
        elif negation.startswith("n'") or negation.startswith("n\u2019"):
            if any(word.endswith(negation) for word in words):
                return True
        elif negation in words:
            return True
    return False


def level(rules: Rules, doc: Document, start: int, end: int) -> Coded | None:
    """The highest level whose words occur; a longer phrase hides the words inside it ("Vice
    Minister" is no minister, "Prime Minister" no mere minister)."""
    found: list[tuple[int, int, int, str]] = []
    for rank, rule in enumerate(rules.levels):
        for match in doc.find(rule.words, start, end):
            if not negated(rules, doc.text, start, match.start()):  # "to prepare the summit"
                found.append((match.start(), match.end(), rank, _words(match)))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, int, str]] = []
    for item in found:
        if any(item[0] < other[1] and other[0] < item[1] for other in kept):
            continue
        kept.append(item)
    if not kept:
        return None
    best = min(kept, key=lambda item: (rules.level_rank(rules.levels[item[2]].value), item[0]))
    return Coded(rules.levels[best[2]].value, f'"{best[3]}"', best[0])


def domains(rules: Rules, doc: Document, start: int, end: int) -> list[Coded]:
    found: list[Coded] = []
    for rule in rules.domains:
        match = doc.search(rule.words, start, end)
        if match is not None and all(item.value != rule.value for item in found):
            found.append(Coded(rule.value, f'"{_words(match)}"', match.start()))
    return found


def plan(rules: Rules, doc: Document, start: int, end: int) -> Coded | None:
    """A plan told in the clause: a word of the rules' `plans`, or one of their `plan_verbs`
    followed within a few words by "to" and a verb ("agreed on Thursday to expand")."""
    match = doc.search(rules.plans, start, end)
    found = None if match is None else Coded("announced", f'"{_words(match)}"', match.start())
    for verb in doc.find(rules.plan_verbs, start, end):
        after = _TO_VERB.match(doc.text, verb.end(), end)
        if after is not None and (found is None or verb.start() < found.start):
            shown = " ".join(doc.text[verb.start() : after.end()].split())
            found = Coded("announced", f'"{shown}"', verb.start())
            break
    return found


_TO_VERB = re.compile(r"(?:\s+[\w-]+){0,4}?\s+to\s+(?!the\b|a\b|an\b|its\b|their\b)[a-z]+\b")


@cache
def _ongoing_pattern(rules: Rules) -> re.Pattern[str]:
    be = "|".join(re.escape(word) for word in rules.ongoing_be) or "(?!)"
    adverb = r"(?:\s+(?:[a-z]+ly|also|now|still|already|further|not))"
    return re.compile(rf"(?i)\b(?:{be}){adverb}{{0,2}}\s+(?:being\s+[a-z]+|(?P<verb>[a-z]+ing)\b)")


def ongoing(rules: Rules, doc: Document, start: int, end: int) -> Hit | None:
    """The first words of an ongoing process told in the clause: a form of `be` before a word
    in -ing ("are extending", "is seriously increasing", "is being extended"), or one of the
    rules' ongoing phrases ("are working to"); never a word of their `except` ("was going to")."""
    found: list[Hit] = []
    excepted = {word.lower() for word in rules.ongoing_except}
    for match in _ongoing_pattern(rules).finditer(doc.text, start, end):
        if (match.group("verb") or "").lower() not in excepted:
            found.append(Hit(match.start(), match.end(), match.group(0)))
            break
    phrase = doc.search(rules.ongoing_phrases, start, end)
    if phrase is not None:
        found.append(phrase)
    return min(found, key=lambda hit: hit.begin) if found else None


def told_as_process(
    rules: Rules, doc: Document, start: int, end: int, coded: Coded
) -> Coded | None:
    """The kind of a clause whose kind rule has `ongoing:` and which tells an ongoing process
    rather than the act ("the parties are updating the alliance, extending the scope of defence
    agreements": `other`, not `agreement`); None when the rule has none, when the clause tells
    no process, or when the word that decided is an act done ("signed", "agreed")."""
    rule = coded.rule
    if rule is None or rule.ongoing is None:
        return None
    words = coded.word.lower().split()
    if any(word.endswith("ed") or word in rules.past_verbs for word in words):
        return None
    process = ongoing(rules, doc, start, end)
    if process is None:
        return None
    how = f'an ongoing process, not {rule.kind}: "{_words(process)}"'
    return Coded(rule.ongoing, how, coded.start, coded.word, coded.word_at, rule)


_SUMMIT_NAME = re.compile(r"(?:\s+[\w'\u2019+-]+){0,5}\s+")


def held_at_summit(
    rules: Rules, doc: Document, start: int, end: int
) -> tuple[tuple[int, int], str] | None:
    """Where the text between `start` and `end` places talks at a summit: a word of the rules'
    `held_at`, then within five words one of the words of the kind `summit` ("at the Washington
    NATO Summit", "on the sidelines of the G7 summit"), not negated or prepared ("ahead of the
    summit"); the span of those words, and the words."""
    text = doc.text
    summits = [rule.words for rule in rules.kinds if rule.kind == "summit"]
    for hit in doc.find(rules.held_at, start, end):
        for words in summits:
            found = doc.search(words, hit.stop, min(end, hit.stop + 80))
            if (
                found is not None
                and _SUMMIT_NAME.fullmatch(text, hit.stop, found.begin)
                and not negated(rules, text, start, found.begin)
            ):
                return (hit.begin, found.stop), " ".join(text[hit.begin : found.stop].split())
    return None


def announcement(rules: Rules, doc: Document, start: int, end: int) -> bool:
    return doc.search(rules.announcements, start, end) is not None


def opinion(rules: Rules, doc: Document, start: int, end: int) -> bool:
    return doc.search(rules.opinions, start, end) is not None


# Firsts


@dataclass(frozen=True, slots=True)
class First:
    start: int
    end: int
    text: str


@cache
def _first_patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(phrase_pattern(noun) for noun in rules.first_nouns) or "(?!)"
    noun_phrase = re.compile(
        rf"(?i)\b(?:the|a|its|their|his|her)\s+first\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})"
    )
    recent = re.compile(
        r"(?i)\b(?:the|a|its|their|his|her)\s+first\b[^,;.()]{0,80}?"
        r"\b(?:in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"fifteen|twenty|thirty|several|many)\s+(?:years|decades)|in\s+a\s+decade|since\s+\d{4})\b"
    )
    return noun_phrase, recent


def firsts(rules: Rules, doc: Document, start: int, end: int) -> list[First]:
    """Precedents the clause reports, each running to the end of its phrase."""
    text = doc.text
    noun_phrase, recent = _first_patterns(rules)
    found: list[First] = []

    def add(begin: int, stop: int) -> None:
        stop = _phrase_end(text, stop, end)
        if any(begin < other.end and other.start < stop for other in found):
            return
        found.append(First(begin, stop, " ".join(text[begin:stop].split())))

    for match in doc.find(rules.first_phrases, start, end):
        words = match.group(0).lower()
        if words.startswith("for the first time"):
            add(match.start(), match.end())
        else:  # "a historical first": what it was is said before it
            begin = _phrase_start(text, start, match.start())
            add(begin, match.end())
    not_after = {word.lower() for word in rules.first_not_after}
    for found_noun in noun_phrase.finditer(text, start, end):
        after = text[found_noun.start() : found_noun.end()].split()
        follows = after[2].lower() if len(after) > 2 else ""
        if follows in not_after and not recent.match(text, found_noun.start(), end):
            continue
        add(found_noun.start(), found_noun.end())
    for found_recent in recent.finditer(text, start, end):
        add(found_recent.start(), found_recent.end())
    found.sort(key=lambda item: item.start)
    return found


_VERB = re.compile(
    r"\s(?:will|would|is|was|are|were|has|have|had|which|that|who|should|could|can|may|must|"
    r"shall)\b"
)


def _phrase_end(text: str, position: int, end: int) -> int:
    """Where a first's phrase ends: at a comma, a bracket, a full stop or a verb."""
    match = _BOUNDARY.search(text, position, end)
    stop = match.start() if match else end
    verb = _VERB.search(text, position, stop)
    if verb is not None:
        stop = verb.start()
    while stop > position and text[stop - 1] in " .":
        stop -= 1
    return stop


def _phrase_start(text: str, start: int, position: int) -> int:
    begin = start
    for match in _BOUNDARY.finditer(text, start, position):
        begin = match.end()
    while begin < position and text[begin] == " ":
        begin += 1
    return begin


# Amounts


@cache
def _amount_patterns(rules: Rules) -> re.Pattern[str]:
    currencies = sorted(rules.currencies, key=lambda name: (-len(name), name))
    names = "|".join(
        re.escape(name) + (r"(?!\w)" if re.search(r"\w$", name) else "") for name in currencies
    )
    multipliers = "|".join(sorted(map(re.escape, rules.multipliers), key=len, reverse=True))
    number = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    multiplier = rf"(?:\s*(?P<mult>{multipliers or '(?!)'})\b)?"
    return re.compile(
        rf"(?:(?P<before>{names or '(?!)'})\s*{number}{multiplier}"
        rf"|{number.replace('<n>', '<n2>')}{multiplier.replace('<mult>', '<mult2>')}"
        rf"\s*(?P<after>{names or '(?!)'}))"
    )


def amounts(rules: Rules, text: str, start: int, end: int) -> list[tuple[int, str, int | float]]:
    """(position, currency code, value) of each sum of money written in the clause."""
    found = []
    for match in _amount_patterns(rules).finditer(text, start, end):
        groups = match.groupdict()
        currency = rules.currencies[groups["before"] or groups["after"]]
        number = groups["n"] or groups["n2"]
        multiplier = groups["mult"] or groups["mult2"]
        try:
            value = Decimal(number.replace(",", ""))
        except InvalidOperation:
            continue
        if multiplier:
            value *= rules.multipliers[multiplier]
        found.append(
            (match.start(), currency, int(value) if value == value.to_integral() else float(value))
        )
    return found


def amount(rules: Rules, text: str, start: int, end: int) -> tuple[dict[str, Any], str] | None:
    """The first sum of the clause, with its value in US dollars when the text gives it too."""
    found = amounts(rules, text, start, end)
    if not found:
        return None
    position, currency, value = found[0]
    data: dict[str, Any] = {"value": value, "currency": currency}
    usd = next((item for item in found[1:] if item[1] == "USD"), None)
    if currency != "USD" and usd is not None:
        data["usd"] = usd[2]
        stop = usd[0] + 40
    else:
        stop = position + 40
    shown = " ".join(text[position : min(end, stop)].split())
    return data, f'"{shown}"'


def _words(match: re.Match[str] | Hit) -> str:
    return " ".join(match.group(0).split())
