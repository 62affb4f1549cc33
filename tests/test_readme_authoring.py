"""The README's authoring workflow is real: its bash block runs, start to end, in a new home."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENVIRONMENT, ROOT, run_script

JDIPLO = Path(sys.executable).parent / "jdiplo"
README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = re.findall(r"## Authoring\n.*?```bash\n(.*?)```", README, re.DOTALL)[0]
SECTION = README.split("\n## Authoring\n", 1)[1].split("\n## ", 1)[0]


def console_examples() -> list[tuple[str, list[str]]]:
    """(command, the lines shown under it) of the section's console blocks; a command goes on
    over lines ending with a backslash."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", SECTION, flags=re.DOTALL):
        lines = iter(block.splitlines())
        for line in lines:
            if line.startswith("$ "):
                command = line[2:]
                while command.endswith("\\"):
                    command = command[:-1] + next(lines).strip()
                found.append((command, []))
            elif found:
                found[-1][1].append(line)
    return found


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_authoring_workflow_runs(tmp_path: Path) -> None:
    environment = {
        "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "EDITOR": "true",  # an editor that changes nothing
        **GIT_ENVIRONMENT,
    }
    result = run_script(WORKFLOW, tmp_path, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Changes from HEAD~1 (" in result.stdout  # jdiplo changes HEAD~1, at the end
    assert "  1 added · 0 modified · 0 removed" in result.stdout
    diff = result.stdout.split("diff --git", 1)[1].split("Changes from HEAD~1", 1)[0]
    changed = [line for line in diff.splitlines() if line.startswith(("+", "-"))]
    assert changed[:2] == ["--- a/records/2024/2024-07.yaml", "+++ b/records/2024/2024-07.yaml"]
    assert all(line.startswith("+") for line in changed[2:])
    assert "+    status: announced" in changed
    assert "OK: 2 events in 1 file" in result.stdout
    repository = tmp_path / "japan-records"
    log = subprocess.run(
        ["git", "log", "--format=%s"],
        cwd=repository,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout
    assert log.splitlines() == ["US forces in Japan to be restructured", "New records"]
    # The console examples run in the repository the workflow made, and print what is shown.
    examples = console_examples()
    assert examples
    for command, shown in examples:
        example = subprocess.run(
            ["bash", "-c", command],
            cwd=repository,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (example.stdout + example.stderr).splitlines() == shown, command
