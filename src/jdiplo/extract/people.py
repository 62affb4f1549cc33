"""People named with a title, written as the sentence gives them.

Patterns (titles and honorifics come from the rules; a name is one to four capitalised words,
hyphens and all-capital family names included, "Cho Tae-yul", "IWAYA Takeshi"):

- title before the name: "[South Korean] Foreign Minister Cho Tae-yul", "Japan's Defence
  Minister Kihara Minoru";
- name before the title: "Kihara Minoru, Japan's Defence Minister", "Mr. IWAYA Takeshi,
  Minister for Foreign Affairs of Japan";
- title with its country, then the name: "the Ambassador of the Republic of Korea to Japan, Yun
  Duk-min";
- a list of countries with names in brackets: "the defence ministers of the UK (John Healy) and
  Italy (Guido Crosetto)";
- "his counterpart Shin Won-sik": the role of the person named before, the country of the
  event's only partner.

The country of a person is the demonym or country their title carries; without one it is left
out. Names are not looked up anywhere (a people registry may later give canonical names).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from jdiplo.extract.lexicon import Document, Phrases
from jdiplo.extract.rules import Rules

_LOWER = r"a-z\u2019'\u00e0-\u017f"
_NAME_WORD = rf"(?:[A-Z][{_LOWER}]+(?:-[A-Za-z][{_LOWER}]*)?|[A-Z]{{2,}}(?:-[A-Z]+)?)"
_PARTICLE = r"(?:de|da|van|von|bin|binti|al|del|di|le)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
_SMALL = {"of", "the", "for", "and", "to"}


@dataclass(frozen=True, slots=True)
class PersonMention:
    start: int
    name: str
    role: str | None
    country: str | None
    how: str


class PeopleFinder:
    def __init__(
        self,
        rules: Rules,
        country_of: Callable[[str], str | None],
        not_names: set[str],
    ) -> None:
        """`country_of(text)` gives the country code of a demonym, a country's name or
        "Japan's"; `not_names` are capitalised words that never start a name."""
        self.rules = rules
        self.country_of = country_of
        self.not_names = not_names
        # Whether a clause may name someone: any title, plural ones too ("defence ministers")
        self.title_phrases = Phrases((*(f"{title}*" for title in rules.titles), "counterpart*"))

    @cached_property
    def _title(self) -> str:
        titles = sorted(self.rules.titles, key=lambda title: (-len(title), title))
        return "|".join(re.escape(title).replace(r"\ ", r"\s+") for title in titles) or "(?!)"

    @cached_property
    def _honorific(self) -> str:
        honorifics = sorted(self.rules.honorifics, key=len, reverse=True)
        body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in honorifics)
        return rf"(?:(?:{body})\s+)*" if body else ""

    @cached_property
    def _country_words(self) -> str:
        """Words that name a country before a title: demonyms and "X's"."""
        words = sorted(self.rules.demonyms, key=len, reverse=True)
        body = "|".join(re.escape(word) for word in words) or "(?!)"
        return rf"(?:{body}|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*'s)"

    @cached_property
    def _patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        title, honorific, country = self._title, self._honorific, self._country_words
        country_name = r"(?:the\s+)?(?P<of>[A-Z][\w'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'.-]*)*)"
        return [
            (
                "a title and a country before the name",
                re.compile(
                    rf"(?:(?P<country>{country})\s+)?(?P<title>{title})\s+"
                    rf"{honorific}(?P<name>{_NAME})"
                ),
            ),
            (
                "a name, then a title",
                re.compile(
                    rf"{honorific}(?P<name>{_NAME}),\s+(?:the\s+)?(?:(?P<country>{country})\s+)?"
                    rf"(?P<title>{title})(?!\s+{honorific}{_NAME_WORD})(?:\s+of\s+{country_name})?"
                ),
            ),
            (
                "a title of a country, then the name",
                re.compile(
                    rf"(?P<role>(?P<title>{title})\s+of\s+{country_name}"
                    rf"(?:\s+to\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)?),\s+"
                    rf"{honorific}(?P<name>{_NAME})(?=[,.;)]|\s+(?:said|stated|says|told))"
                ),
            ),
        ]

    @cached_property
    def _bracketed(self) -> re.Pattern[str]:
        title = self._title
        return re.compile(
            rf"(?i:(?P<title>(?:{title})s?))\s+of\s+(?P<list>(?:(?:the\s+)?"
            rf"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*\s+\([^()]+\)(?:,\s*|,?\s+and\s+)?)+)"
        )

    def find(self, doc: Document, start: int, end: int) -> list[PersonMention]:
        text = doc.text
        found: list[PersonMention] = []
        if doc.search(self.title_phrases, start, end) is None:
            return found
        taken: list[tuple[int, int]] = []

        def add(match_span: tuple[int, int], person: PersonMention) -> None:
            if any(person.name == other.name for other in found):
                return
            if any(s <= match_span[0] < e for s, e in taken):
                return
            found.append(person)
            taken.append(match_span)

        for match in self._bracketed.finditer(text, start, end):
            role = _singular(match.group("title"))
            for item in re.finditer(
                r"(?:the\s+)?(?P<country>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*)\s+\((?P<name>[^()]+)\)",
                match.group("list"),
            ):
                name = item.group("name").strip()
                if re.fullmatch(_NAME, name):
                    country = self.country_of(item.group("country"))
                    person = PersonMention(match.start(), name, role, country, "a list of titles")
                    if not any(person.name == other.name for other in found):
                        found.append(person)
            taken.append((match.start(), match.end()))
        for how, pattern in self._patterns:
            for match in pattern.finditer(text, start, end):
                name = self._trimmed_name(match.group("name"))
                if name is None:
                    continue
                groups = match.groupdict()
                role = " ".join((groups.get("role") or groups["title"]).split())
                country_text = groups.get("country") or groups.get("of")
                country = self.country_of(country_text) if country_text else None
                add(
                    (match.start(), match.end()),
                    PersonMention(match.start(), name, role, country, how),
                )
        found.sort(key=lambda person: person.start)
        return found

    def counterpart(self, doc: Document, start: int, end: int) -> tuple[int, str] | None:
        text = doc.text
        if doc.search(self.title_phrases, start, end) is None:
            return None
        match = re.compile(
            rf"\b(?:his|her|their)\s+(?:\w+\s+)?counterparts?,?\s+{self._honorific}(?P<name>{_NAME})"
        ).search(text, start, end)
        if match is None:
            return None
        name = self._trimmed_name(match.group("name"))
        return (match.start(), name) if name else None

    def _trimmed_name(self, name: str) -> str | None:
        words = name.split()
        while words and words[-1] in self.not_names:
            words.pop()
        if not words or words[0] in self.not_names:
            return None
        return " ".join(words)


def _singular(title: str) -> str:
    words = title.split()
    if words and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(
        word if word.lower() in _SMALL else word[:1].upper() + word[1:] for word in words
    )
