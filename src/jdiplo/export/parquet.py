"""Parquet: one row per event, with typed columns, for DuckDB, pandas, polars and Spark.

Needs the `parquet` extra (`pip install 'jdiplo[parquet]'`): arro3-io, chosen for its weight
(about 35 MB installed, against pyarrow's 170 MB).

    id, date, end, due, status, kind, level, title, summary, place_name, place_country,
    amount_currency, plover_event, plover_mode, coding_source, date_precision    string
    date_start, date_end                                                         date32
    amount_value, amount_usd, intensity                                          float64
    quad_code                                                                    int8
    partners, frameworks, domains, firsts, tags, related, fulfils, plover_context list<string>
    people       list<struct<name, role, country: string>>
    sources      list<struct<title, url, file, publisher, author, date, quote: string>>

Dates as written (`date`, `end`, `due`, a source's `date`) stay text: `2024-07` is a month,
not a day. An empty list is an empty list, a missing value a null.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from jdiplo.export import MissingExtra

if TYPE_CHECKING:
    from jdiplo.export import ExportContext
    from jdiplo.model import Event

EXTRA_MESSAGE = (
    "parquet needs the parquet extra: pip install 'jdiplo[parquet]' (it adds arro3-io); "
    "or export --to jsonl or csv-long, which DuckDB and pandas read too"
)
_EPOCH = dt.date(1970, 1, 1)

PERSON_FIELDS = ("name", "role", "country")
SOURCE_FIELDS = ("title", "url", "file", "publisher", "author", "date", "quote")


def require() -> None:
    """MissingExtra unless arro3 can be imported."""
    try:
        import arro3.core
        import arro3.io  # noqa: F401
    except ImportError:
        raise MissingExtra(EXTRA_MESSAGE) from None


def write(events: Sequence[Event], context: ExportContext, stream: IO[bytes]) -> None:
    require()
    from arro3.io import write_parquet

    buffer = io.BytesIO()
    write_parquet(table(events, context), buffer, compression="snappy")
    stream.write(buffer.getvalue())


def table(events: Sequence[Event], context: ExportContext) -> Any:
    """The events as an arro3 Table."""
    from arro3.core import Array, DataType, Table

    string, float64 = DataType.string(), DataType.float64()
    codings = [context.coding(event) for event in events]

    def text(values: list[str | None]) -> Any:
        return Array(values, type=string)

    def column(get: Callable[[Event], str | None]) -> Any:
        return text([get(event) for event in events])

    def numbers(values: list[float | int | None]) -> Any:
        return Array([None if value is None else float(value) for value in values], type=float64)

    def dates(values: list[dt.date]) -> Any:
        days = [(value - _EPOCH).days for value in values]
        return Array(days, type=DataType.int32()).cast(DataType.date32())

    columns: dict[str, Any] = {
        "id": column(lambda event: event.id),
        "date": column(lambda event: str(event.date)),
        "date_start": dates([event.first_day for event in events]),
        "date_end": dates([event.last_day for event in events]),
        "date_precision": column(lambda event: event.date.precision),
        "end": column(lambda event: str(event.end) if event.end is not None else None),
        "status": column(lambda event: event.status),
        "due": column(lambda event: str(event.due) if event.due is not None else None),
        "title": column(lambda event: event.title),
        "kind": column(lambda event: event.kind),
        "partners": string_lists([list(event.partners) for event in events]),
        "frameworks": string_lists([list(event.frameworks) for event in events]),
        "level": column(lambda event: event.level),
        "domains": string_lists([list(event.domains) for event in events]),
        "people": struct_lists(
            [[person.model_dump() for person in event.people] for event in events],
            PERSON_FIELDS,
        ),
        "place_name": column(lambda event: event.place.name if event.place else None),
        "place_country": column(lambda event: event.place.country if event.place else None),
        "summary": column(lambda event: event.summary),
        "firsts": string_lists([list(event.firsts) for event in events]),
        "amount_value": numbers([event.amount.value if event.amount else None for event in events]),
        "amount_currency": column(lambda event: event.amount.currency if event.amount else None),
        "amount_usd": numbers([event.amount.usd if event.amount else None for event in events]),
        "sources": struct_lists(
            [[source.model_dump(mode="json") for source in event.sources] for event in events],
            SOURCE_FIELDS,
        ),
        "tags": string_lists([list(event.tags) for event in events]),
        "related": string_lists([list(event.related) for event in events]),
        "fulfils": string_lists([list(event.fulfils) for event in events]),
        "plover_event": text([coding.event for coding in codings]),
        "plover_mode": text([coding.mode for coding in codings]),
        "plover_context": string_lists([list(coding.context) for coding in codings]),
        "quad_code": Array([coding.quad_code for coding in codings], type=DataType.int8()),
        "intensity": numbers([coding.intensity for coding in codings]),
        "coding_source": text([coding.source for coding in codings]),
    }
    return Table.from_arrays(list(columns.values()), names=list(columns))


def string_lists(values: list[list[str]]) -> Any:
    """A list<string> column."""
    from arro3.core import Array, DataType, list_array

    offsets, flat = _offsets(values)
    return list_array(Array(offsets, type=DataType.int32()), Array(flat, type=DataType.string()))


def struct_lists(values: list[list[dict[str, Any]]], names: Sequence[str]) -> Any:
    """A list<struct<names: string>> column."""
    from arro3.core import Array, DataType, Field, list_array, struct_array

    offsets, flat = _offsets(values)
    string = DataType.string()
    children = [Array([item.get(name) for item in flat], type=string) for name in names]
    fields = [Field(name, string, nullable=True) for name in names]
    structs = struct_array(children, fields=fields)
    return list_array(Array(offsets, type=DataType.int32()), structs)


def _offsets(values: list[list[Any]]) -> tuple[list[int], list[Any]]:
    offsets = [0]
    flat: list[Any] = []
    for items in values:
        flat.extend(items)
        offsets.append(len(flat))
    return offsets, flat
