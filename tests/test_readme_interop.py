"""The README's import example is real: its bash block runs, start to end, in a new home."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_script

JDIPLO = Path(sys.executable).parent / "jdiplo"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Export and import\n", 1)[1].split("\n## ", 1)[0]
[EXAMPLE] = re.findall(r"```bash\n(.*?)```", SECTION, re.DOTALL)


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_the_import_example_runs(tmp_path: Path) -> None:
    environment = {"PATH": f"{JDIPLO.parent}:{os.environ['PATH']}", "HOME": str(tmp_path)}
    result = run_script(EXAMPLE, tmp_path, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    new_id = "2024-09-05-example-foreign-ministers-meet"
    assert f"  - id: {new_id}" in result.stdout  # the dry run's YAML
    assert result.stdout.splitlines()[-1] == new_id
    assert "imported 0 events; skipped 2 already in the records" in result.stderr
    listed = subprocess.run(
        [str(JDIPLO), "list", "--partner", "ROK", "--format", "json"],
        cwd=tmp_path / "team-records",
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    [event] = json.loads(listed.stdout)
    assert (event["partners"], event["place"]) == (["ROK"], {"name": "Seoul", "country": "ROK"})
