"""`jdiplo summary`: counts by partner, kind, domain, level, framework, month or year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import (
    build_query,
    choose_format,
    filter_options,
    format_option,
    open_records,
    output_target,
)
from jdiplo.query import Filters

if TYPE_CHECKING:
    from jdiplo.outputs import OutputTarget
    from jdiplo.reports.summary import Summary
from jdiplo.render import report_formats
from jdiplo.vocabularies import DIMENSIONS

FORMATS = report_formats("summary")


@filter_options()
def run(
    ctx: typer.Context,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            "-b",
            metavar="DIMENSION",
            help=(
                f"{', '.join(DIMENSIONS)}; repeat for a cross table "
                "(default: partner; with --chart, partner and month)."
            ),
            autocompletion=lambda: list(DIMENSIONS),
        ),
    ] = None,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="Draw a heatmap (two dimensions) or bars (one) instead of a table.",
        ),
    ] = False,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Also save the chart (bars or heatmap) as an SVG file, self-contained.",
        ),
    ] = None,
    png: Annotated[
        str | None,
        typer.Option("--png", metavar="FILE", help="Also save the chart as a PNG file."),
    ] = None,
    measure: Annotated[
        str,
        typer.Option(
            "--measure",
            metavar="MEASURE",
            help="count (default), or intensity: also the sum and mean of PLOVER intensities.",
            autocompletion=lambda: ["count", "intensity"],
        ),
    ] = "count",
    statistic: Annotated[
        str | None,
        typer.Option(
            "--statistic",
            metavar="STATISTIC",
            help="What a chart of --measure intensity draws: mean (default) or sum.",
            autocompletion=lambda: ["mean", "sum"],
        ),
    ] = None,
    *,
    filters: Filters,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, plain on a pipe")
    ] = None,
) -> None:
    """Count events by one or more dimensions; several --by make a cross table.

    An event counts once per partner, domain and framework it lists, once for its kind, level,
    month and year (those of its date as written: an event dated 2024 counts under 2024).
    --svg and --png save a chart for documents (bars for one dimension, a heatmap for two),
    drawn with matplotlib; the same counts give the same bytes. With --measure intensity, a
    chart draws each cell's mean PLOVER intensity (--statistic sum: the sum), a coding
    derived from the records and never a fact from a source; a cell whose events have no
    coding shows no value.

    \b
    Examples:
      jdiplo summary --by partner
      jdiplo summary --by partner --by month --chart
      jdiplo summary --by kind --chart --svg kinds.svg
      jdiplo summary --by partner --by month --chart --png partners.png
      jdiplo summary --by partner --by kind --period 2024 --format csv > counts.csv
      jdiplo summary --by domain --format json | jq '.rows[] | select(.count > 2)'
      jdiplo summary --by partner --by month --measure intensity
      jdiplo summary --measure intensity --chart --svg temperature.svg
      jdiplo summary --by partner --measure intensity --chart --statistic sum
    """
    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.summary import summarise

    dimensions = _dimensions(ctx, by, chart)
    if chart and format_name not in (None, "chart"):
        raise typer.BadParameter(
            f"--chart draws a chart; leave out --format {format_name}",
            ctx=ctx,
            param_hint="--format",
        )
    if measure not in ("count", "intensity"):
        raise typer.BadParameter(
            f"unknown measure {measure!r}; choose from count, intensity",
            ctx=ctx,
            param_hint="--measure",
        )
    query = build_query(ctx, filters)
    chosen = "chart" if chart else choose_format(ctx, format_name, FORMATS, "table", "plain")
    drawn = chosen == "chart" or svg is not None or png is not None
    if drawn and len(dimensions) > 2:
        raise typer.BadParameter("a chart shows one or two dimensions", ctx=ctx, param_hint="--by")
    statistic = _statistic(ctx, statistic, measure, drawn)
    svg_target = output_target(ctx, svg, "--svg") if svg is not None else None
    png_target = output_target(ctx, png, "--png") if png is not None else None
    records = open_records(ctx)
    summary = summarise(
        records.stored(query),
        dimensions,
        intersection(query.periods),
        measure=measure,
        registry=records.registry,
    )
    if chosen == "chart":
        from jdiplo.render.chart import write_summary

        write_summary(summary, chosen, stdout_output(), statistic=statistic)
    else:
        write_report(summary, chosen, stdout_output())
    if svg_target is not None or png_target is not None:
        _save_chart(summary, statistic, svg_target, png_target)


def _statistic(ctx: typer.Context, statistic: str | None, measure: str, drawn: bool) -> str:
    """What a chart of intensities draws: `mean` unless --statistic says `sum`."""
    if statistic is None:
        return "mean"
    if statistic not in ("mean", "sum"):
        raise typer.BadParameter(
            f"unknown statistic {statistic!r}; choose from mean, sum",
            ctx=ctx,
            param_hint="--statistic",
        )
    if measure != "intensity":
        raise typer.BadParameter(
            "--statistic says what a chart of intensities draws; add --measure intensity",
            ctx=ctx,
            param_hint="--statistic",
        )
    if not drawn:
        raise typer.BadParameter(
            "--statistic says what a chart draws (tables give both); add --chart, --svg or --png",
            ctx=ctx,
            param_hint="--statistic",
        )
    return statistic


def _save_chart(
    summary: Summary,
    statistic: str,
    svg_target: OutputTarget | None,
    png_target: OutputTarget | None,
) -> None:
    from jdiplo.outputs import write_output
    from jdiplo.render import figures
    from jdiplo.render.chart import chart_title

    title = chart_title(summary, statistic)
    figure = figures.summary_figure(summary, title, statistic)
    if svg_target is not None:
        description = figures.summary_description(summary, statistic)
        drawing = figures.svg(figure, "summary", title, description)
        write_output(svg_target, drawing.encode("utf-8"))
    if png_target is not None:
        write_output(png_target, figures.png(figure))


def _dimensions(ctx: typer.Context, by: list[str] | None, chart: bool) -> list[str]:
    from jdiplo.problems import did_you_mean

    for dimension in by or ():
        if dimension not in DIMENSIONS:
            raise typer.BadParameter(
                f"unknown dimension {dimension!r}{did_you_mean(dimension, DIMENSIONS)}; "
                f"choose from {', '.join(DIMENSIONS)}",
                ctx=ctx,
                param_hint="--by",
            )
    if by:
        return list(dict.fromkeys(by))
    return ["partner", "month"] if chart else ["partner"]
