"""`jdiplo fmt`: rewrite record files in the canonical layout, keeping every comment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jdiplo.cli.options import records_dir_to_write, shown_path, usage_errors


def run(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Record files or folders in the records directory (default: all of them).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing: list the files that would change, and exit 1 if any."
        ),
    ] = False,
) -> None:
    """Format record files: the documented key order, events sorted by date then id, two-space
    indentation, quotes only where needed, one blank line between events. Comments stay with
    what they describe. Files with problems are left alone (their problems are shown, exit 1).

    Prints the files it changed (with --check: would change), one a line.

    \b
    Examples:
      jdiplo fmt
      jdiplo fmt records/2024/2024-07.yaml
      jdiplo fmt --check || echo "run jdiplo fmt"
    """
    from jdiplo.authoring.fmt import format_records, record_files
    from jdiplo.problems import RecordsInvalid

    directory = records_dir_to_write(ctx)
    selected = usage_errors(ctx, lambda: record_files(directory, paths)) if paths else None
    outcome = format_records(directory, selected, check)
    for relative in outcome.changed:
        typer.echo(shown_path(directory / relative))
    if outcome.problems:
        raise RecordsInvalid(outcome.problems)
    if check and outcome.changed:
        raise typer.Exit(1)
