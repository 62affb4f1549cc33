"""The people registry: who takes part in events, under every spelling records give them.

Records name people as their sources do ("Kihara Minoru" in one article, "Minoru Kihara" in
another); the registry maps each spelling to one person with a canonical name. A name matches
in any case, with any spacing, and with its words in any order, so that a Japanese or Korean
name written family name first or given name first is one person. Each person may carry
aliases (`Kihara`), a country, and the offices they held, with dates only as far as a source
gives them.

The built-in registry is `data/people.json` (the people of the bundled records; read with the
standard library). A records directory may add people, or replace a built-in entry by giving
its name, in `people.yaml` at its root (see docs/records.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jdiplo.layout import PEOPLE_FILE
from jdiplo.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from jdiplo.model import PeopleFile
    from jdiplo.partners import Registry

_BUILTIN = Path(__file__).parent / "data" / "people.json"


class Office(NamedTuple):
    """An office held: `start` and `end` are dates as written (`2024`, `2024-07-28`), None
    when no source gives them."""

    role: str
    country: str | None = None
    start: str | None = None
    end: str | None = None


class Person(NamedTuple):
    name: str  # the canonical name
    family_name: str | None = None  # the first or last part of `name`
    country: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """The canonical name, the name in the other order (when the family name is known),
        then the aliases."""
        names = [self.name]
        other = _other_order(self.name, self.family_name)
        if other is not None:
            names.append(other)
        return tuple(dict.fromkeys([*names, *self.aliases]))


def name_key(name: str) -> str:
    """What two spellings of one name share: its words, case folded, in a fixed order."""
    return " ".join(sorted(name.casefold().split()))


def _other_order(name: str, family_name: str | None) -> str | None:
    """`Minoru Kihara` for `Kihara Minoru` with the family name `Kihara`, and the reverse."""
    if not family_name:
        return None
    family = family_name.strip()
    if name.startswith(family + " "):
        return f"{name[len(family) :].strip()} {family}"
    if name.endswith(" " + family):
        return f"{family} {name[: -len(family)].strip()}"
    return None


class PeopleRegistry:
    """People by canonical name, found by any of their spellings."""

    __slots__ = ("_names", "people")

    def __init__(self, people: dict[str, Person] | None = None) -> None:
        self.people: dict[str, Person] = {} if people is None else people
        self._names: dict[str, str] = {}
        for person in self.people.values():
            for spelling in person.spellings():
                self._names.setdefault(name_key(spelling), person.name)

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people.values())

    def resolve(self, name: str) -> Person | None:
        """The person `name` spells (in any case and word order), or None."""
        canonical = self._names.get(name_key(name))
        return self.people[canonical] if canonical is not None else None

    def canonical(self, name: str) -> str | None:
        """The canonical name of the person `name` spells, or None."""
        return self._names.get(name_key(name))

    def did_you_mean(self, name: str) -> str:
        """` (did you mean 'Kihara Minoru'?)` for the closest known spelling, or ""."""
        choices = {spelling: person.name for person in self for spelling in person.spellings()}
        return did_you_mean(name, choices)

    def names_of(self, canonical: str) -> tuple[str, ...]:
        """Every spelling of the person whose canonical name is `canonical` (empty when the
        registry has no such person): for searches that must find them however written."""
        person = self.people.get(canonical)
        return person.spellings() if person is not None else ()

    def clash(self, name: str) -> str | None:
        """The canonical name of the person who already uses the spelling `name`, if any."""
        return self._names.get(name_key(name))

    def extended(self, people: Iterable[Person]) -> PeopleRegistry:
        """A registry with more people; an entry with the name of one already there (in any
        case or order) replaces it, in its place."""
        entries = list(self.people.values())
        for person in people:
            replaced = self.canonical(person.name)
            where = next((n for n, old in enumerate(entries) if old.name == replaced), None)
            if where is None:
                entries.append(person)
            else:
                entries[where] = person
        return PeopleRegistry({person.name: person for person in entries})


def _person(entry: dict[str, Any]) -> Person:
    return Person(
        name=entry["name"],
        family_name=entry.get("family_name"),
        country=entry.get("country"),
        aliases=tuple(entry.get("aliases", ())),
        offices=tuple(
            Office(
                office["role"],
                office.get("country"),
                _written(office.get("start")),
                _written(office.get("end")),
            )
            for office in entry.get("offices", ())
        ),
    )


def _written(value: object) -> str | None:
    return None if value is None else str(value)


@cache
def builtin_people() -> PeopleRegistry:
    """The people registry shipped with jdiplo: the people of the bundled records."""
    data = json.loads(_BUILTIN.read_text(encoding="utf-8"))
    return PeopleRegistry({entry["name"]: _person(entry) for entry in data["people"]})


# A records directory's people.yaml


def load_people(
    records_dir: Path, registry: Registry | None = None
) -> tuple[PeopleRegistry, list[Problem]]:
    """The built-in people, extended by the records' own `people.yaml` when there is one, and
    its problems, located (`people.yaml:line:col: ...`). With problems, the built-in registry
    is returned. `registry` (the records' partner registry, read when not given) checks
    country codes."""
    import os

    builtin = builtin_people()
    path = records_dir / PEOPLE_FILE
    if not os.path.lexists(path):
        return builtin, []
    from jdiplo.load import read_registry_file
    from jdiplo.model import PeopleFile

    root, entries, problems = read_registry_file(path, PEOPLE_FILE, PeopleFile, "the key 'people'")
    if root is None or entries is None:
        return builtin, problems
    if registry is None:
        from jdiplo.load import load_registry

        registry, _ = load_registry(records_dir)  # its problems are the partner file's
    people = [
        Person(
            entry.name,
            entry.family_name,
            entry.country,
            tuple(entry.aliases),
            tuple(
                Office(office.role, office.country, _written(office.start), _written(office.end))
                for office in entry.offices
            ),
        )
        for entry in entries.people
    ]
    problems.extend(_conflicts(root, entries, builtin, registry))
    return (builtin, problems) if problems else (builtin.extended(people), [])


def _conflicts(
    root: Node, entries: PeopleFile, builtin: PeopleRegistry, registry: Registry
) -> list[Problem]:
    """Spellings used by two people, family names that are not part of the name, and
    country codes the partner registry does not know."""
    from jdiplo.load import position_of

    problems: list[Problem] = []

    def at(loc: tuple[str | int, ...], message: str) -> None:
        line, column = position_of(root, loc)
        problems.append(Problem(PEOPLE_FILE, line, column, message))

    taken: dict[str, str] = {}  # spelling key -> the name of the file's person using it
    for index, entry in enumerate(entries.people):
        replaced = builtin.canonical(entry.name)  # a built-in person this entry replaces
        if entry.family_name and _other_order(entry.name, entry.family_name) is None:
            at(
                ("people", index, "family_name"),
                f"family name {entry.family_name!r} is not the first or last part of "
                f"{entry.name!r}",
            )
        spellings: list[tuple[tuple[str | int, ...], str]] = [
            (("people", index, "name"), entry.name)
        ]
        spellings += [
            (("people", index, "aliases", position), alias)
            for position, alias in enumerate(entry.aliases)
        ]
        for loc, spelling in spellings:
            key = name_key(spelling)
            owner = taken.get(key)
            builtin_owner = builtin.clash(spelling)
            if owner is not None and owner != entry.name:
                at(loc, f"{spelling!r} is already used by {owner}")
            elif owner == entry.name and loc[-1] != "name":
                at(loc, f"{spelling!r} is already a spelling of {entry.name}")
            elif builtin_owner is not None and builtin_owner != replaced:
                at(loc, f"{spelling!r} is already used by {builtin_owner}")
            taken.setdefault(key, entry.name)
        countries: list[tuple[tuple[str | int, ...], str | None]] = [
            (("people", index, "country"), entry.country)
        ]
        countries += [
            (("people", index, "offices", number, "country"), office.country)
            for number, office in enumerate(entry.offices)
        ]
        for loc, code in countries:
            if code is not None and (message := registry.check_country_code(code)) is not None:
                at(loc, message)
    return problems
