"""The people registry: every spelling of a person, in any case and name order; the built-in
entries of the bundled records; a records directory's own people.yaml, its problems located."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BUNDLED_RECORDS, ROOT
from jdiplo.partners import builtin_registry
from jdiplo.people import PeopleRegistry, Person, builtin_people, load_people
from jdiplo.store import read

BUILTIN = builtin_people()


def test_every_person_of_the_bundled_records_is_built_in() -> None:
    loaded, _ = read(BUNDLED_RECORDS)
    named = {person.name for event in loaded.events for person in event.people}
    assert len(named) == 11
    for name in named:
        assert BUILTIN.canonical(name) == name, name


def test_built_in_entries_come_from_the_bundled_records_only() -> None:
    """Offices are the roles the records give (the source gives no dates, so none has dates);
    countries are the records' countries."""
    loaded, _ = read(BUNDLED_RECORDS)
    roles = {
        (person.name, person.role, person.country)
        for event in loaded.events
        for person in event.people
    }
    registry = builtin_registry()
    for person in BUILTIN:
        offices = {(person.name, office.role, office.country) for office in person.offices}
        assert offices <= roles, person.name
        assert all(office.start is None and office.end is None for office in person.offices)
        assert person.country is not None and registry.check_country_code(person.country) is None
    seed = (ROOT / "seeds" / "000_7715609ff7e77d61.txt").read_text(encoding="utf-8")
    for person in BUILTIN:
        for alias in person.aliases:
            assert alias in seed, alias  # the short forms the source itself uses


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Kihara Minoru", "Kihara Minoru"),
        ("Minoru Kihara", "Kihara Minoru"),
        ("MINORU  kihara", "Kihara Minoru"),
        ("Kihara", "Kihara Minoru"),
        ("Kishida Fumio", "Fumio Kishida"),
        ("Won-sik Shin", "Shin Won-sik"),
        ("Healy", "John Healy"),
        ("Minoru", None),
        ("Shigeru Ishiba", None),
    ],
)
def test_names_resolve_in_any_case_and_order(name: str, canonical: str | None) -> None:
    assert BUILTIN.canonical(name) == canonical
    person = BUILTIN.resolve(name)
    assert (person.name if person else None) == canonical


def test_names_of_gives_every_spelling() -> None:
    assert BUILTIN.names_of("Kihara Minoru") == ("Kihara Minoru", "Minoru Kihara", "Kihara")
    assert BUILTIN.names_of("Yoko Kamikawa") == ("Yoko Kamikawa", "Kamikawa Yoko")
    assert BUILTIN.names_of("Joe Biden") == ("Joe Biden",)
    assert BUILTIN.names_of("Nobody") == ()


def test_did_you_mean() -> None:
    assert BUILTIN.did_you_mean("Minoru Kiharra") == " (did you mean 'Kihara Minoru'?)"
    assert BUILTIN.did_you_mean("Vladimir Zelenskyy") == " (did you mean 'Vladimir Zelensky'?)"
    assert BUILTIN.did_you_mean("Emmanuel Macron") == ""


@given(st.sampled_from([person.name for person in BUILTIN]), st.data())
def test_any_order_and_case_of_the_words_is_the_same_person(name: str, data: st.DataObject) -> None:
    words = data.draw(st.permutations(name.split()))
    upper = data.draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    spaces = data.draw(st.sampled_from([" ", "  ", "\t"]))
    spelled = spaces.join(
        w.upper() if up else w.lower() for w, up in zip(words, upper, strict=True)
    )
    assert BUILTIN.canonical(spelled) == name


# people.yaml


def people_yaml(tmp_path: Path, text: str) -> Path:
    records = tmp_path / "records"
    records.mkdir(exist_ok=True)
    (records / "people.yaml").write_text(text, encoding="utf-8")
    return records


def test_without_people_yaml_the_built_in_registry(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    assert load_people(tmp_path / "records") == (BUILTIN, [])


def test_people_yaml_adds_people_and_replaces_a_built_in_entry(tmp_path: Path) -> None:
    records = people_yaml(
        tmp_path,
        "people:\n"
        "  - name: Ishiba Shigeru\n    family_name: Ishiba\n    country: JP\n"
        "    offices:\n      - {role: Prime Minister, country: JP, start: 2024-10-01}\n"
        "  - name: Minoru Kihara\n    family_name: Kihara\n    country: Japan\n"
        "    aliases: [Kihara]\n"
        "    offices:\n"
        "      - {role: Defence Minister, country: JP, start: 2023-09-13, end: 2024-10-01}\n",
    )
    people, problems = load_people(records)
    assert people is BUILTIN
    assert [str(problem) for problem in problems] == [
        "people.yaml:9:14: 'Japan' is not a country code: write 'JP'"
    ]
    (records / "people.yaml").write_text(
        (records / "people.yaml").read_text(encoding="utf-8").replace("Japan", "JP"),
        encoding="utf-8",
    )
    people, problems = load_people(records)
    assert problems == []
    assert people.canonical("Shigeru Ishiba") == "Ishiba Shigeru"
    assert people.canonical("Kihara Minoru") == "Minoru Kihara"  # replaced, in its place
    names = [person.name for person in people]
    assert names.index("Minoru Kihara") == 0 and names[-1] == "Ishiba Shigeru"
    assert len(people) == len(BUILTIN) + 1
    kihara = people.resolve("kihara")
    assert kihara is not None
    assert [(o.start, o.end) for o in kihara.offices] == [("2023-09-13", "2024-10-01")]


PROBLEMS = [
    (
        "people:\n  - name: A B\n    alias: []\n",
        ["people.yaml:3:5: unknown field 'alias' (did you mean 'aliases'?)"],
    ),
    (
        "people:\n  - name: A B\n    offices:\n"
        "      - {role: Envoy, start: 2024-07-28, end: 2024-06}\n",
        ["people.yaml:4:47: end 2024-06 is before start 2024-07-28"],
    ),
    (
        "people:\n  - name: Some One\n    aliases: [Fumio Kishida]\n    country: XX\n"
        "  - name: One Some\n    family_name: Other\n",
        [
            "people.yaml:3:15: 'Fumio Kishida' is already used by Fumio Kishida",
            "people.yaml:4:14: unknown country 'XX'",
            "people.yaml:5:11: 'One Some' is already used by Some One",
            "people.yaml:6:18: family name 'Other' is not the first or last part of 'One Some'",
        ],
    ),
    ("people: [1]\n", ["people.yaml:1:10: people[0] must be a mapping, not the number 1"]),
    ("- name: A\n", ["people.yaml:1:1: expected a mapping with the key 'people'"]),
    (
        "people:\n  - name: A\n    name: B\n",
        ["people.yaml:3:5: duplicate key 'name' (first at line 2)"],
    ),
    ("people:\n  - name: A\n  name: B\n", None),  # a YAML syntax error
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_problems_of_people_yaml_are_located(
    tmp_path: Path, text: str, expected: list[str] | None
) -> None:
    people, problems = load_people(people_yaml(tmp_path, text))
    assert problems, "a problem must be found"
    assert people is BUILTIN
    if expected is not None:
        assert sorted(map(str, problems)) == expected


def test_registry_extension_keeps_order() -> None:
    registry = PeopleRegistry({"A B": Person("A B"), "C D": Person("C D", family_name="C")})
    bigger = registry.extended([Person("E F"), Person("D C", country="ROK")])
    assert [person.name for person in bigger] == ["A B", "D C", "E F"]
    assert bigger.canonical("c d") == "D C"
    assert registry.canonical("c d") == "C D"  # registries are values: the first is unchanged
