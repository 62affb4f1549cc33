"""The Typer app: global options, the command registry, and the one place errors become exits.

`main()` is the console script. It runs the app and maps every exception to a named exit
status (httpie's habit): data errors print `path:line:col: message` lines and exit 1, usage
errors exit 2, a closed pipe ends quietly, anything unexpected is one line (exit 70) unless
`--debug` asks for the traceback.
"""

from __future__ import annotations

import difflib
import enum
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from jdiplo import __version__
from jdiplo.cli.options import Settings
from jdiplo.problems import JdiploError, RecordsInvalid, summary_line


class ExitStatus(enum.IntEnum):
    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2
    INTERNAL_ERROR = 70
    INTERRUPTED = 130


# The commands whose output goes through the pager on a terminal (not those that ask questions,
# start an editor, print a line or write files).
PAGED = frozenset({"list", "show", "digest", "diff", "summary", "partners", "sql", "schema"})


class _PipeClosed(Exception):
    """stdout's reader went away (`jdiplo list | head`): a normal end."""


# command -> the module whose `run` it is, in the order `jdiplo --help` lists them. A command's
# module is imported, and its options built, only when that command runs (or help lists it):
# building every command's options on each call would cost more than the work of most calls.
COMMANDS = {
    "list": "jdiplo.cli.list",
    "show": "jdiplo.cli.show",
    "validate": "jdiplo.cli.validate",
    "digest": "jdiplo.cli.digest",
    "diff": "jdiplo.cli.diff",
    "summary": "jdiplo.cli.summary",
    "report": "jdiplo.cli.report",
    "partners": "jdiplo.cli.partners",
    "people": "jdiplo.cli.people",
    "changes": "jdiplo.cli.changes",
    "sql": "jdiplo.cli.sql",
    "export": "jdiplo.cli.export",
    "import": "jdiplo.cli.importing",
    "add": "jdiplo.cli.add",
    "extract": "jdiplo.cli.extract",
    "edit": "jdiplo.cli.edit",
    "fmt": "jdiplo.cli.fmt",
    "schema": "jdiplo.cli.schema",
    "init": "jdiplo.cli.init",
}


class _Group(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in self.commands and name in COMMANDS:
            self.commands[name] = _command(name)
        return self.commands.get(name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # An unknown command is refused here, with a did-you-mean over every command (typer's
        # own suggestion only knows the commands already built), through `Context.fail`:
        # the usage error typer prints for any bad invocation, exit 2.
        name = args[0] if args else None
        if name and name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            matches = difflib.get_close_matches(name, COMMANDS)
            suggestions = ", ".join(repr(match) for match in matches)
            ctx.fail(
                f"No such command {name!r}." + (f" Did you mean {suggestions}?" if matches else "")
            )
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:  # typer would turn it into exit 1
            raise _PipeClosed from error


def _command(name: str) -> Any:
    """The click command of one jdiplo command, built from its module's `run`."""
    module = importlib.import_module(COMMANDS[name])
    single = typer.Typer(
        rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False
    )
    single.command(name)(module.run)
    return typer.main.get_command(single)


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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read the YAML files directly, without the index (same answers, slower).",
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page output ($JDIPLO_PAGER, else $PAGER, else less, on a terminal).",
        ),
    ] = False,
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
    ctx.obj = Settings(records=records, debug=debug, no_cache=no_cache, no_pager=no_pager)
    if not no_pager and ctx.invoked_subcommand in PAGED:
        from jdiplo.render.console import want_pager

        want_pager()


# The garbage collector's first threshold (700 new objects by default): a command is short-lived
# and keeps most of what it builds, so that the default's many passes over the objects of the
# imports (typer's and pydantic's, most of them) only cost time.
GC_THRESHOLD = 10_000


def main(argv: list[str] | None = None) -> None:
    """The console script: run the app, map exceptions to exit statuses.

    What the imports built before the command lives as long as the process: it is frozen out
    of the garbage collector (`gc.freeze`) before the command runs, so that the collections
    the command makes never visit it again (a digest at 100k events spent 0.015 s on them).
    Once the command is done, what is left is frozen too: the interpreter's last collections
    then skip the objects that are about to be freed anyway, about 30 ms of every command.
    Everything else of a normal exit happens: streams are flushed, `atexit` handlers run, and
    a `--debug` traceback is printed as usual.
    """
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    code = run(list(sys.argv[1:] if argv is None else argv))
    gc.freeze()
    sys.exit(code)


def run(args: list[str]) -> int:
    """Run jdiplo with `args`; the exit status. `--debug` lets unexpected errors through."""
    _utf8_off_terminals()
    options = args[: args.index("--")] if "--" in args else args
    debug = "--debug" in options or bool(os.environ.get("JDIPLO_DEBUG"))
    try:
        try:
            app(args=args, prog_name="jdiplo")
        finally:
            _stop_pager()  # before any error is written, and whatever happened
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


def _utf8_off_terminals() -> None:
    """Output to a pipe or a file is UTF-8, whatever the locale or PYTHONIOENCODING say: what
    reads it (jq, a CSV reader, another jdiplo) expects UTF-8, as it gets from git or jq. A
    terminal keeps its own encoding."""
    import codecs

    stream = sys.stdout
    try:
        if stream.isatty() or codecs.lookup(stream.encoding).name == "utf-8":
            return
        stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    except (AttributeError, LookupError, OSError, ValueError):  # not a file's stream
        pass


def _stop_pager() -> None:
    console = sys.modules.get("jdiplo.render.console")  # a pager started only if it is loaded
    if console is not None:
        console.stop_pager()


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

    for line in error.shown():
        sys.stderr.write(escape_control(line) + "\n")
    sys.stderr.write(summary_line(error.problems) + "\n")
