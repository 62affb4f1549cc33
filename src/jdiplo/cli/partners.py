"""`jdiplo partners`: the partner registry with event counts and the latest event."""

from __future__ import annotations

from typing import Annotated

import typer

from jdiplo.cli.options import (
    DomainOption,
    KindOption,
    LevelOption,
    MonthOption,
    PeriodOption,
    SinceOption,
    StatusOption,
    TagOption,
    TextOption,
    UntilOption,
    build_query,
    choose_format,
    filters_from,
    format_option,
    open_records,
)
from jdiplo.render import report_formats

FORMATS = report_formats("partners")


def run(
    ctx: typer.Context,
    month: MonthOption = None,
    period: PeriodOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    domain: DomainOption = None,
    status: StatusOption = None,
    level: LevelOption = None,
    tag: TagOption = None,
    text: TextOption = None,
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
    parameters = dict(locals())  # the options as given, before any other name

    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.partners import partner_table

    filters = filters_from(parameters)
    query = build_query(ctx, filters)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    records = open_records(ctx)
    table = partner_table(records.select(query), records.registry, intersection(query.periods))
    write_report(table, chosen, stdout_output())
