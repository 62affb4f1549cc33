"""What the index stores: its tables (documented in docs/index.md for `jdiplo sql`) and the
rows of a valid record file, built apart from the database so that any process can build them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jdiplo.index.freshness import FileState
    from jdiplo.model import Event

FORMAT = 3  # raise it whenever what the index stores changes

# link table -> the event field whose values it holds, one row per value
LINKS = {
    "event_partners": "partners",
    "event_frameworks": "frameworks",
    "event_domains": "domains",
    "event_tags": "tags",
    "event_related": "related",
}

# The fields `--text` searches, each a row of event_text (`--in` chooses among them).
TEXT_FIELDS = ("title", "summary", "people", "place", "firsts", "tags", "quote", "source")

_STATE = """
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,
    checked_ns INTEGER NOT NULL"""

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    digest TEXT NOT NULL,{_STATE}
);
CREATE TABLE sources (
    path TEXT PRIMARY KEY,{_STATE}
);
CREATE TABLE file_sources (
    file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    source TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (file, source)
);
CREATE INDEX file_sources_by_source ON file_sources(source);
CREATE TABLE events (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    line INTEGER NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    date_rank INTEGER NOT NULL,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    level TEXT,
    due_first TEXT,
    due_last TEXT,
    partners TEXT NOT NULL,
    lead_partner TEXT NOT NULL,
    title TEXT NOT NULL,
    record TEXT NOT NULL,
    checksum TEXT NOT NULL
);
CREATE INDEX events_by_id ON events(id);
CREATE INDEX events_by_file ON events(file, position);
CREATE INDEX events_by_start ON events(first_day, date_rank, id);
CREATE INDEX events_by_end ON events(last_day);
CREATE INDEX events_by_kind ON events(kind);
CREATE INDEX events_by_status ON events(status);
CREATE INDEX events_by_level ON events(level);
CREATE INDEX events_by_due ON events(due_first, due_last);
CREATE TABLE event_text (
    event INTEGER NOT NULL REFERENCES events(number) ON DELETE CASCADE,
    field TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX event_text_by_event ON event_text(event);
"""
SCHEMA += "".join(
    f"""CREATE TABLE {table} (
    event INTEGER NOT NULL REFERENCES events(number) ON DELETE CASCADE,
    code TEXT NOT NULL
);
CREATE INDEX {table}_by_code ON {table}(code, event);
CREATE INDEX {table}_by_event ON {table}(event);
"""
    for table in LINKS
)
EVENT_COLUMNS = (
    "id, file, position, line, first_day, last_day, date_rank, date, kind, status, level,"
    " due_first, due_last, partners, lead_partner, title, record, checksum"
)
# What a listing reads of an event; the checksum covers exactly these values.
LISTED_COLUMNS = "e.id, e.date, e.kind, e.partners, e.level, e.title, e.record, e.checksum"


def checksum(
    event_id: str, date: str, kind: str, partners: str, level: str | None, title: str, record: str
) -> str:
    """The checksum of what is printed of an event: a damaged row is never printed as fact."""
    text = "\x1f".join((event_id, date, kind, partners, level or "", title, record))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class SourceRow(NamedTuple):
    """A source file as the quotes of a record file were checked against it."""

    state: FileState
    checked_ns: int
    digest: str


class FileRows(NamedTuple):
    """What the index stores of one valid file: the source files its quotes were checked
    against, its `events` rows (columns as in EVENT_COLUMNS), and, per event position, its
    link rows (table, value) and text rows (field, text)."""

    sources: dict[str, SourceRow]
    events: list[tuple[Any, ...]]
    links: list[tuple[int, str, str]]  # (position, table, value)
    texts: list[tuple[int, str, str]]  # (position, field, text)


def file_rows(file: str, events: Sequence[Event], sources: dict[str, SourceRow]) -> FileRows:
    """The rows of a valid file (built apart from the database, so in any process)."""
    links: list[tuple[int, str, str]] = []
    texts: list[tuple[int, str, str]] = []
    for position, event in enumerate(events):
        for table, field in LINKS.items():
            links.extend((position, table, value) for value in getattr(event, field))
        texts.extend((position, field, text) for field, text in searchable(event))
    return FileRows(sources, [_event_row(event, file) for event in events], links, texts)


def searchable(event: Event) -> list[tuple[str, str]]:
    """(field, case-folded text) for what `--text` searches of an event; empty texts left out."""
    found = [("title", event.title), ("summary", event.summary or "")]
    found += [("people", " ".join(filter(None, (p.name, p.role)))) for p in event.people]
    if event.place is not None:
        found.append(("place", event.place.name))
    found += [("firsts", first) for first in event.firsts]
    found += [("tags", tag) for tag in event.tags]
    for source in event.sources:
        found.append(("quote", source.quote))
        described = (source.publisher, source.author, source.title)
        found.append(("source", " ".join(filter(None, described))))
    return [(field, " ".join(text.split()).casefold()) for field, text in found if text.strip()]


def _event_row(event: Event, file: str) -> tuple[Any, ...]:
    """The `events` row of a valid event (columns as in EVENT_COLUMNS)."""
    origin = event.origin
    assert origin is not None, "loaded events carry their origin"
    due = event.due
    date = str(event.date)
    partners = ",".join(event.partners)
    record = event.record_json()
    return (
        event.id,
        file,
        origin.index,
        origin.line,
        event.first_day.isoformat(),
        event.last_day.isoformat(),
        event.date.sort_key[1],
        date,
        event.kind,
        event.status,
        event.level,
        due.first.isoformat() if due else None,
        due.last.isoformat() if due else None,
        partners,
        event.partners[0],
        event.title,
        record,
        checksum(event.id, date, event.kind, partners, event.level, event.title, record),
    )
