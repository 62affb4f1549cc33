"""`jdiplo export --to FORMAT`: the selected events in the format of another tool."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import (
    LimitOption,
    SortOption,
    build_query,
    filter_options,
    open_records,
    output_target,
)
from jdiplo.query import Filters

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.partners import Registry

# (jdiplo.export is imported only when the command runs; its names are repeated here for help.)
FORMATS = ("plover", "timelinejs", "csl-json", "csv-long", "tsv-long", "parquet", "jsonl")
GROUPS = ("partner", "kind")


@filter_options()
def run(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="FORMAT",
            help=f"{', '.join(FORMATS)}.",
            autocompletion=lambda: list(FORMATS),
            show_default=False,
        ),
    ],
    filters: Filters,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically; a pipe or device is streamed); - for stdout.",
        ),
    ] = "-",
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="BY",
            help="timelinejs: group slides by lead partner (default) or kind.",
            autocompletion=lambda: list(GROUPS),
        ),
    ] = None,
    sort: SortOption = "date",
    limit: LimitOption = None,
) -> None:
    """Export events for other tools: event data, timelines, citations, tables.

    Every filter of `jdiplo list` selects the events. PLOVER codes (event type, mode,
    contexts, intensity) are derived from each record unless it has its own `coding`, and are
    marked as such (docs/interop.md has the mapping and the manual's reasons).

    \b
    Formats:
      plover      PLOVER JSONL: ISO 3166 codes, event, mode, context, quad_code, event_scale
      timelinejs  TimelineJS3 JSON for a presentation (--group partner|kind)
      csl-json    the sources cited, as CSL-JSON for Zotero and pandoc --citeproc
      csv-long    one row per event and partner, scalar cells (tsv-long: tab-separated)
      parquet     typed columns for DuckDB and pandas (pip install 'jdiplo[parquet]')
      jsonl       the records, as list --format jsonl (what jdiplo import reads back)

    \b
    Examples:
      jdiplo export --to plover --partner ROK > rok.plover.jsonl
      jdiplo export --to timelinejs --period 2024 --group kind -o timeline.json
      jdiplo export --to csl-json -o sources.json && pandoc --citeproc --bibliography sources.json
      jdiplo export --to csv-long --period 2024 -o events-by-partner.csv
      jdiplo export --to parquet -o events.parquet && duckdb -c "FROM 'events.parquet'"
      jdiplo export --to jsonl | jdiplo --records ../other/records import - --from jsonl
    """
    from jdiplo.export import ExportContext, check_available, write
    from jdiplo.problems import did_you_mean

    if to not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {to!r}{did_you_mean(to, FORMATS)}; choose from {', '.join(FORMATS)}",
            ctx=ctx,
            param_hint="--to",
        )
    if group is not None and to != "timelinejs":
        raise typer.BadParameter("--group is for --to timelinejs", ctx=ctx, param_hint="--group")
    if group is not None and group not in GROUPS:
        raise typer.BadParameter(
            f"unknown group {group!r}; choose from {', '.join(GROUPS)}",
            ctx=ctx,
            param_hint="--group",
        )
    query = build_query(ctx, filters, sort, limit)
    target = output_target(ctx, output, "-o")
    binary = to == "parquet"
    if binary and target.path is None and _stdout_is_terminal():
        raise typer.BadParameter(
            "parquet is binary: name a file with -o FILE, or pipe it", ctx=ctx, param_hint="-o"
        )
    check_available(to)
    records = open_records(ctx)
    events = records.select(query)
    if to == "plover":
        _note_missing_iso3(events, records.registry)
    context = ExportContext(to, records.registry, group=group or "partner")
    from jdiplo.outputs import open_output

    with open_output(target, binary=binary) as stream:
        write(events, context, stream)


def _stdout_is_terminal() -> bool:
    from jdiplo.render.console import stdout_output

    return stdout_output().terminal


def _note_missing_iso3(events: list[Event], registry: Registry) -> None:
    from jdiplo.export.plover import missing_iso3

    missing = missing_iso3(events, registry)
    if missing:
        typer.echo(
            f"jdiplo: no ISO 3166 code (iso3 in partners.yaml) for {', '.join(missing)}: "
            "PLOVER gets their jdiplo codes",
            err=True,
        )
