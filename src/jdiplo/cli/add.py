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
    store,
)

if TYPE_CHECKING:
    from jdiplo.authoring.add import Fields, Input, Plan
    from jdiplo.load import Loaded
    from jdiplo.partners import Registry


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
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate",
            help="Add an event even if it looks like one already recorded.",
        ),
    ] = False,
) -> None:
    """Add an event to the records, checked against the whole record set.

    The event goes into YYYY/YYYY-MM.yaml in date order; nothing else in the file changes.
    The new id is printed on stdout. On a terminal, missing required fields are asked for, and
    a wrong value (a kind, a partner, a quote its source does not hold...) is asked for again;
    elsewhere each is a one-line error (exit 2). An event that looks like one already recorded
    (the same date and partners and a similar title, or the same quote of the same source) is
    refused, naming it, unless --allow-duplicate is given.

    \b
    Examples:
      jdiplo add --date 2024-07-28 --title "Japan-US 2+2 in Tokyo" --kind meeting \\
        --partner US --framework 2+2 --level ministerial --domain defence \\
        --source-url https://example.org/2plus2 --quote "Tokyo hosted a 2+2 meeting"
      id=$(jdiplo add --date 2024-07 --title ... --kind statement -p 'South Korea' ...)
      jdiplo add ... --dry-run
      jdiplo list -p ROK -F json | jq 'map(.id += "-copy")' | jdiplo add --from - --allow-duplicate
    """
    from jdiplo.authoring.add import Fields
    from jdiplo.problems import UsageError

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
            raise UsageError(
                "--from: it reads whole events; give the fields in the input, not as options",
                "--from",
            )
        source = _read_input(from_file)
        plan = _add(directory, lambda loaded: source, dry_run, allow_duplicate)
    else:
        plan = _add_from_options(directory, store(ctx).registry, fields, dry_run, allow_duplicate)
    _report(plan, directory, dry_run)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _add_from_options(
    directory: Path, partners: Registry, fields: Fields, dry_run: bool, allow: bool
) -> Plan:
    """Add the event of the options. On a terminal, missing fields are asked for, and so is
    every option a problem names, until the event can be added (or the user gives up)."""
    from jdiplo.authoring.add import FieldProblems, LikelyDuplicate, event_data, options_input
    from jdiplo.authoring.questions import Questions
    from jdiplo.problems import JdiploError, UsageError

    questions = Questions(partners, _ask, _say, directory) if _interactive() else None
    missing = fields.missing()
    if missing and questions is None:
        message = f"missing {', '.join(missing)} (jdiplo asks for them only on a terminal)"
        raise UsageError(message)
    if questions is not None:
        questions.missing(fields)
    while True:
        try:
            data = event_data(fields, partners)

            def make_input(loaded: Loaded, data: dict[str, Any] = data) -> Input:
                return options_input(data, loaded)

            return _add(directory, make_input, dry_run, allow)
        except FieldProblems as error:
            if questions is None:
                raise
            for option, message in error.problems:
                _say(f"{option}: {message}")
            for option in dict.fromkeys(option for option, _ in error.problems):
                questions.again(fields, option)
        except LikelyDuplicate as error:
            if questions is None:
                raise
            _say(str(error))
            if not _ask("Add it anyway? [y/N]").lower().startswith("y"):
                raise JdiploError("not added: it looks like an event already recorded") from None
            allow = True


def _say(message: str) -> None:
    from jdiplo.render.console import escape_control

    typer.echo(escape_control(message), err=True)


def _ask(question: str) -> str:
    """Ask on stderr, read a line: stdout carries only the new id, even on a terminal
    (`id=$(jdiplo add)`), which typer.prompt's input(" ") would break. The end of the input
    ends the command (nothing is added)."""
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        raise typer.Abort()
    return answer.strip()


def _read_input(argument: str) -> Input:
    """The text of `--from` (a file, or `-` for stdin), read up to the size of a record file."""
    from jdiplo.authoring.add import Input
    from jdiplo.layout import MAX_FILE_BYTES
    from jdiplo.plainyaml import decode
    from jdiplo.problems import JdiploError, RecordsInvalid, UsageError

    try:
        if argument == "-":
            name, data = "<stdin>", sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            name = argument
            with Path(argument).open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UsageError(f"--from: cannot read {argument}: {error.strerror}", "--from") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise JdiploError(
            f"cannot add from {name}: it is over {limit} MB, more than a record file may hold "
            "(nothing was written)"
        )
    text, problem = decode(data, name)
    if problem is not None:
        raise RecordsInvalid([problem])
    return Input(name, text)


def _add(
    directory: Path, make_input: Callable[[Loaded], Input], dry_run: bool, allow_duplicate: bool
) -> Plan:
    from jdiplo.authoring.add import add_events

    return add_events(directory, make_input, dry_run, allow_duplicate)


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
