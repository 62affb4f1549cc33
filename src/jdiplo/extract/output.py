"""Candidates as a record file: YAML with a comment on each field saying which rule gave it,
or JSON (a list of events) and JSON Lines (one event a line), without comments.

Every candidate is checked before it is written: as an event of the record format (with the
registry's codes), and its quote against the article, as `jdiplo validate` will check it. A
candidate that fails is left out and said why, so the output is always accepted by `jdiplo add
--from` as it is (JSON Lines after `jq -s .`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jdiplo.extract.candidates import Candidate, Extraction, Note
from jdiplo.partners import Registry
from jdiplo.quotes import normalise_quote, quote_problem

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


@dataclass
class Draft:
    """A candidate as the event it would be: its data (in field order, with its source)."""

    candidate: Candidate | None
    data: dict[str, Any]
    duplicate_of: str | None = None

    @property
    def why(self) -> Mapping[str, str]:
        return self.candidate.why if self.candidate is not None else {}


def source_data(
    file: str | None,
    url: str | None,
    publisher: str | None,
    author: str | None,
    published: str | None,
) -> dict[str, str]:
    """The fields of each candidate's source, but its quote."""
    source: dict[str, str] = {}
    for key, value in (
        ("url", url),
        ("file", file),
        ("publisher", publisher),
        ("author", author),
        ("date", published),
    ):
        if value is not None:
            source[key] = value
    return source


def drafts(
    extraction: Extraction, text: str, source: Mapping[str, str], registry: Registry
) -> tuple[list[Draft], list[Note]]:
    """The candidates as events, each checked, and a note for each left out.

    The checks are those `jdiplo add` and `validate` make that a candidate could fail: its
    codes against the registry and its quote against the article. They are made here without
    the record model (pydantic), so that `extract` starts fast; the tests check every draft
    against the model and `validate` as well.
    """
    normalised = normalise_quote(text)
    made: list[Draft] = []
    notes: list[Note] = []
    for candidate in extraction.candidates:
        quote = candidate.quote(text)
        data = {**candidate.data(), "sources": [{**source, "quote": quote}]}
        problem = (
            _quote_problem(quote, normalised)
            or _code_problem(data, registry)
            or _repeated(data, made)
        )
        if problem is not None:
            excerpt = " ".join(quote.split())[:77]
            notes.append(Note(candidate.line, excerpt, f"left out: {problem}"))
            continue
        made.append(Draft(candidate, data))
    return made, notes


def _quote_problem(quote: str, normalised_text: str) -> str | None:
    """Why a drafted quote would fail `validate` (quotes.py compares it), or None."""
    if quote_problem(quote, normalised_text) is None:
        return None
    return f"its quote is not verbatim: {' '.join(quote.split())[:60]!r}"


_SIMILAR_TITLES = 0.8  # as `jdiplo add` judges likely duplicates


def _repeated(data: Mapping[str, Any], made: Sequence[Draft]) -> str | None:
    """Whether a candidate repeats one drafted before (a text that tells an event twice): the
    same date and partners and a similar title, or the same quote; `jdiplo add` would refuse
    the second as a likely duplicate of the first."""
    from difflib import SequenceMatcher

    quote = normalise_quote(data["sources"][0]["quote"])
    title = str(data["title"]).casefold()
    for other in made:
        if normalise_quote(other.data["sources"][0]["quote"]) == quote:
            return f"repeats the candidate of line {_line(other)} (the same quote)"
        same_day = other.data["date"] == data["date"]
        if same_day and set(other.data["partners"]) == set(data["partners"]):
            similar = SequenceMatcher(None, title, str(other.data["title"]).casefold()).ratio()
            if similar >= _SIMILAR_TITLES:
                return f"repeats the candidate of line {_line(other)} (a similar title)"
    return None


def _line(draft: Draft) -> int:
    return draft.candidate.line if draft.candidate is not None else 0


def _code_problem(data: Mapping[str, Any], registry: Registry) -> str | None:
    checks = [(registry.check_partner_code, code) for code in data.get("partners", ())]
    checks += [(registry.check_framework_code, code) for code in data.get("frameworks", ())]
    countries = [person.get("country") for person in data.get("people", ())]
    countries.append((data.get("place") or {}).get("country"))
    checks += [(registry.check_country_code, code) for code in countries if code is not None]
    for check, code in checks:
        message = check(code)
        if message is not None:
            return message
    return None


# Writing


def yaml_text(items: Sequence[Draft], header: Sequence[str] = (), comments: bool = True) -> str:
    """A record file of the drafts, with a comment on each field (unless asked not to)."""
    from jdiplo.authoring.style import event_lines

    lines = [f"# {_safe(line)}".rstrip() for line in header]
    if not items:
        return "\n".join([*lines, "events: []"]) + "\n"
    lines.append("events:")
    for number, item in enumerate(items):
        if number:
            lines.append("")
        if comments and item.candidate is not None:
            note = f"# from line {item.candidate.line}"
            if item.duplicate_of:
                note += f"; duplicates {item.duplicate_of}"
            lines.append("  " + note)
        first_key = next(iter(item.data))
        for line in event_lines(item.data, column=2):
            text = line.text
            key = first_key if line.path == () else (line.path[0] if line.path else None)
            if comments and key is not None and (line.path == () or len(line.path or ()) == 1):
                why = _why(item, str(key))
                if why:
                    text += f"  # {_safe(why)}"
            lines.append(text)
    return "\n".join(lines) + "\n"


def _why(item: Draft, key: str) -> str:
    why = item.why
    if key == "due":
        return ""  # said on the status line
    if key == "status":
        return why.get("status", "")
    return why.get(key, "")


def json_text(items: Sequence[Draft]) -> str:
    return json.dumps([item.data for item in items], ensure_ascii=False, indent=2) + "\n"


def jsonl_text(items: Sequence[Draft]) -> str:
    return "".join(json.dumps(item.data, ensure_ascii=False) + "\n" for item in items)


def render(items: Sequence[Draft], format: str, header: Sequence[str] = ()) -> str:
    if format == "json":
        return json_text(items)
    if format == "jsonl":
        return jsonl_text(items)
    return yaml_text(items, header)


def _safe(text: str) -> str:
    """A comment's text on one line, control characters escaped."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
