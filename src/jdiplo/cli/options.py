"""Command-line options shared by commands: global settings, filters, formats, completion.

Option values are checked after parsing, by `query.build_query` and friends; a bad value
becomes typer's usage error (exit 2) naming the option, with a did-you-mean.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from jdiplo.problems import UsageError
from jdiplo.problems import shown_path as shown_path  # the commands' one way to show a path
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES, TEXT_FIELDS

if TYPE_CHECKING:
    import datetime as dt

    from jdiplo.outputs import OutputTarget
    from jdiplo.partners import Registry
    from jdiplo.query import Filters, Query
    from jdiplo.reports.entries import EventReference
    from jdiplo.repository import Records
    from jdiplo.store import RecordSet, Store
    from jdiplo.stored import EventView

T = TypeVar("T")


class Settings(NamedTuple):
    """The global options, kept in the typer context."""

    records: Path | None = None
    debug: bool = False
    no_cache: bool = False
    no_pager: bool = False

    @property
    def cache(self) -> bool | None:
        """False with --no-cache; else None: the store decides (JDIPLO_NO_CACHE)."""
        return False if self.no_cache else None


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_object(Settings) or Settings()


def usage_errors(ctx: typer.Context, action: Callable[[], T]) -> T:
    """Run `action`; a UsageError becomes typer's BadParameter for the option it names."""
    try:
        return action()
    except UsageError as error:
        raise typer.BadParameter(str(error), ctx=ctx, param_hint=error.option) from None


def records_dir(ctx: typer.Context) -> Path:
    """The records directory the command works on (repository.py: --records,
    $JDIPLO_RECORDS, the repository around the current folder, else the bundled set)."""
    return _records(ctx).directory


def _records(ctx: typer.Context) -> Records:
    from jdiplo.repository import find_records

    root = ctx.find_root()
    found: Records | None = root.meta.get("jdiplo.records")
    if found is None:
        settings = ctx.find_object(Settings)
        # During shell completion the root callback does not run; its parsed options are there.
        option = settings.records if settings else root.params.get("records")
        found = usage_errors(ctx, lambda: find_records(option))
        root.meta["jdiplo.records"] = found
        if found.bundled and not ctx.resilient_parsing:
            from jdiplo.render.console import note_on_terminal
            from jdiplo.repository import BUNDLED_NOTE

            note_on_terminal(BUNDLED_NOTE)
    return found


def records_dir_to_write(ctx: typer.Context) -> Path:
    """The records directory for a command that writes records: never the bundled set by
    default, which an analyst would otherwise change without noticing (inside the package)."""
    from jdiplo.repository import ENVIRONMENT_VARIABLE

    if _records(ctx).bundled:
        ctx.fail(
            "no records to write to here: run jdiplo in a folder of a records repository (one "
            f"holding records/), or name them with --records DIR or ${ENVIRONMENT_VARIABLE} "
            "(jdiplo init DIR creates a records repository); jdiplo does not change the record "
            "set bundled with it"
        )
    return records_dir(ctx)


def store(ctx: typer.Context) -> Store:
    """The command's one Store (opened once, closed when the command ends)."""
    from jdiplo.store import Store

    root = ctx.find_root()
    opened: Store | None = root.meta.get("jdiplo.store")
    if opened is None:
        opened = Store(records_dir(ctx), settings(ctx).cache, note=note)
        root.meta["jdiplo.store"] = opened
        root.call_on_close(opened.close)
    return opened


def note(message: str) -> None:
    import sys

    from jdiplo.render.console import escape_control

    sys.stderr.write(f"jdiplo: note: {escape_control(message)}\n")


def open_records(ctx: typer.Context, answering: Query | None = None) -> RecordSet:
    """The valid record set (raises RecordsInvalid, printed by the app, on any problem).
    `answering`: the one query the command will ask of it, when it knows it."""
    from jdiplo.render.console import Progress

    progress = Progress("reading records")
    try:
        records = store(ctx).records(progress, answering)
    finally:
        progress.close()
    ctx.find_root().call_on_close(records.close)
    return records


def output_target(ctx: typer.Context, name: str, option: str) -> OutputTarget:
    """The checked target of an output option (`-` for stdout), never inside the records."""
    from jdiplo.outputs import output_target as target

    return usage_errors(ctx, lambda: target(name, option, outside=records_dir(ctx)))


def filter_options(
    *, without: Collection[str] = ()
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the filter options (all but those `without` names: `month`, `due`...)
    in place of its `filters: Filters` parameter, and call it with them gathered in one
    `Filters` value: the one declaration of the filter options every command shares
    (sqlite-utils shares its output options this way)."""
    options = {name: kind for name, kind in FILTER_OPTIONS.items() if name not in without}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        import functools
        import inspect

        signature = inspect.signature(command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name != "filters":
                parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))
                continue
            parameters += [
                inspect.Parameter(
                    name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind
                )
                for name, kind in options.items()
            ]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            from jdiplo.query import Filters

            values = {name: given.pop(name) for name in options}
            filters = Filters(
                **{name: value for name, value in values.items() if value is not None}
            )
            command(**given, filters=filters)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return run

    return decorate


def build_query(
    ctx: typer.Context,
    filters: Filters,
    sort: str = "date",
    limit: int | None = None,
    today: dt.date | None = None,
) -> Query:
    """The checked query, before any record is read, so that usage errors come first. `today`
    is the day `--overdue` judges steps on (a report's --as-of; default: the clock's)."""
    from jdiplo.query import build_query as build

    records = store(ctx)
    registry = records.registry
    # Only --person and --text look up names (a listing without them reads no people registry).
    people = records.people if filters.person or filters.text else None
    return usage_errors(ctx, lambda: build(registry, filters, sort, limit, people, today))


def choose_format(
    ctx: typer.Context, requested: str | None, formats: Iterable[str], terminal: str, pipe: str
) -> str:
    """The requested format, checked, or the default for a terminal or a pipe."""
    from jdiplo.render.console import stdout_terminal

    choices = list(formats)
    if requested is None:
        return terminal if stdout_terminal() else pipe
    if requested not in choices:
        from jdiplo.problems import did_you_mean

        message = f"unknown format {requested!r}{did_you_mean(requested, choices)}; "
        raise typer.BadParameter(
            message + f"choose from {', '.join(choices)}", ctx=ctx, param_hint="--format"
        )
    return requested


def format_option(formats: Sequence[str], defaults: str) -> Any:
    """The `--format/-F` option of a command that writes `formats` (`defaults` says which one
    it writes when none is asked), completing in the shell."""
    return typer.Option(
        "--format",
        "-F",
        metavar="FORMAT",
        help=f"{', '.join(formats)} ({defaults}).",
        autocompletion=lambda: list(formats),
    )


# Shell completion


def _completer(values: Callable[[], Iterable[str]]) -> Callable[[str], Iterator[str]]:
    def complete(incomplete: str) -> Iterator[str]:
        folded = incomplete.casefold()
        return (value for value in values() if value.casefold().startswith(folded))

    return complete


def _registry(ctx: typer.Context) -> Registry:
    """The registry of the records the command line names, or the built-in one."""
    from jdiplo.partners import builtin_registry
    from jdiplo.problems import JdiploError

    try:
        return store(ctx).registry
    except (typer.BadParameter, JdiploError, OSError):  # no records, or a bad partners.yaml
        return builtin_registry()


def complete_partner(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    return _completer(_registry(ctx).partner_codes)(incomplete)


def complete_framework(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    return _completer(_registry(ctx).framework_codes)(incomplete)


def complete_plover_type(incomplete: str) -> Iterator[str]:
    from jdiplo.coding import PLOVER_EVENTS

    return _completer(lambda: PLOVER_EVENTS)(incomplete)


def complete_sort(incomplete: str) -> Iterator[str]:
    from jdiplo.query import SORTS

    return _completer(lambda: SORTS)(incomplete)


def complete_person(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    from jdiplo.people import builtin_people
    from jdiplo.problems import JdiploError

    try:
        people = store(ctx).people
    except (typer.BadParameter, JdiploError, OSError):
        people = builtin_people()
    names = [spelling for person in people for spelling in person.spellings()]
    return _completer(lambda: names)(incomplete)


def complete_event_id(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    """Ids of the events of the records the command line names (valid or not)."""
    from jdiplo.store import read

    try:
        loaded, _ = read(records_dir(ctx))
    except (typer.BadParameter, OSError):
        return iter(())
    ids = sorted({event.id for event in loaded.events} | loaded.invalid_ids)
    return _completer(lambda: ids)(incomplete)


complete_kind = _completer(lambda: KINDS)
complete_domain = _completer(lambda: DOMAINS)
complete_level = _completer(lambda: LEVELS)
complete_status = _completer(lambda: STATUSES)


# Filter options, shared by every command that selects events

PartnerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--partner",
        "-p",
        metavar="CODE",
        help=(
            "Partner code or name (ROK, 'South Korea', kr); "
            "a grouping (IP4) also matches its framework."
        ),
        autocompletion=complete_partner,
    ),
]
MonthOption = Annotated[
    str | None, typer.Option("--month", "-m", metavar="YYYY-MM", help="Events in this month.")
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="EXPR",
        help="Events overlapping a period: 2024, 2024-07, 2024Q3, 2024H2, FY2024, A..B, A.., ..B",
    ),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Events on or after DATE.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Events on or before DATE.")
]
KindOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kind", "-k", metavar="KIND", help="Kind of event.", autocompletion=complete_kind
    ),
]
DomainOption = Annotated[
    list[str] | None,
    typer.Option(
        "--domain", "-d", metavar="DOMAIN", help="Domain.", autocompletion=complete_domain
    ),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="held (took place) or announced (a plan made public).",
        autocompletion=complete_status,
    ),
]
LevelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--level",
        "-l",
        metavar="LEVEL",
        help=f"{', '.join(LEVELS)}.",
        autocompletion=complete_level,
    ),
]
FrameworkOption = Annotated[
    list[str] | None,
    typer.Option(
        "--framework",
        "-f",
        metavar="CODE",
        help="Framework: IP4, NATO, QUAD, JUSK, 2+2...",
        autocompletion=complete_framework,
    ),
]
TagOption = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Free tag of a record.")
]
DueOption = Annotated[
    str | None,
    typer.Option(
        "--due", metavar="EXPR", help="Announced steps falling due in a period: --due 2025."
    ),
]
TextOption = Annotated[
    str | None,
    typer.Option(
        "--text",
        "-s",
        metavar="TEXT",
        help=(
            "Case-insensitive text in the title, summary, people, place, firsts, tags, quotes "
            "or sources (publisher, author, title); a person's name in any word order."
        ),
    ),
]
InOption = Annotated[
    str | None,
    typer.Option(
        "--in",
        metavar="FIELDS",
        help=f"Where --text searches, comma-separated: {', '.join(TEXT_FIELDS)}.",
        autocompletion=lambda: list(TEXT_FIELDS),
    ),
]
PloverTypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plover-type",
        metavar="TYPE",
        help="PLOVER event type of the event's coding (derived, or the record's): CONSULT...",
        autocompletion=complete_plover_type,
    ),
]
QuadOption = Annotated[
    list[str] | None,
    typer.Option(
        "--quad",
        metavar="QUAD",
        help="PLOVER quad: 1 verbal-cooperation, 2 material-cooperation, 3, 4 (conflict).",
        autocompletion=lambda: ["1", "2", "3", "4"],
    ),
]
OverdueOption = Annotated[
    bool,
    typer.Option(
        "--overdue",
        help="Announced steps whose due date has passed with no event fulfilling them.",
    ),
]
PersonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Events a person took part in: any spelling, case or word order of the name.",
        autocompletion=complete_person,
    ),
]


# name of the `Filters` field -> its option, in the order help lists them
FILTER_OPTIONS: dict[str, Any] = {
    "partner": PartnerOption,
    "month": MonthOption,
    "period": PeriodOption,
    "since": SinceOption,
    "until": UntilOption,
    "kind": KindOption,
    "domain": DomainOption,
    "status": StatusOption,
    "level": LevelOption,
    "framework": FrameworkOption,
    "tag": TagOption,
    "due": DueOption,
    "person": PersonOption,
    "text": TextOption,
    "text_in": InOption,
    "plover_type": PloverTypeOption,
    "quad": QuadOption,
    "overdue": OverdueOption,
}
# Options of the reports that tell how announced steps stand and cite their sources

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The day announced steps are judged due or overdue on (default: today).",
    ),
]
NoSourcesOption = Annotated[
    bool,
    typer.Option("--no-sources", help="Leave out the sources (no numbers, no sources section)."),
]


def as_of_day(ctx: typer.Context, value: str | None) -> dt.date:
    """The day of `--as-of` (a whole day), or today."""
    import datetime

    if value is None:
        return datetime.date.today()
    try:
        if len(value) == 10 and value.isascii():  # fromisoformat also takes 20240801
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise typer.BadParameter(
        f"{value!r} is not a day: write YYYY-MM-DD", ctx=ctx, param_hint="--as-of"
    )


def deliveries(
    ctx: typer.Context, records: RecordSet, events: Sequence[EventView]
) -> dict[str, list[EventReference]]:
    """Announced step id -> the events of the whole record set that fulfil it (`fulfils`), for
    the steps among `events`. A step is delivered by any event that says so, whatever the
    filters; the index finds those events (only they are read)."""
    from jdiplo.query import Filters
    from jdiplo.reports.entries import deliveries as found

    steps = {event.id for event in events if event.status == "announced"}
    if not steps:
        return {}
    query = build_query(ctx, Filters())._replace(fulfilling=tuple(sorted(steps)))
    return {step: by for step, by in found(records.stored(query)).items() if step in steps}


# The order and length of a listing (list, export)

SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        metavar="ORDER",
        help="date, -date, id or partner.",
        autocompletion=complete_sort,
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", metavar="N", help="At most N events.")
]
