"""The terminal: whether output is one, colour, escaping of record text, progress on stderr.

Text from records is data. Formats a person reads get control characters (and the Unicode
controls that reorder text) escaped by `escape_control`; rich is only ever handed `Text`
objects or strings with markup off, so `[bold]` in a title prints as written.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# C0 and C1 controls, DEL, and the bidirectional controls that can disguise text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_control(text: str) -> str:
    """Text with control characters shown as escapes (`\\n`, `\\x1b`, `\\u202e`)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Output:
    """Where a renderer writes, and what that place can show."""

    stream: TextIO
    terminal: bool = False
    color: bool = False
    width: int | None = None  # the terminal's columns, when known (a pager takes the terminal)

    def write(self, text: str) -> None:
        self.stream.write(text)


def colour_allowed(stream: TextIO) -> bool:
    """Colour only on a terminal, never with NO_COLOR set or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _is_terminal(stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdout_output() -> Output:
    stream = sys.stdout
    return Output(stream, terminal=_is_terminal(stream), color=colour_allowed(stream))


def rich_console(out: Output) -> Console:
    """A rich Console for `out`: no markup, no highlighting, colour only when allowed."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with status 1; a closed pipe is a normal end for jdiplo, and the
            # app's one handler deals with it (cli/app.py).
            raise BrokenPipeError

    return _Console(
        file=out.stream,
        width=out.width,
        force_terminal=out.color,
        no_color=not out.color,
        color_system="auto" if out.color else None,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
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
