"""Record files as text: decoded, and read by the fast parser where it reads exactly what ruamel
reads, each event with its fingerprint.

This module imports neither the models nor ruamel: an index that re-reads an edited file asks
it which events changed (`fingerprint`) before anything is validated (see index/reading.py).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from jdiplo.problems import Problem


def decode(data: bytes, relative: str) -> tuple[str, Problem | None]:
    """UTF-8 text without a BOM, or the located problem with the first bad byte."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        message = f"not valid UTF-8 (byte 0x{byte:02x}): save the file as UTF-8"
        return "", Problem(relative, line, column, message)


# Text the fast parser could read differently from ruamel: tags, anchors, aliases, merge keys,
# escapes, tabs, odd line breaks, control characters, directives, 0x/0o/0b numbers, and a bare
# `=` (which only ruamel refuses). Files holding any of it take the ruamel path.
_RISKY_TEXT = (
    *("!", "&", "*", "<<", "\\", "\t", "\u2028", "\u2029", "\ufeff", "\n%"),
    *("0x", "0X", "0o", "0O", "0b", "0B"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BARE_EQUALS = re.compile(r"(?<![^\s:\[,{-])=(?![^\s,\]}])")


def risky(text: str) -> bool:
    """Whether the text holds anything the fast parser could read differently from ruamel."""
    if text.startswith("%") or any(token in text for token in _RISKY_TEXT):
        return True
    if _CONTROL.search(text):
        return True
    return "=" in text and _BARE_EQUALS.search(text) is not None


@cache
def fast_loads() -> Callable[[str], Any] | None:
    """yaml_rs's loads, if installed (the `fast` extra), with every policy jdiplo relies on
    asked for rather than left to its defaults: duplicate keys refused, no alias expanded
    (`risky` already leaves anchors and aliases to ruamel), dates left as written. YAML 1.2
    is the only version it reads (a `%YAML` directive is also `risky`). Without it, or with
    a yaml_rs whose API differs from the one pinned, ruamel reads every file."""
    try:
        import yaml_rs

        duplicate_keys = yaml_rs.DuplicateKeyPolicy.Error
        no_aliases = yaml_rs.AliasLimits(
            max_total_replayed_events=0, max_replay_stack_depth=0, max_alias_expansions_per_anchor=0
        )
    except (ImportError, AttributeError, TypeError):
        return None

    def loads(text: str) -> Any:
        return yaml_rs.loads(
            text,
            parse_datetime=False,
            duplicate_key_policy=duplicate_keys,
            alias_limits=no_aliases,
        )

    return loads


class PlainEvents(NamedTuple):
    """The events of a plain record file as data, and the 1-based line where each starts."""

    items: list[dict[str, Any]]
    lines: list[int]


def plain_events(text: str) -> PlainEvents | None:
    """The events of a plain record file, read by the fast parser; None for any other file.

    Plain: ordinary text (see `risky`), that the fast parser accepts, holding a mapping of
    `events` to a block list of mappings whose starts are found on their lines. Whether the
    events are valid is for the model to say (`load.read_fast`)."""
    loads = fast_loads()
    if loads is None or risky(text):
        return None
    try:
        data = loads(text)
    except Exception:  # any refusal: ruamel will say where and why
        return None
    if (
        not isinstance(data, dict)
        or list(data) != ["events"]
        or not isinstance(data["events"], list)
    ):
        return None
    items = data["events"]
    if not all(isinstance(item, dict) for item in items):
        return None
    lines = _item_lines(text, len(items))
    return None if lines is None else PlainEvents(items, lines)


def fingerprint(item: dict[str, Any]) -> bytes:
    """What an event of a plain file is, as data: equal fingerprints, equal data, of the same
    types (`repr` tells 1 from 1.0, True and "1", and keeps the order of keys), so the same
    validation result against the same registry. The index keeps it with the event's rows; an
    edited file's events whose fingerprint it holds are not validated again."""
    return hashlib.blake2b(repr(item).encode("utf-8", "surrogatepass"), digest_size=16).digest()


_EVENTS_KEY = re.compile(r"^events:[ \t]*(?:#.*)?\n", re.MULTILINE)
_FIRST_ITEM = re.compile(r"^( *)-(?: |$)", re.MULTILINE)


def _item_lines(text: str, count: int) -> list[int] | None:
    """The 1-based lines where the `count` items of the block list under `events:` start."""
    if count == 0:
        return []
    key = _EVENTS_KEY.search(text)
    first = _FIRST_ITEM.search(text, key.end()) if key else None
    if key is None or first is None:
        return None
    between = text[key.end() : first.start()]
    if any(line.strip() and not line.lstrip().startswith("#") for line in between.split("\n")):
        return None
    items = re.compile(rf"^{first[1]}-(?: |$)", re.MULTILINE)
    lines: list[int] = []
    line, position = text.count("\n", 0, first.start()) + 1, first.start()
    for match in items.finditer(text, first.start()):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines if len(lines) == count else None
