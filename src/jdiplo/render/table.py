"""Human formats: the `table` of a listing and the `text` of full records.

On a terminal both go through rich (colour when allowed); elsewhere `text` is plain lines,
never wrapped, so that grep sees whole values. Record text is escaped and handed to rich as
`Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from jdiplo.render.console import Output, escape_control, rich_console

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.store import Listing


def write_events(events: Iterable[Listing], format_name: str, out: Output) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
    for column in ("id", "date", "kind", "partners", "level", "title"):
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "date"))
    for event in events:
        cells = (event.id, str(event.date), event.kind, ", ".join(event.partners))
        table.add_row(
            *(Text(escape_control(cell)) for cell in cells),
            Text(event.level or ""),
            Text(escape_control(event.title)),
        )
    rich_console(out).print(table)


def write_records(events: Sequence[Event], format_name: str, out: Output) -> None:
    if out.terminal:
        _write_rich(events, out)
        return
    for number, event in enumerate(events):
        if number:
            out.write("\n")
        for label, value in fields(event):
            lines = value.split("\n")
            out.write(f"{label:<11}{lines[0]}\n")
            for line in lines[1:]:
                out.write(f"{'':<11}{line}\n")


def _write_rich(events: Sequence[Event], out: Output) -> None:
    from rich.table import Table
    from rich.text import Text

    console = rich_console(out)
    for number, event in enumerate(events):
        if number:
            console.print()
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in fields(event):
            style = "bold" if label in ("id", "title") else ""
            grid.add_row(Text(label), Text(value, style=style))
        console.print(grid)


def fields(event: Event) -> Iterator[tuple[str, str]]:
    """(label, text) pairs of a record, escaped, multi-line values joined with newlines."""

    def text(value: str) -> str:
        return escape_control(value)

    yield "id", event.id
    yield "date", str(event.date) + (f" to {event.end}" if event.end else "")
    yield "status", event.status + (f", due {event.due}" if event.due else "")
    yield "title", text(event.title)
    yield "kind", event.kind
    yield "partners", ", ".join(event.partners)
    if event.frameworks:
        yield "frameworks", ", ".join(event.frameworks)
    if event.level:
        yield "level", event.level
    if event.domains:
        yield "domains", ", ".join(event.domains)
    if event.people:
        yield (
            "people",
            "\n".join(
                text(person.name)
                + "".join(f", {text(part)}" for part in (person.role, person.country) if part)
                for person in event.people
            ),
        )
    if event.place:
        country = f", {event.place.country}" if event.place.country else ""
        yield "place", text(event.place.name) + country
    if event.summary:
        yield "summary", text(event.summary)
    if event.firsts:
        yield "firsts", "\n".join(text(first) for first in event.firsts)
    if event.amount:
        amount = event.amount
        usd = f" (USD {amount.usd:,})" if amount.usd is not None else ""
        yield "amount", f"{amount.value:,} {amount.currency}{usd}"
    sources = []
    for number, source in enumerate(event.sources, start=1):
        parts = [source.publisher, source.author, str(source.date) if source.date else None]
        about = ", ".join(text(part) for part in parts if part)
        if source.title:
            about = text(source.title) + (f" ({about})" if about else "")
        sources.append(f"[{number}] {about}".rstrip())
        for where in (source.url, source.file):
            if where:
                sources.append(f"    {text(where)}")
        sources.append(f'    "{text(source.quote)}"')
    yield "sources", "\n".join(sources)
    if event.tags:
        yield "tags", text(", ".join(event.tags))
    if event.related:
        yield "related", ", ".join(event.related)
    if event.fulfils:
        yield "fulfils", ", ".join(event.fulfils)
