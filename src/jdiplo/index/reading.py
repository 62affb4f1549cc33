"""Reading record files: the one pipeline every path takes (the index on disk, the index in
memory, `validate` without an index), in parallel when there is enough to read.

For each file: its state is taken, its events are loaded (load.py), the quotes of every event
(valid or not) are checked against their sources (validate.py), and, for a file without
problems, the rows the index stores are built (schema.py). The checks across files (duplicate
and related ids) need every file and run afterwards, in refresh.py.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.index.freshness import FileState, now_ns, state_of

if TYPE_CHECKING:
    from jdiplo.index.schema import FileRows
    from jdiplo.load import FileContents, Identity
    from jdiplo.partners import Registry
    from jdiplo.problems import Problem
    from jdiplo.validate import Mention

# Reading in parallel pays only past a few hundred kilobytes: a worker costs a fork.
PARALLEL_BYTES = 1_000_000
# At most so many files in one task of a worker (it reads each source file once per task).
CHUNK = 8


class FileRead(NamedTuple):
    """One record file read: its state before reading, its problems, what the id checks need
    of its events (valid or not; none when it has rows: the index holds them), and its rows
    (when asked for and it has no problems)."""

    relative: str
    state: FileState | None
    checked_ns: int
    digest: str
    problems: list[Problem]
    identities: list[Identity]
    rows: FileRows | None
    contents: FileContents | None = None  # the events themselves, when kept
    mentions: list[Mention] | None = None  # the people its events name (without rows)


def _read(
    records_dir: Path,
    relatives: Sequence[str],
    registry: Registry,
    rows: bool,
    keep: bool = False,
    complete: bool = True,
    links_of: Collection[str] | None = None,
) -> Iterator[FileRead]:
    """Files read and checked with one `Checks`, which reads each source file once."""
    from jdiplo.index.schema import SourceRow, file_rows
    from jdiplo.load import load_file
    from jdiplo.validate import Checks, Mention

    checks = Checks(records_dir)
    base = os.fspath(records_dir)
    for relative in relatives:
        checked = now_ns()
        state = state_of(os.path.join(base, relative))  # noqa: PTH118
        contents = load_file(records_dir, relative, registry)
        problems = contents.problems + checks.quotes(contents.evidence)
        built = None
        if rows and not problems and state is not None:
            sources = {}
            for name in sorted({s.file for e in contents.events for s in e.sources if s.file}):
                read = checks.source(name)
                assert read.state is not None, "a source whose quotes matched was read"
                sources[name] = SourceRow(read.state, read.checked_ns, read.digest)
            built = file_rows(relative, contents.events, sources, registry, complete, links_of)
        # What the id checks need of the events, unless the index holds them (a stored file's
        # events are read back from it: thousands of objects less to pass between processes).
        identities: list[Identity] = []
        if built is None:
            identities = [e.identity for e in contents.evidence if e.identity is not None]
        mentions = None
        if not rows:
            mentions = [Mention(e.origin, name) for e in contents.evidence for name in e.people]
        yield FileRead(
            relative,
            state,
            checked,
            contents.digest,
            problems,
            identities,
            built,
            contents if keep else None,
            mentions,
        )


def _read_chunk(
    records_dir: Path,
    relatives: Sequence[str],
    registry: Registry,
    rows: bool,
    complete: bool,
    links_of: Collection[str] | None,
) -> list[FileRead]:
    return list(_read(records_dir, relatives, registry, rows, False, complete, links_of))


def read_files(
    records_dir: Path,
    relatives: Sequence[str],
    registry: Registry,
    rows: bool = True,
    keep: bool = False,
    complete: bool = True,
    links_of: Collection[str] | None = None,
) -> Iterator[FileRead]:
    """Each file read, in order; by several processes when there is enough to read (and the
    events are not to be kept: they stay in the process that reads them). `complete` and
    `links_of`: rows for an index on disk, or for one in memory (see `schema.file_rows`)."""
    workers = min(os.cpu_count() or 1, 4)
    serial = keep or workers < 2 or len(relatives) < 2 * workers or not _can_fork()
    if serial or sum(_size(records_dir / relative) for relative in relatives) < PARALLEL_BYTES:
        yield from _read(records_dir, relatives, registry, rows, keep, complete, links_of)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small tasks, so that the first rows reach the writer early and the workers stay busy;
    # not too small, since each task reads the source files its records quote.
    chunk = max(1, min(CHUNK, len(relatives) // (4 * workers)))
    chunks = [relatives[start : start + chunk] for start in range(0, len(relatives), chunk)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        for done in pool.map(
            _read_chunk,
            [records_dir] * len(chunks),
            chunks,
            [registry] * len(chunks),
            [rows] * len(chunks),
            [complete] * len(chunks),
            [links_of] * len(chunks),
        ):
            yield from done


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it ends, however it ends (a killed
    parent must leave no worker behind): the kernel's parent-death signal where there is one,
    and a watch on the parent's id everywhere."""
    import signal
    import threading
    import time

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
