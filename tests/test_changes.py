"""What changed between two states of the records: the pure comparison (many examples), and
the same through git (a few examples with a real repository: two arbitrary edits of a record
file, committed, report exactly the edited events)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GIT_ENVIRONMENT
from jdiplo.authoring.style import event_lines, written_data
from jdiplo.history import Repository, working_tree
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.reports.changes import Changes, compare

PARTNERS = ["US", "ROK", "UK", "IT", "AU"]
KINDS = ["meeting", "summit", "visit", "exercise", "statement"]
IDS = [f"event-{number}" for number in range(40)]

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=20).map(str.strip).filter(bool)
dates = st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)


def event_data(event_id: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.just(event_id),
            "date": dates,
            "title": words,
            "kind": st.sampled_from(KINDS),
            "partners": st.lists(st.sampled_from(PARTNERS), min_size=1, max_size=3, unique=True),
            "sources": st.just([{"url": "https://example.org/a", "quote": "q"}]),
        }
    )


@st.composite
def record_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(st.sampled_from(IDS), max_size=8, unique=True))
    return [draw(event_data(event_id)) for event_id in ids]


@dataclass
class Edit:
    """An edit of a record file: events removed, fields changed, events added."""

    removed: set[str]
    modified: dict[str, dict[str, Any]]  # id -> fields with a new value
    added: list[dict[str, Any]]

    def apply(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = [{**event, **self.modified.get(event["id"], {})} for event in events]
        return [event for event in kept if event["id"] not in self.removed] + self.added


@st.composite
def edits(draw: st.DrawFn, events: list[dict[str, Any]]) -> Edit:
    ids = [event["id"] for event in events]
    removed = set(draw(st.lists(st.sampled_from(ids), unique=True))) if ids else set()
    modified: dict[str, dict[str, Any]] = {}
    for event in events:
        if event["id"] in removed or not draw(st.booleans()):
            continue
        name = draw(st.sampled_from(["date", "title", "kind", "partners"]))
        value = draw(event_data(event["id"]))[name]
        if value != event[name]:
            modified[event["id"]] = {name: value}
    free = [event_id for event_id in IDS if event_id not in ids]
    new_ids = draw(st.lists(st.sampled_from(free), max_size=3, unique=True))
    added = [draw(event_data(event_id)) for event_id in new_ids]
    return Edit(removed, modified, added)


def models(events: list[dict[str, Any]]) -> list[Event]:
    return [Event.model_validate(event) for event in events]


def summary(changes: Changes) -> tuple[set[str], set[str], dict[str, set[str]]]:
    return (
        {entry.id for entry in changes.added},
        {entry.id for entry in changes.removed},
        {entry.id: {change.field for change in entry.fields} for entry in changes.modified},
    )


def expected(
    edit: Edit, events: list[dict[str, Any]]
) -> tuple[set[str], set[str], dict[str, set[str]]]:
    return (
        {event["id"] for event in edit.added},
        set(edit.removed),
        {event_id: set(fields) for event_id, fields in edit.modified.items()},
    )


@given(st.data())
def test_the_comparison_reports_exactly_the_edited_events(data: st.DataObject) -> None:
    events = data.draw(record_sets())
    edit = data.draw(edits(events))
    changes = compare(models(events), models(edit.apply(events)), "before", "after")
    assert summary(changes) == expected(edit, events)
    for entry in changes.modified:
        for change in entry.fields:
            assert change.after == edit.modified[entry.id][change.field]


def test_a_changed_id_is_a_removal_and_an_addition() -> None:
    old = {"id": "a", "date": "2024-07-28", "title": "T", "kind": "meeting", "partners": ["US"],
           "sources": [{"url": "https://example.org/a", "quote": "q"}]}  # fmt: skip
    changes = compare(models([old]), models([{**old, "id": "b"}]), "before", "after")
    assert summary(changes) == ({"b"}, {"a"}, {})


def test_unreadable_ids_are_neither_added_nor_removed() -> None:
    old = {"id": "a", "date": "2024-07-28", "title": "T", "kind": "meeting", "partners": ["US"],
           "sources": [{"url": "https://example.org/a", "quote": "q"}]}  # fmt: skip
    changes = compare(models([old]), [], "before", "after", unreadable={"a"}, problems=["p"])
    assert summary(changes) == (set(), set(), {})
    assert changes.problems == ["p"]


def test_changes_are_in_date_order_and_fields_in_record_order() -> None:
    base = {"kind": "meeting", "partners": ["US"], "title": "T",
            "sources": [{"url": "https://example.org/a", "quote": "q"}]}  # fmt: skip
    old = [{**base, "id": "late", "date": "2024-09"}, {**base, "id": "early", "date": "2024-01"}]
    new = [
        {**base, "id": "late", "date": "2024-09", "title": "U", "partners": ["UK"]},
        {**base, "id": "early", "date": "2024-01", "kind": "visit"},
    ]
    changes = compare(models(old), models(new), "before", "after")
    assert [entry.id for entry in changes.modified] == ["early", "late"]
    assert [change.field for change in changes.modified[1].fields] == ["title", "partners"]


# Through git


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENVIRONMENT},
    )


def write_records(records: Path, events: list[dict[str, Any]]) -> None:
    lines = ["events:" if events else "events: []"]
    for event in events:
        lines += [line.text for line in event_lines(written_data(Event.model_validate(event)))]
    path = records / "2024" / "2024-07.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_two_edits_committed_in_git_report_exactly_the_edited_events(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("repository")
    records = folder / "data" / "records"  # records in a sub-folder of the repository
    events = data.draw(record_sets())
    first = data.draw(edits(events))
    edited = first.apply(events)
    second = data.draw(edits(edited))
    git(folder, "init", "-q")
    write_records(records, events)
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "records")
    write_records(records, edited)
    git(folder, "commit", "-q", "--allow-empty", "-am", "first edit")
    write_records(records, second.apply(edited))  # left in the working tree

    repository = Repository.of(records)
    assert repository.records == "data/records"
    registry = builtin_registry()
    head = repository.state(repository.commit("HEAD"), "HEAD", registry)
    before = repository.state(repository.commit("HEAD~1"), "HEAD~1", registry)
    now = working_tree(records)
    assert head.problems == before.problems == now.problems == []
    assert summary(compare(before.events, head.events, "", "")) == expected(first, events)
    assert summary(compare(head.events, now.events, "", "")) == expected(second, edited)
