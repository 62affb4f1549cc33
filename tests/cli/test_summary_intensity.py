"""`summary --measure intensity`: the sum and mean of PLOVER intensities per cell, in every
format; and `temperature`, the partner x month data of the report's chart."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reports_data import bundled, diffset, every_event, in_period

from conftest import BUNDLED_RECORDS, DATA, Invoke
from jdiplo.coding import derive
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.render.chart import BAR_WIDTH, write_summary
from jdiplo.render.console import Output
from jdiplo.render.table import cells
from jdiplo.render.text import number_text
from jdiplo.reports.summary import Summary, summarise, temperature

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


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--measure", "heat"], "unknown measure 'heat'"),
        (["--measure", "intensity", "--chart", "--statistic", "median"], "unknown statistic"),
        (["--chart", "--statistic", "sum"], "add --measure intensity"),
        (["--measure", "intensity", "--statistic", "sum"], "add --chart, --svg or --png"),
    ],
)
def test_bad_measure_and_statistic_are_usage_errors(
    jdiplo: Invoke, arguments: list[str], message: str
) -> None:
    result = jdiplo("--records", INTEROP, "summary", *arguments)
    assert result.code == 2 and message in result.stderr
    assert result.stdout == ""


# The chart of intensities: the mean by default, never a value for an uncoded cell


def chart(*arguments: str, records: str = INTEROP) -> list[str]:
    from conftest import invoke

    result = invoke("--records", records, "summary", "--measure", "intensity", "--chart",
                    *arguments)  # fmt: skip
    assert result.code == 0, result.stderr
    assert "\x1b" not in result.stdout
    return result.stdout.splitlines()


def test_the_chart_draws_the_mean_and_says_so() -> None:
    lines = chart()  # partner x month by default: the temperature of each relationship
    assert lines[0] == (
        "4 events by partner and month · mean PLOVER intensity "
        "(derived codings, not facts from a source)"
    )
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:8]}
    # EU and UN take part only in the statement (PLOVER cannot code it): ○, never 0
    assert rows == {
        "EU": ["·", "○"],
        "NATO": ["·", "▒", "4"],
        "PH": ["█", "10", "·"],
        "ROK": ["·", "▒", "4"],
        "UN": ["·", "○"],
    }
    assert "○ events, none coded (no value)" in lines[-1] and "· no event" in lines[-1]


def test_the_chart_of_sums_says_so_and_draws_sums() -> None:
    lines = chart("--statistic", "sum", "--by", "year", records=str(BUNDLED_RECORDS))
    assert lines[0] == (
        "24 events by year · sum PLOVER intensity (derived codings, not facts from a source)"
    )
    summary = summarise(
        in_period(bundled(), "2024-07"), ["year"], measure="intensity", registry=REGISTRY
    )
    (row,) = summary.rows
    assert lines[1].split() == ["2024", "█" * BAR_WIDTH, number_text(row.intensity_sum)]


def test_bars_of_means_leave_an_uncoded_key_without_a_value() -> None:
    lines = [line.rstrip() for line in chart("--by", "kind")]
    assert lines[1:] == [
        "arms-transfer ████████████████████████████████████████ 10",
        "meeting       ████████████████                          4",
        "statement     ○ none coded",
        "visit         ████████████████                          4",
    ]


def draw(summary: Summary, width: int | None, statistic: str = "mean") -> str:
    stream = io.StringIO()
    write_summary(
        summary, "chart", Output(stream, terminal=width is not None, color=False, width=width),
        statistic=statistic,
    )  # fmt: skip
    return stream.getvalue()


def test_conflict_is_drawn_below_zero_and_a_real_zero_is_a_zero() -> None:
    events = [
        *EVENTS,
        event("g", "2024-07-01", ["ROK"], kind="other", coding={"event": "REQUEST"}),  # 0
    ]
    text = draw(temperature(events, REGISTRY), None)
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()[3:5]}
    assert rows == {
        "ROK": ["▒", "4", "░", "-2", "0"],  # an accusation is conflict; a request scores 0
        "US": ["▓", "5.83", "○", "·"],  # June's statement is not coded: ○, not 0
    }
    bars = draw(summarise(events, ["month"], measure="intensity", registry=REGISTRY), None)
    # below 0, the bar goes left of the axis; the value keeps its sign; 0 has no bar
    assert bars.splitlines()[1:] == [
        "2024-05      ████████████ 5.83",  # (4 + 4 + 9.5) / 3, of ±10 in 20 columns a side
        "2024-06 ████                -2",
        "2024-07                      0",
    ]


@settings(max_examples=25, deadline=None)
@given(width=st.integers(min_value=40, max_value=200))
def test_an_intensity_heatmap_at_any_width_draws_every_cell_and_no_uncoded_value(
    width: int,
) -> None:
    from jdiplo.render.figures import intensity_value

    records = diffset()  # five months: turned over or split at narrow widths
    uncoded = event("h", "2024-08-09", ["DE"], kind="statement")
    summary = temperature([*every_event(records), *EVENTS, uncoded], records.registry)
    text = draw(summary, width)
    assert all(cells(line) <= width for line in text.splitlines()), text
    drawn = intensity_cells(text)
    assert drawn[("DE", "2024-08")] == "○"
    expected = {}
    for (partner, month), row in summary.intensity_cells().items():
        value = intensity_value(row, "mean")
        expected[(partner, month)] = "○" if value is None else number_text(value)
    assert drawn == expected


def intensity_cells(text: str) -> dict[tuple[str | None, ...], str]:
    """Every cell a heatmap of intensities shows, by (partner, month), from its blocks."""
    found: dict[tuple[str | None, ...], str] = {}
    across: list[str] = []
    down = ""
    for line in text.splitlines():
        words = line.split()
        if words and words[0] in ("partner", "month"):  # a block's header
            down, across = words[0], words[1:]
            continue
        if line.startswith("shades"):  # the legend: the end
            break
        if line.startswith("("):  # a note, perhaps on several lines: a header follows
            down = ""
        if not down or not words or set(line.strip()) <= {"─"}:
            continue  # the title, a note, a rule
        values = re.findall(r"·|○|[░▒▓█] -?[\d.]+|-?[\d.]+", " ".join(words[1:]))
        assert len(values) == len(across), line
        for column, value in zip(across, values, strict=True):
            if value == "·":
                continue
            key = (words[0], column) if down == "partner" else (column, words[0])
            found[key] = value.split()[-1]
    return found


def test_svg_and_png_of_intensities(jdiplo: Invoke, tmp_path: Path) -> None:
    svg, png = tmp_path / "temperature.svg", tmp_path / "temperature.png"
    result = jdiplo("--records", INTEROP, "summary", "--measure", "intensity",
                    "--svg", str(svg), "--png", str(png))  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "EU\t1\t\t"  # the rows on a pipe, as before
    root = ElementTree.fromstring(svg.read_text(encoding="utf-8"))
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.findtext(f"{namespace}title") == (
        "4 events by partner · mean PLOVER intensity (derived codings, not facts from a source)"
    )
    description = root.findtext(f"{namespace}desc") or ""
    assert "EU: no coded event (1 event)" in description and "PH: 10 (1 event)" in description
    assert png.read_bytes().startswith(b"\x89PNG")
    again = tmp_path / "again.svg"
    jdiplo("--records", INTEROP, "summary", "--measure", "intensity", "--svg", str(again))
    assert again.read_bytes() == svg.read_bytes()
    sums = tmp_path / "sums.svg"
    result = jdiplo("--records", INTEROP, "summary", "--measure", "intensity", "--statistic",
                    "sum", "--svg", str(sums))  # fmt: skip
    assert result.code == 0, result.stderr
    title = ElementTree.fromstring(sums.read_text(encoding="utf-8")).findtext(f"{namespace}title")
    assert title is not None and " · sum PLOVER intensity (derived codings" in title


def test_the_summary_of_an_empty_selection(tmp_path: Path) -> None:
    summary = temperature([], REGISTRY)
    assert summary.rows == [] and summary.record()["rows"] == []


def test_the_intensity_chart_has_colour_only_when_allowed() -> None:
    summary = temperature(EVENTS, REGISTRY)
    for color in (True, False):
        stream = io.StringIO()
        write_summary(summary, "chart", Output(stream, terminal=True, color=color, width=100))
        assert ("\x1b[" in stream.getvalue()) is color
        plain = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())
        assert "░ -2" in plain and "○" in plain  # the sign and the uncoded cell, without colour
