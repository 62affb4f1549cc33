"""Helpers for the report tests: record sets read once, events built in memory."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from conftest import BUNDLED_RECORDS, DATA
from jdiplo.model import Event
from jdiplo.periods import parse_period
from jdiplo.query import Query
from jdiplo.store import RecordSet, open_records

DIFFSET = DATA / "diffset" / "records"


@cache
def record_set(records_dir: Path) -> RecordSet:
    """A record set read into memory (not through the index on disk)."""
    return open_records(records_dir, cache=False)


def bundled() -> RecordSet:
    return record_set(BUNDLED_RECORDS)


def diffset() -> RecordSet:
    return record_set(DIFFSET)


def every_event(records: RecordSet) -> list[Event]:
    return records.select(Query())


def in_period(records: RecordSet, expression: str) -> list[Event]:
    return records.select(Query(periods=(parse_period(expression),)))


def make_event(**fields: Any) -> Event:
    """An event from the fields given, with a test source and defaults for the rest."""
    data: dict[str, Any] = {
        "id": "test-event",
        "date": "2024-07-01",
        "title": "A test event",
        "kind": "meeting",
        "partners": ["US"],
        "sources": [{"url": "https://example.org/test", "quote": "test only"}],
    }
    data.update(fields)
    return Event.model_validate(data)
