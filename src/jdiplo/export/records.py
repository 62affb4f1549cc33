"""`jsonl`: the records themselves, one a line, exactly as `jdiplo list --format jsonl` writes
them (every field of the record format, in its documented order): what `jdiplo import --from
jsonl` reads back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from jdiplo.export import ExportContext
    from jdiplo.model import Event


def write(events: Sequence[Event], context: ExportContext, stream: IO[str]) -> None:
    for event in events:
        stream.write(event.record_json() + "\n")
