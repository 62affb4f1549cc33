"""fmt: the canonical layout, every comment kept with what it describes, idempotent."""

from __future__ import annotations

import io
import random
import re
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from jdiplo.authoring.document import analyse
from jdiplo.authoring.fmt import format_text
from jdiplo.load import compose, read_events
from jdiplo.model import Event
from jdiplo.partners import builtin_registry
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS

REGISTRY = builtin_registry()


def events_of(text: str) -> list[Event]:
    root, problems = compose(text, "test.yaml")
    assert root is not None, problems
    events, problems, _, _ = read_events(root.value[0][1].value, "test.yaml", REGISTRY)
    assert problems == []
    return events


def fmt(text: str) -> str:
    return format_text(text, events_of(text), "test.yaml", REGISTRY)


MESSY = """\
# Header comment
%YAML 1.2
---
events:   # the list
  # intro about the list

  # leading of b
  - id: b
    title: "B title"   # eol on title
    date: '2024-07-28'
    kind: meeting
    # before partners
    partners:
      - US   # eol on US item
      - ROK
    sources:
      - quote: At the end of 2024, a new US joint forces command will be created
        # comment before url
        url: https://example.org/b
    # trailing of b

  # floating before a

  - {id: a, date: 2024-07, title: 'A: title', kind: other, partners: [UK],
     sources: [{url: "https://x.org/a", quote: "q\\u0007x"}]}
# footer comment
...
"""

TIDY = """\
# Header comment
%YAML 1.2
---
events:  # the list
  # intro about the list

  # floating before a

  - id: a
    date: 2024-07
    title: 'A: title'
    kind: other
    partners: [UK]
    sources:
      - url: https://x.org/a
        quote: "q\\x07x"

  # leading of b
  - id: b
    date: 2024-07-28
    title: B title  # eol on title
    kind: meeting
    # before partners
    partners: [US, ROK]  # eol on US item
    sources:
      # comment before url
      - url: https://example.org/b
        quote: At the end of 2024, a new US joint forces command will be created
    # trailing of b

# footer comment
...
"""


def test_a_messy_file_becomes_canonical_with_its_comments_where_they_belong() -> None:
    assert fmt(MESSY) == TIDY
    assert fmt(TIDY) == TIDY


def test_folded_text_keeps_its_line_breaks_when_they_fit() -> None:
    text = (
        "events:\n  - id: a\n    date: 2024\n    title: T\n    kind: other\n    partners: [US]\n"
        "    summary: >-\n      A summary broken\n      by hand\n      at short lines, long enough"
        " to need more than the hundred columns of a line,\n      there.\n"
        "    sources: [{url: 'https://x.org', quote: q}]\n"
    )
    tidy = fmt(text)
    assert "      A summary broken\n      by hand\n      at short lines" in tidy
    assert fmt(tidy) == tidy


def test_a_short_folded_text_becomes_one_line() -> None:
    text = (
        "events:\n  - id: a\n    date: 2024\n    title: T\n    kind: other\n    partners: [US]\n"
        "    summary: >-\n      short\n      text\n"
        "    sources:\n      - url: https://x.org\n        quote: q\n"
    )
    assert "    summary: short text\n" in fmt(text)


# Generated record files, written in many layouts, with comments in many places

slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
lines = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40).filter(
    lambda text: text.strip() != ""
)
# No carriage return: a bare CR is a line end that the writers refuse (one line-end style per
# file, LF or CRLF), and ruamel may write one inside a block scalar.
free_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=300
).filter(lambda text: text.strip() != "")


@st.composite
def dates(draw: st.DrawFn) -> Any:
    month = draw(st.integers(min_value=1, max_value=12))
    return draw(
        st.sampled_from(
            [2024, "2024", f"2024-{month:02d}", f"2024-{month:02d}-{draw(st.integers(1, 28)):02d}"]
        )
    )


def block_style(text: str, style: int) -> str:
    """Text that ruamel writes as is (0), folded with `>` (1) or literal with `|` (2)."""
    if style == 1 and "\n" not in text:
        return FoldedScalarString(text)
    if style == 2:
        return LiteralScalarString(text)
    return text


@st.composite
def events(draw: st.DrawFn, number: int) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": f"{draw(slugs)}-{number}",
        "date": draw(dates()),
        "title": draw(lines),
        "kind": draw(st.sampled_from(KINDS)),
        "partners": draw(
            st.lists(
                st.sampled_from(["US", "ROK", "UK", "IT"]), min_size=1, max_size=3, unique=True
            )
        ),
    }
    if draw(st.booleans()):
        event["level"] = draw(st.sampled_from(LEVELS))
    if draw(st.booleans()):
        event["domains"] = draw(st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True))
    if draw(st.booleans()):
        event["people"] = [
            {"name": draw(lines), "role": draw(lines), "country": "JP"}
            for _ in range(draw(st.integers(1, 2)))
        ]
    if draw(st.booleans()):
        event["place"] = {"name": draw(lines), "country": "US"}
    if draw(st.booleans()):
        event["summary"] = block_style(draw(free_text), draw(st.integers(0, 2)))
    if draw(st.booleans()):
        event["firsts"] = draw(st.lists(lines, max_size=2))
    if draw(st.booleans()):
        event["amount"] = {"value": draw(st.integers(0, 10**12)), "currency": "JPY"}
    event["sources"] = [
        # Quoted: a plain URL in a flow mapping is beyond libyaml's YAML 1.1 (ruamel writes it).
        {
            "url": DoubleQuotedScalarString("https://example.org/" + draw(slugs)),
            "quote": block_style(draw(free_text), draw(st.integers(0, 2))),
        }
        for _ in range(draw(st.integers(1, 2)))
    ]
    if draw(st.booleans()):
        event["tags"] = draw(st.lists(slugs, max_size=3, unique=True))
    keys = list(event)
    draw(st.randoms()).shuffle(keys)  # any key order
    return {key: event[key] for key in keys}


@st.composite
def record_files(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=0, max_value=4))
    data = {"events": [draw(events(number)) for number in range(count)]}
    yaml = YAML(typ="rt")
    yaml.default_flow_style = draw(st.sampled_from([None, False]))
    mapping, sequence = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    yaml.indent(mapping=mapping, sequence=sequence, offset=draw(st.integers(0, sequence - 2)))
    yaml.width = draw(st.integers(20, 200))
    yaml.allow_unicode = draw(st.booleans())
    stream = io.StringIO()
    try:
        yaml.dump(data, stream)
    except Exception:  # ruamel's emitter fails on some folded texts (EmitterError, IndexError)
        reject()
    root, _ = compose(stream.getvalue(), "test.yaml")
    if root is None or read_events(root.value[0][1].value, "test.yaml", REGISTRY)[1]:
        reject()  # ruamel wrote what libyaml reads otherwise (`[?0]`, a plain URL in flow...)
    return with_comments(stream.getvalue(), draw(st.randoms()))


def with_comments(text: str, rng: random.Random) -> str:
    """`text` with unique comment lines and end-of-line comments wherever YAML allows them."""
    root, problems = compose(text, "test.yaml")
    assert root is not None, problems
    document = analyse(text, root, "test.yaml")
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node.value, list):
            for child in node.value:
                stack.extend(child if isinstance(child, tuple) else (child,))
        elif getattr(node, "style", None) in (">", "|"):  # a comment may end its first line
            spans.append((text.index("\n", node.start_mark.index), node.end_mark.index))
        else:
            spans.append((node.start_mark.index, node.end_mark.index))

    def inside(offset: int) -> bool:
        return any(start < offset < end for start, end in spans)

    out = []
    for number, line in enumerate(text.split("\n")):
        start = document.starts[number]
        indent = len(line) - len(line.lstrip())
        if not inside(start) and line.strip() and rng.random() < 0.3:
            out.append(" " * rng.randint(0, indent) + f"# line {number}")
        end = start + len(line)
        if line.strip() and not inside(end) and "#" not in line:
            line += f"  # end {number}" if rng.random() < 0.3 else ""
        out.append(line)
    return "\n".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_files())
def test_fmt_keeps_events_and_comments_and_is_idempotent(text: str) -> None:
    before = events_of(text)
    once = fmt(text)  # checks itself that events and comments are kept (NotKept otherwise)
    assert [event.record() for event in events_of(once)] == [
        event.record() for event in sorted(before, key=lambda event: event.sort_key)
    ]
    assert sorted(re.findall(r"# (?:line|end) \d+", once)) == sorted(
        re.findall(r"# (?:line|end) \d+", text)
    )
    assert fmt(once) == once
