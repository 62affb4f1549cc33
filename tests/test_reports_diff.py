"""period_diff as a pure function: hand-counted on tests/data/diffset, invariants on random sets.

The data set (all made up): June has events 1-5, a multi-day event 4 running 2024-06-29 to
2024-07-02, and event 11 dated only `2024`, which overlaps every month; July has 4, 6-10 and 11.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import answer
from hypothesis import given, settings
from hypothesis import strategies as st
from reports_data import diffset, in_period, make_event

from jdiplo.model import Event
from jdiplo.periods import parse_period
from jdiplo.query import Query
from jdiplo.reports.diff import period_diff
from jdiplo.reports.entries import key_order

# Counted by hand from the YAML files, event by event (see the module docstring).
JUNE_TO_JULY: dict[str, Any] = {
    "a": {"period": "2024-06", "start": "2024-06-01", "end": "2024-06-30", "total": 6},
    "b": {"period": "2024-07", "start": "2024-07-01", "end": "2024-07-31", "total": 7},
    "partners": [
        {"key": "AU", "a": 1, "b": 1, "delta": 0},  # 3 | 6
        {"key": "DE", "a": 0, "b": 1, "delta": 1},  # - | 8
        {"key": "ES", "a": 0, "b": 1, "delta": 1},  # - | 8
        {"key": "NZ", "a": 0, "b": 1, "delta": 1},  # - | 6
        {"key": "PH", "a": 1, "b": 1, "delta": 0},  # 4 | 4
        {"key": "ROK", "a": 2, "b": 3, "delta": 1},  # 2, 5 | 6, 7, 10
        {"key": "UK", "a": 1, "b": 0, "delta": -1},  # 3 | -
        {"key": "US", "a": 3, "b": 4, "delta": 1},  # 1, 4, 11 | 4, 7, 9, 11
    ],
    "kinds": [
        {"key": "agreement", "a": 0, "b": 1, "delta": 1},
        {"key": "exercise", "a": 2, "b": 2, "delta": 0},
        {"key": "institutional", "a": 0, "b": 1, "delta": 1},
        {"key": "meeting", "a": 1, "b": 1, "delta": 0},
        {"key": "statement", "a": 2, "b": 1, "delta": -1},
        {"key": "summit", "a": 0, "b": 1, "delta": 1},
        {"key": "visit", "a": 1, "b": 0, "delta": -1},
    ],
    "domains": [
        {"key": "cyber", "a": 0, "b": 1, "delta": 1},
        {"key": "defence", "a": 2, "b": 5, "delta": 3},
        {"key": "deterrence", "a": 1, "b": 1, "delta": 0},
        {"key": "diplomacy", "a": 2, "b": 1, "delta": -1},
        {"key": "maritime", "a": 2, "b": 1, "delta": -1},
    ],
    "levels": [
        {"key": "ambassador", "a": 1, "b": 0, "delta": -1},
        {"key": "chiefs-of-staff", "a": 0, "b": 1, "delta": 1},
        {"key": "leaders", "a": 0, "b": 1, "delta": 1},
        {"key": "ministerial", "a": 1, "b": 1, "delta": 0},
        {"key": "senior-officials", "a": 1, "b": 0, "delta": -1},
        {"key": "working", "a": 1, "b": 1, "delta": 0},
        {"key": None, "a": 2, "b": 3, "delta": 1},  # 3, 11 | 8, 9, 11
    ],
    "frameworks": [
        {"key": "IP4", "a": 0, "b": 1, "delta": 1},
        {"key": "JUSK", "a": 0, "b": 1, "delta": 1},
        {"key": "NATO", "a": 0, "b": 1, "delta": 1},
    ],
    "new_partners": ["DE", "ES", "NZ"],
    "dropped_partners": ["UK"],
}


def june_to_july() -> dict[str, Any]:
    records = diffset()
    june, july = parse_period("2024-06"), parse_period("2024-07")
    diff = period_diff(in_period(records, "2024-06"), in_period(records, "2024-07"), june, july)
    return diff.record()


def test_counts_match_the_hand_count() -> None:
    record = june_to_july()
    assert {key: record[key] for key in JUNE_TO_JULY} == JUNE_TO_JULY


def test_field_order_is_the_contract() -> None:
    assert list(june_to_july()) == [*JUNE_TO_JULY, "firsts", "announced"]


def test_firsts_and_announced_steps_recorded_in_b() -> None:
    record = june_to_july()
    assert [(first["id"], first["first"]) for first in record["firsts"]] == [
        ("t06-ip4-summit", "first test summit of its kind"),
        ("t08-es-de-exercise", "first test participation of Spain"),
    ]
    assert [(step["due"], step["id"]) for step in record["announced"]] == [
        ("2025", "t09-us-plan"),
        ("2026", "t11-us-plan-2024"),
    ]


def test_quarters_count_the_year_dated_event_in_both() -> None:
    records = diffset()
    q2, q3 = parse_period("2024Q2"), parse_period("2024Q3")
    record = period_diff(
        in_period(records, "2024Q2"), in_period(records, "2024Q3"), q2, q3
    ).record()
    assert (record["a"]["total"], record["b"]["total"]) == (7, 8)  # 1-5, 11, 12 | 4, 6-11, 13
    assert {row["key"]: row["a"] for row in record["partners"]}["AU"] == 2  # 12 and 3


# Invariants on random event sets

PARTNERS = ["US", "ROK", "AU", "UK", "IT"]
KINDS = ["meeting", "summit", "exercise", "statement"]
LEVELS = [None, "leaders", "ministerial", "working"]


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    count = draw(st.integers(0, 25))
    made = []
    for number in range(count):
        day = draw(st.dates(dt.date(2024, 4, 1), dt.date(2024, 9, 30)))
        precision = draw(st.sampled_from(["day", "month", "year"]))
        date = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": "2024"}[precision]
        fields: dict[str, Any] = {
            "id": f"e{number}",
            "date": date,
            "kind": draw(st.sampled_from(KINDS)),
            "partners": draw(
                st.lists(st.sampled_from(PARTNERS), min_size=1, max_size=3, unique=True)
            ),
            "domains": draw(st.lists(st.sampled_from(["defence", "diplomacy"]), unique=True)),
            "frameworks": draw(st.lists(st.sampled_from(["IP4", "NATO"]), unique=True)),
        }
        level = draw(st.sampled_from(LEVELS))
        if level is not None:
            fields["level"] = level
        made.append(make_event(**fields))
    return made


@settings(max_examples=150, deadline=None)
@given(events(), st.sampled_from(["2024-06", "2024-07", "2024Q3", "2024-07-10..2024-07-20"]))
def test_counts_add_up_for_any_events(chosen: list[Event], expression: str) -> None:
    from jdiplo.periods import previous

    period_b = parse_period(expression)
    period_a = previous(period_b)
    events_a = answer(chosen, Query(periods=(period_a,)))
    events_b = answer(chosen, Query(periods=(period_b,)))
    diff = period_diff(events_a, events_b, period_a, period_b)

    assert (diff.a.total, diff.b.total) == (len(events_a), len(events_b))
    for rows in (diff.kinds, diff.levels):  # once per event
        assert sum(row.a for row in rows) == diff.a.total
        assert sum(row.b for row in rows) == diff.b.total
    assert sum(row.a for row in diff.partners) == sum(len(e.partners) for e in events_a)
    assert sum(row.b for row in diff.domains) == sum(len(e.domains) for e in events_b)
    for rows in (diff.partners, diff.kinds, diff.domains, diff.levels, diff.frameworks):
        assert all(row.delta == row.b - row.a and (row.a or row.b) for row in rows)
        keys = [row.key for row in rows]
        assert keys == sorted(keys, key=key_order)
    partners_a = {code for event in events_a for code in event.partners}
    partners_b = {code for event in events_b for code in event.partners}
    assert diff.new_partners == sorted(partners_b - partners_a)
    assert diff.dropped_partners == sorted(partners_a - partners_b)
