"""Figures for documents (matplotlib): real charts, self-contained, the same bytes for the
same data in one process and across processes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import subprocess
import sys
from typing import Any
from xml.etree import ElementTree

import numpy
import pytest
from reports_data import bundled, in_period, make_event

from conftest import ROOT
from jdiplo.model import Event
from jdiplo.periods import parse_period
from jdiplo.render import figures
from jdiplo.render.html import TEMPERATURE_TITLE
from jdiplo.reports.brief import brief
from jdiplo.reports.summary import Summary, summarise, temperature

SVG = "{http://www.w3.org/2000/svg}"


def self_contained(svg: str) -> None:
    """No address but the SVG namespace, nothing to fetch, no font named."""
    assert set(re.findall(r"https?://[^\s\"'<>)]*", svg)) == {"http://www.w3.org/2000/svg"}
    lowered = svg.lower()
    assert "<image" not in lowered  # every mark is a vector: nothing embedded either
    assert "@import" not in lowered and "url(http" not in lowered
    assert "font-family" not in lowered and "@font-face" not in lowered
    assert "<!doctype" not in lowered
    assert "xlink" not in lowered


def july_brief():  # type: ignore[no-untyped-def]
    records = bundled()
    july = in_period(records, "2024-07")
    return brief(july, records.registry, parse_period("2024-07"), today=dt.date(2025, 1, 15))


def drawings() -> dict[str, str]:
    july = july_brief()
    events = in_period(bundled(), "2024-07")
    return {
        "bars": figures.svg(
            figures.summary_figure(summarise(events, ["kind"]), "by kind"), "bars", "by kind"
        ),
        "heatmap": figures.svg(
            figures.summary_figure(summarise(events, ["partner", "kind"]), "by partner and kind")
        ),
        "timeline": figures.svg(
            figures.timeline_figure(july.timeline, july.start, july.end, "timeline")
        ),
        "network": figures.svg(figures.network_figure(july.nodes, july.edges, "network")),
        "temperature": figures.svg(
            figures.summary_figure(july.temperature, TEMPERATURE_TITLE), "temperature"
        ),
        "temperature-bars": figures.svg(
            figures.summary_figure(
                summarise(events, ["partner"], measure="intensity", registry=bundled().registry),
                "by partner",
                "sum",
            )
        ),
    }


@functools.cache
def drawn_once() -> dict[str, str]:
    return drawings()


@pytest.mark.parametrize(
    "name", ["bars", "heatmap", "timeline", "network", "temperature", "temperature-bars"]
)
def test_every_figure_is_a_self_contained_svg(name: str) -> None:
    svg = drawn_once()[name]
    self_contained(svg)
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.iter(f"{SVG}path")  # drawn
    for use in root.iter(f"{SVG}use"):  # glyphs drawn once, used by a plain href
        assert use.get("href", "").startswith("#")


def test_the_same_data_gives_the_same_bytes_in_one_process() -> None:
    assert drawings() == drawn_once()
    events = in_period(bundled(), "2024-07")
    figure = figures.summary_figure(summarise(events, ["partner", "month"]), "t")
    assert figures.png(figure) == figures.png(
        figures.summary_figure(summarise(events, ["partner", "month"]), "t")
    )


def test_the_same_data_gives_the_same_bytes_across_processes() -> None:
    script = (
        "import sys, hashlib; sys.path.insert(0, 'tests');"
        "from test_figures import drawings, png_of_july;"
        "d = drawings(); print(hashlib.sha256(repr(sorted(d.items())).encode()).hexdigest());"
        "print(hashlib.sha256(png_of_july()).hexdigest())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    here = [
        hashlib.sha256(repr(sorted(drawn_once().items())).encode()).hexdigest(),
        hashlib.sha256(png_of_july()).hexdigest(),
    ]
    assert other == here


def png_of_july() -> bytes:
    events = in_period(bundled(), "2024-07")
    counts = figures.png(figures.summary_figure(summarise(events, ["partner", "month"]), "t"))
    heat = figures.png(figures.summary_figure(temperature(events, bundled().registry), "t"))
    return counts + heat


def test_a_png_has_no_software_tag_or_date() -> None:
    data = png_of_july()
    assert data.count(b"\x89PNG\r\n\x1a\n") == 2  # counts, then intensities
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in data and b"matplotlib" not in data.lower()
    assert b"tIME" not in data


def test_a_summary_svg_says_in_text_what_it_draws() -> None:
    events = in_period(bundled(), "2024-07")
    summary = summarise(events, ["partner", "kind"])
    svg = figures.svg(
        figures.summary_figure(summary, "24 events"),
        "s",
        "24 events by partner and kind",
        figures.summary_description(summary),
    )
    root = ElementTree.fromstring(svg)
    assert root.findtext(f"{SVG}title") == "24 events by partner and kind"
    description = root.findtext(f"{SVG}desc") or ""
    # the heatmap's every count is in its text alternative: AU, NZ and UA summits included
    assert "partner AU: summit 3" in description
    assert "partner NZ: summit 3" in description
    assert "partner UA: summit 1" in description


def test_title_and_description_are_escaped() -> None:
    summary = summarise([make_event(partners=["US"])], ["partner"])
    svg = figures.svg(figures.summary_figure(summary, "t"), "s", "<b>&", "]]></desc><x/>\x1b")
    root = ElementTree.fromstring(svg)
    assert root.findtext(f"{SVG}title") == "<b>&"
    assert root.findtext(f"{SVG}desc") == "]]></desc><x/>\\x1b"


def test_a_heatmap_draws_a_count_in_every_cell_that_has_one() -> None:
    events = in_period(bundled(), "2024-07")
    summary = summarise(events, ["partner", "kind"])
    figure = figures.summary_figure(summary, "t")
    axes = figure.axes[0]
    drawn = sorted(text.get_text() for text in axes.texts)
    assert drawn == sorted(str(row.count) for row in summary.rows)


def test_the_timeline_draws_coarse_dates_as_spans_and_days_as_points() -> None:
    july = july_brief()
    figure = figures.timeline_figure(july.timeline, july.start, july.end, "t")
    axes = figure.axes[0]
    spans = list(axes.patches)
    points = [line for line in axes.lines if line.get_marker() == "o"]
    months = [entry for entry in july.timeline if entry.precision == "month"]
    days = [entry for entry in july.timeline if entry.precision == "day"]
    assert len(spans) == len(months) == 10 and len(points) == len(days) == 14
    for patch in spans:  # the whole of July, from its first day to the first of August
        assert patch.get_x() == pytest.approx(figures._day(dt.date(2024, 7, 1)))
        assert patch.get_width() == pytest.approx(31)


def test_matplotlib_is_not_imported_to_list_events() -> None:
    script = (
        "import sys; from jdiplo.cli.app import run; run(['list', '--partner', 'ROK']);"
        "print(sorted(m for m in ('matplotlib', 'jinja2', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


# Intensities: derived codings, drawn on a diverging scale; an uncoded cell is never a 0


def coded(event_id: str, date: str, partners: list[str], **fields: Any) -> Event:
    return make_event(id=event_id, date=date, title=event_id, partners=partners, **fields)


# US: a visit (4) and a consultation with several partners (4) in May, nothing coded in June
# (a statement); ROK: a request (PLOVER scores it 0) in June, an accusation (-2) in July.
INTENSITIES = [
    coded("a", "2024-05-02", ["US"], place={"name": "Tokyo", "country": "JP"}),
    coded("b", "2024-05-20", ["US", "ROK"]),
    coded("c", "2024-06-01", ["US"], kind="statement"),
    coded("d", "2024-06-03", ["ROK"], coding={"event": "REQUEST", "mode": "meet"}),
    coded("e", "2024-07-04", ["ROK"], coding={"event": "ACCUSE", "mode": "disapprove"}),
]


def temperature_of(events: list[Event] | None = None) -> Summary:
    return temperature(INTENSITIES if events is None else events, bundled().registry)


def test_the_temperature_draws_every_coded_mean_and_no_value_for_an_uncoded_cell() -> None:
    summary = temperature_of()
    figure = figures.summary_figure(summary, "t")
    axes = figure.axes[0]
    rows, columns = summary.values(0), summary.values(1)
    assert (rows, columns) == (["ROK", "US"], ["2024-05", "2024-06", "2024-07"])
    drawn = {
        (rows[int(text.get_position()[1])], columns[int(text.get_position()[0])]): text.get_text()
        for text in axes.texts
    }
    # ROK's June request is a real 0 and is drawn as one; US's June has events, none coded:
    # no number there, not 0; US's July has no event at all
    assert drawn == {
        ("ROK", "2024-05"): "4",
        ("ROK", "2024-06"): "0",
        ("ROK", "2024-07"): "-2",
        ("US", "2024-05"): "4",
    }
    (mesh,) = axes.collections
    values = mesh.get_array()
    assert values is not None
    masked = numpy.ma.getmaskarray(values).reshape(len(rows), len(columns))
    assert masked.tolist() == [[False, False, False], [False, True, True]]
    hatched = [patch for patch in axes.patches if patch.get_hatch()]
    assert [(int(patch.get_y()), int(patch.get_x())) for patch in hatched] == [(1, 1)]
    assert mesh.norm.vmin == -10 and mesh.norm.vmax == 10  # the PLOVER scores' scale


def test_the_sum_of_intensities_has_its_own_scale() -> None:
    figure = figures.summary_figure(temperature_of(), "t", "sum")
    axes = figure.axes[0]
    assert sorted(text.get_text() for text in axes.texts) == ["-2", "0", "4", "8"]
    (mesh,) = axes.collections
    assert mesh.norm.vmax == 10  # at least the scale of the scores; more for larger sums
    with pytest.raises(ValueError, match="statistic"):
        figures.summary_figure(temperature_of(), "t", "median")


def test_intensity_bars_leave_an_uncoded_key_without_a_bar() -> None:
    events = [
        coded("a", "2024-05-02", ["US"], kind="statement"),  # no PLOVER type
        coded("b", "2024-05-03", ["US"], kind="other", coding={"event": "REQUEST"}),  # 0
        coded("c", "2024-05-04", ["US"], coding={"event": "ACCUSE", "mode": "disapprove"}),
        coded("d", "2024-05-05", ["US"], kind="visit", place={"name": "Tokyo", "country": "JP"}),
    ]
    summary = summarise(events, ["kind"], measure="intensity", registry=bundled().registry)
    assert [row.keys[0] for row in summary.rows] == ["meeting", "other", "statement", "visit"]
    figure = figures.summary_figure(summary, "t")
    axes = figure.axes[0]
    bars = {int(patch.get_y() + 0.35): patch.get_width() for patch in axes.patches}
    assert bars == {0: -2.0, 1: 0.0, 3: 4.0}  # a real 0 is a bar of no length, labelled 0
    # every number drawn is a coded value; the statement (row 2) says it is not coded
    drawn = sorted(text.get_text() for text in axes.texts)
    assert drawn == sorted(["-2", "0", "4", "  none coded"])


def test_the_description_of_intensities_says_they_are_derived_and_which_cells_have_none() -> None:
    description = figures.summary_description(temperature_of())
    assert description.startswith("mean PLOVER intensity (derived codings, not facts from")
    assert "partner US: 2024-05 4 (2 events), 2024-06 no coded event (1 event)" in description
    assert "2024-06 0 (1 event)" in description  # ROK's request: a real 0
    assert "2024-07" not in description.split("partner US:")[1]  # no event, no cell


def test_a_temperature_of_no_events_is_drawn_empty() -> None:
    figure = figures.summary_figure(temperature_of([]), "t")
    assert [text.get_text() for text in figure.axes[0].texts] == ["no events"]


def test_a_long_title_widens_the_figure_rather_than_being_cut() -> None:
    narrow = figures.summary_figure(temperature_of(), "t")
    wide = figures.summary_figure(temperature_of(), TEMPERATURE_TITLE)
    assert wide.get_figwidth() > narrow.get_figwidth()
    assert figures.title_width(4.0, "x" * 100) > 4.0
