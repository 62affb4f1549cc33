"""Structured formats: `json` (an array), `jsonl` (one record a line) and `yaml`; `json` of reports.

They carry exactly the record fields, in the documented order; dates are strings as written.
Text is kept exact: JSON and YAML apply their own escaping to control characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jdiplo.render.console import Output

if TYPE_CHECKING:
    from jdiplo.reports import Report
    from jdiplo.reports.changes import Changes
    from jdiplo.reports.sql import QueryResult
    from jdiplo.store import Printable


def write_events(events: Iterable[Printable], format_name: str, out: Output) -> None:
    if format_name == "jsonl":
        write_lines(events, out)
    elif format_name == "json":
        # As json.dumps(records, indent=2) would write it, one record at a time.
        written = False
        for event in events:
            text = json.dumps(event.record(), ensure_ascii=False, indent=2)
            out.write(("[\n" if not written else ",\n") + "  " + text.replace("\n", "\n  "))
            written = True
        out.write("\n]\n" if written else "[]\n")
    elif format_name == "yaml":
        write_yaml({"events": [written_fields(event.record()) for event in events]}, out)
    else:
        raise ValueError(f"not a structured format: {format_name}")


write_records = write_events


def write_lines(events: Iterable[Printable], out: Output) -> None:
    """JSON Lines: one record a line, in UTF-8 (as JSON Lines is defined), written as bytes
    where the stream has a binary layer: a listing's records go out as the index holds them,
    never decoded and encoded again (thousands of lines a command)."""
    binary = getattr(out.stream, "buffer", None)
    if binary is None:
        for event in events:
            out.write(event.record_json() + "\n")
        return
    out.stream.flush()  # what the text layer holds goes first
    write = binary.write
    for event in events:
        write(event.record_utf8() + b"\n")


def written_fields(record: dict[str, Any]) -> dict[str, Any]:
    """A record as an analyst writes it: without empty optional fields."""
    return {key: value for key, value in record.items() if value is not None and value != []}


def write_yaml(data: Any, out: Output) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096
    yaml.dump(data, out.stream)


def write_report(report: Report, format_name: str, out: Output) -> None:
    """A report's JSON contract (docs/reports.md): its record, indented, text kept exact."""
    if format_name != "json":
        raise ValueError(f"not a structured report format: {format_name}")
    out.write(json.dumps(report.record(), ensure_ascii=False, indent=2) + "\n")


def write_sql(result: QueryResult, format_name: str, out: Output) -> None:
    """`json`: an array of objects, one per row; `jsonl`: one object a line."""
    if format_name == "jsonl":
        for row in result.objects():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    # As json.dumps(rows, indent=2) would write it, one row at a time.
    written = False
    for row in result.objects():
        text = json.dumps(row, ensure_ascii=False, indent=2)
        out.write(("[\n" if not written else ",\n") + "  " + text.replace("\n", "\n  "))
        written = True
    out.write("\n]\n" if written else "[]\n")


write_digest = write_partner_digest = write_diff = write_summary = write_partners = write_report
write_person_digest = write_report
write_brief = write_report


write_people = write_report


def write_changes(changes: Changes, format_name: str, out: Output) -> None:
    """`json`: the report (docs/reports.md); `jsonl`: one changed event a line."""
    if format_name == "json":
        write_report(changes, format_name, out)
        return
    from dataclasses import asdict

    for entry in changes.all():
        out.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
