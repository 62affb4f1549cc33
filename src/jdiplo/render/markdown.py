"""Markdown: `md`, ready to paste into a report: a pipe table of events; reports as headings,
bullet lists and (for counts across periods or dimensions) pipe tables. Digests cite their
sources as numbered footnotes (`[^1]`, the footnote syntax of GitHub, Pandoc and
markdown-it's footnote plugin), defined under a closing "Sources" heading.

Record text is escaped so that it renders literally: Markdown punctuation gets a backslash,
pipes cannot break a table, control characters are shown as escapes. The lines of one item
are joined with a backslash at the end of the line (CommonMark's hard line break). A source's
web address becomes an autolink only when it is a plain http(s) address; else it is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from jdiplo.render.console import Output, escape_control

if TYPE_CHECKING:
    from jdiplo.reports.changes import Changes
    from jdiplo.reports.diff import PeriodDiff
    from jdiplo.reports.digest import Digest, DigestGroup, PartnerDigest, PersonDigest, Story
    from jdiplo.reports.entries import (
        AnnouncedEntry,
        Count,
        EventEntry,
        EventReference,
        FirstEntry,
        SourceEntry,
        StepEntry,
    )
    from jdiplo.reports.partners import PartnerTable
    from jdiplo.reports.people import PeopleTable
    from jdiplo.reports.sql import QueryResult
    from jdiplo.reports.summary import Summary
    from jdiplo.store import Listing

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# What an autolink may hold: an http(s) address without spaces, controls, quotes or angles.
_AUTOLINK = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def escape_markdown(text: str) -> str:
    """Text that Markdown renders exactly as written, on one line."""
    return _SPECIAL.sub(r"\\\1", escape_control(text))


def write_events(events: Iterable[Listing], format_name: str, out: Output) -> None:
    out.write("| id | date | kind | partners | title |\n")
    out.write("|---|---|---|---|---|\n")
    for event in events:
        cells = (event.id, str(event.date), event.kind, ", ".join(event.partners), event.title)
        out.write("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |\n")


# Reports


def footnotes(numbers: Sequence[int]) -> str:
    """`[^1][^2]`: references to the footnotes of the sources a line rests on."""
    return "".join(f"[^{number}]" for number in numbers)


def _sources(sources: Sequence[SourceEntry]) -> list[str]:
    """The footnote definitions, under a "Sources" heading (nothing without sources)."""
    if not sources:
        return []
    lines = ["", "## Sources", ""]
    for source in sources:
        parts = [source.publisher, source.author]
        parts.append(f"\u201c{source.title}\u201d" if source.title else None)
        parts += [source.date]
        text = ", ".join(escape_markdown(part) for part in parts if part)
        places = []
        if source.url:
            fits = _AUTOLINK.fullmatch(source.url)
            places.append(f"<{source.url}>" if fits else escape_markdown(source.url))
        if source.file:
            places.append(escape_markdown(source.file))
        text = ", ".join(part for part in (text, *places) if part)
        quote = escape_markdown(source.quote)
        lines.append(f"[^{source.number}]: {text}: \u201c{quote}\u201d")
    return lines


def write_digest(digest: Digest, format_name: str, out: Output) -> None:
    from jdiplo.render.text import plural, region_count

    cited = digest.cited()
    lines = [_period_heading("Digest", digest.period, digest.start, digest.end), ""]
    partners = plural(len(digest.partners), "partner")
    frameworks = plural(len(digest.frameworks), "framework")
    if digest.partners:
        partners += ": " + _codes(digest.partners)
    if digest.frameworks:
        frameworks += ": " + _codes(digest.frameworks)
    lines += [f"{plural(digest.total, 'event')} · {partners} · {frameworks}", ""]
    lines += _limit_note(digest.total, digest.matching)
    lines += ["## Highlights", "", "### Firsts", "", *_firsts(digest.firsts, cited), ""]
    lines += [f"### Announced steps (as of {digest.as_of})", ""]
    lines += [*_announced(digest.announced, cited), ""]
    region: str | None = None
    for group in digest.groups:
        if group.region is not None and group.region != region:
            counts = region_count(digest, group.region)
            lines += [f"## {escape_markdown(group.region)}", "", counts + ".", ""]
        region = group.region
        lines += _group(digest, group, "###" if group.region is not None else "##", cited)
    lines += ["## Counts", "", "### By kind", "", *_counts(digest.kinds), ""]
    lines += ["### By domain", "", *(_counts(digest.domains) or ["No domains recorded."])]
    lines += _sources(digest.sources)
    out.write("\n".join(lines) + "\n")


def _group(
    digest: Digest, group: DigestGroup, level: str, cited: dict[str, list[int]]
) -> list[str]:
    from jdiplo.render.text import group_count

    heading = f"{level} {escape_markdown(group.name)} ({escape_markdown(group.key)})"
    lines = [heading, "", escape_markdown(group_count(group)) + ".", ""]
    if group.events:
        lines += [*_events(group.events, group.key), ""]
    if group.elsewhere:
        if group.events:
            lines += ["Also:", ""]
        names = digest.names()
        for entry in group.elsewhere:
            under = escape_markdown(names.get(entry.under, entry.under))
            lines.append(
                f"- **{entry.date}** · {escape_markdown(entry.title)} · told under {under}"
                + footnotes(cited.get(entry.id, ()))
            )
        lines.append("")
    return lines


def _story_head(title: str, story: Story) -> list[str]:
    """A relationship or person digest's `#` title, its scope, size and day, and the limit."""
    from jdiplo.render.text import plural, scope_text

    scope = escape_markdown(scope_text(story.period, story.start, story.end))
    lines = [f"# {title}", ""]
    lines += [f"{scope} · {plural(story.total, 'event')} · as of {story.as_of}", ""]
    return lines + _limit_note(story.total, story.matching)


def _reference(label: str, event: EventReference | None) -> str:
    text = f"{event.date}, {escape_markdown(event.title)}" if event else "none"
    return f"- {label}: {text}"


def _story_counts(story: Story, partners: Sequence[Count] | None = None) -> list[str]:
    """As `render.text.story_count_rows`, as list items."""
    from jdiplo.render.text import story_count_rows

    return [
        f"- {_joined(label).capitalize()}: {escape_markdown(_joined(body[0]))}"
        for label, body in story_count_rows(story, partners)
    ]


def _joined(parts: Sequence[tuple[str, str]]) -> str:
    return "".join(text for text, _ in parts)


def _story(story: Story, people: str, among: str | None) -> list[str]:
    """As `render.text.story_blocks`: people (under `people`), firsts, steps, the timeline and
    the sources (footnote definitions)."""
    from jdiplo.render.text import plural

    lines = ["", f"## {people}", ""]
    for person in story.people:
        details = [escape_markdown(role) for role in person.roles]
        if person.country:
            details.append(escape_markdown(person.country))
        details.append(plural(person.events, "event"))
        lines.append(f"- {escape_markdown(person.name)}: {' · '.join(details)}")
    if not story.people:
        lines.append("None recorded.")
    cited = story.cited()
    lines += ["", "## Firsts", "", *_firsts(story.firsts, cited), ""]
    lines += [f"## Announced steps still to fall due (as of {story.as_of})", ""]
    lines += [*_announced(story.pending, cited), ""]
    if story.overdue:
        lines += [f"## Announced steps overdue (as of {story.as_of})", ""]
        lines += [*_announced(story.overdue, cited), ""]
    if story.delivered:
        lines += ["## Announced steps delivered", "", *_announced(story.delivered, cited), ""]
    lines += ["## Timeline", ""]
    lines += _events(story.timeline, among) or ["No events."]
    return lines + _sources(story.sources)


def write_partner_digest(digest: PartnerDigest, format_name: str, out: Output) -> None:
    partner = digest.partner
    title = f"{escape_markdown(partner.name)} ({escape_markdown(partner.code)})"
    lines = _story_head(f"Relationship digest: {title}", digest)
    lines.append(_reference("First contact", digest.first_contact))
    lines.append(_reference("Last contact", digest.last_contact))
    lines += _story_counts(digest)
    lines += _story(digest, "People", partner.code)
    out.write("\n".join(lines) + "\n")


def write_person_digest(digest: PersonDigest, format_name: str, out: Output) -> None:
    from jdiplo.render.text import no_event_line, person_rows

    lines = _story_head(f"Person digest: {escape_markdown(digest.person.name)}", digest)
    if not digest.timeline:
        lines += [f"*{no_event_line(digest, escape_markdown)}*", ""]
    for label, values in person_rows(digest.person, escape_markdown):
        lines.append(f"- {label.capitalize()}: {'; '.join(values)}")
    lines.append(_reference("First event", digest.first_event))
    lines.append(_reference("Last event", digest.last_event))
    lines += _story_counts(digest, digest.partners)
    lines += _story(digest, "People met", None)
    out.write("\n".join(lines) + "\n")


def write_diff(diff: PeriodDiff, format_name: str, out: Output) -> None:
    from jdiplo.render.text import key_text, plural, signed, span

    a, b = diff.a, diff.b
    name_a, name_b = escape_markdown(a.period), escape_markdown(b.period)
    lines = [f"# Changes from {name_a} to {name_b}", ""]
    for side, name, note in ((a, name_a, ""), (b, name_b, f" ({signed(b.total - a.total)})")):
        dates = span(side.start, side.end) or "all dates"
        lines.append(f"- {name}: {dates} · {plural(side.total, 'event')}{note}")
    for title, column, changes in (
        ("Partners", "partner", diff.partners),
        ("Kinds", "kind", diff.kinds),
        ("Domains", "domain", diff.domains),
        ("Levels", "level", diff.levels),
        ("Frameworks", "framework", diff.frameworks),
    ):
        lines += ["", f"## {title}", ""]
        if not changes:
            lines.append("None in either period.")
            continue
        rows = [[key_text(c.key), str(c.a), str(c.b), signed(c.delta)] for c in changes]
        lines += _table([column, a.period, b.period, "change"], rows, [False, True, True, True])
    lines += ["", "## New and dropped partners", ""]
    lines.append(f"- New in {name_b}: {_codes(diff.new_partners) or 'none'}")
    lines.append(f"- Dropped since {name_a}: {_codes(diff.dropped_partners) or 'none'}")
    lines += ["", f"## Firsts recorded in {name_b}", "", *_firsts(diff.firsts), ""]
    lines += [f"## Announced steps recorded in {name_b}", "", *_announced(diff.announced)]
    out.write("\n".join(lines) + "\n")


def write_summary(summary: Summary, format_name: str, out: Output) -> None:
    from jdiplo.render.text import summary_grid, summary_title

    grid = summary_grid(summary)
    right = [justify == "right" for justify in grid.justify]
    lines = [escape_markdown(summary_title(summary)), ""]
    lines += _table(list(grid.header), [list(row) for row in grid.rows], right)
    out.write("\n".join(lines) + "\n")


def write_partners(table: PartnerTable, format_name: str, out: Output) -> None:
    from jdiplo.render.text import partners_grid

    grid = partners_grid(table)
    right = [justify == "right" for justify in grid.justify]
    out.write("\n".join(_table(list(grid.header), [list(r) for r in grid.rows], right)) + "\n")


def write_changes(changes: Changes, format_name: str, out: Output) -> None:
    """Ready to paste as "Corrections and additions since ..." under a report."""
    lines = [
        f"## Corrections and additions since {escape_markdown(changes.before)}",
        "",
        f"*Compared with {escape_markdown(changes.after)}: {len(changes.added)} added, "
        f"{len(changes.modified)} corrected, {len(changes.removed)} removed.*",
    ]
    sections = (
        ("Added", changes.added),
        ("Corrected", changes.modified),
        ("Removed", changes.removed),
    )
    for title, entries in sections:
        lines += ["", f"### {title}", ""]
        if not entries:
            lines.append("None.")
        for entry in entries:
            partners = f" ({_codes(entry.partners)})" if entry.partners else ""
            lines.append(
                f"- **{entry.date}** · {escape_markdown(entry.title)}{partners} · "
                f"`{entry.id.replace('`', '')}`"
            )
            lines += [
                f"  - {change.field}: was {_value(change.before)}, now {_value(change.after)}"
                for change in entry.fields
            ]
    out.write("\n".join(lines) + "\n")


def _value(value: object) -> str:
    from jdiplo.render.text import value_text

    shown = value_text(value)
    return shown if shown == "(none)" else f"“{escape_markdown(shown)}”"


def write_people(table: PeopleTable, format_name: str, out: Output) -> None:
    from jdiplo.render.text import people_grid

    grid = people_grid(table)
    right = [justify == "right" for justify in grid.justify]
    lines = _table(list(grid.header), [list(r) for r in grid.rows], right)
    if not all(row.registered for row in table.people):
        lines += ["", "\\* named in events, not in the people registry (people.yaml)"]
    out.write("\n".join(lines) + "\n")


def write_sql(result: QueryResult, format_name: str, out: Output) -> None:
    from jdiplo.render.console import note_cut
    from jdiplo.render.delimited import cell, numeric_column

    rows, cut = result.table()
    right = [numeric_column(rows, index) for index in range(len(result.columns))]
    cells = [[cell(value) for value in row] for row in rows]
    out.write("\n".join(_table(result.columns, cells, right)) + "\n")
    if cut:
        note_cut(len(rows))


def _period_heading(title: str, period: str | None, start: str | None, end: str | None) -> str:
    from jdiplo.render.text import period_dates

    if period is None:
        return f"# {title} of all records"
    return f"# {title} {escape_markdown(period)}{period_dates(period, start, end)}"


def _limit_note(total: int, matching: int) -> list[str]:
    if matching <= total:
        return []
    return [f"*The first {total} of {matching} matching events (--limit).*", ""]


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(escape_markdown(code) for code in codes)


def _firsts(
    firsts: Sequence[FirstEntry], cited: Mapping[str, Sequence[int]] | None = None
) -> list[str]:
    if not firsts:
        return ["None recorded."]
    cited = cited or {}
    return [
        f"- {first.date}: {escape_markdown(first.first)} ({_codes(first.partners)})"
        + footnotes(cited.get(first.id, ()))
        for first in firsts
    ]


def _announced(
    steps: Sequence[AnnouncedEntry | StepEntry], cited: Mapping[str, Sequence[int]] | None = None
) -> list[str]:
    from jdiplo.reports import entries

    if not steps:
        return ["None recorded."]
    cited = cited or {}
    lines = []
    for step in steps:
        line = (
            f"- {'Due ' + step.due if step.due else 'No due date'}: {escape_markdown(step.title)} "
            f"({_codes(step.partners)}; announced {step.date})"
        )
        if isinstance(step, entries.StepEntry) and step.state == "overdue":
            line += " · **overdue**"
        elif isinstance(step, entries.StepEntry) and step.state == "delivered":
            by = "; ".join(f"{ref.date} {escape_markdown(ref.title)}" for ref in step.delivered_by)
            line += f" · delivered: {by}"
        lines.append(line + footnotes(cited.get(step.id, ())))
    return lines


def _events(events: Sequence[EventEntry], among: str | None) -> list[str]:
    from jdiplo.render.text import amount_text, event_facts, person_text

    lines: list[str] = []
    for event in events:
        parts = [f"**{event.date}** · {escape_markdown(event.title)}{footnotes(event.sources)}"]
        parts.append(" · ".join(event_facts(event, among, escape_markdown)))
        if event.people:
            people = "; ".join(person_text(person, escape_markdown) for person in event.people)
            parts.append(f"People: {people}")
        if event.amount is not None:
            parts.append(f"Amount: {amount_text(event.amount, escape_markdown)}")
        parts += [f"First: {escape_markdown(first)}" for first in event.firsts]
        if event.summary:
            parts.append(escape_markdown(event.summary))
        lines.append("- " + "\\\n  ".join(parts))
    return lines


def _counts(counts: Sequence[Count]) -> list[str]:
    from jdiplo.render.text import key_text

    return [f"- {escape_markdown(key_text(count.key))}: {count.count}" for count in counts]


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> list[str]:
    """A pipe table; cells are escaped here (they must not be escaped before)."""
    lines = ["| " + " | ".join(escape_markdown(cell) for cell in header) + " |"]
    lines.append("|" + "|".join("---:" if align else "---" for align in right) + "|")
    lines += ["| " + " | ".join(escape_markdown(cell) for cell in row) + " |" for row in rows]
    return lines
