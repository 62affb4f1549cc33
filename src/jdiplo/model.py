"""The record format: pydantic models and vocabularies, the single definition of both.

Docs (docs/records.md) and the JSON Schema derive from what is here; a test keeps them in step.
Codes (partners, frameworks, countries) are checked against a registry by `code_problems`,
after validation: the registry belongs to a records directory, not to the format.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from jdiplo.coding import (
    MODES,
    PLOVER_CONTEXTS,
    PLOVER_EVENTS,
    PLOVER_MODES,
    PloverContext,
    PloverEvent,
    PloverMode,
)
from jdiplo.dates import Dated, DateError, PartialDate, parse_partial_date
from jdiplo.partners import Registry
from jdiplo.problems import did_you_mean
from jdiplo.vocabularies import (
    DOMAINS,
    ID_PATTERN,
    KINDS,
    LEVELS,
    STATUSES,
    Domain,
    Kind,
    Level,
    Status,
)

# Field types


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("jdiplo", "{message}", {"message": message})


def _partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    try:
        return parse_partial_date(value)
    except DateError as error:
        raise _fail(str(error)) from None


DateValue = Annotated[
    PartialDate,
    PlainValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD, YYYY-MM or YYYY",
        }
    ),
]


# Text constraints are patterns, checked by pydantic-core without calling back into Python;
# load.py turns a mismatch into the message these comments give.
LINE_PATTERN = r"^[^\r\n]*\S[^\r\n]*$"  # "must not be empty" / "must be one line"
TEXT_PATTERN = r"\S"  # "must not be empty"
SLUG_PATTERN = rf"^{ID_PATTERN}$"  # "invalid id ...: use lowercase letters, ..."

Line = Annotated[str, StringConstraints(pattern=LINE_PATTERN)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(f"must be a number, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail("must be a finite number")
    if value < 0:
        raise _fail("must not be negative")
    return value


Number = Annotated[
    int | float,
    PlainValidator(_number),
    WithJsonSchema({"type": "number", "minimum": 0}),
]


# Vocabulary values are Literals and codes plain text: pydantic-core checks them without calling
# back into Python for each value. What needs Python (did-you-mean, the registry, repeats) is
# done once per event by `vocabulary_problem` (for load.py's messages) and `code_problems`.
VOCABULARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("kind", KINDS),
    "status": ("status", STATUSES),
    "level": ("level", LEVELS),
    "domains": ("domain", DOMAINS),
}

PartnerCode = str  # a partner code of the registry (JP excluded)
CountryCode = str  # a state's code of the registry
FrameworkCode = str  # a framework, grouping or organisation code of the registry


def vocabulary_problem(field: str, value: object) -> str | None:
    """The message for a value outside the vocabulary of `field`, if it has one."""
    if field not in VOCABULARIES:
        return None
    name, values = VOCABULARIES[field]
    if not isinstance(value, str):
        return f"{field} must be one of {', '.join(values)}"
    return f"unknown {name} {value!r}{did_you_mean(value, values)}"


def code_problems(
    data: Mapping[str, Any], registry: Registry, skip: Collection[str] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """(where, message) for each code of an event the registry does not know, and for each
    value a list repeats. `data` is the event as read (valid or not: values of the wrong type
    are left to validation); fields in `skip` already have a problem."""
    if registry.knows(data):
        return []  # the common case, without looking at each value in Python
    found: list[tuple[tuple[str | int, ...], str]] = []

    def check(loc: tuple[str | int, ...], value: object, test: Callable[[str], str | None]) -> None:
        if isinstance(value, str) and (message := test(value)) is not None:
            found.append((loc, message))

    for field, test in (
        ("partners", registry.check_partner_code),
        ("frameworks", registry.check_framework_code),
    ):
        for index, value in enumerate(_items(data, field)):
            check((field, index), value, test)
    for index, person in enumerate(_items(data, "people")):
        if isinstance(person, Mapping):
            check(("people", index, "country"), person.get("country"), registry.check_country_code)
    place = data.get("place")
    if isinstance(place, Mapping):
        check(("place", "country"), place.get("country"), registry.check_country_code)
    for field in ("partners", "frameworks", "domains", "tags", "related", "fulfils"):
        if field in skip or any(loc[0] == field for loc, _ in found):
            continue
        values = [value for value in _items(data, field) if isinstance(value, str)]
        repeated = [value for index, value in enumerate(values) if value in values[:index]]
        if repeated:
            found.append(((field,), f"{repeated[0]!r} is listed twice"))
    return found


def _items(data: Mapping[str, Any], field: str) -> list[Any]:
    value = data.get(field)
    return value if isinstance(value, list) else []


# Models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Person(_Strict):
    """Someone the source names as taking part."""

    name: Line = Field(description="The name as the source gives it.")
    role: Line | None = Field(None, description="Office or function, e.g. 'Defence Minister'.")
    country: CountryCode | None = Field(None, description="Country code, e.g. JP, ROK.")


class Place(_Strict):
    """Where the event took place."""

    name: Line = Field(description="City, base or venue.")
    country: CountryCode | None = Field(None, description="Country code, e.g. JP, LA.")


class Amount(_Strict):
    """The value of a contract or sale."""

    value: Number = Field(description="The amount in `currency`.")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 code, e.g. JPY."
    )
    usd: Number | None = Field(
        None, description="The value in US dollars, when the source gives it."
    )


class Source(_Strict):
    """Where a fact comes from: a web page (`url`) or a file in the repository (`file`)."""

    title: Line | None = Field(None, description="Title of the article or document.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="Web address of the source."
    )
    file: Line | None = Field(
        None,
        description="Path of a local copy, relative to the folder holding the records directory.",
    )
    publisher: Line | None = Field(None, description="Who published the source.")
    author: Line | None = Field(None, description="Who wrote it.")
    date: DateValue | None = Field(None, description="When it was published.")
    quote: Text = Field(
        description=(
            "The passage the record rests on, verbatim; separate excerpts with '…' or '[...]'."
        )
    )

    @field_validator("file")
    @classmethod
    def _relative_file(cls, value: str | None) -> str | None:
        if value is not None and (value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value)):
            raise _fail("file must be a path relative to the folder holding the records directory")
        return value

    @model_validator(mode="after")
    def _url_or_file(self) -> Source:
        if self.url is None and self.file is None:
            raise _fail("a source needs a url or a file")
        return self


def _vocabulary(name: str, values: tuple[str, ...]) -> Callable[[object], object]:
    """A check before a Literal's own: an unknown text gets jdiplo's message, did-you-mean
    included (values of other types are left to the Literal)."""

    def check(value: object) -> object:
        if isinstance(value, str) and value not in values:
            raise _fail(f"unknown {name} {value!r}{did_you_mean(value, values)}")
        return value

    return check


PloverEventValue = Annotated[
    PloverEvent, BeforeValidator(_vocabulary("PLOVER event type", PLOVER_EVENTS))
]
PloverModeValue = Annotated[PloverMode, BeforeValidator(_vocabulary("PLOVER mode", PLOVER_MODES))]
PloverContextValue = Annotated[
    PloverContext, BeforeValidator(_vocabulary("PLOVER context", PLOVER_CONTEXTS))
]


class Coding(_Strict):
    """The analyst's PLOVER coding of the event, in place of the one jdiplo derives."""

    event: PloverEventValue | None = Field(
        None, description="PLOVER event type (AGREE, CONSULT, SUPPORT, COOPERATE, AID...)."
    )
    mode: PloverModeValue | None = Field(
        None, description="PLOVER mode of that event type (visit, multilateral...); needs `event`."
    )
    context: list[PloverContextValue] = Field(
        default_factory=list,
        description="PLOVER contexts (military, diplomatic...) in place of those of `domains`.",
    )

    @field_validator("mode")
    @classmethod
    def _mode_of_event(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if "event" not in info.data:
            return value  # the event type has a problem of its own
        event = info.data["event"]
        if event is None:
            raise _fail("a mode needs the event type it belongs to (add event: ...)")
        modes = MODES[event]
        if value not in modes:
            if not modes:
                raise _fail(f"{event} has no modes in PLOVER")
            raise _fail(
                f"{value!r} is not a mode of {event}{did_you_mean(value, modes)}; "
                f"{event} modes: {', '.join(modes)}"
            )
        return value

    @field_validator("context")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = [context for index, context in enumerate(value) if context in value[:index]]
        if repeated:
            raise _fail(f"{repeated[0]!r} is listed twice")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Coding:
        if self.event is None and not self.context:
            raise _fail("coding needs an event type or contexts (event: ..., context: [...])")
        return self


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an event was read: its file (relative to the records directory), line and position."""

    path: str
    line: int
    index: int


class Event(_Strict, Dated):
    """One event of Japan's relations with its partners (Japan is the implied focal party)."""

    id: Slug = Field(description="Unique slug [a-z0-9][a-z0-9-]* across all files.")
    date: DateValue = Field(
        description="When it happened or was made public: YYYY-MM-DD, YYYY-MM or YYYY."
    )
    end: DateValue | None = Field(
        None, description="Last day of a multi-day event; not before `date`."
    )
    status: Status = Field(
        "held",
        description=(
            "held: it took place on `date`; announced: a decision or plan made public on `date`."
        ),
    )
    due: DateValue | None = Field(None, description="For announced steps: when they are due.")
    title: Line = Field(description="One line.")
    kind: Kind = Field(description="What sort of event it is.")
    partners: list[PartnerCode] = Field(
        min_length=1, description="Partner codes (Japan is implied)."
    )
    frameworks: list[FrameworkCode] = Field(
        default_factory=list, description="Groupings and formats the event belongs to: IP4, 2+2..."
    )
    level: Level | None = Field(None, description="The highest level taking part.")
    domains: list[Domain] = Field(default_factory=list, description="Fields of cooperation.")
    people: list[Person] = Field(default_factory=list, description="Who took part.")
    place: Place | None = Field(None, description="Where it took place.")
    summary: Text | None = Field(None, description="Free text.")
    firsts: list[Line] = Field(default_factory=list, description="Precedents the source reports.")
    amount: Amount | None = Field(None, description="For contracts and sales.")
    sources: list[Source] = Field(min_length=1, description="Where the facts come from.")
    tags: list[Line] = Field(default_factory=list, description="Free tags.")
    related: list[Slug] = Field(
        default_factory=list, description="Ids of related events (they must exist)."
    )
    fulfils: list[Slug] = Field(
        default_factory=list,
        description="Ids of the announced steps this event carries out (they must exist).",
    )
    coding: Coding | None = Field(
        None,
        description=(
            "The analyst's PLOVER coding, in place of the one jdiplo derives (docs/interop.md)."
        ),
    )

    _origin: Origin | None = PrivateAttr(default=None)

    @field_validator("end")
    @classmethod
    def _end_after_date(cls, value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        date = info.data.get("date")
        if value is not None and date is not None and value.last < date.first:
            raise _fail(f"end {value} is before date {date}")
        return value

    @field_validator("due")
    @classmethod
    def _due_for_announced(
        cls, value: PartialDate | None, info: ValidationInfo
    ) -> PartialDate | None:
        if value is None:
            return value
        if info.data.get("status", "held") != "announced":
            raise _fail("due is only for announced steps (add status: announced)")
        date = info.data.get("date")
        if date is not None and value.last < date.first:
            raise _fail(f"due {value} is before date {date}, when the step was announced")
        return value

    @field_validator("related")
    @classmethod
    def _not_related_to_itself(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("id") in value:
            raise _fail("an event cannot be related to itself")
        return value

    @field_validator("fulfils")
    @classmethod
    def _not_fulfilling_itself(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("id") in value:
            raise _fail("an event cannot fulfil itself")
        return value

    # Derived values (not fields)

    @property
    def origin(self) -> Origin | None:
        # Read from pydantic's store of private attributes directly: `self._origin` takes the
        # slow path of __getattr__, and the index reads the origin of every event it stores.
        private = self.__pydantic_private__
        return private.get("_origin") if private else None

    def record(self) -> dict[str, Any]:
        """Every field of the record format, in the documented order, as JSON-ready values."""
        return self.model_dump(mode="json")

    def record_json(self) -> str:
        """The record as one line of compact JSON (what `--format jsonl` prints)."""
        return self.model_dump_json()

    def record_utf8(self) -> bytes:
        """`record_json` as UTF-8."""
        return self.record_json().encode("utf-8")


# The registry file a records directory may add


class PartnerEntry(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9+-]*$")]
    name: Line
    kind: Literal["state", "organisation", "grouping"]
    aliases: list[Line] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)
    region: Line | None = None
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None

    @field_validator("iso3")
    @classmethod
    def _iso3_of_a_state(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("kind", "state") != "state":
            raise _fail("only states have an ISO 3166 code (iso3)")
        return value


class FrameworkEntry(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9+-]*$")]
    name: Line
    aliases: list[Line] = Field(default_factory=list)


class PartnersFile(_Strict):
    partners: list[PartnerEntry] = Field(default_factory=list)
    frameworks: list[FrameworkEntry] = Field(default_factory=list)


# The people file a records directory may add (see people.py)


class OfficeEntry(_Strict):
    """An office a person held; dates only as far as a source gives them."""

    role: Line = Field(description="The office, as records name it: 'Defence Minister'.")
    country: CountryCode | None = Field(None, description="Whose office: a country code.")
    start: DateValue | None = Field(None, description="When the person took office.")
    end: DateValue | None = Field(None, description="When the person left it; not before start.")

    @field_validator("end")
    @classmethod
    def _end_after_start(
        cls, value: PartialDate | None, info: ValidationInfo
    ) -> PartialDate | None:
        start = info.data.get("start")
        if value is not None and start is not None and value.last < start.first:
            raise _fail(f"end {value} is before start {start}")
        return value


class PersonEntry(_Strict):
    """A person of the people registry."""

    name: Line = Field(description="The canonical name, in the order records usually write it.")
    family_name: Line | None = Field(
        None,
        description="The family name, the first or last part of `name`: the name is then "
        "written in both orders (Kihara Minoru, Minoru Kihara).",
    )
    country: CountryCode | None = Field(None, description="Country code, e.g. JP, ROK.")
    aliases: list[Line] = Field(default_factory=list, description="Other spellings of the name.")
    offices: list[OfficeEntry] = Field(default_factory=list, description="Offices held.")


class PeopleFile(_Strict):
    people: list[PersonEntry] = Field(default_factory=list)
