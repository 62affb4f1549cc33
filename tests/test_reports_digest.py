"""Digests as pure functions: the July 2024 story from the bundled records, and the
relationship digest of a partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reports_data import bundled, every_event, in_period, make_event

from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.periods import parse_period
from jdiplo.reports.digest import Digest, group_key, partner_digest, period_digest

JULY = parse_period("2024-07")
AUGUST_1 = dt.date(2024, 8, 1)


def july_digest(today: dt.date = AUGUST_1, **options: Any) -> Digest:
    records = bundled()
    return period_digest(
        in_period(records, "2024-07"), records.registry, JULY, today=today, **options
    )


def test_every_july_event_is_told_exactly_once() -> None:
    records = bundled()
    july = in_period(records, "2024-07")
    digest = july_digest()
    told = [entry.id for group in digest.groups for entry in group.events]
    assert sorted(told) == sorted(event.id for event in july)
    assert len(told) == len(set(told)) == digest.total == digest.matching == 24


def test_header_names_the_period_and_its_partners() -> None:
    digest = july_digest()
    assert (digest.period, digest.start, digest.end) == ("2024-07", "2024-07-01", "2024-07-31")
    assert digest.partners == ["AU", "DE", "ES", "IT", "NZ", "ROK", "UA", "UK", "UNESCO", "US"]
    assert digest.frameworks == ["2+2", "IP4", "JUSK", "NATO"]


def test_groups_follow_the_article_us_europe_rok_then_frameworks() -> None:
    groups = [
        (group.key, group.kind, group.region, len(group.events), len(group.elsewhere))
        for group in july_digest().groups
    ]
    assert groups == [
        ("US", "state", None, 8, 3),
        ("UK", "state", "Europe", 5, 0),  # the article's European partners, told together
        ("IT", "state", "Europe", 0, 4),  # Italy's events are with the UK: named, told once
        ("DE", "state", "Europe", 1, 0),
        ("ES", "state", "Europe", 0, 1),
        ("UA", "state", "Europe", 0, 1),
        ("ROK", "state", None, 5, 5),
        ("AU", "state", "Oceania", 0, 3),
        ("NZ", "state", "Oceania", 0, 3),
        ("IP4", "grouping", None, 3, 0),
        ("JUSK", "framework", None, 2, 0),
        ("UNESCO", "organisation", None, 0, 1),
    ]


def test_every_partner_with_events_has_a_group_naming_where_its_events_are_told() -> None:
    digest = july_digest()
    keys = {group.key for group in digest.groups}
    assert set(digest.partners) <= keys
    by_key = {group.key: group for group in digest.groups}
    italy = by_key["IT"]
    assert italy.name == "Italy" and italy.events == []
    assert {entry.under for entry in italy.elsewhere} == {"UK"}
    told_under_uk = {entry.id for entry in by_key["UK"].events}
    assert {entry.id for entry in italy.elsewhere} <= told_under_uk
    assert [(entry.id, entry.under) for entry in by_key["ES"].elsewhere] == [
        ("2024-07-nippon-skies-2024", "DE")
    ]


def test_a_reference_never_points_at_its_own_group_and_every_partner_is_covered() -> None:
    digest = july_digest()
    records = bundled()
    by_id = {event.id: event for event in in_period(records, "2024-07")}
    for group in digest.groups:
        for entry in group.elsewhere:
            assert entry.under != group.key
            assert group.key in by_id[entry.id].partners
    for event_id, event in by_id.items():
        named = {g.key for g in digest.groups if event_id in {e.id for e in g.elsewhere}}
        told = [g.key for g in digest.groups if event_id in {e.id for e in g.events}]
        assert len(told) == 1
        assert set(event.partners) <= named | set(told)


def test_multi_partner_events_go_under_their_framework_else_their_lead_partner() -> None:
    assert group_key(make_event(partners=["ROK", "US"], frameworks=["JUSK"])) == "JUSK"
    assert group_key(make_event(partners=["UK", "IT"])) == "UK"
    # One partner: under that partner, even when the event sits in a framework (NATO summit).
    assert group_key(make_event(partners=["US"], frameworks=["NATO"])) == "US"


def test_every_first_of_the_article_is_a_highlight() -> None:
    firsts = [(first.date, first.id) for first in july_digest().firsts]
    assert firsts == [
        ("2024-07", "2024-07-nippon-skies-2024"),
        ("2024-07", "2024-07-us-extended-deterrence-document"),
        ("2024-07-18", "2024-07-18-japan-us-rok-chiefs-of-staff"),
        ("2024-07-28", "2024-07-28-japan-rok-defence-ministers"),
        ("2024-07-28", "2024-07-28-japan-us-rok-defence-ministers"),
        ("2024-07-28", "2024-07-28-pac3-sale-to-us"),
    ]


def test_announced_steps_come_by_due_date_those_without_one_last() -> None:
    steps = [(step.due, step.id) for step in july_digest().announced]
    assert steps == [
        ("2024", "2024-07-gigo-autumn"),
        ("2024", "2024-07-28-us-joint-forces-command"),
        ("2025", "2024-07-japan-joint-operational-command"),
        ("2025", "2024-07-23-uk-carrier-strike-group-2025"),
        ("2035", "2024-07-tempest-deployment-2035"),
        (None, "2024-07-us-extended-deterrence-document"),
        (None, "2024-07-28-japan-rok-defence-exchanges-resume"),
    ]


def test_counts_by_kind_add_up_to_the_events() -> None:
    digest = july_digest()
    assert sum(count.count for count in digest.kinds) == 24
    assert (digest.kinds[0].key, digest.kinds[0].count) == ("meeting", 6)
    counts = [count.count for count in digest.kinds]
    assert counts == sorted(counts, reverse=True)


def test_a_limited_digest_says_how_many_matched() -> None:
    records = bundled()
    july = in_period(records, "2024-07")[:5]
    digest = period_digest(july, records.registry, JULY, 24, today=AUGUST_1)
    assert (digest.total, digest.matching) == (5, 24)


def test_the_record_is_the_json_contract_in_field_order() -> None:
    record = july_digest().record()
    assert list(record) == [
        "period", "start", "end", "as_of", "total", "matching", "partners", "frameworks",
        "firsts", "announced", "groups", "kinds", "domains", "sources",
    ]  # fmt: skip
    assert list(record["groups"][0]) == [
        "key", "name", "kind", "region", "events", "elsewhere",
    ]  # fmt: skip
    entry = record["groups"][0]["events"][0]
    assert list(entry) == [
        "id", "date", "end", "status", "due", "title", "kind", "level", "partners",
        "frameworks", "domains", "people", "place", "summary", "firsts", "amount", "sources",
    ]  # fmt: skip
    assert list(record["groups"][0]["elsewhere"][0]) == ["id", "date", "title", "under"]
    assert list(record["announced"][0]) == [
        "due", "date", "id", "partners", "title", "state", "delivered_by",
    ]  # fmt: skip
    assert list(record["sources"][0]) == [
        "number", "publisher", "author", "title", "date", "url", "file", "quote",
    ]  # fmt: skip


def test_partner_digest_of_rok() -> None:
    records = bundled()
    events = [e for e in every_event(records) if "ROK" in e.partners or "ROK" in e.frameworks]
    digest = partner_digest(events, records.registry, "ROK", AUGUST_1)
    assert digest.partner.name == "Republic of Korea"
    assert digest.total == 10
    assert digest.first_contact is not None and digest.last_contact is not None
    assert digest.first_contact.date == "2024-07"
    assert digest.last_contact.id == "2024-07-28-japan-us-rok-defence-ministers"
    assert [(c.key, c.count) for c in digest.frameworks] == [("IP4", 3), ("NATO", 3), ("JUSK", 2)]
    assert (digest.people[0].name, digest.people[0].events) == ("Fumio Kishida", 3)
    assert [first.id for first in digest.firsts] == [
        "2024-07-18-japan-us-rok-chiefs-of-staff",
        "2024-07-28-japan-rok-defence-ministers",
        "2024-07-28-japan-us-rok-defence-ministers",
    ]
    assert [step.id for step in digest.pending] == ["2024-07-28-japan-rok-defence-exchanges-resume"]
    assert [entry.id for entry in digest.timeline] == [event.id for event in events]
    assert sum(count.count for count in digest.levels) == 10  # one bucket for "no level"


def test_steps_still_to_fall_due_depend_on_today() -> None:
    records = bundled()
    uk = [event for event in every_event(records) if "UK" in event.partners]

    def pending(today: dt.date) -> list[str | None]:
        return [s.due for s in partner_digest(uk, records.registry, "UK", today).pending]

    assert pending(dt.date(2024, 8, 1)) == ["2024", "2025", "2035"]
    assert pending(dt.date(2024, 12, 31)) == ["2024", "2025", "2035"]  # due 2024: until its end
    assert pending(dt.date(2025, 1, 1)) == ["2025", "2035"]
    assert pending(dt.date(2036, 1, 1)) == []


def test_partner_digest_without_events() -> None:
    digest = partner_digest([], builtin_registry(), "FR", dt.date(2024, 1, 1))
    assert digest.total == 0
    assert digest.first_contact is None and digest.timeline == []


# Citations: every event cites its sources, numbered in the order a reader meets them


def test_every_event_cites_its_sources_and_every_number_is_listed() -> None:
    digest = july_digest()
    numbers = [source.number for source in digest.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    for group in digest.groups:
        for event in group.events:
            assert event.sources, event.id
            assert all(1 <= number <= len(numbers) for number in event.sources)
    source = digest.sources[0]
    assert (source.publisher, source.author) == ("New Eastern Outlook", "Nazar Kurbanov")
    assert source.file == "seeds/000_7715609ff7e77d61.txt"
    assert source.quote.startswith("Another important event was the joint exercises")


def test_numbers_follow_reading_order_firsts_steps_then_groups() -> None:
    digest = july_digest()
    cited = digest.cited()
    met: list[int] = []
    for entry_id in [first.id for first in digest.firsts] + [s.id for s in digest.announced]:
        met += cited[entry_id]
    for group in digest.groups:
        for event in group.events:
            met += event.sources
        for entry in group.elsewhere:
            met += cited[entry.id]
    first_seen = list(dict.fromkeys(met))
    assert first_seen == sorted(first_seen) == [s.number for s in digest.sources]


def test_the_same_source_cited_twice_keeps_its_number() -> None:
    source = {"url": "https://example.org/one", "quote": "the  same\nwords", "publisher": "P"}
    events = [
        make_event(id="a", sources=[source]),
        make_event(id="b", date="2024-07-02", sources=[{**source, "quote": "the same words"}]),
        make_event(id="c", date="2024-07-03", sources=[{**source, "quote": "other words"}]),
    ]
    digest = period_digest(events, builtin_registry(), JULY, today=AUGUST_1)
    assert [event.sources for event in digest.groups[0].events] == [[1], [1], [2]]
    assert [s.quote for s in digest.sources] == ["the same words", "other words"]


def test_without_sources_nothing_is_cited() -> None:
    digest = july_digest(sources=False)
    assert digest.sources == []
    assert all(event.sources == [] for group in digest.groups for event in group.events)


# Announced steps: due, overdue or delivered


STEP = {"status": "announced", "kind": "institutional"}


def steps_of(today: dt.date, *extra: Event) -> list[tuple[str, str, list[str]]]:
    from jdiplo.reports.entries import deliveries

    plans = [
        make_event(id="due-2024", due="2024", **STEP),
        make_event(id="due-2024-09", due="2024-09", **STEP),
        make_event(id="no-due", **STEP),
    ]
    digest = period_digest(
        plans, builtin_registry(), JULY, today=today, delivered=deliveries([*plans, *extra])
    )
    return [(s.id, s.state, [ref.id for ref in s.delivered_by]) for s in digest.announced]


def test_a_step_is_due_until_its_due_date_has_wholly_passed() -> None:
    assert steps_of(dt.date(2024, 9, 30)) == [  # by due date, a coarser one first
        ("due-2024", "due", []),
        ("due-2024-09", "due", []),
        ("no-due", "due", []),
    ]
    assert steps_of(dt.date(2024, 10, 1))[:2] == [
        ("due-2024", "due", []),  # due in 2024: until the end of 2024
        ("due-2024-09", "overdue", []),
    ]
    assert steps_of(dt.date(2025, 1, 1))[:2] == [
        ("due-2024", "overdue", []),
        ("due-2024-09", "overdue", []),
    ]
    assert steps_of(dt.date(2099, 1, 1))[2] == ("no-due", "due", [])  # no due date: never late


def test_an_event_that_fulfils_a_step_delivers_it_whenever_it_happened() -> None:
    late = make_event(id="late", date="2025-03-01", fulfils=["due-2024-09"])
    early = make_event(id="early", date="2024-08-01", fulfils=["due-2024-09", "no-due"])
    assert steps_of(dt.date(2026, 1, 1), late, early) == [
        ("due-2024", "overdue", []),
        ("due-2024-09", "delivered", ["early", "late"]),  # in date order
        ("no-due", "delivered", ["early"]),
    ]


def test_partner_digest_sorts_steps_into_pending_overdue_and_delivered() -> None:
    from jdiplo.reports.entries import deliveries

    records = bundled()
    uk = [event for event in every_event(records) if "UK" in event.partners]
    done = make_event(
        id="2024-11-gigo-set-up", date="2024-11", partners=["UK", "IT"],
        fulfils=["2024-07-gigo-autumn"],
    )  # fmt: skip
    digest = partner_digest(
        uk, records.registry, "UK", dt.date(2025, 1, 1), delivered=deliveries([done])
    )
    assert [s.id for s in digest.delivered] == ["2024-07-gigo-autumn"]
    assert digest.delivered[0].delivered_by[0].title == "A test event"
    assert digest.overdue == []  # the other step due in 2024 is the US command, not the UK's
    assert [s.due for s in digest.pending] == ["2025", "2035"]
    later = partner_digest(uk, records.registry, "UK", dt.date(2026, 1, 1))
    assert [s.id for s in later.overdue] == [
        "2024-07-gigo-autumn",
        "2024-07-23-uk-carrier-strike-group-2025",
    ]
