"""`jdiplo show`: full records by id; `-` reads ids from stdin."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jdiplo.cli.options import choose_format, format_option, open_records
from jdiplo.problems import JdiploError, did_you_mean

FORMATS = ("text", "json", "jsonl", "yaml")


def run(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(metavar="ID...", help="Event ids; '-' reads ids from stdin, one a line."),
    ],
    format_name: Annotated[str | None, format_option(FORMATS, "default: text")] = None,
) -> None:
    """Show full records.

    \b
    Examples:
      jdiplo show 2024-07-28-japan-rok-defence-ministers
      jdiplo show 2024-07-28-japan-us-2plus2 --format yaml
      jdiplo list --partner ROK --format ids | jdiplo show -
    """
    from jdiplo.render import write_records
    from jdiplo.render.console import stdout_output

    chosen = choose_format(ctx, format_name, FORMATS, terminal="text", pipe="text")
    wanted = _read_ids(ids)
    records = open_records(ctx)
    by_id = records.by_ids(wanted)
    missing = [event_id for event_id in wanted if event_id not in by_id]
    if missing:
        known = records.ids()
        raise JdiploError(
            "; ".join(
                f"no event with id {event_id!r}{did_you_mean(event_id, known)}"
                for event_id in missing
            )
        )
    write_records([by_id[event_id] for event_id in wanted], chosen, stdout_output())


def _read_ids(arguments: list[str]) -> list[str]:
    """Ids from the arguments, `-` standing for the lines of stdin; repeats dropped."""
    found: list[str] = []
    for argument in arguments:
        if argument == "-":
            found.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            found.append(argument)
    return list(dict.fromkeys(found))
