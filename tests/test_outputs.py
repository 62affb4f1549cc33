"""Output paths: files are written atomically, everything else is streamed and never replaced."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import Invoke
from jdiplo.outputs import open_output, output_target, write_output
from jdiplo.problems import UsageError

JDIPLO = Path(sys.executable).parent / "jdiplo"


def test_a_new_file_and_an_existing_file_are_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "chart.svg"
    write_output(output_target(path, "--svg"), b"first")
    assert path.read_bytes() == b"first"
    path.chmod(0o640)
    write_output(output_target(path, "--svg"), b"second")
    assert path.read_bytes() == b"second"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the file's mode is kept
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]  # no temporary file left


def test_a_failure_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), open_output(output_target(path, "-o")) as stream:
        stream.write("half of the new")
        raise RuntimeError("the renderer failed")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_link_to_a_file_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_bytes(b"old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    write_output(output_target(link, "--svg"), b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(output_target(fifo, "--svg"), b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_is_never_replaced() -> None:
    target = output_target("/dev/null", "--svg")
    assert target.streamed
    write_output(target, b"discarded")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (".", "is a folder; name a file"),
        ("missing/chart.svg", "folder not found: missing"),
    ],
)
def test_paths_that_cannot_be_written_are_usage_errors(
    name: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=message) as raised:
        output_target(name, "--svg")
    assert raised.value.option == "--svg"


def test_nothing_is_written_into_the_records_directory(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    with pytest.raises(UsageError, match="inside the records directory"):
        output_target(records / "chart.svg", "--svg", outside=records)


def test_summary_svg_to_a_folder_is_a_usage_error(jdiplo: Invoke, tmp_path: Path) -> None:
    result = jdiplo("summary", "--by", "kind", "--svg", str(tmp_path))
    assert result.code == 2
    assert "is a folder" in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("target", ["/dev/stdout", ">(wc -c > count.txt)", "-"])
def test_summary_svg_reaches_stdout_and_process_substitution(target: str, tmp_path: Path) -> None:
    """`--svg /dev/stdout` (stdout a file or a pipe) and `--svg >(...)` write to the stream."""
    shown = target if target.startswith(">(") else f"'{target}'"
    script = f"'{JDIPLO}' summary --by kind --svg {shown} > out.txt; wait $!"
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "JDIPLO_RECORDS": ""},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out.txt").read_text(encoding="utf-8")
    if target.startswith(">("):
        assert int((tmp_path / "count.txt").read_text()) > 1000  # wc counted the SVG
        assert "<svg" not in written
    else:
        assert written.startswith("agreement\t2\n")  # the summary, then the SVG after it
        assert written.rstrip().endswith("</svg>")
