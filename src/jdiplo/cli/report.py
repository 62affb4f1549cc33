"""`jdiplo report`: the brief of a period as one self-contained HTML page (or its JSON)."""

from __future__ import annotations

from typing import Annotated, TextIO, cast

import typer

from jdiplo.cli.options import (
    AsOfOption,
    NoSourcesOption,
    as_of_day,
    build_query,
    choose_format,
    deliveries,
    filter_options,
    format_option,
    open_records,
    output_target,
)
from jdiplo.query import Filters
from jdiplo.render import report_formats

FORMATS = report_formats("brief")


@filter_options()
def run(
    ctx: typer.Context,
    filters: Filters,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE ('-': stdout)."
        ),
    ] = "-",
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="At most N events (the earliest)."),
    ] = None,
    format_name: Annotated[str | None, format_option(FORMATS, "default: html")] = None,
    as_of: AsOfOption = None,
    no_sources: NoSourcesOption = False,
) -> None:
    """The brief of a period: one self-contained HTML page to send.

    The digest with its sources, a timeline (events known only to the month or year drawn
    over the whole month or year), events by partner and month, the temperature of each
    relationship (each partner's mean PLOVER intensity by month: derived codings, never facts
    from a source), who met whom (with the number of events), counts, firsts, and the
    announced steps overdue, still to fall due or delivered (as of today or --as-of). The
    page loads nothing from anywhere (a content security policy forbids it), has no
    JavaScript, prints well, and gives every chart as a table too. Every filter of `list`
    applies.

    \b
    Examples:
      jdiplo report --month 2024-07 -o july-2024.html
      jdiplo report --period 2024Q3 --partner ROK -o rok.html
      jdiplo report --month 2024-07 --as-of 2024-08-01 --no-sources -o bare.html
      jdiplo report --month 2024-07 --format json | jq '.edges[] | select(.weight > 2)'
      jdiplo report --period 2024 --format json | jq '.temperature.rows[] | select(.count > 3)'
    """
    from jdiplo.outputs import open_output
    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import Output
    from jdiplo.reports.brief import brief

    today = as_of_day(ctx, as_of)
    query = build_query(ctx, filters, limit=limit, today=today)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="html", pipe="html")
    target = output_target(ctx, output, "--output")
    records = open_records(ctx)
    events = records.stored(query)
    report = brief(
        events, records.registry, intersection(query.periods), records.matching(query, events),
        today=today, delivered=deliveries(ctx, records, events), sources=not no_sources,
    )  # fmt: skip
    with open_output(target) as stream:
        write_report(report, chosen, Output(cast("TextIO", stream)))
