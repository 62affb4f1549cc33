"""PLOVER coding: the rules from kinds, statuses, domains, levels and places, the manual's
scores, and the analyst's own coding winning over the derived one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdiplo.coding import (
    MODE_SCORES,
    MODES,
    PLOVER_CONTEXTS,
    PLOVER_EVENTS,
    PLOVER_MODES,
    QUAD_OF_EVENT,
    SCORES,
    derive,
    score,
)
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS

REGISTRY = builtin_registry()


def event(**fields: Any) -> Event:
    data: dict[str, Any] = {
        "id": "e",
        "date": "2024-07-28",
        "title": "An event",
        "kind": "meeting",
        "partners": ["US"],
        "sources": [{"url": "https://example.org/a", "quote": "a quote"}],
        **fields,
    }
    if data.get("place") is None:
        data.pop("place", None)
    return Event.model_validate(data)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # An announced step is AGREE, whatever its kind.
        ({"kind": "deployment", "status": "announced"}, ("AGREE", None, 1, 2.5)),
        ({"kind": "meeting", "status": "announced"}, ("AGREE", None, 1, 2.5)),
        # A signed agreement, a new institution: SUPPORT.
        ({"kind": "agreement"}, ("SUPPORT", None, 1, 5.0)),
        ({"kind": "institutional"}, ("SUPPORT", None, 1, 5.0)),
        # Joint exercises, co-development, an arms sale: COOPERATE.
        ({"kind": "exercise"}, ("COOPERATE", None, 2, 9.5)),
        ({"kind": "co-development"}, ("COOPERATE", None, 2, 9.5)),
        ({"kind": "arms-transfer"}, ("COOPERATE", None, 2, 9.5)),
        # Humanitarian transfers and deployments: AID.
        ({"kind": "arms-transfer", "domains": ["humanitarian"]}, ("AID", None, 2, 10.0)),
        ({"kind": "deployment", "domains": ["humanitarian"]}, ("AID", None, 2, 10.0)),
        # What the record does not say enough about: no PLOVER event.
        ({"kind": "deployment"}, (None, None, None, None)),
        ({"kind": "statement"}, (None, None, None, None)),
        ({"kind": "other"}, (None, None, None, None)),
        # Meetings: CONSULT, the mode by place and parties.
        ({"place": {"name": "Tokyo", "country": "JP"}}, ("CONSULT", "visit", 1, 4.0)),
        ({"place": {"name": "Washington", "country": "US"}}, ("CONSULT", "visit", 1, 4.0)),
        ({"place": {"name": "Vientiane", "country": "LA"}}, ("CONSULT", "third-party", 1, 1.0)),
        ({"partners": ["US", "ROK"]}, ("CONSULT", "multilateral", 1, 4.0)),
        ({"frameworks": ["NATO"]}, ("CONSULT", "multilateral", 1, 4.0)),
        ({"partners": ["ASEAN"]}, ("CONSULT", "multilateral", 1, 4.0)),
        ({"place": {"name": "Video conference"}}, ("CONSULT", "phone", 1, 1.5)),
        ({"kind": "summit"}, ("CONSULT", None, 1, 2.5)),
        ({"kind": "visit", "place": {"name": "Manila", "country": "PH"}, "partners": ["PH"]},
         ("CONSULT", "visit", 1, 4.0)),
        # A bilateral framework (2+2) is not a multilateral context.
        ({"frameworks": ["2+2"], "place": {"name": "Tokyo", "country": "JP"}},
         ("CONSULT", "visit", 1, 4.0)),
    ],
)  # fmt: skip
def test_derived_event_mode_quad_and_intensity(
    fields: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    coding = derive(event(**fields), REGISTRY)
    assert (coding.event, coding.mode, coding.quad_code, coding.intensity) == expected
    assert coding.derived and coding.source == "derived"
    assert coding.has_event is (expected[0] is not None)


def test_a_visit_puts_the_visitor_in_actor_and_the_host_in_recipient() -> None:
    to_japan = derive(event(partners=["ROK"], place={"name": "Tokyo", "country": "JP"}), REGISTRY)
    assert (to_japan.actors, to_japan.recipients) == (("ROK",), ("JP",))
    from_japan = derive(event(place={"name": "Washington", "country": "US"}), REGISTRY)
    assert (from_japan.actors, from_japan.recipients) == (("JP",), ("US",))


def test_reciprocal_events_have_every_party_as_actor_and_no_recipient() -> None:
    meeting = derive(event(partners=["US", "ROK"]), REGISTRY)
    assert (meeting.actors, meeting.recipients) == (("JP", "US", "ROK"), ())
    exercise = derive(event(kind="exercise", partners=["DE", "ES"]), REGISTRY)
    assert (exercise.actors, exercise.recipients) == (("JP", "DE", "ES"), ())


def test_contexts_come_from_domains_and_level_in_the_manuals_order() -> None:
    coding = derive(
        event(domains=["cyber", "diplomacy", "defence", "economy"], level="leaders"), REGISTRY
    )
    assert coding.context == ("military", "executive", "economic", "diplomatic", "cyber")
    assert derive(event(domains=["heritage", "maritime"]), REGISTRY).context == ()


def test_the_records_own_coding_wins_and_is_not_shown_as_derived() -> None:
    grant = event(kind="arms-transfer", domains=["defence"], coding={"event": "AID"})
    coding = derive(grant, REGISTRY)
    assert (coding.event, coding.mode, coding.intensity, coding.quad_code) == ("AID", None, 10, 2)
    assert coding.context == ("military",)  # still from the domains
    assert not coding.derived and coding.source == "record"


def test_a_coding_with_only_contexts_keeps_the_derived_type() -> None:
    meeting = event(place={"name": "Tokyo", "country": "JP"}, coding={"context": ["economic"]})
    coding = derive(meeting, REGISTRY)
    assert (coding.event, coding.mode, coding.context) == ("CONSULT", "visit", ("economic",))
    assert coding.recipients == ("JP",)
    assert not coding.derived


def test_an_overridden_type_makes_every_party_an_actor_again() -> None:
    meeting = event(place={"name": "Tokyo", "country": "JP"}, coding={"event": "AGREE"})
    coding = derive(meeting, REGISTRY)
    assert (coding.actors, coding.recipients, coding.mode) == (("JP", "US"), (), None)


def test_a_coded_event_with_no_type_is_coded_as_the_analyst_says() -> None:
    statement = event(kind="statement", coding={"event": "ACCUSE", "mode": "disapprove"})
    coding = derive(statement, REGISTRY)
    assert (coding.event, coding.quad_code, coding.intensity) == ("ACCUSE", 3, -2.0)


def test_the_manuals_scores() -> None:
    # The values the issue quotes from the manual's table.
    assert (score("CONSULT"), score("CONSULT", "visit"), score("SUPPORT")) == (2.5, 4, 5)
    assert (score("COOPERATE"), score("AID"), score("AGREE")) == (9.5, 10, 2.5)
    assert score("PROTEST", "vandalize") == SCORES["PROTEST"]  # unscored mode: the type's score


def test_the_vocabularies_agree_with_each_other() -> None:
    assert set(MODES) == set(PLOVER_EVENTS) == set(QUAD_OF_EVENT) == set(SCORES)
    assert {mode for modes in MODES.values() for mode in modes} == set(PLOVER_MODES)
    assert all(mode in MODES[event_type] for event_type, mode in MODE_SCORES)
    assert all(-10 <= value <= 10 for value in [*SCORES.values(), *MODE_SCORES.values()])
    assert all((QUAD_OF_EVENT[name] <= 2) == (SCORES[name] > 0) for name in PLOVER_EVENTS)


codes = st.sampled_from(["US", "ROK", "UK", "DE", "NATO", "IP4", "PH"])
places = st.none() | st.fixed_dictionaries(
    {"name": st.sampled_from(["Tokyo", "Online", "Vientiane"])},
    optional={"country": st.sampled_from(["JP", "US", "ROK", "LA"])},
)
events = st.builds(
    lambda kind, status, partners, frameworks, domains, level, place, override: event(
        kind=kind,
        status=status,
        partners=partners,
        frameworks=frameworks,
        domains=domains,
        level=level,
        place=place,
        coding=override,
    ),
    st.sampled_from(KINDS),
    st.sampled_from(["held", "announced"]),
    st.lists(codes, min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(["IP4", "2+2", "NATO", "JUSK"]), max_size=2, unique=True),
    st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True),
    st.none() | st.sampled_from(LEVELS),
    places,
    st.none()
    | st.sampled_from(PLOVER_EVENTS).map(lambda name: {"event": name})
    | st.lists(st.sampled_from(PLOVER_CONTEXTS), min_size=1, max_size=2, unique=True).map(
        lambda contexts: {"context": contexts}
    ),
)


@settings(max_examples=150, deadline=None)
@given(events)
def test_every_coding_is_consistent(item: Event) -> None:
    coding = derive(item, REGISTRY)
    parties = set(coding.actors) | set(coding.recipients)
    assert parties == {"JP", *item.partners}
    assert not set(coding.actors) & set(coding.recipients)
    assert set(coding.context) <= set(PLOVER_CONTEXTS)
    assert coding.derived is (item.coding is None)
    if coding.event is None:
        assert (coding.mode, coding.quad_code, coding.intensity) == (None, None, None)
        return
    assert coding.mode is None or coding.mode in MODES[coding.event]
    assert coding.quad_code == QUAD_OF_EVENT[coding.event]
    assert coding.intensity == score(coding.event, coding.mode)
    if item.status == "announced" and item.coding is None:
        assert coding.event == "AGREE"
