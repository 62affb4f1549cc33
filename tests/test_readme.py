"""The README's examples are real commands: each `jdiplo ...` line of its sh blocks runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUNDLED_RECORDS, ROOT

JDIPLO = Path(sys.executable).parent / "jdiplo"
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = [
    line
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    for line in block.splitlines()
    if line.startswith("jdiplo ")
]


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
@pytest.mark.parametrize("command", EXAMPLES)
def test_readme_example_runs(command: str, tmp_path: Path) -> None:
    if "| jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    environment = {
        **os.environ,
        "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}",
        "JDIPLO_RECORDS": str(BUNDLED_RECORDS),
    }
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    written = re.search(r" -o (\S+)", command)
    if written:  # the output went to a file
        assert (tmp_path / written.group(1)).stat().st_size > 0
    else:
        assert result.stdout or ">" in command
