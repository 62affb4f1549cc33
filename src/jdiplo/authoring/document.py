"""The layout of a record file's text: where each event starts and ends, and its comments.

`add` uses it to insert an event between two others without touching a byte of them; `fmt` to
rewrite events while keeping every comment with what it describes. Positions come from the
YAML parser's nodes (character offsets, not its line numbers, which also count U+2028 as a line
break); lines here are the text's `\\n`-separated lines, as editors and git count them.

Which comments belong to an event:

- *leading*: the comment lines right above its `- ` line (no blank line in between);
- *inner*: comment lines and end-of-line comments inside it; a comment line describes the line
  below it, an end-of-line comment the line it ends;
- *trailing*: comment lines right below its last line, indented deeper than its `- `.

Other comment lines between events (set off by blank lines, or at the `- ` column right after
an event) go with the event that follows them; comments after the last event stay at the end.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jdiplo.problems import JdiploError, Problem

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from jdiplo.model import Event
    from jdiplo.partners import Registry

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"


class LayoutError(JdiploError):
    """A valid record file laid out in a way that cannot be edited in place."""

    def __init__(self, relative: str, line: int, message: str) -> None:
        self.problem = Problem(relative, line, 1, message)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class Comment:
    line: int
    column: int
    text: str
    full_line: bool


@dataclass
class Item:
    """One event of the file: its node and the lines it spans."""

    node: Node
    dash_line: int
    dash_column: int
    content_end: int  # last line holding part of the event
    leading_start: int  # first line of its leading comments (the dash line when none)
    trailing_end: int  # last line of its trailing comments (content_end when none)
    # The paths of the keys and list items that start on each line, shallowest first.
    line_paths: dict[int, list[Path]] = field(default_factory=dict)


@dataclass
class Document:
    text: str
    lines: list[str]
    starts: list[int]  # offset of each line
    events_line: int
    events_end: int  # last line of the events list (its last item's, or the `[]`)
    events_flow: bool
    items: list[Item]
    comments: dict[int, Comment]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def is_blank(self, line: int) -> bool:
        return not self.lines[line].strip()

    def is_comment_line(self, line: int) -> bool:
        comment = self.comments.get(line)
        return comment is not None and comment.full_line


def analyse(text: str, root: Node, relative: str) -> Document:
    """The layout of a valid record file (`root` is its node tree, `text` has LF line ends)."""
    lines = text.split("\n")
    starts = [0]
    for written in lines[:-1]:
        starts.append(starts[-1] + len(written) + 1)

    def line_of(index: int) -> int:
        return bisect.bisect_right(starts, index) - 1

    if root.tag != _TAG + "map" or getattr(root, "flow_style", False):
        raise LayoutError(relative, 1, "write the top level as a block mapping (`events:`)")
    key_node, sequence = root.value[0]
    if key_node.start_mark.column != 0:
        line = key_node.start_mark.line + 1
        raise LayoutError(relative, line, "`events:` must start at the beginning of its line")
    events_line = line_of(key_node.start_mark.index)
    spans = sorted(_scalar_spans(root, text))
    comments = _comments(lines, starts, spans)
    flow = bool(getattr(sequence, "flow_style", False))
    items: list[Item] = []
    for node in sequence.value:
        start = node.start_mark.index
        line = line_of(start)
        before = lines[line][: node.start_mark.index - starts[line]]
        dash = before.rfind("-")
        if flow or dash < 0 or before[:dash].strip():
            items.append(Item(node, line, -1, line, line, line))
            continue
        end = max(_content_ends(node, text), default=start + 1)
        content_end = line_of(end - 1)
        item = Item(node, line, dash, content_end, line, content_end)
        item.line_paths[line] = [()]
        for path, index in _node_starts(node, ()):
            item.line_paths.setdefault(line_of(index), []).append(path)
        items.append(item)
    if flow or not items:
        events_end = line_of(max(sequence.end_mark.index - 1, sequence.start_mark.index))
    else:
        events_end = items[-1].content_end
    document = Document(text, lines, starts, events_line, events_end, flow, items, comments)
    if not flow:
        _attach_comments(document)
    return document


def _attach_comments(document: Document) -> None:
    """Set each item's leading and trailing comment lines (see the module's doc)."""
    items = document.items
    for number, item in enumerate(items):
        line = item.content_end + 1
        limit = items[number + 1].dash_line if number + 1 < len(items) else len(document.lines)
        while (
            line < limit
            and document.is_comment_line(line)
            and document.comments[line].column > item.dash_column
        ):
            line += 1
        item.trailing_end = line - 1
        if number + 1 < len(items):
            following = items[number + 1]
            start = following.dash_line
            while start - 1 > item.trailing_end and document.is_comment_line(start - 1):
                start -= 1
            following.leading_start = start
    if items:
        first = items[0]
        start = first.dash_line
        while start - 1 > document.events_line and document.is_comment_line(start - 1):
            start -= 1
        first.leading_start = start


def _walk(node: Node, seen: set[int] | None = None) -> Iterator[Node]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node.value, list):
        for child in node.value:
            if isinstance(child, tuple):
                yield from _walk(child[0], seen)
                yield from _walk(child[1], seen)
            else:
                yield from _walk(child, seen)


def _scalar_spans(root: Node, text: str) -> Iterator[tuple[int, int]]:
    """Where scalars are written; a block scalar's starts on the line after its `>-` or `|`,
    whose end may hold a comment."""
    for node in _walk(root):
        if not isinstance(node.value, list):
            start = node.start_mark.index
            if getattr(node, "style", None) in (">", "|"):
                start = text.find("\n", start) + 1 or node.end_mark.index
            yield start, node.end_mark.index


def hash_signs_in_comments(text: str, root: Node) -> int:
    """How many `#` a file's comments hold, counted without finding the comments: every `#` of
    the text but those of its keys and values. A check independent of `analyse`."""
    in_values = sum(
        str(node.value).count("#") for node in _walk(root) if not isinstance(node.value, list)
    )
    return text.count("#") - in_values


def _content_ends(node: Node, text: str) -> Iterator[int]:
    """Offsets just past each piece of the node (block scalars without their trailing blanks)."""
    for child in _walk(node):
        if not isinstance(child.value, list):
            end = child.end_mark.index
            if getattr(child, "style", None) in (">", "|"):
                end = child.start_mark.index + len(text[child.start_mark.index : end].rstrip())
            yield end
        elif getattr(child, "flow_style", False):
            yield child.end_mark.index


def _node_starts(node: Node, path: Path) -> Iterator[tuple[Path, int]]:
    """(path, offset) of every key and every list item under `node`, shallowest first."""
    if node.tag == _TAG + "map":
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            yield key_path, key_node.start_mark.index
            yield from _node_starts(value_node, key_path)
    elif node.tag == _TAG + "seq":
        for index, child in enumerate(node.value):
            yield (*path, index), child.start_mark.index
            yield from _node_starts(child, (*path, index))


def _comments(
    lines: list[str], starts: list[int], spans: list[tuple[int, int]]
) -> dict[int, Comment]:
    found: dict[int, Comment] = {}
    span_starts = [start for start, _ in spans]
    for number, line in enumerate(lines):
        column = line.find("#")
        while column >= 0:
            offset = starts[number] + column
            inside = bisect.bisect_right(span_starts, offset) - 1
            in_scalar = inside >= 0 and spans[inside][0] <= offset < spans[inside][1]
            if not in_scalar and (column == 0 or line[column - 1] in " \t"):
                full = not line[:column].strip()
                found[number] = Comment(number, column, line[column:].rstrip(), full)
                break
            column = line.find("#", column + 1)
    return found


class NotKept(JdiploError):
    """A rewrite would change what the file says (a bug in jdiplo): nothing is written."""

    exit_code = 70


def read_back(text: str, relative: str, registry: Registry) -> list[Event]:
    """The events of a record file's new text, read the way `validate` reads them."""
    from jdiplo.load import compose, read_events

    root, problems = compose(text, relative)
    entries = None
    if root is not None and root.tag == _TAG + "map" and len(root.value) == 1:
        entries = root.value[0][1].value if root.value[0][1].tag == _TAG + "seq" else None
    if root is None or problems or entries is None:
        raise NotKept(f"{relative}: the new text would not read back as a record file")
    events, problems, _, _ = read_events(entries, relative, registry)
    if problems:
        raise NotKept(f"{relative}: the new text would not read back: {problems[0]}")
    return events


def require_same(before: list[dict[str, Any]], after: list[Event], relative: str) -> None:
    """Raise NotKept unless `after` are exactly the events `before` (records, in order)."""
    if [event.record() for event in after] != before:
        raise NotKept(f"{relative}: writing would change the records (a bug); nothing written")
