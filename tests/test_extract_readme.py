"""The README's article-to-records workflow is real, and docs/extract.md shows real output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_script

JDIPLO = Path(sys.executable).parent / "jdiplo"
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOC = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
WORKFLOW = re.findall(r"## From article to records\n.*?```bash\n(.*?)```", README, re.DOTALL)[0]


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_the_article_to_records_workflow_runs(tmp_path: Path) -> None:
    environment = {
        "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "EDITOR": "true",  # a review that changes nothing
        "JDIPLO_CACHE_DIR": str(tmp_path / "cache"),
    }
    subprocess.run(
        [str(JDIPLO), "init", str(tmp_path / "japan-records")],
        check=True,
        env=environment,
        capture_output=True,
    )
    (tmp_path / "Downloads").mkdir()
    shutil.copyfile(
        ROOT / "seeds" / "000_7715609ff7e77d61.txt", tmp_path / "Downloads" / "kurbanov-2024-07.txt"
    )
    result = run_script(WORKFLOW, tmp_path, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^OK: 2[5-9] events in 1 file$", result.stdout, re.MULTILINE)
    assert "Digest 2024-07 (2024-07-01 to 2024-07-31)" in result.stdout
    assert not (tmp_path / "japan-records" / "draft.yaml").exists()


def test_the_example_candidate_of_the_docs_is_what_extract_prints() -> None:
    from jdiplo.extract.article import draft
    from jdiplo.extract.output import render, source_data

    example = DOC.split("A candidate in YAML, as drafted from the seed article:\n\n```yaml\n", 1)[1]
    example = example.split("```", 1)[0]
    text = (ROOT / "seeds" / "000_7715609ff7e77d61.txt").read_text(encoding="utf-8")
    source = source_data("seeds/000_7715609ff7e77d61.txt", None, None, None, "2024-07")
    from jdiplo.dates import parse_partial_date

    result = draft(text, ROOT / "records", parse_partial_date("2024-07"), source)
    assert example in render(result.drafts, "yaml")


def test_every_section_of_the_rules_is_documented() -> None:
    from jdiplo.extract.rules import _SECTIONS

    table = DOC.split("| section | shape | what it gives |", 1)[1].split("\n\n", 1)[0]
    for section in _SECTIONS:
        assert f"`{section}`" in table, section
