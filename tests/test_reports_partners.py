"""partner_table as a pure function: counts, latest event, groupings, frameworks."""

from __future__ import annotations

from reports_data import bundled, every_event

from jdiplo.reports.partners import partner_table


def rows() -> dict[str, tuple[str, int, str | None]]:
    records = bundled()
    table = partner_table(every_event(records), records.registry)
    return {row.code: (row.kind, row.events, row.last_event) for row in table.partners}


def test_counts_and_latest_dates() -> None:
    table = rows()
    assert table["ROK"] == ("state", 10, "2024-07-28")
    assert table["DE"] == ("state", 1, "2024-07")  # as written, no invented day
    assert table["FR"] == ("state", 0, None)


def test_groupings_count_the_events_in_their_framework() -> None:
    table = rows()
    assert table["IP4"] == ("grouping", 3, "2024-07-11")
    assert table["NATO"] == ("organisation", 4, "2024-07-11")
    assert table["2+2"] == ("framework", 1, "2024-07-28")


def test_the_focal_party_is_not_listed() -> None:
    assert "JP" not in rows()
