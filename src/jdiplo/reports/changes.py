"""What changed between two states of the records: events added, removed and modified (field
by field), the way ACLED publishes its update and deletion feeds.

Events are matched by id: an event whose id changed is a removal (the old id) and an addition
(the new one). Fields are compared as the record format defines them (`Event.record()`), so
a change of layout, comments or quoting is no change. An id whose event is invalid on one side
(reported as a problem of that side) is neither added nor removed: it cannot be compared.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from jdiplo.reports import Report

if TYPE_CHECKING:
    from jdiplo.stored import EventView


@dataclass(frozen=True)
class FieldChange:
    """One field of a modified event: its value before and after (`null` when absent), as
    JSON-ready data in the record format."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ChangedEvent:
    """An event that changed: as it is after (as it was before, for a removed one), with its
    changed fields (empty for an added or removed event) and its whole record."""

    change: str  # added, removed or modified
    id: str
    date: str
    title: str
    partners: list[str]
    fields: list[FieldChange]
    record: dict[str, Any]


@dataclass(frozen=True)
class Changes(Report):
    """`before` and `after` say which states were compared (`HEAD (1a2b3c4, 2024-08-01)`,
    `the working tree`); `problems` are files or events that could not be read in one of them
    (`REV:path:line:col: message`), whose events are left out of the comparison."""

    report: ClassVar[str] = "changes"

    before: str
    after: str
    added: list[ChangedEvent]
    removed: list[ChangedEvent]
    modified: list[ChangedEvent]
    problems: list[str] = field(default_factory=list)

    def all(self) -> list[ChangedEvent]:
        """Every changed event: added, then modified, then removed."""
        return [*self.added, *self.modified, *self.removed]


def compare(
    before: Sequence[EventView],
    after: Sequence[EventView],
    before_label: str,
    after_label: str,
    unreadable: Collection[str] = (),
    problems: Sequence[str] = (),
) -> Changes:
    """The changes from the events `before` to the events `after`, matched by id. Ids in
    `unreadable` (events invalid on either side) are left out; `problems` are carried."""
    old = {event.id: event for event in before}
    new = {event.id: event for event in after}
    added = [
        _entry("added", event, [])
        for event in _by_date(new.values())
        if event.id not in old and event.id not in unreadable
    ]
    removed = [
        _entry("removed", event, [])
        for event in _by_date(old.values())
        if event.id not in new and event.id not in unreadable
    ]
    modified = []
    for event in _by_date(new.values()):
        if event.id in old:
            fields = field_changes(old[event.id], event)
            if fields:
                modified.append(_entry("modified", event, fields))
    return Changes(before_label, after_label, added, removed, modified, list(problems))


def field_changes(before: EventView, after: EventView) -> list[FieldChange]:
    """The fields whose values differ, in the order of the record format."""
    old, new = before.record(), after.record()
    return [
        FieldChange(name, old.get(name), new.get(name))
        for name in dict.fromkeys([*old, *new])
        if old.get(name) != new.get(name)
    ]


def _by_date(events: Collection[EventView]) -> list[EventView]:
    return sorted(events, key=lambda event: event.sort_key)


def _entry(change: str, event: EventView, fields: list[FieldChange]) -> ChangedEvent:
    return ChangedEvent(
        change=change,
        id=event.id,
        date=str(event.date),
        title=event.title,
        partners=list(event.partners),
        fields=fields,
        record=event.record(),
    )
