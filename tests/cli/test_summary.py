"""`jdiplo summary` as a user runs it: tables, delimited rows, JSON, charts and SVG."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from reports_data import DIFFSET, diffset, every_event

from conftest import BUNDLED_RECORDS, Invoke
from jdiplo.render import write_report
from jdiplo.render.chart import shade
from jdiplo.render.console import Output
from jdiplo.reports.summary import summarise

RECORDS = str(DIFFSET)


def test_plain_rows_on_a_pipe(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "--by", "kind", "--month", "2024-06")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "exercise\t2", "meeting\t1", "statement\t2", "visit\t1",
    ]  # fmt: skip


def test_csv_and_tsv_have_a_header_of_field_names(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "--by", "level", "--by", "year", "-F", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["level", "year", "count"]
    assert rows[-1] == ["", "2024", "5"]  # no level: an empty cell
    tsv = jdiplo("--records", RECORDS, "summary", "-b", "year", "-F", "tsv").stdout
    assert tsv == "year\tcount\n2024\t13\n"


def test_json_rows_are_named_by_dimension(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "-b", "partner", "-b", "month", "-F", "json")
    document = json.loads(result.stdout)
    assert document["by"] == ["partner", "month"] and document["total"] == 13
    assert {"partner": "US", "month": "2024", "count": 1} in document["rows"]
    assert {"partner": "US", "month": "2024-06", "count": 2} in document["rows"]


def test_table_cross_tabulates_two_dimensions(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "-b", "partner", "-b", "month", "-F", "table")
    lines = result.stdout.splitlines()
    assert lines[0] == "13 events by partner and month"
    assert lines[1].split() == [
        "partner",
        "\\",
        "month",
        "2024",
        "2024-05",
        "2024-06",
        "2024-07",
        "2024-08",
    ]
    # US: t11 (dated 2024) | - | t01, t04 | t07, t09 | -
    assert ["US", "1", "0", "2", "2", "0"] in [line.split() for line in lines]


def test_chart_is_a_heatmap_readable_without_colour(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "--chart")  # default: partner x month
    assert result.code == 0, result.stderr
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "13 events by partner and month"
    us = next(line for line in lines if line.startswith("US"))
    # The largest cell is ROK in 2024-07 (t06, t07, t10): 3; 1 is ▒, 2 is ▓ (quarters, rounded up).
    assert us.split() == ["US", "▒", "1", "·", "▓", "2", "▓", "2", "·"]
    rok = next(line for line in lines if line.startswith("ROK"))
    assert rok.split() == ["ROK", "·", "·", "▓", "2", "█", "3", "·"]
    assert "shades: ░ ▒ ▓ █ fewer to more events, up to 3 in a cell; · none" in lines


def test_chart_of_one_dimension_is_bars(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "--by", "partner", "--chart")
    us = next(line for line in result.stdout.splitlines() if line.startswith("US "))
    assert us.split() == ["US", "█" * 40, "5"]
    au = next(line for line in result.stdout.splitlines() if line.startswith("AU "))
    assert au.split() == ["AU", "█" * 24, "3"]


def test_chart_of_nothing_says_so(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "summary", "--chart", "--month", "2023-01")
    assert result.code == 0
    assert result.stdout.splitlines()[1:] == ["no events to chart"]


def test_chart_colour_only_when_allowed() -> None:
    summary = summarise(every_event(diffset()), ["partner", "month"])
    for color, expected in ((True, True), (False, False)):
        stream = io.StringIO()
        write_report(summary, "chart", Output(stream, terminal=True, color=color))
        assert ("\x1b[" in stream.getvalue()) is expected
        assert "█ 3" in stream.getvalue()


def test_shades_are_quarters_of_the_largest_count() -> None:
    assert [shade(count, 8) for count in range(1, 9)] == [0, 0, 1, 1, 2, 2, 3, 3]
    with pytest.raises(ValueError):
        shade(0, 8)


def test_svg_is_written_whole(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "heat.svg"
    target.write_text("old")
    result = jdiplo("--records", RECORDS, "summary", "-b", "partner", "-b", "month",
                    "--chart", "--svg", str(target))  # fmt: skip
    assert result.code == 0, result.stderr
    root = ElementTree.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "partner" in text and "ROK" in text and "2024-07" in text
    assert sorted(path.name for path in tmp_path.iterdir()) == ["heat.svg"]  # no temporary left
    assert "13 events by partner and month" in result.stdout  # and the chart on stdout


def test_svg_gets_the_permissions_of_a_new_file_or_of_the_file_it_replaces(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    import os
    import stat

    fresh, kept = tmp_path / "fresh.svg", tmp_path / "kept.svg"
    kept.write_text("old")
    kept.chmod(0o640)
    old_umask = os.umask(0o022)
    try:
        for target in (fresh, kept):
            assert jdiplo("--records", RECORDS, "summary", "--svg", str(target)).code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_svg_of_a_table(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "kinds.svg"
    result = jdiplo(
        "--records", RECORDS, "summary", "-b", "kind", "-F", "json", "--svg", str(target)
    )
    assert result.code == 0
    assert json.loads(result.stdout)["by"] == ["kind"]
    assert "exercise" in "".join(ElementTree.parse(target).getroot().itertext())


def test_svg_never_goes_into_the_records(jdiplo: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "copy" / "records"
    records.parent.mkdir()
    import shutil

    shutil.copytree(DIFFSET.parent, records.parent, dirs_exist_ok=True)
    target = records / "2024" / "chart.svg"
    result = jdiplo("--records", str(records), "summary", "--chart", "--svg", str(target))
    assert result.code == 2
    assert "inside the records directory" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--by", "partnr"], "did you mean 'partner'?"),
        (["--chart", "--format", "json"], "leave out --format json"),
        (["--chart", "-b", "partner", "-b", "kind", "-b", "year"], "one or two dimensions"),
        (["--svg", "/no/such/folder/x.svg"], "folder not found"),
        (["--format", "yaml"], "choose from table, chart, plain, tsv, csv, json, md"),
        (["--period", "2024Q5"], "quarters are Q1 to Q4"),
    ],
)
def test_bad_options_are_usage_errors(jdiplo: Invoke, arguments: list[str], message: str) -> None:
    result = jdiplo("--records", RECORDS, "summary", *arguments)
    assert result.code == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_svg_and_png_are_charts_fit_for_a_document(jdiplo: Invoke, tmp_path: Path) -> None:
    """Not a picture of the terminal: a chart, self-contained, the same bytes each time."""
    from test_figures import self_contained

    bundled = str(BUNDLED_RECORDS)
    arguments = ("--records", bundled, "summary", "-b", "partner", "-b", "kind", "--chart")
    svg, png = tmp_path / "chart.svg", tmp_path / "chart.png"
    result = jdiplo(*arguments, "--svg", str(svg), "--png", str(png))
    assert result.code == 0, result.stderr
    drawing = svg.read_text(encoding="utf-8")
    self_contained(drawing)
    assert "terminal" not in drawing and "Fira Code" not in drawing
    root = ElementTree.fromstring(drawing)
    assert "partner AU: summit 3" in (root.findtext("{http://www.w3.org/2000/svg}desc") or "")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    first = (drawing, png.read_bytes())
    assert jdiplo(*arguments, "--svg", str(svg), "--png", str(png)).code == 0
    assert (svg.read_text(encoding="utf-8"), png.read_bytes()) == first


def test_three_dimensions_cannot_be_saved_as_a_chart(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "x.png"
    result = jdiplo(
        "--records", RECORDS, "summary", "-b", "partner", "-b", "kind", "-b", "year",
        "--png", str(target),
    )  # fmt: skip
    assert result.code == 2
    assert "one or two dimensions" in result.stderr
    assert not target.exists()
