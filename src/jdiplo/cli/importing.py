"""`jdiplo import FILE --from FORMAT`: events from JSON, JSONL, CSV or PLOVER into the records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import records_dir_to_write, shown_path, store

if TYPE_CHECKING:
    from jdiplo.export.readers import Imported
    from jdiplo.partners import Registry

FORMATS = ("jsonl", "json", "csv", "plover")
CONFLICTS = ("error", "skip", "rename")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}


def run(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The file to import; - reads stdin.", show_default=False
        ),
    ],
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FORMAT",
            help=f"{', '.join(FORMATS)} (default: from the file's suffix).",
            autocompletion=lambda: list(FORMATS),
            show_default=False,
        ),
    ] = None,
    on_conflict: Annotated[
        str,
        typer.Option(
            "--on-conflict",
            metavar="ACTION",
            help="An id already in the records: error (default), skip the row, or rename it.",
            autocompletion=lambda: list(CONFLICTS),
        ),
    ] = "error",
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate",
            help="Import rows that look like recorded events (same date, partners and a "
            "similar title, or the same quote of the same source).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "-n", help="Print the YAML that would be added; write nothing."),
    ] = False,
) -> None:
    """Import events from another file, checked against the whole record set.

    Every row is checked (fields, codes, ids, related ids, quotes in their source files)
    before anything is written; on any problem nothing is written and each problem is
    printed as FILE:LINE: message. Partner and country names and aliases become codes; rows
    without an id get one as `jdiplo add` gives them; rows that look like recorded events are
    refused unless --allow-duplicate. Events go into YYYY/YYYY-MM.yaml in date
    order; nothing else in the files changes. The ids of the imported events are printed.

    \b
    Formats:
      jsonl   one record a line (jdiplo list --format jsonl, jdiplo export --to jsonl)
      json    an array of records (jdiplo list --format json), or one record
      csv     a header of field names (jdiplo list --format csv, a spreadsheet): lists
              joined with ';', people as 'Name|Role|CC; ...', place 'Name|CC', amount
              'VALUE|CUR|USD', one source from source_url ... quote columns
      plover  PLOVER JSONL with Japan among the parties and a quote for each source

    \b
    Examples:
      jdiplo import colleague.jsonl
      jdiplo import events.csv --dry-run
      jdiplo import shared.json --from json --on-conflict skip
      jdiplo export --to plover --partner ROK | jdiplo import - --from plover --on-conflict rename
    """
    from jdiplo.problems import did_you_mean

    format_name = from_format or _SUFFIXES.get(Path(file).suffix.lower())
    if format_name is None:
        raise typer.BadParameter(
            f"name the format of {file} with --from ({', '.join(FORMATS)})",
            ctx=ctx,
            param_hint="--from",
        )
    if format_name not in FORMATS:
        message = f"unknown format {format_name!r}{did_you_mean(format_name, FORMATS)}"
        raise typer.BadParameter(
            f"{message}; choose from {', '.join(FORMATS)}", ctx=ctx, param_hint="--from"
        )
    if on_conflict not in CONFLICTS:
        raise typer.BadParameter(
            f"unknown action {on_conflict!r}; choose from {', '.join(CONFLICTS)}",
            ctx=ctx,
            param_hint="--on-conflict",
        )
    directory = records_dir_to_write(ctx)
    name, text = _read(ctx, file)
    registry = store(ctx).registry
    imported = _import(
        directory, name, text, format_name, registry, on_conflict, dry_run, allow_duplicate
    )
    _report(imported, directory, dry_run)


def _read(ctx: typer.Context, file: str) -> tuple[str, str]:
    from jdiplo.plainyaml import decode
    from jdiplo.problems import RecordsInvalid

    if file == "-":
        name, data = "<stdin>", sys.stdin.buffer.read()
    else:
        name = file
        path = Path(file)
        if path.is_dir():
            raise typer.BadParameter(f"{file} is a folder; name a file", ctx=ctx, param_hint="FILE")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise typer.BadParameter(
                f"cannot read {file}: {error.strerror}", ctx=ctx, param_hint="FILE"
            ) from None
    text, problem = decode(data, name)
    if problem is not None:
        raise RecordsInvalid([problem])
    return name, text


def _import(
    directory: Path,
    name: str,
    text: str,
    format_name: str,
    registry: Registry,
    on_conflict: str,
    dry_run: bool,
    allow_duplicate: bool,
) -> Imported:
    from jdiplo.export.readers import import_rows, read_rows

    found = read_rows(text, name, format_name, registry)
    return import_rows(directory, found, on_conflict, dry_run, allow_duplicate)


def _report(imported: Imported, directory: Path, dry_run: bool) -> None:
    from jdiplo.render.console import escape_control, stdout_output

    out = stdout_output()
    added = imported.plan.added
    for number, item in enumerate(added):
        if dry_run:
            out.write(("\n" if number else "") + item.text)
        else:
            out.write(item.event.id + "\n")
    files = sorted({shown_path(directory / item.relative) for item in added})
    verb = "would import" if dry_run else "imported"
    note = f"{verb} {len(added)} event{'s' if len(added) != 1 else ''}"
    if files:
        note += f" into {', '.join(files)}"
    if imported.skipped:
        note += f"; skipped {len(imported.skipped)} already in the records"
    if imported.renamed:
        pairs = ", ".join(f"{old} -> {new}" for old, new in imported.renamed)
        note += f"; renamed {pairs}"
    typer.echo(escape_control(note), err=True)
