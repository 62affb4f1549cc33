"""Every command explains itself with examples, and starting the CLI stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import Invoke
from jdiplo.cli.app import COMMANDS


def test_the_report_commands_are_registered() -> None:
    assert {"digest", "diff", "summary", "partners"} <= set(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_has_examples(jdiplo: Invoke, name: str) -> None:
    result = jdiplo(name, "--help")
    assert result.code == 0
    assert "--install-completion" not in result.stdout  # the app's option, not the command's
    examples = result.stdout.split("Examples:\n", 1)[1]
    assert examples.lstrip().startswith(f"jdiplo {name}")


def test_importing_the_cli_imports_no_heavy_module() -> None:
    code = (
        "import sys, jdiplo.cli.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'pydantic', 'ruamel'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
