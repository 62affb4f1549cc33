"""The DuckDB and pandas recipes of docs/interop.md run, when those packages are installed, on
the bundled records as the doc exports them, and give the answers jdiplo gives."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Invoke

DOC = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")


def recipe(name: str) -> str:
    match = re.search(rf"<!-- recipe: {name} -->\n```python\n(.*?)```", DOC, re.DOTALL)
    assert match is not None, f"no {name} recipe in docs/interop.md"
    return match.group(1)


@pytest.fixture
def exported(jdiplo: Invoke, tmp_path: Path) -> Path:
    """The files the doc's export commands write, from the bundled records, in tmp_path."""
    block = DOC.split("whenever DuckDB or pandas is installed. First:\n\n```sh\n", 1)[1]
    for line in block.split("```", 1)[0].splitlines():
        args = line.split()
        assert args[0] == "jdiplo"
        if "parquet" in args:
            pytest.importorskip("arro3.io")
        result = jdiplo(*args[1:])
        assert result.code == 0, result.stderr
    return tmp_path


def summary_counts(jdiplo: Invoke) -> dict[str, int]:
    text = jdiplo("summary", "--by", "partner", "--format", "csv").stdout
    return {row["partner"]: int(row["count"]) for row in csv.DictReader(io.StringIO(text))}


def run(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/interop.md", "exec"), namespace)
    return namespace


def test_the_duckdb_recipe(jdiplo: Invoke, exported: Path) -> None:
    pytest.importorskip("duckdb")
    results = run(recipe("duckdb"))
    intensities = jdiplo("summary", "--by", "partner", "--measure", "intensity", "-F", "json")
    expected = {
        row["partner"]: (row["count"], row["intensity_sum"])
        for row in json.loads(intensities.stdout)["rows"]
    }
    assert {partner: (events, total) for partner, events, total in results["by_partner"]} == (
        expected
    )
    rok = jdiplo("list", "--partner", "ROK", "--sort", "id", "--format", "jsonl").stdout
    assert results["rok"] == [
        (record["id"], record["date"], record["title"])
        for record in map(json.loads, rok.splitlines())
    ]


def test_the_pandas_recipe(jdiplo: Invoke, exported: Path) -> None:
    pytest.importorskip("pandas")
    results = run(recipe("pandas"))
    assert results["by_partner"].to_dict() == summary_counts(jdiplo)
    assert {str(month): count for month, count in results["by_month"].items()} == {"2024-07": 24}
    events = results["events"]
    assert list(events["id"]) == jdiplo("list", "--format", "ids").stdout.split()
    assert set(events["date"]) >= {"2024-07", "2024-07-28"}  # dates as written
