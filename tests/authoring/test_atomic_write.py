"""Writes are atomic and locked: a full disk, a killed process or ten writers at once never
leave a record file half-written, and every writer lands."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import DATA, Invoke
from jdiplo.authoring import files
from jdiplo.authoring.files import LockTimeout, WriteFailed, read_text, records_lock, write_text

JDIPLO = Path(sys.executable).parent / "jdiplo"
MONTH = "2024/2024-07.yaml"

ADD = [
    "add", "--date", "2024-07-27", "--kind", "meeting", "--partner", "US",
    "--source-url", "https://example.org/a", "--quote", "a quote", "--allow-duplicate",
]  # fmt: skip


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{files.TEMPORARY_SUFFIX}"))


def test_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert temporaries(tmp_path) == []


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_bom_and_crlf_line_ends_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"\xef\xbb\xbfevents:\r\n  - a\r\n")
    stored = read_text(target)
    assert stored.text == "events:\n  - a\n"
    write_text(target, stored.encoded(stored.text + "  - b\n"))
    assert target.read_bytes() == b"\xef\xbb\xbfevents:\r\n  - a\r\n  - b\r\n"


def test_a_full_disk_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"original\n")

    def disk_full(descriptor: int, content: bytes) -> None:
        os.write(descriptor, content[: len(content) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_write_all", disk_full)
    with pytest.raises(WriteFailed, match="no space left on the device; nothing was changed"):
        write_text(target, b"a much longer new content\n" * 100)
    assert target.read_bytes() == b"original\n"
    assert temporaries(tmp_path) == []


def test_a_full_disk_while_adding_is_one_line_and_changes_nothing(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (sample / MONTH).read_bytes()

    def disk_full(descriptor: int, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_write_all", disk_full)
    result = jdiplo("--records", str(sample), *ADD, "--title", "Talks")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no space left on the device; nothing was changed" in result.stderr
    assert (sample / MONTH).read_bytes() == before
    assert temporaries(sample / "2024") == []


def test_several_files_are_all_written_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(b"a\n")
    second.write_bytes(b"b\n")
    calls = []

    def second_fails(descriptor: int, content: bytes) -> None:
        calls.append(content)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        os.write(descriptor, content)

    monkeypatch.setattr(files, "_write_all", second_fails)
    with pytest.raises(WriteFailed, match=r"cannot write .*b\.yaml"):
        files.write_files([(first, b"A\n"), (second, b"B\n")])
    assert (first.read_bytes(), second.read_bytes()) == (b"a\n", b"b\n")
    assert temporaries(tmp_path) == []


def test_the_lock_is_exclusive(tmp_path: Path) -> None:
    with (
        records_lock(tmp_path),
        pytest.raises(LockTimeout, match="locked by another"),
        records_lock(tmp_path, timeout=0.1),
    ):
        pass
    with records_lock(tmp_path, timeout=0.1):
        pass  # released


# Real processes

needs_jdiplo = pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")


def copy_sample(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "sample", tmp_path / "sample")
    return tmp_path / "sample" / "records"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "JDIPLO_RECORDS"}
    return subprocess.run(
        [str(JDIPLO), *args], capture_output=True, text=True, timeout=60, env=environment
    )


@needs_jdiplo
def test_ten_adds_at_once_all_land(tmp_path: Path) -> None:
    records = copy_sample(tmp_path)
    environment = {key: value for key, value in os.environ.items() if key != "JDIPLO_RECORDS"}
    processes = [
        subprocess.Popen(
            # Half of them share a title: their default ids must still differ.
            [str(JDIPLO), "--records", str(records), *ADD, "--title", f"Talks {number % 5}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for number in range(10)
    ]
    outcomes = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 10, outcomes
    ids = [stdout.strip() for stdout, _ in outcomes]
    bases = [f"2024-07-27-talks-{number}" for number in range(5)]
    assert sorted(ids) == sorted(bases + [f"{base}-2" for base in bases])
    check = run("--records", str(records), "validate")
    assert check.stdout == "OK: 13 events in 1 file\n", check.stderr
    listed = run("--records", str(records), "list", "--format", "ids").stdout.split()
    assert set(ids) <= set(listed)
    assert temporaries(records / "2024") == []


KILLED_WRITER = """
import os, sys, time
from jdiplo.authoring import files

def pause(*args):
    print("paused", flush=True)
    time.sleep(600)

if sys.argv[1] == "before-rename":
    files._before_rename = pause
else:  # in the middle of writing the temporary file
    def half(descriptor, content):
        os.write(descriptor, content[: len(content) // 2])
        pause()
    files._write_all = half
from jdiplo.cli.app import main
main(sys.argv[2:])
"""


@needs_jdiplo
@pytest.mark.parametrize("moment", ["before-rename", "mid-write"])
def test_a_killed_writer_leaves_the_original_whole(tmp_path: Path, moment: str) -> None:
    records = copy_sample(tmp_path)
    before = (records / MONTH).read_bytes()
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(KILLED_WRITER), encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, str(script), moment, "--records", str(records), *ADD, "--title", "T"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "paused\n"
    assert len(temporaries(records / "2024")) == 1  # the write is under way
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert (records / MONTH).read_bytes() == before
    assert run("--records", str(records), "validate").stdout == "OK: 3 events in 1 file\n"
    # The lock died with the process; the next writer lands and removes the leftover.
    again = run("--records", str(records), *ADD, "--title", "T")
    assert again.returncode == 0, again.stderr
    assert temporaries(records / "2024") == []
    assert run("--records", str(records), "validate").stdout == "OK: 4 events in 1 file\n"
