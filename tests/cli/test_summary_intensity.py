"""`summary --measure intensity`: the sum and mean of PLOVER intensities per cell, in every
format; and `temperature`, the partner x month data of the report's chart."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import DATA, Invoke
from jdiplo.coding import derive
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.reports.summary import summarise, temperature

INTEROP = str(DATA / "interop" / "records")
REGISTRY = builtin_registry()


def event(event_id: str, date: str, partners: list[str], **fields: Any) -> Event:
    return Event.model_validate(
        {
            "id": event_id,
            "date": date,
            "title": event_id,
            "partners": partners,
            "sources": [{"url": "https://example.org/", "quote": "q"}],
            "kind": "meeting",
            **fields,
        }
    )


EVENTS = [
    event("a", "2024-05-02", ["US"], place={"name": "Tokyo", "country": "JP"}),  # visit: 4
    event("b", "2024-05-20", ["US", "ROK"]),  # multilateral: 4
    event("c", "2024-05", ["US"], kind="exercise"),  # COOPERATE: 9.5
    event("d", "2024-06-01", ["US"], kind="statement"),  # no type: counts, adds nothing
    event("e", "2024-06-03", ["ROK"], kind="statement"),
    event("f", "2024-06-04", ["ROK"], coding={"event": "ACCUSE", "mode": "disapprove"}),  # -2
]


def test_sums_and_means_per_cell() -> None:
    summary = temperature(EVENTS, REGISTRY)
    cells = {
        tuple(row.keys): (row.count, row.intensity_sum, row.intensity_mean) for row in summary.rows
    }
    assert cells == {
        ("ROK", "2024-05"): (1, 4.0, 4.0),
        ("ROK", "2024-06"): (2, -2.0, -2.0),  # the statement counts, but has no intensity
        ("US", "2024-05"): (3, 17.5, 17.5 / 3),
        ("US", "2024-06"): (1, None, None),  # no coded event: no sum, no mean
    }
    assert summary.measure == "intensity" and summary.total == len(EVENTS)


def test_sums_agree_with_the_derived_codings() -> None:
    summary = summarise(EVENTS, ["kind"], measure="intensity", registry=REGISTRY)
    for row in summary.rows:
        intensities = [
            derive(item, REGISTRY).intensity for item in EVENTS if item.kind == row.keys[0]
        ]
        coded = [value for value in intensities if value is not None]
        assert row.intensity_sum == (sum(coded) if coded else None)
        assert row.count == len(intensities)


def test_counts_stay_as_they_were(jdiplo: Invoke) -> None:
    counted = jdiplo("--records", INTEROP, "summary", "--by", "kind", "-F", "json").stdout
    measured = jdiplo(
        "--records", INTEROP, "summary", "--by", "kind", "--measure", "intensity", "-F", "json"
    ).stdout
    plain, intense = json.loads(counted), json.loads(measured)
    assert "measure" not in plain and set(plain["rows"][0]) == {"kind", "count"}
    assert intense["measure"] == "intensity"
    assert [(row["kind"], row["count"]) for row in intense["rows"]] == [
        (row["kind"], row["count"]) for row in plain["rows"]
    ]


def test_every_format_shows_sum_and_mean(jdiplo: Invoke) -> None:
    def run(*args: str) -> str:
        result = jdiplo("--records", INTEROP, "summary", "--measure", "intensity", *args)
        assert result.code == 0, result.stderr
        return result.stdout

    rows = list(csv.DictReader(io.StringIO(run("--by", "kind", "-F", "csv"))))
    assert rows == [
        {"kind": "arms-transfer", "count": "1", "intensity_sum": "10", "intensity_mean": "10"},
        {"kind": "meeting", "count": "1", "intensity_sum": "4", "intensity_mean": "4"},
        {"kind": "statement", "count": "1", "intensity_sum": "", "intensity_mean": ""},
        {"kind": "visit", "count": "1", "intensity_sum": "4", "intensity_mean": "4"},
    ]
    assert run("--by", "kind").splitlines()[0] == "arms-transfer\t1\t10\t10"
    table = run("--by", "partner", "--by", "year", "-F", "table").splitlines()
    assert table[0] == "4 events by partner and year · PLOVER intensity: sum (mean)"
    assert ["PH", "10", "(10)"] in [line.split() for line in table]
    markdown = run("--by", "kind", "-F", "md")
    assert "| kind | events | intensity | mean |" in markdown


def test_bad_measure_and_chart_are_usage_errors(jdiplo: Invoke) -> None:
    result = jdiplo("--records", INTEROP, "summary", "--measure", "heat")
    assert result.code == 2 and "unknown measure 'heat'" in result.stderr
    result = jdiplo("--records", INTEROP, "summary", "--measure", "intensity", "--chart")
    assert result.code == 2 and "--chart draws counts" in result.stderr


def test_the_summary_of_an_empty_selection(tmp_path: Path) -> None:
    summary = temperature([], REGISTRY)
    assert summary.rows == [] and summary.record()["rows"] == []
