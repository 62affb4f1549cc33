"""Start-up is benchmarked (bench/, start-up row): a warm listing answers from the index's rows
without building record models, parsing YAML, or drawing with rich on a pipe, and reads no
people registry unless it names people (--person, --text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import DATA

HEAVY = ("jdiplo.model", "ruamel.yaml", "yaml_rs", "rich", "matplotlib", "jinja2", "numpy")
# What a listing by partner has no use for.
UNUSED = ("jdiplo.people", "jdiplo.load", "jdiplo.validate", "jdiplo.coding", "jdiplo.periods")


def test_a_warm_listing_imports_nothing_heavy_or_unused(tmp_path: Path) -> None:
    script = (
        "import sys; from jdiplo.cli.app import run; "
        f"run(['--records', {str(DATA / 'sample' / 'records')!r}, 'list', '--partner', 'ROK']); "
        f"print(sorted(m for m in {HEAVY + UNUSED!r} if m in sys.modules))"
    )
    environment = {**os.environ, "JDIPLO_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("JDIPLO_NO_CACHE", None)
    for _ in ("cold", "warm"):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=environment
        )
        assert done.returncode == 0, done.stderr
        imported = done.stdout.splitlines()[-1]
    assert imported == "[]"  # the warm run


def test_the_console_script_exits_as_usual_with_its_last_collections_skipped(
    tmp_path: Path,
) -> None:
    """`main` freezes what is left out of the garbage collector before it exits: the output is
    whole all the same, the exit status is the command's, and `atexit` handlers still run."""
    records = str(DATA / "sample" / "records")
    environment = {**os.environ, "JDIPLO_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("JDIPLO_NO_CACHE", None)

    def console(*args: str) -> subprocess.CompletedProcess[str]:
        script = (
            "import atexit, gc, sys\n"
            "atexit.register(lambda: print('atexit ran', gc.get_freeze_count() > 0,"
            " file=sys.stderr))\n"
            "from jdiplo.cli.app import main\n"
            f"main({['--records', records, *args]!r})\n"
        )
        return subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=environment
        )

    listed = console("list", "--format", "jsonl")
    expected = console("list", "--format", "ids").stdout.split()
    assert listed.returncode == 0, listed.stderr
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == expected
    assert len(expected) >= 3
    assert listed.stderr == "atexit ran True\n"
    refused = console("list", "--kind", "meetign")
    assert refused.returncode == 2
    assert refused.stderr.endswith("atexit ran True\n")
