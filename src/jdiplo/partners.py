"""The partner registry: codes, names, aliases, kinds and the members of groupings.

The built-in registry is `data/partners.json` (read with the standard library, so a command that
needs no YAML never imports a YAML parser). A records directory may extend it with its own
`partners.yaml`. Codes are what records store (`ROK`); names and aliases are what people type
(`South Korea`, `kr`), accepted case-insensitively wherever an option takes a partner.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from jdiplo.problems import did_you_mean

PartnerKind = Literal["state", "organisation", "grouping"]
PARTNER_KINDS: tuple[PartnerKind, ...] = ("state", "organisation", "grouping")

_BUILTIN = Path(__file__).parent / "data" / "partners.json"


class UnknownCode(ValueError):
    """A code or name that the registry does not know; the message suggests the closest."""


class Partner(NamedTuple):
    code: str
    name: str
    kind: PartnerKind
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    region: str | None = None  # of a state: where digests gather it with its neighbours
    iso3: str | None = None  # of a state: its ISO 3166-1 alpha-3 code (what PLOVER uses)


class Framework(NamedTuple):
    """A format that is not itself a partner: `2+2`, `JUSK`, `GCAP`..."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


class Registry:
    """The partners (the focal party among them) and frameworks, by code, found by any of
    their names."""

    __slots__ = (
        "_country_set",
        "_framework_names",
        "_framework_set",
        "_partner_names",
        "_partner_set",
        "focal",
        "frameworks",
        "partners",
    )

    def __init__(
        self, focal: str, partners: dict[str, Partner], frameworks: dict[str, Framework]
    ) -> None:
        self.focal = focal
        self.partners = partners
        self.frameworks = frameworks
        self._partner_names = _name_index(self.partners.values())
        self._framework_names = _name_index(self.frameworks.values())
        self._partner_set = frozenset(self.partner_codes())
        self._framework_set = frozenset(self.framework_codes())
        self._country_set = frozenset(self.country_codes())

    def knows(self, event: Mapping[str, Any]) -> bool:
        """Whether every code of an event (as read) is one this registry knows, and no list
        repeats a value: the quick test before `model.code_problems` looks closer."""
        try:
            partners = event.get("partners") or ()
            frameworks = event.get("frameworks") or ()
            if not self._partner_set.issuperset(partners):
                return False
            if frameworks and not self._framework_set.issuperset(frameworks):
                return False
            for person in event.get("people") or ():
                country = person.get("country")
                if country is not None and country not in self._country_set:
                    return False
            place = event.get("place")
            country = place.get("country") if place else None
            if country is not None and country not in self._country_set:
                return False
            for values in (partners, frameworks, *_lists(event)):
                if len(values) > 1 and len(set(values)) != len(values):
                    return False
            return True
        except (TypeError, AttributeError):  # values of the wrong type: look closer
            return False

    # Lookups

    def resolve_partner(self, text: str) -> str:
        """The code of a partner given by code, name or alias, in any case."""
        code = self._partner_names.get(text.strip().casefold())
        if code is None or code == self.focal:
            hint = ""
            framework = self._framework_names.get(text.strip().casefold())
            if framework is not None:
                hint = f"; {framework!r} is a framework (use --framework)"
            elif code == self.focal:
                hint = f"; {self.partners[code].name} is the focal party of every record"
            raise UnknownCode(f"unknown partner {text!r}{hint or self._suggest(text)}")
        return code

    def resolve_framework(self, text: str) -> str:
        """The code of a framework, or of a grouping or organisation used as one."""
        key = text.strip().casefold()
        code = self._framework_names.get(key)
        if code is not None:
            return code
        code = self._partner_names.get(key)
        if code is not None and self.partners[code].kind != "state":
            return code
        names = {**self._partner_names, **self._framework_names}
        suggestion = did_you_mean(text, _names_of(self.framework_codes(), names))
        raise UnknownCode(f"unknown framework {text!r}{suggestion}")

    def partner_codes(self) -> list[str]:
        """Codes an event may list as partners (every code but the focal party's)."""
        return [code for code in self.partners if code != self.focal]

    def country_codes(self) -> list[str]:
        return [code for code, partner in self.partners.items() if partner.kind == "state"]

    def framework_codes(self) -> list[str]:
        """Frameworks proper, then the groupings and organisations that serve as frameworks."""
        return list(self.frameworks) + [
            code for code, partner in self.partners.items() if partner.kind != "state"
        ]

    def code_of_iso3(self, iso3: str) -> str | None:
        """The code of the state whose ISO 3166-1 alpha-3 code is `iso3` (any case), if any."""
        wanted = iso3.strip().upper()
        for code, partner in self.partners.items():
            if partner.iso3 == wanted:
                return code
        return None

    def is_grouping(self, code: str) -> bool:
        partner = self.partners.get(code)
        return partner is not None and partner.kind != "state"

    # Checks of codes as records store them

    def check_partner_code(self, code: str) -> str | None:
        """A message when `code` is not a partner code an event may list, else None."""
        if code in self.partners and code != self.focal:
            return None
        if code == self.focal:
            name = self.partners[code].name
            return f"{code} ({name}) is the focal party of every record; list only its partners"
        return self._not_a_code("partner", code, self._partner_names, self.partner_codes())

    def check_country_code(self, code: str) -> str | None:
        partner = self.partners.get(code)
        if partner is not None and partner.kind == "state":
            return None
        if partner is not None:
            article = "an" if partner.kind == "organisation" else "a"
            return f"{code} is {article} {partner.kind}, not a country"
        return self._not_a_code("country", code, self._partner_names, self.country_codes())

    def check_framework_code(self, code: str) -> str | None:
        if code in self.frameworks or self.is_grouping(code):
            return None
        names = {**self._partner_names, **self._framework_names}
        return self._not_a_code("framework", code, names, self.framework_codes())

    def _not_a_code(
        self, what: str, code: str, names: dict[str, str], codes: Collection[str]
    ) -> str:
        canonical = names.get(code.casefold())
        if canonical is not None and canonical in codes:
            return f"{code!r} is not a {what} code: write {canonical!r}"
        return f"unknown {what} {code!r}{did_you_mean(code, _names_of(codes, names))}"

    def _suggest(self, text: str) -> str:
        return did_you_mean(text, _names_of(self.partner_codes(), self._partner_names))

    # Growth

    def extended(self, partners: Iterable[Partner], frameworks: Iterable[Framework]) -> Registry:
        """A registry with more entries (callers check for clashes with `clash`)."""
        return Registry(
            self.focal,
            {**self.partners, **{partner.code: partner for partner in partners}},
            {**self.frameworks, **{framework.code: framework for framework in frameworks}},
        )

    def clash(self, name: str) -> str | None:
        """The code that already uses `name` as its code, name or alias, if any."""
        key = name.casefold()
        return self._partner_names.get(key) or self._framework_names.get(key)

    def names(self) -> Iterator[tuple[str, str]]:
        """(code, name) for completion and listings."""
        for code, partner in self.partners.items():
            yield code, partner.name


def _lists(event: Mapping[str, Any]) -> list[Any]:
    return [event.get(field) or () for field in ("domains", "tags", "related", "fulfils")]


def _names_of(codes: Iterable[str], names: dict[str, str]) -> dict[str, str]:
    """Codes and the names and aliases of those codes, each mapped to its code."""
    allowed = set(codes)
    return {code: code for code in allowed} | {n: c for n, c in names.items() if c in allowed}


def _name_index(entries: Iterable[Partner | Framework]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in entries:
        for name in (entry.code, entry.name, *entry.aliases):
            index.setdefault(name.casefold(), entry.code)
    return index


@cache
def builtin_registry() -> Registry:
    """The registry shipped with jdiplo."""
    data = json.loads(_BUILTIN.read_text(encoding="utf-8"))
    partners = {entry["code"]: _partner(entry) for entry in data["partners"]}
    frameworks = {entry["code"]: _framework(entry) for entry in data["frameworks"]}
    return Registry(data["focal"], partners, frameworks)


def _partner(entry: Mapping[str, Any]) -> Partner:
    return Partner(
        code=entry["code"],
        name=entry["name"],
        kind=entry["kind"],
        aliases=tuple(entry.get("aliases", ())),
        members=tuple(entry.get("members", ())),
        region=entry.get("region"),
        iso3=entry.get("iso3"),
    )


def _framework(entry: Mapping[str, Any]) -> Framework:
    return Framework(entry["code"], entry["name"], tuple(entry.get("aliases", ())))


# The registry as the index keeps it: what a records directory adds to the built-in one.


def additions_json(registry: Registry) -> str:
    """The entries `registry` adds to the built-in registry, as JSON (`registry_from_json`)."""
    builtin = builtin_registry()
    partners = [
        p._asdict() for code, p in registry.partners.items() if code not in builtin.partners
    ]
    frameworks = [
        f._asdict() for code, f in registry.frameworks.items() if code not in builtin.frameworks
    ]
    return json.dumps({"partners": partners, "frameworks": frameworks}, ensure_ascii=False)


def registry_from_json(text: str) -> Registry:
    """The built-in registry extended by the entries of `additions_json`."""
    data = json.loads(text)
    partners = [_partner(entry) for entry in data["partners"]]
    frameworks = [_framework(entry) for entry in data["frameworks"]]
    registry = builtin_registry()
    return registry.extended(partners, frameworks) if partners or frameworks else registry
