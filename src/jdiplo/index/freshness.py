"""Whether a file is as it was when the index read it: git's rule, which cannot be fooled.

A file is unchanged only when its size, modification time (in nanoseconds), status-change
time, inode and device all match what was stored. The status-change time (ctime) is the guard
against tools that restore a modification time (`touch -r`, `git checkout`, rsync, restores
from backups): nothing but the kernel sets it, and it moves on with every write, rename or
change of mode. A file whose times fall within `RACY_NS` of when it was read may still change
without any of them moving (file systems keep time in coarse ticks): such a file is "racy", and
is compared by the digest of its contents as well (git's "racy git" rule).

The limits are documented in docs/index.md: a change of the system clock backwards, or a tool
that writes file systems behind the kernel's back, can still hide a change from this test;
`--no-cache` always reads the files themselves.
"""

from __future__ import annotations

import os
import time
from typing import NamedTuple

# Two seconds: the coarsest timestamps of common file systems (FAT) and more than enough for a
# kernel's clock tick.
RACY_NS = 2_000_000_000


class FileState(NamedTuple):
    """What the index remembers of a file besides its digest."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int


def state_of(path: str) -> FileState | None:
    """The state of `path` (of a link itself, never of what it points to: record files must be
    real files, and a source's path is resolved before it is looked at), or None if it cannot
    be seen."""
    try:
        status = os.lstat(path)  # os, not pathlib: thousands of calls
    except (OSError, ValueError):
        return None
    return FileState(
        status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev
    )


def now_ns() -> int:
    """The time a state is taken at: read before the file is looked at."""
    return time.time_ns()


def racy(state: FileState, checked_ns: int) -> bool:
    """Whether the file changed so close to when it was read that a later change could keep
    its times: its contents must be compared."""
    return racy_times(state.mtime_ns, state.ctime_ns, checked_ns)


def racy_times(mtime_ns: int, ctime_ns: int, checked_ns: int) -> bool:
    """`racy` of a state's two times (for the thousands of sources a warm command checks)."""
    return max(mtime_ns, ctime_ns) >= checked_ns - RACY_NS


def unchanged(
    current: FileState | None, stored: FileState, checked_ns: int, same_contents: ContentTest
) -> bool:
    """Whether a file whose state was `stored` at `checked_ns` is still as it was."""
    if current != stored:
        return False
    return not racy(stored, checked_ns) or same_contents()


class ContentTest:
    """Compares a file's contents with a stored digest, reading the file only when asked."""

    def __init__(self, path: str, digest: str) -> None:
        self.path = path
        self.digest = digest

    def __call__(self) -> bool:
        return digest_of_file(self.path) == self.digest


def digest_of_file(path: str) -> str | None:
    """The digest of a file's contents; None when it cannot be read (it then counts as changed),
    a link included: a file is never read through a link (see `state_of`)."""
    from jdiplo.layout import MAX_FILE_BYTES, Unreadable, digest_of, read_bounded

    try:
        return digest_of(read_bounded(path, MAX_FILE_BYTES))
    except Unreadable:
        return None
