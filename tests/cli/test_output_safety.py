"""Text from records is data: no rich markup, no terminal control codes, in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from markdown_it import MarkdownIt

from conftest import DATA, Invoke

RECORDS = str(DATA / "hostile" / "records")
TITLE = "[bold red]ALERT[/bold red] \x1b[31mred\x1b[0m\tand | pipes *stars* _under_"
ESCAPED_TITLE = "[bold red]ALERT[/bold red] \\x1b[31mred\\x1b[0m\\tand | pipes *stars* _under_"


def no_control_characters(text: str) -> bool:
    return not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)


@pytest.mark.parametrize(
    ("command", "format_name"),
    [
        ("list", "table"),
        ("list", "plain"),
        ("list", "tsv"),
        ("list", "ids"),
        ("list", "md"),
        ("show", "text"),
    ],
)
def test_formats_people_read_escape_control_characters(
    jdiplo: Invoke, command: str, format_name: str
) -> None:
    args = ["--records", RECORDS, command, "--format", format_name]
    result = jdiplo(*args, *(["hostile"] if command == "show" else []))
    assert result.code == 0, result.stderr
    separator = "\t" if format_name in ("plain", "tsv") else ""  # their own column separator
    lines = result.stdout.splitlines()
    cells = [cell for line in lines for cell in (line.split(separator) if separator else [line])]
    assert all(no_control_characters(cell) for cell in cells)
    if format_name not in ("ids", "md"):
        assert "[bold red]ALERT[/bold red]" in result.stdout  # printed literally, not styled


def test_plain_keeps_one_line_per_event_and_five_columns(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "list", "--format", "plain")
    assert result.stdout.split("\n")[0].split("\t") == [
        "hostile", "2024-07-01", "statement", "US", ESCAPED_TITLE,
    ]  # fmt: skip


def test_show_text_escapes_the_summary_and_people(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "show", "hostile")
    assert "line one\\nline two \\u202eevil" in result.stdout
    assert "[link=https://example.org]click[/link], Envoy\\x1b]0;title\\x07" in result.stdout


@pytest.mark.parametrize("format_name", ["json", "jsonl"])
def test_json_keeps_text_exact(jdiplo: Invoke, format_name: str) -> None:
    result = jdiplo("--records", RECORDS, "list", "--format", format_name)
    record = json.loads(result.stdout)[0] if format_name == "json" else json.loads(result.stdout)
    assert record["title"] == TITLE
    assert record["summary"] == "line one\nline two \u202eevil"
    assert "\x1b" not in result.stdout  # JSON escapes it as \u001b


def test_csv_keeps_text_exact_under_its_quoting(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "list", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["title"] == TITLE
    assert row["summary"] == "line one\nline two \u202eevil"


def test_yaml_keeps_text_exact(jdiplo: Invoke) -> None:
    from ruamel.yaml import YAML

    result = jdiplo("--records", RECORDS, "show", "hostile", "--format", "yaml")
    assert "\x1b" not in result.stdout
    event = YAML(typ="safe").load(result.stdout)["events"][0]
    assert event["title"] == TITLE


def test_markdown_renders_the_title_literally(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "list", "--format", "md")
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<table>" in html
    assert html.count("<td>") == 5  # the pipe in the title did not add a cell
    assert "[bold red]ALERT[/bold red]" in html
    assert "*stars* _under_" in html  # not <em>
    assert "<em>" not in html
