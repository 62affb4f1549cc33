"""Colour as rich documents its environment variables: NO_COLOR, FORCE_COLOR, TERM."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdiplo.render.console import Output, colour_allowed, escape_control, rich_console


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# (NO_COLOR, FORCE_COLOR, TERM) -> colour on a terminal, colour on a pipe
CASES = [
    ((None, None, "xterm-256color"), (True, False)),
    (("1", None, "xterm-256color"), (False, False)),
    (("", None, "xterm-256color"), (True, False)),  # an empty NO_COLOR is not set
    ((None, "1", "xterm-256color"), (True, True)),
    ((None, "0", "xterm-256color"), (True, True)),  # any non-empty value forces, as in rich
    ((None, "", "xterm-256color"), (True, False)),  # an empty FORCE_COLOR is not set
    (("1", "1", "xterm-256color"), (False, False)),  # NO_COLOR takes precedence
    ((None, None, "dumb"), (False, False)),
    ((None, None, "unknown"), (False, False)),
    ((None, None, "DUMB"), (False, False)),
    ((None, "1", "dumb"), (True, True)),  # FORCE_COLOR whatever TERM is
    (("1", "1", "dumb"), (False, False)),
    ((None, None, None), (True, False)),
]


@pytest.mark.parametrize(("variables", "expected"), CASES, ids=str)
def test_colour_follows_rich_documented_rules(
    monkeypatch: pytest.MonkeyPatch,
    variables: tuple[str | None, str | None, str | None],
    expected: tuple[bool, bool],
) -> None:
    for name, value in zip(("NO_COLOR", "FORCE_COLOR", "TERM"), variables, strict=True):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert (colour_allowed(Terminal()), colour_allowed(io.StringIO())) == expected


def test_forced_colour_on_a_dumb_terminal_still_writes_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """rich itself would drop colour on TERM=dumb; its documentation says FORCE_COLOR wins."""
    from rich.text import Text

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    stream = io.StringIO()
    out = Output(stream, terminal=False, color=colour_allowed(stream))
    assert out.styled
    rich_console(out).print(Text("ROK", style="red"))
    assert stream.getvalue() == "\x1b[31mROK\x1b[0m\n"


def test_without_colour_nothing_but_text_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.text import Text

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    stream = Terminal()
    out = Output(stream, terminal=True, color=colour_allowed(stream))
    rich_console(out).print(Text("ROK", style="bold red"))
    assert stream.getvalue() == "ROK\n"


# The characters escape_control escapes: C0 and C1 controls, DEL, and the bidirectional controls.
CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F]
CONTROLS += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@given(st.text())
def test_escape_control_leaves_no_control_character_and_keeps_the_rest(text: str) -> None:
    escaped = escape_control(text)
    assert not any(ord(character) in CONTROLS for character in escaped)
    if not any(ord(character) in CONTROLS for character in text):
        assert escaped == text  # other characters, printable or not (no-break space), as given


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x7f\x9f", "\\x7f\\x9f"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("no\u00a0break\u2028line", "no\u00a0break\u2028line"),
    ],
)
def test_escape_control_escapes(text: str, escaped: str) -> None:
    assert escape_control(text) == escaped
