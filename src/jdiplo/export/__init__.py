"""Exports to the formats of other tools, and imports from them.

One module per foreign format, each with the same `write(events, context, stream)` function,
found through `FORMATS` (adding a format is adding a module and a line here):

    plover       plover.py       PLOVER JSONL (the event-data world: POLECAT, ICEWS successors)
    timelinejs   timelinejs.py   TimelineJS3 JSON, for a presentation
    csl-json     csl.py          the sources as CSL-JSON, for Zotero and pandoc citeproc
    csv-long     tables.py       one row per event and partner, scalar cells (spreadsheets)
    tsv-long     tables.py       the same, tab-separated
    parquet      parquet.py      typed columns, for DuckDB and pandas (the `parquet` extra)
    jsonl        here            the records as `jdiplo list --format jsonl` writes them

Reading them back is readers.py (`jdiplo import`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import IO, TYPE_CHECKING, Any

from jdiplo.problems import JdiploError

if TYPE_CHECKING:
    from jdiplo.coding import Coding
    from jdiplo.model import Event
    from jdiplo.partners import Registry


@dataclass(frozen=True)
class Format:
    module: str
    binary: bool = False
    description: str = ""


FORMATS: dict[str, Format] = {
    "plover": Format("plover", description="PLOVER JSONL"),
    "timelinejs": Format("timelinejs", description="TimelineJS3 JSON"),
    "csl-json": Format("csl", description="CSL-JSON items of the sources"),
    "csv-long": Format("tables", description="one row per event and partner, CSV"),
    "tsv-long": Format("tables", description="one row per event and partner, TSV"),
    "parquet": Format("parquet", binary=True, description="typed columns (the parquet extra)"),
    "jsonl": Format("records", description="the records, one a line"),
}
GROUPS = ("partner", "kind")


class MissingExtra(JdiploError):
    """A format needs an optional dependency that is not installed."""


@dataclass
class ExportContext:
    """What a writer needs besides the events: the registry, the chosen options, and the
    coding of each event (derived once, on demand)."""

    format_name: str
    registry: Registry
    group: str = "partner"
    _codings: dict[int, Coding] = field(default_factory=dict, repr=False)

    def coding(self, event: Event) -> Coding:
        from jdiplo.coding import derive

        key = id(event)
        if key not in self._codings:
            self._codings[key] = derive(event, self.registry)
        return self._codings[key]


def check_available(format_name: str) -> None:
    """Raise MissingExtra (one line) when the format's optional dependency is missing."""
    if format_name == "parquet":
        from jdiplo.export.parquet import require

        require()


def write(events: Sequence[Event], context: ExportContext, stream: IO[Any]) -> None:
    """The events in `context.format_name`, to `stream` (bytes for binary formats)."""
    module = import_module(f"jdiplo.export.{FORMATS[context.format_name].module}")
    module.write(events, context, stream)
