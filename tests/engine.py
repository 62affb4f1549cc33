"""The query engine over events built in a test: an index in memory holding them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jdiplo.index.database import Index, memory_index
from jdiplo.index.freshness import FileState
from jdiplo.index.schema import file_rows
from jdiplo.model import Event, Origin
from jdiplo.partners import builtin_registry
from jdiplo.query import Query

FILE = "test.yaml"


def index_of(events: Sequence[Event], answering: Query | None = None) -> Index:
    """A memory index holding `events`, as if read from one file in this order; built for
    the one query `answering` when given, as `--no-cache list` builds it."""
    placed = []
    for position, event in enumerate(events):
        copy = event.model_copy()
        copy._origin = Origin(FILE, position + 1, position)
        placed.append(copy)
    index = memory_index(Path("test-records"), answering)
    # As `--no-cache` fills it: rows left incomplete (texts and codings built on demand).
    index.registry = builtin_registry()
    rows = file_rows(FILE, placed, {}, index.registry, complete=False, links_of=index.links_of)
    index.store_file(FILE, FileState(0, 0, 0, 0, 0), 0, "", rows)
    index.note_longest_span([FILE])
    return index


def answer(events: Sequence[Event], query: Query) -> list[Event]:
    """What the engine answers to `query` over `events`."""
    index = index_of(events)
    try:
        return index.events(query)
    finally:
        index.close()
