"""CSL-JSON (citation-style-language/schema, csl-data.json): the sources the selected events cite,
ready for Zotero, pandoc's citeproc and any CSL processor.

One item per distinct source (the same url or file with the same title, publisher, author and
date: quotes differ from event to event and do not make another item), in the order the events
first cite them:

    id          a stable citation key: a slug of the author (else publisher, else title) and a
                short digest of the source, e.g. `nazar-kurbanov-1a2b3c4d`
    type        `webpage` for a source with a url, else `document`
    title, publisher, URL
    author      as written, as a literal name (jdiplo does not split names it cannot know)
    issued      the source's date with only the parts known (`2024-07` is [[2024, 7]])
    archive_location  the local copy (`file`)
    note        the ids of the jdiplo events that cite it

jdiplo records no access date, so items carry no `accessed`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.export import ExportContext
    from jdiplo.model import Event, Source


def write(events: Sequence[Event], context: ExportContext, stream: IO[str]) -> None:
    stream.write(json.dumps(items(events), ensure_ascii=False, indent=2) + "\n")


def items(events: Sequence[Event]) -> list[dict[str, Any]]:
    """The CSL items of the sources of `events`, deduplicated, in order of first citation."""
    found: dict[str, tuple[Source, list[str]]] = {}
    for event in events:
        for source in event.sources:
            key = source_key(source)
            if key not in found:
                found[key] = (source, [])
            cited_by = found[key][1]
            if event.id not in cited_by:
                cited_by.append(event.id)
    return [item(source, key, cited_by) for key, (source, cited_by) in found.items()]


def source_key(source: Source) -> str:
    """What makes two citations the same source (everything but the quote)."""
    parts = [source.url, source.file, source.title, source.publisher, source.author]
    parts.append(str(source.date) if source.date is not None else None)
    return json.dumps(parts, ensure_ascii=False)


def item(source: Source, key: str, cited_by: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": citation_key(source, key),
        "type": "webpage" if source.url is not None else "document",
    }
    if source.title is not None:
        data["title"] = source.title
    if source.author is not None:
        data["author"] = [{"literal": source.author}]
    if source.publisher is not None:
        data["publisher"] = source.publisher
    if source.date is not None:
        parts = [source.date.year, source.date.month, source.date.day]
        data["issued"] = {"date-parts": [[part for part in parts if part is not None]]}
    if source.url is not None:
        data["URL"] = source.url
    if source.file is not None:
        data["archive_location"] = source.file
    events = "event" if len(cited_by) == 1 else "events"
    data["note"] = f"Cited by jdiplo {events}: {', '.join(cited_by)}"
    return data


def citation_key(source: Source, key: str) -> str:
    name = source.author or source.publisher or source.title or "source"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())[:3] or ["source"]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return "-".join(words) + "-" + digest
