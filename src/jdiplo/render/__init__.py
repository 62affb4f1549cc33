"""Renderers: events or a report object -> one output format, written to an `Output`.

One module per family of formats, each with the same functions and signatures, found through
the registries below (beanquery's habit): adding a format is adding a module and a line here.
Renderers never decide what is in the output, only how it looks.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.render.console import Output

# format -> module that renders it
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


def write_events(events: Sequence[Event], format_name: str, out: Output) -> None:
    """A listing of events (`jdiplo list`)."""
    module = import_module(f"jdiplo.render.{LIST_FORMATS[format_name]}")
    module.write_events(events, format_name, out)


def write_records(events: Sequence[Event], format_name: str, out: Output) -> None:
    """Full records (`jdiplo show`)."""
    module = import_module(f"jdiplo.render.{SHOW_FORMATS[format_name]}")
    module.write_records(events, format_name, out)
