"""The terminal: whether output is one, colour, escaping of record text, the pager, progress
on stderr.

Text from records is data. Formats a person reads get control characters (and the Unicode
controls that reorder text) escaped by `escape_control`; rich is only ever handed `Text`
objects or strings with markup off, so `[bold]` in a title prints as written.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple, TextIO

if TYPE_CHECKING:
    import subprocess

    from rich.console import Console

# C0 and C1 controls, DEL, and the bidirectional controls that can disguise text: all of them
# are characters `str.isprintable` refuses.
_CONTROL = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_control(text: str) -> str:
    """Text with control characters shown as escapes (`\\n`, `\\x1b`, `\\u202e`)."""
    if text.isprintable():  # the usual case: nothing to escape (and no pattern to compile)
        return text
    return re.sub(_CONTROL, _escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Output(NamedTuple):
    """Where a renderer writes, and what that place can show.

    `terminal`: the stream is a terminal (it picks the default format, and the width).
    `color`: colour is allowed there (`colour_allowed`).
    """

    stream: TextIO
    terminal: bool = False
    color: bool = False
    width: int | None = None  # the terminal's columns, when known (a pager takes the terminal)

    @property
    def styled(self) -> bool:
        """Whether the formats a person reads (`text`) are drawn by rich, with tables and
        styles: on a terminal, and wherever FORCE_COLOR asks for colour."""
        return self.terminal or self.color

    def write(self, text: str) -> None:
        self.stream.write(text)


_DUMB_TERMINALS = ("dumb", "unknown")


def colour_allowed(stream: TextIO) -> bool:
    """Colour as rich documents its environment variables (docs: Console API, "Environment
    variables"):

    1. NO_COLOR set (non-empty): no colour; it takes precedence over FORCE_COLOR;
    2. FORCE_COLOR set (non-empty): colour, on a pipe too, whatever TERM is;
    3. TERM `dumb` or `unknown`: no colour;
    4. otherwise colour only on a terminal.

    FORCE_COLOR never changes which format a command picks: on a pipe the default stays the
    plain one (the scripting contract); it colours the formats a person reads.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if _dumb_terminal():
        return False
    return _is_terminal(stream)


def _dumb_terminal() -> bool:
    return os.environ.get("TERM", "").strip().lower() in _DUMB_TERMINALS


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdout_output() -> Output:
    """Where a command writes its output: stdout, through the pager when one is wanted (it
    starts with the first output, so that errors before it and files written instead of
    stdout never start one)."""
    if _pager_wanted:
        start_pager()
    stream = sys.stdout
    if _pager is not None:  # stdout is the pager's pipe, and the pager shows the terminal
        return Output(stream, terminal=True, color=_pager.colour, width=_pager.width)
    return Output(stream, terminal=_is_terminal(stream), color=colour_allowed(stream))


# The pager: long output on a terminal goes through it, as git's does. Never on a pipe.

PAGER_VARIABLE = "JDIPLO_PAGER"


def pager_command(environment: Mapping[str, str]) -> str | None:
    """The pager to run, as git chooses: $JDIPLO_PAGER, else $PAGER, else `less`; an empty
    value or `cat` means no pager."""
    for name in (PAGER_VARIABLE, "PAGER"):
        if name in environment:
            command = environment[name].strip()
            return None if command in ("", "cat") else command
    return "less"


class _Pager(NamedTuple):
    process: subprocess.Popen[bytes]
    saved_stdout: int  # the terminal, while fd 1 is the pager's pipe
    width: int
    colour: bool


_pager: _Pager | None = None
_pager_wanted = False


def want_pager() -> None:
    """Page the output this command writes to stdout (see `stdout_output`)."""
    global _pager_wanted
    _pager_wanted = True


def stdout_terminal() -> bool:
    """Whether stdout is a terminal, or the pager that shows one."""
    return _pager is not None or _is_terminal(sys.stdout)


def start_pager() -> None:
    """Send stdout through the pager from now on, when stdout is a terminal and a pager is
    wanted. `less` gets LESS=FRX unless LESS is set (as git does): output that fits the
    screen is shown and less exits at once (-F), colours pass (-R), the screen is kept (-X)."""
    global _pager, _pager_wanted
    _pager_wanted = False
    if _pager is not None or not _is_terminal(sys.stdout):
        return
    command = pager_command(os.environ)
    if command is None:
        return
    import subprocess

    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    width = _terminal_width()
    colour = colour_allowed(sys.stdout)
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environment)
    except OSError:  # no shell: write to the terminal as if there were no pager
        return
    assert process.stdin is not None
    saved = os.dup(1)
    os.dup2(process.stdin.fileno(), 1)
    process.stdin.close()
    _pager = _Pager(process, saved, width, colour)


def stop_pager() -> None:
    """Hand the pager the end of the output and wait until the reader has quit it."""
    global _pager
    pager, _pager = _pager, None
    if pager is None:
        return
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader quit the pager early: a normal end
        _discard_stdout()
    os.dup2(pager.saved_stdout, 1)  # the pipe's last writer closes: the pager sees the end
    os.close(pager.saved_stdout)
    try:
        pager.process.wait()
    except KeyboardInterrupt:  # Ctrl-C is the pager's to handle; wait for it all the same
        pager.process.wait()


def _discard_stdout() -> None:
    """Drop what stdout still holds for a pager that is gone (never onto the terminal)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()


def _terminal_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        return 80


def rich_console(out: Output) -> Console:
    """A rich Console for `out`: no markup, no highlighting, colour only when allowed."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with status 1; a closed pipe is a normal end for jdiplo, and the
            # app's one handler deals with it (cli/app.py).
            raise BrokenPipeError

    # rich would drop colour on a dumb TERM even when FORCE_COLOR asks for it: its documented
    # rule (FORCE_COLOR wins over TERM) is followed by naming the colour system.
    color_system: Literal["auto", "standard"] | None = None
    if out.color:
        color_system = "standard" if _dumb_terminal() else "auto"
    return _Console(
        file=out.stream,
        width=out.width,
        force_terminal=out.color,
        no_color=not out.color,
        color_system=color_system,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def note_on_terminal(message: str) -> None:
    """A note for a person at a terminal (`jdiplo: message` on stderr); nothing elsewhere."""
    if _is_terminal(sys.stderr):
        sys.stderr.write(f"jdiplo: {message}\n")


def note_cut(shown: int) -> None:
    """Say on stderr that a table shows only its first `shown` rows."""
    sys.stderr.write(
        f"jdiplo: note: the table shows the first {shown} rows; --format plain, csv or jsonl "
        "write every row\n"
    )


class Progress:
    """`label n/total` on stderr, rewritten in place; only when stderr is a terminal.

    Nothing is shown for work that ends within `delay` seconds, so quick commands stay quiet.
    """

    def __init__(self, label: str, delay: float = 0.5) -> None:
        self.label = label
        self.enabled = _is_terminal(sys.stderr)
        self.started = time.monotonic()
        self.delay = delay
        self.shown_at = 0.0
        self.visible = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.shown_at < 0.1 and done < total):
            return
        self.shown_at = now
        self.visible = True
        sys.stderr.write(f"\r{self.label} {done}/{total}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.visible:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.visible = False
