"""`csv-long` and `tsv-long`: one row per event and partner, every cell a scalar.

ACLED's "monadic" idea: an event with three partners is three rows, so that a spreadsheet pivot
(partner x month, kind x partner...) needs no parsing of lists or JSON. `partner_position` is 1
for the lead partner (the first listed) and `partners_count` the number of partners, so that
`partner_position = 1` counts each event once and `1 / partners_count` shares it out. The other
lists are joined with `;` (people by name); dates come as written and as first and last day.

The PLOVER columns are coding.py's (`coding_source` says whether derived or the record's own);
`intensity` is the event's, on each of its rows (summing over rows counts an event once per
partner, as `jdiplo summary` counts).

`csv-long` is RFC 4180 (CRLF line ends, quoting, text exact); `tsv-long` has control
characters escaped (`\\t`, `\\n`), as `--format tsv` does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.export import ExportContext
    from jdiplo.model import Event

COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "end",
    "status",
    "due",
    "kind",
    "level",
    "title",
    "partner",
    "partner_name",
    "partner_kind",
    "partner_iso3",
    "partner_position",
    "partners_count",
    "frameworks",
    "domains",
    "place",
    "place_country",
    "people",
    "amount_value",
    "amount_currency",
    "amount_usd",
    "plover_event",
    "plover_mode",
    "plover_context",
    "quad_code",
    "intensity",
    "coding_source",
    "summary",
    "sources",
    "tags",
    "related",
    "fulfils",
)


def write(events: Sequence[Event], context: ExportContext, stream: IO[str]) -> None:
    if context.format_name == "csv-long":
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows(events, context):
            writer.writerow([cell(value) for value in row.values()])
        return
    from jdiplo.render.console import escape_control

    stream.write("\t".join(COLUMNS) + "\n")
    for row in rows(events, context):
        stream.write("\t".join(escape_control(cell(value)) for value in row.values()) + "\n")


def rows(events: Sequence[Event], context: ExportContext) -> Iterator[dict[str, Any]]:
    """The rows, as values keyed by column (None for an empty cell)."""
    registry = context.registry
    for event in events:
        coding = context.coding(event)
        place = event.place
        amount = event.amount
        shared: dict[str, Any] = {
            "frameworks": ";".join(event.frameworks),
            "domains": ";".join(event.domains),
            "place": place.name if place is not None else None,
            "place_country": place.country if place is not None else None,
            "people": ";".join(person.name for person in event.people),
            "amount_value": amount.value if amount is not None else None,
            "amount_currency": amount.currency if amount is not None else None,
            "amount_usd": amount.usd if amount is not None else None,
            "plover_event": coding.event,
            "plover_mode": coding.mode,
            "plover_context": ";".join(coding.context),
            "quad_code": coding.quad_code,
            "intensity": coding.intensity,
            "coding_source": coding.source,
            "summary": event.summary,
            "sources": ";".join(source.url or source.file or "" for source in event.sources),
            "tags": ";".join(event.tags),
            "related": ";".join(event.related),
            "fulfils": ";".join(event.fulfils),
        }
        for position, code in enumerate(event.partners, start=1):
            partner = registry.partners[code]
            yield {
                **date_fields(event),
                "kind": event.kind,
                "level": event.level,
                "title": event.title,
                "partner": code,
                "partner_name": partner.name,
                "partner_kind": partner.kind,
                "partner_iso3": partner.iso3,
                "partner_position": position,
                "partners_count": len(event.partners),
                **shared,
            }


def date_fields(event: Event) -> dict[str, Any]:
    """`id` and the date columns: as written, first and last day, precision."""
    return {
        "id": event.id,
        "date": str(event.date),
        "date_start": event.first_day,
        "date_end": event.last_day,
        "date_precision": event.date.precision,
        "end": str(event.end) if event.end is not None else None,
        "status": event.status,
        "due": str(event.due) if event.due is not None else None,
    }


def cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
