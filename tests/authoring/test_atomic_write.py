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


# Other platforms: each fallback runs here, by taking away what POSIX offers.

AUGUST = """\
events:
- id: b-second
  date: 2024-08-20
  title: "Second event"
  kind: statement
  partners:
  - US
  sources:
  - {url: "https://example.org/b", quote: "A quote"}
"""


def without_fchmod(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows before Python 3.13, where `os.fchmod` does not exist."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    assert not hasattr(os, "fchmod")


def test_without_fchmod_a_replaced_file_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_fchmod(monkeypatch)
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert temporaries(tmp_path) == []


def test_without_fchmod_add_and_fmt_replace_files_with_their_mode(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_fchmod(monkeypatch)
    month = sample / MONTH
    month.chmod(0o600)
    added = jdiplo("--records", str(sample), *ADD, "--title", "Talks")
    assert (added.code, added.stderr) == (0, "")
    assert added.stdout == "2024-07-27-talks\n"
    assert month.stat().st_mode & 0o777 == 0o600
    august = sample / "2024" / "2024-08.yaml"
    august.write_text(AUGUST, encoding="utf-8")
    august.chmod(0o604)
    formatted = jdiplo("--records", str(sample), "fmt")
    assert (formatted.code, formatted.stderr) == (0, "")
    assert formatted.stdout.endswith("records/2024/2024-08.yaml\n")
    assert "  - id: b-second\n    date: 2024-08-20\n" in august.read_text(encoding="utf-8")
    assert august.stat().st_mode & 0o777 == 0o604
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 5 events in 2 files\n"
    assert temporaries(sample / "2024") == []


def test_without_fchmod_a_failed_chmod_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_fchmod(monkeypatch)
    target = tmp_path / "a.yaml"
    target.write_bytes(b"original\n")

    def refused(path: object, mode: int, **options: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "chmod", refused)
    with pytest.raises(WriteFailed, match="Permission denied; nothing was changed"):
        write_text(target, b"new\n")
    assert target.read_bytes() == b"original\n"
    assert temporaries(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"original\n")

    def interrupted(descriptor: int, content: bytes) -> None:
        os.write(descriptor, content[:3])
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(target, b"new content\n")
    assert target.read_bytes() == b"original\n"
    assert temporaries(tmp_path) == []


def test_an_interrupt_between_renames_removes_the_temporaries_not_yet_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(b"a\n")
    second.write_bytes(b"b\n")

    def interrupt_the_second(temporary: Path, target: Path) -> None:
        if target == second:
            raise KeyboardInterrupt

    monkeypatch.setattr(files, "_before_rename", interrupt_the_second)
    with pytest.raises(KeyboardInterrupt):
        files.write_files([(first, b"A\n"), (second, b"B\n")])
    assert (first.read_bytes(), second.read_bytes()) == (b"A\n", b"b\n")
    assert temporaries(tmp_path) == []


def test_a_read_only_temporary_file_is_still_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to delete a read-only file: it is made writable first."""
    leftover = tmp_path / f".a.yaml.0123abcd{files.TEMPORARY_SUFFIX}"
    leftover.write_bytes(b"half")
    real_unlink = Path.unlink
    refused: list[Path] = []

    def windows_unlink(path: Path, missing_ok: bool = False) -> None:
        if not path.stat().st_mode & 0o200:
            refused.append(path)
            raise PermissionError(13, "Access is denied")
        real_unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", windows_unlink)
    leftover.chmod(0o444)
    write_text(tmp_path / "a.yaml", b"new\n")  # removes the leftover of a killed writer
    assert refused == [leftover]
    assert temporaries(tmp_path) == []
    assert (tmp_path / "a.yaml").read_bytes() == b"new\n"


def test_the_temporary_file_is_opened_in_binary_mode_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows `os.open` writes text mode (LF becomes CRLF) unless given `O_BINARY`."""
    binary = os.O_CLOEXEC  # a harmless flag standing for Windows' O_BINARY
    monkeypatch.setattr(os, "O_BINARY", binary, raising=False)
    real_open = os.open
    flags_used: list[int] = []

    def recording_open(path: object, flags: int, *args: int, **kwargs: int) -> int:
        flags_used.append(flags)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", recording_open)
    write_text(tmp_path / "a.yaml", b"a\nb\r\n")
    assert (tmp_path / "a.yaml").read_bytes() == b"a\nb\r\n"
    created = [flags for flags in flags_used if flags & os.O_CREAT]
    assert len(created) == 1 and created[0] & binary


def test_a_folder_that_cannot_be_opened_is_not_fsynced_and_the_write_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows cannot open a folder with `os.open` (PermissionError): the rename is still
    atomic, only not made durable by a folder fsync."""
    real_open = os.open

    def windows_open(path: object, flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).is_dir():  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", windows_open)
    write_text(tmp_path / "a.yaml", b"new\n")
    assert (tmp_path / "a.yaml").read_bytes() == b"new\n"
    assert temporaries(tmp_path) == []


def test_without_fcntl_writes_land_unlocked(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no `fcntl`: `add` still writes atomically, without the lock."""
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    with records_lock(sample), records_lock(sample, timeout=0):
        pass  # no lock at all, so a second holder does not wait
    added = jdiplo("--records", str(sample), *ADD, "--title", "Talks")
    assert (added.code, added.stdout, added.stderr) == (0, "2024-07-27-talks\n", "")
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 4 events in 1 file\n"
    assert temporaries(sample / "2024") == []
