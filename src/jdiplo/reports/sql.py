"""The result of a read-only SQL statement over the index (`jdiplo sql`), read as it streams."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar

from jdiplo.reports import Report

Value = str | int | float | None


@dataclass(frozen=True)
class QueryResult(Report):
    """Columns and rows as SQLite returns them (a BLOB becomes its hexadecimal text). The rows
    are read once, as they are written: formats that stream (plain, tsv, csv, json, jsonl)
    never hold more than a batch; tables (`table`, `md`) hold at most `TABLE_ROWS`."""

    report: ClassVar[str] = "sql"

    columns: list[str]
    rows: Iterable[list[Value]]

    def record(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": list(self.rows)}

    def objects(self) -> Iterator[dict[str, Value]]:
        """One mapping of column to value per row (the JSON of `jdiplo sql`)."""
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def table(self) -> tuple[list[list[Value]], bool]:
        """The rows a table shows (at most TABLE_ROWS), and whether more were left out."""
        rows = iter(self.rows)
        shown = list(islice(rows, TABLE_ROWS))
        return shown, next(rows, None) is not None


# A table is laid out from all its rows: beyond this many, streaming formats are the way.
TABLE_ROWS = 100_000


def query_result(columns: list[str], values: Iterable[tuple[Any, ...]]) -> QueryResult:
    return QueryResult(columns, ([_value(value) for value in row] for row in values))


def _value(value: Any) -> Value:
    if isinstance(value, bytes):
        return value.hex()
    return value  # type: ignore[no-any-return]
