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
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.001,
            help="Stop the statement after so many seconds (Ctrl-C stops it at any time).",
        ),
    ] = None,
) -> None:
    """Query the index with SQL. Tables: events, event_partners, event_frameworks,
    event_domains, event_tags, event_related, event_fulfils, event_people, event_text, files
    (see docs/index.md). Statements that would write are refused: the YAML files are the
    records; the index is only derived from them. Rows stream as they are read; json_each and
    json_tree expand the lists inside records; columns with the same name are suffixed _2, _3...

    \b
    Examples:
      jdiplo sql "SELECT kind, count(*) AS events FROM events GROUP BY kind ORDER BY 2 DESC"
      jdiplo sql "SELECT code, count(*) FROM event_partners GROUP BY code" --format csv
      jdiplo sql "SELECT id, title FROM events WHERE first_day >= '2024-07-20'" -F jsonl
      jdiplo sql "SELECT e.id, p.value ->> 'name' AS person
                  FROM events e, json_each(e.record, '$.people') p"
    """
    from jdiplo.index.readonly import StatementRefused, StatementStopped, run
    from jdiplo.problems import JdiploError, UsageError
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.sql import query_result

    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="plain")
    index = open_records(ctx).index
    try:
        rows = run(index, statement, timeout)
        write_report(query_result(rows.columns, rows.rows), chosen, stdout_output())
    except StatementRefused as refused:
        raise UsageError(str(refused)) from None
    except StatementStopped as stopped:
        raise JdiploError(str(stopped)) from None
