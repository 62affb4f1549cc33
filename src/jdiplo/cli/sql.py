"""`jdiplo sql`: read-only SQL over the index (its schema is in docs/index.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from jdiplo.cli.options import choose_format, format_option, open_records

FORMATS = ("table", "plain", "json", "jsonl", "csv", "tsv", "md")


def run(
    ctx: typer.Context,
    statement: Annotated[
        str, typer.Argument(metavar="SQL", help="One statement that reads: SELECT or WITH.")
    ],
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, plain on a pipe")
    ] = None,
) -> None:
    """Query the index with SQL. Tables: events, event_partners, event_frameworks,
    event_domains, event_tags, event_related, event_fulfils, files (see docs/index.md).
    Statements that would write are refused: the YAML files are the records; the index is
    only derived from them.

    \b
    Examples:
      jdiplo sql "SELECT kind, count(*) AS events FROM events GROUP BY kind ORDER BY 2 DESC"
      jdiplo sql "SELECT code, count(*) FROM event_partners GROUP BY code" --format csv
      jdiplo sql "SELECT id, title FROM events WHERE first_day >= '2024-07-20'" -F jsonl
      jdiplo sql "SELECT json_extract(record, '$.amount.usd') AS usd, id FROM events
                  WHERE kind = 'arms-transfer'"
    """
    from jdiplo.index import ReadOnlyRefused
    from jdiplo.problems import UsageError
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.sql import query_result
    from jdiplo.store import sql_index

    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    index = sql_index(open_records(ctx))
    try:
        columns, rows = index.read_only_query(statement)
    except ReadOnlyRefused as refused:
        raise UsageError(str(refused)) from None
    write_report(query_result(columns, rows), chosen, stdout_output())
