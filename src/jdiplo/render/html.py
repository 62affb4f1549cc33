"""HTML: the brief of `jdiplo report`, one self-contained file built with jinja2.

The page fetches nothing: a content-security-policy meta tag forbids every fetch but images
given inline as `data:` addresses (the charts) and the styles written in the page; fonts are
the reader's own. It has no JavaScript, prints well (a print stylesheet), and reads without the
charts: each chart has a text alternative and a table of what it draws. Headings go in order
(h1, h2, h3, h4), tables have headers.

Record text reaches the page only through the template engine with autoescape on: a title such
as `<script>` is shown, never run. Ids used as anchors are the records' slugs (`event-ID`,
`source-N`).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from jdiplo import __version__
from jdiplo.render.console import Output

if TYPE_CHECKING:
    from jinja2 import Environment

    from jdiplo.reports.brief import Brief

# What the page may load: nothing but its own inline styles and data: images.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

# The temperature chart draws each partner's mean intensity in a month (its table gives the
# sum too); its title says that the values are codings.
TEMPERATURE_TITLE = (
    "Temperature of each relationship\n"
    "mean PLOVER intensity: derived codings, not facts from a source"
)


def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    from jdiplo.render.console import escape_control

    def finalize(value: object) -> object:
        # Text (never the template's own markup, from macros) with control characters shown
        # as escapes, as in every format a person reads; then HTML's own escaping.
        if isinstance(value, str) and not isinstance(value, Markup):
            return escape_control(value)
        return value

    return Environment(
        loader=PackageLoader("jdiplo.render", "templates"),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def charts(brief: Brief) -> dict[str, str]:
    """The brief's charts as `data:` addresses of SVG documents."""
    from jdiplo.render import figures
    from jdiplo.render.text import scope_text

    scope = scope_text(brief.period, brief.start, brief.end)
    drawn = {
        "timeline": figures.timeline_figure(
            brief.timeline, brief.start, brief.end, f"Timeline, {scope}"
        ),
        "months": figures.summary_figure(brief.months, "Events by partner and month"),
        "temperature": figures.summary_figure(brief.temperature, TEMPERATURE_TITLE, "mean"),
        "network": figures.network_figure(brief.nodes, brief.edges, "Who met whom"),
    }
    return {name: data_address(figures.svg(figure, name)) for name, figure in drawn.items()}


def data_address(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def page(brief: Brief) -> str:
    """The whole HTML document of a brief."""
    from jdiplo.render.text import group_count, plural, region_count, scope_text, source_text

    template = environment().get_template("report.html.j2")
    digest = brief.digest
    context: dict[str, Any] = {
        "brief": brief,
        "digest": digest,
        "scope": scope_text(brief.period, brief.start, brief.end),
        "cited": digest.cited(),
        "names": digest.names(),
        "charts": charts(brief),
        "steps": {
            state: [step for step in digest.announced if step.state == state]
            for state in ("overdue", "due", "delivered")
        },
        "months": _cross_table(brief),
        "temperature": _temperature_rows(brief),
        "policy": CONTENT_SECURITY_POLICY,
        "version": __version__,
        "plural": plural,
        "group_count": group_count,
        "region_count": lambda region: region_count(digest, region),
        "source_text": lambda source: source_text(source, str),
        "facts": _facts,
        "person": _person,
        "amount": _amount,
        "key": lambda key: "(none)" if key is None else key,
    }
    return template.render(context)


def _facts(event: Any, among: str | None) -> str:
    from jdiplo.render.text import event_facts

    return " · ".join(event_facts(event, among, str))


def _person(person: Any) -> str:
    from jdiplo.render.text import person_text

    return person_text(person, str)


def _amount(amount: Any) -> str:
    from jdiplo.render.text import amount_text

    return amount_text(amount, str)


def _cross_table(brief: Brief) -> dict[str, Any]:
    summary = brief.months
    rows, columns = summary.values(0), summary.values(1)
    cells = summary.cells()
    return {
        "columns": columns,
        "rows": [(row, [cells.get((row, column), 0) for column in columns]) for row in rows],
    }


def _temperature_rows(brief: Brief) -> list[dict[str, Any]]:
    """Every partner and month with events: its events, and the sum and mean of their
    intensities as text; empty (never 0) where no event of the cell is coded."""
    from jdiplo.render.text import number_text
    from jdiplo.reports.summary import rounded

    return [
        {
            "partner": row.keys[0],
            "month": row.keys[1],
            "events": row.count,
            "sum": number_text(row.intensity_sum),
            "mean": number_text(rounded(row.intensity_mean)),
        }
        for row in brief.temperature.rows
    ]


# The renderer function (render.REPORT_FORMATS)


def write_brief(brief: Brief, format_name: str, out: Output) -> None:
    out.write(page(brief))
