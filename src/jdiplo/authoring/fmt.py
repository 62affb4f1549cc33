"""`jdiplo fmt`: record files in the canonical layout, every comment kept with what it describes.

The canonical layout of a file:

- everything above `events:` (the header comments) exactly as written;
- events sorted by date (the start of their interval, a coarser date before the finer dates
  it contains: `2024-07` before `2024-07-01`), then by id; one blank line between events;
- each event in the canonical layout of `style.py` (key order, indentation, quoting, folding);
- comments where they were relative to what they describe (see `document.py`): leading
  comments travel with their event when it moves, a comment line stays above the line it
  describes, an end-of-line comment at the end of its line; comment lines are indented like
  the line below them;
- comments after the last event, exactly as written, after one blank line.

Formatting is checked before anything is written: the new text must read back as exactly the
same events, and hold exactly the same comments. Files with problems are never touched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jdiplo.authoring.document import (
    Document,
    Item,
    LayoutError,
    NotKept,
    analyse,
    hash_signs_in_comments,
    read_back,
    require_same,
)
from jdiplo.authoring.files import (
    WriteRefused,
    check_size,
    read_text,
    record_target,
    records_lock,
    write_text,
)
from jdiplo.authoring.style import INDENT, Line, present_data
from jdiplo.authoring.style import Path as NodePath
from jdiplo.layout import PARTNERS_FILE, REGISTRY_FILES
from jdiplo.problems import Problem, UsageError

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from jdiplo.model import Event
    from jdiplo.partners import Registry

DASH_COLUMN = 2


@dataclass
class Outcome:
    """What `fmt` did or would do: files (relative to the records dir) and refusals."""

    changed: list[str]
    problems: list[Problem]


def format_records(records_dir: Path, selected: list[str] | None, check: bool) -> Outcome:
    """Format the record files `selected` (all when None); with `check`, only report."""
    from jdiplo.store import read

    with records_lock(records_dir):
        loaded, problems = read(records_dir)
        targets = loaded.files if selected is None else selected
        wanted = set(targets)
        # Problems of the files to format, and of the partner registry they are checked with.
        refused = [p for p in problems if p.path in wanted or p.path == PARTNERS_FILE]
        bad = {problem.path for problem in problems}
        by_file: dict[str, list[Event]] = {}
        for event in loaded.events:
            assert event.origin is not None
            by_file.setdefault(event.origin.path, []).append(event)
        changed: list[str] = []
        for relative in targets:
            if relative in bad:
                continue
            try:
                path = record_target(records_dir, relative)
            except WriteRefused as error:
                refused.append(error.problem)
                continue
            stored = read_text(path)
            events = by_file.get(relative, [])
            try:
                text = format_text(stored.text, events, relative, loaded.registry)
                content = stored.encoded(text)
                check_size(relative, content)
            except LayoutError as error:
                refused.append(error.problem)
                continue
            except WriteRefused as error:
                refused.append(error.problem)
                continue
            if text == stored.text:
                continue
            changed.append(relative)
            if not check:
                write_text(path, content)
    return Outcome(changed, refused)


def format_text(text: str, events: list[Event], relative: str, registry: Registry) -> str:
    """The canonical text of a valid record file whose events (in file order) are `events`."""
    from jdiplo.load import compose

    root, problems = compose(text, relative)
    if root is None or problems:
        raise NotKept(f"{relative}: cannot read the file again")
    document = analyse(text, root, relative)
    events = sorted(events, key=lambda event: event.origin.index if event.origin else 0)
    if len(events) != len(document.items):
        raise NotKept(f"{relative}: the file changed while it was being formatted")
    result = _Formatter(document, relative).run(events)
    after = read_back(result, relative, registry)
    expected = sorted(events, key=lambda event: event.sort_key)
    require_same([event.record() for event in expected], after, relative)
    result_root, _ = compose(result, relative)
    assert result_root is not None  # read_back read it
    kept = Counter(
        comment.text for comment in analyse(result, result_root, relative).comments.values()
    )
    if kept != Counter(comment.text for comment in document.comments.values()) or (
        hash_signs_in_comments(result, result_root) != hash_signs_in_comments(text, root)
    ):
        raise NotKept(f"{relative}: formatting would lose a comment (a bug); nothing written")
    return result


class _Formatter:
    def __init__(self, document: Document, relative: str) -> None:
        self.document = document
        self.relative = relative

    def run(self, events: list[Event]) -> str:
        document = self.document
        lines = document.lines
        out = list(lines[: document.events_line])
        events_comment = document.comments.get(document.events_line)
        suffix = f"  {events_comment.text}" if events_comment else ""
        if not document.items:
            out.append(f"events: []{suffix}")
        else:
            out.append(f"events:{suffix}")
            if document.events_flow:
                self._refuse_inner_comments()
                blocks = [self._event(event, None) for event in events]
            else:
                first = document.items[0]
                out.extend(self._runs(document.events_line + 1, first.leading_start, blank=True))
                blocks = [
                    self._floating(number) + self._event(event, item)
                    for number, (event, item) in enumerate(zip(events, document.items, strict=True))
                ]
            order = sorted(range(len(events)), key=lambda number: events[number].sort_key)
            for position, number in enumerate(order):
                if position:
                    out.append("")
                out.extend(blocks[number])
        trailer = lines[self._trailer_start() :]
        while trailer and not trailer[0].strip():
            trailer.pop(0)
        while trailer and not trailer[-1].strip():
            trailer.pop()
        if trailer:
            out.append("")
            out.extend(trailer)
        return "\n".join(out) + "\n"

    def _trailer_start(self) -> int:
        document = self.document
        if document.items and not document.events_flow:
            return document.items[-1].trailing_end + 1
        return document.events_end + 1

    def _refuse_inner_comments(self) -> None:
        document = self.document
        for line in range(document.events_line + 1, document.events_end + 1):
            if line in document.comments:
                raise LayoutError(
                    self.relative,
                    line + 1,
                    "comments inside a flow-style list of events cannot be kept; "
                    "write the events as a block list (`  - id: ...`)",
                )

    def _runs(self, start: int, end: int, blank: bool) -> list[str]:
        """Comment lines in [start, end), re-indented, a blank line after each run of them."""
        out: list[str] = []
        run: list[str] = []
        for line in range(start, end):
            if self.document.is_comment_line(line):
                run.append(" " * DASH_COLUMN + self.document.comments[line].text)
            elif run:
                out.extend([*run, ""])
                run = []
        if run:
            out.extend([*run, ""] if blank else run)
        return out

    def _floating(self, number: int) -> list[str]:
        """Comments between event `number - 1` and the leading comments of event `number`."""
        if number == 0:
            return []
        items = self.document.items
        return self._runs(items[number - 1].trailing_end + 1, items[number].leading_start, True)

    def _event(self, event: Event, item: Item | None) -> list[str]:
        from jdiplo.authoring.style import event_lines

        folds = _folds(item.node, self.document) if item else {}
        lines = event_lines(present_data(event), DASH_COLUMN, folds)
        if item is None:
            return [line.text for line in lines]
        document = self.document
        before: dict[int, list[str]] = {}
        after_line: dict[int, str] = {}
        for line in range(item.dash_line, item.content_end + 1):
            comment = document.comments.get(line)
            if comment is None:
                continue
            if comment.full_line:
                anchor = _anchor_below(item, line)
                target = _find(lines, anchor) if anchor is not None else len(lines)
                before.setdefault(target, []).append(comment.text)
            else:
                target = _find(lines, _anchor_at(item, line))
                if target in after_line:
                    before.setdefault(target, []).append(comment.text)
                else:
                    after_line[target] = comment.text
        body_indent = " " * (DASH_COLUMN + INDENT)
        out = [" " * DASH_COLUMN + document.comments[number].text for number in _leading(item)]
        for number, written in enumerate(lines):
            indent = written.text[: len(written.text) - len(written.text.lstrip())]
            out.extend(indent + text for text in before.get(number, []))
            eol = after_line.get(number)
            out.append(f"{written.text}  {eol}" if eol else written.text)
        out.extend(body_indent + text for text in before.get(len(lines), []))
        out.extend(
            body_indent + document.comments[number].text
            for number in range(item.content_end + 1, item.trailing_end + 1)
        )
        return out


def _leading(item: Item) -> range:
    return range(item.leading_start, item.dash_line)


def _anchor_below(item: Item, line: int) -> NodePath | None:
    """The path of the outermost node starting on the first line below `line` that starts one."""
    for below in range(line + 1, item.content_end + 1):
        if below in item.line_paths:
            return item.line_paths[below][0]
    return None


def _anchor_at(item: Item, line: int) -> NodePath:
    """The path of the node an end-of-line comment on `line` ends: the last to start there."""
    for above in range(line, item.dash_line - 1, -1):
        if above in item.line_paths:
            return item.line_paths[above][-1]
    return ()


def _find(lines: list[Line], path: NodePath) -> int:
    """The index of the line where `path` (or its nearest ancestor) starts."""
    while True:
        for number, line in enumerate(lines):
            if line.path == path:
                return number
        if not path:
            return 0
        path = path[:-1]


def _folds(node: Node, document: Document) -> dict[NodePath, list[str]]:
    """The lines of each folded scalar of an event as written, by path."""
    folds: dict[NodePath, list[str]] = {}
    for path, value in _values(node, ()):
        if getattr(value, "style", None) != ">":
            continue
        segment = document.text[value.start_mark.index : value.end_mark.index]
        parts = [part.strip() for part in segment.split("\n")[1:]]
        while parts and not parts[-1]:
            parts.pop()
        if parts and all(parts):
            folds[path] = parts
    return folds


def _values(node: Node, path: NodePath) -> list[tuple[NodePath, Node]]:
    found: list[tuple[NodePath, Node]] = []
    if isinstance(node.value, list):
        for index, child in enumerate(node.value):
            if isinstance(child, tuple):
                key_path = (*path, str(child[0].value))
                found.append((key_path, child[1]))
                found.extend(_values(child[1], key_path))
            else:
                found.extend(_values(child, (*path, index)))
    return found


def record_files(records_dir: Path, paths: list[Path]) -> list[str]:
    """The record files that `paths` (files or folders) name, relative to `records_dir`.

    The partner registry (`partners.yaml`) is skipped: it is not a record file.
    """
    from jdiplo.layout import find_record_files

    root = records_dir.resolve()
    every = find_record_files(records_dir)
    chosen: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if not resolved.exists():
            raise UsageError(f"{path} does not exist", "PATH")
        try:
            relative = resolved.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(
                f"{path} is not in the records directory {records_dir}", "PATH"
            ) from None
        if resolved.is_dir():
            chosen.extend(f for f in every if relative == "." or f.startswith(relative + "/"))
        elif relative in every:
            chosen.append(relative)
        elif relative not in REGISTRY_FILES:
            raise UsageError(f"{path} is not a record file (*.yaml, *.yml)", "PATH")
    return list(dict.fromkeys(chosen))
