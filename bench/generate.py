"""Synthetic record sets for the benchmark, in the real record format.

    python bench/generate.py --events 10000 --seed 1 --out bench/out/events-10k

writes, under OUT:

    records/YYYY/YYYY-MM.yaml   the events, one file a month (120 months from 2015-01 by default)
    seeds/YYYY-MM-<publisher>.txt  the articles the records quote (source paths are relative to OUT)
    events.json                 the same events as one JSON array, one record a line, in the
                                order of `jdiplo list --format json` and with the fields a
                                record sets (null and empty fields left out, as an export
                                would): the input of the jq peer

The mix imitates a team's tracking of Japan's relations: partner frequencies skewed towards the
US, the ROK, Australia and the UK; multi-partner events in frameworks (JUSK, QUAD, IP4, 2+2, G7,
NATO...); levels and people that fit the kind of event, with office holders who stay in post for
a few years; places; dates known to the day, the month or only the year; multi-day exercises and
visits with an `end`; announced steps with a `due` date; amounts for arms transfers; firsts, tags,
and `related` ids of earlier events. Every quote occurs in its article (some with elisions '…').

The output depends only on the arguments: the same seed gives byte-identical files. Text is
written directly (see record_yaml.py), so 100,000 events take seconds, not minutes.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from record_yaml import flow_list, flow_mapping, scalar, text_value
from synthetic_world import (
    AGREEMENTS,
    ANNOUNCEABLE,
    CAPITAL_COUNTRY,
    CODEVELOPMENTS,
    COMMENTARY,
    DEPLOYMENTS,
    EXERCISE_CHOOSER,
    EXERCISE_FORCES,
    EXERCISE_PARTNERS,
    EXTRA_DOMAINS,
    FRAMEWORK_CHOOSER,
    FRAMEWORK_EXERCISES,
    FRAMEWORK_SHARE,
    FRIENDLY_CHOOSER,
    INSTITUTIONS,
    JAPAN_PLACE_CHOOSER,
    KIND_CHOOSER,
    KIND_DOMAINS,
    KIND_WEIGHTS,
    LEVEL_CHOOSERS,
    NAME_POOLS,
    NAMED_LEVELS,
    OFFICES,
    OTHER_DOMAINS,
    OTHER_EVENTS,
    PARTNER_CHOOSER,
    PARTNERS,
    PROTESTS,
    PUBLISHERS,
    STATEMENT_SUBJECTS,
    SUMMARIES,
    THIRD_PLACES,
    TOPICS,
    TRANSFERS,
)

FIELD_ORDER = (
    "id", "date", "end", "status", "due", "title", "kind", "partners", "frameworks", "level",
    "domains", "people", "place", "summary", "firsts", "amount", "sources", "tags", "related",
)  # fmt: skip
SOURCE_FIELD_ORDER = ("title", "url", "file", "publisher", "author", "date", "quote")
EVENTS_PER_ARTICLE = 25


# Time


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def name(self) -> str:
        return calendar.month_name[self.month]

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def parse_month(text: str) -> Month:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match is None or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, not {text!r}")
    return Month(int(match[1]), int(match[2]))


def events_per_month(total: int, months: int, rng: random.Random) -> list[int]:
    """How many events each month gets: more in later years (tracking grows), some noise, at
    least one a month when there are enough events, and exactly `total` in all."""
    growth = 0.6 / max(months - 1, 1)
    weights = [(1.0 + growth * index) * rng.uniform(0.8, 1.2) for index in range(months)]
    scale = total / sum(weights)
    counts = [math.floor(weight * scale) for weight in weights]
    remainders = sorted(range(months), key=lambda i: (counts[i] - weights[i] * scale, i))
    for index in remainders[: total - sum(counts)]:
        counts[index] += 1
    if total >= months:
        for index in range(months):
            while counts[index] == 0:
                donor = max(range(months), key=lambda i: (counts[i], -i))
                counts[donor] -= 1
                counts[index] += 1
    return counts


# Office holders: the same minister appears for a few years, then a successor


@dataclass
class OfficeHolders:
    rng: random.Random
    holders: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)

    def holder(self, country: str, office: str, month_index: int) -> str:
        current = self.holders.get((country, office))
        if current is not None and current[0] > month_index:
            return current[1]
        pool = PARTNERS[country].name_pool if country in PARTNERS else "japanese"
        name = self._new_name(pool)
        self.holders[(country, office)] = (month_index + self.rng.randint(14, 60), name)
        return name

    def _new_name(self, pool: str) -> str:
        names = NAME_POOLS[pool]
        family, given = self.rng.choice(names.family_names), self.rng.choice(names.given_names)
        family_first = names.family_first
        if pool == "japanese" and self.rng.random() < 0.5:
            family_first = False  # English-language sources write Japanese names both ways
        return f"{family} {given}" if family_first else f"{given} {family}"


# Articles: the seed texts the records quote


@dataclass
class Article:
    path: str  # relative to the output folder: seeds/YYYY-MM-<slug>.txt
    publisher: str
    author: str | None
    title: str
    date: str
    url: str
    curly: bool
    paragraphs: list[list[str]] = field(default_factory=list)

    def add(self, sentences: list[str], rng: random.Random) -> None:
        if not self.paragraphs or len(self.paragraphs[-1]) >= rng.randint(3, 6):
            self.paragraphs.append([])
        self.paragraphs[-1].extend(sentences)

    def text(self) -> str:
        lines = [self.title, ""]
        lines += [" ".join(paragraph) for paragraph in self.paragraphs]
        return "\n".join(lines) + "\n"


# Events


@dataclass
class Scene:
    """Who takes part and in which frameworks, before the kind shapes the text."""

    partners: list[str]
    frameworks: list[str]
    label: str  # the group in titles: "Japan-US", "Quad"


class RecordSetGenerator:
    def __init__(self, seed: int, first_month: Month) -> None:
        self.rng = random.Random(seed)
        self.first_month = first_month
        self.offices = OfficeHolders(random.Random(seed + 1))
        self.used_ids: set[str] = set()
        self.recent_ids: dict[str, deque[str]] = {}
        self.writers: dict[str, Writer] = {
            "meeting": self._meeting, "summit": self._summit, "visit": self._visit,
            "exercise": self._exercise, "agreement": self._agreement,
            "statement": self._statement, "deployment": self._deployment,
            "arms-transfer": self._arms_transfer, "co-development": self._co_development,
            "institutional": self._institutional, "other": self._other,
        }  # fmt: skip

    def month_events(
        self, month_index: int, count: int
    ) -> tuple[list[dict[str, Any]], list[Article]]:
        """`count` records dated in one month (full records, every field, JSON-ready), in
        jdiplo's order, and the articles they quote."""
        month = self.first_month.plus(month_index)
        articles = self._articles(month, max(1, round(count / EVENTS_PER_ARTICLE)))
        records = [self._event(month, month_index, articles) for _ in range(count)]
        records.sort(key=record_sort_key)
        return records, [article for article in articles if article.paragraphs]

    def _articles(self, month: Month, count: int) -> list[Article]:
        rng = self.rng
        articles = []
        for number in range(count):
            name, slug, authors, curly = PUBLISHERS[rng.randrange(len(PUBLISHERS))]
            suffix = f"-{number + 1}" if count > 1 else ""
            topic = TOPICS[rng.randrange(len(TOPICS))][0]
            title = f"Japan's diplomacy in {month.name} {month.year}: {topic}"
            day = rng.randint(1, month.days)
            articles.append(
                Article(
                    path=f"seeds/{month.label}-{slug}{suffix}.txt",
                    publisher=name,
                    author=authors[rng.randrange(len(authors))],
                    title=capitalised(title),
                    date=f"{month.label}-{day:02d}",
                    url=f"https://{slug}.example/{month.year}/{month.month:02d}/{number + 1}",
                    curly=curly,
                )
            )
        return articles

    # One event

    def _event(self, month: Month, month_index: int, articles: list[Article]) -> dict[str, Any]:
        rng = self.rng
        kind = KIND_CHOOSER.pick(rng)
        scene = self._scene(kind)
        if kind not in scene_kinds(scene):
            kind = "statement"
        date, precision, day = self._date(month)
        level = LEVEL_CHOOSERS[kind].pick(rng)
        record: dict[str, Any] = dict.fromkeys(FIELD_ORDER)
        record.update(
            date=date, status="held", kind=kind, partners=scene.partners,
            frameworks=scene.frameworks, level=None if level == "none" else level,
            people=[], firsts=[], tags=[], related=[], domains=[],
        )  # fmt: skip
        topic, topic_tag, topic_domain = TOPICS[rng.randrange(len(TOPICS))]
        when = date_phrase(month, precision, day)
        title, sentence, slug, tag, domain = self.writers[kind](record, scene, topic, when)
        scene = Scene(record["partners"], record["frameworks"], scene.label)  # as the kind left it
        if record["level"] in NAMED_LEVELS and rng.random() < 0.6:
            record["people"] = self._people(record, scene, month_index, domain)
        if record["place"] is None:
            record["place"] = self._place(kind, scene)
        domains = [domain, *KIND_DOMAINS[kind][:1]]
        if rng.random() < 0.35:
            domains.append(topic_domain)
        if rng.random() < 0.15:
            domains.append(EXTRA_DOMAINS.pick(rng))
        record["domains"] = list(dict.fromkeys(domains))
        tags = [tag] if tag else []
        if rng.random() < 0.4:
            tags.append(topic_tag)
        record["tags"] = list(dict.fromkeys(tags))
        if rng.random() < 0.15:
            record["summary"] = rng.choice(SUMMARIES).format(topic=topic)
        if rng.random() < 0.05:
            record["firsts"] = [self._first(kind, scene, month)]
        if kind in ("exercise", "visit", "summit") and precision == "day" and rng.random() < 0.7:
            length = rng.randint(1, 3) if kind != "exercise" else rng.randint(3, 16)
            record["end"] = (
                dt.date(month.year, month.month, day) + dt.timedelta(length)
            ).isoformat()
        if kind in ANNOUNCEABLE and rng.random() < 0.3:
            self._announce(record, month)
        record["id"] = self._new_id(date, slug)
        record["title"] = title
        record["sources"] = self._sources(sentence, articles)
        record["related"] = self._related(record)
        return record

    def _scene(self, kind: str) -> Scene:
        rng = self.rng
        if kind in FRAMEWORK_SHARE and rng.random() < FRAMEWORK_SHARE[kind]:
            scene = FRAMEWORK_CHOOSER.pick(rng)
            if kind in scene.kinds:
                if scene.choose_from:
                    partner = scene.choose_from[rng.randrange(len(scene.choose_from))]
                    return Scene([partner], list(scene.frameworks), f"Japan-{partner} 2+2")
                return Scene(list(scene.partners), list(scene.frameworks), scene.label)
        chooser = PARTNER_CHOOSER if kind in ("statement", "meeting", "other") else FRIENDLY_CHOOSER
        partners = [chooser.pick(rng)]
        if partners[0] not in ("DPRK", "RU", "CN") and rng.random() < 0.12:
            partners += FRIENDLY_CHOOSER.pick_distinct(rng, rng.randint(1, 2), partners)
        return Scene(partners, [], "Japan-" + "-".join(partners))

    def _date(self, month: Month) -> tuple[str, str, int]:
        roll = self.rng.random()
        day = self.rng.randint(1, month.days)
        if roll < 0.03:
            return str(month.year), "year", day
        if roll < 0.15:
            return month.label, "month", day
        return f"{month.label}-{day:02d}", "day", day

    def _new_id(self, date: str, slug: str) -> str:
        base = candidate = f"{date}-{slug}"
        number = 1
        while candidate in self.used_ids:
            number += 1
            candidate = f"{base}-{number}"
        self.used_ids.add(candidate)
        return candidate

    def _related(self, record: dict[str, Any]) -> list[str]:
        rng = self.rng
        key = record["partners"][0]
        recent = self.recent_ids.setdefault(key, deque(maxlen=40))
        related: list[str] = []
        roll = rng.random()
        wanted = 0 if roll < 0.75 else 1 if roll < 0.93 else 2
        for _ in range(wanted):
            if recent:
                candidate = recent[rng.randrange(len(recent))]
                if candidate not in related:
                    related.append(candidate)
        recent.append(record["id"])
        return related

    def _announce(self, record: dict[str, Any], month: Month) -> None:
        rng = self.rng
        record["status"] = "announced"
        record["end"] = None
        if rng.random() < 0.75:
            later = month.plus(rng.randint(2, 40))
            record["due"] = str(later.year) if rng.random() < 0.6 else later.label

    def _place(self, kind: str, scene: Scene) -> dict[str, Any] | None:
        rng = self.rng
        if kind in ("statement", "institutional", "arms-transfer", "co-development") or (
            rng.random() < 0.15
        ):
            return None
        roll = rng.random()
        host = scene.partners[0]
        if roll < 0.5 or kind == "deployment":
            return {"name": JAPAN_PLACE_CHOOSER.pick(rng), "country": "JP"}
        if roll < 0.9:
            country = CAPITAL_COUNTRY.get(host, host)
            return {"name": PARTNERS[host].capital, "country": country}
        name, country = THIRD_PLACES[rng.randrange(len(THIRD_PLACES))]
        return {"name": name, "country": country}

    def _people(
        self, record: dict[str, Any], scene: Scene, month_index: int, domain: str
    ) -> list[dict[str, Any]]:
        level = record["level"]
        defence = domain in ("defence", "maritime", "deterrence", "defence-industry")
        japanese_role, partner_role = OFFICES[level][defence]
        people: list[dict[str, Any]] = []
        if level != "ambassador":
            name = self.offices.holder("JP", japanese_role, month_index)
            people.append({"name": name, "role": japanese_role, "country": "JP"})
        for code in scene.partners[: 1 if self.rng.random() < 0.8 else 2]:
            partner = PARTNERS[code]
            role = partner_role
            if level == "leaders":
                role = partner.leader
            elif level == "ambassador":
                role = f"Ambassador of {strip_article(partner.name)} to Japan"
            elif not partner.is_state:
                role = "Deputy Secretary General" if code == "NATO" else "Commissioner"
            country = code if partner.is_state else None
            name = self.offices.holder(code, role, month_index)
            people.append({"name": name, "role": role, "country": country})
        return people

    def _first(self, kind: str, scene: Scene, month: Month) -> str:
        names = join_names([strip_article(PARTNERS[code].name) for code in scene.partners])
        since = month.year - self.rng.randint(5, 30)
        return self.rng.choice(
            (
                f"first {kind.replace('-', ' ')} of its kind between Japan and {names}",
                f"first such event with {names} since {since}",
                f"first participation of {names} in this format",
            )
        )

    def _sources(self, sentence: str, articles: list[Article]) -> list[dict[str, Any]]:
        """The record's sources, writing the quoted sentence into an article as it goes."""
        rng = self.rng
        article = articles[rng.randrange(len(articles))]
        sentences = [sentence]
        quote = sentence
        roll = rng.random()
        if roll < 0.08:  # quote two sentences with the commentary between them elided
            aside, more = rng.choice(COMMENTARY), rng.choice(COMMENTARY)
            sentences += [aside, more]
            quote = f"{quote} … {more}"
        elif roll < 0.25:  # quote from the middle of the sentence
            words = quote.split(" ")
            quote = " ".join(words[len(words) // 3 :])
        elif roll < 0.4:
            sentences.append(rng.choice(COMMENTARY))
        if article.curly:  # the article prints typographic apostrophes; most records copy them
            sentences = [text.replace("'", "\u2019") for text in sentences]
            quote = quote.replace("'", "\u2019") if rng.random() < 0.7 else quote
        article.add(sentences, rng)
        source: dict[str, Any] = dict.fromkeys(SOURCE_FIELD_ORDER)
        source.update(file=article.path, publisher=article.publisher, quote=quote)
        source["author"] = article.author
        if rng.random() < 0.15:
            source["title"] = article.title
        if rng.random() < 0.2:
            source["date"] = article.date
        if rng.random() < 0.1:
            source["url"] = article.url
        return [source]

    # Kinds: each writes the text of one kind of event and may adjust the record (partners,
    # place, amount); it returns (title, quoted sentence, id slug, tag, main domain).

    def _meeting(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        level = record["level"] or "working"
        who = {
            "leaders": "leaders", "ministerial": "ministers", "chiefs-of-staff": "chiefs of staff",
            "senior-officials": "senior officials", "ambassador": "ambassadors",
            "working": "working-level officials",
        }[level]  # fmt: skip
        defence = self.rng.random() < 0.5
        if level == "ministerial":
            who = "defence ministers" if defence else "foreign ministers"
        if "2+2" in scene.frameworks:
            who, defence = "foreign and defence ministers", True
        title = f"{scene.label} meeting of {who}"
        sentence = f"{when}, the {who} of {with_japan(scene)} met to discuss {topic}."
        slug = f"{slug_of(scene)}-{who.split()[0]}-meeting"
        return title, sentence, slug, None, "defence" if defence else "diplomacy"

    def _summit(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        title = f"{scene.label} summit"
        sentence = f"{when}, the leaders of {with_japan(scene)} discussed {topic}."
        return title, sentence, f"{slug_of(scene)}-summit", None, "diplomacy"

    def _visit(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        host = PARTNERS[scene.partners[0]]
        visitor = {
            "leaders": "Prime Minister", "ministerial": "Foreign Minister",
            "chiefs-of-staff": "Chief of Staff of the Joint Staff",
            "senior-officials": "Vice-Minister for Foreign Affairs",
        }.get(record["level"] or "", "a Japanese delegation")  # fmt: skip
        if record["level"] == "ministerial" and self.rng.random() < 0.5:
            visitor = "Defence Minister"
        visitor_text = visitor if visitor.startswith("a ") else f"the Japanese {visitor}"
        record["place"] = {
            "name": host.capital,
            "country": CAPITAL_COUNTRY.get(host.code, host.code),
        }
        title = f"{capitalised(visitor_text)} visits {host.name}"
        sentence = (
            f"{when}, {visitor_text} travelled to {host.capital}, where talks focused on {topic}."
        )
        domain = "defence" if "Defence" in visitor or "Staff" in visitor else "diplomacy"
        return title, sentence, f"visit-{host.code.lower()}", None, domain

    def _exercise(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        rng = self.rng
        name = FRAMEWORK_EXERCISES.get(scene.frameworks[0]) if scene.frameworks else None
        if name is None:
            name = EXERCISE_CHOOSER.pick(rng)
            scene = Scene(list(EXERCISE_PARTNERS[name]), [], scene.label)
            record["partners"], record["frameworks"] = scene.partners, []
        year = record["date"][:4]
        force = EXERCISE_FORCES[rng.randrange(len(EXERCISE_FORCES))]
        title = f"{name} {year}: {force[4:]} exercises with {names_of(scene)}"
        sentence = f"{when}, {force} began the {name} exercises with {names_of(scene)}."
        tag = slugify(name)
        domain = "maritime" if "Maritime" in force else "defence"
        return title, sentence, f"{tag}-{year}", tag, domain

    def _agreement(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        what, tag, scene = self._programme(AGREEMENTS, record, scene)
        title = f"{with_japan(scene)} sign {what}"
        sentence = f"{when}, {with_japan(scene)} signed {what}."
        domain = "economy" if tag in ("critical-minerals", "semiconductors") else "defence"
        return title, sentence, f"{slug_of(scene)}-{tag}", tag, domain

    def _statement(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        rng = self.rng
        target = scene.partners[0]
        if target in PROTESTS:
            subjects = PROTESTS[target]
            subject, tag, domain = subjects[rng.randrange(len(subjects))]
            title = f"Japan protests to {PARTNERS[target].name} over {subject}"
            sentence = (
                f"{when}, Tokyo lodged a protest with {PARTNERS[target].name} through "
                f"diplomatic channels over {subject}."
            )
            return title, sentence, f"protest-{target.lower()}-{tag}", tag, domain
        verb, subject, tag, domain = STATEMENT_SUBJECTS[rng.randrange(len(STATEMENT_SUBJECTS))]
        title = f"{with_japan(scene)} {verb} {subject}"
        sentence = f"{when}, {with_japan(scene)} issued a joint statement to {verb} {subject}."
        return title, sentence, f"{slug_of(scene)}-statement-{tag}", tag, domain

    def _deployment(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        what, tag, scene = self._programme(DEPLOYMENTS, record, scene)
        sender = PARTNERS[scene.partners[0]]
        title = f"{capitalised(sender.name)} sends {what}"
        sentence = f"{when}, {sender.name} sent {what}, citing {topic}."
        return title, sentence, f"{sender.code.lower()}-{tag}", tag, "defence"

    def _arms_transfer(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        rng = self.rng
        what, tag, scene = self._programme(TRANSFERS, record, scene)
        recipient = PARTNERS[scene.partners[0]]
        yen = rng.randint(2, 400) * 100_000_000
        usd = int(round(yen / rng.uniform(105, 155), -5)) if rng.random() < 0.6 else None
        record["amount"] = {"value": yen, "currency": "JPY", "usd": usd}
        worth = f"{yen / 10**9:g} billion" if yen >= 10**9 else f"{yen // 10**6} million"
        title = f"Japan to transfer {what} to {recipient.name}"
        sentence = (
            f"{when}, the Ministry of Defense announced a contract worth {worth} yen for the "
            f"transfer of {what} to {recipient.name}."
        )
        return title, sentence, f"{tag}-to-{recipient.code.lower()}", tag, "defence-industry"

    def _co_development(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        rng = self.rng
        what, tag, scene = self._programme(CODEVELOPMENTS, record, scene)
        if rng.random() < 0.3:
            dollars = rng.randint(5, 900) * 10_000_000
            record["amount"] = {"value": dollars, "currency": "USD", "usd": dollars}
        title = f"{with_japan(scene)} advance joint development of {what}"
        sentence = f"{when}, {with_japan(scene)} agreed on the next phase of work on {what}."
        return title, sentence, f"{tag}-development", tag, "defence-industry"

    def _institutional(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        what, tag, scene = self._programme(INSTITUTIONS, record, scene)
        title = f"{with_japan(scene)} establish {what}"
        sentence = f"{when}, it was announced that {with_japan(scene)} will establish {what}."
        return title, sentence, f"{slug_of(scene)}-{tag}", tag, "defence"

    def _other(self, record: dict[str, Any], scene: Scene, topic: str, when: str) -> Texts:
        what, tag, scene = self._programme(OTHER_EVENTS, record, scene)
        title = f"{with_japan(scene)} mark {what}"
        sentence = f"{when}, {with_japan(scene)} marked {what}."
        return title, sentence, f"{slug_of(scene)}-{tag}", tag, OTHER_DOMAINS[tag]

    def _programme(
        self, table: Sequence[Programme], record: dict[str, Any], scene: Scene
    ) -> tuple[str, str, Scene]:
        """(what, tag) of an entry of `table` that fits the scene's first partner, and the scene;
        when none fits a scene outside any framework, an entry and one of its partners instead.
        """
        rng = self.rng
        fitting = [entry for entry in table if not entry[2] or scene.partners[0] in entry[2]]
        if fitting or scene.frameworks:
            what, tag, _ = (fitting or list(table))[rng.randrange(len(fitting or table))]
            return what, tag, scene
        what, tag, partners = table[rng.randrange(len(table))]
        partner = partners[rng.randrange(len(partners))] if partners else scene.partners[0]
        record["partners"] = [partner]
        return what, tag, Scene([partner], [], f"Japan-{partner}")


Texts = tuple[str, str, str, str | None, str]
Writer = Callable[[dict[str, Any], Scene, str, str], Texts]
Programme = tuple[str, str, tuple[str, ...]]  # (what, tag, partners it fits; empty: any)


def scene_kinds(scene: Scene) -> tuple[str, ...]:
    if scene.partners[0] == "DPRK":
        return ("statement",)
    if scene.partners[0] in ("RU", "CN"):
        return ("statement", "meeting", "summit", "other")
    return tuple(KIND_WEIGHTS)


def date_phrase(month: Month, precision: str, day: int) -> str:
    if precision == "day":
        return f"On {month.name} {day}"
    if precision == "month":
        return f"In {month.name} {month.year}"
    return f"In {month.year}"


def capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def strip_article(name: str) -> str:
    return name.removeprefix("the ")


def join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def names_of(scene: Scene) -> str:
    return join_names([PARTNERS[code].name for code in scene.partners])


def with_japan(scene: Scene) -> str:
    """ "Japan and Australia", "Japan, the US and South Korea"."""
    return join_names(["Japan", *(PARTNERS[code].name for code in scene.partners)])


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def slug_of(scene: Scene) -> str:
    if scene.frameworks and scene.frameworks[0] != "2+2":
        return slugify(scene.frameworks[0].replace("+", "plus"))
    suffix = "-2plus2" if scene.frameworks else ""
    return "-".join(code.lower() for code in scene.partners[:3]) + suffix


def record_sort_key(record: dict[str, Any]) -> tuple[str, int, str]:
    """jdiplo's order: first day, coarser dates first, then id."""
    date: str = record["date"]
    first = date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
    return (first, {4: 0, 7: 1, 10: 2}[len(date)], record["id"])


# Writing


def record_yaml(record: dict[str, Any]) -> str:
    """One record as an analyst writes it: empty fields left out, flow style for short lists."""
    out = [f"  - id: {scalar(record['id'])}\n", f"    date: {record['date']}\n"]
    if record["end"] is not None:
        out.append(f"    end: {record['end']}\n")
    if record["status"] != "held":
        out.append(f"    status: {record['status']}\n")
    if record["due"] is not None:
        out.append(f"    due: {record['due']}\n")
    out.append(f"    title: {scalar(record['title'])}\n")
    out.append(f"    kind: {record['kind']}\n")
    out.append(f"    partners: {flow_list(record['partners'])}\n")
    if record["frameworks"]:
        out.append(f"    frameworks: {flow_list(record['frameworks'])}\n")
    if record["level"] is not None:
        out.append(f"    level: {record['level']}\n")
    if record["domains"]:
        out.append(f"    domains: {flow_list(record['domains'])}\n")
    if record["people"]:
        out.append("    people:\n")
        out.extend(f"      - {flow_mapping(person)}\n" for person in record["people"])
    if record["place"] is not None:
        out.append(f"    place: {flow_mapping(record['place'])}\n")
    if record["summary"] is not None:
        out.append(text_value("summary", record["summary"], 4))
    if record["firsts"]:
        out.append("    firsts:\n")
        out.extend(f"      - {scalar(first)}\n" for first in record["firsts"])
    if record["amount"] is not None:
        out.append(f"    amount: {flow_mapping(record['amount'])}\n")
    out.append("    sources:\n")
    for source in record["sources"]:
        marker = "      - "
        for key in SOURCE_FIELD_ORDER:
            value = source[key]
            if value is None:
                continue
            if key == "quote":
                out.append(text_value(key, value, 8).replace(" " * 8, marker, 1))
            elif key == "date":
                out.append(f"{marker}{key}: {value}\n")
            else:
                out.append(f"{marker}{key}: {scalar(value)}\n")
            marker = " " * 8
    if record["tags"]:
        out.append(f"    tags: {flow_list(record['tags'])}\n")
    if record["related"]:
        out.append(f"    related: {flow_list(record['related'])}\n")
    return "".join(out)


def month_file(month: Month, records: list[dict[str, Any]], seed: int) -> str:
    header = (
        f"# {month.name} {month.year}: synthetic events for the benchmark, written by\n"
        f"# bench/generate.py (seed {seed}). Every quote occurs in its source under seeds/.\n\n"
        "events:\n"
    )
    return header + "\n".join(record_yaml(record) for record in records)


def generate(events: int, seed: int, out: Path, months: int, first_month: Month) -> None:
    """Write records/, seeds/ and events.json under `out` (which must not hold them yet)."""
    generator = RecordSetGenerator(seed, first_month)
    counts = events_per_month(events, months, generator.rng)
    json_lines: list[tuple[tuple[str, int, str], str]] = []  # (order, record), not whole records
    for folder in ("records", "seeds"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for month_index, count in enumerate(counts):
        if count == 0:
            continue
        records, articles = generator.month_events(month_index, count)
        month = first_month.plus(month_index)
        path = out / "records" / f"{month.year:04d}" / f"{month.label}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, month_file(month, records, seed))
        for article in articles:
            write_text(out / article.path, article.text())
        for record in records:
            written = {key: value for key, value in record.items() if value not in (None, [])}
            json_lines.append((record_sort_key(record), json.dumps(written, ensure_ascii=False)))
    json_lines.sort()
    with (out / "events.json").open("w", encoding="utf-8", newline="\n") as stream:
        stream.write("[\n" if json_lines else "[")
        for number, (_, line) in enumerate(json_lines):
            stream.write(line + (",\n" if number < len(json_lines) - 1 else "\n"))
        stream.write("]\n")


def write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


OUTPUTS = ("records", "seeds", "events.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic record set (records/, seeds/, events.json) for bench/."
    )
    parser.add_argument("--events", type=int, required=True, metavar="N", help="how many events")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--months", type=int, default=120, help="monthly files (120: 10 years)")
    parser.add_argument(
        "--first-month", type=parse_month, default=Month(2015, 1), metavar="YYYY-MM",
        help="the first month (2015-01)",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace an earlier output in DIR")
    args = parser.parse_args(argv)
    if args.events < 0 or args.months < 1:
        parser.error("--events must not be negative and --months must be at least 1")
    existing = [args.out / name for name in OUTPUTS if (args.out / name).exists()]
    if existing and not args.force:
        parser.error(f"{existing[0]} exists (use --force to replace it)")
    for path in existing:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    started = time.perf_counter()
    generate(args.events, args.seed, args.out, args.months, args.first_month)
    elapsed = time.perf_counter() - started
    print(f"{args.events} events in {elapsed:.1f} s: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
