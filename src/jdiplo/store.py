"""Where events come from: which records directory, and its validated record set.

Commands ask the store for a `RecordSet` and query it; they never read record files
themselves. The record set is served by the index (index.py) when the cache folder can hold
one, and read straight from the YAML files otherwise (`--no-cache`, `JDIPLO_NO_CACHE=1`, or a
cache folder that cannot be written): the answers are the same either way.

Either way a command only ever sees a complete, valid record set: any problem raises
`RecordsInvalid` with every problem of the set, so no answer is silently partial.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo.problems import Problem, RecordsInvalid, UsageError

if TYPE_CHECKING:  # (a Protocol costs time to create; it is needed only for type checking)
    from typing import Protocol

    from jdiplo.index import FileRows, Index
    from jdiplo.load import Loaded, Progress
    from jdiplo.model import Event
    from jdiplo.partners import Registry
    from jdiplo.query import Query
    from jdiplo.validate import Checks, Identity

    class Listing(Protocol):
        """What a listing shows of an event: a model `Event`, or an index row (`index.Listed`)."""

        @property
        def id(self) -> str: ...
        @property
        def kind(self) -> str: ...
        @property
        def partners(self) -> Sequence[str]: ...
        @property
        def level(self) -> str | None: ...
        @property
        def title(self) -> str: ...
        @property
        def date(self) -> object: ...  # str() gives the date as written

        def record(self) -> dict[str, Any]: ...
        def record_json(self) -> str: ...


ENVIRONMENT_VARIABLE = "JDIPLO_RECORDS"
NO_CACHE_VARIABLE = "JDIPLO_NO_CACHE"


@dataclass
class RecordSet:
    """A valid record set and the ways to query it."""

    records_dir: Path
    registry: Registry
    files: list[str]

    def count(self, query: Query | None = None) -> int:
        """How many events the query selects (all without one), its limit aside."""
        raise NotImplementedError

    def listing(self, query: Query) -> Iterable[Listing]:
        """The events the query selects, in its order, for listings."""
        raise NotImplementedError

    def select(self, query: Query) -> list[Event]:
        """The events the query selects, in its order, as models (for reports)."""
        raise NotImplementedError

    def by_ids(self, ids: Sequence[str]) -> dict[str, Event]:
        raise NotImplementedError

    def ids(self) -> list[str]:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the record set holds open (the index's database)."""


@dataclass
class LoadedRecords(RecordSet):
    """Every event in memory, read from the YAML files."""

    events: list[Event]

    def count(self, query: Query | None = None) -> int:
        if query is None:
            return len(self.events)
        return sum(1 for event in self.events if query.matches(event))

    def listing(self, query: Query) -> list[Event]:
        return query.select(self.events)

    def select(self, query: Query) -> list[Event]:
        return query.select(self.events)

    def by_ids(self, ids: Sequence[str]) -> dict[str, Event]:
        wanted = set(ids)
        return {event.id: event for event in self.events if event.id in wanted}

    def ids(self) -> list[str]:
        return sorted(event.id for event in self.events)


@dataclass
class IndexedRecords(RecordSet):
    """Events served by the index, read as the query asks."""

    index: Index

    def count(self, query: Query | None = None) -> int:
        return self.index.count(query)

    def listing(self, query: Query) -> Iterator[Listing]:
        return self.index.listing(query)

    def select(self, query: Query) -> list[Event]:
        return self.index.events(query)

    def by_ids(self, ids: Sequence[str]) -> dict[str, Event]:
        return {event.id: event for event in self.index.events(ids=ids)} if ids else {}

    def ids(self) -> list[str]:
        return self.index.ids()

    def close(self) -> None:
        self.index.close()


# Which records directory -------------------------------------------------------------------


def bundled_records_dir() -> Path:
    """The record set shipped with jdiplo (in the wheel), or the source tree's in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled" / "records"
    if installed.is_dir():
        return installed
    return package.parent.parent / "records"


def resolve_records_dir(option: Path | None, cwd: Path | None = None) -> Path:
    """`--records`, else $JDIPLO_RECORDS, else ./records when it exists, else the bundled set."""
    if option is not None:
        return _existing(option, "--records")
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return _existing(Path(from_environment), ENVIRONMENT_VARIABLE)
    local = (cwd or Path.cwd()) / "records"
    if local.is_dir():
        return local
    return bundled_records_dir()


def _existing(path: Path, source: str) -> Path:
    if not path.is_dir():
        raise UsageError(f"records directory not found: {path}", source)
    return path


def cache_enabled(cache: bool | None = None) -> bool:
    """Whether to use the index: as asked, else unless $JDIPLO_NO_CACHE is set."""
    return not os.environ.get(NO_CACHE_VARIABLE) if cache is None else cache


# Reading --------------------------------------------------------------------------------------


def read(records_dir: Path, progress: Progress | None = None) -> tuple[Loaded, list[Problem]]:
    """Everything the YAML files hold, and every problem of the record set (none when valid)."""
    from jdiplo.load import load_records
    from jdiplo.validate import check

    with paused_gc():
        loaded = load_records(records_dir, progress)
        return loaded, loaded.problems + check(loaded)


def validate(
    records_dir: Path, progress: Progress | None = None, cache: bool | None = None
) -> tuple[int, int]:
    """(events, files) of a valid record set; RecordsInvalid listing every problem otherwise.

    An index that exists is brought up to date and answers. Without one, nothing is built:
    the files are checked directly (in parallel where it pays), as in a CI run or a commit
    hook, where an index would be thrown away.
    """
    from jdiplo.index import index_path

    if cache_enabled(cache) and index_path(records_dir).is_file():
        records = open_records(records_dir, progress, cache=True)
        try:
            return records.count(), len(records.files)
        finally:
            records.close()
    from jdiplo.layout import find_record_files
    from jdiplo.load import load_registry
    from jdiplo.validate import Checks

    registry, problems = load_registry(records_dir)
    files = find_record_files(records_dir)
    entries: list[Identity] = []
    invalid_ids: set[str] = set()
    with paused_gc():
        for number, read in enumerate(_read_files(records_dir, files, registry, rows=False), 1):
            problems += read.problems
            entries += read.identities
            invalid_ids |= read.invalid_ids
            if progress is not None:
                progress(number, len(files))
    problems += Checks(records_dir).ids(entries, invalid_ids)
    if problems:
        raise RecordsInvalid(problems)
    return len(entries), len(files)


def registry(records_dir: Path, cache: bool | None = None) -> Registry:
    """The partner registry of `records_dir`; RecordsInvalid for a bad partners.yaml."""
    from jdiplo.index import IndexUnavailable
    from jdiplo.layout import PARTNERS_FILE
    from jdiplo.partners import builtin_registry

    if not (records_dir / PARTNERS_FILE).is_file():
        return builtin_registry()
    if cache_enabled(cache):
        from jdiplo.index import open_index

        try:
            index = open_index(records_dir)
        except IndexUnavailable:
            return _parsed_registry(records_dir)
        try:
            return _registry_state(index).registry
        except IndexUnavailable:
            pass
        finally:
            index.close()
    return _parsed_registry(records_dir)


def open_records(
    records_dir: Path, progress: Progress | None = None, cache: bool | None = None
) -> RecordSet:
    """The valid record set of `records_dir`; raises RecordsInvalid listing every problem.

    `cache` chooses the index (the default unless $JDIPLO_NO_CACHE is set) or direct reading.
    """
    if cache_enabled(cache):
        from jdiplo.index import IndexUnavailable, open_index

        try:
            index = open_index(records_dir)
        except IndexUnavailable:
            pass
        else:
            try:
                return _indexed(index, progress)
            except IndexUnavailable:
                index.close()
            except BaseException:
                index.close()
                raise
    loaded, problems = read(records_dir, progress)
    if problems:
        raise RecordsInvalid(problems)
    events = sorted(loaded.events, key=lambda event: event.sort_key)
    return LoadedRecords(records_dir, loaded.registry, loaded.files, events)


def sql_index(records: RecordSet) -> Index:
    """An index holding the record set, for `jdiplo sql`: the on-disk one when it serves the
    records, else one built in memory (with --no-cache, or when the cache cannot be used)."""
    from jdiplo.index import file_rows, file_states, memory_index

    if isinstance(records, IndexedRecords):
        return records.index
    assert isinstance(records, LoadedRecords)
    index = memory_index(records.records_dir)
    by_file: dict[str, list[Event]] = {}
    for event in records.events:
        assert event.origin is not None
        by_file.setdefault(event.origin.path, []).append(event)
    states = file_states(records.records_dir, by_file)
    for relative, events in sorted(by_file.items()):
        events.sort(key=lambda event: event.origin.index if event.origin else 0)
        rows = file_rows(records.records_dir, relative, events)
        index.store_file(relative, states[relative], rows)
    return index


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while building many objects that all stay alive (it only costs)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The index path ---------------------------------------------------------------------------------


def _parsed_registry(records_dir: Path) -> Registry:
    from jdiplo.load import load_registry

    partners, problems = load_registry(records_dir)
    if problems:
        raise RecordsInvalid(problems)
    return partners


class _RegistryState(NamedTuple):
    registry: Registry
    key: str  # digest of partners.yaml ("" without one)
    stored: bool  # whether the index holds this registry already


def _registry_state(index: Index) -> _RegistryState:
    """The registry, from the index while partners.yaml stays as it was, else read again.

    Nothing is written here: a refresh stores a new registry, and forgets every file with it
    (codes may have become valid or invalid). A partners.yaml with problems raises
    IndexUnavailable: reading the YAML directly reports them with what they cause in records.
    """
    from jdiplo.index import IndexUnavailable, digest_of
    from jdiplo.layout import PARTNERS_FILE
    from jdiplo.partners import builtin_registry

    path = index.records_dir / PARTNERS_FILE
    key = digest_of(path) if path.is_file() else ""
    cached = index.meta("registry")
    if cached is not None and index.meta("registry_key") == key:
        return _RegistryState(_registry_from_json(cached), key, True)
    from jdiplo.load import load_registry

    registry, problems = load_registry(index.records_dir) if key else (builtin_registry(), [])
    if problems:
        raise IndexUnavailable("partners.yaml has problems")
    return _RegistryState(registry, key, False)


def _registry_to_json(registry: Registry) -> str:
    """The entries a records directory adds to the built-in registry, as JSON."""
    from dataclasses import asdict

    from jdiplo.partners import builtin_registry

    builtin = builtin_registry()
    partners = [asdict(p) for code, p in registry.partners.items() if code not in builtin.partners]
    frameworks = [
        asdict(f) for code, f in registry.frameworks.items() if code not in builtin.frameworks
    ]
    return json.dumps({"partners": partners, "frameworks": frameworks}, ensure_ascii=False)


def _registry_from_json(text: str) -> Registry:
    from jdiplo.partners import Framework, Partner, builtin_registry

    data = json.loads(text)
    partners = [
        Partner(
            p["code"],
            p["name"],
            p["kind"],
            tuple(p["aliases"]),
            tuple(p["members"]),
            p.get("region"),
        )
        for p in data["partners"]
    ]
    frameworks = [Framework(f["code"], f["name"], tuple(f["aliases"])) for f in data["frameworks"]]
    registry = builtin_registry()
    return registry.extended(partners, frameworks) if partners or frameworks else registry


def _indexed(index: Index, progress: Progress | None) -> IndexedRecords:
    """Bring the index up to date with the files, then serve the record set from it.

    The record set is read in one read transaction, begun once the index is known to be up to
    date and valid: whatever other processes commit meanwhile, this command sees one complete,
    valid state. If another process changed the index between the check and the snapshot,
    the check runs again.
    """
    from jdiplo.index import IndexUnavailable, file_states
    from jdiplo.layout import find_record_files

    records_dir = index.records_dir
    for _ in range(5):
        state = _registry_state(index)
        files = find_record_files(records_dir)
        current = file_states(records_dir, files)
        generation = index.meta("generation")
        changed, gone = index.changed_files(current)
        if not state.stored or changed or gone or index.meta("valid") != "1":
            seen = (changed, gone, generation)
            problems, generation = _refresh(index, state, current, seen, progress)
            if problems:
                raise RecordsInvalid(problems)
        index.begin_reading()
        if index.meta("generation") == generation and index.meta("valid") == "1":
            return IndexedRecords(records_dir, state.registry, files, index)
        index.rollback()
    raise IndexUnavailable("the index keeps changing under other processes")


def _refresh(
    index: Index,
    state: _RegistryState,
    current: dict[str, Any],
    seen: tuple[list[str], list[str], str | None],
    progress: Progress | None,
) -> tuple[list[Problem], str]:
    """Re-read what changed, under the index's write lock, in one transaction: every problem
    of the record set, and the generation it committed.

    Files with problems are not stored. The id checks run over every event (stored or just
    read) when a file has problems or the index suspects an id; they are the same checks, on
    the same events in the same order, as when reading the YAML directly.
    """
    from jdiplo.validate import Checks

    registry = state.registry
    index.begin()
    try:
        changed, gone, seen_generation = seen
        generation = index.meta("generation")
        if index.meta("registry_key") != state.key or index.meta("registry") is None:
            index.forget_everything()  # every file is checked against the new registry
            index.set_meta("registry_key", state.key)
            index.set_meta("registry", _registry_to_json(registry))
            changed, gone = index.changed_files(current)
        elif generation != seen_generation:  # another process refreshed meanwhile
            changed, gone = index.changed_files(current)
        removed = index.ids_in([*changed, *gone])
        for relative in gone:
            index.forget_file(relative)
        problems: list[Problem] = []
        fresh: list[Identity] = []
        invalid_ids: set[str] = set()
        with paused_gc():
            for number, read in enumerate(_read_files(index.records_dir, changed, registry), 1):
                invalid_ids |= read.invalid_ids
                if read.problems:  # its valid events count in the id checks all the same
                    fresh.extend(read.identities)
                    index.forget_file(read.relative)
                    problems += read.problems
                else:
                    assert read.rows is not None
                    index.store_file(read.relative, current[read.relative], read.rows)
                if progress is not None:
                    progress(number, len(changed))
            was_valid = index.meta("valid") == "1"
            suspect = index.suspect_ids([*changed] if was_valid else None, removed)
            if problems or suspect:
                entries = [*index.identities(), *fresh]
                entries.sort(key=lambda entry: (entry.origin.path, entry.origin.index))
                problems += Checks(index.records_dir).ids(entries, invalid_ids)
        index.note_longest_span(changed)
        index.set_meta("valid", "0" if problems else "1")
        generation = str(int(generation or 0) + 1)
        index.set_meta("generation", generation)
        index.commit()
    except BaseException:
        index.rollback()
        raise
    return problems, generation


class _FileRead(NamedTuple):
    """One record file read for the index: its rows, or its problems."""

    relative: str
    problems: list[Problem]
    rows: FileRows | None  # None when the file has problems
    identities: list[Identity]  # of the valid events of a file with problems
    invalid_ids: set[str]


# Reading files in parallel pays only past a few hundred kilobytes: a worker costs a fork.
_PARALLEL_BYTES = 1_000_000
_checks: Checks | None = None  # one per process, so that each source file is read once


def _read_file(records_dir: Path, relative: str, registry: Registry, rows: bool) -> _FileRead:
    """One file read and checked; with `rows`, ready for the index when it has no problems."""
    from jdiplo.index import file_rows
    from jdiplo.load import load_file
    from jdiplo.validate import Checks, identities

    global _checks
    if _checks is None or _checks.base != records_dir.parent:
        _checks = Checks(records_dir)
    events, problems, invalid_ids = load_file(records_dir, relative, registry)
    problems += _checks.quotes(events)
    if problems or not rows:  # what the id checks need of its events comes along
        return _FileRead(relative, problems, None, list(identities(events)), invalid_ids)
    return _FileRead(relative, problems, file_rows(records_dir, relative, events), [], set())


def _read_files(
    records_dir: Path, relatives: Sequence[str], registry: Registry, rows: bool = True
) -> Iterator[_FileRead]:
    """Each file read, in order; by several processes when there is enough to read."""
    global _checks
    _checks = None
    workers = min(os.cpu_count() or 1, 4)
    size = sum(_size(records_dir / relative) for relative in relatives)
    if workers < 2 or len(relatives) < 4 or size < _PARALLEL_BYTES or not _can_fork():
        for relative in relatives:
            yield _read_file(records_dir, relative, registry, rows)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(
            _read_file,
            [records_dir] * len(relatives),
            relatives,
            [registry] * len(relatives),
            [rows] * len(relatives),
            chunksize=2,  # small tasks: the first rows reach the writer early
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
