"""PLOVER JSONL: one event a line, with the field names of the PLOVER manual's data chapter.

    id, has_event         the record's id; false when the event has no PLOVER type (never
                          dropped: `event` is then empty)
    date, enddate         the first and last day the event covers (YYYY-MM-DD); the date as
                          written keeps its precision in `x_date_precision` (day, month, year)
    actor, recipient      entity objects: `code` is the ISO 3166 alpha-3 code of a state (JPN
                          always among them), or for an organisation or grouping one of the
                          manual's non-state codes (UNO, EUR, else IGO) with `identifier_text`
    event, mode, context  lists, as the manual has them; from coding.py (derived, or the
                          record's own `coding`: `x_coding_source` says which, and
                          `x_coding` is the record's `coding` as written)
    quad_code, event_scale  the quad category (1-4) and the manual's score
    event_loc             the place: `extracted_place`, `country`, `country_code`
    event_text            the title, then the summary
    link                  the ids of related events
    cite_info             the sources (a list: a record may cite several)
    coder                 jdiplo and its version

Extensions (the manual invites named fields beyond its own) start with `x_`: the rest of the
record (`x_kind`, `x_status`, `x_due`, `x_frameworks`, `x_level`, `x_domains`, `x_people`,
`x_firsts`, `x_amount`, `x_tags`, `x_fulfils`), so that `jdiplo import --from plover` loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.export import ExportContext
    from jdiplo.model import Event, Source
    from jdiplo.partners import Registry

# The manual's codes for the non-state entities it names apart from other IGOs.
NON_STATE_CODES = {"UN": "UNO", "EU": "EUR"}
IGO = "IGO"
CODEBOOK = "PLOVER 2.0 (openeventdata/PLOVER, PLOVER_MANUAL.tex)"


def write(events: Sequence[Event], context: ExportContext, stream: IO[str]) -> None:
    for event in events:
        stream.write(json.dumps(line(event, context), ensure_ascii=False) + "\n")


def line(event: Event, context: ExportContext) -> dict[str, Any]:
    """The PLOVER object of one event."""
    from jdiplo import __version__

    registry = context.registry
    coding = context.coding(event)
    data: dict[str, Any] = {
        "id": event.id,
        "has_event": coding.has_event,
        "date": event.first_day.isoformat(),
        "enddate": event.last_day.isoformat(),
        "x_date_precision": event.date.precision,
    }
    if event.end is not None:
        data["x_end_precision"] = event.end.precision
    data["actor"] = [entity(code, registry) for code in coding.actors]
    data["recipient"] = [entity(code, registry) for code in coding.recipients]
    data["event"] = [coding.event] if coding.event is not None else []
    data["mode"] = [coding.mode] if coding.mode is not None else []
    data["context"] = list(coding.context)
    data["quad_code"] = coding.quad_code
    data["event_scale"] = coding.intensity
    if event.place is not None:
        data["event_loc"] = _location(event, registry)
    data["event_text"] = [event.title] + ([event.summary] if event.summary else [])
    data["link"] = list(event.related)
    data["cite_info"] = [citation(source) for source in event.sources]
    data["coder"] = f"jdiplo {__version__}"
    data["x_coding_source"] = coding.source
    data["x_coding"] = event.coding.model_dump(exclude_defaults=True) if event.coding else None
    data["x_kind"] = event.kind
    data["x_status"] = event.status
    data["x_due"] = str(event.due) if event.due is not None else None
    data["x_frameworks"] = list(event.frameworks)
    data["x_level"] = event.level
    data["x_domains"] = list(event.domains)
    data["x_people"] = [person.model_dump(exclude_none=True) for person in event.people]
    data["x_firsts"] = list(event.firsts)
    data["x_amount"] = event.amount.model_dump(exclude_none=True) if event.amount else None
    data["x_tags"] = list(event.tags)
    data["x_fulfils"] = list(event.fulfils)
    return data


def entity(code: str, registry: Registry) -> dict[str, Any]:
    """The entity object of a party: its PLOVER code, and its jdiplo code in `x_code`."""
    partner = registry.partners[code]
    if partner.kind == "state":
        return {"code": partner.iso3 or code, "x_code": code}
    return {
        "code": NON_STATE_CODES.get(code, IGO),
        "identifier_text": partner.name,
        "x_code": code,
    }


def citation(source: Source) -> dict[str, Any]:
    """The manual's citeInfo object of a source (publication = publisher), with the author,
    date, local file and quote as extensions."""
    fields = (
        ("url", source.url),
        ("title", source.title),
        ("publication", source.publisher),
        ("codebook", CODEBOOK),
        ("x_author", source.author),
        ("x_date", str(source.date) if source.date is not None else None),
        ("x_file", source.file),
        ("x_quote", source.quote),
    )
    return {name: value for name, value in fields if value is not None}


def _location(event: Event, registry: Registry) -> dict[str, Any]:
    assert event.place is not None
    location: dict[str, Any] = {"extracted_place": event.place.name}
    country = event.place.country
    if country is not None:
        partner = registry.partners[country]
        location["country"] = partner.name
        location["country_code"] = partner.iso3 or country
    return location


def missing_iso3(events: Iterable[Event], registry: Registry) -> list[str]:
    """The state codes of these events that have no ISO 3166 code in the registry (they are
    written as they are; a records directory's partners.yaml should give them `iso3`)."""
    missing: set[str] = set()
    for event in events:
        codes = [registry.focal, *event.partners]
        if event.place is not None and event.place.country is not None:
            codes.append(event.place.country)
        for code in codes:
            partner = registry.partners[code]
            if partner.kind == "state" and partner.iso3 is None:
                missing.add(code)
    return sorted(missing)
