"""extract.review: the walk through the candidates, driven by injected answers and editor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jdiplo.extract.output import Draft
from jdiplo.extract.review import EditError, duplicate_of, merge, read_edited, walk
from jdiplo.model import Event


def draft(
    title: str, quote: str, partners: list[str] | None = None, duplicate: str | None = None
) -> Draft:
    data = {
        "date": "2024-07-28",
        "title": title,
        "kind": "meeting",
        "partners": partners or ["US"],
        "sources": [{"file": "seeds/a.txt", "quote": quote}],
    }
    return Draft(None, data, duplicate)


class Terminal:
    """Answers given in turn; what was said; what the editor does to a draft."""

    def __init__(self, answers: list[str], edits: list[str] | None = None) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.edits = iter(edits or [])
        self.said: list[str] = []
        self.questions: list[str] = []

    def ask(self, question: str) -> str:
        self.questions.append(question)
        return next(self.answers)

    def say(self, text: str) -> None:
        self.said.append(text)

    def edit(self, text: str) -> str:
        return next(self.edits)


def no_problem(events: list[dict[str, Any]]) -> str | None:
    return None


def test_accept_skip_and_enter_accepts() -> None:
    items = [draft("One", "first"), draft("Two", "second"), draft("Three", "third")]
    terminal = Terminal(["a", "s", ""])
    accepted = walk(items, terminal.ask, terminal.say, terminal.edit, no_problem)
    assert [event["title"] for event in accepted] == ["One", "Three"]
    assert "Candidate 2 of 3" in "\n".join(terminal.said)
    assert "    title: Two" in "\n".join(terminal.said)


def test_edit_in_the_editor_then_accept() -> None:
    edited = (
        "events:\n  - date: 2024-07-29\n    title: Edited\n    kind: meeting\n"
        "    partners: [UK]\n    sources: [{file: seeds/a.txt, quote: first}]\n"
    )
    terminal = Terminal(["e", "a"], [edited])
    [event] = walk([draft("One", "first")], terminal.ask, terminal.say, terminal.edit, no_problem)
    assert (event["date"], event["title"], event["partners"]) == ("2024-07-29", "Edited", ["UK"])
    assert "    title: Edited" in terminal.said[-1]


def test_a_broken_edit_changes_nothing_and_asks_again() -> None:
    terminal = Terminal(["e", "a"], ["events: [\n"])
    [event] = walk([draft("One", "first")], terminal.ask, terminal.say, terminal.edit, no_problem)
    assert event["title"] == "One"
    assert any(text.startswith("Not changed: not YAML") for text in terminal.said)


def test_merge_with_the_previous_joins_quotes_and_partners() -> None:
    terminal = Terminal(["a", "m"])
    items = [draft("One", "first", ["US"]), draft("Two", "second", ["ROK"])]
    [event] = walk(items, terminal.ask, terminal.say, terminal.edit, no_problem)
    assert event["partners"] == ["US", "ROK"]
    assert event["sources"] == [{"file": "seeds/a.txt", "quote": "first … second"}]
    assert event["title"] == "One"


def test_merge_without_anything_accepted_asks_again() -> None:
    terminal = Terminal(["m", "s"])
    assert (
        walk([draft("One", "first")], terminal.ask, terminal.say, terminal.edit, no_problem) == []
    )
    assert "Nothing accepted yet to merge with." in terminal.said


def test_a_refused_candidate_is_asked_again() -> None:
    terminal = Terminal(["a", "s"])

    def refuse(events: list[dict[str, Any]]) -> str:
        return "quote not found in the source"

    assert walk([draft("One", "x")], terminal.ask, terminal.say, terminal.edit, refuse) == []
    assert "Not accepted: quote not found in the source" in terminal.said


def test_quit_keeps_what_was_accepted() -> None:
    terminal = Terminal(["a", "q"])
    items = [draft("One", "first"), draft("Two", "second"), draft("Three", "third")]
    assert [
        e["title"] for e in walk(items, terminal.ask, terminal.say, terminal.edit, no_problem)
    ] == ["One"]


def test_a_duplicate_is_shown_as_such_and_enter_skips_it() -> None:
    terminal = Terminal([""])
    items = [draft("One", "first", duplicate="2024-07-28-japan-us")]
    assert walk(items, terminal.ask, terminal.say, terminal.edit, no_problem) == []
    assert "It duplicates 2024-07-28-japan-us: Enter skips it." in terminal.said
    assert terminal.questions[0].endswith("[s]")


def test_duplicates_share_date_a_partner_and_a_quote() -> None:
    quote = "On July 28, Tokyo hosted a meeting of the foreign and defence ministers of Japan"
    recorded = Event.model_validate(
        {
            "id": "2024-07-28-japan-us-2plus2", "date": "2024-07-28", "title": "2+2",
            "kind": "meeting", "partners": ["US"],
            "sources": [{"file": "seeds/a.txt", "quote": f"{quote} in the 2+2 format"}],
        }
    )  # fmt: skip
    assert duplicate_of(draft("T", quote, ["US"]).data, [recorded]) == "2024-07-28-japan-us-2plus2"
    assert duplicate_of(draft("T", quote, ["UK"]).data, [recorded]) is None
    assert (
        duplicate_of(
            draft("T", "Other words entirely, about something else.", ["US"]).data, [recorded]
        )
        is None
    )


@pytest.mark.parametrize(
    "text", ["[1, 2]", "events: [{a: 1}, {b: 2}]", "just words: [", "- x\n- y\n"]
)
def test_an_edit_must_leave_one_event(text: str) -> None:
    with pytest.raises(EditError):
        read_edited(text)


def test_merge_keeps_the_first_and_orders_fields() -> None:
    one = draft("One", "first").data
    two = {**draft("Two", "second", ["ROK"]).data, "due": "2025", "level": "leaders"}
    merged = merge(one, two)
    assert list(merged) == [
        "date",
        "status",
        "due",
        "title",
        "kind",
        "partners",
        "level",
        "sources",
    ]
