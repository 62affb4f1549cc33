"""`jdiplo diff`: what changed from one period to another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import (
    build_query,
    choose_format,
    filter_options,
    format_option,
    open_records,
)
from jdiplo.query import Filters
from jdiplo.render import report_formats

if TYPE_CHECKING:
    from jdiplo.periods import Period

FORMATS = report_formats("diff")

# Filter options this command leaves out.
WITHOUT = ("month", "period", "since", "until", "due")


@filter_options(without=WITHOUT)
def run(
    ctx: typer.Context,
    first: Annotated[
        str,
        typer.Argument(
            metavar="A",
            help=(
                "The first period: 2024-06, 2024Q2, 2023, FY2023, a range A..B. Given alone, "
                "it is compared with the period just before it (which becomes A)."
            ),
            show_default=False,
        ),
    ],
    second: Annotated[
        str | None,
        typer.Argument(
            metavar="B",
            help="The second period.",
            show_default=False,
        ),
    ] = None,
    *,
    filters: Filters,
    format_name: Annotated[
        str | None, format_option(FORMATS, "default: table on a terminal, text on a pipe")
    ] = None,
) -> None:
    """Compare two periods: totals, and counts in A and B with the change for each partner,
    kind, domain, level and framework; partners new in B and dropped from A; the firsts and
    announced steps recorded in B.

    An event belongs to a period when its days overlap it. It counts once per partner (so
    partner counts can add up to more than the total), once in kinds and levels, once per
    domain and framework. The filters narrow both periods alike.

    \b
    Examples:
      jdiplo diff 2024-06 2024-07
      jdiplo diff 2024-07                  (July against June)
      jdiplo diff 2024Q2 2024Q3 --partner ROK
      jdiplo diff 2024-07-01..2024-07-15   (against the 15 days before)
      jdiplo diff 2024-06 2024-07 --format json | jq '.partners[] | select(.delta > 0)'
    """
    from jdiplo.render import write_report
    from jdiplo.render.console import stdout_output
    from jdiplo.reports.diff import period_diff

    period_a, period_b = _periods(ctx, first, second)
    query = build_query(ctx, filters)
    chosen = choose_format(ctx, format_name, FORMATS, terminal="table", pipe="text")
    records = open_records(ctx)
    events_a = records.stored(query._replace(periods=(period_a,)))
    events_b = records.stored(query._replace(periods=(period_b,)))
    report = period_diff(events_a, events_b, period_a, period_b)
    write_report(report, chosen, stdout_output())


def _periods(ctx: typer.Context, first: str, second: str | None) -> tuple[Period, Period]:
    """(A, B); with only A given, (the period before A, A)."""
    from jdiplo.periods import PeriodError, parse_period, previous

    def parse(text: str, hint: str) -> Period:
        try:
            return parse_period(text)
        except PeriodError as error:
            raise typer.BadParameter(str(error), ctx=ctx, param_hint=hint) from None

    period_a = parse(first, "A")
    if second is not None:
        return period_a, parse(second, "B")
    try:
        return previous(period_a), period_a
    except PeriodError as error:
        raise typer.BadParameter(str(error), ctx=ctx, param_hint="A") from None
