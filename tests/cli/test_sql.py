"""`jdiplo sql`: read-only SQL over the index, in every format, with or without the cache."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Invoke

COUNT_BY_PARTNER = (
    "SELECT code, count(*) AS events FROM event_partners GROUP BY code ORDER BY events DESC, code"
)


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["index", "no-cache"])
def test_counts_by_partner(jdiplo: Invoke, sample: Path, cache: list[str]) -> None:
    result = jdiplo(*cache, "--records", str(sample), "sql", COUNT_BY_PARTNER, "-F", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"code": "US", "events": 2},
        {"code": "ROK", "events": 1},
    ]


def test_every_format(jdiplo: Invoke, sample: Path) -> None:
    def run(format_name: str) -> str:
        result = jdiplo("--records", str(sample), "sql", COUNT_BY_PARTNER, "-F", format_name)
        assert result.code == 0, result.stderr
        return result.stdout

    assert run("plain") == "US\t2\nROK\t1\n"
    assert run("tsv") == "code\tevents\nUS\t2\nROK\t1\n"
    assert list(csv.reader(io.StringIO(run("csv")))) == [
        ["code", "events"],
        ["US", "2"],
        ["ROK", "1"],
    ]
    assert json.loads(run("jsonl").splitlines()[0]) == {
        "code": "US",
        "events": 2,
    }
    assert run("md").splitlines()[:2] == ["| code | events |", "|---|---:|"]
    assert "events" in run("table").splitlines()[0]


def test_the_record_column_is_the_json_record(jdiplo: Invoke, sample: Path) -> None:
    statement = (
        "SELECT json_extract(record, '$.place.name') AS place FROM events"
        " WHERE id = '2024-07-26-japan-rok-foreign-ministers'"
    )
    assert jdiplo("--records", str(sample), "sql", statement).stdout == "Vientiane\n"


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM events",
        "UPDATE events SET title = 'x'",
        "INSERT INTO meta VALUES ('a', 'b')",
        "DROP TABLE events",
        "CREATE TABLE x (y)",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA journal_mode = DELETE",
    ],
)
def test_a_statement_that_writes_is_refused(jdiplo: Invoke, sample: Path, statement: str) -> None:
    result = jdiplo("--records", str(sample), "sql", statement)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("jdiplo: only statements that read are allowed")
    assert jdiplo("--records", str(sample), "sql", "SELECT count(*) FROM events").stdout == "3\n"


def test_an_sql_error_is_one_line(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "sql", "SELEC 1")
    assert (result.code, result.stderr) == (2, 'jdiplo: SQL error: near "SELEC": syntax error\n')
