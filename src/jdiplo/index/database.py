"""The database: one SQLite file per records directory in the cache folder, or one in memory.

This module owns the connection: opening it (a corrupt, foreign or outdated database is
rebuilt), what is stored of each file, reading events for a query, and transactions. What to
re-read is refresh.py's job; which rows a query selects is query.py's (`Query.sql`).

Every way SQLite can fail is turned into one of two exceptions: `IndexDamaged` (the database
is corrupt: it is removed, and rebuilt by the next command) and `IndexUnavailable` (it cannot
be used now: locked, full, read-only). Callers answer from the YAML files in both cases.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from jdiplo import __version__
from jdiplo.index.freshness import FileState
from jdiplo.index.schema import (
    EVENT_COLUMNS,
    FINGERPRINT,
    FORMAT,
    LINE,
    LINKS,
    LISTED_COLUMNS,
    MEMORY_INDEXES,
    POSITION,
    RECORD,
    RECORD_COLUMNS,
    STATEMENTS,
    TABLES,
    FileRows,
    checksum_utf8,
    record_checksum,
    searchable,
)
from jdiplo.vocabularies import ID_LINKS, TEXT_FIELDS

if TYPE_CHECKING:
    from jdiplo.load import Identity
    from jdiplo.model import Event, Origin
    from jdiplo.partners import Registry
    from jdiplo.query import Query
    from jdiplo.stored import StoredEvent

CACHE_VARIABLE = "JDIPLO_CACHE_DIR"
# How long a command waits for another one that holds the write lock before it answers from
# the YAML files instead (a writer that was stopped must not block every later command).
LOCK_SECONDS = 3.0
# Rows are fetched from SQLite in batches: `jdiplo list | head -1` reads one batch.
BATCH = 512
T = TypeVar("T")
# Up to this many files or ids, checks after a refresh look only at what changed.
FEW = 1000


class IndexUnavailable(Exception):
    """The index cannot be used now (locked, full, read-only...); the message says why."""


class IndexDamaged(IndexUnavailable):
    """The database is corrupt: it is removed, and rebuilt by the next command."""


_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def failure(error: sqlite3.Error) -> IndexUnavailable:
    """The exception callers handle for an SQLite error: damaged, or unavailable."""
    code = getattr(error, "sqlite_errorcode", None)
    message = str(error)
    if (code is not None and code & 0xFF in _CORRUPT) or "malformed" in message:
        return IndexDamaged(message)
    if "not a database" in message and not isinstance(error, sqlite3.OperationalError):
        return IndexDamaged(message)
    return IndexUnavailable(message)


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """SQLite's errors as IndexDamaged or IndexUnavailable."""
    try:
        yield
    except sqlite3.Error as error:
        raise failure(error) from None


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


class _StoredRecord:
    """What renderers ask of a row that holds an event's record as the index's UTF-8 JSON
    (`utf8_record`): the record, its JSON, or the UTF-8 itself."""

    __slots__ = ()
    utf8_record: bytes

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = json.loads(self.utf8_record)
        return record

    def record_json(self) -> str:
        return self.utf8_record.decode()

    def record_utf8(self) -> bytes:
        return self.utf8_record


class _ListedColumns(NamedTuple):
    utf8_id: bytes
    utf8_date: bytes
    utf8_kind: bytes
    utf8_partners: bytes  # the partners' codes, separated by commas
    utf8_level: bytes | None
    utf8_title: bytes
    utf8_record: bytes  # the record as JSON, as `--format jsonl` prints it


class Listed(_ListedColumns, _StoredRecord):
    """An event as a listing shows it, straight from the index: no model is built, and its
    text stays the UTF-8 the index holds until a renderer asks for it."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self.utf8_id.decode()

    @property
    def date(self) -> str:
        return self.utf8_date.decode()

    @property
    def kind(self) -> str:
        return self.utf8_kind.decode()

    @property
    def partners(self) -> tuple[str, ...]:
        return tuple(self.utf8_partners.decode().split(","))

    @property
    def level(self) -> str | None:
        return None if self.utf8_level is None else self.utf8_level.decode()

    @property
    def title(self) -> str:
        return self.utf8_title.decode()


class _RecordColumn(NamedTuple):
    utf8_record: bytes


class RecordRow(_RecordColumn, _StoredRecord):
    """An event's record alone, straight from the index, for the formats that print nothing
    else (JSON, JSON Lines): the UTF-8 the index holds."""

    __slots__ = ()


def _record_verified(row: Sequence[Any], check: bool = True) -> RecordRow:
    """A record from the columns RECORD_COLUMNS reads, after checking its checksum."""
    if check and record_checksum(row[0]) != row[1]:
        raise IndexDamaged("a stored record is damaged")
    return RecordRow(row[0])


def _verified(row: Sequence[Any], check: bool = True) -> Listed:
    """A listing from the columns LISTED_COLUMNS reads, after checking their checksum."""
    listed = Listed(*row[:7])
    if check and checksum_utf8(*listed) != row[7]:
        raise IndexDamaged(f"the stored record of {listed.id!r} is damaged")
    return listed


class Index:
    """One records directory's database (`open_index`, or `memory_index` for one that lives as
    long as the command). Every method raises IndexDamaged or IndexUnavailable on failure."""

    def __init__(self, connection: sqlite3.Connection, records_dir: Path, path: Path | None):
        self.connection = connection
        self.records_dir = records_dir
        self.path = path  # None in memory
        # An index in memory answers one command: what its statements do not need is never
        # built. Its table indexes come once its rows are in (faster); its link rows wait, as
        # they were read, until a statement names their table (or, for an index built for one
        # query, only that query's are built, and stored as they come: `links_of`); its texts
        # and codings are built only for a statement that reads them (`ready_for`,
        # schema.file_rows).
        self.missing_indexes: list[str] = [] if path is not None else list(MEMORY_INDEXES)
        self.pending_links: dict[str, list[tuple[int, str]]] = {}
        # The link tables an index in memory holds rows for: all, or those its one query and
        # the id checks name (`memory_index`).
        self.links_of: frozenset[str] | None = None
        self.texts_stored = self.codings_stored = path is not None
        self.registry: Registry | None = None  # the records' (set by refresh.py)

    def ready_for(self, sql: str) -> None:
        """Build what an index in memory left out that a statement names: a link table, the
        texts (`event_text`), the codings (`plover_event`, `quad_code`), in any case."""
        sql = sql.lower()
        if self.links_of is not None:
            left_out = [table for table in LINKS if table in sql and table not in self.links_of]
            assert not left_out, f"an index in memory built for one query was asked of {left_out}"
        for table in [table for table in self.pending_links if table in sql]:
            rows = self.pending_links.pop(table)
            with translated():
                self.connection.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
        if not self.texts_stored and "event_text" in sql:
            self._fill_texts()
        if not self.codings_stored and ("plover_event" in sql or "quad_code" in sql):
            self._fill_codings()

    def _fill_texts(self) -> None:
        marks = ",".join("?" * (len(TEXT_FIELDS) + 1))
        with translated():
            rows = self.connection.execute(
                "SELECT number, record FROM events"
                " WHERE number NOT IN (SELECT event FROM event_text)"
            ).fetchall()
            self.connection.executemany(
                f"INSERT INTO event_text VALUES ({marks})",
                [(number, *searchable(json.loads(record))) for number, record in rows],
            )
        self.texts_stored = True

    def _fill_codings(self) -> None:
        from jdiplo.coding import derive
        from jdiplo.model import Event

        assert self.registry is not None, "an index in memory is filled with its registry"
        with translated():
            rows = self.connection.execute("SELECT number, record FROM events").fetchall()
            codings = [
                (derive(Event.model_validate_json(record), self.registry), number)
                for number, record in rows
            ]
            self.connection.executemany(
                "UPDATE events SET plover_event = ?, quad_code = ? WHERE number = ?",
                [(coding.event, coding.quad_code, number) for coding, number in codings],
            )
        self.codings_stored = True

    def create_indexes(self) -> None:
        """Create the indexes an index in memory left out while it was filled."""
        with translated():
            for statement in self.missing_indexes:
                self.connection.execute(statement)
        self.missing_indexes = []

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.rollback()  # a read transaction, if one is open
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()

    def remove(self) -> None:
        """Close and delete a damaged database, so that the next command builds it anew."""
        self.close()
        if self.path is not None:
            remove_database(self.path)

    # Reading ------------------------------------------------------------------------------

    def count(self, query: Query) -> int:
        sql, parameters = query.sql("count(*)", self.longest_span(), ordered=False)
        self.ready_for(sql)
        with translated():
            return int(self.connection.execute(sql, parameters).fetchone()[0])

    def listing(self, query: Query) -> Iterator[Listed]:
        """The events a query selects, in its order, as listings. The first batch is read
        before this returns, so that a damaged database is found before anything is shown."""
        return self._rows(query, LISTED_COLUMNS, _verified)

    def records(self, query: Query) -> Iterator[RecordRow]:
        """The records a query selects, in its order, alone (as `listing`)."""
        return self._rows(query, RECORD_COLUMNS, _record_verified)

    def _rows(
        self, query: Query, columns: str, verified: Callable[[Sequence[Any], bool], T]
    ) -> Iterator[T]:
        sql, parameters = query.sql(columns, self.longest_span())
        self.ready_for(sql)
        check = self.path is not None  # in memory, nothing can damage the rows
        with translated():
            cursor = self.connection.execute(sql, parameters)
            first = [verified(row, check) for row in cursor.fetchmany(BATCH)]
        return self._rest(first, cursor, check, verified)

    def _rest(
        self,
        first: list[T],
        cursor: sqlite3.Cursor,
        check: bool,
        verified: Callable[[Sequence[Any], bool], T],
    ) -> Iterator[T]:
        yield from first
        while len(first) == BATCH:
            with translated():
                first = [verified(row, check) for row in cursor.fetchmany(BATCH)]
            yield from first

    def events(self, query: Query | None = None, ids: Sequence[str] = ()) -> list[Event]:
        """The events a query selects (or those with `ids`), as models, in the query's order."""
        from jdiplo.model import Event, Origin

        columns = f"{LISTED_COLUMNS}, e.file, e.line, e.position"
        if query is None:
            marks = ",".join("?" * len(ids))
            sql, parameters = f"SELECT {columns} FROM events e WHERE e.id IN ({marks})", list(ids)
        else:
            sql, parameters = query.sql(columns, self.longest_span())
            self.ready_for(sql)
        events = []
        with translated():
            rows = self.connection.execute(sql, parameters).fetchall()
        for row in rows:
            listed = _verified(row[:8], self.path is not None)
            event = Event.model_validate_json(listed.utf8_record)
            event._origin = Origin(row[8], row[9], row[10])
            events.append(event)
        return events

    def stored(self, query: Query) -> list[StoredEvent]:
        """The events a query selects, in its order, read back from their records without the
        models (see stored.py). A record its checksum passes but that is not what the index
        stores (damage a CRC cannot see) is damage all the same."""
        from jdiplo.stored import StoredEvent

        events = []
        for row in self.records(query):
            try:
                events.append(StoredEvent(row.record_json()))
            except (LookupError, TypeError, ValueError, AttributeError) as error:
                raise IndexDamaged(f"a stored record is damaged ({error!r})") from None
        return events

    def longest_span(self) -> int | None:
        """The most days an event covers, less one (see `Query.sql`); None if unknown."""
        value = self.meta("longest_span")
        return int(value) if value is not None and value.isdigit() else None

    def note_longest_span(self, files: Sequence[str]) -> None:
        """Keep `longest_span` a bound after `files` were stored: a bound that events since
        removed exceeded is still a bound, so only the new events need looking at."""
        known = self.longest_span()
        sql = "SELECT CAST(max(julianday(last_day) - julianday(first_day)) AS INTEGER) FROM events"
        with translated():
            if known is not None and len(files) <= FEW:
                sql += f" WHERE file IN ({','.join('?' * len(files))})"
                row = self.connection.execute(sql, list(files)).fetchone()
            else:
                row = self.connection.execute(sql).fetchone()
        self.set_meta("longest_span", str(max(known or 0, row[0] or 0)))

    def ids(self) -> list[str]:
        with translated():
            return [row[0] for row in self.connection.execute("SELECT id FROM events ORDER BY id")]

    def identities(self) -> list[Identity]:
        """What the id checks need of every stored event, in file order."""
        from jdiplo.load import Identity
        from jdiplo.model import Origin

        links: dict[str, dict[int, list[str]]] = {field: {} for field in ID_LINKS}
        self.ready_for(" ".join(f"event_{field}" for field in ID_LINKS))
        with translated():
            for field, by_event in links.items():
                for number, code in self.connection.execute(
                    f"SELECT event, code FROM event_{field}"
                ):
                    by_event.setdefault(number, []).append(code)
            rows = self.connection.execute(
                "SELECT number, id, file, line, position FROM events ORDER BY file, position"
            ).fetchall()
        return [
            Identity(
                event_id,
                Origin(path, line, position),
                *(tuple(links[field].get(number, ())) for field in ID_LINKS),
            )
            for number, event_id, path, line, position in rows
        ]

    def suspect_ids(self, files: Sequence[str] | None, removed: set[str] | None) -> bool:
        """Whether an id is stored twice or an id that `related` or `fulfils` names is missing
        (checked fully elsewhere).

        With `files` (just stored) and `removed` (the ids their old contents had), only what
        they can have changed is looked at; when either is not known, every event.
        """
        tables = [f"event_{field}" for field in ID_LINKS]  # ids that must exist
        self.ready_for(" ".join(tables))
        missing = "NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.code)"
        if files is None or removed is None or len(files) > FEW or len(removed) > FEW:
            sql = "SELECT EXISTS (SELECT 1 FROM events GROUP BY id HAVING count(*) > 1)"
            sql += "".join(f" OR EXISTS (SELECT 1 FROM {t} r WHERE {missing})" for t in tables)
            with translated():
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
                f" WHERE a.file IN ({in_files}) AND {missing})"
                f" OR EXISTS (SELECT 1 FROM {table} r WHERE r.code IN ({in_removed}) AND {missing})"
            )
            parameters += [*files, *removed]
        with translated():
            return bool(self.connection.execute(sql, parameters).fetchone()[0])

    def person_keys(self) -> set[str]:
        """The keys (people.name_key) of every name the events give their people."""
        self.ready_for("event_people")
        with translated():
            return {row[0] for row in self.connection.execute("SELECT code FROM event_people")}

    def first_mentions(self, keys: Collection[str], most: int) -> list[tuple[str, Origin]]:
        """(name as written, where) of the first event in file order naming each of `keys`,
        for at most `most` of them, in file order."""
        from jdiplo.model import Origin
        from jdiplo.people import name_key

        wanted = set(keys)
        found: list[tuple[str, Origin]] = []
        self.ready_for("event_people")
        with translated():
            rows = self.connection.execute(
                "SELECT p.code, e.file, e.line, e.position, e.record FROM event_people p"
                " JOIN events e ON e.number = p.event ORDER BY e.file, e.position"
            )
            for code, file, line, position, record in rows:
                if code not in wanted:
                    continue
                wanted.discard(code)
                people = json.loads(record)["people"]
                name = next(p["name"] for p in people if name_key(p["name"]) == code)
                found.append((name, Origin(file, line, position)))
                if len(found) >= most or not wanted:
                    break
        return found

    def ids_in(self, files: Sequence[str]) -> set[str] | None:
        """The ids of the events stored for `files`; None for more files than are worth it."""
        if len(files) > FEW:
            return None
        if not files:
            return set()
        marks = ",".join("?" * len(files))
        with translated():
            rows = self.connection.execute(f"SELECT id FROM events WHERE file IN ({marks})", files)
            return {row[0] for row in rows}

    # Files ----------------------------------------------------------------------------------

    def stored_files(self) -> dict[str, tuple[FileState, int, str]]:
        """path -> (state, checked_ns, digest) of every stored record file."""
        with translated():
            rows = self.connection.execute(
                "SELECT path, size, mtime_ns, ctime_ns, inode, device, checked_ns, digest"
                " FROM files"
            ).fetchall()
        return {row[0]: (FileState(*row[1:6]), row[6], row[7]) for row in rows}

    def stored_sources(self) -> list[tuple[str, int, int, int, int, int, int]]:
        """(source, checked_ns, *state) of every source the quotes of a stored file were
        checked against (every refresh forgets the others: `forget_unused_sources`). A state's
        fields come as they are, not as a `FileState`: thousands are compared by every warm
        command."""
        with translated():
            return self.connection.execute(
                "SELECT path, checked_ns, size, mtime_ns, ctime_ns, inode, device FROM sources"
            ).fetchall()

    def source_uses(self, source: str) -> dict[str, str]:
        """record file -> the digest of `source` its quotes were checked against."""
        with translated():
            rows = self.connection.execute(
                "SELECT file, digest FROM file_sources WHERE source = ?", (source,)
            ).fetchall()
        return dict(rows)

    def store_file(
        self,
        relative: str,
        state: FileState,
        checked_ns: int,
        digest: str,
        rows: FileRows,
        replacing: bool = False,
    ) -> None:
        """Store the rows of one valid file (see `file_rows`). `replacing`: the index holds
        an earlier version of the file; its events that did not change (`rows.kept`, or whose
        record is the same) are kept (their place in the file updated), the others replaced:
        an edit of one event of a file of hundreds costs one event's rows, not the file's."""
        connection = self.connection
        with translated():
            kept = self._keep_unchanged(relative, rows) if replacing else {}
            if replacing:
                connection.execute(
                    "UPDATE files SET digest = ?, size = ?, mtime_ns = ?, ctime_ns = ?,"
                    " inode = ?, device = ?, checked_ns = ? WHERE path = ?",
                    (digest, *state, checked_ns, relative),
                )
                self._forget_sources_of(relative, keep=rows.kept_sources)
            else:
                connection.execute(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (relative, digest, *state, checked_ns),
                )
            connection.executemany(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(name, *s.state, s.checked_ns) for name, s in rows.sources.items()],
            )
            connection.executemany(
                "INSERT OR REPLACE INTO file_sources VALUES (?, ?, ?)",
                [(relative, name, s.digest) for name, s in rows.sources.items()],
            )
            # Numbered here rather than by SQLite, so that events and links go in by executemany:
            # the events added, in order, from one past the largest number.
            first = (connection.execute("SELECT max(number) FROM events").fetchone()[0] or 0) + 1
            added = [at for at in range(len(rows.events)) if at not in kept]
            number = dict(zip(added, range(first, first + len(added)), strict=True))
            marks = ",".join("?" * (len(EVENT_COLUMNS.split(",")) + 1))
            connection.executemany(
                f"INSERT INTO events (number, {EVENT_COLUMNS}) VALUES ({marks})",
                [(number[at], *rows.events[at]) for at in added],
            )
            for table, links in rows.links.items():
                numbered = [(number[at], value) for at, value in links if at in number]
                if self.path is None and self.links_of is None:  # kept until a query needs it
                    self.pending_links.setdefault(table, []).extend(numbered)
                else:  # (in memory for one query: what it needs, while the files are read)
                    connection.executemany(f"INSERT INTO {table} VALUES (?, ?)", numbered)
            if rows.texts:
                marks = ",".join("?" * (len(TEXT_FIELDS) + 1))
                connection.executemany(
                    f"INSERT INTO event_text VALUES ({marks})",
                    [(number[at], *rows.texts[at]) for at in added],
                )

    def _keep_unchanged(self, relative: str, rows: FileRows) -> dict[int, int]:
        """Of the events the index holds of `relative`, keep those that did not change: the
        `rows.kept` (by their fingerprint), and those whose record is among the new rows; their
        place in the file is updated, the others are deleted (their links and texts go with
        them). {position in the new rows: number kept}."""
        by_print: dict[bytes, list[int]] = {}
        by_record: dict[str, list[int]] = {}
        places: dict[int, tuple[int, int, bytes | None]] = {}
        for number, position, line, record, printed in self.connection.execute(
            "SELECT number, position, line, record, fingerprint FROM events WHERE file = ?",
            (relative,),
        ):
            places[number] = (position, line, printed)
            by_record.setdefault(record, []).append(number)
            if printed is not None:
                by_print.setdefault(printed, []).append(number)
        moved: list[tuple[int, int, bytes | None, int]] = []

        def keep(number: int, position: int, line: int, printed: bytes | None) -> None:
            if places.pop(number) != (position, line, printed):
                moved.append((position, line, printed, number))

        for printed, position, line in rows.kept:
            # (read in the transaction that stores them: a fingerprint kept is one held)
            keep(by_print[printed].pop(), position, line, printed)
        kept: dict[int, int] = {}
        for at, row in enumerate(rows.events):
            same = [number for number in by_record.get(row[RECORD], ()) if number in places]
            if same:
                kept[at] = same[-1]
                keep(same[-1], row[POSITION], row[LINE], row[FINGERPRINT])
        self.connection.executemany(
            "UPDATE events SET position = ?, line = ?, fingerprint = ? WHERE number = ?", moved
        )
        self.connection.executemany("DELETE FROM events WHERE number = ?", [(n,) for n in places])
        return kept

    def _forget_sources_of(self, relative: str, keep: Collection[str]) -> None:
        """Forget which sources the quotes of `relative` were checked against, but those in
        `keep` (the sources of its events kept unchanged, checked and unchanged since)."""
        rows = self.connection.execute(
            "SELECT source FROM file_sources WHERE file = ?", (relative,)
        ).fetchall()
        self.connection.executemany(
            "DELETE FROM file_sources WHERE file = ? AND source = ?",
            [(relative, source) for (source,) in rows if source not in keep],
        )

    def fingerprints(self, files: Sequence[str]) -> dict[str, list[bytes]]:
        """file -> the fingerprints of its stored events (those the fast parser read)."""
        found: dict[str, list[bytes]] = {}
        with translated():
            for relative in files:
                found[relative] = [
                    row[0]
                    for row in self.connection.execute(
                        "SELECT fingerprint FROM events WHERE file = ? AND fingerprint NOT NULL",
                        (relative,),
                    )
                ]
        return found

    def settle(self, files: Sequence[str], checked_ns: int) -> None:
        """Record that `files` were found unchanged at `checked_ns` (their contents compared),
        so that they are no longer racy."""
        with translated():
            self.connection.executemany(
                "UPDATE files SET checked_ns = ? WHERE path = ?",
                [(checked_ns, relative) for relative in files],
            )

    def forget_file(self, relative: str) -> None:
        with translated():
            self.connection.execute("DELETE FROM files WHERE path = ?", (relative,))

    def forget_everything(self) -> None:
        with translated():
            self.connection.execute("DELETE FROM files")
            self.connection.execute("DELETE FROM sources")

    def forget_unused_sources(self) -> None:
        with translated():
            self.connection.execute(
                "DELETE FROM sources WHERE path NOT IN (SELECT source FROM file_sources)"
            )

    # Metadata and transactions ------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with translated():
            row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,))
            found = row.fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        with translated():
            self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def begin(self) -> None:
        """Take the write lock (waiting a little for another writer to finish)."""
        with translated():
            self.connection.execute("BEGIN IMMEDIATE")

    def begin_reading(self) -> None:
        """Start a read transaction: every query until it ends sees one state of the index."""
        with translated():
            self.connection.execute("BEGIN")

    def commit(self) -> None:
        with translated():
            self.connection.execute("COMMIT")

    def rollback(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")


# Opening ----------------------------------------------------------------------------------------


def open_index(records_dir: Path) -> Index:
    """The index of `records_dir`, created, or rebuilt when it is not this jdiplo's or damaged.

    Raises IndexUnavailable when it cannot be used (the cache folder cannot hold it, the
    database is locked for longer than LOCK_SECONDS, the disk is full...).
    """
    path = index_path(records_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailable(f"cannot create {path.parent}: {error.strerror}") from None
    for attempt in (1, 2):
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(path, timeout=LOCK_SECONDS, isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {int(LOCK_SECONDS * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            _configure(connection)
            _ensure_schema(connection, records_dir)
            return Index(connection, records_dir, path)
        except sqlite3.Error as error:
            if connection is not None:
                connection.close()
            problem = failure(error)
            # A database that is not one, or a corrupt one: start again from nothing, once.
            if not isinstance(problem, IndexDamaged) or attempt == 2:
                raise problem from None
            if not remove_database(path):
                raise problem from None
    raise AssertionError("unreachable")


def memory_index(records_dir: Path, answering: Query | None = None) -> Index:
    """An index that lives as long as the command (`--no-cache`, or when the cache cannot be
    used): the same tables, filled by the same refresh, answering the same queries. Its table
    indexes are created once it is filled (`Index.create_indexes`). `answering`: the one query
    it is for, when the command knows it; then only the link rows that query and the id checks
    need are built, by the processes that read the files."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _configure(connection)
    _ensure_schema(connection, records_dir, TABLES)
    index = Index(connection, records_dir, None)
    if answering is not None:
        sql = answering.sql(LISTED_COLUMNS)[0].lower()
        named = {table for table in LINKS if table in sql}
        index.links_of = frozenset(named | {f"event_{field}" for field in ID_LINKS})
    return index


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    # SQLite checks each page's layout as it reads it, so that damage is found, not trusted.
    connection.execute("PRAGMA cell_size_check = ON")


def remove_database(path: Path) -> bool:
    """Delete a database and its WAL and shared-memory files; whether all could be."""
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _stamp(records_dir: Path) -> dict[str, str]:
    """What makes an index this jdiplo's, for this records directory (whose name may not be
    valid UTF-8: it is kept as the hexadecimal of its bytes)."""
    return {
        "format": str(FORMAT),
        "jdiplo": __version__,
        "records": os.fsencode(records_dir.resolve()).hex(),
    }


def _ensure_schema(
    connection: sqlite3.Connection, records_dir: Path, statements: Sequence[str] = STATEMENTS
) -> None:
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
        for statement in statements:
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
    except sqlite3.OperationalError as error:  # no meta table: a new or foreign database
        if "no such table" in str(error):
            return False
        raise
    return all(rows.get(key) == value for key, value in stamp.items())
