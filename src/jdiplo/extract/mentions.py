"""Partners, frameworks and places named in a clause, found with the registry and the rules.

- Partners by the registry's names, aliases and codes (codes of two letters only when the rules
  list them), and by the rules' demonyms ("South Korean"); all as written, case counts.
- Hyphenated pairs and axes of names, demonyms and capitals: "ROK-Japanese", "Japan-US",
  "Seoul-Washington-Tokyo". A capital alone is a place, not a partner.
- Never Japan (the registry's focal party): it is recognised, so that it is not taken for
  something else, and left out.
- Not partners: names inside the rules' `not_partners` phrases ("South China Sea"), names that
  are topics (after `topic_words` such as "against", before `topic_nouns` such as "crisis"),
  and a country named as the venue ("in the capital of Laos") when other partners are named.
- Groupings and organisations (IP4, NATO, UNESCO) and the registry's frameworks (2+2, JUSK) are
  frameworks; the caller turns a grouping into its members when no state is named.
- An organisation is a party (a partner) only where the text makes it one (`Gazetteer.parties`):
  a counterpart of Japan, the subject of the clause, one of its officials, or the one whose
  act the event is; never the occasion ("at the NATO Summit") or a topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jdiplo.extract.clauses import LEADING
from jdiplo.extract.lexicon import Document, Hit, Phrases
from jdiplo.extract.rules import Rules
from jdiplo.partners import Registry

if TYPE_CHECKING:
    from jdiplo.extract.coding import Coded

_PAIR_JOINERS = "-\u2013"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    codes: tuple[str, ...]  # partner or framework codes (the focal party's too)
    how: str  # name, alias, code, demonym, capital, pair, axis, framework
    framework: bool = False  # a grouping, an organisation or a framework
    topic: bool = False
    venue: bool = False


@dataclass(frozen=True, slots=True)
class Party:
    """An organisation that a clause names as a party to its event."""

    code: str
    how: str
    acting: bool  # the one whose act the event is ("the UNESCO World Heritage List")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    how: str


class Gazetteer:
    """The names of partners, frameworks and places, indexed once per run."""

    def __init__(self, rules: Rules, registry: Registry) -> None:
        self.rules = rules
        self.registry = registry
        self.names = _names(rules, registry)
        self.name_phrases = Phrases(tuple(self.names), ignore_case=False)
        self.places = {**rules.places, **rules.capitals}
        self.place_phrases = Phrases(tuple(self.places), ignore_case=False)
        self.venue_phrases = Phrases(tuple(rules.venues), ignore_case=False)

    def phrase_lists(self) -> list[Phrases]:
        return [self.name_phrases, self.place_phrases, self.venue_phrases]

    # Partners and frameworks

    def mentions(self, doc: Document, start: int, end: int) -> list[Mention]:
        """Partners and frameworks named between `start` and `end`, in order, with the ones that
        are topics or venues marked."""
        text = doc.text
        blocked = [(hit.begin, hit.stop) for hit in doc.find(self.rules.not_partners, start, end)]
        singles = [
            hit
            for hit in doc.find(self.name_phrases, start, end)
            if not any(b <= hit.begin < e or b < hit.stop <= e for b, e in blocked)
            and not text.startswith("$", hit.stop)
        ]
        mentions: list[Mention] = []
        index = 0
        while index < len(singles):
            group = [singles[index]]
            while (
                index + 1 < len(singles)
                and singles[index + 1].begin == group[-1].stop + 1
                and text[group[-1].stop] in _PAIR_JOINERS
            ):
                index += 1
                group.append(singles[index])
            index += 1
            mentions.append(self._mention(text, group))
        topics = self._topic_spans(doc, start, end, mentions)
        marked = []
        for mention in mentions:
            topic = any(b <= mention.start < e for b, e in topics) or self._topic_noun_after(
                doc, mention.end, end
            )
            venue = mention.how not in ("pair", "axis") and self._venue_before(
                doc, start, mention.start
            )
            marked.append(_replace(mention, topic=topic, venue=venue))
        return marked

    def _mention(self, text: str, group: list[Hit]) -> Mention:
        start, end = group[0].begin, group[-1].stop
        if len(group) == 1:
            code, how, framework = self.names[_name(group[0].text)]
            if how == "capital":
                following = _NEXT_WORD.match(text, end)
                if following is not None and following.group(1) in self.rules.capital_verbs:
                    how = f"capital, before {following.group(1)!r}"
            return Mention(start, end, text[start:end], (code,), how, framework)
        codes = []
        for hit in group:
            code, _, framework = self.names[_name(hit.text)]
            if framework:
                continue
            if code not in codes:
                codes.append(code)
        how = "pair" if len(group) == 2 else "axis"
        return Mention(start, end, text[start:end], tuple(codes), how)

    def _topic_spans(
        self, doc: Document, start: int, end: int, mentions: list[Mention]
    ) -> list[tuple[int, int]]:
        """Where the partners named are topics: from a topic word to the end of its phrase; a
        phrase goes on through a list of names ("against Russia, the DPRK and China")."""
        text = doc.text
        spans = []
        for hit in doc.find(self.rules.topic_words, start, end):
            stop = hit.stop
            while True:
                boundary = _PHRASE_END.search(text, stop, end)
                if boundary is None:
                    stop = end
                    break
                if boundary.group(0) == ",":
                    following = _LIST_GOES_ON.match(text, boundary.end(), end)
                    at = following.end() if following else boundary.end()
                    if any(mention.start == at for mention in mentions):
                        stop = at + 1
                        continue
                stop = boundary.start()
                break
            spans.append((hit.stop, stop))
        return spans

    def _topic_noun_after(self, doc: Document, position: int, end: int) -> bool:
        for hit in doc.find(self.rules.topic_nouns, position, min(end, position + 40)):
            return len(doc.text[position : hit.begin].split()) <= 1
        return False

    def _venue_before(self, doc: Document, start: int, position: int) -> bool:
        text = doc.text
        for hit in doc.find(self.rules.venue_words, max(start, position - 40), position):
            if not text[hit.stop : position].strip():
                return True
        return False

    # Organisations as parties

    def parties(
        self,
        doc: Document,
        mentions: list[Mention],
        start: int,
        end: int,
        coded: Coded | None,
        titles: Phrases,
    ) -> list[Party]:
        """Organisations of the registry (not groupings) that the clause `start:end` names as
        parties, given the kind that coded it and the titles of people (`titles`):

        - a counterpart: joined to Japan by "and" or in a list with it ("Japan and NATO",
          "Japan, Australia and NATO"), after "with" right after the word that gave the kind
          ("held talks with NATO"; not "cooperation with NATO"), the subject of the clause
          before a verb ("NATO agreed"), or named with the title of one of its officials
          ("NATO Secretary General Mark Rutte");
        - the one whose act the event is: its name goes on with a word of the kind rule that
          coded the clause ("the UNESCO World Heritage List" for a World Heritage inscription,
          "a NATO exercise");
        - never when its name goes on with an occasion ("at the NATO Summit", "the UN General
          Assembly": a framework of the event), nor when it is a topic ("against NATO")."""
        text = doc.text
        found: list[Party] = []
        for index, mention in enumerate(mentions):
            if not mention.framework or mention.topic or len(mention.codes) != 1:
                continue
            code = mention.codes[0]
            partner = self.registry.partners.get(code)
            if partner is None or partner.kind != "organisation" or partner.members:
                continue
            tail = _NAME_TAIL.match(text, mention.end, end)
            name_end = tail.end() if tail is not None else mention.end
            if doc.search(self.rules.occasions, mention.end, name_end) is not None:
                continue  # "at the NATO Summit": the occasion
            if self._counterpart(text, mentions, index, start, coded):
                found.append(Party(code, f'"{mention.text}" (an organisation, a party)', False))
                continue
            title = doc.search(titles, mention.end, name_end)
            if title is not None and len(text[mention.end : title.begin].split()) <= 1:
                shown = _name(text[mention.start : title.stop])
                found.append(Party(code, f'"{shown}" (an official of the organisation)', False))
                continue
            rule = coded.rule if coded is not None else None
            if rule is None:
                continue
            lists = [rule.words, *([rule.with_words] if rule.with_words is not None else [])]
            if any(doc.search(words, mention.end, name_end) is not None for words in lists):
                name = _name(text[mention.start : name_end])
                found.append(Party(code, f'"{name}" (the organisation whose act it is)', True))
        return found

    def _counterpart(
        self, text: str, mentions: list[Mention], index: int, start: int, coded: Coded | None
    ) -> bool:
        mention = mentions[index]
        focal = (self.registry.focal,)
        listed = [mention]  # the list of names it is in: "Japan, Australia and NATO"
        for step in (-1, 1):
            at = index
            while 0 <= at + step < len(mentions):
                one, other = sorted((mentions[at], mentions[at + step]), key=lambda m: m.start)
                if other.topic or not _JOINED.fullmatch(text, one.end, other.start):
                    break
                at += step
                listed.append(mentions[at])
        if any(other.codes == focal for other in listed):
            return True
        if coded is not None and coded.word:
            word_end = coded.word_at + len(coded.word)
            if word_end <= mention.start and _WITH.fullmatch(text, word_end, mention.start):
                return True
        opening = text[start : mention.start]
        leading = LEADING.match(opening)
        rest = opening[leading.end() :] if leading is not None else opening
        following = _NEXT_WORD.match(text, mention.end)
        return (
            _THE.fullmatch(rest) is not None
            and following is not None
            and following.group(1) in self.rules.capital_verbs
        )

    # Places

    def place(self, doc: Document, start: int, end: int) -> Place | None:
        """Where the clause says the event took place: a base or venue ("at Chitose Air Base in
        Hokkaido"), else a city or region after "in"/"at" or before "hosted"."""
        text = doc.text
        candidates: list[tuple[int, Place]] = []
        places = doc.find(self.place_phrases, start, end)
        for venue in doc.find(self.venue_phrases, start, end):
            before = _VENUE_NAME.search(text, max(start, venue.begin - 80), venue.begin)
            if before is None:
                continue
            name = " ".join(text[before.start("name") : venue.stop].split())
            region_at = _IN.match(text, venue.stop, end)
            region = None
            if region_at is not None:
                region = next((p.text for p in places if p.begin == region_at.end()), None)
            first_word = name.split()[0]
            country = self.places.get(region) if region else self.places.get(first_word)
            shown = name
            if region:
                name = f"{name}, {region}"
                shown = f"{shown} in {region}"
            how = f'"{before.group("word")} {shown}"'
            candidates.append((before.start(), Place(name, self._country(country), how)))
        for hit in places:
            if hit.begin > start and text[hit.begin - 1] in _PAIR_JOINERS:
                continue
            if hit.stop < end and text[hit.stop] in _PAIR_JOINERS:
                continue
            preceding = text[max(start, hit.begin - 60) : hit.begin]
            capital_of = _CAPITAL_OF.search(preceding)
            preposition = _PREPOSITION.search(preceding)
            if capital_of is not None:
                how = f'"{" ".join(capital_of.group(0).split())}{hit.text}"'
            elif preposition is not None:
                how = f'"{" ".join(preposition.group(0).split())} {hit.text}"'
            elif _HOSTED.match(text, hit.stop, end):
                how = f'"{hit.text} hosted"'
            else:
                continue
            place = Place(hit.text, self._country(self.places[hit.text]), how)
            candidates.append((hit.begin, place))
        if not candidates:
            return None
        return min(candidates, key=lambda item: item[0])[1]

    def _country(self, code: str | None) -> str | None:
        if code is None or self.registry.check_country_code(code) is not None:
            return None
        return code


_PHRASE_END = re.compile(r"[;.()]|,")
_LIST_GOES_ON = re.compile(r"\s*(?:and\s+|or\s+)?(?:the\s+)?")
_VENUE_NAME = re.compile(
    r"\b(?P<word>at|in)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w'\u2019-]*\s+){0,4})$"
)
_IN = re.compile(r",?\s+in\s+")
_CAPITAL_OF = re.compile(r"(?i)\bthe\s+capital\s+of\s+[\w' ]+,\s*$")
_PREPOSITION = re.compile(
    r"(?i)\b(?:(?:in|at)(?:\s+the)?|(?:travel\w*|visit\w*|trip|arriv\w*|flew|fly|went)\s+(?:to|in))\s*$"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
# An organisation's name and what goes on with it: "UNESCO World Heritage List", "NATO exercise"
_NAME_TAIL = re.compile(r"(?:['\u2019]s)?(?:\s+[A-Z][\w'\u2019-]*){0,4}(?:\s+[a-z][\w-]*)?")
_JOINED = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_WITH = re.compile(r"(?:\s+(?:an?|the|[a-z]+)){0,2}\s+with\s+(?:the\s+)?")
_THE = re.compile(r"(?:the\s+)?", re.IGNORECASE)
_HOSTED = re.compile(r"\s+(?:hosted|hosts|will\s+host|is\s+hosting)\b")


def _name(text: str) -> str:
    return " ".join(text.split())


def _names(rules: Rules, registry: Registry) -> dict[str, tuple[str, str, bool]]:
    """Every name matched in text -> (code, how, framework)."""
    names: dict[str, tuple[str, str, bool]] = {}

    def add(name: str, code: str, how: str, framework: bool) -> None:
        name = _name(name)
        if not name:
            return
        if len(name) <= 2 and name.isupper() and name not in rules.codes_in_text:
            return  # "IN", "ID", "IT": words too
        names.setdefault(name, (code, how, framework))

    for code, partner in registry.partners.items():
        framework = partner.kind != "state"
        add(partner.name, code, "name", framework)
        for alias in partner.aliases:
            add(alias, code, "alias", framework)
        add(code, code, "code", framework)
    for code, entry in registry.frameworks.items():
        add(entry.name, code, "name", True)
        for alias in entry.aliases:
            add(alias, code, "alias", True)
        add(code, code, "code", True)
    for name, code in rules.demonyms.items():
        add(name, code, "demonym", registry.is_grouping(code))
    for name, code in rules.capitals.items():
        add(name, code, "capital", False)
    return names


def _replace(mention: Mention, topic: bool, venue: bool) -> Mention:
    from dataclasses import replace

    return replace(mention, topic=topic, venue=venue)
