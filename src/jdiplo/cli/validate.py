"""`jdiplo validate`: check every record file and report each problem at path:line:col."""

from __future__ import annotations

import typer

from jdiplo.cli.options import note, records_dir, settings


def run(ctx: typer.Context) -> None:
    """Check the records: syntax, fields, vocabularies, partner codes, duplicate and related
    ids, and that every quote occurs in its source file.

    Prints `OK: N events in M files`, or each problem as path:line:col: message (exit 1).
    A person the people registry does not know is a warning on stderr (with a did-you-mean),
    not a problem: a first mention stays easy. An index that exists is brought up to date;
    without one, none is built.

    \b
    Examples:
      jdiplo validate
      jdiplo --records ~/notes/records validate
    """
    from jdiplo.problems import shown_problems
    from jdiplo.render.console import Progress, escape_control
    from jdiplo.store import validate

    directory = records_dir(ctx)
    progress = Progress("checking records")
    try:
        found = validate(directory, progress, settings(ctx).cache, note)
    finally:
        progress.close()
    for line in shown_problems(found.warnings, directory):
        typer.echo(escape_control(line), err=True)
    if found.unsaid:
        more = "more person" if found.unsaid == 1 else "more people"
        typer.echo(
            f"jdiplo: and {found.unsaid} {more} not in the people registry (jdiplo people "
            "lists them)",
            err=True,
        )
    events, files = found.events, found.files
    typer.echo(f"OK: {events} event{'s' * (events != 1)} in {files} file{'s' * (files != 1)}")
