"""The installed `jdiplo` in real pipes and on a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

JDIPLO = Path(sys.executable).parent / "jdiplo"
SAMPLE = DATA / "sample" / "records"

pytestmark = pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")


def shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}", **env}
    environment.pop("JDIPLO_RECORDS", None)
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_list_jsonl_into_jq(tmp_path: Path) -> None:
    result = shell(
        f"jdiplo --records {SAMPLE} list --month 2024-07 --format jsonl | jq -r .id", tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "2024-07-26-japan-rok-foreign-ministers",
        "2024-07-28-japan-us-2plus2",
        "2024-07-28-us-joint-forces-command",
    ]


def test_ids_into_show(tmp_path: Path) -> None:
    result = shell(
        f"jdiplo --records {SAMPLE} list --partner US --format ids"
        f" | jdiplo --records {SAMPLE} show - --format json",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2


def many_events(folder: Path, count: int) -> Path:
    """A records directory with enough events to overflow a pipe's buffer."""
    events = "".join(
        f"  - id: event-{number:05d}\n    date: 2024-07-01\n    title: {'x' * 60}\n"
        "    kind: meeting\n    partners: [US]\n"
        '    sources:\n      - {url: "https://example.org/a", quote: q}\n'
        for number in range(count)
    )
    records = folder / "records"
    (records / "2024").mkdir(parents=True)
    (records / "2024" / "2024-07.yaml").write_text("events:\n" + events)
    return records


def test_head_ends_the_pipe_quietly(tmp_path: Path) -> None:
    records = many_events(tmp_path, 3000)  # ~300 KB of plain output
    result = shell(f"jdiplo --records {records} list | head -1", tmp_path)
    assert result.stdout == "event-00000\t2024-07-01\tmeeting\tUS\t" + "x" * 60 + "\n"
    assert result.stderr == ""
    assert result.returncode == 0


def test_a_closed_pipe_mid_json_is_quiet_too(tmp_path: Path) -> None:
    records = many_events(tmp_path, 3000)
    result = shell(f"jdiplo --records {records} list --format json | head -c 10", tmp_path)
    assert result.stderr == ""
    assert result.returncode == 0


def test_the_bundled_records_answer_from_any_folder(tmp_path: Path) -> None:
    result = shell("jdiplo list --partner ROK --format ids | wc -l", tmp_path)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10


def on_a_terminal(args: list[str], cwd: Path | None = None, **env: str) -> str:
    """What `jdiplo ARGS` (run in `cwd`) writes to a pseudo-terminal, stdout and stderr."""
    leader, follower = pty.openpty()
    # No pager unless a test asks for one (tests/test_pager.py): the screen is what it reads.
    environment = {**os.environ, "COLUMNS": "160", "TERM": "xterm-256color", "PAGER": "cat", **env}
    for name in ("NO_COLOR", "JDIPLO_RECORDS", "JDIPLO_PAGER"):
        if name not in env:
            environment.pop(name, None)
    process = subprocess.Popen(
        [str(JDIPLO), *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
        cwd=cwd,
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    return output.decode("utf-8", "replace")


def test_a_terminal_gets_a_coloured_table() -> None:
    output = on_a_terminal(["--records", str(SAMPLE), "list"])
    assert "\x1b[" in output
    assert "2024-07-26-japan-rok-foreign-ministers" in output
    assert "partners" in output  # the table's header


def test_no_color_means_no_escape_codes_even_on_a_terminal() -> None:
    output = on_a_terminal(["--records", str(SAMPLE), "list"], NO_COLOR="1")
    assert "\x1b" not in output
    assert "2024-07-26-japan-rok-foreign-ministers" in output


def test_a_pipe_gets_no_escape_codes(tmp_path: Path) -> None:
    result = shell(f"jdiplo --records {SAMPLE} list --format table | cat", tmp_path)
    assert "\x1b" not in result.stdout
    assert "2024-07-26-japan-rok-foreign-ministers" in result.stdout


# FORCE_COLOR and NO_COLOR, as rich documents them: NO_COLOR wins; FORCE_COLOR colours the
# formats a person reads on a pipe too, whatever TERM is; it never changes the default format.

ESCAPE = "\x1b["


def test_force_color_colours_a_table_and_a_digest_on_a_pipe(tmp_path: Path) -> None:
    table = shell(f"jdiplo --records {SAMPLE} list --format table | cat", tmp_path, FORCE_COLOR="1")
    assert ESCAPE in table.stdout
    assert "2024-07-26-japan-rok-foreign-ministers" in table.stdout
    digest = shell(
        f"jdiplo --records {SAMPLE} digest --month 2024-07 | cat", tmp_path, FORCE_COLOR="1"
    )
    assert digest.stdout.startswith(ESCAPE)
    assert "Digest" in digest.stdout


def test_force_color_keeps_the_plain_default_on_a_pipe(tmp_path: Path) -> None:
    """`jdiplo list | cut -f1` works the same in a CI that exports FORCE_COLOR."""
    plain = shell(f"jdiplo --records {SAMPLE} list | cut -f1", tmp_path)
    forced = shell(f"jdiplo --records {SAMPLE} list | cut -f1", tmp_path, FORCE_COLOR="1")
    assert forced.stdout == plain.stdout
    assert forced.stdout.split()[0] == "2024-07-26-japan-rok-foreign-ministers"
    json_output = shell(f"jdiplo --records {SAMPLE} list --format json", tmp_path, FORCE_COLOR="1")
    assert len(json.loads(json_output.stdout)) == 3


@pytest.mark.parametrize("no_color", ["1", "yes"])
def test_no_color_wins_over_force_color(tmp_path: Path, no_color: str) -> None:
    for command in (
        "list --format table",
        "digest --month 2024-07",
        "show 2024-07-28-japan-us-2plus2",
    ):
        result = shell(
            f"jdiplo --records {SAMPLE} {command} | cat",
            tmp_path,
            FORCE_COLOR="1",
            NO_COLOR=no_color,
        )
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout, command
    on_terminal = on_a_terminal(["--records", str(SAMPLE), "list"], FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in on_terminal
    assert "2024-07-26-japan-rok-foreign-ministers" in on_terminal


def test_an_empty_force_color_is_not_set(tmp_path: Path) -> None:
    result = shell(f"jdiplo --records {SAMPLE} list --format table | cat", tmp_path, FORCE_COLOR="")
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_a_dumb_terminal_gets_no_colour_unless_forced(tmp_path: Path, term: str) -> None:
    output = on_a_terminal(["--records", str(SAMPLE), "list"], TERM=term)
    assert "\x1b" not in output
    assert "2024-07-26-japan-rok-foreign-ministers" in output
    forced = shell(
        f"jdiplo --records {SAMPLE} list --format table | cat", tmp_path, FORCE_COLOR="1", TERM=term
    )
    assert ESCAPE in forced.stdout


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_json_lines_are_utf8_whatever_the_stream_s_encoding(
    tmp_path: Path, cache: list[str]
) -> None:
    """JSON Lines are UTF-8 (jsonlines.org): a listing's records go out as the index holds
    them, even where Python would encode stdout otherwise (here ASCII, which cannot hold the
    sample's typographic quotes)."""
    command = [str(JDIPLO), *cache, "--records", str(SAMPLE), "list", "--format"]
    environment = {**os.environ, "JDIPLO_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("JDIPLO_NO_CACHE", None)
    as_json = subprocess.run([*command, "json"], capture_output=True, env=environment)
    lines = subprocess.run(
        [*command, "jsonl"], capture_output=True, env={**environment, "PYTHONIOENCODING": "ascii"}
    )
    assert lines.returncode == 0, lines.stderr
    records = json.loads(as_json.stdout)
    assert [json.loads(line) for line in lines.stdout.decode("utf-8").splitlines()] == records
    assert any(ord(character) > 127 for character in lines.stdout.decode("utf-8"))


@pytest.mark.parametrize("shown", ["json", "csv", "plain", "md", "ids"])
def test_every_format_on_a_pipe_is_utf8_whatever_the_locale_says(
    tmp_path: Path, shown: str
) -> None:
    """What reads a pipe expects UTF-8 (as from git or jq): an ASCII stdout encoding neither
    stops the command nor changes a byte."""
    command = [str(JDIPLO), "--records", str(SAMPLE), "list", "--format", shown]
    environment = {**os.environ, "JDIPLO_CACHE_DIR": str(tmp_path / "cache")}
    expected = subprocess.run(command, capture_output=True, env=environment)
    ascii_locale = {**environment, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(command, capture_output=True, env=ascii_locale)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == expected.stdout
    # (JSON and CSV hold the sample's typographic quotes, which ASCII cannot)
    assert any(byte > 127 for byte in done.stdout) == (shown in ("json", "csv"))
