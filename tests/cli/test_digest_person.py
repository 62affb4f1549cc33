"""`jdiplo digest --person NAME` as a user runs it: a person's timeline under any spelling,
pinned in text and Markdown, its JSON contract, an unknown name, and how it meets --partner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from reports_data import bundled

from conftest import BUNDLED_RECORDS, DATA, Golden, Invoke
from jdiplo.query import Filters, build_query

RECORDS = str(BUNDLED_RECORDS)
AS_OF = ("--as-of", "2025-01-15")


def digest(jdiplo: Invoke, *arguments: str) -> str:
    result = jdiplo("--records", RECORDS, "digest", *arguments, *AS_OF)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def kiharas_events() -> list[str]:
    """The titles of the events that name Kihara, however written (selected here by the
    query engine from the registry's spellings, not by the command under test)."""
    records = bundled()
    query = build_query(records.registry, Filters(person=["Kihara"]), people=records.people)
    return [event.title for event in records.select(query)]


@pytest.mark.parametrize("form", ["text", "md", "json"])
def test_any_spelling_of_kiharas_name_gives_the_same_digest(jdiplo: Invoke, form: str) -> None:
    given_first = digest(jdiplo, "--person", "Minoru Kihara", "-F", form)
    family_first = digest(jdiplo, "--person", "kihara minoru", "-F", form)
    assert given_first == family_first
    titles = kiharas_events()
    assert len(titles) >= 2
    for title in titles:
        assert title in given_first


def test_kiharas_text_digest_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    text = digest(jdiplo, "--person", "Minoru Kihara")
    golden("digest-person-kihara.txt", text)
    assert text.startswith("Person digest: Kihara Minoru\nall records · 2 events · as of ")


def test_kiharas_markdown_digest_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    golden("digest-person-kihara.md", digest(jdiplo, "--person", "Minoru Kihara", "-F", "md"))


def test_the_markdown_parses_with_its_headings_and_footnotes_that_resolve(jdiplo: Invoke) -> None:
    from test_digest import footnoted, markdown_blocks

    source = digest(jdiplo, "--person", "Kihara", "-F", "md")
    headings = [block for block in markdown_blocks(source) if block[0] != "li"]
    assert headings == [
        ("h1", "Person digest: Kihara Minoru"),
        ("h2", "People met"),
        ("h2", "Firsts"),
        ("h2", "Announced steps still to fall due (as of 2025-01-15)"),
        ("h2", "Timeline"),
        ("h2", "Sources"),
    ]
    items = [text for tag, text in markdown_blocks(source) if tag == "li"]
    assert "Offices: Defence Minister (JP)" in items
    references, definitions = footnoted(source)
    assert references and set(references) == set(definitions) == {"1", "2"}
    for text in definitions.values():
        assert text.startswith("New Eastern Outlook, Nazar Kurbanov, seeds/"), text


def test_the_json_contract(jdiplo: Invoke) -> None:
    document = json.loads(digest(jdiplo, "--person", "KIHARA", "-F", "json"))
    assert list(document) == [
        "person", "period", "start", "end", "as_of", "total", "matching", "first_event",
        "last_event", "years", "months", "kinds", "levels", "partners", "frameworks", "people",
        "firsts", "pending", "overdue", "delivered", "timeline", "sources",
    ]  # fmt: skip
    assert document["person"] == {
        "name": "Kihara Minoru",
        "registered": True,
        "country": "JP",
        "aliases": ["Kihara"],
        "offices": [{"role": "Defence Minister", "country": "JP", "start": None, "end": None}],
        "roles": ["Defence Minister"],
        "written": ["Kihara Minoru"],
    }
    assert (document["as_of"], document["total"], document["matching"]) == ("2025-01-15", 2, 2)
    assert document["first_event"]["date"] == "2024-07-23"
    assert document["partners"] == [
        {"key": "IT", "count": 1},
        {"key": "ROK", "count": 1},
        {"key": "UK", "count": 1},
    ]
    assert [person["name"] for person in document["people"]] == [
        "Guido Crosetto",
        "John Healy",
        "Shin Won-sik",
    ]
    assert [event["title"] for event in document["timeline"]] == kiharas_events()
    assert [source["number"] for source in document["sources"]] == [1, 2]


def test_an_unknown_person_gives_an_empty_digest_and_a_hint(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--person", "Kiara Minoru", *AS_OF)
    assert result.code == 0
    assert result.stdout.startswith("Person digest: Kiara Minoru\nall records · 0 events")
    assert "\nNo event names Kiara Minoru (in any spelling, case or word order).\n" in result.stdout
    assert "registry     not in the people registry (people.yaml)\n" in result.stdout
    assert "Timeline\n  no events\n" in result.stdout
    assert result.stderr == (
        "jdiplo: note: the people registry does not know 'Kiara Minoru'"
        " (did you mean 'Kihara Minoru'?)\n"
    )
    document = json.loads(
        jdiplo("--records", RECORDS, "digest", "--person", "Nobody", "-F", "json").stdout
    )
    assert document["person"]["registered"] is False
    assert (document["total"], document["timeline"], document["first_event"]) == (0, [], None)
    md = jdiplo("--records", RECORDS, "digest", "--person", "Nobody", "-F", "md").stdout
    assert "\n*No event names Nobody (in any spelling, case or word order).*\n" in md


def test_a_known_person_outside_the_period_says_so(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--person", "Kihara", "-m", "2024-06")
    assert result.code == 0 and result.stderr == ""
    assert (
        "No event in 2024-06 (2024-06-01 to 2024-06-30) names Kihara Minoru"
        " (in any spelling, case or word order)."
    ) in result.stdout
    assert "offices      Defence Minister (JP)" in result.stdout  # the registry still knows him


def test_a_partner_narrows_the_persons_digest(jdiplo: Invoke) -> None:
    document = json.loads(digest(jdiplo, "--person", "Kihara", "--partner", "ROK", "-F", "json"))
    assert document["person"]["name"] == "Kihara Minoru"
    assert document["total"] == 1
    assert [event["id"] for event in document["timeline"]] == [
        "2024-07-28-japan-rok-defence-ministers"
    ]


def test_two_people_give_the_period_digest_of_their_events(jdiplo: Invoke) -> None:
    document = json.loads(digest(jdiplo, "--person", "Kihara", "--person", "Healy", "-F", "json"))
    assert "groups" in document and "person" not in document
    assert document["total"] == 3


def test_steps_are_judged_as_of_the_day_asked(jdiplo: Invoke) -> None:
    def text(day: str) -> str:
        result = jdiplo("--records", RECORDS, "digest", "--person", "Healy", "--as-of", day)
        return result.stdout

    step = "due 2025  UK to send an aircraft carrier strike group to the Indo-Pacific in 2025"
    early = text("2025-01-15")
    assert "Announced steps still to fall due (as of 2025-01-15)\n  " + step in early
    assert "overdue" not in early
    late = text("2026-01-01")
    assert "Announced steps overdue (as of 2026-01-01)\n  " + step in late
    assert re.search(r"\(UK; announced 2024-07-23\) · overdue \[1\]\n", late)


def test_no_sources_gives_the_bare_digest(jdiplo: Invoke) -> None:
    for form in ("text", "md"):
        text = digest(jdiplo, "--person", "Kihara", "-F", form, "--no-sources")
        assert "Sources" not in text and "[^" not in text
        assert not re.search(r"\[\d+\]", text), form
    document = json.loads(digest(jdiplo, "--person", "Kihara", "-F", "json", "--no-sources"))
    assert document["sources"] == []
    assert all(event["sources"] == [] for event in document["timeline"])


def test_a_people_yaml_gives_the_offices_and_their_dates(jdiplo: Invoke, sample: Path) -> None:
    (sample / "people.yaml").write_text(
        "people:\n"
        "  - name: Kihara Minoru\n"
        "    family_name: Kihara\n"
        "    country: JP\n"
        "    aliases: [Kihara]\n"
        "    offices:\n"
        "      - {role: Defence Minister, country: JP, start: 2023-09-13, end: 2024-10-01}\n",
        encoding="utf-8",
    )
    result = jdiplo("--records", str(sample), "digest", "--person", "minoru KIHARA")
    assert result.code == 0, result.stderr
    assert "\noffices      Defence Minister (JP, 2023-09-13 to 2024-10-01)\n" in result.stdout


@pytest.mark.parametrize("name", ["", "   "])
def test_a_blank_name_is_a_usage_error(jdiplo: Invoke, name: str) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--person", name)
    assert result.code == 2
    assert "Invalid value for --person: name a person" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("form", ["text", "md"])
def test_a_hostile_name_stays_data(jdiplo: Invoke, form: str) -> None:
    records = str(DATA / "hostile" / "records")
    name = "[link=https://example.org]click[/link]"
    result = jdiplo("--records", records, "digest", "--person", name, "-F", form)
    assert result.code == 0, result.stderr
    for character in result.stdout.replace("\n", ""):
        assert ord(character) >= 32 and not 0x7F <= ord(character) <= 0x9F, repr(character)
        assert character != "\u202e"
    if form == "text":
        assert result.stdout.startswith(f"Person digest: {name}\n")
        assert "roles        Envoy\\x1b]0;title\\x07\n" in result.stdout
    else:
        rendered = MarkdownIt("commonmark").render(result.stdout)
        assert 'href="https://example.org"' not in rendered  # the source's own address only
        assert f"<h1>Person digest: {name}</h1>" in rendered
