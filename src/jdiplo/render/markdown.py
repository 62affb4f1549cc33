"""Markdown: `md`, a pipe table ready to paste into a report.

Record text is escaped so that it renders literally: Markdown punctuation gets a backslash,
pipes cannot break the table, control characters are shown as escapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jdiplo.render.console import Output, escape_control

if TYPE_CHECKING:
    from jdiplo.model import Event

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: str) -> str:
    """Text that Markdown renders exactly as written, on one line."""
    return _SPECIAL.sub(r"\\\1", escape_control(text))


def write_events(events: Sequence[Event], format_name: str, out: Output) -> None:
    out.write("| id | date | kind | partners | title |\n")
    out.write("|---|---|---|---|---|\n")
    for event in events:
        cells = (event.id, str(event.date), event.kind, ", ".join(event.partners), event.title)
        out.write("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |\n")
