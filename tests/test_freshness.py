"""Freshness: a file is unchanged only when size, times, inode and device all match, and its
contents too when it changed within the racy window of when it was read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdiplo.index.freshness import (
    RACY_NS,
    ContentTest,
    FileState,
    digest_of_file,
    racy,
    state_of,
    unchanged,
)
from jdiplo.layout import digest_of

SECOND = 1_000_000_000
STATE = FileState(size=10, mtime_ns=100 * SECOND, ctime_ns=100 * SECOND, inode=7, device=1)


class Contents:
    """A content test that says what it is told, and counts how often it was asked."""

    def __init__(self, same: bool) -> None:
        self.same = same
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.same


@pytest.mark.parametrize(
    "field", ["size", "mtime_ns", "ctime_ns", "inode", "device"], ids=lambda name: name
)
def test_any_difference_of_state_is_a_change(field: str) -> None:
    changed = STATE._replace(**{field: getattr(STATE, field) + 1})
    contents = Contents(same=True)
    assert not unchanged(changed, STATE, checked_ns=200 * SECOND, same_contents=contents)
    assert contents.asked == 0  # a different state needs no reading


def test_a_file_gone_is_a_change() -> None:
    assert not unchanged(None, STATE, checked_ns=200 * SECOND, same_contents=Contents(True))


def test_a_settled_file_with_the_same_state_is_unchanged_without_reading_it() -> None:
    contents = Contents(same=False)
    checked = STATE.mtime_ns + RACY_NS + 1
    assert unchanged(STATE, STATE, checked_ns=checked, same_contents=contents)
    assert contents.asked == 0


@pytest.mark.parametrize("same", [True, False])
def test_a_racy_file_is_compared_by_its_contents(same: bool) -> None:
    contents = Contents(same=same)
    checked = STATE.mtime_ns + RACY_NS  # changed within the window before it was read
    assert unchanged(STATE, STATE, checked_ns=checked, same_contents=contents) is same
    assert contents.asked == 1


def test_the_window_is_inclusive_at_its_edge_and_counts_the_status_change_too() -> None:
    assert racy(STATE, STATE.mtime_ns + RACY_NS)
    assert not racy(STATE, STATE.mtime_ns + RACY_NS + 1)
    late_status = STATE._replace(ctime_ns=STATE.mtime_ns + 10 * SECOND)
    assert racy(late_status, STATE.mtime_ns + 10 * SECOND + RACY_NS)
    late_modification = STATE._replace(mtime_ns=STATE.ctime_ns + 10 * SECOND)
    assert racy(late_modification, STATE.ctime_ns + 10 * SECOND + RACY_NS)


def test_the_state_and_digest_of_a_link_are_never_those_of_its_target(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("twelve bytes", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    status = target.stat()
    assert state_of(str(target)) == FileState(
        status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev
    )
    assert state_of(str(link)) not in (None, state_of(str(target)))
    assert state_of(str(tmp_path / "missing")) is None
    assert digest_of_file(str(target)) == digest_of(b"twelve bytes")
    assert digest_of_file(str(link)) is None  # it counts as changed: the file is read again


def test_contents_are_compared_by_digest(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_bytes(b"events: []\n")
    assert digest_of_file(str(path)) == digest_of(b"events: []\n")
    assert ContentTest(str(path), digest_of(b"events: []\n"))()
    assert not ContentTest(str(path), digest_of(b"events: [ ]\n"))()
    path.unlink()
    assert digest_of_file(str(path)) is None
    assert not ContentTest(str(path), digest_of(b"events: []\n"))()


def test_a_fifo_is_never_read_for_its_digest(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert digest_of_file(str(fifo)) is None  # would wait for a writer forever if it read
