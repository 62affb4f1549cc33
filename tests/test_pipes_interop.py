"""The installed `jdiplo export` and `import` in real pipes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_pipes import JDIPLO, many_events, shell

from conftest import DATA

INTEROP = DATA / "interop" / "records"

pytestmark = pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")


def test_head_ends_an_export_quietly(tmp_path: Path) -> None:
    records = many_events(tmp_path, 3000)
    result = shell(f"jdiplo --records {records} export --to plover | head -1", tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["id"] == "event-00000"


def test_parquet_streams_through_a_pipe(tmp_path: Path) -> None:
    pytest.importorskip("arro3.io")
    result = shell(f"jdiplo --records {INTEROP} export --to parquet | cat > out.parquet", tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "out.parquet").read_bytes()
    assert data[:4] == data[-4:] == b"PAR1"


def test_export_into_import(tmp_path: Path) -> None:
    assert shell("jdiplo init repo", tmp_path).returncode == 0
    (tmp_path / "repo" / "records" / "2024" / "2024-07.yaml").unlink()
    result = shell(
        f"jdiplo --records {INTEROP} export --to jsonl"
        " | jdiplo --records repo/records import - --from jsonl",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == 4
