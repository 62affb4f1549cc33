"""`jdiplo extract FILE`: candidate events drafted from an article, for review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jdiplo.cli.options import format_option, records_dir, records_dir_to_write, usage_errors

if TYPE_CHECKING:
    from jdiplo.dates import PartialDate
    from jdiplo.extract.article import Result

FORMATS = ("yaml", "json", "jsonl")


def _text(name: str, metavar: str, help: str) -> Any:
    return typer.Option(name, metavar=metavar, help=help, show_default=False)


def run(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="The article, plain UTF-8 text; - reads stdin."),
    ],
    published: Annotated[
        str | None,
        _text("--published", "DATE", "When it was published: 2024-08-02, 2024-07 or 2024."),
    ] = None,
    publisher: Annotated[
        str | None, _text("--publisher", "TEXT", "Who published it (each source's publisher).")
    ] = None,
    author: Annotated[str | None, _text("--author", "TEXT", "Who wrote it.")] = None,
    url: Annotated[
        str | None,
        _text("--url", "URL", "Its web address (required when FILE is not in the repository)."),
    ] = None,
    format: Annotated[str | None, format_option(FORMATS, "yaml")] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Walk the candidates on a terminal (accept, edit, skip, merge), then add them.",
        ),
    ] = False,
) -> None:
    """Draft candidate events from an article, each citing the sentences it rests on.

    The output is a record file for review: a comment after each field names the rule that gave
    it. Dates are as precise as the text ("on July 28" is a day, an undated sentence the month
    the text is about); plans are status announced with their due date. Sentences that cannot
    be dated or have no partner are listed on stderr. FILE inside the repository (the folder
    holding the records) is cited by its path; else give --url. With --review, the candidates
    you accept are added to the records (duplicates of recorded events are skipped).

    \b
    Examples:
      jdiplo extract seeds/000_7715609ff7e77d61.txt --published 2024-07 \\
        --publisher "New Eastern Outlook" --author "Nazar Kurbanov" > draft.yaml
      jdiplo extract draft-article.txt --published 2024-08-02 --format json | jq length
      curl -s https://example.org/a.txt | jdiplo extract - --url https://example.org/a.txt
      jdiplo extract seeds/article.txt --published 2024-07 | jdiplo add --from - --dry-run
      jdiplo extract seeds/article.txt --published 2024-07 --review
    """
    from jdiplo.extract.output import render, source_data
    from jdiplo.render.console import stdout_output

    chosen = _format(ctx, format)
    date = _published(ctx, published)
    for name, value in (("--publisher", publisher), ("--author", author)):
        if value is not None and (not value.strip() or "\n" in value or "\r" in value):
            raise typer.BadParameter("must be one line of text", ctx=ctx, param_hint=name)
    if url is not None and not _is_url(url):
        raise typer.BadParameter(
            f"{url!r} is not a web address (http:// or https://)", ctx=ctx, param_hint="--url"
        )
    if review and not _interactive():
        ctx.fail(
            "--review walks the candidates on a terminal (stdin and stdout); without it, "
            "extract prints them for `jdiplo add --from -`"
        )
    if review and file == "-":
        ctx.fail("--review reads your answers on stdin: give the article as a FILE, not -")
    directory = records_dir_to_write(ctx) if review else records_dir(ctx)
    name, text, relative = _article(ctx, file, directory)
    if relative is None and url is None:
        where = "stdin" if file == "-" else file
        ctx.fail(
            f"{where} is not in the repository of the records ({directory.resolve().parent}): "
            "give its --url, or copy it into the repository (seeds/, sources/) so that "
            "`jdiplo validate` can check the quotes"
        )
    source = source_data(relative, url, publisher, author, published)
    result = _draft(ctx, text, directory, date, source)
    _notes(name, result)
    if review:
        _review(result, directory)
        return
    header = _header(name, published)
    stdout_output().write(render(result.drafts, chosen, header))


def _format(ctx: typer.Context, requested: str | None) -> str:
    from jdiplo.cli.options import choose_format

    return choose_format(ctx, requested, FORMATS, "yaml", "yaml")


def _published(ctx: typer.Context, value: str | None) -> PartialDate | None:
    from jdiplo.dates import DateError, parse_partial_date

    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except DateError as error:
        raise typer.BadParameter(str(error), ctx=ctx, param_hint="--published") from None


def _is_url(text: str) -> bool:
    import re

    return re.fullmatch(r"https?://\S+", text) is not None


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _article(ctx: typer.Context, file: str, directory: Path) -> tuple[str, str, str | None]:
    """(name for messages, text, path relative to the repository or None)."""
    from jdiplo.extract.article import decoded, read_file, repository_file

    if file == "-":
        data = sys.stdin.buffer.read()
        return "<stdin>", decoded(data, "<stdin>"), None
    path = Path(file)
    data = read_file(path)
    return file, decoded(data, file), repository_file(path, directory)


def _draft(
    ctx: typer.Context,
    text: str,
    directory: Path,
    date: PartialDate | None,
    source: dict[str, str],
) -> Result:
    from jdiplo.extract.article import draft

    return usage_errors(ctx, lambda: draft(text, directory, date, source))


def _notes(name: str, result: Result) -> None:
    from jdiplo.render.console import escape_control

    for note in result.notes:
        message = f"{name}:{note.line}: not drafted: {note.reason}: {note.excerpt!r}"
        sys.stderr.write(escape_control(message) + "\n")
    if not result.drafts:
        sys.stderr.write(f"{escape_control(name)}: no candidate events\n")


def _header(name: str, published: str | None) -> list[str]:
    when = f", published {published}" if published else ""
    return [
        f"Candidate events drafted by `jdiplo extract` from {name}{when}.",
        "Review each one (the comment after a field names the rule that gave it), rewrite the",
        "titles, delete what is not an event, then: jdiplo add --from THIS-FILE",
    ]


# Review


def _review(result: Result, directory: Path) -> None:
    from jdiplo.extract.review import duplicate_of, walk
    from jdiplo.store import read

    loaded, problems = read(directory)
    if problems:
        from jdiplo.problems import RecordsInvalid

        raise RecordsInvalid(problems)
    for item in result.drafts:
        item.duplicate_of = duplicate_of(item.data, loaded.events)

    def check(events: list[dict[str, Any]]) -> str | None:
        return _check(loaded, events)

    accepted = walk(result.drafts, _ask, _say, _edit, check)
    if not accepted:
        _say("Nothing accepted: the records are unchanged.")
        return
    _write(directory, accepted)


def _events_input(events: list[dict[str, Any]]) -> Any:
    from jdiplo.authoring.add import Input
    from jdiplo.extract.output import Draft, yaml_text

    return Input("<review>", yaml_text([Draft(None, data) for data in events], comments=False))


def _check(loaded: Any, events: list[dict[str, Any]]) -> str | None:
    from jdiplo.authoring.add import plan_events
    from jdiplo.authoring.document import LayoutError
    from jdiplo.problems import JdiploError, RecordsInvalid

    try:  # the walk showed the duplicates of recorded events; what is accepted is chosen
        plan_events(loaded, _events_input(events), allow_duplicate=True)
    except RecordsInvalid as error:
        return "; ".join(problem.message for problem in error.problems)
    except (LayoutError, JdiploError) as error:
        return str(error)
    return None


def _write(directory: Path, events: list[dict[str, Any]]) -> None:
    from jdiplo.authoring.add import add_events
    from jdiplo.cli.options import shown_path

    plan = add_events(directory, lambda loaded: _events_input(events), allow_duplicate=True)
    for added in plan.added:
        sys.stdout.write(added.event.id + "\n")
        where = f"{shown_path(directory / added.relative)}:{added.line}"
        _say(f"added {added.event.id} to {where}")


def _ask(question: str) -> str:
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        raise typer.Abort()
    return answer


def _say(text: str) -> None:
    from jdiplo.render.console import escape_control

    lines = [escape_control(line) for line in text.split("\n")]
    sys.stderr.write("\n".join(lines) + "\n")


def _edit(text: str) -> str:
    """The draft after the analyst's editor; EditError (the walk goes on) when there is none."""
    import os
    import subprocess
    import tempfile

    from jdiplo.authoring.edit import editor_command
    from jdiplo.extract.review import EditError
    from jdiplo.problems import JdiploError

    with tempfile.TemporaryDirectory(prefix="jdiplo-extract-") as folder:
        path = Path(folder) / "candidate.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            command = editor_command(path, 1, os.environ)
            subprocess.run(command, check=False)
        except JdiploError as error:
            raise EditError(str(error)) from None
        except OSError as error:
            raise EditError(f"cannot run the editor: {error.strerror}") from None
        return path.read_text(encoding="utf-8", errors="replace")
