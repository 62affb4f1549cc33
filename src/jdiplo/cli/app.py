"""The Typer app: global options, the command registry, and the one place errors become exits.

`main()` is the console script. It runs the app and maps every exception to a named exit
status (httpie's habit): data errors print `path:line:col: message` lines and exit 1, usage
errors exit 2, a closed pipe ends quietly, anything unexpected is one line (exit 70) unless
`--debug` asks for the traceback.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jdiplo import __version__
from jdiplo.cli import add as add_command
from jdiplo.cli import diff as diff_command
from jdiplo.cli import digest as digest_command
from jdiplo.cli import edit as edit_command
from jdiplo.cli import fmt as fmt_command
from jdiplo.cli import init as init_command
from jdiplo.cli import list as list_command
from jdiplo.cli import partners as partners_command
from jdiplo.cli import schema as schema_command
from jdiplo.cli import show as show_command
from jdiplo.cli import summary as summary_command
from jdiplo.cli import validate as validate_command
from jdiplo.cli.options import Settings
from jdiplo.problems import JdiploError, RecordsInvalid, summary_line


class ExitStatus(enum.IntEnum):
    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2
    INTERNAL_ERROR = 70
    INTERRUPTED = 130


class _PipeClosed(Exception):
    """stdout's reader went away (`jdiplo list | head`): a normal end."""


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:  # typer would turn it into exit 1
            raise _PipeClosed from error


app = typer.Typer(
    cls=_Group,
    name="jdiplo",
    help=(
        "Records of Japan's diplomatic and defence relations, as plain YAML, with answers for "
        "the terminal and for shell pipelines."
    ),
    epilog=(
        "Records come from --records DIR, else $JDIPLO_RECORDS, else ./records when it exists, "
        "else the record set bundled with jdiplo."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"jdiplo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    records: Annotated[
        Path | None,
        typer.Option(
            "--records",
            metavar="DIR",
            help="Records directory (default: $JDIPLO_RECORDS, ./records, the bundled set).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    ctx.obj = Settings(records=records, debug=debug)


app.command("list")(list_command.run)
app.command("show")(show_command.run)
app.command("validate")(validate_command.run)
app.command("digest")(digest_command.run)
app.command("diff")(diff_command.run)
app.command("summary")(summary_command.run)
app.command("partners")(partners_command.run)
app.command("add")(add_command.run)
app.command("edit")(edit_command.run)
app.command("fmt")(fmt_command.run)
app.command("schema")(schema_command.run)
app.command("init")(init_command.run)


def main(argv: list[str] | None = None) -> None:
    """The console script: run the app, map exceptions to exit statuses."""
    sys.exit(run(list(sys.argv[1:] if argv is None else argv)))


def run(args: list[str]) -> int:
    """Run jdiplo with `args`; the exit status. `--debug` lets unexpected errors through."""
    options = args[: args.index("--")] if "--" in args else args
    debug = "--debug" in options or bool(os.environ.get("JDIPLO_DEBUG"))
    try:
        app(args=args, prog_name="jdiplo")
    except SystemExit as done:
        code = done.code
        _flush_stdout()
        return code if isinstance(code, int) else (0 if code is None else 1)
    except _PipeClosed:
        _silence_stdout()
        return ExitStatus.OK
    except RecordsInvalid as error:
        _report_problems(error)
        return ExitStatus.DATA_ERROR
    except JdiploError as error:
        _error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except Exception as error:
        if debug:
            raise
        _error(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
        return ExitStatus.INTERNAL_ERROR
    return _flush_stdout()


def _flush_stdout() -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    return ExitStatus.OK


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that no
    # "Exception ignored ... BrokenPipeError" follows.
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _error(message: str) -> None:
    from jdiplo.render.console import escape_control

    sys.stderr.write(f"jdiplo: {escape_control(message)}\n")


def _report_problems(error: RecordsInvalid) -> None:
    from jdiplo.render.console import escape_control

    for problem in error.problems:
        sys.stderr.write(escape_control(str(problem)) + "\n")
    sys.stderr.write(summary_line(error.problems) + "\n")
