"""What the index stores: its tables (documented in docs/index.md for `jdiplo sql`) and the
rows of a valid record file, built apart from the database so that any process can build them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo.vocabularies import TEXT_FIELDS

if TYPE_CHECKING:
    from jdiplo.coding import Coding
    from jdiplo.index.freshness import FileState
    from jdiplo.model import Event
    from jdiplo.partners import Registry

FORMAT = 10  # raise it whenever what the index stores changes

# link table -> the event field whose values it holds, one row per value (`code`)
LINKS = {
    "event_partners": "partners",
    "event_frameworks": "frameworks",
    "event_domains": "domains",
    "event_tags": "tags",
    "event_related": "related",
    "event_fulfils": "fulfils",
    "event_people": "people",  # the name's key (people.name_key): any case and word order
}

_STATE = """
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,
    checked_ns INTEGER NOT NULL"""

TEXT_COLUMNS = ",\n    ".join(f"{field} TEXT NOT NULL" for field in TEXT_FIELDS)
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
    plover_event TEXT,
    quad_code INTEGER,
    record TEXT NOT NULL,
    checksum INTEGER NOT NULL,
    record_checksum INTEGER NOT NULL,
    fingerprint BLOB
);
CREATE INDEX events_by_id ON events(id);
CREATE INDEX events_by_file ON events(file, position);
CREATE INDEX events_by_start ON events(first_day, date_rank, id);
CREATE INDEX events_by_end ON events(last_day);
CREATE INDEX events_by_kind ON events(kind);
CREATE INDEX events_by_status ON events(status);
CREATE INDEX events_by_level ON events(level);
CREATE INDEX events_by_due ON events(due_first, due_last);
CREATE INDEX events_by_plover_event ON events(plover_event);
CREATE TABLE event_text (
    event INTEGER PRIMARY KEY REFERENCES events(number) ON DELETE CASCADE,
    {TEXT_COLUMNS}
);
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
STATEMENTS = [statement.strip() for statement in SCHEMA.split(";") if statement.strip()]
# The indexes of the tables: an index in memory, filled once, creates them after its rows.
INDEXES = [statement for statement in STATEMENTS if statement.startswith("CREATE INDEX")]
TABLES = [statement for statement in STATEMENTS if statement not in INDEXES]
# An index in memory answers one command: it creates only the table index its checks of ids
# use (the others would cost more to build than the one query they would speed up).
MEMORY_INDEXES = [statement for statement in INDEXES if " events_by_id " in statement]
EVENT_COLUMNS = (
    "id, file, position, line, first_day, last_day, date_rank, date, kind, status, level,"
    " due_first, due_last, partners, lead_partner, title, plover_event, quad_code, record,"
    " checksum, record_checksum, fingerprint"
)
# Where the record's JSON, and the event's place in its file, are in a row
RECORD = EVENT_COLUMNS.split(", ").index("record")
POSITION = EVENT_COLUMNS.split(", ").index("position")
LINE = EVENT_COLUMNS.split(", ").index("line")
FINGERPRINT = EVENT_COLUMNS.split(", ").index("fingerprint")
# What a listing reads of an event, as the UTF-8 the index holds (a listing written as JSON
# Lines goes to stdout as it is read, never decoded); the checksum covers exactly these values.
LISTED_COLUMNS = ", ".join(
    f"CAST(e.{column} AS BLOB)"
    for column in ("id", "date", "kind", "partners", "level", "title", "record")
)
LISTED_COLUMNS += ", e.checksum"
# What a listing that prints the records alone (JSON, JSON Lines) reads, and its own checksum.
RECORD_COLUMNS = "CAST(e.record AS BLOB), e.record_checksum"


def checksum(
    event_id: str, date: str, kind: str, partners: str, level: str | None, title: str, record: str
) -> int:
    """The checksum of what is printed of an event: a damaged row is never printed as fact.
    A CRC-32 finds the damage a disk or a stray write does (any burst of up to 32 bits, and
    all but one in four billion of the rest); it is no seal against someone who can write
    the cache (nothing stored there could be), and it is the cheapest check on the path of
    every listing, thousands of rows a command."""
    values = (event_id, date, kind, partners, level or "", title, record)
    return checksum_utf8(*(value.encode("utf-8", "surrogatepass") for value in values))


def checksum_utf8(
    event_id: bytes,
    date: bytes,
    kind: bytes,
    partners: bytes,
    level: bytes | None,
    title: bytes,
    record: bytes,
) -> int:
    """`checksum` of the values as UTF-8, as a listing reads them (LISTED_COLUMNS)."""
    return zlib.crc32(b"\x1f".join((event_id, date, kind, partners, level or b"", title, record)))


def record_checksum(record: bytes) -> int:
    """The checksum of a record's JSON alone, as UTF-8 (RECORD_COLUMNS): what a listing
    that prints the records alone checks, reading nothing else."""
    return zlib.crc32(record)


class SourceRow(NamedTuple):
    """A source file as the quotes of a record file were checked against it."""

    state: FileState
    checked_ns: int
    digest: str


class Kept(NamedTuple):
    """An event of a stored file that an edit left as it was (its fingerprint is held): its
    rows are kept, at its new place in the file."""

    fingerprint: bytes
    position: int
    line: int


class FileRows(NamedTuple):
    """What the index stores of one valid file: the source files its quotes were checked
    against, its `events` rows (columns as in EVENT_COLUMNS), and, per event position, its
    link rows (table, value) and text rows (field, text). For a stored file read again after
    an edit, the events it left unchanged are `kept` rather than built again, and their
    sources (`kept_sources`) keep the rows their quotes were checked with."""

    sources: dict[str, SourceRow]
    events: list[tuple[Any, ...]]
    links: dict[str, list[tuple[int, str]]]  # link table -> (event's position, value)
    texts: list[tuple[str, ...]]  # per event, its text in each of TEXT_FIELDS
    kept: Sequence[Kept] = ()
    kept_sources: frozenset[str] = frozenset()


def file_rows(
    file: str,
    events: Sequence[Event],
    sources: dict[str, SourceRow],
    registry: Registry,
    complete: bool = True,
    links_of: Collection[str] | None = None,
    fingerprints: Sequence[bytes] | None = None,
) -> FileRows:
    """The rows of a valid file (built apart from the database, so in any process). Rows that
    are not `complete` are for an index in memory, which lives for one command: it needs no
    checksums (nothing can damage it), and builds the rows of event_text and the PLOVER
    codings only for a statement that reads them (`Index.ready_for`). `links_of`: the link
    tables to build rows for (all of them by default). `fingerprints`: of each event, when
    the fast parser read them (see plainyaml.fingerprint)."""
    from jdiplo.coding import derive
    from jdiplo.people import name_key

    wanted = LINKS if links_of is None else [table for table in LINKS if table in links_of]
    links: dict[str, list[tuple[int, str]]] = {table: [] for table in wanted}
    listed = [(table, links[table], LINKS[table]) for table in wanted if table != "event_people"]
    people = links.get("event_people")
    rows = []
    for position, event in enumerate(events):
        for _, found, field in listed:
            for value in getattr(event, field):
                found.append((position, value))
        if people is not None:
            for key in dict.fromkeys(name_key(person.name) for person in event.people):
                people.append((position, key))
        coding = derive(event, registry) if complete else None
        printed = None if fingerprints is None else fingerprints[position]
        rows.append(_event_row(event, file, coding, printed))
    texts = [searchable(json.loads(row[RECORD])) for row in rows] if complete else []
    return FileRows(sources, rows, links, texts)


def searchable(record: dict[str, Any]) -> tuple[str, ...]:
    """What `--text` searches of an event (its record, as `Event.record()` gives it), in each
    of TEXT_FIELDS: the field's texts, case-folded and single-spaced, one a line."""
    people = record["people"]
    place = record["place"]
    sources = record["sources"]
    texts = {
        "title": [record["title"]],
        "summary": [record["summary"]],
        "people": [f"{p['name']} {p['role'] or ''}" for p in people],
        "place": [place["name"]] if place else [],
        "firsts": record["firsts"],
        "tags": record["tags"],
        "quote": [source["quote"] for source in sources],
        "source": [
            f"{s['publisher'] or ''} {s['author'] or ''} {s['title'] or ''}" for s in sources
        ],
    }
    return tuple(
        "\n".join(" ".join(text.split()).casefold() for text in texts[field] if text)
        for field in TEXT_FIELDS
    )


def _event_row(
    event: Event, file: str, coding: Coding | None, fingerprint: bytes | None
) -> tuple[Any, ...]:
    """The `events` row of a valid event (columns as in EVENT_COLUMNS), with its PLOVER coding
    (coding.derive: the record's own, or derived) for the filters on it, and its checksum;
    without a coding, neither (see `file_rows`)."""
    origin = event.origin
    assert origin is not None, "loaded events carry their origin"
    due = event.due
    written = event.date
    date = str(written)
    partners = ",".join(event.partners)
    record = event.record_json()
    return (
        event.id,
        file,
        origin.index,
        origin.line,
        written.first.isoformat(),
        (event.end or written).last.isoformat(),
        written.sort_key[1],
        date,
        event.kind,
        event.status,
        event.level,
        due.first.isoformat() if due else None,
        due.last.isoformat() if due else None,
        partners,
        event.partners[0],
        event.title,
        coding.event if coding else None,
        coding.quad_code if coding else None,
        record,
        checksum(event.id, date, event.kind, partners, event.level, event.title, record)
        if coding
        else 0,
        record_checksum(record.encode("utf-8", "surrogatepass")) if coding else 0,
        fingerprint,
    )
