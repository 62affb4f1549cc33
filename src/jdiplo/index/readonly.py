"""Read-only SQL over the index, for `jdiplo sql`: a statement from the user, run safely.

- Only reading is authorised (SELECT, WITH, the table-valued JSON functions `json_each` and
  `json_tree`, a few read-only pragma functions for the schema); ATTACH, writes and pragmas
  that change anything are refused by SQLite's authorizer, before the statement runs.
- Functions that hand out native pointers (`fts3_tokenizer`) or load code are refused.
- Rows are fetched in batches, as the output consumes them: `... | head -1` reads one batch.
- The statement is interruptible (Ctrl-C stops it within a fraction of a second; the index is
  only read, so it stays whole) and can be bounded in time (`timeout`); SQLite's own memory is
  capped (`MEMORY_LIMIT`), so that a runaway query ends with a message, not the machine's memory.
- Columns with the same name (a join's two `id`s) are all kept, suffixed `_2`, `_3`...
"""

from __future__ import annotations

import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import FrameType
from typing import Any

from jdiplo.index.database import BATCH, Index, IndexDamaged, failure

MEMORY_LIMIT = 1 << 30  # bytes SQLite may allocate for one statement's work
# How often (in SQLite virtual machine instructions) a running statement looks for Ctrl-C.
CHECK_EVERY = 20_000

_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
_REFUSED_FUNCTIONS = {"fts3_tokenizer", "load_extension"}
# Pragmas that only describe the schema, usable as table-valued functions (pragma_table_info).
_READ_ONLY_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
}


_TOO_MUCH_MEMORY = "the statement needed more than {} MB of memory; add a LIMIT or narrow it down"


class StatementRefused(Exception):
    """A statement `jdiplo sql` will not run: it would write, or it is not valid SQL."""


class StatementStopped(Exception):
    """The statement ran past its time limit or SQLite's memory limit."""


def _authorise(action: int, first: str | None, second: str | None, *rest: object) -> int:
    if action == sqlite3.SQLITE_FUNCTION:
        refused = (second or "").lower() in _REFUSED_FUNCTIONS
        return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        allowed = (first or "").lower() in _READ_ONLY_PRAGMAS
        return sqlite3.SQLITE_OK if allowed else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_UPDATE and first == "sqlite_master":
        # SQLite asks this while it sets up a table-valued function (json_each); nothing is
        # written: the connection is query_only.
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_OK if action in _ALLOWED_ACTIONS else sqlite3.SQLITE_DENY


@dataclass
class Rows:
    """The result of a statement: its column names, and its rows as they are fetched."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]


def unique_columns(names: list[str]) -> list[str]:
    """Column names with repeats suffixed `_2`, `_3`..., never taking a name another column
    has: `id, id, id_2` become `id, id_3, id_2`."""
    taken = set(names)
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 1
        while candidate in seen or (candidate != name and candidate in taken):
            number += 1
            candidate = f"{name}_{number}"
        seen.add(candidate)
        unique.append(candidate)
    return unique


def run(index: Index, statement: str, timeout: float | None = None) -> Rows:
    """Prepare and start `statement`; its rows come as they are read. Raises StatementRefused
    for a statement that would write or is not valid SQL."""
    index.ready_for(statement)  # what an index in memory left out and the statement names
    connection = index.connection
    connection.execute(f"PRAGMA hard_heap_limit = {MEMORY_LIMIT}")
    connection.execute("PRAGMA query_only = ON")  # SQLite itself refuses to write from here on
    connection.set_authorizer(_authorise)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        with _watched(connection, deadline, timeout):
            cursor = connection.execute(statement)
            first = cursor.fetchmany(BATCH)
    except sqlite3.DatabaseError as error:
        _stop(connection)
        raise _refusal(error) from None
    except MemoryError:  # SQLite's own allocations failed: past MEMORY_LIMIT
        _stop(connection)
        raise StatementStopped(_TOO_MUCH_MEMORY.format(MEMORY_LIMIT >> 20)) from None
    except BaseException:
        _stop(connection)
        raise
    columns = unique_columns([column[0] for column in cursor.description or ()])
    return Rows(columns, _rest(connection, cursor, first, deadline, timeout))


def _rest(
    connection: sqlite3.Connection,
    cursor: sqlite3.Cursor,
    batch: list[tuple[Any, ...]],
    deadline: float | None,
    timeout: float | None,
) -> Iterator[tuple[Any, ...]]:
    try:
        yield from batch
        while len(batch) == BATCH:
            try:
                with _watched(connection, deadline, timeout):
                    batch = cursor.fetchmany(BATCH)
            except sqlite3.DatabaseError as error:
                raise _refusal(error) from None
            except MemoryError:
                raise StatementStopped(_TOO_MUCH_MEMORY.format(MEMORY_LIMIT >> 20)) from None
            yield from batch
    finally:
        _stop(connection)


def _stop(connection: sqlite3.Connection) -> None:
    with suppress(sqlite3.ProgrammingError):  # already closed
        connection.set_authorizer(None)
        connection.set_progress_handler(None, 0)


def _refusal(error: sqlite3.DatabaseError) -> Exception:
    message = str(error)
    if message.startswith("not authorized to use function"):
        name = message.rsplit(" ", 1)[-1]
        return StatementRefused(f"the function {name} is not allowed in jdiplo sql")
    if "not authorized" in message or "readonly" in message or "prohibited" in message:
        return StatementRefused(
            "only statements that read are allowed (SELECT, or WITH ... SELECT); the index "
            "is derived from the YAML files: change those, with jdiplo add, edit or fmt"
        )
    if "out of memory" in message:
        return StatementStopped(_TOO_MUCH_MEMORY.format(MEMORY_LIMIT >> 20))
    if message.startswith("time limit"):
        return StatementStopped(message)
    problem = failure(error)
    if isinstance(problem, IndexDamaged):
        return problem
    return StatementRefused(f"SQL error: {message}")


@contextmanager
def _watched(
    connection: sqlite3.Connection, deadline: float | None, timeout: float | None
) -> Iterator[None]:
    """While SQLite works: Ctrl-C interrupts it, and so does the `deadline` (of `timeout`)."""
    interrupted = False
    timed_out = False

    def check() -> int:
        nonlocal timed_out
        if interrupted:
            return 1
        if deadline is not None and time.monotonic() > deadline:
            timed_out = True
            return 1
        return 0

    def on_interrupt(number: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True

    previous = None
    with suppress(ValueError):  # not the main thread: Ctrl-C reaches Python as usual
        previous = signal.signal(signal.SIGINT, on_interrupt)
    connection.set_progress_handler(check, CHECK_EVERY)
    try:
        yield
    except sqlite3.OperationalError as error:
        if interrupted:
            raise KeyboardInterrupt from None
        if timed_out:
            raise sqlite3.OperationalError(
                f"time limit: the statement ran for more than {timeout or 0:g} s (--timeout)"
            ) from None
        raise error from None
    finally:
        connection.set_progress_handler(None, 0)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt
