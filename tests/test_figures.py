"""Figures for documents (matplotlib): real charts, self-contained, the same bytes for the
same data in one process and across processes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from reports_data import bundled, in_period, make_event

from conftest import ROOT
from jdiplo.periods import parse_period
from jdiplo.render import figures
from jdiplo.reports.brief import brief
from jdiplo.reports.summary import summarise

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
    }


@functools.cache
def drawn_once() -> dict[str, str]:
    return drawings()


@pytest.mark.parametrize("name", ["bars", "heatmap", "timeline", "network"])
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
    return figures.png(figures.summary_figure(summarise(events, ["partner", "month"]), "t"))


def test_a_png_has_no_software_tag_or_date() -> None:
    data = png_of_july()
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
