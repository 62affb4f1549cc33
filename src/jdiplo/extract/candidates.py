"""Candidate events from a text: sentences cut into clauses, each clause coded by the rules.

How a text is read, sentence by sentence (a line is a paragraph):

1. A heading, a byline or a sentence of the author's opinion ("in our opinion") gives no
   event (an opinion's partners still count as named).
2. A sentence that refers back to the event before it in its paragraph ("this step", "the
   main goal of the meetings", "such a decision") and has no date and no verb of a new event
   adds to that event: its quote (and its firsts) grow.
3. Otherwise the sentence is cut into clauses: where a new date starts (", and on July 28,
   ..."), where a clause goes on with the same subject (", then invited ...", "and next met
   ..."), and at an aside in brackets that starts with "and".
4. A clause with a kind rule's words is an event (a clause that goes on with the same subject
   is one when the clause before it was). Its fields come from the clause:
   - date: its first time expression that is not a due date and not inside a first ("since
     2009"); else the date of the clause it goes on from; else, when the sentence refers back,
     the date of the event it refers to; else, for a plan told right after a dated
     announcement in the same paragraph, the announcement's date; else the period the text is
     about (a month), else the month of `--published`. A clause whose year cannot be known is
     reported, never guessed.
   - partners: those the clause names; else those of the event it refers back to; else those
     named last in the paragraph ("the parties", "they"); else the members of a grouping it
     names; else an organisation it names on its own ("with NATO", not "NATO Summit").
   - status `announced` for a plan; `due` from a time after the text's date or a deadline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jdiplo.dates import PartialDate
from jdiplo.extract import coding
from jdiplo.extract.dates import Finder, Reference, TimeExpression, about
from jdiplo.extract.lexicon import Document, Lexicon
from jdiplo.extract.mentions import Gazetteer, Mention, Place
from jdiplo.extract.people import PeopleFinder
from jdiplo.extract.rules import Rules, phrase_pattern
from jdiplo.extract.sentences import Sentence, split
from jdiplo.partners import Registry

_LEADING = re.compile(
    r"^(?:(?:and|but|so|thus|then|next|moreover|however|also|in\s+addition|additionally|"
    r"meanwhile|curiously|firstly|secondly|thirdly|finally|furthermore|besides|indeed|"
    r"in\s+any\s+case|as\s+a\s+result|at\s+the\s+same\s+time)\b,?\s*"
    r"|(?:on|in|at|during|by|from|since|after|before)\s[^,]{1,60},\s*)+",
    re.IGNORECASE,
)
_TITLE_CUT = re.compile(r",\s+(?:at\s+which|which|where|who|whose|while)\b|\s+\(|\s+[\u2013\u2014]\s+|;")
_TITLE_LENGTH = 110


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
    announces: bool = False
    subject_partners: list[str] = field(default_factory=list)  # of the clause that began it

    def quote(self, text: str) -> str:
        """The quoted text: adjacent spans as one passage, others joined with ' … '."""
        parts: list[str] = []
        spans = sorted(self.spans)
        begin, stop = spans[0]
        for start, end in spans[1:]:
            if not text[stop:start].strip() or start <= stop:
                stop = max(stop, end)
                continue
            parts.append(text[begin:stop])
            begin, stop = start, end
        parts.append(text[begin:stop])
        return " … ".join(" ".join(part.split()) for part in parts)

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
        if self.frameworks:
            data["frameworks"] = list(self.frameworks)
        if self.level is not None:
            data["level"] = self.level
        if self.domains:
            data["domains"] = list(self.domains)
        if self.people:
            data["people"] = [dict(person) for person in self.people]
        if self.place is not None:
            data["place"] = dict(self.place)
        if self.firsts:
            data["firsts"] = list(self.firsts)
        if self.amount is not None:
            data["amount"] = dict(self.amount)
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
class _Clause:
    start: int
    end: int
    role: str  # main, new (a date of its own), sequence (same subject), aside


@dataclass
class _State:
    paragraph: int = -1
    last_partners: tuple[list[str], str] | None = None  # codes, as named
    last_candidate: Candidate | None = None
    announcing: Candidate | None = None
    current_month: tuple[int, int] | None = None

    def new_paragraph(self, number: int) -> None:
        self.paragraph = number
        self.last_partners = None
        self.announcing = None


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

    @cached_property
    def _not_names(self) -> set[str]:
        words = {"The", "This", "These", "That", "In", "On", "At", "His", "Her", "Their", "It"}
        words |= {"And", "But", "Thus", "So", "However", "Moreover", "Also", "Then", "Next"}
        words |= set(self.rules.months) | set(self.rules.weekdays)
        words |= set(self.rules.demonyms) | set(self.rules.capitals) | set(self.rules.places)
        for partner in self.registry.partners.values():
            words |= {partner.code, partner.name, *partner.aliases}
        return words

    def _country_of(self, text: str) -> str | None:
        """The country code of a demonym, a country's name, or "Japan's"."""
        text = " ".join(text.split())
        for candidate in (text, text.removesuffix("'s").removesuffix("\u2019s")):
            code = self.rules.demonyms.get(candidate)
            if code is None:
                code = self.registry.clash(candidate.removeprefix("the "))
            if code is not None and self.registry.check_country_code(code) is None:
                return code
        return None

    @cached_property
    def _sequence(self) -> re.Pattern[str]:
        words = "|".join(phrase_pattern(word) for word in self.rules.sequence_words) or "(?!)"
        return re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:{words})\s+(?=[a-z])")

    # The text

    def extract(self, text: str, published: PartialDate | None = None) -> Extraction:
        doc = self.lexicon.scan(text)
        sentences = split(text, self.rules.abbreviations)
        body = [sentence for sentence in sentences if not sentence.heading]
        opening = [(sentence.start, sentence.end) for sentence in body[:3]]
        reference = Reference(published, about(self.finder, text, opening, Reference(published)))
        state = _State()
        candidates: list[Candidate] = []
        notes: list[Note] = []
        for sentence in sentences:
            if sentence.paragraph != state.paragraph:
                state.new_paragraph(sentence.paragraph)
            if sentence.heading:
                continue
            self._sentence(doc, sentence, reference, state, candidates, notes)
        return Extraction(candidates, notes, reference)

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
        firsts = coding.firsts(rules, doc, start, end)
        plan = coding.plan(rules, doc, start, end)
        times = [
            expression
            for expression in self.finder.find(
                text, start, end, reference, state.current_month, future=plan is not None
            )
            if not any(first.start <= expression.start < first.end for first in firsts)
        ]
        mentions = self.gazetteer.mentions(doc, start, end)
        past = [time for time in times if not self._is_due(time, reference, plan is not None)]
        if coding.opinion(rules, doc, start, end):
            self._remember_partners(mentions, state)
            state.announcing = None
            return
        back = doc.search(rules.back_reference, start, end)
        new_verb = doc.search(rules.new_event_verbs, start, end)
        previous = state.last_candidate
        if (
            back is not None
            and new_verb is None
            and not past
            and previous is not None
            and previous.paragraph == sentence.paragraph
        ):
            self._add_to(previous, text, sentence, firsts, back)
            self._track_months(times, reference, state)
            return
        referent = previous if back is not None and not past else None
        if referent is not None and referent.paragraph != sentence.paragraph:
            referent = None
        made = self._clauses_of(
            doc, sentence, reference, state, firsts, times, mentions, plan, referent, notes
        )
        candidates.extend(made)
        if made:
            state.last_candidate = made[-1]
        if plan is None or not made or past:
            state.announcing = None
        for candidate in made:
            if candidate.announces and candidate.date.day is not None:
                state.announcing = candidate
        self._track_months(times, reference, state)

    def _add_to(
        self,
        candidate: Candidate,
        text: str,
        sentence: Sentence,
        firsts: Sequence[coding.First],
        back: Any,
    ) -> None:
        candidate.spans.append((sentence.start, sentence.end))
        phrase = " ".join(back.group(0).split())
        candidate.why["sources"] = (
            candidate.why.get("sources", "the clause")
            + f'; and line {sentence.line}, which refers back to it ("{phrase}")'
        )
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

    def _clauses(
        self, text: str, start: int, end: int, times: list[TimeExpression]
    ) -> list[_Clause]:
        cuts: list[tuple[int, int, str]] = []  # (cut at, clause starts at, role)
        for match in re.finditer(
            r",\s*(?:and|while|whereas|but)\s+|;\s*(?:and\s+)?", text[start:end]
        ):
            at = start + match.start()
            after = start + match.end()
            following = next((time for time in times if time.start >= after), None)
            if following is None:
                continue
            gap = text[after : following.start]
            if re.fullmatch(r"(?i)(?:on|in|at|during|from|by)?\s*", gap):
                cuts.append((at, at + (1 if text[at] == "," else 0), "new"))
        for match in self._sequence.finditer(text, start, end):
            cuts.append(
                (
                    match.start(),
                    match.start() + (1 if text[match.start()] == "," else 0),
                    "sequence",
                )
            )
        asides: list[tuple[int, int]] = []
        for match in re.finditer(r"\((?=and\s)", text[start:end]):
            open_at = start + match.start()
            close_at = text.find(")", open_at, end)
            if close_at < 0:
                continue
            asides.append((open_at, close_at))
        clauses: list[_Clause] = []
        points = sorted(
            [(cut, begin, role) for cut, begin, role in cuts if not _inside(cut, asides)]
            + [(open_at, open_at + 1, "aside") for open_at, _ in asides]
        )
        begin, role = start, "main"
        for cut, next_begin, next_role in points:
            if cut <= begin:
                continue
            clauses.append(_Clause(begin, cut, role))
            begin, role = next_begin, next_role
            if role == "aside":
                close_at = next(close for open_at, close in asides if open_at + 1 == begin)
                clauses.append(_Clause(begin, close_at, "aside"))
                begin, role = close_at + 1, "rest"
        clauses.append(_Clause(begin, end, role))
        trimmed = []
        for clause in clauses:
            left, right = clause.start, clause.end
            while left < right and (text[left].isspace() or text[left] in ",;"):
                left += 1
            while right > left and (text[right - 1].isspace() or text[right - 1] in ",;"):
                right -= 1
            if right > left and (clause.role != "rest" or not trimmed):
                trimmed.append(
                    _Clause(left, right, clause.role if clause.role != "rest" else "main")
                )
        return trimmed

    def _clauses_of(
        self,
        doc: Document,
        sentence: Sentence,
        reference: Reference,
        state: _State,
        firsts: list[coding.First],
        times: list[TimeExpression],
        mentions: list[Mention],
        plan: coding.Coded | None,
        referent: Candidate | None,
        notes: list[Note],
    ) -> list[Candidate]:
        made: list[Candidate] = []
        before: Candidate | None = None  # the event of the clause before, in this sentence
        before_partners: list[str] = []
        before_date: tuple[PartialDate, PartialDate | None, str] | None = None
        text = doc.text
        for clause in self._clauses(text, sentence.start, sentence.end, times):
            start, end = clause.start, clause.end
            inside = [m for m in mentions if start <= m.start < end]
            own, own_how = self._partners(inside)
            clause_times = [t for t in times if start <= t.start < end]
            clause_plan = coding.plan(self.rules, doc, start, end)
            coded = coding.kind(self.rules, doc, start, end)
            continuing = clause.role == "sequence" and before is not None
            if continuing and before is not None:
                if coded is None or self.rules.kind_rank(coded.value) >= self.rules.kind_rank(
                    before.kind
                ):
                    coded = coding.Coded(
                        before.kind,
                        f"goes on from the clause before ({before.why.get('kind', '')})",
                    )
            if coded is None:
                if own:
                    state.last_partners = (own, own_how)
                    before_partners = own
                continue
            candidate = self._candidate(
                doc, sentence, clause, reference, state, coded, own, own_how, inside,
                clause_times, firsts, plan if clause_plan is None and clause.role == "main" else clause_plan,
                referent, before if continuing or clause.role == "aside" else None,
                before_partners, before_date, notes,
            )  # fmt: skip
            if own:
                state.last_partners = (own, own_how)
                before_partners = own
            if candidate is None:
                continue
            made.append(candidate)
            before = candidate
            before_date = (candidate.date, candidate.end, candidate.why.get("date", ""))
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
        sentence: Sentence,
        clause: _Clause,
        reference: Reference,
        state: _State,
        coded: coding.Coded,
        own: list[str],
        own_how: str,
        mentions: list[Mention],
        times: list[TimeExpression],
        firsts: list[coding.First],
        plan: coding.Coded | None,
        referent: Candidate | None,
        before: Candidate | None,
        before_partners: list[str],
        before_date: tuple[PartialDate, PartialDate | None, str] | None,
        notes: list[Note],
    ) -> Candidate | None:
        rules, start, end, text = self.rules, clause.start, clause.end, doc.text
        why: dict[str, str] = {}
        # When
        past = [t for t in times if not self._is_due(t, reference, plan is not None)]
        dues = [t for t in times if self._is_due(t, reference, plan is not None)]
        unknown = [t for t in past if t.date is None]
        if unknown:
            reason = f'no year for "{unknown[0].text}" ({unknown[0].how}): give --published'
            notes.append(Note(sentence.line, _excerpt(text, start, end), reason))
            return None
        end_date: PartialDate | None = None
        if past:
            time = past[0]
            assert time.date is not None
            date, end_date = time.date, time.end_date
            why["date"] = f'"{time.text}": {time.how}'
        elif before_date is not None:
            date, end_date = before_date[0], before_date[1]
            why["date"] = "the date of the clause before"
        elif referent is not None:
            date = referent.date
            why["date"] = f"the date of the event it refers back to (line {referent.line})"
        elif plan is not None and state.announcing is not None:
            date = state.announcing.date
            why["date"] = (
                f"told after the announcement of line {state.announcing.line}, so announced then"
            )
        elif reference.about is not None:
            date = _month(reference.about)
            why["date"] = "no date in the sentence: the period the text is about"
        elif reference.published is not None:
            date = _month(reference.published)
            why["date"] = "no date in the sentence: the month of --published"
        else:
            reason = "no date in the sentence, and none for the text: give --published"
            notes.append(Note(sentence.line, _excerpt(text, start, end), reason))
            return None
        status, due = "held", None
        if dues:
            due_time = dues[0]
            due = due_time.date
            if due is not None and due.last < date.first:
                due = None
        if plan is not None or due is not None:
            status = "announced"
            reasons = []
            if plan is not None:
                reasons.append(f"a plan: {plan.how}")
            if due is not None:
                reasons.append(f'due "{dues[0].text}" ({dues[0].how})')
            why["status"] = "; ".join(reasons)
        # Who
        partners, partners_how = list(own), own_how
        subject: list[str] = list(own)
        if before is not None and clause.role == "sequence":
            subject = list(before.subject_partners)
            partners = subject + [code for code in own if code not in subject]
            partners_how = "the subject of the clause before" + (
                f", and {own_how}" if own_how else ""
            )
        if not partners and before_partners and clause.role == "aside":
            partners, partners_how = list(before_partners), "none named: those of the clause before"
        if not partners and referent is not None:
            partners = list(referent.partners)
            partners_how = (
                f"none named: those of the event it refers back to (line {referent.line})"
            )
        if not partners and before_partners:
            partners, partners_how = list(before_partners), "none named: those of the clause before"
        if not partners and state.last_partners is not None:
            codes, how = state.last_partners
            partners, partners_how = list(codes), f"none named: those named last ({how})"
        frameworks = self._frameworks(text, mentions, start, end)
        if not partners:
            partners, partners_how = self._partners_of_frameworks(text, mentions)
        if not partners:
            notes.append(Note(sentence.line, _excerpt(text, start, end), "no partner named"))
            return None
        why["partners"] = partners_how
        implied = self._implied_frameworks(doc, start, end, partners)
        for code, how in implied:
            if code not in [c for c, _ in frameworks]:
                frameworks.append((code, how))
        if before is not None and clause.role == "sequence":
            for code in before.frameworks:
                if code not in [c for c, _ in frameworks]:
                    frameworks.append((code, "the clause before"))
        # What
        people = self._people(doc, start, end, partners)
        level = coding.level(rules, doc, start, end)
        level_value = level.value if level else None
        if level is not None:
            why["level"] = level.how
        if before is not None and clause.role == "sequence" and before.level is not None:
            if level_value is None or rules.level_rank(before.level) < rules.level_rank(
                level_value
            ):
                level_value = before.level
                why["level"] = "the clause it goes on from"
        if level_value is None and referent is not None and referent.level is not None:
            level_value = referent.level
            why["level"] = f"the event it refers back to (line {referent.line})"
        domains = coding.domains(rules, doc, start, end)
        place = self.gazetteer.place(doc, start, end)
        place_how = place.how if place else ""
        if place is None and before is not None and before.place is not None:
            place = Place(before.place["name"], before.place.get("country"), "the clause before")
            place_how = "the clause before"
        clause_firsts = [first for first in firsts if start <= first.start < end]
        amount = None
        if coded.value in ("arms-transfer", "agreement", "co-development"):
            amount = coding.amount(rules, text, start, end)
        candidate = Candidate(
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
            level=level_value,
            domains=[item.value for item in domains],
            people=people[0],
            place=_place_data(place),
            firsts=[first.text for first in clause_firsts],
            amount=amount[0] if amount else None,
            why=why,
            paragraph=sentence.paragraph,
            announces=coding.announcement(rules, doc, start, end),
            subject_partners=subject or partners,
        )
        why["title"] = "the clause, for you to rewrite"
        why["kind"] = coded.how
        if frameworks:
            why["frameworks"] = ", ".join(how for _, how in frameworks)
        if domains:
            why["domains"] = ", ".join(item.how for item in domains)
        if people[0]:
            why["people"] = people[1]
        if place is not None:
            why["place"] = place_how
        if clause_firsts:
            why["firsts"] = ", ".join(f'"{first.text}"' for first in clause_firsts)
        if amount:
            why["amount"] = amount[1]
        why["sources"] = f"the clause (line {sentence.line})"
        return candidate

    def _frameworks(
        self, text: str, mentions: list[Mention], start: int, end: int
    ) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for mention in mentions:
            if not mention.framework or mention.topic:
                continue
            for code in mention.codes:
                if self.registry.check_framework_code(code) is None and code not in [
                    c for c, _ in found
                ]:
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
                found.append(
                    (rule.framework, f'{rule.framework}: "{" ".join(match.group(0).split())}"')
                )
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
                named_alone = not re.match(r"\s+[A-Z]", text[mention.end : mention.end + 2])
                if named_alone:
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
            state.last_partners = (codes, how)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _append(why: dict[str, str], key: str, text: str) -> None:
    why[key] = f"{why[key]}, {text}" if why.get(key) else text


def _month(date: PartialDate) -> PartialDate:
    return PartialDate(date.year, date.month) if date.month is not None else PartialDate(date.year)


def _place_data(place: Place | None) -> dict[str, str] | None:
    if place is None:
        return None
    data = {"name": place.name}
    if place.country:
        data["country"] = place.country
    return data


def _excerpt(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    return words if len(words) <= 80 else words[:77] + "..."


def _title(text: str, start: int, end: int) -> str:
    """The clause as a one-line title: without its leading connectives and dates, cut at a
    relative clause, at most about a hundred characters."""
    words = " ".join(text[start:end].split()).rstrip(".;,: ")
    stripped = _LEADING.sub("", words) or words
    cut = _TITLE_CUT.search(stripped, 30)
    if cut is not None:
        stripped = stripped[: cut.start()]
    if len(stripped) > _TITLE_LENGTH:
        stripped = stripped[: stripped.rfind(" ", 0, _TITLE_LENGTH)].rstrip(",;: ") + " …"
    stripped = stripped.strip(" ,;:()")
    return stripped[:1].upper() + stripped[1:]
