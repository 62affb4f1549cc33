"""Reading record files: the one pipeline every path takes (the index on disk, the index in
memory, `validate` without an index), in parallel when there is enough to read.

For each file: its state is taken, its events are loaded (load.py), the quotes of every event
(valid or not) are checked against their sources (validate.py), and, for a file without
problems, the rows the index stores are built (schema.py). The checks across files (duplicate
and related ids) need every file and run afterwards, in refresh.py.

A stored file read again after an edit of its own (not of a source it quotes) is read that way
too, but for its events the edit left as they were: the index holds their fingerprints, and
keeps their rows, without validating or checking them again (`_read_edited`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.index.freshness import FileState, now_ns, state_of

if TYPE_CHECKING:
    from jdiplo.index.schema import FileRows
    from jdiplo.load import FileContents, Identity
    from jdiplo.partners import Registry
    from jdiplo.problems import Problem
    from jdiplo.validate import Checks, Mention

# file -> the fingerprints of the events the index holds of it (see `_read_edited`)
Held = Mapping[str, Collection[bytes]]

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
    held: Held | None = None,
) -> Iterator[FileRead]:
    """Files read and checked with one `Checks`, which reads each source file once. `held`:
    the fingerprints the index holds of stored files that were edited (see `_read_edited`)."""
    made: list[Checks] = []

    def checker() -> Checks:  # one for every file; made when first needed
        if not made:
            from jdiplo.validate import Checks

            made.append(Checks(records_dir))
        return made[0]

    base = os.fspath(records_dir)
    for relative in relatives:
        if held is not None and relative in held:
            edited = _read_edited(records_dir, relative, registry, held[relative], checker)
            if edited is not None:
                yield edited
                continue
        from jdiplo.load import load_file  # (here: a file whose events are all kept needs none)
        from jdiplo.validate import Mention

        checks = checker()
        checked = now_ns()
        state = state_of(os.path.join(base, relative))  # noqa: PTH118
        contents = load_file(records_dir, relative, registry, fingerprints=rows and complete)
        problems = contents.problems + checks.quotes(contents.evidence)
        built = None
        if rows and not problems and state is not None:
            built = _rows(relative, contents, checks, registry, complete, links_of)
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


def _rows(
    relative: str,
    contents: FileContents,
    checks: Checks,
    registry: Registry,
    complete: bool,
    links_of: Collection[str] | None,
) -> FileRows:
    """The rows of a file whose events were read and checked without a problem."""
    from jdiplo.index.schema import SourceRow, file_rows

    sources = {}
    for name in sorted({s.file for e in contents.events for s in e.sources if s.file}):
        read = checks.source(name)
        assert read.state is not None, "a source whose quotes matched was read"
        sources[name] = SourceRow(read.state, read.checked_ns, read.digest)
    return file_rows(
        relative, contents.events, sources, registry, complete, links_of, contents.fingerprints
    )


def _read_edited(
    records_dir: Path,
    relative: str,
    registry: Registry,
    held: Collection[bytes],
    checker: Callable[[], Checks],
) -> FileRead | None:
    """A stored file read again after an edit of its own: only its events whose fingerprint
    the index does not hold are validated, checked and given rows; the others are kept as
    stored. Their validity depends on nothing else: their data is the same (the fingerprint),
    the registry is (else the index holds nothing), and so are the sources they quote (else
    the file is not offered here). None when the file is not plain (see plainyaml) or has a
    problem: it is then read whole, and every problem reported as for any file."""
    from collections import Counter

    from jdiplo.index.schema import FileRows, Kept
    from jdiplo.layout import MAX_FILE_BYTES, Unreadable, digest_of, read_bounded
    from jdiplo.plainyaml import decode, fingerprint, plain_events

    checked = now_ns()
    path = os.path.join(os.fspath(records_dir), relative)  # noqa: PTH118
    state = state_of(path)
    if state is None:
        return None
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except Unreadable:
        return None
    text, problem = decode(data, relative)
    plain = None if problem is not None else plain_events(text)
    if plain is None:
        return None
    unclaimed = Counter(held)
    kept: list[Kept] = []
    fresh: list[int] = []  # positions
    prints = [fingerprint(item) for item in plain.items]
    for position, printed in enumerate(prints):
        if unclaimed[printed]:
            unclaimed[printed] -= 1
            kept.append(Kept(printed, position, plain.lines[position]))
        else:
            fresh.append(position)
    built = FileRows({}, [], {}, [])  # (nothing to validate: the models are not even imported)
    if fresh:
        contents = _validated(plain.items, plain.lines, prints, fresh, relative, registry)
        if contents is None or checker().quotes(contents.evidence):
            return None
        built = _rows(relative, contents, checker(), registry, True, None)
    quoted = {
        source["file"]
        for _, position, _ in kept
        for source in plain.items[position]["sources"]
        if source.get("file") is not None
    }
    built = built._replace(kept=kept, kept_sources=frozenset(quoted))
    return FileRead(relative, state, checked, digest_of(data), [], [], built)


def _validated(
    items: Sequence[dict[str, object]],
    lines: Sequence[int],
    prints: Sequence[bytes],
    positions: Sequence[int],
    relative: str,
    registry: Registry,
) -> FileContents | None:
    """The contents of the events at `positions` of a plain file, if they are all valid."""
    from jdiplo.load import FileContents, evidence_of, validated

    chosen = [items[at] for at in positions]
    events = validated(chosen, [lines[at] for at in positions], positions, relative, registry)
    if events is None:
        return None
    evidence = [evidence_of(event) for event in events]
    return FileContents(events, [], evidence, "", [prints[at] for at in positions])


def _read_chunk(
    records_dir: Path,
    relatives: Sequence[str],
    registry: Registry,
    rows: bool,
    complete: bool,
    links_of: Collection[str] | None,
    held: Held | None,
) -> list[FileRead]:
    return list(_read(records_dir, relatives, registry, rows, False, complete, links_of, held))


def read_files(
    records_dir: Path,
    relatives: Sequence[str],
    registry: Registry,
    rows: bool = True,
    keep: bool = False,
    complete: bool = True,
    links_of: Collection[str] | None = None,
    held: Held | None = None,
) -> Iterator[FileRead]:
    """Each file read, in order; by several processes when there is enough to read (and the
    events are not to be kept: they stay in the process that reads them). `complete` and
    `links_of`: rows for an index on disk, or for one in memory (see `schema.file_rows`).
    `held`: for the index on disk, the fingerprints it holds of edited files (`_read_edited`)."""
    workers = min(os.cpu_count() or 1, 4)
    serial = keep or workers < 2 or len(relatives) < 2 * workers or not _can_fork()
    if serial or sum(_size(records_dir / relative) for relative in relatives) < PARALLEL_BYTES:
        yield from _read(records_dir, relatives, registry, rows, keep, complete, links_of, held)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small tasks, so that the first rows reach the writer early and the workers stay busy;
    # not too small, since each task reads the source files its records quote.
    chunk = max(1, min(CHUNK, len(relatives) // (4 * workers)))
    chunks = [relatives[start : start + chunk] for start in range(0, len(relatives), chunk)]
    helds = [
        None if held is None else {name: held[name] for name in names if name in held}
        for names in chunks
    ]
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
            helds,
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
