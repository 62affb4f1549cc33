"""Figures for documents, drawn with matplotlib: SVG and PNG files (`summary --svg/--png`) and
the charts of the HTML report. (`chart.py` draws charts in the terminal.)

A summary of the measure `intensity` (`summary --measure intensity`, the report's temperature
of each relationship) is drawn on a diverging scale: cooperation warm (red), conflict cool
(blue), a score of 0 grey, every drawn cell or bar labelled with its value. Intensities are
codings (jdiplo's reading of a record, or the analyst's own `coding:`), never facts from a
source, and the figures say so. A cell or bar whose events have no coding has no value: it is
hatched and left without a number, never drawn as 0; a cell without events is blank.

matplotlib is imported only here, only when a figure is drawn, and never through pyplot: a
`Figure` is built and saved directly, so no backend or global state is involved.

Every file is self-contained and the same data gives the same bytes:

- text is drawn as paths (`svg.fonttype: path`), so no font is named or fetched;
- the SVG carries no date, no creator, no DOCTYPE (whose DTD is an address) and no `xlink`
  namespace (`href` instead of `xlink:href`): the only `http` in it is the SVG namespace;
- the hash salt of generated ids is fixed (`svg.hashsalt`), and so are the ids;
- the PNG carries no software tag and no date.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from jdiplo.reports.brief import NetworkEdge, NetworkNode, TimelineEntry
    from jdiplo.reports.summary import Summary, SummaryRow

# Colours that read in print and for the colour-blind (Okabe and Ito), and a sequential map.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
GREY = "#6b6b6b"
MAP = "Blues"
# Intensities: a diverging map whose middle (a score of 0) is grey, not the white of no event;
# designed to read for the colour-blind (Moreland's "cool to warm").
INTENSITY_MAP = "coolwarm"
# The PLOVER scores run from -10 (conflict) to +10 (cooperation): means share that scale, so
# that charts of different periods compare.
SCORE_LIMIT = 10.0
STATISTICS = ("mean", "sum")
UNCODED = "events, none coded: no value"
# One row of a timeline per event up to this many events; lanes (one per group) beyond.
ROWS_PER_EVENT = 40

_STYLE: Any = {
    "svg.fonttype": "path",
    "svg.hashsalt": "jdiplo",
    "svg.image_inline": True,
    "font.family": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "path.simplify": False,
    "text.parse_math": False,  # record text is text: "$5 billion" is not mathematics
    "date.epoch": "1970-01-01T00:00:00",
}
EPOCH = dt.date(1970, 1, 1)  # matplotlib's dates are days since date.epoch


@contextmanager
def style() -> Iterator[None]:
    """matplotlib's settings for jdiplo's figures (while drawing and while saving). A glyph
    missing from the font is drawn as a box, without a warning on stderr: the text is in the
    figure's text alternative all the same."""
    import warnings

    import matplotlib

    with matplotlib.rc_context(_STYLE), warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        yield


def svg(figure: Figure, name: str = "chart", title: str = "", description: str = "") -> str:
    """The figure as a self-contained SVG document (see the module's notes), with `title`
    and `description` as its `<title>` and `<desc>`: text drawn as paths is not text, so
    these are what a screen reader or a search finds in it."""
    from xml.sax.saxutils import escape

    import matplotlib

    buffer = io.StringIO()
    with style(), matplotlib.rc_context({"svg.id": name}):
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    text = re.sub(r"<!DOCTYPE[^>]*>\n?", "", text)
    text = text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    text = text.replace("xlink:href=", "href=")
    if title or description:
        from jdiplo.render.console import escape_control

        about = f"\n <title>{escape(escape_control(title))}</title>"
        about += f"\n <desc>{escape(escape_control(description))}</desc>" if description else ""
        opening = text.index(">", text.index("<svg")) + 1
        text = text[:opening] + about + text[opening:]
    return text


def png(figure: Figure) -> bytes:
    """The figure as a PNG, without software tag or date."""
    buffer = io.BytesIO()
    with style():
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def title_width(width: float, title: str) -> float:
    """`width` (inches), widened when needed so that a title set over the axes' left edge
    (after the row labels) fits the figure: matplotlib would cut it at the figure's edge."""
    longest = max((len(line) for line in title.splitlines()), default=0)
    return max(width, 1.3 + 0.085 * longest)


def shorten(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters, cut at a word with an ellipsis;
    control characters shown as escapes."""
    from jdiplo.render.console import escape_control

    line = escape_control(" ".join(text.split()))
    return textwrap.shorten(line, width, placeholder=" \u2026") if len(line) > width else line


# Summaries: bars for one dimension, a heatmap for two


def summary_figure(summary: Summary, title: str, statistic: str = "mean") -> Figure:
    """Bars (one dimension) or a heatmap (two: the first down, the second across); for the
    measure `intensity`, of each cell's `statistic` (`mean` or `sum`) of intensities."""
    if len(summary.by) not in (1, 2):
        raise ValueError("a chart shows one or two dimensions")
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {', '.join(STATISTICS)}: got {statistic!r}")
    with style():
        if summary.measure == "intensity":
            if len(summary.by) == 1 or not summary.rows:
                return _intensity_bars(summary, title, statistic)
            return _intensity_heatmap(summary, title, statistic)
        if len(summary.by) == 1 or not summary.rows:
            return _bars(summary, title)
        return _heatmap(summary, title)


def summary_description(summary: Summary, statistic: str = "mean") -> str:
    """What a summary's chart shows, as text: every count (every intensity) it draws."""
    if not summary.rows:
        return "No events."
    if summary.measure == "intensity":
        return _intensity_description(summary, statistic)
    if len(summary.by) == 1:
        return "; ".join(f"{_key(row.keys[0])}: {row.count}" for row in summary.rows) + "."
    parts = []
    for row in summary.values(0):
        cells = summary.cells().items()
        counts = [f"{_key(keys[1])} {count}" for keys, count in cells if keys[0] == row]
        parts.append(f"{summary.by[0]} {_key(row)}: {', '.join(counts)}")
    return "; ".join(parts) + "."


def intensity_value(row: SummaryRow, statistic: str) -> float | None:
    """The value a chart draws for a row of intensities: its mean (2 decimals, as reports
    give it) or its sum; None when none of its events is coded."""
    from jdiplo.reports.summary import rounded

    return rounded(row.intensity_mean) if statistic == "mean" else row.intensity_sum


def _intensity_description(summary: Summary, statistic: str) -> str:
    from jdiplo.render.text import number_text

    def cell(row: SummaryRow) -> str:
        value = intensity_value(row, statistic)
        events = f"{row.count} event{'s' if row.count != 1 else ''}"
        if value is None:
            return f"no coded event ({events})"
        return f"{number_text(value)} ({events})"

    heading = (
        f"{statistic} PLOVER intensity (derived codings, not facts from a source); "
        "a cell without coded events has no value"
    )
    if len(summary.by) == 1:
        parts = [f"{_key(row.keys[0])}: {cell(row)}" for row in summary.rows]
        return f"{heading}. " + "; ".join(parts) + "."
    parts = []
    for key in summary.values(0):
        cells = [f"{_key(row.keys[1])} {cell(row)}" for row in summary.rows if row.keys[0] == key]
        parts.append(f"{summary.by[0]} {_key(key)}: {', '.join(cells)}")
    return f"{heading}. " + "; ".join(parts) + "."


def _key(key: str | None) -> str:
    return "(none)" if key is None else shorten(key, 40)


def _bars(summary: Summary, title: str) -> Figure:
    from matplotlib.ticker import MaxNLocator

    if len(summary.by) == 2:  # no rows: nothing to cross
        labels, counts = [], []
    else:
        labels = [_key(row.keys[0]) for row in summary.rows]
        counts = [row.count for row in summary.rows]
    figure = _figure(min(title_width(6.4, title), 16), 1.2 + 0.28 * max(len(labels), 1))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    bars = axes.barh(positions, counts, color=BLUE, height=0.7)
    axes.bar_label(bars, padding=3)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()  # the first key on top, as in the table
    axes.set_xlabel("events")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(counts, default=1) * 1.12 + 0.5)
    axes.set_title(title, loc="left")
    if not labels:
        axes.text(0.5, 0.5, "no events", transform=axes.transAxes, ha="center", color=GREY)
    return figure


def _heatmap(summary: Summary, title: str) -> Figure:
    import numpy
    from matplotlib.ticker import MaxNLocator

    rows, columns = summary.values(0), summary.values(1)
    cells = summary.cells()
    values = numpy.array(
        [[cells.get((row, column), 0) for column in columns] for row in rows], dtype=float
    )
    maximum = max(float(values.max()), 1.0)
    width = 2.0 + 0.55 * len(columns) + 0.06 * max(len(_key(row)) for row in rows)
    figure = _figure(min(title_width(max(width, 4.5), title), 16), 1.6 + 0.32 * len(rows))
    axes = figure.add_subplot()
    shown = numpy.ma.masked_equal(values, 0)  # no colour where there is no event
    image = axes.pcolormesh(
        shown, cmap=MAP, vmin=0, vmax=maximum, edgecolors="white", linewidth=1.5
    )  # vector cells (imshow would embed a bitmap)
    axes.set_xlim(0, len(columns))
    axes.set_ylim(len(rows), 0)
    for (row, column), count in numpy.ndenumerate(values):
        if count:
            colour = "white" if count > 0.6 * maximum else "black"
            axes.text(
                column + 0.5, row + 0.5, f"{int(count)}", ha="center", va="center", color=colour
            )
    colour_bar = _grid_frame(figure, axes, image, summary, rows, columns, "events")
    colour_bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title, loc="left")
    return figure


def _grid_frame(
    figure: Figure,
    axes: Any,
    image: Any,
    summary: Summary,
    rows: Sequence[str | None],
    columns: Sequence[str | None],
    label: str,
) -> Any:
    """The frame of a heatmap of two dimensions: its keys at the cells' middles, its axes named
    after the dimensions, no spines, and its colour bar (returned) as vectors."""
    axes.set_xticks([index + 0.5 for index in range(len(columns))], [_key(c) for c in columns])
    axes.set_yticks([index + 0.5 for index in range(len(rows))], [_key(row) for row in rows])
    axes.tick_params(axis="x", labelrotation=45 if len(columns) > 6 else 0)
    axes.set_xlabel(summary.by[1])
    axes.set_ylabel(summary.by[0])
    for spine in axes.spines.values():
        spine.set_visible(False)
    colour_bar = figure.colorbar(image, ax=axes, shrink=0.8)
    colour_bar.set_label(label)
    if colour_bar.solids is not None:  # a vector scale: matplotlib would embed a bitmap
        colour_bar.solids.set_rasterized(False)
        colour_bar.solids.set_edgecolor("face")  # no seams between its steps
    return colour_bar


def intensity_scale(summary: Summary, statistic: str) -> float:
    """How far the colour scale runs each side of 0: the PLOVER scores' ±10 for means, the
    largest sum (at least 10) for sums."""
    if statistic == "mean":
        return SCORE_LIMIT
    values = [abs(row.intensity_sum) for row in summary.rows if row.intensity_sum is not None]
    return max([SCORE_LIMIT, *values])


def _uncoded_patch() -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor="white", edgecolor=GREY, hatch="///", linewidth=0.6, label=UNCODED)


def _intensity_heatmap(summary: Summary, title: str, statistic: str) -> Figure:
    import numpy
    from matplotlib.patches import Rectangle

    from jdiplo.render.text import number_text

    rows, columns = summary.values(0), summary.values(1)
    cells = summary.intensity_cells()
    limit = intensity_scale(summary, statistic)
    data = numpy.zeros((len(rows), len(columns)))
    empty = numpy.ones((len(rows), len(columns)), dtype=bool)  # no value: not drawn
    for (row_index, row), (column_index, column) in itertools.product(
        enumerate(rows), enumerate(columns)
    ):
        found = cells.get((row, column))
        value = None if found is None else intensity_value(found, statistic)
        if value is not None:
            data[row_index, column_index] = value
            empty[row_index, column_index] = False
    values = numpy.ma.MaskedArray(data, mask=empty)
    width = 2.2 + 0.6 * len(columns) + 0.06 * max(len(_key(row)) for row in rows)
    figure = _figure(min(title_width(max(width, 5.0), title), 16), 1.9 + 0.32 * len(rows))
    axes = figure.add_subplot()
    image = axes.pcolormesh(
        values, cmap=INTENSITY_MAP, vmin=-limit, vmax=limit, edgecolors="white", linewidth=1.5
    )  # vector cells; masked (no value) cells are not drawn
    axes.set_xlim(0, len(columns))
    axes.set_ylim(len(rows), 0)
    for (row_index, row), (column_index, column) in itertools.product(
        enumerate(rows), enumerate(columns)
    ):
        found = cells.get((row, column))
        if found is None:  # no event: blank
            continue
        value = intensity_value(found, statistic)
        if value is None:  # events, none coded: hatched, no number
            axes.add_patch(
                Rectangle(
                    (column_index + 0.03, row_index + 0.06), 0.94, 0.88, facecolor="white",
                    edgecolor=GREY, hatch="///", linewidth=0.6,
                )
            )  # fmt: skip
            continue
        colour = "white" if abs(value) > 0.6 * limit else "black"
        axes.text(
            column_index + 0.5, row_index + 0.5, number_text(value), ha="center", va="center",
            color=colour,
        )  # fmt: skip
    label = f"{statistic} PLOVER intensity (derived)\nconflict < 0 < cooperation"
    _grid_frame(figure, axes, image, summary, rows, columns, label)
    figure.legend(handles=[_uncoded_patch()], loc="outside lower center", frameon=False)
    axes.set_title(title, loc="left")
    return figure


def _intensity_bars(summary: Summary, title: str, statistic: str) -> Figure:
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    from jdiplo.render.text import number_text

    rows = summary.rows if len(summary.by) == 1 else []  # no rows: nothing to cross
    labels = [_key(row.keys[0]) for row in rows]
    values = [intensity_value(row, statistic) for row in rows]
    limit = intensity_scale(summary, statistic)
    colours = colormaps[INTENSITY_MAP]
    scale = Normalize(-limit, limit)
    figure = _figure(min(title_width(6.4, title), 16), 1.5 + 0.28 * max(len(labels), 1))
    axes = figure.add_subplot()
    drawn = [value for value in values if value is not None]
    low, high = min([0.0, *drawn]), max([0.0, *drawn])
    margin = 0.15 * max(high - low, 1.0) + 0.5
    for position, value in enumerate(values):
        if value is None:  # events, none coded: no bar, no number
            axes.text(0, position, "  none coded", va="center", ha="left", color=GREY)
            continue
        bars = axes.barh(
            [position], [value], color=colours(scale(value)), height=0.7, edgecolor=GREY,
            linewidth=0.4,
        )  # fmt: skip
        axes.bar_label(bars, labels=[number_text(value)], padding=3)
    axes.axvline(0, color=GREY, linewidth=0.8)
    axes.set_yticks(list(range(len(labels))), labels)
    axes.set_ylim(max(len(labels), 1) - 0.5, -0.5)  # the first key on top, as in the table
    axes.set_xlim(low - (margin if low < 0 else 0), high + margin + 1.5)
    axes.set_xlabel(f"{statistic} PLOVER intensity (derived): conflict < 0 < cooperation")
    axes.set_title(title, loc="left")
    if not labels:
        axes.text(0.5, 0.5, "no events", transform=axes.transAxes, ha="center", color=GREY)
    return figure


# The timeline of a brief: days as points, coarser dates as spans


def timeline_figure(
    entries: Sequence[TimelineEntry], start: str | None, end: str | None, title: str
) -> Figure:
    """One row per event (lanes by group beyond ROWS_PER_EVENT events): an event known to
    the day is a point on its day, one known to the month or year (or with an `end`) a bar
    over the days it covers, clipped to the period: no date is made more precise than it is."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    with style():
        lanes = len(entries) > ROWS_PER_EVENT
        if lanes:
            names = list(dict.fromkeys(entry.lane for entry in entries))
            row_of = {entry.id: names.index(entry.lane) for entry in entries}
            labels = names
        else:
            row_of = {entry.id: index for index, entry in enumerate(entries)}
            labels = [f"{entry.date}  {shorten(entry.title, 60)}" for entry in entries]
        days = [dt.date.fromisoformat(e.first_day) for e in entries]
        days += [dt.date.fromisoformat(e.last_day) for e in entries]
        low = dt.date.fromisoformat(start) if start else min(days, default=dt.date.today())
        high = dt.date.fromisoformat(end) if end else max(days, default=low)
        left, right = _day(low), _day(high + dt.timedelta(days=1))
        figure = _figure(9.0, 1.3 + 0.26 * max(len(labels), 1))
        axes = figure.add_subplot()
        for entry in entries:
            row = row_of[entry.id]
            first = _day(dt.date.fromisoformat(entry.first_day))
            last = _day(dt.date.fromisoformat(entry.last_day) + dt.timedelta(days=1))
            if entry.precision == "day":
                axes.plot([(first + last) / 2], [row], "o", color=BLUE, markersize=6)
            else:
                first, last = max(first, left), min(last, right)
                axes.barh(
                    row, last - first, left=first, height=0.55, color=ORANGE, alpha=0.45,
                    edgecolor=ORANGE, hatch="///", linewidth=0.8,
                )  # fmt: skip
        axes.set_xlim(left, right)
        axes.set_ylim(max(len(labels), 1) - 0.5, -0.5)
        axes.set_yticks(range(len(labels)), labels)
        locator = AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        formatter = ConciseDateFormatter(locator, show_offset=False)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(formatter)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        figure.legend(
            handles=[
                Line2D([], [], marker="o", color=BLUE, linestyle="", label="known to the day"),
                Patch(
                    facecolor=ORANGE,
                    alpha=0.45,
                    edgecolor=ORANGE,
                    hatch="///",
                    label="known to the month or year (the whole span), or lasting several days",
                ),
            ],
            loc="outside lower center",
            ncols=2,
            frameon=False,
        )
        axes.set_title(title, loc="left")
        if not entries:
            axes.text(0.5, 0.5, "no events", transform=axes.transAxes, ha="center", color=GREY)
        return figure


def _day(day: dt.date) -> float:
    return float((day - EPOCH).days)


# Who met whom


def network_figure(
    nodes: Sequence[NetworkNode], edges: Sequence[NetworkEdge], title: str
) -> Figure:
    """The focal party in the middle, partners on a ring around it (most events first, from
    the top, clockwise), frameworks on an outer ring. A line's width grows with its events;
    lines of two events or more carry their number (the report's table lists every line)."""
    from matplotlib.lines import Line2D

    with style():
        figure = _figure(7.0, 7.4)
        axes = figure.add_subplot()
        axes.set_aspect("equal")
        axes.set_axis_off()
        axes.set_title(title, loc="left")
        position = _layout(nodes)
        heaviest = max((edge.weight for edge in edges), default=1)
        kind = {node.code: node.kind for node in nodes}
        for edge in edges:
            (x1, y1), (x2, y2) = position[edge.a], position[edge.b]
            kinds = {kind[edge.a], kind[edge.b]}
            colour, line = (GREEN, (0, (4, 2))) if "framework" in kinds else (BLUE, "-")
            if "focal" in kinds:
                colour = GREY
            axes.plot(
                [x1, x2], [y1, y2], color=colour, linewidth=0.6 + 4.4 * edge.weight / heaviest,
                alpha=0.6, linestyle=line, zorder=1,
            )  # fmt: skip
            if edge.weight > 1:
                axes.text(
                    (x1 + x2) / 2, (y1 + y2) / 2, str(edge.weight), fontsize=7.5, ha="center",
                    va="center", color="#222222", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                )  # fmt: skip
        most = max((node.events for node in nodes), default=1)
        for node in nodes:
            x, y = position[node.code]
            colour = {"focal": "#333333", "framework": GREEN}.get(node.kind, BLUE)
            size = 220 + 900 * math.sqrt(node.events / most)
            marker = "s" if node.kind == "framework" else "o"
            axes.scatter([x], [y], s=size, color=colour, marker=marker, zorder=4)
            inside = len(node.code) <= 4
            axes.text(
                x, y if inside else y - 0.2, node.code, color="white" if inside else "#222222",
                fontsize=8, fontweight="bold", ha="center", va="center", zorder=5,
            )  # fmt: skip
        axes.set_xlim(-2.0, 2.0)
        axes.set_ylim(-2.0, 2.0)
        figure.legend(
            handles=[
                Line2D([], [], color=GREY, linewidth=2, label="Japan and a partner"),
                Line2D([], [], color=BLUE, linewidth=2, label="partners in one event"),
                Line2D(
                    [],
                    [],
                    color=GREEN,
                    linewidth=2,
                    linestyle=(0, (4, 2)),
                    label="a framework and a partner",
                ),
            ],
            loc="outside lower center",
            ncols=3,
            frameon=False,
        )
        if not nodes:
            axes.text(0, 0, "no events", ha="center", color=GREY)
        return figure


def _layout(nodes: Sequence[NetworkNode]) -> dict[str, tuple[float, float]]:
    position: dict[str, tuple[float, float]] = {}
    partners = [node for node in nodes if node.kind not in ("focal", "framework")]
    frameworks = [node for node in nodes if node.kind == "framework"]
    for node in nodes:
        if node.kind == "focal":
            position[node.code] = (0.0, 0.0)
    for ring, radius, turn in ((partners, 1.05, 0.0), (frameworks, 1.7, 0.5)):
        for index, node in enumerate(ring):
            angle = math.pi / 2 - 2 * math.pi * (index + turn) / max(len(ring), 1)
            position[node.code] = (radius * math.cos(angle), radius * math.sin(angle))
    return position
