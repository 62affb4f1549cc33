"""The canonical layout of an event in a record file (the house style of records/).

`jdiplo add` writes new events this way and `jdiplo fmt` rewrites events this way:

- keys in the order of the record format (the model's field order: `id`, `date`, `end`,
  `status`, `due`, `title`, `kind`, `partners`, `frameworks`, `level`, `domains`, `people`,
  `place`, `summary`, `firsts`, `amount`, `sources`, `tags`, `related`, `fulfils`, `coding`;
  inside a person `name`, `role`, `country`; a place `name`, `country`; an amount `value`,
  `currency`, `usd`; a source `title`, `url`, `file`, `publisher`, `author`, `date`, `quote`;
  a coding `event`, `mode`, `context`);
- two spaces of indentation at every level; an event is `  - id: ...` under `events:`;
- lists of codes and tags on one line in flow style: `partners: [UK, IT]`, `context: [military]`;
- `firsts` and `sources` as block lists; `people` as a block list of one-line mappings
  (`- {name: ..., role: ..., country: ...}`), `place`, `amount` and `coding` as one-line
  mappings, each written as a block mapping instead when it would need quotes, holds a list
  or would pass 100 columns;
- dates unquoted as written (`2024-07-28`, `2024-07`, `2024`);
- text plain when YAML reads it back as the same text (for YAML 1.1 and 1.2 readers alike),
  else in single quotes, else (control characters) in double quotes with escapes;
- `summary` and `quote` that do not fit in 100 columns folded (`>-`) at 100 columns, keeping the
  line breaks already there when they are valid folds that fit; a title or a first is one line.

The writer returns lines tagged with the path of the node that starts on each line, so that
`fmt` can put comments back next to what they describe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdiplo.model import Event

    Resolvers = tuple[Any, ...]

WIDTH = 100
INDENT = 2

Path = tuple[str | int, ...]

FLOW_LISTS = frozenset(
    {"partners", "frameworks", "domains", "tags", "related", "fulfils", "context"}
)
SMALL_MAPPINGS = frozenset({"place", "amount", "coding"})
FOLDABLE = frozenset({"summary", "quote"})
DATES = frozenset({"date", "end", "due"})
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# Characters shown escaped in double quotes: C0/C1 controls, DEL, line and paragraph
# separators, the byte order mark, and the bidirectional controls that can disguise text.
_ESCAPED = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff]"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# libyaml (the C reader) also ends a plain scalar at "?" in a flow context.
_FLOW_INDICATORS = frozenset(",[]{}?")
_NAMED_ESCAPES = {"\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


@dataclass(frozen=True)
class Line:
    """A line of output, and the path of the node that starts on it (None on continuations)."""

    text: str
    path: Path | None


# What to write: plain data in field order


def written_data(event: Event) -> dict[str, Any]:
    """A new event as `add` writes it: no empty optional fields, `status: held` left implicit."""
    data: dict[str, Any] = _without_empty(event.record(), top=True)
    return data


def present_data(event: Event) -> dict[str, Any]:
    """An event as the analyst wrote it: the fields present in the file, in canonical order."""
    return _present(event)


def _without_empty(value: Any, top: bool = False) -> Any:
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            if item is None or item == [] or (top and key == "status" and item == "held"):
                continue
            kept[key] = _without_empty(item)
        return kept
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value


def _present(model: Any) -> dict[str, Any]:
    from pydantic import BaseModel

    dumped = model.model_dump(mode="json")
    data: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            data[name] = _present(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            data[name] = [_present(item) for item in value]
        else:
            data[name] = dumped[name]
    return data


# Writing


def event_lines(
    data: Mapping[str, Any], column: int = 2, folds: Mapping[Path, Sequence[str]] | None = None
) -> list[Line]:
    """The lines of one event as a block sequence item whose dash is at `column`.

    `folds` maps the path of a folded scalar to its lines as written, kept when still valid.
    """
    writer = _Writer(folds or {})
    writer.mapping(data, column + INDENT, (), dash=True)
    return writer.lines


class _Writer:
    def __init__(self, folds: Mapping[Path, Sequence[str]]) -> None:
        self.folds = folds
        self.lines: list[Line] = []

    def mapping(self, data: Mapping[str, Any], indent: int, path: Path, dash: bool) -> None:
        for number, (key, value) in enumerate(data.items()):
            first = dash and number == 0
            lead = " " * (indent - INDENT) + "- " if first else " " * indent
            self.entry(lead, key, value, indent, (*path, key), path if first else (*path, key))

    def entry(
        self, lead: str, key: str, value: Any, indent: int, path: Path, line_path: Path
    ) -> None:
        head = f"{lead}{_key(key)}:"
        if isinstance(value, list):
            self.sequence(head, key, value, indent, path, line_path)
        elif isinstance(value, dict):
            flow = _flow_mapping(value) if key in SMALL_MAPPINGS else None
            if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
                self.lines.append(Line(f"{head} {flow}", line_path))
            elif not value:
                self.lines.append(Line(f"{head} {{}}", line_path))
            else:
                self.lines.append(Line(head, line_path))
                self.mapping(value, indent + INDENT, path, dash=False)
        else:
            self.scalar_entry(head, key, value, indent, path, line_path)

    def sequence(
        self, head: str, key: str, items: list[Any], indent: int, path: Path, line_path: Path
    ) -> None:
        if not items:
            self.lines.append(Line(f"{head} []", line_path))
            return
        if key in FLOW_LISTS and not any(isinstance(item, list | dict) for item in items):
            text = ", ".join(scalar(item, flow=True) for item in items)
            self.lines.append(Line(f"{head} [{text}]", line_path))
            return
        self.lines.append(Line(head, line_path))
        item_indent = indent + INDENT
        for index, item in enumerate(items):
            item_path = (*path, index)
            lead = " " * item_indent + "- "
            if isinstance(item, dict):
                flow = _flow_mapping(item) if key == "people" or not item else None
                if flow is not None and len(lead) + len(flow) <= WIDTH:
                    self.lines.append(Line(lead + flow, item_path))
                else:
                    self.mapping(item, item_indent + INDENT, item_path, dash=True)
            elif isinstance(item, list):  # not in the record format; written in flow style
                text = ", ".join(scalar(part, flow=True) for part in item)
                self.lines.append(Line(f"{lead}[{text}]", item_path))
            else:
                self.lines.append(Line(lead + scalar(item, flow=False), item_path))

    def scalar_entry(
        self, head: str, key: str, value: Any, indent: int, path: Path, line_path: Path
    ) -> None:
        if key in DATES and isinstance(value, str) and _DATE.fullmatch(value):
            self.lines.append(Line(f"{head} {value}", line_path))
            return
        text = scalar(value, flow=False)
        if (
            key not in FOLDABLE
            or not isinstance(value, str)
            or len(head) + 1 + len(text) <= WIDTH
            or not foldable(value)
        ):
            self.lines.append(Line(f"{head} {text}", line_path))
            return
        content = " " * (indent + INDENT)
        lines = self._kept_fold(path, value, len(content)) or fold(value, WIDTH - len(content))
        self.lines.append(Line(f"{head} >-", line_path))
        self.lines.extend(Line(content + part, None) for part in lines)

    def _kept_fold(self, path: Path, value: str, indent: int) -> Sequence[str] | None:
        written = self.folds.get(path)
        if not written or " ".join(written) != value:
            return None
        for part in written:
            if not part or part != part.strip() or indent + len(part) > WIDTH:
                return None
        return written


def _key(key: str) -> str:
    return key if plain_allowed(key, flow=False) else single_quoted(key)


def _flow_mapping(data: Mapping[str, Any]) -> str | None:
    """`{name: X, country: Y}` when every value is plain in a flow context, else None."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list | dict):
            return None
        if isinstance(value, str) and not plain_allowed(value, flow=True):
            return None
        parts.append(f"{_key(key)}: {scalar(value, flow=True)}")
    return "{" + ", ".join(parts) + "}"


# Scalars


def scalar(value: Any, flow: bool) -> str:
    """A scalar as YAML text that any YAML reader (1.1 or 1.2) reads back as `value`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text and "." not in text:  # 1e+20 is a float to YAML 1.2 only
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    text = str(value)
    if plain_allowed(text, flow):
        return text
    if _ESCAPED.search(text) or "\t" in text:
        return double_quoted(text)
    return single_quoted(text)


def plain_allowed(text: str, flow: bool) -> bool:
    """Whether `text` can be written without quotes and read back as the same text."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if _ESCAPED.search(text) or "\t" in text or "\u00a0" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith(("---", "...")):
        return False
    if flow and (":" in text or any(character in _FLOW_INDICATORS for character in text)):
        return False
    return all(_resolves_as_text(text, resolver) for resolver in _resolvers())


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    def escape(character: str) -> str:
        if character in _NAMED_ESCAPES:
            return _NAMED_ESCAPES[character]
        if not _ESCAPED.fullmatch(character):
            return character
        code = ord(character)
        if code <= 0xFF:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}"

    return '"' + "".join(escape(character) for character in text) + '"'


def foldable(text: str) -> bool:
    """Whether `text` can be written as a folded block scalar (`>-`) and read back exactly."""
    return (
        bool(text)
        and text == text.strip()
        and not _ESCAPED.search(text)
        and "\t" not in text
        and "\n" not in text
    )


def fold(text: str, width: int) -> list[str]:
    """`text` broken at single spaces between words into lines of at most `width` characters
    where possible (a longer word gets a line of its own). Joined with spaces, the lines are
    `text` again, which is what a folded scalar reads back as."""
    breaks = [match.start() for match in re.finditer(r"(?<=\S) (?=\S)", text)] + [len(text)]
    lines: list[str] = []
    start = 0
    fitting: int | None = None  # the last break at which the current line still fits
    for end in breaks:
        if end - start <= width:
            fitting = end
            continue
        if fitting is not None:
            lines.append(text[start:fitting])
            start, fitting = fitting + 1, None
            if end - start <= width:
                fitting = end
                continue
        lines.append(text[start:end])  # a word longer than the width: a line of its own
        start = end + 1
    if fitting is not None:
        lines.append(text[start:fitting])
    return lines


@cache
def _resolvers() -> Resolvers:
    from ruamel.yaml.resolver import VersionedResolver

    return (VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2)))


def _resolves_as_text(text: str, resolver: Any) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    return bool(resolver.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
