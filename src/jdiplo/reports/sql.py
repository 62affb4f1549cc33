"""The result of a read-only SQL query over the index (`jdiplo sql`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from jdiplo.reports import Report

Value = str | int | float | None


@dataclass(frozen=True)
class QueryResult(Report):
    """Columns and rows as SQLite returned them (a BLOB becomes its hexadecimal text)."""

    report: ClassVar[str] = "sql"

    columns: list[str]
    rows: list[list[Value]]

    def record(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}

    def objects(self) -> list[dict[str, Value]]:
        """One mapping of column to value per row (the JSON of `jdiplo sql`)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def query_result(columns: list[str], values: list[tuple[Any, ...]]) -> QueryResult:
    return QueryResult(columns, [[_value(value) for value in row] for row in values])


def _value(value: Any) -> Value:
    if isinstance(value, bytes):
        return value.hex()
    return value  # type: ignore[no-any-return]
