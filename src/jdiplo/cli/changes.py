"""`jdiplo changes [REV] [REV2]`: events added, removed and modified between two git revisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jdiplo.cli.options import choose_format, format_option, records_dir
from jdiplo.render import report_formats

if TYPE_CHECKING:
    import datetime as dt

FORMATS = report_formats("changes")


def run(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV] [REV2]",
            help="Compare REV (default HEAD) with REV2 (default: the working tree).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Compare the state at the last commit before DATE (instead of REV).",
        ),
    ] = None,
    format_name: Annotated[str | None, format_option(FORMATS, "default: text")] = None,
) -> None:
    """What changed in the records between two git revisions: the events added, the events
    removed, and the events modified, field by field. By default the last commit (HEAD) is
    compared with the records as they are in the working tree, uncommitted changes included.

    Events are matched by id: an event whose id changed is a removal and an addition. With
    --since DATE, the state compared is the last commit made before DATE (the update feed of
    everything changed since the report you sent); a REV given then is REV2. `--format md`
    is ready to paste as "Corrections and additions since ...". Files that cannot be read in
    a revision are reported on stderr; their events are left out.

    \b
    Examples:
      jdiplo changes
      jdiplo changes HEAD~3
      jdiplo changes v1.0 v1.1 --format json | jq -r '.added[].id'
      jdiplo changes --since 2024-08-01 --format md >> report.md
      jdiplo changes --format csv > changes.csv
    """
    from jdiplo.history import Repository, State, working_tree
    from jdiplo.partners import builtin_registry
    from jdiplo.problems import UsageError
    from jdiplo.render import write_report
    from jdiplo.render.console import escape_control, stdout_output
    from jdiplo.reports.changes import compare

    given = list(revisions or [])
    chosen = choose_format(ctx, format_name, FORMATS, terminal="text", pipe="text")
    if len(given) > (1 if since is not None else 2):
        extra = "REV2 only (--since takes the place of REV)" if since is not None else "REV REV2"
        raise UsageError(f"too many revisions: {' '.join(given)}; give at most {extra}")
    day = _day(since) if since is not None else None
    directory = records_dir(ctx)
    repository = Repository.of(directory)
    if day is not None:
        before_revision = None
        after_revision = given[0] if given else None
    else:
        before_revision = given[0] if given else "HEAD"
        after_revision = given[1] if len(given) == 2 else None
    # Every revision is resolved before anything is read: usage errors come first.
    before_commit = repository.commit(before_revision, "REV") if before_revision else None
    after_commit = repository.commit(after_revision, "REV2") if after_revision else None
    registry = builtin_registry()
    if day is not None:
        before_commit = repository.commit_before(day)
    if before_commit is None:
        before = State(f"{since} (no commit before it: every event is new)")
    else:
        label = repository.describe(before_commit, before_revision or before_commit)
        if day is not None:
            label = f"{since} (the last commit before it: {label})"
        before = repository.state(before_commit, label, registry)
    if after_commit is None:
        after = working_tree(directory)
    else:
        label = repository.describe(after_commit, after_revision or after_commit)
        after = repository.state(after_commit, label, registry)
    problems = before.problems + after.problems
    changes = compare(
        before.events,
        after.events,
        before.label,
        after.label,
        unreadable=before.invalid_ids | after.invalid_ids,
        problems=problems,
    )
    write_report(changes, chosen, stdout_output())
    for problem in problems:
        typer.echo(escape_control(problem), err=True)
    if problems:
        count = len(problems)
        typer.echo(
            f"{count} problem{'s' if count != 1 else ''}: the events of those files (or those "
            "events) are left out of the comparison",
            err=True,
        )


def _day(text: str) -> dt.date:
    """The first day of DATE (`2024-08-01`, `2024-08`, `2024`)."""
    from jdiplo.dates import DateError, parse_partial_date
    from jdiplo.problems import UsageError

    try:
        return parse_partial_date(text).first
    except DateError as error:
        raise UsageError(f"--since: {error}", "--since") from None
