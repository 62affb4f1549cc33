"""`jdiplo sql`: read-only SQL over the index, in every format, with or without the cache."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
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


# Safe at the boundary (issue 9): streaming, interruptible, bounded, no pointers, every column

JDIPLO = Path(sys.executable).parent / "jdiplo"
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"


def test_json_each_expands_the_lists_inside_records(jdiplo: Invoke, sample: Path) -> None:
    statement = (
        "SELECT e.id, p.value ->> 'name' AS person FROM events e, json_each(e.record, '$.people')"
        " p ORDER BY e.id, p.key"
    )
    result = jdiplo("--records", str(sample), "sql", statement, "-F", "csv")
    assert result.code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["id", "person"],
        ["2024-07-26-japan-rok-foreign-ministers", "Yoko Kamikawa"],
        ["2024-07-26-japan-rok-foreign-ministers", "Cho Tae-yul"],
    ]
    tree = "SELECT count(*) FROM events e, json_tree(e.record) WHERE key = 'quote'"
    assert jdiplo("--records", str(sample), "sql", tree).stdout == "3\n"


@pytest.mark.parametrize("function", ["fts3_tokenizer('simple')", "load_extension('x')"])
def test_functions_that_expose_pointers_or_load_code_are_refused(
    jdiplo: Invoke, sample: Path, function: str
) -> None:
    result = jdiplo("--records", str(sample), "sql", f"SELECT {function}")
    name = function.split("(")[0]
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"jdiplo: the function {name} is not allowed in jdiplo sql\n"


@pytest.mark.parametrize("format_name", ["json", "jsonl", "csv", "tsv"])
def test_columns_of_the_same_name_are_all_kept(
    jdiplo: Invoke, sample: Path, format_name: str
) -> None:
    statement = "SELECT a.id, b.id, a.id AS id_2 FROM events a JOIN events b ON a.id = b.id LIMIT 1"
    result = jdiplo("--records", str(sample), "sql", statement, "-F", format_name)
    assert result.code == 0, result.stderr
    first = "2024-07-26-japan-rok-foreign-ministers"
    if format_name == "json":
        assert json.loads(result.stdout) == [{"id": first, "id_3": first, "id_2": first}]
    elif format_name == "jsonl":
        assert json.loads(result.stdout) == {"id": first, "id_3": first, "id_2": first}
    else:
        header = result.stdout.splitlines()[0]
        assert header.replace("\t", ",") == "id,id_3,id_2"


def test_a_timeout_stops_a_runaway_statement(jdiplo: Invoke, sample: Path) -> None:
    sorted_endlessly = f"{ENDLESS} ORDER BY x DESC LIMIT 1"
    result = jdiplo("--records", str(sample), "sql", sorted_endlessly, "--timeout", "0.5")
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        "jdiplo: time limit: the statement ran for more than 0.5 s (--timeout)\n"
    )


def test_sqlite_memory_is_bounded(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jdiplo.index.readonly.MEMORY_LIMIT", 8 << 20)
    statement = "SELECT group_concat(randomblob(1000)) FROM (" + ENDLESS + " LIMIT 100000)"
    result = jdiplo("--records", str(sample), "sql", statement)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr.startswith("jdiplo: the statement needed more than 8 MB of memory")
    assert jdiplo("--records", str(sample), "sql", "SELECT count(*) FROM events").stdout == "3\n"


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_rows_stream_so_head_ends_an_endless_statement(sample: Path) -> None:
    """`fetchall()` read every row before writing one: an endless statement never answered.
    Rows are written as they are read, so `| head -1` ends it (subprocess's timeout only
    bounds a failure, it measures nothing)."""
    done = subprocess.run(
        f"'{JDIPLO}' --records '{sample}' sql '{ENDLESS}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")


def busy_in_sqlite(pid: int) -> None:
    """Wait until the process has used a second of processor time: past its start (a third of
    that), working on the statement. Not a measurement: a bound on a wait."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") >= 1.0:
            return
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_ctrl_c_stops_a_runaway_statement_and_leaves_the_index_whole(sample: Path) -> None:
    statement = f"{ENDLESS} ORDER BY x DESC LIMIT 1"  # no output: it works until stopped
    process = subprocess.Popen(
        [str(JDIPLO), "--records", str(sample), "sql", statement],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    busy_in_sqlite(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=10)
    finally:
        process.kill()
    assert (process.returncode, stdout) == (130, "")
    assert "Traceback" not in stderr
    count = subprocess.run(
        [str(JDIPLO), "--records", str(sample), "sql", "SELECT count(*) FROM events"],
        capture_output=True,
        text=True,
    )
    assert (count.returncode, count.stdout) == (0, "3\n")
