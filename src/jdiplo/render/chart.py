"""Charts of a summary in the terminal (`summary --chart`): a heatmap for two dimensions
(partner x month: rows are the first dimension, columns the second), bars for one.

Readable without colour: every heatmap cell shows its count after a shade character that grows
with it (░ ▒ ▓ █; `·` for none), and bars are drawn with characters; colour, when allowed, only
repeats what the shades say. Rows are labelled by code (ROK), as in tables.

A heatmap wider than the terminal is turned over (the second dimension down) when that fits,
else split into blocks of columns, each headed by the columns it holds: a cell is never left
out, so `·` always means no event.
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
BAR_WIDTH = 40


def shade(count: int, maximum: int) -> int:
    """Which of the four shades a count gets: quarters of the largest count, rounded up."""
    if count <= 0 or maximum <= 0:
        raise ValueError("only positive counts have a shade")
    return min(len(SHADES), math.ceil(len(SHADES) * count / maximum)) - 1


def chart(summary: Summary, width: int | None = None) -> list[RenderableType]:
    """The chart of a summary of one or two dimensions, with its title and legend; a heatmap
    fits in `width` columns (None: as wide as it needs) as the module's notes say."""
    from rich.text import Text

    if len(summary.by) not in (1, 2):
        raise ValueError("a chart shows one or two dimensions")
    title = Text(summary_title(summary), style="bold")
    if not summary.rows:
        return [title, Text("no events to chart")]
    if len(summary.by) == 1:
        return [title, _bars(summary)]
    legend = _legend(max(summary.cells().values(), default=0))
    if width is None or measure([_heatmap(summary)]) <= width:
        return [title, _heatmap(summary), legend]
    turned = summary.transposed()
    if measure([_heatmap(turned)]) <= width:
        note = f"(turned over to fit the terminal: {turned.by[0]} down, {turned.by[1]} across)"
        return [title, Text(note, style="dim italic"), _heatmap(turned), legend]
    return [title, *_heatmap_blocks(summary, width), legend]


def _heatmap_blocks(summary: Summary, width: int) -> list[RenderableType]:
    """The heatmap in blocks of columns, each as wide as fits, each after a line naming them."""
    from rich.text import Text

    columns = summary.values(1)
    items: list[RenderableType] = []
    start = 0
    while start < len(columns):
        end = start + 1
        while (
            end < len(columns) and measure([_heatmap(summary, columns[start : end + 1])]) <= width
        ):
            end += 1
        shown = f"{summary.by[1]} {key_text(columns[start])}" + (
            f" to {key_text(columns[end - 1])}" if end - start > 1 else ""
        )
        note = f"({shown}: {end - start} of {len(columns)} columns, split to fit the terminal)"
        items += [Text(note, style="dim italic"), _heatmap(summary, columns[start:end])]
        start = end
    return items


def _heatmap(summary: Summary, columns: list[str | None] | None = None) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = summary.cells()
    maximum = max(cells.values(), default=0)
    width = len(str(maximum)) + 2
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(Text(summary.by[0]), no_wrap=True)
    columns = summary.values(1) if columns is None else columns
    for column in columns:
        table.add_column(Text(key_text(column)), justify="right", no_wrap=True, min_width=width)
    for row in summary.values(0):
        table.add_row(
            Text(key_text(row)),
            *(_cell(cells.get((row, column), 0), maximum) for column in columns),
        )
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


def write_summary(summary: Summary, format_name: str, out: Output) -> None:
    console = rich_console(out)
    items = chart(summary, console.width if out.terminal else None)
    if not out.terminal:  # a file or a pipe: as wide as the chart needs, never cropped
        console.width = max(console.width, measure(items))
    for item in items:
        console.print(item)
