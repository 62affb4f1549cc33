"""Terminal layouts at 80 and 200 columns: nothing breaks mid-word, nothing is left out.

The cases of issue 11, as an analyst at an 80x24 terminal saw them: `list --partner ROK`
squeezed titles into 5 columns and split headers (`kin d`); `summary --by partner --by kind
--chart` dropped the summit column, so AU, NZ and UA read "none"; the digest had no structure.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reports_data import bundled, diffset, every_event, in_period

from jdiplo.periods import parse_period
from jdiplo.render import write_events, write_report
from jdiplo.render.console import Output
from jdiplo.render.table import cells, wrap
from jdiplo.reports.digest import period_digest
from jdiplo.reports.summary import Summary, summarise

WIDTHS = [80, 200]


def shown(write: object, width: int | None) -> str:
    """What a renderer writes to a terminal of `width` columns (None: a pipe)."""
    stream = io.StringIO()
    output = Output(stream, terminal=width is not None, color=False, width=width)
    write(output)  # type: ignore[operator]
    return stream.getvalue()


def rok() -> list[object]:
    return [e for e in every_event(bundled()) if "ROK" in e.partners or "ROK" in e.frameworks]


def listing(width: int | None) -> str:
    return shown(lambda out: write_events(rok(), "table", out), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_list_partner_rok_fits_and_breaks_nothing_mid_word(width: int) -> None:
    text = listing(width)
    lines = text.splitlines()
    assert all(cells(line) <= width for line in lines), text
    header = lines[0].split()
    assert {"date", "kind", "partners", "title"} <= set(header)  # headers whole
    events = rok()
    for event in events:
        assert any(
            line.split()[:1] == [event.id]
            or line.strip() == event.id
            or line.strip().startswith(event.id + " ")
            for line in lines
        ), event.id
    # every word of every title and every vocabulary value is printed whole
    printed = Counter(text.split())
    for event in events:
        for word in [*event.title.split(), event.kind, *(event.level or "").split()]:
            assert printed[word] > 0, word


def test_at_200_columns_a_row_is_one_line_with_its_id_first() -> None:
    lines = listing(200).splitlines()
    assert lines[0].split()[:2] == ["id", "date"]
    assert len(lines) == 1 + len(rok()) + 1  # one title wraps at 200: it is 98 long
    assert lines[1].startswith("2024-07-rok-ambassador-fully-normalized  ")


def test_at_80_columns_the_id_moves_below_its_row_whole() -> None:
    lines = listing(80).splitlines()
    assert lines[0].split()[0] == "date"  # the id column went
    ids = [line.strip() for line in lines if line.startswith("  2024-")]
    assert ids == [event.id for event in rok()]


def test_a_pipe_gets_the_table_as_wide_as_it_needs() -> None:
    lines = listing(None).splitlines()
    assert len(lines) == 1 + len(rok())


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=20, max_value=220))
def test_a_listing_at_any_width_keeps_every_word_and_id(width: int) -> None:
    text = listing(width)
    body = Counter(" ".join(text.splitlines()[1:]).replace(" · ", " ").split())
    assert body == Counter(" ".join(listing(None).splitlines()[1:]).split())
    if width >= 60:
        assert all(cells(line) <= width for line in text.splitlines())


def test_wrap_breaks_at_spaces_and_after_commas_only() -> None:
    assert wrap("IP4 leaders hold talks among themselves", 12, "words") == [
        "IP4 leaders", "hold talks", "among", "themselves",
    ]  # fmt: skip
    assert wrap("ROK, AU, NZ, US", 8, "list") == ["ROK, AU,", "NZ, US"]
    assert wrap("co-development", 20, "none") == ["co-development"]
    assert wrap("Ambassador", 4, "words") == ["Amba", "ssad", "or"]  # a word wider: cut


# The heatmap of partner by kind


def heatmap_cells(text: str) -> dict[tuple[str, str], int]:
    """(row key, column key) -> count of every cell drawn, in any orientation or block; keys
    as (partner, kind) when the dimensions say so."""
    found: dict[tuple[str, str], int] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines[:-1]):
        if not set(lines[number + 1].strip()) <= {"─"} or not lines[number + 1].strip():
            continue
        down, *across = line.split()
        for row in lines[number + 2 :]:
            if not row.strip() or row.startswith(("(", "shades:")):
                break
            label, rest = row.split(maxsplit=1)
            values = re.findall(r"·|[░▒▓█] \d+", rest)
            assert len(values) == len(across), row
            for column, value in zip(across, values, strict=True):
                count = 0 if value == "·" else int(value.split()[1])
                key = (label, column) if down == "partner" else (column, label)
                found[key] = count
    return found


def partner_kind() -> Summary:
    return summarise(in_period(bundled(), "2024-07"), ["partner", "kind"])


def chart(summary: Summary, width: int | None) -> str:
    return shown(lambda out: write_report(summary, "chart", out), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_au_nz_and_ua_summits_are_drawn_at_80_and_200_columns(width: int) -> None:
    summary = partner_kind()
    text = chart(summary, width)
    assert all(cells(line) <= width for line in text.splitlines()), text
    drawn = heatmap_cells(text)
    assert drawn[("AU", "summit")] == 3
    assert drawn[("NZ", "summit")] == 3
    assert drawn[("UA", "summit")] == 1
    expected = {
        (row, column): summary.cells().get((row, column), 0)
        for row in summary.values(0)
        for column in summary.values(1)
    }
    assert drawn == expected  # every cell, none left out


def test_at_80_columns_the_heatmap_says_it_turned_over() -> None:
    text = chart(partner_kind(), 80)
    assert "(turned over to fit the terminal: kind down, partner across)" in text
    assert "(turned over" not in chart(partner_kind(), 200)


@settings(max_examples=30, deadline=None)
@given(width=st.integers(min_value=40, max_value=200))
def test_a_heatmap_at_any_width_draws_every_cell(width: int) -> None:
    summary = summarise(every_event(diffset()), ["partner", "month"])
    drawn = heatmap_cells(chart(summary, width))
    for (partner, month), count in summary.cells().items():
        assert drawn[(partner or "(none)", month or "(none)")] == count


def test_a_cross_table_too_wide_turns_over_or_splits_keeping_every_column() -> None:
    summary = partner_kind()
    text = shown(lambda out: write_report(summary, "table", out), 80)
    assert all(cells(line) <= 80 for line in text.splitlines())
    assert "turned over to fit the terminal" in text
    narrow = shown(lambda out: write_report(summary, "table", out), 40)
    assert "split to fit the terminal" in " ".join(narrow.split())
    for kind in summary.values(1):
        assert kind in narrow.split()
    assert all(cells(line) <= 40 for line in narrow.splitlines())


# The digest


def july(width: int | None) -> str:
    records = bundled()
    digest = period_digest(
        in_period(records, "2024-07"), records.registry, parse_period("2024-07"),
        today=dt.date(2025, 1, 15),
    )  # fmt: skip
    return shown(lambda out: write_report(digest, "text", out), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_digest_fits_and_keeps_every_word(width: int) -> None:
    text = july(width)
    assert all(cells(line) <= width for line in text.splitlines()), width
    assert Counter(text.split()) == Counter(july(None).split())
    assert "  Italy (IT) · 4 events (told under UK)" in [
        line.rstrip() for line in text.splitlines()
    ]
