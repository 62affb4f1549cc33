"""Charts of a summary in the terminal (`summary --chart`): a heatmap for two dimensions
(partner x month: rows are the first dimension, columns the second), bars for one.

Readable without colour: every heatmap cell shows its count after a shade character that grows
with it (░ ▒ ▓ █; `·` for none), and bars are drawn with characters; colour, when allowed, only
repeats what the shades say. Rows are labelled by code (ROK), as in tables.

A heatmap wider than the terminal is turned over (the second dimension down) when that fits,
else split into blocks of columns, each headed by the columns it holds: a cell is never left
out, so `·` always means no event.

A summary of the measure `intensity` draws each cell's mean PLOVER intensity (or its sum,
`statistic`), the title saying which and that these are codings, not facts from a source: the
value after a shade that grows with its distance from 0 (on the PLOVER scores' scale of ±10
for means), warm colours for cooperation (above 0), cool ones for conflict (below), the sign
in the number. A cell whose events have no coding shows `○` and no value, never 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from jdiplo.render.console import Output, rich_console
from jdiplo.render.text import key_text, measure, summary_title

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from jdiplo.reports.summary import Summary

SHADES = "░▒▓█"
_COLOURS = ("color(117)", "color(75)", "color(33)", "bold color(21)")
_WARM = ("color(217)", "color(209)", "color(203)", "bold color(160)")
BAR_WIDTH = 40
STATISTICS = ("mean", "sum")
UNCODED = "○"


def chart_title(summary: Summary, statistic: str = "mean") -> str:
    """The title of a summary's chart: what it counts, and for intensities which statistic
    it draws and that these are codings."""
    import dataclasses

    if summary.measure != "intensity":
        return summary_title(summary)
    counted = summary_title(dataclasses.replace(summary, measure="count"))
    return f"{counted} · {statistic} PLOVER intensity (derived codings, not facts from a source)"


def intensity_shade(value: float, limit: float) -> int:
    """Which of the four shades an intensity gets: quarters of `limit` away from 0, rounded up
    (beyond `limit`, the darkest)."""
    if value == 0 or limit <= 0:
        raise ValueError("only intensities other than 0 have a shade")
    return min(len(SHADES), math.ceil(len(SHADES) * abs(value) / limit)) - 1


def shade(count: int, maximum: int) -> int:
    """Which of the four shades a count gets: quarters of the largest count, rounded up."""
    if count <= 0 or maximum <= 0:
        raise ValueError("only positive counts have a shade")
    return min(len(SHADES), math.ceil(len(SHADES) * count / maximum)) - 1


def chart(
    summary: Summary, width: int | None = None, statistic: str = "mean"
) -> list[RenderableType]:
    """The chart of a summary of one or two dimensions, with its title and legend; a heatmap
    fits in `width` columns (None: as wide as it needs) as the module's notes say. For the
    measure `intensity`, it draws each cell's `statistic`: `mean` or `sum`."""
    from rich.text import Text

    if len(summary.by) not in (1, 2):
        raise ValueError("a chart shows one or two dimensions")
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {', '.join(STATISTICS)}: got {statistic!r}")
    title = Text(chart_title(summary, statistic), style="bold")
    if not summary.rows:
        return [title, Text("no events to chart")]
    intensity = summary.measure == "intensity"
    if len(summary.by) == 1:
        return [title, _intensity_bars(summary, statistic) if intensity else _bars(summary)]
    drawn = statistic if intensity else None  # what the cells show: intensities, or counts
    if intensity:
        legend = _intensity_legend(summary, statistic)
    else:
        legend = _legend(max(summary.cells().values(), default=0))
    draw = _Cells(summary, drawn)
    if width is None or measure([_heatmap(summary, draw)]) <= width:
        return [title, _heatmap(summary, draw), legend]
    turned = summary.transposed()
    turned_draw = _Cells(turned, drawn)
    if measure([_heatmap(turned, turned_draw)]) <= width:
        note = f"(turned over to fit the terminal: {turned.by[0]} down, {turned.by[1]} across)"
        return [title, Text(note, style="dim italic"), _heatmap(turned, turned_draw), legend]
    return [title, *_heatmap_blocks(summary, draw, width), legend]


class _Cells:
    """The text of each cell of a heatmap: its count, or (with a `statistic`) its intensity."""

    def __init__(self, summary: Summary, statistic: str | None = None) -> None:
        from jdiplo.render.figures import intensity_scale, intensity_value
        from jdiplo.render.text import number_text

        self.statistic = statistic
        self.counts = summary.cells()
        self.maximum = max(self.counts.values(), default=0)
        self.values: dict[tuple[str | None, ...], float | None] = {}
        self.limit = 1.0
        self.texts: dict[tuple[str | None, ...], str] = {}
        if statistic is not None:
            self.limit = intensity_scale(summary, statistic)
            for keys, row in summary.intensity_cells().items():
                value = intensity_value(row, statistic)
                self.values[keys] = value
                self.texts[keys] = "" if value is None else number_text(value)
        longest = max((len(text) for text in self.texts.values()), default=0)
        self.width = (longest if statistic is not None else len(str(self.maximum))) + 2

    def __call__(self, row: str | None, column: str | None) -> Text:
        from rich.text import Text

        if self.statistic is None:
            return _cell(self.counts.get((row, column), 0), self.maximum)
        if (row, column) not in self.values:
            return Text("·", style="dim")
        value = self.values[(row, column)]
        if value is None:  # events, none coded: no value
            return Text(UNCODED, style="dim")
        text = self.texts[(row, column)]
        if value == 0:
            return Text(text)
        level = intensity_shade(value, self.limit)
        colour = (_WARM if value > 0 else _COLOURS)[level]
        return Text(f"{SHADES[level]} {text}", style=colour)


def _heatmap_blocks(summary: Summary, draw: _Cells, width: int) -> list[RenderableType]:
    """The heatmap in blocks of columns, each as wide as fits, each after a line naming them."""
    from rich.text import Text

    columns = summary.values(1)
    items: list[RenderableType] = []
    start = 0
    while start < len(columns):
        end = start + 1
        while (
            end < len(columns)
            and measure([_heatmap(summary, draw, columns[start : end + 1])]) <= width
        ):
            end += 1
        shown = f"{summary.by[1]} {key_text(columns[start])}" + (
            f" to {key_text(columns[end - 1])}" if end - start > 1 else ""
        )
        note = f"({shown}: {end - start} of {len(columns)} columns, split to fit the terminal)"
        items += [Text(note, style="dim italic"), _heatmap(summary, draw, columns[start:end])]
        start = end
    return items


def _heatmap(
    summary: Summary,
    draw: _Cells,
    columns: list[str | None] | None = None,
) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(Text(summary.by[0]), no_wrap=True)
    columns = summary.values(1) if columns is None else columns
    for column in columns:
        table.add_column(
            Text(key_text(column)), justify="right", no_wrap=True, min_width=draw.width
        )
    for row in summary.values(0):
        table.add_row(Text(key_text(row)), *(draw(row, column) for column in columns))
    return table


def _cell(count: int, maximum: int) -> Text:
    from rich.text import Text

    if count == 0:
        return Text("·", style="dim")
    level = shade(count, maximum)
    return Text(f"{SHADES[level]} {count}", style=_COLOURS[level])


def _legend(maximum: int) -> Text:
    from rich.text import Text

    legend = Text("shades: ", style="dim")
    for level, character in enumerate(SHADES):
        legend.append(character, style=_COLOURS[level])
        legend.append(" ")
    legend.append(f"fewer to more events, up to {maximum} in a cell; · none", style="dim")
    return legend


def _intensity_legend(summary: Summary, statistic: str) -> Text:
    from rich.text import Text

    from jdiplo.render.figures import intensity_scale
    from jdiplo.render.text import number_text

    limit = number_text(intensity_scale(summary, statistic))
    legend = Text("shades: ", style="dim")
    for level, character in enumerate(SHADES):
        legend.append(character, style=_WARM[level])
        legend.append(" ")
    legend.append(
        f"further from 0, up to ±{limit}; above 0 cooperation (warm), below 0 conflict (cool); "
        f"· no event; {UNCODED} events, none coded (no value)",
        style="dim",
    )
    return legend


def _intensity_bars(summary: Summary, statistic: str) -> RenderableType:
    """One bar per key, its length the intensity's distance from 0 on the scale of the
    heatmaps: to the right for cooperation; below 0 (conflict) to the left of an axis."""
    from rich.table import Table
    from rich.text import Text

    from jdiplo.render.figures import intensity_scale, intensity_value
    from jdiplo.render.text import number_text

    limit = intensity_scale(summary, statistic)
    values = [intensity_value(row, statistic) for row in summary.rows]
    negative = any(value is not None and value < 0 for value in values)
    width = BAR_WIDTH // 2 if negative else BAR_WIDTH
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    if negative:
        grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for row, value in zip(summary.rows, values, strict=True):
        if value is None:  # events, none coded: no bar, no value
            left, right, number = Text(""), Text(f"{UNCODED} none coded", style="dim"), ""
        else:
            length = max(1, round(width * min(abs(value), limit) / limit)) if value else 0
            colour = (_WARM if value > 0 else _COLOURS)[
                intensity_shade(value, limit) if value else 0
            ]
            bar = Text("█" * length, style=colour)
            left, right = (bar, Text("")) if value < 0 else (Text(""), bar)
            number = number_text(value)
        shown = [left, right] if negative else [right]
        grid.add_row(Text(key_text(row.keys[0])), *shown, Text(number))
    return grid


def _bars(summary: Summary) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    maximum = max((row.count for row in summary.rows), default=0)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for row in summary.rows:
        length = max(1, round(BAR_WIDTH * row.count / maximum)) if maximum else 0
        grid.add_row(
            Text(key_text(row.keys[0])),
            Text("█" * length, style=_COLOURS[shade(row.count, maximum)]),
            Text(str(row.count)),
        )
    return grid


# The renderer functions (render.REPORT_FORMATS)


def write_summary(
    summary: Summary, format_name: str, out: Output, *, statistic: str = "mean"
) -> None:
    """The chart of `summary` (for intensities, of their `statistic`: `mean` or `sum`)."""
    console = rich_console(out)
    items = chart(summary, console.width if out.terminal else None, statistic)
    if not out.terminal:  # a file or a pipe: as wide as the chart needs, never cropped
        console.width = max(console.width, measure(items))
    for item in items:
        console.print(item)
