"""Bringing an index up to date with the files: the same code fills the index on disk (re-reading
what changed) and the index in memory (reading everything), so that the two cannot differ.

What changed is decided by freshness.py's rule, for record files, for the source files their
quotes were checked against, and for the registry files (by their digest). Files with problems
are never stored: they are read again by every command until they are fixed, so a record set
with problems is refused every time, with every problem.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jdiplo.index.database import Index, IndexUnavailable
from jdiplo.index.freshness import now_ns, racy, state_of, unchanged

if TYPE_CHECKING:
    from jdiplo.load import Identity
    from jdiplo.partners import Registry
    from jdiplo.people import PeopleRegistry
    from jdiplo.problems import Problem

Progress = Callable[[int, int], None]


class RegistryState(NamedTuple):
    """The registries of the records directory (partners, people), and whether the index
    holds the partner registry already (what is stored of events depends on it; on the people
    registry it does not: people are stored by the key of their names, see schema.LINKS)."""

    registry: Registry
    people_file: PeopleRegistry | None  # the people registry people.yaml makes; None without it
    problems: list[Problem]  # of the registry files (the built-in registries are used meanwhile)
    key: str  # digest of partners.yaml ("" without one)
    stored: bool

    @property
    def people(self) -> PeopleRegistry:
        """The people registry: the built-in one, extended by people.yaml when there is one
        (without it, the built-in one is read only when asked for: a listing needs none)."""
        if self.people_file is not None:
            return self.people_file
        from jdiplo.people import builtin_people

        return builtin_people()


def registry_key(records_dir: Path) -> str:
    """The digest of the registry files of a records directory; "" when it has none."""
    from jdiplo.layout import MAX_FILE_BYTES, PARTNERS_FILE, Unreadable, digest_of, read_bounded

    path = records_dir / PARTNERS_FILE
    if not os.path.lexists(path):
        return ""
    try:
        return digest_of(read_bounded(path, MAX_FILE_BYTES))
    except Unreadable as error:
        return f"unreadable: {error}"


def registry_state(index: Index) -> RegistryState:
    """The registries: the partners' from the index while partners.yaml stays as it was, else
    read again; people.yaml read when there is one (it is small, and what the index stores does
    not depend on it)."""
    from jdiplo.partners import registry_from_json

    records_dir = index.records_dir
    key = registry_key(records_dir)
    stored = index.meta("registry")
    known = stored is not None and index.meta("registry_key") == key
    if stored is None or not known or index.meta("registry_valid") != "1":
        return read_registries(records_dir, key, known)
    registry = registry_from_json(stored)
    people, problems = _people_file(records_dir, registry)
    return RegistryState(registry, people, problems, key, True)


def read_registries(
    records_dir: Path, key: str | None = None, stored: bool = False
) -> RegistryState:
    """The registries as their files hold them, and the problems of those files."""
    from jdiplo.load import load_registry

    registry, problems = load_registry(records_dir)
    people, people_problems = _people_file(records_dir, registry)
    key = registry_key(records_dir) if key is None else key
    return RegistryState(registry, people, problems + people_problems, key, stored)


def _people_file(
    records_dir: Path, registry: Registry
) -> tuple[PeopleRegistry | None, list[Problem]]:
    """The people registry of the records' people.yaml and its problems; (None, []) when they
    have none (RegistryState.people is then the built-in registry)."""
    from jdiplo.layout import PEOPLE_FILE

    if not os.path.lexists(records_dir / PEOPLE_FILE):
        return None, []
    from jdiplo.people import load_people

    return load_people(records_dir, registry)


class Changes(NamedTuple):
    stored: frozenset[str]  # the record files the index holds
    changed: list[str]  # record files new or changed, or whose sources changed
    gone: list[str]  # stored record files that are no longer there
    settled: list[str]  # racy files found unchanged long enough after: no longer racy
    settled_at: int
    quoting: frozenset[str] = frozenset()  # the changed whose sources changed

    def edited(self) -> list[str]:
        """The stored files that changed, but none of whose sources did: the events an edit
        left as they were need not be checked again (see index/reading.py)."""
        return [name for name in self.changed if name in self.stored and name not in self.quoting]


def changes(index: Index, files: Sequence[str]) -> Changes:
    """What differs between the files and what the index stored of them."""
    from jdiplo.index.freshness import ContentTest

    base = os.fspath(index.records_dir)
    stored = index.stored_files()
    changed: set[str] = set()
    settled: list[str] = []
    started = now_ns()
    for relative in files:
        entry = stored.get(relative)
        path = os.path.join(base, relative)  # noqa: PTH118
        if entry is None:
            changed.add(relative)
            continue
        state, checked_ns, digest = entry
        if not unchanged(state_of(path), state, checked_ns, ContentTest(path, digest)):
            changed.add(relative)
        elif racy(state, checked_ns) and not racy(state, started):
            settled.append(relative)
    quoting = _changed_by_sources(index) & set(files)
    changed |= quoting
    gone = sorted(stored.keys() - set(files))
    return Changes(frozenset(stored), sorted(changed), gone, settled, started, frozenset(quoting))


def _changed_by_sources(index: Index) -> set[str]:
    """Record files whose quotes were checked against a source file that changed since."""
    from jdiplo.index.freshness import digest_of_file, racy_times
    from jdiplo.layout import locate_sources

    changed: set[str] = set()
    root = os.fspath(index.records_dir.parent.resolve())
    stored = {row[0]: row for row in index.stored_sources()}  # (name, checked_ns, *state)
    for name, place in locate_sources(root, stored):
        row = stored[name]
        status = None if isinstance(place, str) else place.status
        if status is None or row[2:] != (
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
            status.st_ino,
            status.st_dev,
        ):
            changed.update(index.source_uses(name))
        elif racy_times(row[3], row[4], row[1]):
            assert not isinstance(place, str)
            digest = digest_of_file(place.path)
            uses = index.source_uses(name)
            changed.update(file for file, checked in uses.items() if checked != digest)
    return changed


def bring_up_to_date(
    index: Index, progress: Progress | None = None, known: RegistryState | None = None
) -> tuple[RegistryState, list[str], list[Problem]]:
    """Re-read what changed, then open a read transaction on the state that is up to date:
    (registry, record files, every problem of the record set). Without problems, every query
    until the transaction ends sees one complete, valid state, whatever other processes
    commit meanwhile. If another process changed the index between the check and the
    read transaction, the check runs again. `known`: the registries as the command just read
    them (`registry_state`), so that they are not read twice.
    """
    from jdiplo.layout import find_record_files

    for attempt in range(5):
        state = known if known is not None and attempt == 0 else registry_state(index)
        files = find_record_files(index.records_dir)
        generation = index.meta("generation")
        found = changes(index, files)
        if (
            not state.stored
            or found.changed
            or found.gone
            or found.settled
            or state.problems
            or index.meta("valid") != "1"
        ):
            problems, generation = _refresh(index, state, files, found, generation, progress)
            if problems:
                return state, files, problems
        index.begin_reading()
        if index.meta("generation") == generation and index.meta("valid") == "1":
            return state, files, []
        index.rollback()
    raise IndexUnavailable("the index keeps changing under other processes")


def _refresh(
    index: Index,
    state: RegistryState,
    files: Sequence[str],
    found: Changes,
    seen_generation: str | None,
    progress: Progress | None,
) -> tuple[list[Problem], str]:
    """Re-read what changed, under the index's write lock, in one transaction: every problem
    of the record set, and the generation it committed.

    The id checks run over every event (stored, or just read and not stored) when a file has
    problems or the index suspects an id: the same checks, on the same events in the same
    order, whatever was stored before.
    """
    from jdiplo.index.reading import read_files
    from jdiplo.layout import PARTNERS_FILE, readable_name
    from jdiplo.partners import additions_json

    registry = state.registry
    index.begin()
    try:
        generation = index.meta("generation")
        if index.meta("registry_key") != state.key or index.meta("registry") is None:
            index.forget_everything()  # every file is checked against the new registry
            index.set_meta("registry_key", state.key)
            index.set_meta("registry", additions_json(registry))
            partners_valid = not any(p.path == PARTNERS_FILE for p in state.problems)
            index.set_meta("registry_valid", "1" if partners_valid else "0")
            found = changes(index, files)
        elif generation != seen_generation:  # another process refreshed meanwhile
            found = changes(index, files)
        storable = [name for name in [*found.changed, *found.gone] if readable_name(name)]
        removed = index.ids_in(storable)
        for relative in found.gone:
            index.forget_file(relative)
        problems: list[Problem] = list(state.problems)
        fresh: list[Identity] = []
        index.registry = registry
        complete = index.path is not None
        fingerprints = index.fingerprints(found.edited()) if complete else None
        reads = read_files(
            index.records_dir,
            found.changed,
            registry,
            complete=complete,
            links_of=index.links_of,
            held=fingerprints,
        )
        for number, read in enumerate(reads, 1):
            held = read.relative in found.stored  # (an index in memory holds none)
            if read.problems:  # its events count in the id checks all the same
                if held:
                    index.forget_file(read.relative)
                fresh.extend(read.identities)
                problems += read.problems
            elif read.rows is not None and read.state is not None:
                index.store_file(
                    read.relative, read.state, read.checked_ns, read.digest, read.rows, held
                )
            elif held:
                index.forget_file(read.relative)
            if progress is not None:
                progress(number, len(found.changed))
        index.settle(found.settled, found.settled_at)
        index.create_indexes()
        was_valid = index.meta("valid") == "1"
        stored = [name for name in found.changed if readable_name(name)]
        if problems or index.suspect_ids(stored if was_valid else None, removed):
            from jdiplo.validate import Checks

            entries = [*index.identities(), *fresh]
            entries.sort(key=lambda entry: (entry.origin.path, entry.origin.index))
            problems += Checks(index.records_dir).ids(entries)
        if index.path is not None:  # (in memory, no index of starts for a bound to narrow)
            index.note_longest_span(stored)
        index.forget_unused_sources()
        index.set_meta("valid", "0" if problems else "1")
        generation = str(int(generation or 0) + 1)
        index.set_meta("generation", generation)
        index.commit()
    except BaseException:
        index.rollback()
        raise
    return problems, generation
