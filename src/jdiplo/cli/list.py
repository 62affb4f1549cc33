"""`jdiplo list`: the events that match the filters, in any output format."""

from __future__ import annotations

from typing import Annotated

import typer

from jdiplo.cli.options import (
    AsOfOption,
    LimitOption,
    SortOption,
    as_of_day,
    build_query,
    choose_format,
    filter_options,
    format_option,
    open_records,
)
from jdiplo.query import Filters

FORMATS = ("table", "plain", "json", "jsonl", "csv", "tsv", "ids", "md")


@filter_options()
def run(
    ctx: typer.Context,
    filters: Filters,
    sort: SortOption = "date",
    limit: LimitOption = None,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, plain on a pipe")
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """List events: filters combine with AND, a repeated option with OR.

    \b
    Examples:
      jdiplo list --partner ROK
      jdiplo list --month 2024-07 --kind meeting --level ministerial
      jdiplo list --status announced --due 2025
      jdiplo list --period 2024Q3 --format jsonl | jq -r .title
      jdiplo list --partner 'South Korea' --format ids | jdiplo show -
      jdiplo list --overdue
      jdiplo list --plover-type COOPERATE --quad material-cooperation
    """
    from jdiplo.render import RECORD_FORMATS, write_events, write_printed
    from jdiplo.render.console import stdout_output

    query = build_query(ctx, filters, sort, limit, today=as_of_day(ctx, as_of))
    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    records = open_records(ctx, answering=query)
    if chosen in RECORD_FORMATS:  # the records alone: nothing else is read
        write_printed(records.records(query), chosen, stdout_output())
    else:
        write_events(records.listing(query), chosen, stdout_output())
