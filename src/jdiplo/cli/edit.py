"""`jdiplo edit ID`: open a record in $VISUAL/$EDITOR, then check the records."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Annotated

import typer

from jdiplo.cli.options import complete_event_id, records_dir_to_write


def run(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of the event to edit.", autocompletion=complete_event_id
        ),
    ],
) -> None:
    """Open an event in your editor ($VISUAL, else $EDITOR) at its line; when the editor exits,
    check the records. On problems, show them and offer to reopen the editor at the first one
    (on a terminal); elsewhere exit 1 with the problems.

    \b
    Examples:
      jdiplo edit 2024-07-28-japan-us-2plus2
      EDITOR=nano jdiplo edit 2024-07-28-pac3-sale-to-us
      VISUAL='code --wait' jdiplo edit "$(jdiplo list --text Kihara --format ids | head -1)"
    """
    from jdiplo.authoring.edit import editor_command, find_event
    from jdiplo.authoring.files import record_target
    from jdiplo.problems import JdiploError, RecordsInvalid, summary_line
    from jdiplo.render.console import escape_control
    from jdiplo.store import read

    directory = records_dir_to_write(ctx)
    relative, line = find_event(directory, event_id)
    while True:
        path = record_target(directory, relative)  # never a file behind a symbolic link
        command = editor_command(path, line, os.environ)
        try:
            subprocess.run(command, check=False)
        except OSError as error:
            raise JdiploError(f"cannot run the editor {command[0]!r}: {error.strerror}") from None
        _, problems = read(directory)
        if not problems:
            return
        if not _interactive():
            raise RecordsInvalid(problems)
        for problem in sorted(problems):
            typer.echo(escape_control(str(problem)), err=True)
        typer.echo(summary_line(problems), err=True)
        if not _reopen():
            raise typer.Exit(1)
        first = min(problems, key=lambda problem: (problem.path != relative, problem))
        relative, line = first.path, first.line


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _reopen() -> bool:
    """Ask on stderr (stdout stays empty); yes unless the answer starts with n."""
    sys.stderr.write("Reopen the editor to fix them? [Y/n]: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return bool(answer) and not answer.strip().lower().startswith("n")
