"""`jdiplo validate`: check every record file and report each problem at path:line:col."""

from __future__ import annotations

import typer

from jdiplo.cli.options import note, records_dir, settings


def run(ctx: typer.Context) -> None:
    """Check the records: syntax, fields, vocabularies, partner codes, duplicate and related
    ids, and that every quote occurs in its source file.

    Prints `OK: N events in M files`, or each problem as path:line:col: message (exit 1).
    An index that exists is brought up to date; without one, none is built.

    \b
    Examples:
      jdiplo validate
      jdiplo --records ~/notes/records validate
    """
    from jdiplo.render.console import Progress
    from jdiplo.store import validate

    progress = Progress("checking records")
    try:
        events, files = validate(records_dir(ctx), progress, settings(ctx).cache, note)
    finally:
        progress.close()
    typer.echo(f"OK: {events} event{'s' * (events != 1)} in {files} file{'s' * (files != 1)}")
