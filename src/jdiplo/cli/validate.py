"""`jdiplo validate`: check every record file and report each problem at path:line:col."""

from __future__ import annotations

import typer

from jdiplo.cli.options import open_records


def run(ctx: typer.Context) -> None:
    """Check the records: syntax, fields, vocabularies, partner codes, duplicate and related
    ids, and that every quote occurs in its source file.

    Prints `OK: N events in M files`, or each problem as path:line:col: message (exit 1).

    \b
    Examples:
      jdiplo validate
      jdiplo --records ~/notes/records validate
    """
    records = open_records(ctx)
    events, files = records.count(), len(records.files)
    typer.echo(f"OK: {events} event{'s' * (events != 1)} in {files} file{'s' * (files != 1)}")
