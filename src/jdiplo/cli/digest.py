"""`jdiplo digest`: a period's story, or with one --partner the relationship at a glance."""

from __future__ import annotations

from typing import Annotated

import typer

from jdiplo.cli.options import (
    build_query,
    choose_format,
    filter_options,
    format_option,
    open_records,
)
from jdiplo.query import Filters
from jdiplo.render import report_formats

FORMATS = report_formats("digest")


@filter_options()
def run(
    ctx: typer.Context,
    filters: Filters,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="At most N events (the earliest)."),
    ] = None,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: text, rich on a terminal and plain on a pipe")
    ] = None,
) -> None:
    """A digest: the period's events told by partner, with highlights and counts.

    With one --partner, the relationship's digest instead: first and last contact, events by
    year and month, kinds, levels, frameworks, the people who met, the firsts, the announced
    steps still to fall due, and the full timeline. Every filter of `list` applies; nothing
    is left out unless --limit asks.

    \b
    Examples:
      jdiplo digest --month 2024-07
      jdiplo digest --month 2024-07 --format md > july.md
      jdiplo digest --partner ROK
      jdiplo digest --partner 'South Korea' --period 2024H2
      jdiplo digest --period 2024Q3 --format json | jq '.firsts[].first'
    """
    import datetime as dt

    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.digest import partner_digest, period_digest

    query = build_query(ctx, filters, limit=limit)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="text", pipe="text")
    records = open_records(ctx)
    events = records.select(query)
    matching = records.count(query)
    span = intersection(query.periods)
    if len(query.partners) == 1:
        report = partner_digest(
            events, records.registry, query.partners[0], dt.date.today(), span, matching
        )
        write_report(report, chosen, stdout_output())
    else:
        write_report(
            period_digest(events, records.registry, span, matching), chosen, stdout_output()
        )
