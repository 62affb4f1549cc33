"""Renderers: events or a report object -> one output format, written to an `Output`.

One module per family of formats, each with the same functions and signatures, found through
the registries below (beanquery's habit): adding a format is adding a module and a line here.
Renderers never decide what is in the output, only how it looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.render.console import Output
    from jdiplo.reports import Report
    from jdiplo.store import Listing, Printable

# format -> module that renders it (events)
LIST_FORMATS = {
    "table": "table",
    "plain": "delimited",
    "tsv": "delimited",
    "csv": "delimited",
    "ids": "delimited",
    "json": "structured",
    "jsonl": "structured",
    "md": "markdown",
}
SHOW_FORMATS = {"text": "table", "json": "structured", "jsonl": "structured", "yaml": "structured"}
# The formats of a listing that print the records and nothing else (`write_printed`).
RECORD_FORMATS = ("json", "jsonl")


def write_events(events: Iterable[Listing], format_name: str, out: Output) -> None:
    """A listing of events (`jdiplo list`)."""
    module = import_module(f"jdiplo.render.{LIST_FORMATS[format_name]}")
    module.write_events(events, format_name, out)


def write_printed(events: Iterable[Printable], format_name: str, out: Output) -> None:
    """A listing in one of RECORD_FORMATS, of the records alone."""
    from jdiplo.render import structured

    assert format_name in RECORD_FORMATS, format_name
    structured.write_events(events, format_name, out)


def write_records(events: Sequence[Event], format_name: str, out: Output) -> None:
    """Full records (`jdiplo show`)."""
    module = import_module(f"jdiplo.render.{SHOW_FORMATS[format_name]}")
    module.write_records(events, format_name, out)


# report -> format -> module. A module renders report `r` with `write_<r>(report, format, out)`
# (`-` in the report's name becomes `_`); the first format is the default on a terminal.
_DIGEST_FORMATS = {"text": "text", "md": "markdown", "json": "structured"}
REPORT_FORMATS: dict[str, dict[str, str]] = {
    "digest": _DIGEST_FORMATS,
    "partner-digest": _DIGEST_FORMATS,
    "person-digest": _DIGEST_FORMATS,
    "diff": {"table": "text", "text": "text", "md": "markdown", "json": "structured"},
    "summary": {
        "table": "text",
        "chart": "chart",
        "plain": "delimited",
        "tsv": "delimited",
        "csv": "delimited",
        "json": "structured",
        "md": "markdown",
    },
    "sql": {
        "table": "text",
        "plain": "delimited",
        "tsv": "delimited",
        "csv": "delimited",
        "json": "structured",
        "jsonl": "structured",
        "md": "markdown",
    },
    "brief": {"html": "html", "json": "structured"},
    "partners": {
        "table": "text",
        "plain": "delimited",
        "tsv": "delimited",
        "csv": "delimited",
        "json": "structured",
        "md": "markdown",
    },
    "changes": {
        "text": "text",
        "json": "structured",
        "jsonl": "structured",
        "md": "markdown",
        "csv": "delimited",
    },
    "people": {
        "table": "text",
        "plain": "delimited",
        "tsv": "delimited",
        "csv": "delimited",
        "json": "structured",
        "md": "markdown",
    },
}


def report_formats(report: str) -> tuple[str, ...]:
    """The formats a report can be written in (for --format and its help)."""
    return tuple(REPORT_FORMATS[report])


def write_report(report: Report, format_name: str, out: Output) -> None:
    """A report object in one format."""
    writer = _report_function(report, format_name, "write")
    writer(report, format_name, out)


def _report_function(report: Report, format_name: str, verb: str) -> Any:
    module = import_module(f"jdiplo.render.{REPORT_FORMATS[report.report][format_name]}")
    return getattr(module, f"{verb}_{report.report.replace('-', '_')}")
