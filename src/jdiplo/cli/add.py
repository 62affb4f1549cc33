"""`jdiplo add`: record a new event from options (or `--from` a file); prints its id."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jdiplo.cli.options import (
    complete_domain,
    complete_event_id,
    complete_framework,
    complete_kind,
    complete_level,
    complete_partner,
    complete_status,
    records_dir_to_write,
    shown_path,
    usage_errors,
)

if TYPE_CHECKING:
    from jdiplo.authoring.add import Fields, Input, Plan
    from jdiplo.load import Loaded


def _text(name: str, metavar: str, help: str) -> Any:
    return typer.Option(name, metavar=metavar, help=help, show_default=False)


def run(
    ctx: typer.Context,
    date: Annotated[
        str | None, _text("--date", "DATE", "When: YYYY-MM-DD, YYYY-MM or YYYY (required).")
    ] = None,
    title: Annotated[str | None, _text("--title", "TEXT", "One line (required).")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Kind of event (required).",
            autocompletion=complete_kind,
        ),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            "-p",
            metavar="CODE",
            help="Partner code or name, repeatable (required); stored as codes.",
            autocompletion=complete_partner,
        ),
    ] = None,
    quote: Annotated[
        str | None, _text("--quote", "TEXT", "The passage of the source, verbatim (required).")
    ] = None,
    source_url: Annotated[
        str | None, _text("--source-url", "URL", "Web address of the source.")
    ] = None,
    source_file: Annotated[
        str | None,
        _text("--source-file", "PATH", "Local copy, relative to the folder holding the records."),
    ] = None,
    source_title: Annotated[
        str | None, _text("--source-title", "TEXT", "Title of the source.")
    ] = None,
    source_publisher: Annotated[
        str | None, _text("--source-publisher", "TEXT", "Who published the source.")
    ] = None,
    source_author: Annotated[
        str | None, _text("--source-author", "TEXT", "Who wrote the source.")
    ] = None,
    source_date: Annotated[
        str | None, _text("--source-date", "DATE", "When the source was published.")
    ] = None,
    event_id: Annotated[
        str | None,
        _text("--id", "ID", "Unique id (default: a slug of the date and title)."),
    ] = None,
    end: Annotated[str | None, _text("--end", "DATE", "Last day of a multi-day event.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="held (default) or announced (a plan made public).",
            autocompletion=complete_status,
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None, _text("--due", "DATE", "For announced steps: when they are due.")
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            "-f",
            metavar="CODE",
            help="Framework: IP4, 2+2... (repeatable).",
            autocompletion=complete_framework,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-l",
            metavar="LEVEL",
            help="The highest level taking part.",
            autocompletion=complete_level,
        ),
    ] = None,
    domain: Annotated[
        list[str] | None,
        typer.Option(
            "--domain",
            "-d",
            metavar="DOMAIN",
            help="Field of cooperation (repeatable).",
            autocompletion=complete_domain,
        ),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(
            "--person",
            metavar="'NAME|ROLE|CC'",
            help="Someone taking part; role and country optional (repeatable).",
        ),
    ] = None,
    place: Annotated[
        str | None, _text("--place", "'NAME|CC'", "Where it took place; country optional.")
    ] = None,
    summary: Annotated[str | None, _text("--summary", "TEXT", "Free text.")] = None,
    first: Annotated[
        list[str] | None,
        typer.Option(
            "--first", metavar="TEXT", help="A precedent the source reports (repeatable)."
        ),
    ] = None,
    amount: Annotated[
        str | None,
        _text("--amount", "'VALUE|CUR[|USD]'", "For contracts and sales: 3000000000|JPY|19500000."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Free tag (repeatable)."),
    ] = None,
    related: Annotated[
        list[str] | None,
        typer.Option(
            "--related",
            metavar="ID",
            help="Id of a related event (repeatable).",
            autocompletion=complete_event_id,
        ),
    ] = None,
    fulfils: Annotated[
        list[str] | None,
        typer.Option(
            "--fulfils",
            metavar="ID",
            help="Id of an announced step this event carries out (repeatable).",
            autocompletion=complete_event_id,
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE|-",
            help="Read events (YAML or JSON: a record file, a list, one event) instead of options.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "-n", help="Print the YAML that would be added; write nothing."),
    ] = False,
) -> None:
    """Add an event to the records, checked against the whole record set.

    The event goes into YYYY/YYYY-MM.yaml in date order; nothing else in the file changes.
    The new id is printed on stdout. On a terminal, missing required fields are asked for;
    elsewhere they are an error (exit 2).

    \b
    Examples:
      jdiplo add --date 2024-07-28 --title "Japan-US 2+2 in Tokyo" --kind meeting \\
        --partner US --framework 2+2 --level ministerial --domain defence \\
        --source-url https://example.org/2plus2 --quote "Tokyo hosted a 2+2 meeting"
      id=$(jdiplo add --date 2024-07 --title ... --kind statement -p 'South Korea' ...)
      jdiplo add ... --dry-run
      jdiplo list --partner ROK --format json | jq 'map(.id += "-copy")' | jdiplo add --from -
    """
    from jdiplo.authoring.add import Fields

    fields = Fields(
        id=event_id, date=date, end=end, status=status, due=due, title=title, kind=kind,
        partners=partner or [], frameworks=framework or [], level=level, domains=domain or [],
        people=person or [], place=place, summary=summary, firsts=first or [], amount=amount,
        source_title=source_title, source_url=source_url, source_file=source_file,
        source_publisher=source_publisher, source_author=source_author,
        source_date=source_date, quote=quote, tags=tag or [], related=related or [],
        fulfils=fulfils or [],
    )  # fmt: skip
    directory = records_dir_to_write(ctx)
    if from_file is not None:
        if fields.given():
            raise typer.BadParameter(
                "--from reads whole events; give the fields in the input, not as options",
                ctx=ctx, param_hint="--from",
            )  # fmt: skip
        make_input = _file_input(ctx, from_file)
    else:
        make_input = _options_input(ctx, directory, fields)
    plan = usage_errors(ctx, lambda: _add(directory, make_input, dry_run))
    _report(plan, directory, dry_run)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _options_input(
    ctx: typer.Context, directory: Path, fields: Fields
) -> Callable[[Loaded], Input]:
    from jdiplo.authoring.add import ask_missing, event_data, options_input
    from jdiplo.store import registry

    partners = registry(directory)
    missing = fields.missing()
    if missing and _interactive():
        ask_missing(fields, partners, _ask, lambda message: typer.echo(message, err=True))
    elif missing:
        ctx.fail(f"missing {', '.join(missing)} (jdiplo asks for them only on a terminal)")
    data = usage_errors(ctx, lambda: event_data(fields, partners))

    def make_input(loaded: Loaded) -> Input:
        return options_input(data, loaded)

    return make_input


def _ask(question: str) -> str:
    """Ask on stderr, read a line: stdout carries only the new id, even on a terminal
    (`id=$(jdiplo add)`), which typer.prompt's input(" ") would break. Empty answers ask again."""
    while True:
        sys.stderr.write(f"{question}: ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
        if not answer:
            raise typer.Abort()
        if answer.strip():
            return answer.strip()


def _file_input(ctx: typer.Context, argument: str) -> Callable[[Loaded], Input]:
    source = _read_input(ctx, argument)

    def make_input(loaded: Loaded) -> Input:
        return source

    return make_input


def _read_input(ctx: typer.Context, argument: str) -> Input:
    from jdiplo.authoring.add import Input
    from jdiplo.load import decode
    from jdiplo.problems import RecordsInvalid

    if argument == "-":
        name, data = "<stdin>", sys.stdin.buffer.read()
    else:
        name = argument
        try:
            data = Path(argument).read_bytes()
        except OSError as error:
            raise typer.BadParameter(
                f"cannot read {argument}: {error.strerror}", ctx=ctx, param_hint="--from"
            ) from None
    text, problem = decode(data, name)
    if problem is not None:
        raise RecordsInvalid([problem])
    return Input(name, text)


def _add(directory: Path, make_input: Callable[[Loaded], Input], dry_run: bool) -> Plan:
    from jdiplo.authoring.add import add_events

    return add_events(directory, make_input, dry_run)


def _report(plan: Plan, directory: Path, dry_run: bool) -> None:
    from jdiplo.render.console import stdout_output

    out = stdout_output()
    notes = dry_run or sys.stderr.isatty()
    for number, added in enumerate(plan.added):
        where = f"{shown_path(directory / added.relative)}:{added.line}"
        if dry_run:
            out.write(("\n" if number else "") + added.text)
        else:
            out.write(added.event.id + "\n")
        if notes:
            verb = "would add" if dry_run else "added"
            typer.echo(f"{verb} {added.event.id} to {where}", err=True)
