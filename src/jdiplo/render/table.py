"""Human formats: the `table` of a listing and the `text` of full records, and the layout of
tables on a terminal.

On a terminal both go through rich (colour when allowed); elsewhere `text` is plain lines,
never wrapped, so that grep sees whole values (rich lines, coloured, when FORCE_COLOR is set),
and `table` is as wide as it needs. Record text is escaped and handed to rich as
`Text`, never as markup.

Tables fit the terminal (80 columns included) without breaking an id, a date, a vocabulary
word or a code in the middle. When a listing is wider than the terminal, it gives way in this
order (docs/reports.md):

1. the title wraps at word boundaries, down to 24 columns (or its longest word);
2. partners wrap after a comma, one code a line at the narrowest;
3. the id moves below its row, on a line of its own, and its column goes (partners unwrap
   again when they then fit);
4. the level joins the id below the row (`2024-07-11-ip4-leaders-nato-summit · leaders`);
5. the title wraps narrower still, down to its longest word. Narrower than that, lines get
   wider than the terminal (which wraps them): a word is never cut.

On a pipe or in a file, a `table` is as wide as it needs: nothing wraps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jdiplo.render.console import Output, escape_control, rich_console

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.store import Listing

GAP = 2  # spaces between columns
TITLE_MINIMUM = 24

Wrap = Literal["none", "words", "list"]


def cells(text: str) -> int:
    """The width of text in terminal cells (wide characters count two)."""
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int, how: Wrap) -> list[str]:
    """`text` in lines of at most `width` cells: at spaces (`words`), after commas (`list`),
    or not at all (`none`). A single word wider than `width` is the only thing ever cut."""
    if how == "none" or cells(text) <= width or not text:
        return [text]
    pieces = text.split(", ") if how == "list" else text.split(" ")
    if how == "list":  # each code keeps its comma: "ROK," then "US"
        pieces = [piece + "," for piece in pieces[:-1]] + pieces[-1:]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        candidate = f"{line} {piece}" if line else piece
        if line and cells(candidate) > width:
            lines.append(line)
            line = piece
        else:
            line = candidate
        while cells(line) > width:  # a word wider than the column: cut it
            cut = _fit(line, width)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    return lines


def _fit(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells (at least one)."""
    used = 0
    for index, character in enumerate(text):
        used += cells(character)
        if used > width:
            return max(index, 1)
    return len(text)


def longest_piece(text: str, how: Wrap) -> int:
    if how == "none" or not text:
        return cells(text)
    pieces = text.split(", ") if how == "list" else text.split(" ")
    return max(cells(piece) + (1 if how == "list" else 0) for piece in pieces)


@dataclass(frozen=True)
class Column:
    name: str
    wrap: Wrap = "none"
    justify: Literal["left", "right"] = "left"
    style: str = ""


def natural_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    return [
        max([cells(column.name), *(cells(row[index]) for row in rows)])
        for index, column in enumerate(columns)
    ]


def total(widths: Sequence[int]) -> int:
    return sum(widths) + GAP * max(len(widths) - 1, 0)


def table_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> Iterator[list[tuple[str, str]]]:
    """The header and each row as lines of (text, style) parts, cells wrapped to `widths`."""
    header = [(column.name, "bold") for column in columns]
    yield from _row_lines(columns, [name for name, _ in header], widths, header=True)
    for row in rows:
        yield from _row_lines(columns, row, widths)


def _row_lines(
    columns: Sequence[Column], row: Sequence[str], widths: Sequence[int], header: bool = False
) -> Iterator[list[tuple[str, str]]]:
    wrapped = [
        wrap(cell, width, column.wrap)
        for cell, width, column in zip(row, widths, columns, strict=True)
    ]
    for number in range(max(len(lines) for lines in wrapped)):
        parts: list[tuple[str, str]] = []
        for index, (lines, width, column) in enumerate(zip(wrapped, widths, columns, strict=True)):
            text = lines[number] if number < len(lines) else ""
            pad = " " * (width - cells(text))
            style = "bold" if header else column.style
            parts.append((pad + text if column.justify == "right" else text + pad, style))
            if index < len(columns) - 1:
                parts.append((" " * GAP, ""))
        yield _trimmed(parts)


def _trimmed(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while parts and not parts[-1][0].strip():
        parts.pop()
    if parts:
        parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    return parts


def print_lines(lines: Iterable[list[tuple[str, str]]], out: Output) -> None:
    """Lines of (text, style) parts: plain, or through rich when colour is allowed."""
    if not out.color:
        for parts in lines:
            out.write("".join(text for text, _ in parts) + "\n")
        return
    from rich.text import Text

    console = rich_console(out)
    for parts in lines:
        console.print(Text.assemble(*parts), soft_wrap=True)


def terminal_width(out: Output) -> int | None:
    """The width to fit on a terminal (COLUMNS, else the terminal's); None elsewhere."""
    if not out.terminal:
        return None
    if out.width is not None:
        return out.width
    return rich_console(out).width


# The listing


LISTING = (
    Column("id"),
    Column("date"),
    Column("kind"),
    Column("partners", "list"),
    Column("level"),
    Column("title", "words"),
)


def listing_layout(
    rows: Sequence[Sequence[str]], width: int | None
) -> tuple[list[int], tuple[int, ...]]:
    """(widths of the six columns, the columns moved below their row) for `width` (None: as
    wide as the rows need). See the module's notes for the order things give way in."""
    widths = natural_widths(LISTING, rows)
    if width is None or total(widths) <= width:
        return widths, ()
    identifier, partners, level, title = 0, 3, 4, 5
    longest = max((longest_piece(row[title], "words") for row in rows), default=0)
    longest = max(longest, cells(LISTING[title].name))
    floor = min(widths[title], max(TITLE_MINIMUM, longest))
    narrowest = max(
        [cells(LISTING[partners].name), *(longest_piece(row[partners], "list") for row in rows)]
    )
    variants: tuple[tuple[int, tuple[int, ...], int], ...] = (
        (widths[partners], (), floor),
        (narrowest, (), floor),
        (widths[partners], (identifier,), floor),
        (narrowest, (identifier,), floor),
        (narrowest, (identifier, level), floor),
        (narrowest, (identifier, level), longest),
    )
    for partners_width, below, title_floor in variants:
        shown = list(widths)
        shown[partners] = partners_width
        others = [w for index, w in enumerate(shown) if index != title and index not in below]
        space = width - total([*others, 0])
        if space >= title_floor:
            shown[title] = min(widths[title], space)
            return shown, below
    shown = list(widths)  # narrower than any table: lines get wider than the terminal
    shown[partners] = narrowest
    others = [w for index, w in enumerate(shown) if index not in (identifier, level, title)]
    shown[title] = max(width - total([*others, 0]), longest)
    return shown, (identifier, level)


def write_events(events: Iterable[Listing], format_name: str, out: Output) -> None:
    rows = [
        [
            escape_control(event.id),
            str(event.date),
            event.kind,
            escape_control(", ".join(event.partners)),
            event.level or "",
            escape_control(event.title),
        ]
        for event in events
    ]
    width = terminal_width(out)
    widths, below = listing_layout(rows, width)
    if not below:
        print_lines(table_lines(LISTING, rows, widths), out)
        return
    kept = [index for index in range(len(LISTING)) if index not in below]
    columns = [LISTING[index] for index in kept]
    shown = [widths[index] for index in kept]
    lines: list[list[tuple[str, str]]] = list(table_lines(columns, [], shown))
    for row in rows:
        lines += list(_row_lines(columns, [row[index] for index in kept], shown))
        moved = [row[index] for index in below if row[index]]
        together = "  " + " · ".join(moved)
        if width is None or cells(together) <= width:
            lines.append([(together, "dim")])
        else:  # each on its own line rather than wider than the terminal
            lines += [[("  " + value, "dim")] for value in moved]
    print_lines(lines, out)


def write_records(events: Sequence[Event], format_name: str, out: Output) -> None:
    if out.styled:
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
