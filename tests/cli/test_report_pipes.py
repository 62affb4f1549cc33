"""Report commands in a real pipe whose reader has gone (`| head -1`): a normal end, exit 0,
nothing on stderr, whichever renderer writes (plain lines or rich)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BUNDLED_RECORDS, ROOT


@pytest.mark.parametrize(
    "arguments",
    [
        ["digest", "--month", "2024-07"],
        ["digest", "--partner", "ROK", "--format", "md"],
        ["diff", "2024-07", "--format", "table"],
        ["summary", "--by", "partner", "--by", "month", "--chart"],
        ["summary", "--format", "table"],
        ["partners", "--format", "table"],
        ["list", "--format", "table"],
    ],
)
def test_a_closed_pipe_is_a_normal_end(arguments: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "jdiplo", "--records", str(BUNDLED_RECORDS), *arguments],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")


# On a real terminal (a pseudo-terminal, main's helper): colour only when allowed.


@pytest.mark.parametrize(
    "arguments",
    [
        ["digest", "--month", "2024-07"],
        ["diff", "2024-07"],
        ["summary", "--chart"],
        ["partners"],
    ],
)
def test_reports_on_a_terminal_colour_unless_no_color(arguments: list[str]) -> None:
    from test_pipes import JDIPLO, on_a_terminal

    if not JDIPLO.exists():
        pytest.skip("jdiplo is not installed here")
    records = ["--records", str(BUNDLED_RECORDS)]
    coloured = on_a_terminal([*records, *arguments])
    plain = on_a_terminal([*records, *arguments], NO_COLOR="1")
    assert "\x1b[" in coloured
    assert "\x1b" not in plain
    assert "US" in plain and "Traceback" not in coloured + plain
