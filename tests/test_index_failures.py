"""The index never answers from stale, damaged or partial data, and never blocks: every way it
was found to fail (issue 8) gives the same answer as reading the YAML (`--no-cache`), or a
clear one-line refusal.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, Invoke
from jdiplo.index.database import index_path

JDIPLO = Path(sys.executable).parent / "jdiplo"
MONTH = "2024/2024-07.yaml"
SEED = "seeds/000_7715609ff7e77d61.txt"


@pytest.fixture(autouse=True)
def with_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the index: they use it even in a `pytest --no-cache` run."""
    monkeypatch.delenv("JDIPLO_NO_CACHE", raising=False)


def both(jdiplo: Invoke, records: Path, *args: str) -> tuple[object, object]:
    """(the answer with the index, the answer from the YAML) of one command."""
    cached = jdiplo("--records", str(records), *args)
    direct = jdiplo("--records", str(records), "--no-cache", *args)
    return (cached.code, cached.stdout, cached.stderr), (direct.code, direct.stdout, direct.stderr)


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Change `old` to `new` (as long) and give the file back its modification time, as
    `touch -r`, a `git checkout`, rsync or a restore from a backup do."""
    assert len(old.encode()) == len(new.encode())
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (status.st_size, status.st_mtime_ns)


def age(path: Path, monkeypatch: pytest.MonkeyPatch, seconds: int = 3600) -> None:
    """Make a file an hour old, as files are when nobody has just written them, and its status
    change too (by taking the window where contents are compared down to nothing: the kernel
    sets the status-change time, and only it): what the index stores of it is not "racy", so
    that only its state (size, times, inode, device) can show a change."""
    past = time.time_ns() - seconds * 1_000_000_000
    os.utime(path, ns=(past, past))
    monkeypatch.setattr("jdiplo.index.freshness.RACY_NS", 0)


# Stale answers


def test_a_record_edited_back_to_its_size_and_time_is_read_again(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    month = sample / MONTH
    age(month, monkeypatch)
    assert jdiplo("--records", str(sample), "list").code == 0  # the index is built
    edit_keeping_size_and_time(month, "kind: meeting", "kind: meetin_")
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct
    assert cached[0] == 1 and "unknown kind 'meetin_'" in str(cached[2])


def test_a_title_edited_back_to_its_size_and_time_is_listed_new(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    month = sample / MONTH
    age(month, monkeypatch)
    jdiplo("--records", str(sample), "list")
    edit_keeping_size_and_time(month, "in Vientiane", "in Vientianx")
    cached, direct = both(jdiplo, sample, "list", "--format", "jsonl")
    assert cached == direct
    assert "in Vientianx" in str(cached[1])


def test_a_source_edited_back_to_its_size_and_time_is_checked_again(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = sample.parent / SEED
    age(seed, monkeypatch)
    assert jdiplo("--records", str(sample), "list").code == 0  # the index is built
    edit_keeping_size_and_time(seed, "Vientiane", "Vientiana")
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct
    assert cached[0] == 1 and "quote not found in the source" in str(cached[2])


@pytest.mark.parametrize("linked", ["folder", "file"])
def test_a_source_behind_a_link_retargeted_is_checked_again(
    jdiplo: Invoke, sample: Path, linked: str
) -> None:
    """The seeds folder (or the seed itself) is a link; pointed at a copy whose quote is
    changed, the cached answer is the one read without the index."""
    seed = sample.parent / SEED
    first, second = sample.parent / "first", sample.parent / "second"
    for copy in (first, second):
        copy.mkdir()
        shutil.copy2(seed, copy / seed.name)
    text = (second / seed.name).read_text(encoding="utf-8")
    (second / seed.name).write_text(text.replace("Vientiane", "Vientiana"), encoding="utf-8")
    if linked == "folder":
        shutil.rmtree(seed.parent)
        seed.parent.symlink_to(first)
    else:
        seed.unlink()
        seed.symlink_to(first / seed.name)
    assert jdiplo("--records", str(sample), "validate").code == 0
    assert jdiplo("--records", str(sample), "list").code == 0  # the index is built
    link = seed.parent if linked == "folder" else seed
    link.unlink()
    link.symlink_to(second if linked == "folder" else second / seed.name)
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct
    assert cached[0] == 1 and "quote not found in the source" in str(cached[2])


def test_two_edits_of_a_source_within_one_second_are_both_seen(
    jdiplo: Invoke, sample: Path
) -> None:
    """The source was written just before the index read it (its times are "racy"): a second
    edit in the same tick of a coarse clock keeps size and times, and is seen by its digest."""
    seed = sample.parent / SEED
    status = seed.stat()
    assert jdiplo("--records", str(sample), "list").code == 0  # the index is built
    edit_keeping_size_and_time(seed, "Vientiane", "Vientiana")
    os.utime(seed, ns=(status.st_atime_ns, status.st_mtime_ns))
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct and cached[0] == 1


# A damaged cache


def test_random_bytes_in_the_middle_of_the_index_never_stop_a_command(
    jdiplo: Invoke, sample: Path
) -> None:
    expected = jdiplo("--records", str(sample), "--no-cache", "list", "--format", "jsonl")
    draw = random.Random(8)
    for _ in range(5):
        assert jdiplo("--records", str(sample), "list").code == 0  # an index, checkpointed
        path = index_path(sample)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        data = bytearray(path.read_bytes())
        middle = len(data) // 2 - 1000
        data[middle : middle + 2000] = bytes(draw.randrange(256) for _ in range(2000))
        path.write_bytes(bytes(data))
        for _ in range(2):  # the one that finds the damage, and the next
            result = jdiplo("--records", str(sample), "list", "--format", "jsonl")
            assert (result.code, result.stdout) == (0, expected.stdout)
            assert result.stderr.count("\n") <= 1  # at most a one-line note


@pytest.mark.parametrize("shown", ["jsonl", "json", "plain", "csv"])
@pytest.mark.parametrize("where", ["first", "every"])
def test_a_changed_byte_inside_a_stored_record_is_never_printed(
    jdiplo: Invoke, sample: Path, shown: str, where: str
) -> None:
    """The formats that print the records alone read and check the record's JSON alone; the
    others, the listing's columns: a byte changed in either (the title column, the JSON, or
    both) is never printed."""
    expected = jdiplo("--records", str(sample), "--no-cache", "list", "--format", shown)
    assert jdiplo("--records", str(sample), "list").code == 0
    path = index_path(sample)
    with sqlite3.connect(path) as connection:  # a checkpoint: the rows are in the main file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    found = b"Foreign Ministers Kamikawa"
    if where == "first":  # in the record's JSON or its title
        at = data.index(found)
        data = data[:at] + b"X" + data[at + 1 :]
    else:
        data = data.replace(found, b"X" + found[1:])
    path.write_bytes(data)
    for _ in range(2):
        result = jdiplo("--records", str(sample), "list", "--format", shown)
        assert (result.code, result.stdout) == (0, expected.stdout)
        assert "Xoreign" not in result.stdout


@pytest.mark.parametrize("damage", ["a changed byte", "a record its checksum passes"])
def test_a_damaged_stored_record_never_reaches_a_report(
    jdiplo: Invoke, sample: Path, damage: str
) -> None:
    """Reports read the records the index stores without validating them again: a damaged
    one, even one whose checksum was made to pass (damage a CRC cannot see), is never
    reported; the report comes from the YAML files, with a one-line note."""
    import zlib

    command = ("--records", str(sample), "digest", "--period", "2024", "--format", "json")
    expected = jdiplo("--no-cache", *command)
    assert expected.code == 0 and jdiplo(*command).stdout == expected.stdout
    with sqlite3.connect(index_path(sample)) as connection:
        record = connection.execute("SELECT record FROM events ORDER BY number").fetchone()[0]
        if damage == "a changed byte":
            changed = record.replace("Kamikawa", "Xamikawa")
            assert changed != record
            connection.execute("UPDATE events SET record = ? WHERE record = ?", (changed, record))
        else:
            changed = '{"id": "forged"}'
            connection.execute(
                "UPDATE events SET record = ?, record_checksum = ? WHERE record = ?",
                (changed, zlib.crc32(changed.encode()), record),
            )
    result = jdiplo(*command)
    assert (result.code, result.stdout) == (0, expected.stdout)
    assert result.stderr.count("\n") == 1 and "index" in result.stderr
    assert jdiplo(*command).stdout == expected.stdout  # and the index is whole again


def test_a_full_disk_is_stepped_around_and_forgotten_once_there_is_room(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says the disk is full while the index is filled: the command answers from the
    YAML with a note; once there is room, the next command builds the index as usual."""
    import jdiplo.index.database as database

    expected = jdiplo("--records", str(sample), "--no-cache", "list", "--format", "jsonl")
    original = database.Index.store_file

    def full(self: database.Index, *args: object, **kwargs: object) -> None:
        if self.path is not None:
            raise database.failure(sqlite3.OperationalError("database or disk is full"))
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database.Index, "store_file", full)
    result = jdiplo("--records", str(sample), "list", "--format", "jsonl")
    assert (result.code, result.stdout) == (0, expected.stdout)
    assert result.stderr == (
        "jdiplo: note: the index cannot be used (database or disk is full); "
        "answering from the YAML files\n"
    )
    monkeypatch.setattr(database.Index, "store_file", original)
    result = jdiplo("--records", str(sample), "list", "--format", "jsonl")
    assert (result.code, result.stdout, result.stderr) == (0, expected.stdout, "")


def mounted_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_a_cache_on_a_full_file_system_never_stops_a_command(tmp_path: Path) -> None:
    """A real full disk: the cache folder on a file system of 64 kB (a tmpfs, where this test
    may mount one; the test above injects SQLite's "full" where it may not)."""
    cache = tmp_path / "small-cache"
    if not mounted_tmpfs(cache, "64k"):
        pytest.skip("cannot mount a tmpfs here")
    try:
        records = tmp_path / "set" / "records"
        shutil.copytree(DATA / "sample", tmp_path / "set")
        many = "".join(
            f"  - {{id: filler-{n}, date: 2024-08-01, title: A filler event to fill the disk "
            f"{'x' * 200}, kind: meeting, partners: [US], sources: [{{url: 'https://e.org/{n}',"
            " quote: q}]}\n"
            for n in range(400)
        )
        (records / "2024" / "2024-08.yaml").write_text("events:\n" + many, encoding="utf-8")
        environment = {**os.environ, "JDIPLO_CACHE_DIR": str(cache)}
        command = [str(JDIPLO), "--records", str(records), "list", "--format", "ids"]
        direct = subprocess.run(
            [*command[:3], "--no-cache", *command[3:]], capture_output=True, text=True
        )
        assert direct.returncode == 0 and direct.stdout
        for _ in range(2):
            done = subprocess.run(command, capture_output=True, text=True, env=environment)
            assert (done.returncode, done.stdout) == (0, direct.stdout)
            assert done.stderr.count("\n") <= 1 and "Traceback" not in done.stderr
    finally:
        subprocess.run(["umount", str(cache)], capture_output=True)
    # With room again (the same folder, now on the ordinary disk), the index is built.
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    assert (done.returncode, done.stdout, done.stderr) == (0, direct.stdout, "")
    assert (cache / index_path(records).name).is_file()


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_a_writer_stopped_while_holding_the_lock_blocks_nobody(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process stopped (Ctrl-Z, SIGSTOP) in the middle of writing the index: the next
    command waits a few seconds at most, then answers from the YAML with a note."""
    import jdiplo.index.database as database

    monkeypatch.setattr(database, "LOCK_SECONDS", 0.3)
    assert jdiplo("--records", str(sample), "list").code == 0
    (sample / "2024" / "2024-08.yaml").write_text(
        (sample / MONTH).read_text(encoding="utf-8").replace("2024-07-2", "2024-08-2"),
        encoding="utf-8",
    )
    expected = jdiplo("--records", str(sample), "--no-cache", "list", "--format", "jsonl")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, signal, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "os.kill(os.getpid(), signal.SIGSTOP)\n",
            str(index_path(sample)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = jdiplo("--records", str(sample), "list", "--format", "jsonl")
        assert (result.code, result.stdout) == (0, expected.stdout)
        assert result.stderr.startswith("jdiplo: note: the index cannot be used (database is ")
        assert result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()


# Names and files the index cannot store, or must not read


def test_a_record_file_with_a_name_that_is_not_utf8_is_reported_alike(
    jdiplo: Invoke, sample: Path
) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(sample / MONTH, sample / "2024" / name)
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct
    assert cached[0] == 1
    assert "caf\\xe9.yaml:1:1: the file name is not valid UTF-8: rename the file" in str(cached[2])


def test_a_records_directory_whose_name_is_not_utf8_works(jdiplo: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"d\xe9p\xf4t")
    shutil.copytree(DATA / "sample", folder)
    cached, direct = both(jdiplo, folder / "records", "list", "--format", "ids")
    assert cached == direct
    assert cached[0] == 0 and len(str(cached[1]).split()) == 3


@pytest.mark.parametrize("kind", ["dangling", "loop", "unreadable"])
def test_unreadable_record_files_are_reported_alike(
    jdiplo: Invoke, sample: Path, kind: str
) -> None:
    path = sample / "2024" / "broken.yaml"
    if kind == "dangling":
        path.symlink_to(sample / "2024" / "nowhere.yaml")
    elif kind == "loop":
        path.symlink_to(path)
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads files whatever their permissions")
        shutil.copy(sample / MONTH, path)
        path.chmod(0)
    cached, direct = both(jdiplo, sample, "validate")
    assert cached == direct
    assert cached[0] == 1 and str(cached[2]).count("broken.yaml:1:1: ") == 1


# Workers of a parallel read


def processes_of(parent: int) -> list[int]:
    """The processes whose parent is `parent` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="reads in parallel on 2 cores or more")
def test_a_killed_parent_leaves_no_worker_behind(tmp_path: Path) -> None:
    records = tmp_path / "big" / "records"
    shutil.copytree(DATA / "sample", tmp_path / "big")
    text = (records / MONTH).read_text(encoding="utf-8")
    for month in range(1, 13):  # 1.2 MB in 12 files: read by workers
        copies = "".join(
            text.split("events:\n", 1)[1].replace("id: 2024", f"id: m{month}-c{n}-2024")
            for n in range(120)
        ).replace("related: [2024", "related: [2024")
        folder = records / f"{2000 + month}"
        folder.mkdir()
        (folder / "events.yaml").write_text(
            "events:\n" + copies.replace("related: [", "tags: ["), encoding="utf-8"
        )
    parent = subprocess.Popen(
        [str(JDIPLO), "--records", str(records), "--no-cache", "validate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and parent.poll() is None:
        workers = processes_of(parent.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.01)
    if len(workers) < 2:
        parent.wait()
        pytest.skip("the read ended before its workers could be seen")
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]
