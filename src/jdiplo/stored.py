"""Events as their readers see them.

Reports, and the PLOVER coding they count by, read events and never change them. What they read
is the protocol `EventView`, which two kinds of event meet:

- the models (model.py), which validate what a record file says: every path that reads YAML;
- `StoredEvent`, an event the index stores, read back from its record's JSON without being
  validated again. The index stores only events that validated, and every row it gives back
  has passed its checksum, so validating them again would only repeat what was proven. The
  models are not even imported: a digest of a month of 1,000 events is spared building them
  (about 0.025 s) and validating each (about 0.02 s).

A test holds `StoredEvent` to the model field by field (tests/test_stored.py): the same fields,
in the same order, with the same values, and the same record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo.dates import Dated, PartialDate, parse_partial_date

if TYPE_CHECKING:
    from typing import Protocol

    from jdiplo.coding import PloverContext, PloverEvent, PloverMode
    from jdiplo.vocabularies import Domain, Kind, Level, Status

    # The protocols exist for type checking alone: a Protocol costs time to create, and
    # nothing checks them at run time.

    class PersonView(Protocol):
        @property
        def name(self) -> str: ...
        @property
        def role(self) -> str | None: ...
        @property
        def country(self) -> str | None: ...

    class PlaceView(Protocol):
        @property
        def name(self) -> str: ...
        @property
        def country(self) -> str | None: ...

    class AmountView(Protocol):
        @property
        def value(self) -> int | float: ...
        @property
        def currency(self) -> str: ...
        @property
        def usd(self) -> int | float | None: ...

    class SourceView(Protocol):
        @property
        def title(self) -> str | None: ...
        @property
        def url(self) -> str | None: ...
        @property
        def file(self) -> str | None: ...
        @property
        def publisher(self) -> str | None: ...
        @property
        def author(self) -> str | None: ...
        @property
        def date(self) -> PartialDate | None: ...
        @property
        def quote(self) -> str: ...

    class CodingView(Protocol):
        @property
        def event(self) -> PloverEvent | None: ...
        @property
        def mode(self) -> PloverMode | None: ...
        @property
        def context(self) -> Sequence[PloverContext]: ...

    class EventView(Protocol):
        """An event as a reader sees it: every field of the record format (model.Event), its days
        and its order, and its record."""

        @property
        def id(self) -> str: ...
        @property
        def date(self) -> PartialDate: ...
        @property
        def end(self) -> PartialDate | None: ...
        @property
        def status(self) -> Status: ...
        @property
        def due(self) -> PartialDate | None: ...
        @property
        def title(self) -> str: ...
        @property
        def kind(self) -> Kind: ...
        @property
        def partners(self) -> Sequence[str]: ...
        @property
        def frameworks(self) -> Sequence[str]: ...
        @property
        def level(self) -> Level | None: ...
        @property
        def domains(self) -> Sequence[Domain]: ...
        @property
        def people(self) -> Sequence[PersonView]: ...
        @property
        def place(self) -> PlaceView | None: ...
        @property
        def summary(self) -> str | None: ...
        @property
        def firsts(self) -> Sequence[str]: ...
        @property
        def amount(self) -> AmountView | None: ...
        @property
        def sources(self) -> Sequence[SourceView]: ...
        @property
        def tags(self) -> Sequence[str]: ...
        @property
        def related(self) -> Sequence[str]: ...
        @property
        def fulfils(self) -> Sequence[str]: ...
        @property
        def coding(self) -> CodingView | None: ...
        @property
        def first_day(self) -> dt.date: ...
        @property
        def last_day(self) -> dt.date: ...
        @property
        def sort_key(self) -> tuple[dt.date, int, str]: ...
        def record(self) -> dict[str, Any]: ...
        def record_json(self) -> str: ...


# Events read back from the index


class StoredPerson(NamedTuple):
    name: str
    role: str | None
    country: str | None


class StoredPlace(NamedTuple):
    name: str
    country: str | None


class StoredAmount(NamedTuple):
    value: int | float
    currency: str
    usd: int | float | None


class StoredSource(NamedTuple):
    title: str | None
    url: str | None
    file: str | None
    publisher: str | None
    author: str | None
    date: PartialDate | None
    quote: str


class StoredCoding(NamedTuple):
    event: PloverEvent | None
    mode: PloverMode | None
    context: list[PloverContext]


@cache
def _read_date(text: str) -> PartialDate:
    """A date as a record's JSON writes it (a month's events share a few dozen; a PartialDate
    cannot change, so each is read once)."""
    return parse_partial_date(text)


def _date(value: str | None) -> PartialDate | None:
    return None if value is None else _read_date(value)


class StoredEvent(Dated):
    """An event as the index stores it (its record's JSON, as `Event.record_json` wrote it when
    the event was validated), read back without validating it again. Read-only, as readers
    use it; `record()` gives a new copy of the record each time."""

    __slots__ = (
        "_json",
        "amount",
        "coding",
        "date",
        "domains",
        "due",
        "end",
        "firsts",
        "frameworks",
        "fulfils",
        "id",
        "kind",
        "level",
        "partners",
        "people",
        "place",
        "related",
        "sources",
        "status",
        "summary",
        "tags",
        "title",
    )  # fmt: skip

    id: str
    date: PartialDate
    end: PartialDate | None
    status: Status
    due: PartialDate | None
    title: str
    kind: Kind
    partners: list[str]
    frameworks: list[str]
    level: Level | None
    domains: list[Domain]
    people: list[StoredPerson]
    place: StoredPlace | None
    summary: str | None
    firsts: list[str]
    amount: StoredAmount | None
    sources: list[StoredSource]
    tags: list[str]
    related: list[str]
    fulfils: list[str]
    coding: StoredCoding | None

    def __init__(self, record_json: str) -> None:
        data = json.loads(record_json)
        self._json = record_json
        self.id = data["id"]
        self.date = _read_date(data["date"])
        self.end = _date(data["end"])
        self.status = data["status"]
        self.due = _date(data["due"])
        self.title = data["title"]
        self.kind = data["kind"]
        self.partners = data["partners"]
        self.frameworks = data["frameworks"]
        self.level = data["level"]
        self.domains = data["domains"]
        self.people = [StoredPerson(p["name"], p["role"], p["country"]) for p in data["people"]]
        place = data["place"]
        self.place = None if place is None else StoredPlace(place["name"], place["country"])
        self.summary = data["summary"]
        self.firsts = data["firsts"]
        amount = data["amount"]
        self.amount = (
            None
            if amount is None
            else StoredAmount(amount["value"], amount["currency"], amount["usd"])
        )
        self.sources = [
            StoredSource(
                s["title"], s["url"], s["file"], s["publisher"], s["author"], _date(s["date"]),
                s["quote"],
            )
            for s in data["sources"]
        ]  # fmt: skip
        self.tags = data["tags"]
        self.related = data["related"]
        self.fulfils = data["fulfils"]
        coding = data["coding"]
        self.coding = (
            None
            if coding is None
            else StoredCoding(coding["event"], coding["mode"], coding["context"])
        )

    def __repr__(self) -> str:
        return f"StoredEvent({self.id!r})"

    def record(self) -> dict[str, Any]:
        """Every field of the record format, in the documented order, as JSON-ready values."""
        result: dict[str, Any] = json.loads(self._json)
        return result

    def record_json(self) -> str:
        """The record as one line of compact JSON (what `--format jsonl` prints)."""
        return self._json
