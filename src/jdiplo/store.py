"""Which record set answers: the index on disk, or one built in memory from the YAML files.

Commands open a `Store` for a records directory (repository.py finds which), take its
registry to check their options, then ask it for the `RecordSet` and query it. Either way the
same SQL answers (query.py), from the same tables filled by the same code (index/refresh.py):
the index on disk when the cache folder can hold one, an index in memory otherwise
(`--no-cache`, `JDIPLO_NO_CACHE=1`, or an index that is locked, full or damaged beyond repair,
with a one-line note on stderr). A command only ever sees a complete, valid record set: any
problem raises `RecordsInvalid` with every problem of the set.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from jdiplo.problems import JdiploError, RecordsInvalid

if TYPE_CHECKING:  # (a Protocol costs time to create; it is needed only for type checking)
    from typing import Protocol

    from jdiplo.index.database import Index
    from jdiplo.index.refresh import RegistryState
    from jdiplo.load import Loaded
    from jdiplo.model import Event
    from jdiplo.partners import Registry
    from jdiplo.people import PeopleRegistry
    from jdiplo.query import Query
    from jdiplo.stored import StoredEvent

    class Printable(Protocol):
        """An event's record, for the formats that print nothing else: a model `Event`, or
        an index row (`RecordRow`, `Listed`)."""

        def record(self) -> dict[str, Any]: ...
        def record_json(self) -> str: ...
        def record_utf8(self) -> bytes: ...

    class Listing(Printable, Protocol):
        """What a listing shows of an event: a model `Event`, or an index row (`Listed`)."""

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


NO_CACHE_VARIABLE = "JDIPLO_NO_CACHE"
Progress = Callable[[int, int], None]
Note = Callable[[str], None]
T = TypeVar("T")


def cache_enabled(cache: bool | None = None) -> bool:
    """Whether to use the index on disk: as asked, else unless $JDIPLO_NO_CACHE is set."""
    return not os.environ.get(NO_CACHE_VARIABLE) if cache is None else cache


def _quiet(message: str) -> None:
    """The default for notes: nothing (commands pass one that writes to stderr)."""


class IndexDamagedWhileAnswering(JdiploError):
    """Damage found after part of an answer was written: it cannot be taken back."""

    exit_code = 70


class RecordSet:
    """A valid record set, queried through its index (on disk or in memory). `recover` gives
    the index that answers instead if this one turns out damaged (once)."""

    def __init__(
        self,
        records_dir: Path,
        registries: RegistryState,
        files: list[str],
        index: Index,
        recover: Callable[[], Index] | None = None,
    ) -> None:
        self.records_dir = records_dir
        self.registries = registries
        self.files = files
        self.index = index
        self._recover = recover

    @property
    def registry(self) -> Registry:
        """The partner registry."""
        return self.registries.registry

    @property
    def people(self) -> PeopleRegistry:
        """The people registry (the built-in one, extended by people.yaml)."""
        return self.registries.people

    def count(self, query: Query | None = None) -> int:
        """How many events the query selects (all without one), its limit aside."""
        from jdiplo.query import Query

        return self._answer(lambda index: index.count(query or Query()))

    def matching(self, query: Query, selected: Sized) -> int:
        """How many events the query selects, its limit aside, given what `select` or `stored`
        answered: without a limit, as many as it answered (no second query)."""
        return len(selected) if query.limit is None else self.count(query)

    def listing(self, query: Query) -> Iterator[Listing]:
        """The events the query selects, in its order, for listings."""
        rows = self._answer(lambda index: index.listing(query))
        return self._guarded(rows)

    def records(self, query: Query) -> Iterator[Printable]:
        """The records the query selects, in its order, alone: for the formats that print
        nothing else (a listing reads and checks only what it prints)."""
        rows = self._answer(lambda index: index.records(query))
        return self._guarded(rows)

    def select(self, query: Query) -> list[Event]:
        """The events the query selects, in its order, as models (for exports and `show`)."""
        return self._answer(lambda index: index.events(query))

    def stored(self, query: Query) -> list[StoredEvent]:
        """The events the query selects, in its order, as the index stores them: read back
        without the models, for reports (see stored.py)."""
        return self._answer(lambda index: index.stored(query))

    def by_ids(self, ids: Sequence[str]) -> dict[str, Event]:
        if not ids:
            return {}
        return {event.id: event for event in self._answer(lambda index: index.events(ids=ids))}

    def ids(self) -> list[str]:
        return self._answer(lambda index: index.ids())

    def close(self) -> None:
        """Let go of the database."""
        self.index.close()

    def _answer(self, question: Callable[[Index], T]) -> T:
        """The answer of the index; if it turns out damaged or unusable, the damaged database is
        removed and the answer comes from the YAML files (read into memory) instead."""
        from jdiplo.index.database import IndexUnavailable

        try:
            return question(self.index)
        except IndexUnavailable:
            if self._recover is None:
                raise
            self.index = self._recover()
            self._recover = None
            return question(self.index)

    def _guarded(self, rows: Iterator[T]) -> Iterator[T]:
        from jdiplo.index.database import IndexUnavailable

        try:
            yield from rows
        except IndexUnavailable as error:
            if self.index.path is not None:
                self.index.remove()
            raise IndexDamagedWhileAnswering(
                f"the index failed while answering ({error}); it was removed: run the command "
                "again, or use --no-cache"
            ) from None


class Store:
    """The record set of one records directory, opened in two steps: the registry first (to
    check a command's options before anything is read), then the records."""

    def __init__(self, records_dir: Path, cache: bool | None = None, note: Note = _quiet):
        self.records_dir = records_dir
        self.note = note
        self.index: Index | None = None
        self._state: RegistryState | None = None
        if cache_enabled(cache):
            self.index = self._open()

    def _open(self) -> Index | None:
        from jdiplo.index.database import IndexUnavailable, open_index

        try:
            return open_index(self.records_dir)
        except IndexUnavailable as error:
            self._step_aside(error)
            return None

    def _step_aside(self, error: Exception) -> None:
        self.note(f"the index cannot be used ({error}); answering from the YAML files")

    @property
    def registry(self) -> Registry:
        """The partner registry (from the index while partners.yaml is unchanged); raises
        RecordsInvalid for a registry file with problems."""
        return self._registries().registry

    @property
    def people(self) -> PeopleRegistry:
        """The people registry (the built-in one, extended by people.yaml)."""
        return self._registries().people

    def _registries(self) -> RegistryState:
        if self._state is None:
            from jdiplo.index.database import IndexUnavailable
            from jdiplo.index.refresh import read_registries, registry_state

            state = None
            if self.index is not None:
                try:
                    state = registry_state(self.index)
                except IndexUnavailable as error:
                    self._lose_index(error)
            if state is None:
                state = read_registries(self.records_dir)
            if state.problems:
                raise RecordsInvalid(state.problems, base=self.records_dir)
            self._state = state
        return self._state

    def records(
        self, progress: Progress | None = None, answering: Query | None = None
    ) -> RecordSet:
        """The valid record set, brought up to date; RecordsInvalid listing every problem.
        `answering`: the one query the command will ask, when it knows it (an index in memory
        then builds only what that query needs)."""
        from jdiplo.index.database import IndexDamaged, IndexUnavailable, open_index

        for attempt in (1, 2):
            if self.index is None:
                break
            try:
                return self._serve(self.index, progress, self._in_memory)
            except IndexDamaged as error:
                self.index.remove()
                self.index = None
                if attempt == 1:  # rebuilt from the files, at once
                    try:
                        self.index = open_index(self.records_dir)
                    except IndexUnavailable as reopening:
                        self._step_aside(reopening)
                else:
                    self._step_aside(error)
            except IndexUnavailable as error:
                self._lose_index(error)
        return self._serve(self._in_memory(answering), progress, None)

    def _lose_index(self, error: Exception) -> None:
        from jdiplo.index.database import IndexDamaged

        if self.index is not None:
            if isinstance(error, IndexDamaged):
                self.index.remove()
            else:
                self.index.close()
        self.index = None
        self._step_aside(error)

    def _in_memory(self, answering: Query | None = None) -> Index:
        from jdiplo.index.database import memory_index

        return memory_index(self.records_dir, answering)

    def _serve(
        self, index: Index, progress: Progress | None, recover: Callable[[], Index] | None
    ) -> RecordSet:
        from jdiplo.index.refresh import bring_up_to_date

        known = self._state if index is self.index else None  # the registries, read for options
        with paused_gc():
            state, files, problems = bring_up_to_date(index, progress, known)
        if problems:
            raise RecordsInvalid(problems, base=self.records_dir)
        self._state = state

        def recovered() -> Index:
            if index.path is not None:
                index.remove()
            self.note("the index is damaged: it was removed; answering from the YAML files")
            memory = self._in_memory()
            with paused_gc():
                _, _, again = bring_up_to_date(memory, None)
            if again:  # the files changed meanwhile
                raise RecordsInvalid(again, base=self.records_dir)
            return memory

        return RecordSet(self.records_dir, state, files, index, recover and recovered)

    def close(self) -> None:
        if self.index is not None:
            self.index.close()


def open_records(
    records_dir: Path,
    progress: Progress | None = None,
    cache: bool | None = None,
    note: Note = _quiet,
) -> RecordSet:
    """The valid record set of `records_dir`; raises RecordsInvalid listing every problem."""
    return Store(records_dir, cache, note).records(progress)


class Validated(NamedTuple):
    """What `validate` found of a valid record set."""

    events: int
    files: int
    warnings: list[Problem]  # people the registry does not know (validate.unknown_people)
    unsaid: int  # other unknown people, not warned of one by one


def validate(
    records_dir: Path,
    progress: Progress | None = None,
    cache: bool | None = None,
    note: Note = _quiet,
) -> Validated:
    """What a valid record set holds; RecordsInvalid listing every problem otherwise.

    An index that exists is brought up to date and answers. Without one, nothing is built:
    the files are read and checked as for an index, in parallel where it pays, as in a CI run
    or a commit hook, where an index would be thrown away.
    """
    from jdiplo.index.database import index_path
    from jdiplo.people import name_key
    from jdiplo.validate import MAX_WARNINGS, Mention, unknown_people

    if cache_enabled(cache) and index_path(records_dir).is_file():
        records = open_records(records_dir, progress, cache=True, note=note)
        try:
            people = records.people
            known = {name_key(name) for person in people for name in person.spellings()}
            unknown = records.index.person_keys() - known
            mentions = records.index.first_mentions(unknown, MAX_WARNINGS)
            warnings, _ = unknown_people(
                [Mention(origin, name) for name, origin in mentions], people, records_dir
            )
            unsaid = len(unknown) - len(warnings)
            return Validated(records.count(), len(records.files), warnings, unsaid)
        finally:
            records.close()
    loaded, events = _read(records_dir, progress, keep=False)
    if loaded.problems:
        raise RecordsInvalid(loaded.problems, base=records_dir)
    assert loaded.people is not None, "read with its registries"
    warnings, unsaid = unknown_people(loaded.mentions, loaded.people, records_dir)
    return Validated(events, len(loaded.files), warnings, unsaid)


def read(records_dir: Path, progress: Progress | None = None) -> tuple[Loaded, list[Problem]]:
    """Every event the YAML files hold, as models, and every problem of the record set (none
    when it is valid): what authoring checks new events against. The same pipeline as the
    index's (index/reading.py), with the events kept."""
    loaded, _ = _read(records_dir, progress, keep=True)
    return loaded, loaded.problems


def _read(records_dir: Path, progress: Progress | None, keep: bool) -> tuple[Loaded, int]:
    """The record set read and checked (its events kept, or only counted), and the number of
    events whose id could be read."""
    from jdiplo.index.reading import read_files
    from jdiplo.index.refresh import read_registries
    from jdiplo.layout import find_record_files
    from jdiplo.load import Loaded
    from jdiplo.validate import Checks

    registries = read_registries(records_dir, key="")
    registry = registries.registry
    loaded = Loaded(records_dir, registry, problems=list(registries.problems))
    loaded.people = registries.people
    loaded.files = find_record_files(records_dir)
    identities = []
    with paused_gc():
        reads = read_files(records_dir, loaded.files, registry, rows=False, keep=keep)
        for number, read_file in enumerate(reads, 1):
            loaded.problems += read_file.problems
            identities += read_file.identities
            loaded.mentions += read_file.mentions or ()
            if read_file.contents is not None:
                loaded.events += read_file.contents.events
                loaded.evidence += read_file.contents.evidence
                loaded.invalid_ids |= read_file.contents.invalid_ids
            if progress is not None:
                progress(number, len(loaded.files))
    loaded.problems += Checks(records_dir).ids(identities)
    return loaded, len(identities)


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


if TYPE_CHECKING:
    from jdiplo.problems import Problem
