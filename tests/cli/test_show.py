"""`jdiplo show`: full records by id, from arguments or stdin."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke

FM = "2024-07-26-japan-rok-foreign-ministers"
PLAN = "2024-07-28-us-joint-forces-command"


def test_text_shows_every_field_that_is_set(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "show", FM)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"id         {FM}"
    assert "people     Yoko Kamikawa, Foreign Minister, JP" in lines
    assert "           Cho Tae-yul, Foreign Minister, ROK" in lines
    assert "place      Vientiane, LA" in lines
    assert "    seeds/000_7715609ff7e77d61.txt" in result.stdout


def test_ids_from_stdin_in_the_order_given(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo(
        "--records", str(sample), "show", "-", "--format", "jsonl", input=f"{PLAN}\n\n{FM}\n"
    )
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [PLAN, FM]


def test_the_list_ids_show_pipe(jdiplo: Invoke, sample: Path) -> None:
    ids = jdiplo("--records", str(sample), "list", "--partner", "US", "--format", "ids").stdout
    result = jdiplo("--records", str(sample), "show", "-", "--format", "json", input=ids)
    assert [record["id"] for record in json.loads(result.stdout)] == ids.split()


def test_a_missing_id_is_an_error_naming_it(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "show", FM, "2024-07-28-japan-us-2plus3")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "jdiplo: no event with id '2024-07-28-japan-us-2plus3' "
        "(did you mean '2024-07-28-japan-us-2plus2'?)\n"
    )


def test_yaml_is_a_record_file_without_empty_fields(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "show", PLAN, "--format", "yaml")
    assert result.stdout.startswith("events:\n- id: 2024-07-28-us-joint-forces-command\n")
    assert "end:" not in result.stdout and "people:" not in result.stdout
    assert "  due: '2024'\n" in result.stdout


def test_text_cites_every_source_in_full(jdiplo: Invoke, tmp_path: Path) -> None:
    """publisher, author, title, date, address (URL and file) and the quote, numbered."""
    records = tmp_path / "repo" / "records"
    (records / "2024").mkdir(parents=True)
    (tmp_path / "repo" / "notes.txt").write_text("the words quoted\n")
    (records / "2024" / "2024-07.yaml").write_text(
        "events:\n"
        "  - id: cited\n    date: 2024-07-01\n    title: Cited twice\n    kind: meeting\n"
        "    partners: [US]\n    sources:\n"
        "      - title: The Article\n        url: https://example.org/article\n"
        "        publisher: The Paper\n        author: A. Writer\n        date: 2024-07-02\n"
        "        quote: the words quoted\n"
        "      - file: notes.txt\n        quote: the words quoted\n"
    )
    result = jdiplo("--records", str(records), "show", "cited")
    assert result.code == 0, result.stderr
    sources = result.stdout[result.stdout.index("sources    ") :].splitlines()
    assert sources == [
        "sources    [1] The Article (The Paper, A. Writer, 2024-07-02)",
        "               https://example.org/article",
        '               "the words quoted"',
        "           [2]",
        "               notes.txt",
        '               "the words quoted"',
    ]
