"""`jdiplo partners`: the partner registry with event counts and the latest event."""

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

FORMATS = report_formats("partners")

# Filter options this command leaves out.
WITHOUT = ("partner", "framework", "due")


@filter_options(without=WITHOUT)
def run(
    ctx: typer.Context,
    filters: Filters,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, plain on a pipe")
    ] = None,
) -> None:
    """The partner registry: code, name, kind, aliases, members of groupings, and for each the
    number of events and the date of the latest one (frameworks such as 2+2 are listed too).

    An event counts for a code it lists as a partner or a framework; the filters choose which
    events count. Japan, the focal party of every record, is not listed.

    \b
    Examples:
      jdiplo partners
      jdiplo partners --period 2024
      jdiplo partners --format plain | awk -F'\\t' '$4 > 0'
      jdiplo partners --format json | jq -r '.partners[] | select(.kind == "grouping") | .code'
    """
    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.partners import partner_table

    query = build_query(ctx, filters)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    records = open_records(ctx)
    table = partner_table(records.stored(query), records.registry, intersection(query.periods))
    write_report(table, chosen, stdout_output())
