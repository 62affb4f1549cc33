"""`jdiplo init DIR`: create a new records repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def run(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The folder to create (it may exist if empty)."),
    ],
) -> None:
    """Create a records repository in DIR: records/ with an example month file that validates
    (and the example source it quotes), an empty partners.yaml, records.schema.json for
    editors, a README and a .pre-commit-config.yaml running validate and fmt.

    \b
    Examples:
      jdiplo init ~/japan-records && cd ~/japan-records && jdiplo validate
      jdiplo init notes && git -C notes init && (cd notes && pre-commit install)
    """
    from jdiplo.authoring.init import create

    create(directory)
    typer.echo(
        f"Created a records repository in {directory}: see {directory / 'README.md'}. "
        "records/2024/2024-07.yaml is an example; delete it when you start.",
        err=True,
    )
