"""PLOVER coding of events: the event type, mode, context, quad category and intensity.

PLOVER (the Open Event Data Alliance's "Political Language Ontology for Verifiable Event
Records", openeventdata/PLOVER, PLOVER_MANUAL.tex) is the event ontology of the event-data
field (POLECAT is coded with it). Its vocabularies are defined here, once, as the manual gives
them; `derive` codes a jdiplo event with them. It is the one place where jdiplo's kinds,
statuses, domains, levels and places become PLOVER codes: the exporter, `summary --measure
intensity` and the filters on PLOVER types all call it.

A derived coding is jdiplo's reading of the record, never a fact from a source: it says so
(`Coding.derived`), and an analyst who disagrees writes `coding:` in the record, which wins.

The rules, and the manual's reasons for them, are tabled in docs/interop.md:

    announced (any kind)           AGREE        future cooperation is an intention
    meeting, summit                CONSULT      mode by place and parties (below)
    visit                          CONSULT      visit, when the place says who is the host
    agreement, institutional       SUPPORT      sign or finalize an agreement; initiate ties
    exercise, co-development       COOPERATE    mutual material (military) cooperation
    arms-transfer                  COOPERATE    a sale is an exchange; AID when humanitarian
    deployment (humanitarian)      AID          relief primarily benefits the recipient
    deployment, statement, other   none         the record does not say enough (has_event false)

CONSULT modes: `phone` for a place named as a call, video or online meeting; `multilateral`
when more than one partner takes part or a grouping or organisation is a partner or framework;
else by the place's country: Japan's or the partner's is a `visit` (the visitor is the actor,
the host the recipient), any other country `third-party`; no place, no mode.

This module imports nothing heavy: model.py takes its vocabularies from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jdiplo.partners import Registry
    from jdiplo.stored import EventView

# The vocabularies of the manual

PloverEvent = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_EVENTS: tuple[str, ...] = get_args(PloverEvent)

# The modes each event type takes (the manual's tables of modes; REJECT shares REQUEST's).
MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}

PloverMode = Literal[
    "visit",
    "third-party",
    "multilateral",
    "phone",
    "withdraw",
    "release",
    "disarm",
    "ceasefire",
    "access",
    "resign",
    "assist",
    "change",
    "yield",
    "meet",
    "disapprove",
    "investigate",
    "allege",
    "restrict",
    "arrest",
    "relations",
    "expel",
    "territory",
    "violence",
    "demo",
    "riot",
    "strike",
    "hunger",
    "boycott",
    "obstruct",
    "vandalize",
    "convict",
    "discontinue",
    "troops",
    "weapons",
    "police",
    "militia",
    "seize",
    "censor",
    "curfew",
    "martial-law",
    "deport",
    "withhold",
    "misinformation",
    "cyber",
    "abduct",
    "beat",
    "torture",
    "sexual",
    "targeted",
    "destroy",
    "primitive",
    "firearms",
    "explosives",
    "suicide-attack",
    "aerial",
    "drone",
    "heavy-weapons",
    "crowd-control",
    "unconventional",
]
PLOVER_MODES: tuple[str, ...] = get_args(PloverMode)

# The general contexts, in the order of the manual's table.
PloverContext = Literal[
    "military",
    "intelligence",
    "executive",
    "legislative",
    "election",
    "political_institutions",
    "pro_democracy",
    "pro_autocracy",
    "economic",
    "legal",
    "reparations",
    "human_rights",
    "rights_freedoms",
    "repression",
    "human_security",
    "gender",
    "lgbt",
    "religion_ethnicity",
    "inequality",
    "diplomatic",
    "territory",
    "peacekeeping",
    "health",
    "asylum",
    "migration",
    "disasters",
    "natural_resource",
    "environment",
    "technology",
    "terrorism",
    "cbrn",
    "cyber",
    "misinformation",
    "crime",
    "corruption",
    "illegal_drugs",
    "trafficking",
]
PLOVER_CONTEXTS: tuple[str, ...] = get_args(PloverContext)

# Quad categories: the manual's numbers and names.
QUADS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
# The quad of each event type, as each event type's section of the manual gives it. (Its
# summary table of quads lists SANCTION under verbal conflict, but SANCTION's own section and
# the table of event categories put it under material conflict: 4 here.)
QUAD_OF_EVENT: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# The manual's conflict-cooperation scores ("PLOVER scores", -10 to +10) of each event type.
# The manual prints 3 for ACCUSE, among its modes' -2 to -3.5 and in the verbal-conflict quad:
# a lost minus sign, so -3 here (docs/interop.md says so).
SCORES: dict[str, float] = {
    "AGREE": 2.5,
    "CONSULT": 2.5,
    "SUPPORT": 5.0,
    "CONCEDE": 4.5,
    "COOPERATE": 9.5,
    "AID": 10.0,
    "RETREAT": 6.5,
    "REQUEST": 0.0,
    "ACCUSE": -3.0,
    "REJECT": -2.0,
    "THREATEN": -3.5,
    "PROTEST": -5.0,
    "SANCTION": -6.0,
    "MOBILIZE": -5.5,
    "COERCE": -7.0,
    "ASSAULT": -9.0,
}
# The scores the manual gives to an event type with a mode (the others take the type's score).
MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0,
    ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0,
    ("RETREAT", "release"): 6.5,
    ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5,
    ("RETREAT", "access"): 6.5,
    ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5,
    ("REQUEST", "change"): -1.0,
    ("REQUEST", "yield"): -1.0,
    ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0,
    ("ACCUSE", "investigate"): -3.5,
    ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5,
    ("REJECT", "change"): -2.0,
    ("REJECT", "yield"): -2.0,
    ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0,
    ("THREATEN", "arrest"): -3.5,
    ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5,
    ("THREATEN", "territory"): -4.0,
    ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0,
    ("PROTEST", "riot"): -7.0,
    ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5,
    ("PROTEST", "boycott"): -4.5,
    ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0,
    ("SANCTION", "expel"): -5.5,
    ("SANCTION", "withdraw"): -6.0,
    ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5,
    ("MOBILIZE", "weapons"): -6.5,
    ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0,
    ("COERCE", "restrict"): -7.0,
    ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5,
    ("COERCE", "martial-law"): -7.5,
    ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0,
    ("COERCE", "withhold"): -7.0,
    ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5,
    ("ASSAULT", "beat"): -7.5,
    ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5,
    ("ASSAULT", "targeted"): -9.5,
    ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0,
    ("ASSAULT", "firearms"): -9.0,
    ("ASSAULT", "explosives"): -9.0,
    ("ASSAULT", "suicide-attack"): -9.5,
    ("ASSAULT", "aerial"): -9.5,
    ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5,
    ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10.0,
}


# jdiplo's vocabularies -> PLOVER

# kind -> event type of a held event (None: the record does not say enough to code it).
EVENT_OF_KIND: dict[str, str | None] = {
    "meeting": "CONSULT",
    "summit": "CONSULT",
    "visit": "CONSULT",
    "agreement": "SUPPORT",
    "exercise": "COOPERATE",
    "arms-transfer": "COOPERATE",
    "co-development": "COOPERATE",
    "deployment": None,
    "institutional": "SUPPORT",
    "statement": None,
    "other": None,
}
# Kinds whose held events are AID rather than their type when a domain is humanitarian.
HUMANITARIAN_KINDS = frozenset({"arms-transfer", "deployment"})

# domain -> contexts
CONTEXTS_OF_DOMAIN: dict[str, tuple[str, ...]] = {
    "diplomacy": ("diplomatic",),
    "defence": ("military",),
    "defence-industry": ("military",),
    "deterrence": ("military",),
    "intelligence": ("intelligence",),
    "cyber": ("cyber",),
    "space": ("technology",),
    "maritime": (),
    "economy": ("economic",),
    "technology": ("technology",),
    "energy": ("natural_resource",),
    "heritage": (),
    "culture": (),
    "humanitarian": ("human_security",),
}
# level -> contexts
CONTEXTS_OF_LEVEL: dict[str, tuple[str, ...]] = {
    "leaders": ("executive",),
    "ambassador": ("diplomatic",),
}

# A place named like this is a call or an online meeting: CONSULT's `phone` mode.
_REMOTE = re.compile(
    r"\b(phone|telephone|video|videoconference|video-conference|teleconference|online|virtual)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Coding:
    """The PLOVER coding of one event.

    `event` is None when the event cannot be coded (PLOVER's `has_event: false`); then `mode`,
    `quad_code` and `intensity` are None too. `actors` and `recipients` are jdiplo codes (the
    focal party's included): every party is an actor, except in a visit, where the visitor is
    the actor and the host the recipient. `derived` is False when any part comes from the
    record's own `coding`.
    """

    event: str | None
    mode: str | None
    context: tuple[str, ...]
    quad_code: int | None
    intensity: float | None
    derived: bool
    actors: tuple[str, ...]
    recipients: tuple[str, ...] = ()

    @property
    def has_event(self) -> bool:
        return self.event is not None

    @property
    def source(self) -> str:
        """`derived` or `record`: where the coding comes from."""
        return "derived" if self.derived else "record"


def derive(event: EventView, registry: Registry) -> Coding:
    """The PLOVER coding of `event`: the record's own `coding` where it has one, the rules of
    this module for the rest."""
    derived_event, derived_mode, parties = _derived_event(event, registry)
    contexts = _contexts(event)
    override = event.coding
    if override is None:
        return _coding(derived_event, derived_mode, contexts, True, parties)
    if override.event is not None:
        derived_event, derived_mode = override.event, override.mode
        if derived_mode != "visit":
            parties = (_all_parties(event, registry), ())
    if override.context:
        contexts = tuple(override.context)
    return _coding(derived_event, derived_mode, contexts, False, parties)


def score(event_type: str, mode: str | None = None) -> float:
    """The manual's score of an event type (with a mode, when the manual scores the pair)."""
    if mode is not None and (event_type, mode) in MODE_SCORES:
        return MODE_SCORES[(event_type, mode)]
    return SCORES[event_type]


def quad_of(event_type: str) -> int:
    return QUAD_OF_EVENT[event_type]


def _coding(
    event_type: str | None,
    mode: str | None,
    contexts: tuple[str, ...],
    derived: bool,
    parties: tuple[tuple[str, ...], tuple[str, ...]],
) -> Coding:
    actors, recipients = parties
    if event_type is None:
        return Coding(None, None, contexts, None, None, derived, actors, recipients)
    return Coding(
        event_type,
        mode,
        contexts,
        quad_of(event_type),
        score(event_type, mode),
        derived,
        actors,
        recipients,
    )


def _derived_event(
    event: EventView, registry: Registry
) -> tuple[str | None, str | None, tuple[tuple[str, ...], tuple[str, ...]]]:
    everyone = (_all_parties(event, registry), ())
    if event.status == "announced":
        return "AGREE", None, everyone
    if event.kind in HUMANITARIAN_KINDS and "humanitarian" in event.domains:
        return "AID", None, everyone
    event_type = EVENT_OF_KIND[event.kind]
    if event_type != "CONSULT":
        return event_type, None, everyone
    mode, parties = _consult_mode(event, registry)
    return "CONSULT", mode, parties or everyone


def _consult_mode(
    event: EventView, registry: Registry
) -> tuple[str | None, tuple[tuple[str, ...], tuple[str, ...]] | None]:
    """The CONSULT mode of a meeting, summit or visit, and its actors and recipients when the
    mode splits them (a visit)."""
    focal = registry.focal
    place = event.place
    if place is not None and place.country is None and _REMOTE.search(place.name):
        return "phone", None
    codes = [*event.partners, *event.frameworks]
    if len(event.partners) > 1 or any(registry.is_grouping(code) for code in codes):
        return "multilateral", None
    if place is None or place.country is None:
        return None, None
    partner = event.partners[0]
    if place.country == focal:
        return "visit", ((partner,), (focal,))
    if place.country == partner:
        return "visit", ((focal,), (partner,))
    return "third-party", None


def _all_parties(event: EventView, registry: Registry) -> tuple[str, ...]:
    return (registry.focal, *event.partners)


def _contexts(event: EventView) -> tuple[str, ...]:
    found: set[str] = set()
    for domain in event.domains:
        found.update(CONTEXTS_OF_DOMAIN.get(domain, ()))
    if event.level is not None:
        found.update(CONTEXTS_OF_LEVEL.get(event.level, ()))
    return tuple(context for context in PLOVER_CONTEXTS if context in found)


def modes_of(event_type: str) -> Sequence[str]:
    """The modes an event type takes (none for AGREE, SUPPORT...)."""
    return MODES[event_type]
