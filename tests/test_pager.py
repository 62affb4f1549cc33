"""The pager, on a real terminal (a pseudo-terminal): long output goes through $JDIPLO_PAGER,
else $PAGER, else less (LESS=FRX), as git does; never on a pipe; never with --no-pager."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from test_pipes import JDIPLO, many_events, on_a_terminal, shell

from conftest import DATA

SAMPLE = DATA / "sample" / "records"

pytestmark = pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")


def recording_pager(folder: Path, name: str = "pager") -> Path:
    """A pager that writes what it received, and the LESS it was given, beside itself."""
    script = folder / name
    script.write_text(
        f'#!/bin/sh\nprintf "%s" "$LESS" > "{folder}/{name}.less"\ncat > "{folder}/{name}.got"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    screen = on_a_terminal(
        ["--records", str(SAMPLE), "list"], PAGER=str(pager), COLUMNS="80", NO_COLOR="1"
    )
    received = (tmp_path / "pager.got").read_text()
    assert "2024-07-26-japan-rok-foreign-ministers" in received
    assert received.startswith("date ")  # laid out for the 80 columns of the terminal
    assert (tmp_path / "pager.less").read_text() == "FRX"  # as git sets it for less
    assert "2024-07-26" not in screen  # all of it went to the pager


def test_colour_reaches_the_pager_on_a_colour_terminal(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    on_a_terminal(["--records", str(SAMPLE), "list"], PAGER=str(pager))
    assert "\x1b[" in (tmp_path / "pager.got").read_text()


def test_jdiplo_pager_comes_before_pager_and_less_keeps_the_user_s_less(tmp_path: Path) -> None:
    ours, theirs = recording_pager(tmp_path, "ours"), recording_pager(tmp_path, "theirs")
    on_a_terminal(
        ["--records", str(SAMPLE), "digest"],
        JDIPLO_PAGER=str(ours), PAGER=str(theirs), LESS="-R", NO_COLOR="1",
    )  # fmt: skip
    assert "Digest of all records" in (tmp_path / "ours.got").read_text()
    assert (tmp_path / "ours.less").read_text() == "-R"
    assert not (tmp_path / "theirs.got").exists()


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        (["--no-pager"], {}),
        ([], {"PAGER": "cat"}),
        ([], {"PAGER": ""}),
        ([], {"JDIPLO_PAGER": "", "PAGER": "__PAGER__"}),
    ],
)
def test_no_pager_when_asked(
    tmp_path: Path, arguments: list[str], environment: dict[str, str]
) -> None:
    pager = recording_pager(tmp_path)
    environment = {
        name: value.replace("__PAGER__", str(pager)) for name, value in environment.items()
    }
    environment.setdefault("PAGER", str(pager))
    screen = on_a_terminal([*arguments, "--records", str(SAMPLE), "list"], **environment)
    assert "2024-07-26-japan-rok-foreign-ministers" in screen
    assert not (tmp_path / "pager.got").exists()


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    result = shell(f"jdiplo --records {SAMPLE} list | cat", tmp_path, PAGER=str(pager))
    assert "2024-07-26-japan-rok-foreign-ministers" in result.stdout
    assert not (tmp_path / "pager.got").exists()


def test_commands_that_ask_or_edit_are_never_paged(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    screen = on_a_terminal(["--records", str(SAMPLE), "validate"], PAGER=str(pager))
    assert "OK: 3 events" in screen
    assert not (tmp_path / "pager.got").exists()


def test_less_shows_short_output_and_exits_at_once() -> None:
    """The real less with git's LESS=FRX: output that fits the screen is printed, no prompt."""
    if not Path("/usr/bin/less").exists():
        pytest.skip("less is not installed")
    screen = on_a_terminal(["--records", str(SAMPLE), "list"], PAGER="less", LINES="40")
    assert "2024-07-26-japan-rok-foreign-ministers" in screen
    assert "(END)" not in screen


def test_a_pager_quit_early_ends_jdiplo_quietly(tmp_path: Path) -> None:
    records = many_events(tmp_path, 3000)
    environment = {
        **os.environ,
        "PAGER": "head -c 100 > /dev/null",
        "TERM": "xterm-256color",
    }
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(JDIPLO), "--records", str(records), "list"],
        stdin=follower, stdout=follower, stderr=subprocess.PIPE, env=environment,
    )  # fmt: skip
    os.close(follower)
    _, errors = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    assert errors == b""


def test_an_error_before_any_output_starts_no_pager(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    screen = on_a_terminal(
        ["--records", str(SAMPLE), "list", "--kind", "picnic"], PAGER=str(pager), NO_COLOR="1"
    )
    assert "unknown kind 'picnic'" in " ".join(screen.split())
    assert not (tmp_path / "pager.got").exists()


def test_a_report_written_to_a_file_starts_no_pager(tmp_path: Path) -> None:
    pager = recording_pager(tmp_path)
    target = tmp_path / "r.html"
    on_a_terminal(["--records", str(SAMPLE), "report", "-o", str(target)], PAGER=str(pager))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (tmp_path / "pager.got").exists()
