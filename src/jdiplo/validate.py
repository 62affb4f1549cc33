"""Checks that need the whole record set: duplicate ids, related ids, quotes in their sources.

Per-file checks (syntax, fields, vocabularies, partner codes) happen while loading; these run
once every file is read, and locate their problems with `load.Locator`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from jdiplo.load import Loaded, Locator
from jdiplo.model import Event, Origin
from jdiplo.problems import Problem

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_WHITESPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\s*(?:\u2026|\[\.\.\.\]|\[\u2026\])\s*")


def normalise_quote(text: str) -> str:
    """Text as quotes are compared: NFC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return _WHITESPACE.sub(" ", text).strip()


def excerpts(quote: str) -> list[str]:
    """The parts of a quote between elisions ('…', '[...]'), normalised."""
    return [part for part in map(normalise_quote, _ELISION.split(quote)) if part]


def quote_problem(quote: str, source_text: str) -> str | None:
    """Why `quote` does not occur in `source_text` (already normalised), or None when it does."""
    parts = excerpts(quote)
    position = 0
    for number, part in enumerate(parts, start=1):
        found = source_text.find(part, position)
        if found < 0:
            shown = part if len(part) <= 60 else part[:57] + "..."
            which = f"excerpt {number} of the quote" if len(parts) > 1 else "quote"
            if len(parts) > 1 and source_text.find(part) >= 0:
                return f"{which} occurs in the source, but not after excerpt {number - 1}"
            return f"{which} not found in the source: {shown!r}"
        position = found + len(part)
    return None


Locate = Callable[[Origin, tuple[str | int, ...]], tuple[int, int]]


def check(loaded: Loaded, locate: Locate | None = None) -> list[Problem]:
    """Problems across the whole record set.

    `locate` finds the line and column of a field of an event; by default a `Locator` re-reads
    its file. `jdiplo add` passes its own, to locate problems of events not yet written.
    """
    if locate is None:
        locate = Locator(loaded.records_dir)
    problems: list[Problem] = []

    def add(origin: Origin | None, loc: tuple[str | int, ...], message: str) -> None:
        assert origin is not None, "loaded events carry their origin"
        line, col = locate(origin, loc)
        problems.append(Problem(origin.path, line, col, message))

    first_seen: dict[str, Event] = {}
    for event in loaded.events:
        earlier = first_seen.get(event.id)
        if earlier is None:
            first_seen[event.id] = event
            continue
        assert earlier.origin is not None
        line, _ = locate(earlier.origin, ("id",))
        add(
            event.origin,
            ("id",),
            f"duplicate id {event.id!r} (first at {earlier.origin.path}:{line})",
        )

    known = first_seen.keys() | loaded.invalid_ids
    for event in loaded.events:
        for index, related in enumerate(event.related):
            if related not in known:
                add(event.origin, ("related", index), f"related id {related!r} does not exist")

    base = loaded.records_dir.parent
    texts: dict[str, str | None] = {}
    for event in loaded.events:
        for index, source in enumerate(event.sources):
            if source.file is None:
                continue
            if source.file not in texts:
                texts[source.file] = _read_source(base / source.file)
            text = texts[source.file]
            if text is None:
                add(
                    event.origin,
                    ("sources", index, "file"),
                    f"source file not found: {source.file}",
                )
                continue
            if (message := quote_problem(source.quote, text)) is not None:
                add(event.origin, ("sources", index, "quote"), f"{message} ({source.file})")
    return problems


def _read_source(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return normalise_quote(data.decode("utf-8-sig", errors="replace"))
