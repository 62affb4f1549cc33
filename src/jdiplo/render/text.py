"""Human formats of reports: `text` (rich on a terminal, plain lines on a pipe) and `table`.

A report is first laid out as blocks (lines, label-and-body rows, grids of columns); the same
blocks are then written plainly (never wrapped, so that grep sees whole values) or through rich
(styles when colour is allowed, wrapping within a column on a terminal). `table` always goes
through rich, like `jdiplo list`'s table. Record text is escaped with `escape_control` and given
to rich as `Text`, never as markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from jdiplo.render.console import Output, escape_control, rich_console

if TYPE_CHECKING:
    from rich.console import RenderableType

    from jdiplo.reports.changes import Changes
    from jdiplo.reports.diff import Change, PeriodDiff
    from jdiplo.reports.digest import (
        Digest,
        DigestGroup,
        PartnerDigest,
        PersonDigest,
        PersonInfo,
        Story,
    )
    from jdiplo.reports.entries import (
        AmountEntry,
        AnnouncedEntry,
        Count,
        EventEntry,
        EventReference,
        FirstEntry,
        PersonEntry,
        SourceEntry,
        StepEntry,
    )
    from jdiplo.reports.partners import PartnerTable
    from jdiplo.reports.people import OfficeRow, PeopleTable
    from jdiplo.reports.sql import QueryResult
    from jdiplo.reports.summary import Summary

Part = tuple[str, str]
"""A piece of a line: its text (already escaped) and a rich style ("" for none)."""


@dataclass(frozen=True)
class Line:
    parts: Sequence[Part] = ()
    indent: int = 0


@dataclass(frozen=True)
class Rows:
    """Rows of a label and a body of one or more lines, the bodies aligned after the labels."""

    rows: Sequence[tuple[Sequence[Part], Sequence[Sequence[Part]]]]
    indent: int = 2


@dataclass(frozen=True)
class Grid:
    """Columns with a header; `justify` is "left" or "right" for each column."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    justify: Sequence[Justify] = field(default_factory=tuple)
    indent: int = 2


Block = Line | Rows | Grid
Justify = Literal["left", "right"]
LEFT: Justify = "left"
RIGHT: Justify = "right"

NONE = "(none)"


# Writing blocks


def write_blocks(blocks: Sequence[Block], out: Output, rich: bool, boxed: bool = False) -> None:
    if not rich:
        write_plain(blocks, out)
        return
    console = rich_console(out)
    if out.terminal:  # tables wider than the terminal are split, never folded mid-word
        blocks = [part for block in blocks for part in split_to_fit(block, console.width, boxed)]
    items = renderables(blocks, boxed)
    if not out.terminal and any(isinstance(block, Grid) for block in blocks):
        # A file or a pipe: tables as wide as they need, never folded to 80 columns.
        console.width = max(console.width, measure(items))
    for item in items:
        console.print(item)


def grid_width(grid: Grid, boxed: bool = False) -> int:
    return grid.indent + measure(renderables([dataclasses.replace(grid, indent=0)], boxed))


def split_to_fit(block: Block, width: int, boxed: bool = False) -> list[Block]:
    """A grid wider than `width` as several grids of its columns, each as wide as fits, the
    first column repeated in each, each after a line saying which columns it holds; any
    other block as it is. A column is never dropped, nor folded mid-word."""
    if not isinstance(block, Grid) or grid_width(block, boxed) <= width:
        return [block]
    count = len(block.header)
    parts: list[Block] = []
    start = 1
    while start < count:
        end = start + 1
        while end < count and grid_width(_columns(block, start, end + 1), boxed) <= width:
            end += 1
        note = (
            f"columns {start + 1}-{end} of {count}"
            if end - start > 1
            else (f"column {start + 1} of {count}")
        )
        parts.append(Line([(f"({note}, split to fit the terminal)", "dim italic")], block.indent))
        parts.append(_columns(block, start, end))
        start = end
    return parts


def _columns(grid: Grid, start: int, end: int) -> Grid:
    """The first column and columns start..end-1 of a grid."""
    chosen = [0, *range(start, end)]
    return Grid(
        [grid.header[index] for index in chosen],
        [[row[index] for index in chosen] for row in grid.rows],
        [_justify(grid, index) for index in chosen],
        grid.indent,
    )


def write_plain(blocks: Sequence[Block], out: Output) -> None:
    from rich.cells import cell_len

    for block in blocks:
        if isinstance(block, Line):
            text = _joined(block.parts)
            out.write((" " * block.indent + text if text else "") + "\n")
        elif isinstance(block, Rows):
            width = max((cell_len(_joined(label)) for label, _ in block.rows), default=0)
            for label, body in block.rows:
                label_text = _joined(label)
                lead = " " * block.indent + label_text + " " * (width - cell_len(label_text))
                for number, parts in enumerate(body or [()]):
                    start = lead if number == 0 else " " * (block.indent + width)
                    text = _joined(parts)
                    out.write((start + "  " + text if text else start.rstrip()) + "\n")
        else:
            columns = [block.header, *block.rows]
            widths = [
                max(cell_len(row[index]) for row in columns) for index in range(len(block.header))
            ]
            for row in columns:
                cells = []
                for index, cell in enumerate(row):
                    pad = " " * (widths[index] - cell_len(cell))
                    right = _justify(block, index) == "right"
                    cells.append(pad + cell if right else cell + pad)
                out.write((" " * block.indent + "  ".join(cells)).rstrip() + "\n")


def renderables(blocks: Sequence[Block], boxed: bool = False) -> list[RenderableType]:
    """The blocks as rich renderables."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    result: list[RenderableType] = []
    for block in blocks:
        renderable: RenderableType
        if isinstance(block, Line):
            renderable = Text.assemble(*block.parts)
        elif isinstance(block, Rows):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for label, body in block.rows:
                lines = [Text.assemble(*parts) for parts in body]
                grid.add_row(Text.assemble(*label), Text("\n").join(lines))
            renderable = grid
        else:
            table = Table(
                box=box.SIMPLE_HEAD if boxed else None,
                header_style="bold",
                pad_edge=False,
                show_edge=boxed,
            )
            for index, name in enumerate(block.header):
                table.add_column(Text(name), justify=_justify(block, index), overflow="fold")
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))
            renderable = table
        result.append(Padding(renderable, (0, 0, 0, block.indent)) if block.indent else renderable)
    return result


def measure(items: Sequence[RenderableType]) -> int:
    """The width the renderables need, unwrapped."""
    import io

    from rich.console import Console, Group

    console = Console(file=io.StringIO(), width=1000, markup=False, highlight=False, emoji=False)
    return console.measure(Group(*items)).maximum


def _joined(parts: Sequence[Part]) -> str:
    return "".join(text for text, _ in parts)


def _justify(block: Grid, index: int) -> Literal["left", "right"]:
    return block.justify[index] if index < len(block.justify) else "left"


# Pieces of text


def esc(text: str) -> str:
    return escape_control(text)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


def period_dates(period: str, start: str | None, end: str | None) -> str:
    """` (2024-07-01 to 2024-07-31)` after a period's label, or nothing when the label already
    says its days (`2024-07-28`, `2024-07-20..2024-07-31`, `2024-07-20..`)."""
    said = {start, f"{start or ''}..{end or ''}"}
    if period in said:
        return ""
    dates = span(start, end)
    return f" ({dates})" if dates else ""


def key_text(key: str | None) -> str:
    return NONE if key is None else esc(key)


def signed(number: int) -> str:
    return f"{number:+d}" if number else "0"


def heading(text: str, indent: int = 0) -> Line:
    return Line([(text, "bold")], indent)


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(esc(code) for code in codes)


def _period_heading(title: str, period: str | None, start: str | None, end: str | None) -> Line:
    parts: list[Part] = [(title, "bold")]
    if period is None:
        parts.append((" of all records", "bold"))
    else:
        parts += [(" " + esc(period), "bold"), (period_dates(period, start, end), "")]
    return Line(parts)


def scope_text(period: str | None, start: str | None, end: str | None) -> str:
    """`2024H2 (2024-07-01 to 2024-12-31)`, or `all records`."""
    if period is None:
        return "all records"
    return esc(period) + period_dates(period, start, end)


def _limit_note(total: int, matching: int) -> list[Block]:
    if matching <= total:
        return []
    return [Line([(f"the first {total} of {matching} matching events (--limit)", "italic")])]


def marks(numbers: Sequence[int]) -> str:
    """` [1]`, ` [1, 2]`: the numbers of the sources a line rests on (nothing without)."""
    return f" [{', '.join(str(number) for number in numbers)}]" if numbers else ""


def first_rows(
    firsts: Sequence[FirstEntry], indent: int, cited: Mapping[str, Sequence[int]] | None = None
) -> list[Block]:
    if not firsts:
        return [Line([("none recorded", "")], indent)]
    cited = cited or {}
    return [
        Rows(
            [
                (
                    [(first.date, "cyan")],
                    [
                        [
                            (esc(first.first), "yellow"),
                            (f" ({_codes(first.partners)})", ""),
                            (marks(cited.get(first.id, ())), "dim"),
                        ]
                    ],
                )
                for first in firsts
            ],
            indent,
        )
    ]


def announced_rows(
    steps: Sequence[AnnouncedEntry | StepEntry],
    indent: int,
    cited: Mapping[str, Sequence[int]] | None = None,
) -> list[Block]:
    """Announced steps: due date, title, partners and date announced, how the step stands
    (`overdue`, `delivered by ...`; nothing when it is still to fall due), sources."""
    from jdiplo.reports import entries

    if not steps:
        return [Line([("none recorded", "")], indent)]
    cited = cited or {}
    rows: list[tuple[Sequence[Part], Sequence[Sequence[Part]]]] = []
    for step in steps:
        body: list[Part] = [
            (esc(step.title), ""),
            (f" ({_codes(step.partners)}; announced {step.date})", "dim"),
        ]
        state = step.state if isinstance(step, entries.StepEntry) else "due"
        if state == "overdue":
            body.append((" · overdue", "bold yellow"))
        elif isinstance(step, entries.StepEntry) and state == "delivered":
            by = "; ".join(f"{ref.date} {esc(ref.title)}" for ref in step.delivered_by)
            body.append((f" · delivered: {by}", "green"))
        body.append((marks(cited.get(step.id, ())), "dim"))
        rows.append(([(f"due {step.due}" if step.due else "no due date", "cyan")], [body]))
    return [Rows(rows, indent)]


def source_text(source: SourceEntry, escape: Callable[[str], str]) -> str:
    """Publisher, author, "title", date, address (URL, else file), as one line."""
    parts = [source.publisher, source.author]
    parts.append(f"\u201c{source.title}\u201d" if source.title else None)
    parts += [source.date, source.url, source.file]
    return ", ".join(escape(part) for part in parts if part)


def source_rows(sources: Sequence[SourceEntry], indent: int) -> list[Block]:
    """The sources section: `[n]`, the source, then its quote."""
    return [
        Rows(
            [
                (
                    [(f"[{source.number}]", "cyan")],
                    [
                        [(source_text(source, esc), "")],
                        [(f"\u201c{esc(source.quote)}\u201d", "italic")],
                    ],
                )
                for source in sources
            ],
            indent,
        )
    ]


def event_rows(events: Sequence[EventEntry], among: str | None, indent: int = 2) -> Rows:
    """Events as rows: the date, then title (and the numbers of its sources), facts, people,
    amount, firsts and summary. `among` is the partner or framework they are told under (not
    repeated in "with")."""
    return Rows(
        [([(event.date.ljust(10), "cyan")], _event_body(event, among)) for event in events],
        indent,
    )


def _event_body(event: EventEntry, among: str | None) -> list[list[Part]]:
    body: list[list[Part]] = [
        [(esc(event.title), "bold"), (marks(event.sources), "dim")],
        [(" · ".join(event_facts(event, among, esc)), "")],
    ]
    if event.people:
        people = "; ".join(person_text(person, esc) for person in event.people)
        body.append([("people: ", "dim"), (people, "")])
    if event.amount is not None:
        body.append([("amount: ", "dim"), (amount_text(event.amount, esc), "")])
    for first in event.firsts:
        body.append([("first: ", "dim"), (esc(first), "yellow")])
    if event.summary:
        body.append([(esc(event.summary), "italic")])
    return body


def event_facts(event: EventEntry, among: str | None, escape: Callable[[str], str]) -> list[str]:
    """kind, level, status and due, end, the other partners, place, other frameworks."""
    facts = [event.kind]
    if event.level:
        facts.append(event.level)
    if event.status == "announced":
        facts.append(f"announced, due {event.due}" if event.due else "announced")
    if event.end:
        facts.append(f"until {event.end}")
    others = [escape(code) for code in event.partners if code != among]
    if others:
        facts.append("with " + ", ".join(others))
    if event.place is not None:
        country = f", {escape(event.place.country)}" if event.place.country else ""
        facts.append(f"in {escape(event.place.name)}{country}")
    frameworks = [escape(code) for code in event.frameworks if code != among]
    if frameworks:
        facts.append("frameworks: " + ", ".join(frameworks))
    return facts


def person_text(person: PersonEntry, escape: Callable[[str], str]) -> str:
    """`Name (role, country)`."""
    details = [escape(part) for part in (person.role, person.country) if part]
    return escape(person.name) + (f" ({', '.join(details)})" if details else "")


def amount_text(amount: AmountEntry, escape: Callable[[str], str]) -> str:
    usd = f" (USD {amount.usd:,})" if amount.usd is not None else ""
    return f"{amount.value:,} {escape(amount.currency)}{usd}"


def inline_counts(counts: Sequence[Count]) -> str:
    if not counts:
        return "none"
    return ", ".join(f"{key_text(count.key)} {count.count}" for count in counts)


def count_grid(name: str, counts: Sequence[Count], indent: int) -> Grid:
    return Grid(
        [name, "events"],
        [[key_text(count.key), str(count.count)] for count in counts],
        ("left", "right"),
        indent,
    )


# Reports


def group_count(group: DigestGroup) -> str:
    """`8 events`, `11 events (3 told under IP4, JUSK)`, `4 events (told under UK)`."""
    total = plural(len(group.events) + len(group.elsewhere), "event")
    if not group.elsewhere:
        return total
    under = ", ".join(esc(key) for key in dict.fromkeys(entry.under for entry in group.elsewhere))
    if not group.events:
        return f"{total} (told under {under})"
    return f"{total} ({len(group.elsewhere)} told under {under})"


def region_count(digest: Digest, region: str) -> str:
    partners = sum(1 for group in digest.groups if group.region == region)
    return f"{plural(partners, 'partner')} · {plural(digest.region_events(region), 'event')}"


def _group_blocks(
    group: DigestGroup, indent: int, cited: Mapping[str, Sequence[int]], names: Mapping[str, str]
) -> list[Block]:
    """A group of a digest; `cited` and `names` are the digest's (`Digest.cited`, `.names`)."""
    blocks: list[Block] = [
        Line(),
        Line(
            [
                (f"{esc(group.name)} ({esc(group.key)})", "bold"),
                (f" · {group_count(group)}", "dim"),
            ],
            indent,
        ),
    ]
    if group.events:
        blocks.append(event_rows(group.events, group.key, indent + 2))
    if group.elsewhere:
        rows: list[tuple[Sequence[Part], Sequence[Sequence[Part]]]] = [
            (
                [(entry.date.ljust(10), "cyan")],
                [
                    [
                        (esc(entry.title), ""),
                        (f" · told under {esc(names.get(entry.under, entry.under))}", "dim"),
                        (marks(cited.get(entry.id, ())), "dim"),
                    ]
                ],
            )
            for entry in group.elsewhere
        ]
        if group.events:
            blocks.append(Line([("also:", "dim")], indent + 2))
        blocks.append(Rows(rows, indent + 2))
    return blocks


def digest_blocks(digest: Digest) -> list[Block]:
    partners = plural(len(digest.partners), "partner")
    frameworks = plural(len(digest.frameworks), "framework")
    cited = digest.cited()
    blocks: list[Block] = [
        _period_heading("Digest", digest.period, digest.start, digest.end),
        Line(
            [
                (
                    f"{plural(digest.total, 'event')} · "
                    + (f"{partners}: {_codes(digest.partners)}" if digest.partners else partners)
                    + " · "
                    + (
                        f"{frameworks}: {_codes(digest.frameworks)}"
                        if digest.frameworks
                        else frameworks
                    ),
                    "",
                )
            ]
        ),
        *_limit_note(digest.total, digest.matching),
        Line(),
        heading("Highlights"),
        heading("Firsts", 2),
        *first_rows(digest.firsts, 4, cited),
        heading(f"Announced steps (as of {digest.as_of})", 2),
        *announced_rows(digest.announced, 4, cited),
    ]
    region: str | None = None
    names = digest.names()
    for group in digest.groups:
        if group.region is not None and group.region != region:
            blocks += [
                Line(),
                Line(
                    [
                        (esc(group.region).upper(), "bold underline"),
                        (f" · {region_count(digest, group.region)}", "dim"),
                    ]
                ),
            ]
        region = group.region
        blocks += _group_blocks(group, 2 if group.region is not None else 0, cited, names)
    blocks += [Line(), heading("Counts")]
    blocks += [heading("By kind", 2), count_grid("kind", digest.kinds, 4)]
    blocks += [heading("By domain", 2)]
    blocks += (
        [count_grid("domain", digest.domains, 4)] if digest.domains else [Line([("none", "")], 4)]
    )
    if digest.sources:
        blocks += [Line(), heading("Sources"), *source_rows(digest.sources, 2)]
    return blocks


Row = tuple[Sequence[Part], Sequence[Sequence[Part]]]
"""A row of `Rows`: its label and the lines of its body."""


def story_head(title: Sequence[Part], story: Story) -> list[Block]:
    """A relationship or person digest's title, then its scope, size and day, and the limit."""
    scope = scope_text(story.period, story.start, story.end)
    return [
        Line(title),
        Line([(f"{scope} · {plural(story.total, 'event')} · as of {story.as_of}", "")]),
        *_limit_note(story.total, story.matching),
        Line(),
    ]


def reference_row(label: str, event: EventReference | None) -> Row:
    """`first contact  2024-07-23  title`, or `none`."""
    if event is None:
        return [(label, "bold")], [[("none", "")]]
    return [(label, "bold")], [[(event.date.ljust(10), "cyan"), ("  " + esc(event.title), "")]]


def story_count_rows(story: Story, partners: Sequence[Count] | None = None) -> list[Row]:
    """Events by year and month, kinds, levels, (the partners when given) and frameworks."""
    counts: list[tuple[str, Sequence[Count]]] = [
        ("by year", story.years),
        ("by month", story.months),
        ("kinds", story.kinds),
        ("levels", story.levels),
        *([("partners", partners)] if partners is not None else []),
        ("frameworks", story.frameworks),
    ]
    return [([(label, "bold")], [[(inline_counts(values), "")]]) for label, values in counts]


def story_blocks(story: Story, people: str, among: str | None) -> list[Block]:
    """What a relationship and a person digest share after their overview: the people (under
    the heading `people`), firsts, announced steps by how they stand, the timeline (`among`:
    the partner not repeated in each event's "with"), and the sources."""
    blocks: list[Block] = [Line(), heading(people)]
    if story.people:
        rows: list[Row] = []
        for person in story.people:
            details = [esc(role) for role in person.roles]
            if person.country:
                details.append(esc(person.country))
            details.append(plural(person.events, "event"))
            rows.append(([(esc(person.name), "")], [[(" · ".join(details), "")]]))
        blocks.append(Rows(rows, 2))
    else:
        blocks.append(Line([("none recorded", "")], 2))
    cited = story.cited()
    blocks += [Line(), heading("Firsts"), *first_rows(story.firsts, 2, cited)]
    blocks += [Line(), heading(f"Announced steps still to fall due (as of {story.as_of})")]
    blocks += announced_rows(story.pending, 2, cited)
    if story.overdue:
        blocks += [Line(), heading(f"Announced steps overdue (as of {story.as_of})")]
        blocks += announced_rows(story.overdue, 2, cited)
    if story.delivered:
        blocks += [Line(), heading("Announced steps delivered")]
        blocks += announced_rows(story.delivered, 2, cited)
    blocks += [Line(), heading("Timeline")]
    if story.timeline:
        blocks.append(event_rows(story.timeline, among))
    else:
        blocks.append(Line([("no events", "")], 2))
    if story.sources:
        blocks += [Line(), heading("Sources"), *source_rows(story.sources, 2)]
    return blocks


def partner_digest_blocks(digest: PartnerDigest) -> list[Block]:
    partner = digest.partner
    title = f"{esc(partner.name)} ({esc(partner.code)})"
    overview = [
        reference_row("first contact", digest.first_contact),
        reference_row("last contact", digest.last_contact),
        *story_count_rows(digest),
    ]
    return [
        *story_head([("Relationship digest: ", "bold"), (title, "bold")], digest),
        Rows(overview, 0),
        *story_blocks(digest, "People", partner.code),
    ]


UNREGISTERED = "not in the people registry (people.yaml)"


def person_rows(person: PersonInfo, escape: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """The person as the registry knows them, as (label, lines): registered or not, country,
    aliases, offices held (with their dates as written), then the spellings and roles the
    events give them. Each line is escaped with `escape`."""
    rows: list[tuple[str, list[str]]] = []
    if not person.registered:
        rows.append(("registry", [UNREGISTERED]))
    rows.append(("country", [escape(person.country) if person.country else "none recorded"]))
    if person.registered:
        rows.append(("aliases", [", ".join(escape(alias) for alias in person.aliases) or "none"]))
        offices = [office_text(office, escape) for office in person.offices]
        rows.append(("offices", offices or ["none recorded"]))
    if person.written:
        rows.append(("written as", [", ".join(escape(name) for name in person.written)]))
    rows.append(("roles", [", ".join(escape(role) for role in person.roles) or "none recorded"]))
    return rows


def no_event_line(digest: PersonDigest, escape: Callable[[str], str]) -> str:
    """What an empty person digest says: that no event names them, however written."""
    scope = escape(scope_text(digest.period, digest.start, digest.end))
    where = f" in {scope}" if digest.period is not None else ""
    name = escape(digest.person.name)
    return f"No event{where} names {name} (in any spelling, case or word order)."


def person_digest_blocks(digest: PersonDigest) -> list[Block]:
    person = digest.person
    overview: list[Row] = [
        ([(label, "bold")], [[(line, "")] for line in lines])
        for label, lines in person_rows(person, esc)
    ]
    overview += [
        reference_row("first event", digest.first_event),
        reference_row("last event", digest.last_event),
        *story_count_rows(digest, digest.partners),
    ]
    blocks = story_head([("Person digest: ", "bold"), (esc(person.name), "bold")], digest)
    if not digest.timeline:
        blocks += [Line([(no_event_line(digest, esc), "italic")]), Line()]
    return [*blocks, Rows(overview, 0), *story_blocks(digest, "People met", None)]


def diff_blocks(diff: PeriodDiff) -> list[Block]:
    a, b = diff.a, diff.b
    blocks: list[Block] = [
        Line([(f"Changes from {esc(a.period)} to {esc(b.period)}", "bold")]),
        Rows(
            [
                (
                    [(esc(side.period), "cyan")],
                    [[(_side_text(side.start, side.end, side.total, note), "")]],
                )
                for side, note in ((a, ""), (b, f" ({signed(b.total - a.total)})"))
            ],
            2,
        ),
    ]
    sections: tuple[tuple[str, str, Sequence[Change]], ...] = (
        ("Partners", "partner", diff.partners),
        ("Kinds", "kind", diff.kinds),
        ("Domains", "domain", diff.domains),
        ("Levels", "level", diff.levels),
        ("Frameworks", "framework", diff.frameworks),
    )
    for title, name, changes in sections:
        blocks += [Line(), heading(title)]
        if changes:
            blocks.append(
                Grid(
                    [name, esc(a.period), esc(b.period), "change"],
                    [[key_text(c.key), str(c.a), str(c.b), signed(c.delta)] for c in changes],
                    ("left", "right", "right", "right"),
                )
            )
        else:
            blocks.append(Line([("none in either period", "")], 2))
    blocks += [
        Line(),
        Line([("New partners: ", "bold"), (_codes(diff.new_partners) or "none", "")]),
        Line([("Dropped partners: ", "bold"), (_codes(diff.dropped_partners) or "none", "")]),
        Line(),
        heading(f"Firsts recorded in {esc(b.period)}"),
        *first_rows(diff.firsts, 2),
        Line(),
        heading(f"Announced steps recorded in {esc(b.period)}"),
        *announced_rows(diff.announced, 2),
    ]
    return blocks


def _side_text(start: str | None, end: str | None, total: int, note: str) -> str:
    dates = span(start, end) or "all dates"
    return f"{dates} · {plural(total, 'event')}{note}"


def summary_title(summary: Summary) -> str:
    scope = ""
    if summary.period is not None:
        dates = period_dates(summary.period, summary.start, summary.end)
        scope = f" · {esc(summary.period)}{dates}"
    measure = " · PLOVER intensity: sum (mean)" if summary.measure == "intensity" else ""
    return f"{plural(summary.total, 'event')} by {' and '.join(summary.by)}{scope}{measure}"


def summary_grid(summary: Summary) -> Grid:
    """One dimension: key and count. Two: a cross table, the first dimension down, the second
    across. More: one row per combination."""
    if summary.measure == "intensity":
        return _intensity_grid(summary)
    if len(summary.by) == 2:
        rows_keys, column_keys = summary.values(0), summary.values(1)
        cells = summary.cells()
        return Grid(
            [f"{summary.by[0]} \\ {summary.by[1]}", *(key_text(key) for key in column_keys)],
            [
                [key_text(row), *(str(cells.get((row, column), 0)) for column in column_keys)]
                for row in rows_keys
            ],
            [LEFT, *[RIGHT] * len(column_keys)],
            0,
        )
    return Grid(
        [*summary.by, "events"],
        [[*(key_text(key) for key in row.keys), str(row.count)] for row in summary.rows],
        [*[LEFT] * len(summary.by), RIGHT],
        0,
    )


def _intensity_grid(summary: Summary) -> Grid:
    """The measure `intensity`: each cell's sum and mean; two dimensions cross-tabulated with
    `sum (mean)` in each cell, `·` where no event falls."""
    from jdiplo.reports.summary import rounded

    if len(summary.by) == 2:
        rows_keys, column_keys = summary.values(0), summary.values(1)
        cells = summary.intensity_cells()

        def cell(row: str | None, column: str | None) -> str:
            found = cells.get((row, column))
            if found is None:
                return "·"
            mean = found.intensity_mean
            return f"{number_text(found.intensity_sum)} ({number_text(rounded(mean))})"

        return Grid(
            [f"{summary.by[0]} \\ {summary.by[1]}", *(key_text(key) for key in column_keys)],
            [[key_text(row), *(cell(row, column) for column in column_keys)] for row in rows_keys],
            [LEFT, *[RIGHT] * len(column_keys)],
            0,
        )
    return Grid(
        [*summary.by, "events", "intensity", "mean"],
        [
            [
                *(key_text(key) for key in row.keys),
                str(row.count),
                number_text(row.intensity_sum),
                number_text(rounded(row.intensity_mean)),
            ]
            for row in summary.rows
        ],
        [*[LEFT] * len(summary.by), RIGHT, RIGHT, RIGHT],
        0,
    )


def number_text(value: float | None) -> str:
    """A measure as text: `4`, `2.5`, `-3.25`; empty for none."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def summary_blocks(summary: Summary) -> list[Block]:
    return [Line([(summary_title(summary), "bold")]), summary_grid(summary)]


def partners_grid(table: PartnerTable) -> Grid:
    return Grid(
        ["code", "name", "kind", "events", "last event", "members", "aliases"],
        [
            [
                esc(row.code),
                esc(row.name),
                row.kind,
                str(row.events),
                row.last_event or "",
                _codes(row.members),
                ", ".join(esc(alias) for alias in row.aliases),
            ]
            for row in table.partners
        ],
        ("left", "left", "left", "right", "left", "left", "left"),
        0,
    )


def office_text(office: OfficeRow, escape: Callable[[str], str] = esc) -> str:
    """`Defence Minister (JP, 2023-09-13 to 2024-10-01)`: the dates only when known."""
    details = [escape(office.country)] if office.country else []
    dates = span(office.start, office.end)
    if dates:
        details.append(escape(dates))
    return escape(office.role) + (f" ({', '.join(details)})" if details else "")


def people_grid(table: PeopleTable) -> Grid:
    return Grid(
        ["name", "country", "events", "last event", "offices", "aliases"],
        [
            [
                esc(row.name) + ("" if row.registered else " *"),
                esc(row.country or ""),
                str(row.events),
                row.last_event or "",
                "; ".join(office_text(office) for office in row.offices),
                ", ".join(esc(alias) for alias in row.aliases),
            ]
            for row in table.people
        ],
        ("left", "left", "right", "left", "left", "left"),
        0,
    )


def value_text(value: object) -> str:
    """A field's value in a change: text as written, lists of text joined, the rest as JSON."""
    import json

    if value is None or value == []:
        return NONE
    if isinstance(value, str):
        return esc(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return esc(", ".join(value))
    return esc(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))


def changes_counts(changes: Changes) -> str:
    return (
        f"{len(changes.added)} added · {len(changes.modified)} modified · "
        f"{len(changes.removed)} removed"
    )


def changes_blocks(changes: Changes) -> list[Block]:
    blocks: list[Block] = [
        Line([(f"Changes from {esc(changes.before)} to {esc(changes.after)}", "bold")]),
        Line([(changes_counts(changes), "")], 2),
    ]
    sections = (
        ("Added", "green", changes.added),
        ("Modified", "yellow", changes.modified),
        ("Removed", "red", changes.removed),
    )
    for title, style, entries in sections:
        if not entries:
            continue
        blocks += [Line(), Line([(title, f"bold {style}")])]
        for entry in entries:
            partners = f"  ({_codes(entry.partners)})" if entry.partners else ""
            blocks.append(
                Line(
                    [
                        (entry.date, "cyan"),
                        ("  " + esc(entry.id), "dim"),
                        ("  " + esc(entry.title), ""),
                        (partners, ""),
                    ],
                    2,
                )
            )
            if entry.fields:
                blocks.append(
                    Rows(
                        [
                            (
                                [(change.field, "bold")],
                                [
                                    [
                                        (value_text(change.before), "red"),
                                        (" -> ", "dim"),
                                        (value_text(change.after), "green"),
                                    ]
                                ],
                            )
                            for change in entry.fields
                        ],
                        6,
                    )
                )
    return blocks


def people_note(table: PeopleTable) -> Line | None:
    if all(row.registered for row in table.people):
        return None
    return Line([("* named in events, not in the people registry (people.yaml)", "dim")])


# The renderer functions (render.REPORT_FORMATS)


def write_digest(digest: Digest, format_name: str, out: Output) -> None:
    write_blocks(digest_blocks(digest), out, rich=out.styled)


def write_partner_digest(digest: PartnerDigest, format_name: str, out: Output) -> None:
    write_blocks(partner_digest_blocks(digest), out, rich=out.styled)


def write_person_digest(digest: PersonDigest, format_name: str, out: Output) -> None:
    write_blocks(person_digest_blocks(digest), out, rich=out.styled)


def write_diff(diff: PeriodDiff, format_name: str, out: Output) -> None:
    table = format_name == "table"
    write_blocks(diff_blocks(diff), out, rich=table or out.styled, boxed=table)


def write_summary(summary: Summary, format_name: str, out: Output) -> None:
    blocks = summary_blocks(summary)
    if out.terminal and len(summary.by) == 2 and summary.rows:
        width = rich_console(out).width
        if grid_width(summary_grid(summary)) > width:
            turned = summary.transposed()
            if grid_width(summary_grid(turned)) <= width:
                note = (
                    f"(turned over to fit the terminal: {turned.by[0]} down, {turned.by[1]} across)"
                )
                blocks = [
                    *summary_blocks(turned)[:1],
                    Line([(note, "dim italic")]),
                    summary_grid(turned),
                ]
    write_blocks(blocks, out, rich=True)


def write_partners(table: PartnerTable, format_name: str, out: Output) -> None:
    write_blocks([partners_grid(table)], out, rich=True)


def write_changes(changes: Changes, format_name: str, out: Output) -> None:
    write_blocks(changes_blocks(changes), out, rich=out.terminal)


def write_people(table: PeopleTable, format_name: str, out: Output) -> None:
    note = people_note(table)
    write_blocks([people_grid(table), *([note] if note else [])], out, rich=True)


def write_sql(result: QueryResult, format_name: str, out: Output) -> None:
    from jdiplo.render.console import note_cut
    from jdiplo.render.delimited import cell, numeric_column

    shown, cut = result.table()
    justify: list[Justify] = [
        RIGHT if numeric_column(shown, index) else LEFT for index in range(len(result.columns))
    ]
    rows = [[esc(cell(value)) for value in row] for row in shown]
    write_blocks([Grid([esc(name) for name in result.columns], rows, justify, 0)], out, rich=True)
    if cut:
        note_cut(len(shown))
