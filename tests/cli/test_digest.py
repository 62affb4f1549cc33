"""`jdiplo digest` as a user runs it: the July 2024 story, Markdown, JSON, errors, pipes."""

from __future__ import annotations

import datetime as dt
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
# The day the pinned digests are made: the steps due in 2024 are overdue, the others are not.
AS_OF = ("--as-of", "2025-01-15")
SEED = ROOT / "seeds" / "000_7715609ff7e77d61.txt"
HOSTILE = "[bold red]ALERT[/bold red] | *star* _under_ &amp; <b>x</b> `code` #1 \\ [a](b)"


def test_july_text_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2024-07", *AS_OF)
    assert result.code == 0, result.stderr
    golden("digest-2024-07.txt", result.stdout)


def test_july_markdown_is_pinned(jdiplo: Invoke, golden: Golden) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--month", "2024-07", "--format", "md", *AS_OF)
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
    source = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", "-F", "md", *AS_OF).stdout
    blocks = markdown_blocks(source)
    headings = [block for block in blocks if block[0] != "li"]
    steps = ("h3", "Announced steps (as of 2025-01-15)")
    assert headings == [
        ("h1", "Digest 2024-07 (2024-07-01 to 2024-07-31)"),
        ("h2", "Highlights"),
        ("h3", "Firsts"),
        steps,
        ("h2", "United States (US)"),
        ("h2", "Europe"),  # the article's "European" aspect: its partners told together
        ("h3", "United Kingdom (UK)"),
        ("h3", "Italy (IT)"),  # every partner with events has its heading
        ("h3", "Germany (DE)"),
        ("h3", "Spain (ES)"),
        ("h3", "Ukraine (UA)"),
        ("h2", "Republic of Korea (ROK)"),
        ("h2", "Oceania"),
        ("h3", "Australia (AU)"),
        ("h3", "New Zealand (NZ)"),
        ("h2", "Indo-Pacific Four (IP4)"),
        ("h2", "Japan-US-Republic of Korea trilateral (JUSK)"),
        ("h2", "United Nations Educational, Scientific and Cultural Organization (UNESCO)"),
        ("h2", "Counts"),
        ("h3", "By kind"),
        ("h3", "By domain"),
        ("h2", "Sources"),
    ]
    firsts = blocks[blocks.index(("h3", "Firsts")) + 1 : blocks.index(steps)]
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
    from jdiplo.query import Query
    from jdiplo.store import open_records

    monkeypatch.setenv("COLUMNS", "300")  # one line per title

    records = open_records(hostile_records(tmp_path, HOSTILE + " \x1b[31mred"), cache=False)
    digest = period_digest(records.select(Query()), records.registry, today=dt.date(2024, 8, 1))
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
    assert "\nSources\n  [1]" in text


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
        [make_event(partners=["XX", "YY"])],
        builtin_registry(),
        parse_period("2024"),
        today=dt.date(2024, 8, 1),
    )
    assert [(group.key, group.name, group.kind) for group in digest.groups] == [
        ("XX", "XX", "unknown"),
        ("YY", "YY", "unknown"),
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


# Citations, structure and steps, as the analyst preparing the July 2024 brief reads them


def footnoted(source: str) -> tuple[list[str], dict[str, str]]:
    """The footnote labels referenced (in order) and the text of each definition, as
    markdown-it with its footnote plugin reads them."""
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark").use(footnote_plugin)
    environment: dict[str, object] = {}
    tokens = parser.parse(source, environment)
    references = [
        child.meta["label"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "footnote_ref"
    ]
    footnotes = environment["footnotes"]
    assert isinstance(footnotes, dict)
    definitions = {}
    for number, token in enumerate(tokens):
        if token.type == "footnote_open":
            label = footnotes["list"][token.meta["id"]]["label"]
            inline = tokens[number + 2]
            definitions[label] = "".join(
                child.content for child in inline.children or [] if child.type == "text"
            )
    return references, definitions


def test_the_markdown_brief_cites_every_event_in_footnotes_that_resolve(jdiplo: Invoke) -> None:
    source = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", "-F", "md", *AS_OF).stdout
    references, definitions = footnoted(source)
    assert references, "no footnote reference"
    assert set(references) == set(definitions)  # every reference has its definition, and back
    assert list(dict.fromkeys(references)) == [str(n) for n in range(1, len(definitions) + 1)]
    july = in_period(bundled(), "2024-07")
    quotes = {" ".join(s.quote.split()) for event in july for s in event.sources}
    seed = SEED.read_text(encoding="utf-8")
    for text in definitions.values():
        assert text.startswith("New Eastern Outlook, Nazar Kurbanov, ")
        assert "seeds/000_7715609ff7e77d61.txt: \u201c" in text
        quote = text.split(": \u201c", 1)[1].removesuffix("\u201d")
        assert quote in quotes
        for excerpt in quote.split(" \u2026 "):
            assert excerpt in seed  # verbatim
    # each event line carries its footnote: the title, then [^n]
    for event in july:
        assert re.search(re.escape(markdown_escaped(event.title)) + r"\[\^\d+\]", source), event.id


def markdown_escaped(text: str) -> str:
    from jdiplo.render.markdown import escape_markdown

    return escape_markdown(text)


def test_no_sources_gives_the_bare_digest(jdiplo: Invoke) -> None:
    for form in ("text", "md", "json"):
        result = jdiplo(
            "--records", RECORDS, "digest", "-m", "2024-07", "-F", form, "--no-sources", *AS_OF
        )
        assert result.code == 0, result.stderr
        assert "Sources" not in result.stdout and "[^" not in result.stdout
        assert not re.search(r"\[\d+\]", result.stdout), form
    document = json.loads(
        jdiplo("--records", RECORDS, "digest", "-m", "2024-07", "-F", "json", "--no-sources").stdout
    )
    assert document["sources"] == []


def test_the_text_digest_ends_with_its_sources(jdiplo: Invoke) -> None:
    text = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", *AS_OF).stdout
    sources = text[text.index("\nSources\n") :]
    assert sources.count("\n  [") == 24
    assert "\n  [1]   New Eastern Outlook, Nazar Kurbanov, seeds/000_7715609ff7e77d61.txt\n" in (
        sources
    )
    assert "        \u201cAnother important event was the joint exercises" in sources


def test_regions_visibly_hold_their_partners_in_text(jdiplo: Invoke) -> None:
    text = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", *AS_OF).stdout
    lines = text.splitlines()
    europe = lines.index("EUROPE · 5 partners · 7 events")
    korea = next(n for n, line in enumerate(lines) if line.startswith("Republic of Korea (ROK)"))
    inside = [line for line in lines[europe + 1 : korea] if line.strip()]
    assert all(line.startswith("  ") for line in inside)  # indented under the region
    headings = [line for line in inside if not line.startswith("    ")]
    assert headings == [
        "  United Kingdom (UK) · 5 events",
        "  Italy (IT) · 4 events (told under UK)",
        "  Germany (DE) · 1 event",
        "  Spain (ES) · 1 event (told under DE)",
        "  Ukraine (UA) · 1 event (told under IP4)",
    ]
    assert lines[europe - 1] == ""  # a region heading stands apart
    assert not lines[korea].startswith(" ")  # a partner outside a region is not indented


def test_a_multi_partner_event_is_told_once_and_named_under_the_others(jdiplo: Invoke) -> None:
    text = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", *AS_OF).stdout
    body = text[text.index("United States (US)") : text.index("\nCounts\n")]
    title = "Defence Minister Kihara meets the UK and Italian defence ministers in London"
    told = [line for line in body.splitlines() if title in line and "told under" not in line]
    named = [line for line in body.splitlines() if title in line and "told under" in line]
    assert len(told) == 1 and "with IT" in body[body.index(told[0]) :].splitlines()[1]
    assert len(named) == 1
    assert re.fullmatch(rf"    2024-07-23  {title} · told under United Kingdom \[\d+\]", named[0])


def test_announced_steps_say_overdue_as_of_the_day_asked(jdiplo: Invoke) -> None:
    def step_lines(*arguments: str) -> list[str]:
        text = jdiplo("--records", RECORDS, "digest", "-m", "2024-07", *arguments).stdout
        block = text[text.index("  Announced steps") : text.index("\nUnited States")]
        return block.splitlines()

    assert step_lines("--as-of", "2024-08-01")[0] == "  Announced steps (as of 2024-08-01)"
    assert not any("overdue" in line for line in step_lines("--as-of", "2024-08-01"))
    late = [line for line in step_lines("--as-of", "2025-01-01") if "overdue" in line]
    assert len(late) == 2 and all(line.startswith("    due 2024 ") for line in late)


def test_a_delivery_recorded_later_marks_the_step_delivered(jdiplo: Invoke, sample: Path) -> None:
    later = sample / "2024" / "2024-12.yaml"
    later.write_text(
        "events:\n"
        "  - id: 2024-12-us-joint-forces-command-created\n"
        "    date: 2024-12\n"
        "    title: The US joint forces command is created\n"
        "    kind: institutional\n"
        "    partners: [US]\n"
        "    sources:\n"
        "      - {url: 'https://example.org/jfc', quote: test only}\n"
        "    fulfils: [2024-07-28-us-joint-forces-command]\n"
    )
    arguments = ("--records", str(sample), "digest", "-m", "2024-07", "--as-of", "2025-06-01")
    text = jdiplo(*arguments).stdout
    assert (
        "due 2024  A new US joint forces command in Japan to be created at the end of 2024"
        " (US; announced 2024-07-28) · delivered: 2024-12 The US joint forces command is created"
    ) in text
    document = json.loads(jdiplo(*arguments, "-F", "json").stdout)
    (step,) = document["announced"]
    assert step["state"] == "delivered"
    assert step["delivered_by"] == [
        {
            "id": "2024-12-us-joint-forces-command-created",
            "date": "2024-12",
            "title": "The US joint forces command is created",
        }
    ]
    # the delivery is outside the month asked for, and still counts; the digest tells July only
    assert document["total"] == 3


@pytest.mark.parametrize("value", ["2024-08", "tomorrow", "2024-02-30", "20240801"])
def test_as_of_must_be_a_day(jdiplo: Invoke, value: str) -> None:
    result = jdiplo("--records", RECORDS, "digest", "--as-of", value)
    assert result.code == 2
    assert f"{value!r} is not a day: write YYYY-MM-DD" in result.stderr


def test_a_hostile_source_is_cited_literally_in_markdown(jdiplo: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "repo" / "records"
    (records / "2024").mkdir(parents=True)
    hostile = "[^9]: *not* a <b>note</b> | `x` [a](javascript:alert(1))"
    (records / "2024" / "2024-07.yaml").write_text(
        "events:\n  - id: a\n    date: 2024-07-01\n    title: T\n    kind: meeting\n"
        "    partners: [US]\n    sources:\n"
        "      - url: https://example.org/a?b=(c)&d=<e>\n"
        f"        publisher: {json.dumps(hostile)}\n"
        f"        quote: {json.dumps(hostile)}\n"
    )
    source = jdiplo("--records", str(records), "digest", "-F", "md").stdout
    references, definitions = footnoted(source)
    assert references == ["1"] and list(definitions) == ["1"]
    text = definitions["1"]
    assert text.count(hostile) == 2  # publisher and quote, exactly as written
    assert "https://example.org/a?b=(c)&d=<e>" in text  # not an autolink: it holds < and >
    rendered = MarkdownIt("commonmark").render(source)
    assert "<b>" not in rendered and 'href="javascript' not in rendered
