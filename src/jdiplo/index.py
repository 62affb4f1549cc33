"""The index: an SQLite database of validated events, one per records directory.

The YAML files stay the single source of truth; the index is derived, disposable and invisible.
It lives in the user's cache folder (`$JDIPLO_CACHE_DIR`, else `$XDG_CACHE_HOME/jdiplo`, else
`~/.cache/jdiplo`), never among the records. Its schema is documented in docs/index.md, for
`jdiplo sql`.

This module owns the database: opening it (a corrupt, foreign or outdated one is rebuilt
silently), recording which files it holds, storing a file's events, and turning a `Query` into
SQL. Deciding what to re-read is store.py's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo import __version__

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.query import Query
    from jdiplo.validate import Identity

FORMAT = 3  # raise it whenever what the index stores changes
CACHE_VARIABLE = "JDIPLO_CACHE_DIR"
# A file modified this close to when it was indexed may not show it in its size and time
# (coarse file-system timestamps): its contents are compared too.
_RACY_NS = 2_000_000_000
# Up to this many files or ids, checks after a refresh look only at what changed.
_FEW = 1000

# link table -> the event field whose values it holds, one row per value
LINKS = {
    "event_partners": "partners",
    "event_frameworks": "frameworks",
    "event_domains": "domains",
    "event_tags": "tags",
    "event_related": "related",
    "event_fulfils": "fulfils",
}
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,
    checked_ns INTEGER NOT NULL
);
CREATE TABLE sources (
    file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    source TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    PRIMARY KEY (file, source)
);
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
    searchable TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_by_id ON events(id);
CREATE INDEX events_by_file ON events(file, position);
CREATE INDEX events_by_start ON events(first_day, date_rank, id);
CREATE INDEX events_by_end ON events(last_day);
CREATE INDEX events_by_kind ON events(kind);
CREATE INDEX events_by_status ON events(status);
CREATE INDEX events_by_level ON events(level);
CREATE INDEX events_by_due ON events(due_first, due_last);
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
_EVENT_COLUMNS = (
    "id, file, position, line, first_day, last_day, date_rank, date, kind, status, level,"
    " due_first, due_last, partners, lead_partner, title, searchable, record"
)


class ReadOnlyRefused(Exception):
    """A statement `jdiplo sql` will not run: it would write, or it is not valid SQL."""


_READING = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}


def _read_only(action: int, *arguments: object) -> int:
    return sqlite3.SQLITE_OK if action in _READING else sqlite3.SQLITE_DENY


class IndexUnavailable(Exception):
    """The cache folder or the database cannot be used; callers read the YAML directly."""


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jdiplo"


def index_path(records_dir: Path) -> Path:
    """The database of `records_dir`: one per directory, named after its absolute path."""
    key = hashlib.sha256(os.fsencode(records_dir.resolve())).hexdigest()[:24]
    return cache_dir() / f"index-{key}.sqlite"


# NamedTuples: created on every start, and cheaper to create than dataclasses.
class FileState(NamedTuple):
    size: int
    mtime_ns: int


def file_states(folder: Path, relatives: Iterable[str]) -> dict[str, FileState]:
    """Size and modification time of each file that exists."""
    states = {}
    base = os.fspath(folder)
    for relative in relatives:  # os.path and os.stat: run for thousands of files on each call
        try:
            status = os.stat(os.path.join(base, relative))  # noqa: PTH116, PTH118
        except OSError:
            continue
        states[relative] = FileState(status.st_size, status.st_mtime_ns)
    return states


def digest_of(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


class Listed(NamedTuple):
    """An event as a listing shows it, straight from the index: no model is built."""

    id: str
    date: str
    kind: str
    partners: tuple[str, ...]
    level: str | None
    title: str
    text: str  # the record as JSON, as `--format jsonl` prints it

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = json.loads(self.text)
        return record

    def record_json(self) -> str:
        return self.text


class Index:
    """One records directory's database. `open_index` opens it; `close` closes it."""

    def __init__(self, connection: sqlite3.Connection, records_dir: Path) -> None:
        self.connection = connection
        self.records_dir = records_dir

    def close(self) -> None:
        self.rollback()  # a read transaction, if one is open
        self.connection.close()

    # Reading ------------------------------------------------------------------------------

    def count(self, query: Query | None = None) -> int:
        sql, parameters = select("count(*)", query, self.longest_span(), ordered=False)
        return int(self.connection.execute(sql, parameters).fetchone()[0])

    def listing(self, query: Query) -> Iterator[Listed]:
        """The events a query selects, in its order, as listings."""
        columns = "e.id, e.date, e.kind, e.partners, e.level, e.title, e.record"
        sql, parameters = select(columns, query, self.longest_span())
        for row in self.connection.execute(sql, parameters):
            yield Listed(row[0], row[1], row[2], tuple(row[3].split(",")), row[4], row[5], row[6])

    def events(self, query: Query | None = None, ids: Sequence[str] = ()) -> list[Event]:
        """The events a query selects (or those with `ids`), as models, in the query's order."""
        from jdiplo.model import Event, Origin

        if ids:
            marks = ",".join("?" * len(ids))
            sql = f"SELECT record, file, line, position FROM events WHERE id IN ({marks})"
            rows = self.connection.execute(sql, list(ids))
        else:
            columns = "e.record, e.file, e.line, e.position"
            sql, parameters = select(columns, query, self.longest_span())
            rows = self.connection.execute(sql, parameters)
        events = []
        for text, path, line, position in rows:
            event = Event.model_validate_json(text)
            event._origin = Origin(path, line, position)
            events.append(event)
        return events

    def longest_span(self) -> int | None:
        """The most days an event covers, less one (see `select`); None if unknown."""
        value = self.meta("longest_span")
        return int(value) if value is not None else None

    def note_longest_span(self, files: Sequence[str]) -> None:
        """Keep `longest_span` a bound after `files` were stored: a bound that events since
        removed exceeded is still a bound, so only the new events need looking at."""
        known = self.longest_span()
        sql = "SELECT CAST(max(julianday(last_day) - julianday(first_day)) AS INTEGER) FROM events"
        if known is not None and len(files) <= _FEW:
            sql += f" WHERE file IN ({','.join('?' * len(files))})"
            row = self.connection.execute(sql, list(files)).fetchone()
        else:
            row = self.connection.execute(sql).fetchone()
        self.set_meta("longest_span", str(max(known or 0, row[0] or 0)))

    def ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM events ORDER BY id")]

    def identities(self) -> list[Identity]:
        """What the id checks need of every stored event."""
        from jdiplo.model import Origin
        from jdiplo.validate import ID_LINKS, Identity

        links: dict[str, dict[int, list[str]]] = {field: {} for field in ID_LINKS}
        for field, by_event in links.items():
            for number, code in self.connection.execute(f"SELECT event, code FROM event_{field}"):
                by_event.setdefault(number, []).append(code)
        return [
            Identity(
                event_id,
                Origin(path, line, position),
                **{field: tuple(links[field].get(number, ())) for field in ID_LINKS},
            )
            for number, event_id, path, line, position in self.connection.execute(
                "SELECT number, id, file, line, position FROM events ORDER BY file, position"
            )
        ]

    def suspect_ids(
        self, files: Sequence[str] | None = None, removed: Collection[str] | None = None
    ) -> bool:
        """Whether an id is stored twice or a related id is missing (checked fully elsewhere).

        With `files` (just stored) and `removed` (the ids their old contents had), only what
        they can have changed is looked at; when either is not known, every event.
        """
        from jdiplo.validate import ID_LINKS

        tables = [f"event_{field}" for field in ID_LINKS]  # ids that must exist
        if files is None or removed is None or len(files) > _FEW or len(removed) > _FEW:
            sql = "SELECT EXISTS (SELECT 1 FROM events GROUP BY id HAVING count(*) > 1)" + "".join(
                f" OR EXISTS (SELECT 1 FROM {table} r"
                " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.code))"
                for table in tables
            )
            return bool(self.connection.execute(sql).fetchone()[0])
        in_files = ",".join("?" * len(files))
        in_removed = ",".join("?" * len(removed))
        sql = (
            "SELECT EXISTS (SELECT 1 FROM events a JOIN events b ON b.id = a.id"
            f" AND b.number != a.number WHERE a.file IN ({in_files}))"
        )
        parameters = [*files]
        for table in tables:
            sql += (
                f" OR EXISTS (SELECT 1 FROM {table} r JOIN events a ON a.number = r.event"
                f" WHERE a.file IN ({in_files})"
                " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.code))"
                f" OR EXISTS (SELECT 1 FROM {table} r WHERE r.code IN ({in_removed})"
                " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.code))"
            )
            parameters += [*files, *removed]
        return bool(self.connection.execute(sql, parameters).fetchone()[0])

    def ids_in(self, files: Sequence[str]) -> set[str] | None:
        """The ids of the events stored for `files`; None for more files than are worth it."""
        if len(files) > _FEW:
            return None
        if not files:
            return set()
        marks = ",".join("?" * len(files))
        sql = f"SELECT id FROM events WHERE file IN ({marks})"
        return {row[0] for row in self.connection.execute(sql, list(files))}

    def read_only_query(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """(column names, rows) of one statement that reads; anything that would write is
        refused (ReadOnlyRefused), as is any SQL error (with SQLite's message)."""
        connection = self.connection
        connection.set_authorizer(_read_only)
        try:
            cursor = connection.execute(statement)
            columns = [column[0] for column in cursor.description or ()]
            return columns, cursor.fetchall()
        except sqlite3.DatabaseError as error:
            if "not authorized" in str(error) or "readonly" in str(error):
                raise ReadOnlyRefused(
                    "only statements that read are allowed (SELECT, or WITH ... SELECT); the "
                    "index is derived from the YAML files: change those, with jdiplo add, edit "
                    "or fmt"
                ) from None
            raise ReadOnlyRefused(f"SQL error: {error}") from None
        finally:
            connection.set_authorizer(None)

    # Files ----------------------------------------------------------------------------------

    def changed_files(self, current: dict[str, FileState]) -> tuple[list[str], list[str]]:
        """(files new or changed since they were stored, stored files now gone)."""
        known = {
            row[0]: row[1:]
            for row in self.connection.execute(
                "SELECT path, size, mtime_ns, digest, checked_ns FROM files"
            )
        }
        changed = set(self._changed_sources() & current.keys())
        for relative, state in current.items():
            entry = known.get(relative)
            if (
                entry is None
                or (entry[0], entry[1]) != (state.size, state.mtime_ns)
                or (
                    self._racy(state, entry[3])
                    and digest_of(self.records_dir / relative) != entry[2]
                )
            ):
                changed.add(relative)
        return sorted(changed), sorted(known.keys() - current.keys())

    @staticmethod
    def _racy(state: FileState, checked_ns: int) -> bool:
        """Modified too close to when it was stored for its size and time to tell."""
        return state.mtime_ns >= checked_ns - _RACY_NS

    def _changed_sources(self) -> set[str]:
        """Files whose quotes were checked against a source file that changed since."""
        rows = self.connection.execute("SELECT file, source, size, mtime_ns FROM sources")
        known = rows.fetchall()
        states = file_states(self.records_dir.parent, {source for _, source, _, _ in known})
        return {
            file for file, source, size, mtime_ns in known if states.get(source) != (size, mtime_ns)
        }

    def store_file(self, relative: str, state: FileState, rows: FileRows) -> None:
        """Replace what the index holds of one valid file with its rows (see `file_rows`)."""
        self.forget_file(relative)
        self.connection.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
            (relative, state.size, state.mtime_ns, rows.digest, time.time_ns()),
        )
        self.connection.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?)",
            [(relative, source, s.size, s.mtime_ns) for source, s in rows.sources.items()],
        )
        # Numbered here rather than by SQLite, so that events and links go in by executemany.
        first = (self.connection.execute("SELECT max(number) FROM events").fetchone()[0] or 0) + 1
        marks = ",".join("?" * (len(_EVENT_COLUMNS.split(",")) + 1))
        self.connection.executemany(
            f"INSERT INTO events (number, {_EVENT_COLUMNS}) VALUES ({marks})",
            [(first + position, *row) for position, row in enumerate(rows.events)],
        )
        for table, links in rows.links.items():
            self.connection.executemany(
                f"INSERT INTO {table} VALUES (?, ?)",
                [(first + position, value) for position, value in links],
            )

    def forget_file(self, relative: str) -> None:
        self.connection.execute("DELETE FROM files WHERE path = ?", (relative,))

    def forget_everything(self) -> None:
        self.connection.execute("DELETE FROM files")

    # Metadata and transactions ------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def begin(self) -> None:
        """Take the write lock (waiting for another writer to finish)."""
        self.connection.execute("BEGIN IMMEDIATE")

    def begin_reading(self) -> None:
        """Start a read transaction: every query until it ends sees one state of the index."""
        self.connection.execute("BEGIN")

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")


@dataclass(frozen=True)
class FileRows:
    """What the index stores of one valid file: its digest, the state of the source files its
    quotes were checked against, its `events` rows (columns as in _EVENT_COLUMNS) and, per
    link table, (position of the event in the file, value)."""

    digest: str
    sources: dict[str, FileState]
    events: list[tuple[Any, ...]]
    links: dict[str, list[tuple[int, str]]]


def file_rows(records_dir: Path, file: str, events: Sequence[Event]) -> FileRows:
    """The rows of a file (built apart from the database, so in any process)."""
    links: dict[str, list[tuple[int, str]]] = {table: [] for table in LINKS}
    for position, event in enumerate(events):
        for table, field in LINKS.items():
            links[table].extend((position, value) for value in getattr(event, field))
    sources = sorted({source.file for event in events for source in event.sources if source.file})
    return FileRows(
        digest_of(records_dir / file),
        file_states(records_dir.parent, sources),
        [_event_row(event, file) for event in events],
        links,
    )


def _event_row(event: Event, file: str) -> tuple[Any, ...]:
    """The `events` row of a valid event (columns as in _EVENT_COLUMNS)."""
    from jdiplo.query import searchable_text

    origin = event.origin
    assert origin is not None, "loaded events carry their origin"
    due = event.due
    return (
        event.id,
        file,
        origin.index,
        origin.line,
        event.first_day.isoformat(),
        event.last_day.isoformat(),
        event.date.sort_key[1],
        str(event.date),
        event.kind,
        event.status,
        event.level,
        due.first.isoformat() if due else None,
        due.last.isoformat() if due else None,
        ",".join(event.partners),
        event.partners[0],
        event.title,
        searchable_text(event),
        event.record_json(),
    )


def select(
    columns: str, query: Query | None, longest_span: int | None = None, ordered: bool = True
) -> tuple[str, list[Any]]:
    """`SELECT columns FROM events e WHERE <query> ORDER BY <its sort> LIMIT <its limit>`.

    The SQL twin of `Query.matches` and `Query.select`: the same filters, order and limit.
    `longest_span` (the most days any event covers, less one) bounds where events that overlap
    a period can start, so that SQLite reads only those from its index of starts.
    """
    conditions: list[str] = []
    parameters: list[Any] = []

    def linked(table: str, codes: Sequence[str]) -> str:
        parameters.extend(codes)
        return (
            f"e.number IN (SELECT event FROM {table} WHERE code IN ({','.join('?' * len(codes))}))"
        )

    def among(column: str, values: Sequence[str]) -> None:
        conditions.append(f"{column} IN ({','.join('?' * len(values))})")
        parameters.extend(values)

    def overlaps(first: str, last: str, start: Any, end: Any) -> None:
        if start is not None:
            conditions.append(f"{last} >= ?")
            parameters.append(start.isoformat())
        if end is not None:
            conditions.append(f"{first} <= ?")
            parameters.append(end.isoformat())

    if query is not None:
        if query.partners:  # a grouping's code also matches events in that framework
            in_partners = linked("event_partners", query.partners)
            in_frameworks = linked("event_frameworks", query.partners)
            conditions.append(f"({in_partners} OR {in_frameworks})")
        if query.kinds:
            among("e.kind", query.kinds)
        if query.statuses:
            among("e.status", query.statuses)
        if query.levels:
            among("e.level", query.levels)
        for table, values in (
            ("event_domains", query.domains),
            ("event_frameworks", query.frameworks),
            ("event_tags", query.tags),
        ):
            if values:
                conditions.append(linked(table, values))
        for period in query.periods:
            overlaps("e.first_day", "e.last_day", period.start, period.end)
            if period.start is not None and longest_span is not None:
                earliest = period.start - dt.timedelta(days=longest_span)
                conditions.append("e.first_day >= ?")
                parameters.append(earliest.isoformat())
        if query.due is not None:
            conditions.append("e.due_first IS NOT NULL")
            overlaps("e.due_first", "e.due_last", query.due.start, query.due.end)
        if query.text:
            conditions.append("instr(e.searchable, ?) > 0")
            parameters.append(query.text.casefold())
    sql = f"SELECT {columns} FROM events e"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    if ordered:
        sort = query.sort if query is not None else "date"
        sql += " ORDER BY " + {
            "-date": "e.first_day DESC, e.date_rank DESC, e.id DESC",
            "id": "e.id",
            "partner": "e.lead_partner, e.first_day, e.date_rank, e.id",
        }.get(sort, "e.first_day, e.date_rank, e.id")
        if query is not None and query.limit is not None:
            sql += " LIMIT ?"
            parameters.append(query.limit)
    return sql, parameters


# Opening ----------------------------------------------------------------------------------------


def open_index(records_dir: Path) -> Index:
    """The index of `records_dir`, created, or rebuilt when it is not this jdiplo's.

    Raises IndexUnavailable when the cache folder cannot hold it.
    """
    path = index_path(records_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailable(str(error)) from None
    for attempt in (1, 2):
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(path, timeout=60, isolation_level=None)
            connection.execute("PRAGMA busy_timeout = 60000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            _ensure_schema(connection, records_dir)
            return Index(connection, records_dir)
        except sqlite3.OperationalError as error:
            # Locked or busy beyond the timeout, read-only, out of room: other processes may be
            # using the database, so it is left alone and this one reads the YAML instead.
            if connection is not None:
                connection.close()
            raise IndexUnavailable(str(error)) from None
        except sqlite3.DatabaseError as error:
            if connection is not None:
                connection.close()
            # Not a database, or a malformed one: start again from nothing, once.
            if attempt == 2 or not _remove(path):
                raise IndexUnavailable(str(error)) from None
    raise AssertionError("unreachable")


def memory_index(records_dir: Path) -> Index:
    """An index in memory (for `jdiplo sql` when no index can be kept on disk)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    _ensure_schema(connection, records_dir)
    return Index(connection, records_dir)


def _remove(path: Path) -> bool:
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _stamp(records_dir: Path) -> dict[str, str]:
    """What makes an index this jdiplo's, for this records directory."""
    return {"format": str(FORMAT), "jdiplo": __version__, "records": str(records_dir.resolve())}


def _ensure_schema(connection: sqlite3.Connection, records_dir: Path) -> None:
    """Create the tables, or recreate them when the stamp is missing or another one."""
    stamp = _stamp(records_dir)
    if _stamped(connection, stamp):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _stamped(connection, stamp):  # another process built it while we waited
            connection.execute("ROLLBACK")
            return
        connection.execute("PRAGMA defer_foreign_keys = ON")
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (table,) in tables:
            connection.execute(f'DROP TABLE "{table}"')
        for statement in SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", stamp.items())
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _stamped(connection: sqlite3.Connection, stamp: dict[str, str]) -> bool:
    try:
        rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:  # no meta table: a new or foreign database
        return False
    return all(rows.get(key) == value for key, value in stamp.items())
