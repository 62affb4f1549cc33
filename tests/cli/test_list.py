"""`jdiplo list` as a user runs it: filters, formats, defaults on a pipe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import BUNDLED_RECORDS, Invoke


def test_plain_on_a_pipe_is_tab_separated_without_header(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "list")
    assert result.code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == [
        "2024-07-26-japan-rok-foreign-ministers",
        "2024-07-26",
        "meeting",
        "ROK",
        "Foreign Ministers Kamikawa and Cho Tae-yul meet in Vientiane",
    ]
    assert [row[0] for row in rows] == [
        "2024-07-26-japan-rok-foreign-ministers",
        "2024-07-28-japan-us-2plus2",
        "2024-07-28-us-joint-forces-command",
    ]


def test_partner_aliases_give_the_same_events(jdiplo: Invoke) -> None:
    records = str(BUNDLED_RECORDS)
    by_code = jdiplo("--records", records, "list", "--partner", "ROK", "--format", "ids")
    assert by_code.code == 0, by_code.stderr
    assert by_code.stdout.count("\n") >= 10
    for alias in ("South Korea", "kr", "Republic of Korea", "rok"):
        assert (
            jdiplo("--records", records, "list", "-p", alias, "-F", "ids").stdout == by_code.stdout
        )


def test_jsonl_has_exactly_the_record_fields(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "list", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(records[0]) == [
        "id", "date", "end", "status", "due", "title", "kind", "partners", "frameworks",
        "level", "domains", "people", "place", "summary", "firsts", "amount", "sources",
        "tags", "related", "fulfils", "coding",
    ]  # fmt: skip
    assert records[2]["due"] == "2024"  # as written, never an invented day


def test_csv_reads_back_with_a_header_of_field_names(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "list", "--format", "csv", "--partner", "US")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == [
        "2024-07-28-japan-us-2plus2",
        "2024-07-28-us-joint-forces-command",
    ]
    assert rows[0]["frameworks"] == "2+2"
    assert json.loads(rows[0]["place"]) == {"name": "Tokyo", "country": "JP"}


def test_unknown_kind_is_a_usage_error_with_a_suggestion(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "list", "--kind", "meetign")
    assert result.code == 2
    assert "did you mean 'meeting'?" in result.stderr
    assert result.stdout == ""
