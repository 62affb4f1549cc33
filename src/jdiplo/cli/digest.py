"""`jdiplo digest`: a period's story; with one --person that person's timeline; with one
--partner (and no --person) the relationship at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import (
    AsOfOption,
    NoSourcesOption,
    as_of_day,
    build_query,
    choose_format,
    deliveries,
    filter_options,
    format_option,
    note,
    open_records,
)
from jdiplo.query import Filters
from jdiplo.render import report_formats

if TYPE_CHECKING:
    from jdiplo.reports import Report

FORMATS = report_formats("digest")


@filter_options()
def run(
    ctx: typer.Context,
    filters: Filters,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="At most N events (the earliest)."),
    ] = None,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: text, rich on a terminal and plain on a pipe")
    ] = None,
    as_of: AsOfOption = None,
    no_sources: NoSourcesOption = False,
) -> None:
    """A digest: the period's events told by partner, with highlights, counts and sources.

    Every partner with events has its heading (the events told under another partner or a
    framework are named there); the states of one region are told together under it. Each
    event cites its sources by number ([1] in text, [^1] footnotes in md), listed at the end
    with publisher, author, file or address, and the quote. Announced steps are marked
    overdue (due date passed, no event fulfils them) or delivered, as of today or --as-of.

    With one --partner, the relationship's digest instead: first and last contact, events by
    year and month, kinds, levels, frameworks, the people who met, the firsts, the announced
    steps still to fall due, overdue and delivered, and the full timeline.

    With one --person (any spelling, case or word order of the name), that person's digest:
    the person as the people registry knows them (country, aliases, offices held), first and
    last event, events by year and month, kinds, levels, partners, frameworks, the people they
    met, the firsts, the announced steps and the timeline. --person wins over --partner:
    `--person Kihara --partner ROK` is Kihara's digest of their events with the ROK. Several
    --person or --partner give the period digest of their events.

    Every filter of `list` applies; nothing is left out unless --limit asks.

    \b
    Examples:
      jdiplo digest --month 2024-07
      jdiplo digest --month 2024-07 --format md > july-2024.md
      jdiplo digest --month 2024-07 --no-sources --as-of 2024-08-01
      jdiplo digest --partner ROK
      jdiplo digest --partner 'South Korea' --period 2024H2
      jdiplo digest --person 'Minoru Kihara' --format md
      jdiplo digest --period 2024Q3 --format json | jq '.firsts[].first'
    """
    from jdiplo.periods import intersection
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.digest import partner_digest, period_digest, person_digest

    today = as_of_day(ctx, as_of)
    if any(not name.strip() for name in filters.person):
        raise typer.BadParameter("name a person", ctx=ctx, param_hint="--person")
    query = build_query(ctx, filters, limit=limit, today=today)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="text", pipe="text")
    records = open_records(ctx)
    events = records.stored(query)
    matching = records.matching(query, events)
    span = intersection(query.periods)
    delivered = deliveries(ctx, records, events)
    sources = not no_sources
    report: Report
    if len(filters.person) == 1:
        name = filters.person[0]
        report = person_digest(
            events, records.people, name, today, span, matching,
            delivered=delivered, sources=sources,
        )  # fmt: skip
        if not matching and records.people.resolve(name) is None:
            note(f"the people registry does not know {name!r}{records.people.did_you_mean(name)}")
    elif len(query.partners) == 1:
        code = query.partners[0]
        report = partner_digest(
            events, records.registry, code, today, span, matching,
            delivered=delivered, sources=sources, people=records.people,
        )  # fmt: skip
    else:
        report = period_digest(
            events, records.registry, span, matching,
            today=today, delivered=delivered, sources=sources,
        )  # fmt: skip
    write_report(report, chosen, stdout_output())
