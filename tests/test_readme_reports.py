"""The README's report examples are real: each `$ jdiplo ...` line runs (the jdiplo part of a
pipeline, in-process) and prints the lines shown under it (`| head -N` keeps the first N)."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Reports\n", 1)[1].split("\n## ", 1)[0]


def examples() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", SECTION, flags=re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return found


def test_the_reports_section_shows_every_report_command() -> None:
    for name in ("digest", "diff", "summary", "partners"):
        assert f"\njdiplo {name} " in SECTION, name
    assert examples()


@pytest.mark.parametrize(("command", "shown"), examples(), ids=lambda value: str(value)[:60])
def test_example_runs_and_prints_what_the_readme_shows(
    jdiplo: Invoke, command: str, shown: list[str]
) -> None:
    words = shlex.split(command)
    stage = words[: next((n for n, w in enumerate(words) if w in ("|", ">")), len(words))]
    assert stage[0] == "jdiplo"
    result = jdiplo(*stage[1:])
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.replace("\r\n", "\n").splitlines()
    if shown:
        assert lines[: len(shown)] == shown
