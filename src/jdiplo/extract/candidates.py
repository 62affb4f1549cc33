"""Candidate events from a text: sentences cut into clauses, each clause coded by the rules.

How a text is read, sentence by sentence (a line is a paragraph, a heading starts a section):

1. A heading, a byline, a sentence of the author's opinion ("in our opinion") or a courtesy
   ("expressed her gratitude") gives no event (the partners it names still count as named). A
   dateline ("TOKYO, Oct 3 (Wire) -") is cut off the sentence it opens.
2. A sentence that refers back to the event before it ("this step", "the main goal of the
   meetings", "such a decision"), with no date, no verb of a new event and no partner of its
   own, adds to that event (its quote, its firsts) when both are in one paragraph; so does a
   sentence of direct speech ("“Our partnership has never been closer,” Arata told reporters").
3. Otherwise the sentence is cut into clauses (clauses.py). A clause with a kind rule's words
   is an event (a clause that goes on with the same subject is one when the clause before it
   was). Its fields come from the clause:
   - date: its first time expression that is not a due date and not inside a first ("since
     2009"); else that of the clause before it in the sentence; else, when the sentence refers
     back, that of the event it refers to; else, for a clause in the past tense right after a
     day-dated event with the same partners, that day; else, for a plan told right after a
     dated announcement in its paragraph, the announcement's date (these two only when the
     sentence goes on with that occasion: it refers back, names its partners or participants,
     and opens no new topic such as "As for ..."); else, after a readout line
     ("The overview of the meeting is as follows."), the date of the event read out; else the
     period the text is about (a month), else the month of `--published`. A clause whose year
     cannot be known is reported, never guessed.
   - partners: those the clause names; else those of the event it refers back to; else those
     named last in the paragraph ("the parties", "they"); else the members of a grouping it
     names; else an organisation it names on its own ("with NATO", not "NATO Summit"). An
     organisation the clause names as a party ("Japan and NATO", "the UNESCO World Heritage
     List") is a partner too (mentions.py).
   - kind: the rules' (coding.py); an ongoing process is not an agreement ("are extending the
     scope of defence agreements": other), and talks held at a summit are a summit.
   - status `announced` for a plan; `due` from a time after the text's date or a deadline.
4. An ongoing process without a date that a later event of its paragraph details (same kind
   and partners, within its period, naming no partner itself) is quoted with that event, not
   drafted on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from jdiplo.dates import PartialDate
from jdiplo.extract import coding
from jdiplo.extract.clauses import LEADING, Clause, cut, sequence_pattern
from jdiplo.extract.dates import Finder, Offset, Reference, TimeExpression, about, offsets, shifted
from jdiplo.extract.lexicon import Document, Hit, Lexicon
from jdiplo.extract.mentions import Gazetteer, Mention, Place
from jdiplo.extract.people import PeopleFinder
from jdiplo.extract.rules import Rules
from jdiplo.extract.sentences import Sentence, split
from jdiplo.partners import Registry

_TITLE_CUT = re.compile(
    r",\s+(?:at\s+which|which|where|who|whose|while)\b|\s+\(|\s+[\u2013\u2014]\s+|;"
)
_TITLE_LENGTH = 110
_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'\u2019 -]{1,40},\s+[^\n()\u2013\u2014]{3,30}?(?:\s*\([^()\n]{1,40}\))?"
    r"\s+(?:-{1,2}|\u2013|\u2014)\s+"
)
_QUOTES = "\"\u201c\u2018'"
_OPENING = re.compile(r"[\W\d_]*(?:(?:and|but|so|now|then)\b[\W_]*)?", re.IGNORECASE)
_EXISTENTIAL = re.compile(
    r"\s+(?:is|are|was|were|will|would|has|have|had|seems?|seemed|remains?|remained|appears?|"
    r"appeared|exists?|existed|must|may|might|could|should|can)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A draft event: its fields, where its quote is, and why each field is what it is."""

    spans: list[tuple[int, int]]
    line: int
    date: PartialDate
    title: str
    kind: str
    partners: list[str]
    status: str = "held"
    end: PartialDate | None = None
    due: PartialDate | None = None
    frameworks: list[str] = field(default_factory=list)
    level: str | None = None
    domains: list[str] = field(default_factory=list)
    people: list[dict[str, str]] = field(default_factory=list)
    place: dict[str, str] | None = None
    firsts: list[str] = field(default_factory=list)
    amount: dict[str, Any] | None = None
    why: dict[str, str] = field(default_factory=dict)
    paragraph: int = 0
    section: int = 0
    sentence: int = 0  # the number of the sentence it comes from
    announces: bool = False
    subject_partners: list[str] = field(default_factory=list)  # of the clause that began it
    named: bool = True  # the clause names its partners (not taken from the text before it)
    dated_by_text: bool = False  # no date of its own: the period of the text
    ongoing: Hit | None = None  # the words of an ongoing process it tells ("are being created")

    def quote(self, text: str) -> str:
        """The quoted text: adjacent spans as one passage, others joined with ' … '."""
        parts: list[str] = []
        spans = sorted(self.spans)
        begin, stop = spans[0]
        for start, end in spans[1:]:
            if start <= stop or not text[stop:start].strip():
                stop = max(stop, end)
                continue
            parts.append(text[begin:stop])
            begin, stop = start, end
        parts.append(text[begin:stop])
        return " \u2026 ".join(" ".join(part.split()) for part in parts)

    def data(self) -> dict[str, Any]:
        """The event's fields (without id and sources), in the record format's order."""
        data: dict[str, Any] = {"date": str(self.date)}
        if self.end is not None:
            data["end"] = str(self.end)
        if self.status != "held":
            data["status"] = self.status
        if self.due is not None:
            data["due"] = str(self.due)
        data["title"] = self.title
        data["kind"] = self.kind
        data["partners"] = list(self.partners)
        optional: list[tuple[str, Any]] = [
            ("frameworks", list(self.frameworks)),
            ("level", self.level),
            ("domains", list(self.domains)),
            ("people", [dict(person) for person in self.people]),
            ("place", dict(self.place) if self.place else None),
            ("firsts", list(self.firsts)),
            ("amount", dict(self.amount) if self.amount else None),
        ]
        data.update((key, value) for key, value in optional if value)
        return data


@dataclass(frozen=True)
class Note:
    """A sentence that looked like an event but was not drafted, and why."""

    line: int
    excerpt: str
    reason: str


@dataclass
class Extraction:
    candidates: list[Candidate]
    notes: list[Note]
    reference: Reference


@dataclass
class _State:
    """What reading the text so far says about the sentence at hand."""

    paragraph: int = -1
    section: int = 0
    sentence: int = -1
    last_partners: tuple[list[str], str] | None = None  # named last in the paragraph
    section_partners: tuple[list[str], str] | None = None  # named last in the section
    last_candidate: Candidate | None = None
    announcing: Candidate | None = None  # a dated announcement whose plans follow
    readout: Candidate | None = None  # the event a readout reports
    current_month: tuple[int, int] | None = None

    def enter(self, sentence: Sentence) -> None:
        if sentence.heading:
            self.section += 1
            self.section_partners = None
        if sentence.paragraph != self.paragraph:
            self.paragraph = sentence.paragraph
            self.last_partners = None
            self.announcing = None
        if not sentence.heading:
            self.sentence += 1

    @property
    def previous(self) -> Candidate | None:
        """The last event, when it is in the same section."""
        last = self.last_candidate
        return last if last is not None and last.section == self.section else None


@dataclass
class _Sentence:
    """What a sentence says, found once for all its clauses."""

    sentence: Sentence
    firsts: list[coding.First]
    plan: coding.Coded | None
    times: list[TimeExpression]
    past: list[TimeExpression]
    mentions: list[Mention]
    named: list[str] = field(default_factory=list)  # the partners it names
    shift: Hit | None = None  # it opens a new topic ("As for ...", "Secondly, ...")
    refers: Hit | None = None  # it refers back ("during the talks", "there")
    participants: Hit | None = None  # it speaks of the participants ("the ministers", "they")
    referent: Candidate | None = None
    exclude: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _When:
    """The date of a clause, its end, how it was found, and whether the clause had none of
    its own (the period of the text)."""

    date: PartialDate
    end: PartialDate | None
    how: str
    by_text: bool = False


@dataclass
class _Before:
    """The event of the clause before, in the same sentence."""

    candidate: Candidate | None = None
    partners: list[str] = field(default_factory=list)


class Extractor:
    def __init__(self, rules: Rules, registry: Registry) -> None:
        self.rules = rules
        self.registry = registry
        self.gazetteer = Gazetteer(rules, registry)
        self.finder = Finder(rules)
        self.people = PeopleFinder(rules, self._country_of, self._not_names)
        self.lexicon = Lexicon(
            [*rules.phrase_lists(), *self.gazetteer.phrase_lists(), self.people.title_phrases]
        )
        self.sequence = sequence_pattern(rules.sequence_words)

    @cached_property
    def _not_names(self) -> set[str]:
        words = {"The", "This", "These", "That", "In", "On", "At", "His", "Her", "Their", "It"}
        words |= {"And", "But", "Thus", "So", "However", "Moreover", "Also", "Then", "Next"}
        words |= set(self.rules.months) | set(self.rules.weekdays)
        words |= set(self.rules.demonyms) | set(self.rules.capitals) | set(self.rules.places)
        for partner in self.registry.partners.values():
            words |= {partner.code, partner.name, *partner.aliases}
        return words

    @cached_property
    def _country_names(self) -> list[tuple[str, str]]:
        """(name, code) of every state by name, alias and demonym, longest first."""
        names = [(name, code) for name, code in self.rules.demonyms.items()]
        for code, partner in self.registry.partners.items():
            if partner.kind == "state":
                names += [(name, code) for name in (partner.name, *partner.aliases)]
                if len(code) > 2 or code in self.rules.codes_in_text:
                    names.append((code, code))
        return sorted(names, key=lambda item: -len(item[0]))

    def _country_of(self, text: str) -> str | None:
        """The country code of a demonym, a country's name, or "Japan's"."""
        text = " ".join(text.split()).removesuffix("'s").removesuffix("\u2019s")
        for name, code in self._country_names:
            named = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
            if named and self.registry.check_country_code(code) is None:
                return code
        return None

    # The text

    def extract(self, text: str, published: PartialDate | None = None) -> Extraction:
        doc = self.lexicon.scan(text)
        sentences = split(text, self.rules.abbreviations)
        opening = [(sentence.start, sentence.end) for sentence in sentences[:4]]
        reference = Reference(published, about(self.finder, text, opening, Reference(published)))
        reference = replace(reference, statement=self._statement_day(doc, sentences[:2], reference))
        state = _State()
        candidates: list[Candidate] = []
        notes: list[Note] = []
        for sentence in sentences:
            state.enter(sentence)
            if sentence.heading:
                continue
            sentence = _without_dateline(text, sentence)
            self._sentence(doc, sentence, reference, state, candidates, notes)
        return Extraction(_general_statements(candidates), notes, reference)

    def _statement_day(
        self, doc: Document, opening: Sequence[Sentence], reference: Reference
    ) -> PartialDate | None:
        """The day of a text titled as a joint statement: its dateline's, else --published."""
        titled = any(
            sentence.heading and doc.search(self.rules.statements, sentence.start, sentence.end)
            for sentence in opening
        )
        if not titled:
            return None
        for sentence in opening:
            for time in self.finder.find(doc.text, sentence.start, sentence.end, reference):
                if time.date is not None and time.date.day is not None and time.explicit_year:
                    return time.date
        published = reference.published
        return published if published is not None and published.day is not None else None

    def _sentence(
        self,
        doc: Document,
        sentence: Sentence,
        reference: Reference,
        state: _State,
        candidates: list[Candidate],
        notes: list[Note],
    ) -> None:
        rules, text = self.rules, doc.text
        start, end = sentence.start, sentence.end
        facts = self._facts(doc, sentence, reference, state)
        own, _ = self._partners(facts.mentions)
        if coding.opinion(rules, doc, start, end) or doc.search(rules.courtesies, start, end):
            self._remember_partners(facts.mentions, state)
            state.announcing = None
            return
        if doc.search(rules.readouts, start, end) and state.previous is not None:
            state.readout = state.previous  # "The overview of the meeting is as follows."
            return
        back = doc.search(rules.back_reference, start, end)
        previous = state.previous
        if previous is not None and not facts.past and set(own) <= set(previous.partners):
            refers = back is not None and doc.search(rules.new_event_verbs, start, end) is None
            speech = text[start] in _QUOTES
            if (refers and previous.paragraph == sentence.paragraph) or speech:
                self._add_to(previous, sentence, facts.firsts, back)
                self._track_months(facts.times, reference, state)
                return
        if back is not None and not facts.past:
            facts.exclude = [(back.begin, back.stop)]
            decided = coding.kind(rules, doc, start, end, facts.exclude)
            if decided is None or back.begin < decided.start:  # "During these talks, X agreed"
                facts.referent = previous
        made = self._clauses_of(doc, facts, reference, state, notes)
        candidates.extend(made)
        if made:
            state.last_candidate = made[-1]
        announcing = state.announcing
        if (
            facts.plan is None
            or not made
            or facts.past
            or (announcing is not None and self._continues(facts, announcing) is None)
        ):
            state.announcing = None
        for candidate in made:
            if candidate.announces and candidate.date.day is not None:
                state.announcing = candidate
        self._track_months(facts.times, reference, state)

    def _facts(
        self, doc: Document, sentence: Sentence, reference: Reference, state: _State
    ) -> _Sentence:
        rules = self.rules
        start, end = sentence.start, sentence.end
        firsts = coding.firsts(rules, doc, start, end)
        plan = coding.plan(rules, doc, start, end)
        found = self.finder.find(
            doc.text,
            start,
            end,
            reference,
            state.current_month,
            plan_at=plan.start if plan is not None else None,
        )
        times = [t for t in found if not any(_since(doc.text, f, t) for f in firsts)]
        past = [t for t in times if not self._is_due(t, reference, plan is not None)]
        mentions = self.gazetteer.mentions(doc, start, end)
        named, _ = self._partners(mentions)
        return _Sentence(
            sentence,
            firsts,
            plan,
            times,
            past,
            mentions,
            named=named,
            shift=self._topic_shift(doc, start, end),
            refers=(
                doc.search(rules.back_reference, start, end) or self._continuation(doc, start, end)
            ),
            participants=doc.search(rules.participants, start, end),
        )

    def _topic_shift(self, doc: Document, start: int, end: int) -> Hit | None:
        """A word that opens the sentence on a new topic ("As for the Japanese army, ...",
        "Secondly, ..."), after at most a connective ("But as for ...")."""
        for hit in doc.find(self.rules.topic_shifts, start, min(end, start + 60)):
            if _OPENING.fullmatch(doc.text, start, hit.begin):
                return hit
        return None

    def _continuation(self, doc: Document, start: int, end: int) -> Hit | None:
        """A word by which the sentence goes on with the occasion before ("there", "on that
        occasion"); not the "there" of "there is", "there were"."""
        for hit in doc.find(self.rules.continuations, start, end):
            if hit.text.lower() == "there" and _EXISTENTIAL.match(doc.text, hit.stop, end):
                continue
            return hit
        return None

    def _continues(self, facts: _Sentence, event: Candidate) -> str | None:
        """Why a sentence without a date of its own goes on with the occasion of `event`, and
        so may take its day; None when it does not (it opens a new topic, or names neither the
        event, its partners nor its participants)."""
        goes_on, reason = _occasion(facts, event)
        return reason if goes_on else None

    def _add_to(
        self,
        candidate: Candidate,
        sentence: Sentence,
        firsts: Sequence[coding.First],
        back: Hit | None,
    ) -> None:
        candidate.spans.append((sentence.start, sentence.end))
        reason = (
            f'which refers back to it ("{" ".join(back.text.split())}")'
            if back
            else ("its direct speech")
        )
        _append(candidate.why, "sources", f"and line {sentence.line}, {reason}")
        for first in firsts:
            if first.text not in candidate.firsts:
                candidate.firsts.append(first.text)
                _append(candidate.why, "firsts", f'"{first.text}" (line {sentence.line})')

    def _track_months(
        self, times: list[TimeExpression], reference: Reference, state: _State
    ) -> None:
        for time in times:
            if time.month_named is not None and not self._is_due(time, reference, False):
                state.current_month = time.month_named

    def _is_due(self, time: TimeExpression, reference: Reference, plan: bool) -> bool:
        """Whether a time is when a plan falls due rather than when something happened."""
        if time.deadline:
            return True
        now = reference.now
        if time.first is None:
            return False
        if now is not None:
            return time.first > now.last
        return plan and time.date is not None and time.date.day is None

    # Clauses

    def _clauses_of(
        self,
        doc: Document,
        facts: _Sentence,
        reference: Reference,
        state: _State,
        notes: list[Note],
    ) -> list[Candidate]:
        rules, sentence = self.rules, facts.sentence

        def has_kind(start: int, end: int) -> bool:
            return coding.kind(rules, doc, start, end) is not None

        clauses = cut(
            doc.text,
            sentence.start,
            sentence.end,
            [time.start for time in facts.times],
            self.sequence,
            rules.past_verbs,
            has_kind,
        )
        made: list[Candidate] = []
        before = _Before()
        occasion_start = sentence.start  # where the clause chain sharing an occasion starts
        for clause in clauses:
            if clause.role in ("main", "new"):
                occasion_start = clause.start
            inside = [m for m in facts.mentions if clause.start <= m.start < clause.end]
            own, own_how = self._partners(inside)
            coded = coding.kind(rules, doc, clause.start, clause.end, facts.exclude)
            if coded is not None:
                coded = coding.told_as_process(rules, doc, clause.start, clause.end, coded) or coded
            going_on = before.candidate if clause.role == "sequence" else None
            if going_on is not None and (
                coded is None or rules.kind_rank(coded.value) >= rules.kind_rank(going_on.kind)
            ):
                coded = coding.Coded(
                    going_on.kind, "goes on from the clause before", going_on.spans[0][0]
                )
            if coded is not None and coded.value == "meeting":
                placed_from = clause.start if clause.role in ("main", "new") else occasion_start
                held_at = coding.held_at_summit(rules, doc, placed_from, clause.end)
                sibling = before.candidate if clause.role != "new" else None
                if held_at is not None:
                    summit, words = held_at
                    how = f'talks held at a summit: "{words}"'
                    coded = replace(coded, value="summit", how=how)
                    inside += [m for m in facts.mentions if summit[0] <= m.start < summit[1]]
                elif sibling is not None and sibling.kind == "summit":
                    how = "talks held at the summit of the clause before"
                    coded = replace(coded, value="summit", how=how)
            parties = self.gazetteer.parties(
                doc, inside, clause.start, clause.end, coded, self.people.title_phrases
            )
            for party in parties:
                if not party.acting and party.code not in own:
                    own.append(party.code)
                    own_how = ", ".join(part for part in (own_how, party.how) if part)
            if coded is not None:
                candidate = self._candidate(
                    doc, facts, clause, reference, state, coded, (own, own_how), inside, before,
                    notes, [(party.code, party.how) for party in parties if party.acting],
                )  # fmt: skip
                if candidate is not None:
                    made.append(candidate)
                    before.candidate = candidate
            if own:
                state.last_partners = state.section_partners = (own, own_how)
                before.partners = own
        return made

    def _partners(self, mentions: list[Mention]) -> tuple[list[str], str]:
        """The partners a clause names (not topics, not a venue when others are named)."""
        focal = self.registry.focal
        states = [m for m in mentions if not m.framework and not m.topic and m.how != "capital"]
        if any(not m.venue for m in states if any(code != focal for code in m.codes)):
            states = [m for m in states if not m.venue]
        codes: list[str] = []
        shown: list[str] = []
        for mention in states:
            added = [code for code in mention.codes if code != focal and code not in codes]
            if added:
                codes.extend(added)
                shown.append(f'"{mention.text}" ({mention.how})')
        return codes, ", ".join(shown)

    def _candidate(
        self,
        doc: Document,
        facts: _Sentence,
        clause: Clause,
        reference: Reference,
        state: _State,
        coded: coding.Coded,
        named: tuple[list[str], str],
        mentions: list[Mention],
        before: _Before,
        notes: list[Note],
        acting: Sequence[tuple[str, str]] = (),
    ) -> Candidate | None:
        rules, text, sentence = self.rules, doc.text, facts.sentence
        start, end = clause.start, clause.end
        why: dict[str, str] = {}
        plan = coding.plan(rules, doc, start, end)
        times = [t for t in facts.times if start <= t.start < end]
        past = [t for t in times if not self._is_due(t, reference, plan is not None)]
        dues = [t for t in times if self._is_due(t, reference, plan is not None)]
        unknown = [t for t in past if t.date is None]
        if unknown:
            reason = f'no year for "{unknown[0].text}" ({unknown[0].how}): give --published'
            notes.append(Note(sentence.line, _excerpt(text, start, end), reason))
            return None
        going_on = before.candidate if clause.role in ("sequence", "action", "aside") else None
        partners, subject = self._who(
            doc, facts, clause, state, named, mentions, before, why, bool(acting)
        )
        for code, how in acting:  # "the UNESCO World Heritage List": the organisation acts
            if code not in partners:
                _append(why, "partners", f"and {how}" if partners else how)
                partners.append(code)
        if not partners:
            notes.append(Note(sentence.line, _excerpt(text, start, end), "no partner named"))
            return None
        offset = next(iter(offsets(text, start, end)), None)
        when = self._when(
            past, facts, state, reference, before, partners, coded, plan, offset, text
        )
        if when is None:
            reason = "no date in the sentence, and none for the text: give --published"
            notes.append(Note(sentence.line, _excerpt(text, start, end), reason))
            return None
        date, end_date, why["date"] = when.date, when.end, when.how
        status, due = "held", None
        if dues and dues[0].date is not None and dues[0].date.last >= date.first:
            due = dues[0].date
        if plan is not None or due is not None:
            status = "announced"
            reasons = [f"a plan: {plan.how}"] if plan is not None else []
            if due is not None:
                reasons.append(f'due "{dues[0].text}" ({dues[0].how})')
            why["status"] = "; ".join(reasons)
        frameworks = [item for item in self._frameworks(mentions) if item[0] not in partners]
        for code, how in self._implied_frameworks(doc, start, end, partners):
            if code not in [c for c, _ in frameworks]:
                frameworks.append((code, how))
        if going_on is not None and clause.role in ("sequence", "action"):
            for code in going_on.frameworks:
                if code not in [c for c, _ in frameworks]:
                    frameworks.append((code, "the clause before"))
        same_subject = going_on if clause.role in ("sequence", "action") else None
        referent = facts.referent
        if referent is not None and not set(partners) & set(referent.partners):
            referent = None  # another event's participants: not its level
        level = self._level(doc, start, end, same_subject, referent, why)
        people, people_how = self._people(doc, start, end, partners)
        domains = coding.domains(rules, doc, start, end)
        place = self.gazetteer.place(doc, start, end)
        if place is None and going_on is not None and going_on.place is not None:
            place = Place(
                going_on.place["name"], going_on.place.get("country"), "the clause before"
            )
        firsts = [first for first in facts.firsts if start <= first.start < end]
        amount = None
        if coded.value in ("arms-transfer", "agreement", "co-development"):
            amount = coding.amount(rules, text, start, end)
        why["title"] = "the clause, for you to rewrite"
        why["kind"] = coded.how
        if frameworks:
            why["frameworks"] = ", ".join(how for _, how in frameworks)
        if domains:
            why["domains"] = ", ".join(item.how for item in domains)
        if people:
            why["people"] = people_how
        if place is not None:
            why["place"] = place.how
        if firsts:
            why["firsts"] = ", ".join(f'"{first.text}"' for first in firsts)
        if amount:
            why["amount"] = amount[1]
        why["sources"] = f"the clause (line {sentence.line})"
        return Candidate(
            spans=[(start, end)],
            line=sentence.line,
            date=date,
            end=end_date,
            status=status,
            due=due,
            title=_title(text, start, end),
            kind=coded.value,
            partners=partners,
            frameworks=[code for code, _ in frameworks],
            level=level,
            domains=[item.value for item in domains],
            people=people,
            place=_place_data(place),
            firsts=[first.text for first in firsts],
            amount=amount[0] if amount else None,
            why=why,
            paragraph=sentence.paragraph,
            section=state.section,
            sentence=state.sentence,
            announces=coding.announcement(rules, doc, start, end),
            subject_partners=subject,
            named=bool(named[0]),
            dated_by_text=when.by_text,
            ongoing=coding.ongoing(rules, doc, start, end),
        )

    def _who(
        self,
        doc: Document,
        facts: _Sentence,
        clause: Clause,
        state: _State,
        named: tuple[list[str], str],
        mentions: list[Mention],
        before: _Before,
        why: dict[str, str],
        acting: bool = False,
    ) -> tuple[list[str], list[str]]:
        """The partners of a clause, and those of its subject (for a clause going on from it).
        When an organisation acts in it (`acting`), partners are taken from the paragraph at
        most: the organisation is a party named."""
        own, how = named
        partners, subject = list(own), list(own)
        going_on = before.candidate
        if going_on is not None and clause.role in ("sequence", "action"):
            subject = list(going_on.subject_partners)
            partners = subject + [code for code in own if code not in subject]
            how = "the subject of the clause before" + (f", and {how}" if how else "")
        referent = facts.referent
        if not partners and before.partners and clause.role == "aside":
            partners, how = list(before.partners), "none named: those of the clause before"
        if not partners and referent is not None:
            partners = list(referent.partners)
            how = f"none named: those of the event it refers back to (line {referent.line})"
        if not partners and before.partners:
            partners, how = list(before.partners), "none named: those of the clause before"
        if not partners and state.last_partners is not None:
            codes, named_last = state.last_partners
            partners, how = list(codes), f"none named: those named last ({named_last})"
        if not partners and state.section_partners is not None and not acting:
            codes, named_last = state.section_partners
            partners, how = list(codes), f"none named: those named last before ({named_last})"
        if not partners and not acting:
            partners, how = self._partners_of_frameworks(doc.text, mentions)
        why["partners"] = how
        return partners, subject or partners

    def _when(
        self,
        past: list[TimeExpression],
        facts: _Sentence,
        state: _State,
        reference: Reference,
        before: _Before,
        partners: list[str],
        coded: coding.Coded,
        plan: coding.Coded | None,
        offset: Offset | None,
        text: str,
    ) -> _When | None:
        """The date of a clause, its end, and how it was found; None when nothing dates it."""
        if past:
            time = past[0]
            assert time.date is not None
            return _When(time.date, time.end_date, f'"{time.text}": {time.how}')
        if before.candidate is not None:
            candidate = before.candidate
            return _When(candidate.date, candidate.end, "the date of the clause before")
        if offset is not None:
            return self._offset_date(offset, facts, state, reference)
        referent = facts.referent
        if referent is not None:
            how = f"the date of the event it refers back to (line {referent.line})"
            return _When(referent.date, None, how)
        refused = ""  # why the day of an event told just before is not this clause's
        previous = state.previous
        if (
            previous is not None
            and previous.date.day is not None
            and previous.sentence == state.sentence - 1
            and set(partners) & set(previous.partners)
            and self._past_tense(text, coded, facts.sentence.start)
        ):
            goes_on, reason = _occasion(facts, previous)
            if goes_on:
                how = (
                    f"told in the past right after the event of {previous.date} "
                    f"(line {previous.line}): {reason}"
                )
                return _When(previous.date, None, how)
            refused = f"; not the day of the event of line {previous.line}, as {reason}"
        announcing = state.announcing
        if plan is not None and announcing is not None:
            goes_on, reason = _occasion(facts, announcing)
            if goes_on:
                how = (
                    f"a plan told after the announcement of {announcing.date} "
                    f"(line {announcing.line}): {reason}"
                )
                return _When(announcing.date, None, how)
            refused = refused or (
                f"; not the day of the announcement of line {announcing.line}, as {reason}"
            )
        readout = state.readout
        if readout is not None:
            return _When(readout.date, None, f"the readout of the event of line {readout.line}")
        if reference.statement is not None:
            how = "a point of the joint statement of that day"
            return _When(reference.statement, None, how)
        if reference.about is not None:
            how = f"no date in the sentence: the period the text is about{refused}"
            return _When(_month(reference.about), None, how, by_text=True)
        if reference.published is not None:
            how = f"no date in the sentence: the month of --published{refused}"
            return _When(_month(reference.published), None, how, by_text=True)
        return None

    def _offset_date(
        self, offset: Offset, facts: _Sentence, state: _State, reference: Reference
    ) -> _When | None:
        """A date told from another ("a week after", "two days earlier", "a month ago"); when
        its base is unknown, the text's period (never the day of the event before)."""
        base: Candidate | PartialDate | None = None
        if offset.base == "published":
            base = reference.published
        elif offset.base == "narrative":
            base = facts.referent or state.previous
        base_date = base.date if isinstance(base, Candidate) else base
        date = shifted(base_date, offset) if base_date is not None else None
        if date is not None:
            return _When(date, None, f'"{offset.text}" {base_date}')
        fallback = reference.about or reference.published
        if fallback is None:
            return None
        how = f'"{offset.text}" of no known day: the period of the text'
        return _When(_month(fallback), None, how, by_text=True)

    def _past_tense(self, text: str, coded: coding.Coded, start: int) -> bool:
        """Whether the word that decided the kind tells the past ("signed", "agreed", "met"),
        not a participle of what is to come ("will be created", "to be signed")."""
        words = coded.word.lower().split()
        if not any(word.endswith("ed") or word in self.rules.past_verbs for word in words):
            return False
        before = text[max(start, coded.word_at - 20) : coded.word_at].lower().split()[-2:]
        return not {"be", "will", "would", "to", "shall"} & set(before)

    def _level(
        self,
        doc: Document,
        start: int,
        end: int,
        going_on: Candidate | None,
        referent: Candidate | None,
        why: dict[str, str],
    ) -> str | None:
        rules = self.rules
        level = coding.level(rules, doc, start, end)
        value = level.value if level else None
        if level is not None:
            why["level"] = level.how
        inherited = going_on.level if going_on is not None else None
        if inherited is not None and (
            value is None or rules.level_rank(inherited) < rules.level_rank(value)
        ):
            value, why["level"] = inherited, "the clause it goes on from"
        if value is None and referent is not None and referent.level is not None:
            value = referent.level
            why["level"] = f"the event it refers back to (line {referent.line})"
        return value

    def _frameworks(self, mentions: list[Mention]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for mention in mentions:
            if not mention.framework or mention.topic:
                continue
            for code in mention.codes:
                known = self.registry.check_framework_code(code) is None
                if known and code not in [c for c, _ in found]:
                    found.append((code, f'"{mention.text}" ({mention.how})'))
        return found

    def _implied_frameworks(
        self, doc: Document, start: int, end: int, partners: list[str]
    ) -> list[tuple[str, str]]:
        found = []
        for rule in self.rules.implied_frameworks:
            if self.registry.check_framework_code(rule.framework) is not None:
                continue
            if rule.partners is not None and set(partners) == rule.partners:
                found.append((rule.framework, f"{rule.framework}: partners {', '.join(partners)}"))
            elif rule.words is not None and (match := doc.search(rule.words, start, end)):
                words = " ".join(match.text.split())
                found.append((rule.framework, f'{rule.framework}: "{words}"'))
        return found

    def _partners_of_frameworks(self, text: str, mentions: list[Mention]) -> tuple[list[str], str]:
        """Members of a grouping the clause names; else an organisation named on its own."""
        focal = self.registry.focal
        for mention in mentions:
            if not mention.framework or mention.topic:
                continue
            for code in mention.codes:
                partner = self.registry.partners.get(code)
                if partner is None:
                    continue
                members = [m for m in partner.members if m != focal and m in self.registry.partners]
                if members:
                    return members, f'the members of "{mention.text}"'
                if not re.match(r"\s+[A-Z]", text[mention.end : mention.end + 2]):
                    return [code], f'"{mention.text}" ({mention.how})'
        return [], ""

    def _people(
        self, doc: Document, start: int, end: int, partners: list[str]
    ) -> tuple[list[dict[str, str]], str]:
        found = self.people.find(doc, start, end)
        people: list[dict[str, str]] = []
        shown: list[str] = []
        for person in found:
            data = {"name": person.name}
            if person.role:
                data["role"] = person.role
            if person.country:
                data["country"] = person.country
            people.append(data)
            shown.append(f"{person.name} ({person.how})")
        counterpart = self.people.counterpart(doc, start, end)
        if counterpart is not None and all(p["name"] != counterpart[1] for p in people):
            position, name = counterpart
            earlier = [p for p in found if p.start < position and p.role]
            data = {"name": name}
            if earlier and earlier[-1].role:
                data["role"] = earlier[-1].role
            if len(partners) == 1 and self.registry.check_country_code(partners[0]) is None:
                data["country"] = partners[0]
            people.append(data)
            shown.append(f'{name} ("counterpart": the role of the person before)')
        return people, ", ".join(shown)

    def _remember_partners(self, mentions: list[Mention], state: _State) -> None:
        codes, how = self._partners(mentions)
        if codes:
            state.last_partners = state.section_partners = (codes, how)


def _occasion(facts: _Sentence, event: Candidate) -> tuple[bool, str]:
    """Whether a sentence goes on with the occasion of an event told before it, and why."""
    if facts.refers is not None:
        return True, f'it refers back to it ("{_shown(facts.refers)}")'
    if facts.shift is not None:
        return False, f'it opens a new topic ("{_shown(facts.shift)}")'
    shared = [code for code in facts.named if code in event.partners]
    if shared:
        return True, f"it names its partners ({', '.join(shared)})"
    if facts.participants is not None:
        return True, f'it speaks of its participants ("{_shown(facts.participants)}")'
    return False, "it names neither that event, its partners nor its participants"


def _general_statements(candidates: list[Candidate]) -> list[Candidate]:
    """An ongoing process told without a date of its own ("commands with similar powers are
    being created within their structures"), followed in its paragraph by an event of the same
    kind and partners, within its period, that names no partner itself ("As for the Japanese
    army, a joint operational command will appear ..."), is the general statement that event
    details: it is quoted with that event (it is what ties the event to its partners), not
    drafted on its own."""
    kept = list(candidates)
    for later in candidates:
        if later.named or later not in kept:
            continue
        general = next(
            (
                candidate
                for candidate in kept
                if candidate.paragraph == later.paragraph
                and candidate.sentence < later.sentence
                and candidate.ongoing is not None
                and candidate.named
                and candidate.dated_by_text
                and candidate.kind == later.kind
                and candidate.date.first <= later.date.first
                and later.date.last <= candidate.date.last
                and set(candidate.partners) == set(later.partners)
            ),
            None,
        )
        if general is None or general.ongoing is None:
            continue
        kept.remove(general)
        later.spans = [*general.spans, *later.spans]
        process = _shown(general.ongoing)
        later.why["partners"] = (
            f"none named: those of the ongoing process it details "
            f"(line {general.line}: {general.why.get('partners', '')})"
        )
        _append(
            later.why,
            "sources",
            f'and line {general.line} before it, the ongoing process it details ("{process}")',
        )
        for first in general.firsts:
            if first not in later.firsts:
                later.firsts.append(first)
    return kept


def _without_dateline(text: str, sentence: Sentence) -> Sentence:
    """The sentence without a dateline that opens its line ("TOKYO, Oct 3 (Wire) - ")."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    if text[line_start : sentence.start].strip():
        return sentence
    match = _DATELINE.match(text, sentence.start, sentence.end)
    if match is None or match.end() >= sentence.end:
        return sentence
    return replace(sentence, start=match.end())


def _since(text: str, first: coding.First, time: TimeExpression) -> bool:
    """Whether a time is the precedent a first is measured from ("for the first time since
    the adoption of the three principles in 2014"), not the time of the event."""
    return first.start <= time.start < first.end and (
        re.search(r"(?i)\bsince\b", text[first.start : time.start]) is not None
    )


def _append(why: dict[str, str], key: str, text: str) -> None:
    why[key] = f"{why[key]}; {text}" if why.get(key) else text


def _month(date: PartialDate) -> PartialDate:
    return PartialDate(date.year, date.month) if date.month is not None else PartialDate(date.year)


def _place_data(place: Place | None) -> dict[str, str] | None:
    if place is None:
        return None
    data = {"name": place.name}
    if place.country:
        data["country"] = place.country
    return data


def _shown(hit: Hit) -> str:
    return " ".join(hit.text.split())


def _excerpt(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    return words if len(words) <= 80 else words[:77] + "..."


def _title(text: str, start: int, end: int) -> str:
    """The clause as a one-line title: without its leading connectives and dates, cut at a
    relative clause, at most about a hundred characters."""
    words = " ".join(text[start:end].split()).rstrip(".;,: ")
    stripped = LEADING.sub("", words) or words
    cut_at = _TITLE_CUT.search(stripped, 30)
    if cut_at is not None:
        stripped = stripped[: cut_at.start()]
    if len(stripped) > _TITLE_LENGTH:
        stripped = stripped[: stripped.rfind(" ", 0, _TITLE_LENGTH)].rstrip(",;: ") + " \u2026"
    stripped = stripped.strip(" ,;:()\"'\u201c\u201d")
    return stripped[:1].upper() + stripped[1:]
