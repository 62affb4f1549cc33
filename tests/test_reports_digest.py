"""Digests as pure functions: the July 2024 story from the bundled records, and the
relationship digest of a partner."""

from __future__ import annotations

import datetime as dt

from reports_data import bundled, in_period, make_event

from jdiplo.partners import builtin_registry
from jdiplo.periods import parse_period
from jdiplo.reports.digest import Digest, group_key, partner_digest, period_digest

JULY = parse_period("2024-07")


def july_digest() -> Digest:
    records = bundled()
    return period_digest(in_period(records, "2024-07"), records.registry, JULY)


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
        (group.key, group.kind, group.region, len(group.events)) for group in july_digest().groups
    ]
    assert groups == [
        ("US", "state", None, 8),
        ("UK", "state", "Europe", 5),  # the article's European partners, told together
        ("DE", "state", "Europe", 1),
        ("ROK", "state", None, 5),
        ("IP4", "grouping", None, 3),
        ("JUSK", "framework", None, 2),
    ]


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
    digest = period_digest(in_period(records, "2024-07")[:5], records.registry, JULY, 24)
    assert (digest.total, digest.matching) == (5, 24)


def test_the_record_is_the_json_contract_in_field_order() -> None:
    record = july_digest().record()
    assert list(record) == [
        "period", "start", "end", "total", "matching", "partners", "frameworks", "firsts",
        "announced", "groups", "kinds", "domains",
    ]  # fmt: skip
    entry = record["groups"][0]["events"][0]
    assert list(entry) == [
        "id", "date", "end", "status", "due", "title", "kind", "level", "partners",
        "frameworks", "domains", "people", "place", "summary", "firsts", "amount",
    ]  # fmt: skip


def test_partner_digest_of_rok() -> None:
    records = bundled()
    events = [e for e in records.events if "ROK" in e.partners or "ROK" in e.frameworks]
    digest = partner_digest(events, records.registry, "ROK", dt.date(2024, 8, 1))
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
    uk = [event for event in records.events if "UK" in event.partners]

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
