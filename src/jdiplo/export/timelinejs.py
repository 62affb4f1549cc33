"""TimelineJS3 JSON (timeline.knightlab.com/docs/json-format.html): a title slide and one slide
per event, ready for a presentation.

- `start_date` and `end_date` carry only the parts of a date that are known (`{"year": 2024,
  "month": 7}` for `2024-07`): TimelineJS never shows an invented day; a coarse date also gets a
  `display_date` as written.
- `group` is the lead partner's code (the first listed), or the kind with `--group kind`.
- `unique_id` is the record's id, so a slide can be linked (`#event-ID`).
- `text` is HTML, which TimelineJS renders: every text from the records is escaped, and the
  sources follow the summary, each with its quote.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.dates import PartialDate
    from jdiplo.export import ExportContext
    from jdiplo.model import Event, Source

TITLE = "Japan's diplomatic and defence relations"


def write(events: Sequence[Event], context: ExportContext, stream: IO[str]) -> None:
    stream.write(json.dumps(timeline(events, context), ensure_ascii=False, indent=2) + "\n")


def timeline(events: Sequence[Event], context: ExportContext) -> dict[str, Any]:
    return {
        "title": {"text": {"headline": html.escape(TITLE), "text": _title_text(events)}},
        "events": [slide(event, context.group) for event in events],
    }


def slide(event: Event, group: str) -> dict[str, Any]:
    data: dict[str, Any] = {"start_date": date_object(event.date)}
    if event.end is not None:
        data["end_date"] = date_object(event.end)
    display = _display_date(event)
    if display is not None:
        data["display_date"] = display
    data["text"] = {"headline": html.escape(event.title), "text": _text(event)}
    data["group"] = event.partners[0] if group == "partner" else event.kind
    data["unique_id"] = event.id
    return data


def date_object(date: PartialDate) -> dict[str, Any]:
    """A TimelineJS date with only the known parts."""
    data: dict[str, Any] = {"year": date.year}
    if date.month is not None:
        data["month"] = date.month
    if date.day is not None:
        data["day"] = date.day
    return data


def _display_date(event: Event) -> str | None:
    """The dates as written, for an event whose date or end is coarser than a day."""
    coarse = event.date.precision != "day" or (
        event.end is not None and event.end.precision != "day"
    )
    if not coarse:
        return None
    return str(event.date) + (f" to {event.end}" if event.end is not None else "")


def _text(event: Event) -> str:
    parts = []
    if event.summary:
        parts.append(f"<p>{html.escape(event.summary)}</p>")
    partners = ", ".join(event.partners)
    facts = [f"{event.kind}", f"with {partners}"]
    if event.status == "announced":
        facts.append("announced" + (f", due {event.due}" if event.due is not None else ""))
    parts.append(f"<p>{html.escape(' · '.join(facts))}</p>")
    sources = "".join(f"<li>{_source(source)}</li>" for source in event.sources)
    parts.append(f"<p>Sources:</p><ul>{sources}</ul>")
    return "".join(parts)


def _source(source: Source) -> str:
    words = [part for part in (source.author, source.title, source.publisher) if part]
    if source.date is not None:
        words.append(str(source.date))
    label = html.escape(", ".join(words) or source.url or source.file or "source")
    if source.url is not None:
        label = f'<a href="{html.escape(source.url, quote=True)}">{label}</a>'
    elif source.file is not None and words:
        label += f" ({html.escape(source.file)})"
    return f"{label}<blockquote>{html.escape(source.quote)}</blockquote>"


def _title_text(events: Sequence[Event]) -> str:
    if not events:
        return "<p>No events.</p>"
    first = min(event.first_day for event in events)
    last = max(event.last_day for event in events)
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    return f"<p>{count}, {first.isoformat()} to {last.isoformat()}. Exported by jdiplo.</p>"
