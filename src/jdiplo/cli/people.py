"""`jdiplo people`: the people registry with event counts, the latest event, offices held."""

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

FORMATS = report_formats("people")


@filter_options(without=("due",))
def run(
    ctx: typer.Context,
    filters: Filters,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, plain on a pipe")
    ] = None,
) -> None:
    """The people registry: each person's canonical name, country, offices held (with dates
    when a source gives them) and other spellings, with the number of events that name them
    and the date of the latest. People that events name but the registry does not know are
    listed after it (marked *, or "registered": false), to be added to records/people.yaml.

    A name in an event counts for a person in any case and word order ("Minoru Kihara" is
    "Kihara Minoru") and under any alias; the filters choose which events count.

    \b
    Examples:
      jdiplo people
      jdiplo people --partner ROK --period 2024
      jdiplo people --format plain | awk -F'\\t' '$3 > 1'
      jdiplo people --format json | jq -r '.people[] | select(.registered | not) | .name'
    """
    from jdiplo.people import load_people
    from jdiplo.periods import intersection
    from jdiplo.problems import RecordsInvalid
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.people import people_table

    query = build_query(ctx, filters)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    records = open_records(ctx)
    people, problems = load_people(records.records_dir, records.registry)
    if problems:
        raise RecordsInvalid(problems)
    table = people_table(records.stored(query), people, intersection(query.periods))
    write_report(table, chosen, stdout_output())
