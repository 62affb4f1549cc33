"""Line-oriented formats: `plain` (the pipe default), `tsv`, `csv` and `ids`.

`plain` has no header, so that `cut -f` and `while read` see only data: id, date, kind,
partners (comma-separated) and title. `tsv` and `csv` carry every record field under a header
of field names; a list of strings is joined with `;`, anything nested is compact JSON.
Control characters are escaped in `plain`, `tsv` and `ids`; `csv` keeps them under its quoting.

Reports come as rows under their JSON field names: a summary as one row per combination
(`partner`, `month`, ..., `count`), the partner table as one row per registry entry. A missing
value (an event without a level) is an empty cell.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from jdiplo.render.console import Output, escape_control

if TYPE_CHECKING:
    from jdiplo.reports.changes import Changes
    from jdiplo.reports.partners import PartnerTable
    from jdiplo.reports.people import PeopleTable
    from jdiplo.reports.sql import QueryResult
    from jdiplo.reports.summary import Summary
    from jdiplo.store import Listing


def write_events(events: Iterable[Listing], format_name: str, out: Output) -> None:
    if format_name == "ids":
        for event in events:
            out.write(escape_control(event.id) + "\n")
    elif format_name == "plain":
        for event in events:
            row = (event.id, str(event.date), event.kind, ",".join(event.partners), event.title)
            out.write("\t".join(map(escape_control, row)) + "\n")
    elif format_name in ("tsv", "csv"):
        records = (event.record() for event in events)
        first = next(records, None)
        header = list(first) if first is not None else _field_names()
        if format_name == "tsv":
            out.write("\t".join(header) + "\n")
        else:
            writer = csv.writer(out.stream, lineterminator="\r\n")
            writer.writerow(header)
        for record in itertools.chain([first] if first is not None else [], records):
            cells = [cell(value) for value in record.values()]
            if format_name == "tsv":
                out.write("\t".join(map(escape_control, cells)) + "\n")
            else:
                writer.writerow(cells)
    else:
        raise ValueError(f"not a delimited format: {format_name}")


def cell(value: Any) -> str:
    """One field as text: scalars as written, string lists joined with `;`, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _field_names() -> list[str]:
    from jdiplo.model import Event

    return list(Event.model_fields)


def write_summary(summary: Summary, format_name: str, out: Output) -> None:
    header = [*summary.by, "count"]
    rows = [[cell(key) for key in row.keys] + [str(row.count)] for row in summary.rows]
    _write_rows(header, rows, format_name, out)


def write_partners(table: PartnerTable, format_name: str, out: Output) -> None:
    from dataclasses import astuple, fields

    from jdiplo.reports.partners import PartnerRow

    if format_name == "plain":
        plain = [
            [row.code, row.name, row.kind, str(row.events), row.last_event or ""]
            for row in table.partners
        ]
        _write_rows([], plain, format_name, out)
        return
    header = [field.name for field in fields(PartnerRow)]
    rows = [[cell(value) for value in astuple(row)] for row in table.partners]
    _write_rows(header, rows, format_name, out)


def write_people(table: PeopleTable, format_name: str, out: Output) -> None:
    """`plain`: name, country, events, last event; `tsv`/`csv`: every field, offices as text
    (`Defence Minister (JP, 2023-09-13 to 2024-10-01)`, joined with `;`)."""
    from jdiplo.render.text import office_text

    if format_name == "plain":
        plain = [
            [row.name, row.country or "", str(row.events), row.last_event or ""]
            for row in table.people
        ]
        _write_rows([], plain, format_name, out)
        return
    header = ["name", "country", "aliases", "offices", "events", "last_event", "registered"]
    rows = [
        [
            row.name,
            row.country or "",
            cell(row.aliases),
            ";".join(office_text(office, str) for office in row.offices),
            str(row.events),
            row.last_event or "",
            "true" if row.registered else "false",
        ]
        for row in table.people
    ]
    _write_rows(header, rows, format_name, out)


def write_changes(changes: Changes, format_name: str, out: Output) -> None:
    """One row per added or removed event (`field`, `before`, `after` empty), one row per
    changed field of a modified event; values as in the other delimited formats."""
    header = ["change", "id", "date", "title", "field", "before", "after"]
    rows: list[list[str]] = []
    for entry in changes.all():
        start = [entry.change, entry.id, entry.date, entry.title]
        if not entry.fields:
            rows.append([*start, "", "", ""])
        for change in entry.fields:
            rows.append([*start, change.field, cell(change.before), cell(change.after)])
    _write_rows(header, rows, format_name, out)


def numeric_column(rows: Sequence[Sequence[object]], column: int) -> bool:
    """Whether every value of a column is a number (tables align such columns right)."""
    values = [row[column] for row in rows if row[column] is not None]
    return bool(values) and all(isinstance(value, int | float) for value in values)


def write_sql(result: QueryResult, format_name: str, out: Output) -> None:
    header = [] if format_name == "plain" else result.columns
    _write_rows(header, ([cell(value) for value in row] for row in result.rows), format_name, out)


def _write_rows(
    header: list[str], rows: Iterable[list[str]], format_name: str, out: Output
) -> None:
    """`plain`: no header; `tsv`: a header, control characters escaped; `csv`: RFC 4180."""
    if format_name == "csv":
        writer = csv.writer(out.stream, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
        return
    if format_name not in ("plain", "tsv"):
        raise ValueError(f"not a delimited report format: {format_name}")
    if format_name == "tsv":
        out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(escape_control(value) for value in row) + "\n")
