"""`jdiplo extract --review`: walk the candidates, then write the accepted ones.

The walk is a function of its inputs (`ask` reads an answer, `say` shows text, `edit` gives a
draft's text back after the analyst's editor, `check` says what is wrong with the events
accepted so far), so that it is tested without a terminal. Each candidate is shown with the
rule behind each field, then:

  a  accept it (checked at once with the events accepted before it and the whole record set)
  e  edit it in $VISUAL/$EDITOR, then choose again
  s  skip it
  m  merge it into the event accepted last (quotes, partners, frameworks, people, firsts...)
  q  stop: the events accepted so far are written

A candidate that duplicates an event of the records (same date, a partner in common and an
overlapping quote) is shown as such, and Enter skips it; for the others Enter accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from jdiplo.extract.output import Draft, yaml_text

if TYPE_CHECKING:
    from jdiplo.model import Event

Ask = Callable[[str], str]
Say = Callable[[str], None]
Edit = Callable[[str], str]
Check = Callable[[list[dict[str, Any]]], str | None]

CHOICES = "[a]ccept, [e]dit, [s]kip, [m]erge with the previous, [q]uit"
_SHARED_WORDS = 8


class EditError(ValueError):
    """An edited draft that is not one event."""


def walk(
    items: Sequence[Draft], ask: Ask, say: Say, edit: Edit, check: Check
) -> list[dict[str, Any]]:
    """The events the analyst accepts, in order (merged ones as one)."""
    accepted: list[dict[str, Any]] = []
    for number, item in enumerate(items, start=1):
        data = item.data
        shown = item
        while True:
            say(f"\nCandidate {number} of {len(items)}")
            say(yaml_text([shown]).removeprefix("events:\n").rstrip("\n"))
            if item.duplicate_of:
                say(f"It duplicates {item.duplicate_of}: Enter skips it.")
                default = "s"
            else:
                default = "a"
            answer = (ask(f"{CHOICES} [{default}]").strip().lower() or default)[:1]
            if answer == "q":
                return accepted
            if answer == "s":
                break
            if answer == "a":
                problem = check([*accepted, data])
                if problem is not None:
                    say(f"Not accepted: {problem}")
                    continue
                accepted.append(data)
                break
            if answer == "m":
                if not accepted:
                    say("Nothing accepted yet to merge with.")
                    continue
                merged = merge(accepted[-1], data)
                problem = check([*accepted[:-1], merged])
                if problem is not None:
                    say(f"Not merged: {problem}")
                    continue
                accepted[-1] = merged
                break
            if answer == "e":
                try:
                    data = read_edited(edit(yaml_text([Draft(None, data)], comments=False)))
                except EditError as error:
                    say(f"Not changed: {error}")
                    continue
                shown = Draft(None, data, item.duplicate_of)
                continue
            say(f"Answer with one of {CHOICES}.")
    return accepted


def read_edited(text: str) -> dict[str, Any]:
    """The one event of an edited draft (a record file with one event, or the event)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=False).load(text)
    except (YAMLError, ValueError) as error:
        raise EditError(f"not YAML: {' '.join(str(error).split())[:120]}") from None
    if isinstance(data, dict) and set(data) == {"events"}:
        data = data["events"]
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise EditError("expected one event (a mapping of fields)")
    return {str(key): _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    """Dates as they were written: YAML reads 2024-07-28 as a date, the format keeps text."""
    import datetime as dt

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def merge(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """`second` folded into `first`: the first's date, title, kind and status stay; lists are
    joined without repeats; the quotes of the same source are joined with ' … '."""
    merged = dict(first)
    for key in ("partners", "frameworks", "domains", "firsts", "tags", "related"):
        values = list(first.get(key) or [])
        values += [value for value in second.get(key) or [] if value not in values]
        if values:
            merged[key] = values
    people = list(first.get("people") or [])
    names = {person.get("name") for person in people if isinstance(person, dict)}
    people += [
        person
        for person in second.get("people") or []
        if not isinstance(person, dict) or person.get("name") not in names
    ]
    if people:
        merged["people"] = people
    for key in ("level", "place", "amount", "summary", "due", "end"):
        if key not in merged and key in second:
            merged[key] = second[key]
    if "due" in merged:
        merged["status"] = "announced"
    sources = [dict(source) for source in first.get("sources") or []]
    for source in second.get("sources") or []:
        same = next((s for s in sources if _same_source(s, source)), None)
        if same is None:
            sources.append(dict(source))
        elif source.get("quote") and source["quote"] not in str(same.get("quote", "")):
            same["quote"] = f"{same.get('quote', '')} … {source['quote']}"
    merged["sources"] = sources
    return _ordered(merged)


def _same_source(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return (one.get("file"), one.get("url")) == (other.get("file"), other.get("url"))


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    from jdiplo.model import Event

    order = list(Event.model_fields)
    return dict(
        sorted(data.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    )


# Duplicates


def duplicate_of(data: dict[str, Any], events: Iterable[Event]) -> str | None:
    """The id of an event with the same date, a partner in common and an overlapping quote."""
    from jdiplo.quotes import excerpts

    date = str(data.get("date"))
    partners = set(data.get("partners") or ())
    quotes = [str(source.get("quote", "")) for source in data.get("sources") or ()]
    parts = [part for quote in quotes for part in excerpts(quote)]
    grams = _grams(parts)
    for event in events:
        if str(event.date) != date or not partners & set(event.partners):
            continue
        others = [part for source in event.sources for part in excerpts(source.quote)]
        if grams & _grams(others) or any(a in b or b in a for a in parts for b in others):
            return event.id
    return None


def _grams(parts: Iterable[str]) -> set[tuple[str, ...]]:
    """Runs of words of the excerpts: two quotes overlap when they share one."""
    grams: set[tuple[str, ...]] = set()
    for part in parts:
        words = re.findall(r"\w+", part.casefold())
        grams.update(
            tuple(words[i : i + _SHARED_WORDS]) for i in range(len(words) - _SHARED_WORDS + 1)
        )
    return grams
