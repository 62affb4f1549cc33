"""`jdiplo digest` as a user runs it: the July 2024 story, Markdown, JSON, errors, pipes."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from reports_data import bundled, in_period

from conftest import BUNDLED_RECORDS, DATA, ROOT, Golden, Invoke
from jdiplo.partners import builtin_registry
from jdiplo.periods import parse_period
from jdiplo.render import write_report
from jdiplo.render.console import Output
from jdiplo.reports.digest import period_digest

RECORDS = str(BUNDLED_RECORDS)
HOSTILE = "[bold red]ALERT[/bold red] | *star* _under_ &amp; <b>x</b> `code` #1 \\ [a](b)"


def test_july_text_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2024-07")
    assert result.code == 0, result.stderr
    golden("digest-2024-07.txt", result.stdout)


def test_july_markdown_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2024-07", "--format", "md")
    assert result.code == 0, result.stderr
    golden("digest-2024-07.md", result.stdout)


def test_july_tells_every_event_and_every_first_and_step(jdiplo: Invoke) -> None:
    text = jdiplo("--records", RECORDS, "digest", "--month", "2024-07").stdout
    july = in_period(bundled(), "2024-07")
    assert len(july) == 24
    for event in july:
        assert text.count(event.title) >= 1, event.id
        for first in event.firsts:
            assert f"first: {first}" in text
        if event.status == "announced":  # in the highlights, with its due date
            due = f"due {event.due}" if event.due else "no due date"
            assert re.search(rf"\n    {due} +{re.escape(event.title)} \(", text), event.id
    assert text.startswith("Digest 2024-07 (2024-07-01 to 2024-07-31)\n24 events · 10 partners")


def markdown_blocks(source: str) -> list[tuple[str, str]]:
    """(tag, text) of each heading and top-level list item, in order."""
    tokens = MarkdownIt("commonmark").parse(source)
    blocks = []
    for number, token in enumerate(tokens):
        if token.type == "heading_open":
            blocks.append((token.tag, tokens[number + 1].content))
        elif token.type == "list_item_open" and token.level == 1:
            blocks.append(("li", tokens[number + 2].content))
    return blocks


def test_july_markdown_has_headings_and_lists_where_expected(jdiplo: Invoke) -> None:
    source = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", "-F", "md").stdout
    blocks = markdown_blocks(source)
    headings = [block for block in blocks if block[0] != "li"]
    assert headings == [
        ("h1", "Digest 2024-07 (2024-07-01 to 2024-07-31)"),
        ("h2", "Highlights"),
        ("h3", "Firsts"),
        ("h3", "Announced steps"),
        ("h2", "United States (US)"),
        ("h2", "Europe"),  # the article's "European" aspect: its partners told together
        ("h3", "United Kingdom (UK)"),
        ("h3", "Germany (DE)"),
        ("h2", "Republic of Korea (ROK)"),
        ("h2", "Indo-Pacific Four (IP4)"),
        ("h2", "Japan-US-Republic of Korea trilateral (JUSK)"),
        ("h2", "Counts"),
        ("h3", "By kind"),
        ("h3", "By domain"),
    ]
    firsts = blocks[blocks.index(("h3", "Firsts")) + 1 : blocks.index(("h3", "Announced steps"))]
    assert len(firsts) == 6 and all(tag == "li" for tag, _ in firsts)
    us = blocks[blocks.index(("h2", "United States (US)")) + 1 :][:8]
    assert all(tag == "li" for tag, _ in us)
    rendered = html.unescape(MarkdownIt("commonmark").render(source))
    assert "2+2" in rendered and "2\\+2" not in rendered


def hostile_records(tmp_path: Path, title: str) -> Path:
    target = tmp_path / "hostile"
    shutil.copytree(DATA / "sample", target)
    path = target / "records" / "2024" / "2024-07.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: Foreign Ministers Kamikawa and Cho Tae-yul meet in Vientiane"
    assert old in text
    path.write_text(text.replace(old, f"title: {json.dumps(title)}"), encoding="utf-8")
    return target / "records"


def test_markup_in_a_title_renders_literally_in_markdown(jdiplo: Invoke, tmp_path: Path) -> None:
    records = str(hostile_records(tmp_path, HOSTILE))
    source = jdiplo("--records", records, "digest", "-F", "md").stdout
    tokens = MarkdownIt("commonmark").parse(source)
    inline = [token for token in tokens if token.type == "inline" and "ALERT" in token.content]
    assert inline, source
    for token in inline:
        children = token.children or []
        kinds = {child.type for child in children}
        assert not kinds & {"em_open", "link_open", "html_inline", "code_inline"}, kinds
        text = "".join(child.content for child in children if child.type == "text")
        assert HOSTILE in text
    assert "| *star*" not in source  # escaped in the source, so no table and no emphasis


def test_markup_in_a_title_prints_literally_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jdiplo.store import LoadedRecords, open_records

    monkeypatch.setenv("COLUMNS", "300")  # one line per title

    records = open_records(hostile_records(tmp_path, HOSTILE + " \x1b[31mred"), cache=False)
    assert isinstance(records, LoadedRecords)
    digest = period_digest(records.events, records.registry)
    stream = io.StringIO()
    write_report(digest, "text", Output(stream, terminal=True, color=False))
    assert HOSTILE in stream.getvalue()
    assert "\\x1b[31mred" in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_control_characters_are_escaped_in_text_and_exact_in_json(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = str(hostile_records(tmp_path, "Bell\x07 and \u202eevil"))
    text = jdiplo("--records", records, "digest").stdout
    assert "Bell\\x07 and \\u202eevil" in text
    assert "\x07" not in text and "\u202e" not in text
    document = json.loads(jdiplo("--records", records, "digest", "-F", "json").stdout)
    titles = [event["title"] for group in document["groups"] for event in group["events"]]
    assert "Bell\x07 and \u202eevil" in titles


def test_limit_keeps_the_earliest_and_says_so(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2024-07", "--limit", "3")
    assert "the first 3 of 24 matching events (--limit)" in result.stdout
    document = json.loads(
        jdiplo("--records", RECORDS, "digest", "-m", "2024-07", "-n", "3", "-F", "json").stdout
    )
    assert (document["total"], document["matching"]) == (3, 24)


def test_one_partner_gives_the_relationship_digest(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--partner", "kr", "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["partner"] == {"code": "ROK", "name": "Republic of Korea", "kind": "state"}
    assert document["total"] == 10
    assert [row["key"] for row in document["frameworks"]] == ["IP4", "NATO", "JUSK"]
    text = jdiplo("--records", RECORDS, "digest", "--partner", "ROK").stdout
    assert text.startswith("Relationship digest: Republic of Korea (ROK)\nall records · 10 events")
    assert "first contact  2024-07     ROK Ambassador Yun Duk-min" in text


def test_two_partners_give_a_period_digest_of_both(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "-p", "ROK", "-p", "UK", "-F", "json")
    document = json.loads(result.stdout)
    assert [group["key"] for group in document["groups"]][:2] == ["ROK", "UK"]
    assert document["total"] == 15


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--month", "2024-13"], "there is no month 13"),
        (["--month", "2024"], "'2024' is not a month"),
        (["--format", "jsn"], "did you mean 'json'?"),
        (["--partner", "Kroea"], "did you mean"),
        (["--kind", "meetign"], "did you mean 'meeting'?"),
    ],
)
def test_bad_options_are_usage_errors(jdiplo: Invoke, arguments: list[str], message: str) -> None:
    result = jdiplo("--records", RECORDS, "digest", *arguments)
    assert result.code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_invalid_records_are_refused(jdiplo: Invoke, sample: Path) -> None:
    path = sample / "2024" / "2024-07.yaml"
    path.write_text(path.read_text().replace("kind: meeting", "kind: picnic", 1))
    result = jdiplo("--records", str(sample), "digest", "--month", "2024-07")
    assert result.code == 1
    assert re.search(r"2024/2024-07.yaml:\d+:\d+: unknown kind 'picnic'", result.stderr)
    assert result.stdout == ""


def test_a_period_without_events_says_so(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2023-01")
    assert result.code == 0
    assert "0 events · 0 partners · 0 frameworks" in result.stdout
    assert "none recorded" in result.stdout


def test_digest_in_a_real_pipe_closed_early() -> None:
    command = [sys.executable, "-m", "jdiplo", "--records", RECORDS, "digest", "--month", "2024-07"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={"PATH": ""}
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    errors = process.stderr.read()
    assert process.wait() == 0
    assert first == b"Digest 2024-07 (2024-07-01 to 2024-07-31)\n"
    assert errors == b""


def test_digest_of_built_in_registry_codes_only() -> None:
    # A digest names groups from the registry; an unknown code (not possible in valid records)
    # keeps its code as its name rather than failing.
    from reports_data import make_event

    digest = period_digest(
        [make_event(partners=["XX", "YY"])], builtin_registry(), parse_period("2024")
    )
    assert [(group.key, group.name, group.kind) for group in digest.groups] == [
        ("XX", "XX", "unknown")
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        ["digest"],
        ["digest", "--format", "md"],
        ["digest", "--partner", "US"],
        ["digest", "--partner", "US", "--format", "md"],
        ["diff", "2024-07", "--format", "text"],
        ["diff", "2024-07", "--format", "md"],
    ],
)
def test_the_hostile_record_set_stays_data(jdiplo: Invoke, arguments: list[str]) -> None:
    """Main's hostile records: markup, escapes, a tab, a newline, a bidi override."""
    result = jdiplo("--records", str(DATA / "hostile" / "records"), *arguments)
    assert result.code == 0, result.stderr
    for character in result.stdout.replace("\n", ""):
        assert ord(character) >= 32 and not 0x7F <= ord(character) <= 0x9F, repr(character)
        assert character != "\u202e"
    if "md" not in arguments and "diff" not in arguments:
        assert "[bold red]ALERT[/bold red] \\x1b[31mred\\x1b[0m\\tand | pipes" in result.stdout
        assert "[link=https://example.org]click[/link] (Envoy\\x1b]0;title\\x07)" in result.stdout
