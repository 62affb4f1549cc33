"""Line-oriented formats: `plain` (the pipe default), `tsv`, `csv` and `ids`.

`plain` has no header, so that `cut -f` and `while read` see only data: id, date, kind,
partners (comma-separated) and title. `tsv` and `csv` carry every record field under a header
of field names; a list of strings is joined with `;`, anything nested is compact JSON.
Control characters are escaped in `plain`, `tsv` and `ids`; `csv` keeps them under its quoting.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jdiplo.render.console import Output, escape_control

if TYPE_CHECKING:
    from jdiplo.model import Event


def write_events(events: Sequence[Event], format_name: str, out: Output) -> None:
    if format_name == "ids":
        for event in events:
            out.write(escape_control(event.id) + "\n")
    elif format_name == "plain":
        for event in events:
            row = (event.id, str(event.date), event.kind, ",".join(event.partners), event.title)
            out.write("\t".join(map(escape_control, row)) + "\n")
    elif format_name == "tsv":
        records = [event.record() for event in events]
        header = list(records[0]) if records else _field_names()
        out.write("\t".join(header) + "\n")
        for record in records:
            out.write("\t".join(escape_control(cell(value)) for value in record.values()) + "\n")
    elif format_name == "csv":
        writer = csv.writer(out.stream, lineterminator="\r\n")
        records = [event.record() for event in events]
        writer.writerow(list(records[0]) if records else _field_names())
        for record in records:
            writer.writerow([cell(value) for value in record.values()])
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
