"""Start-up is benchmarked (bench/, start-up row): a warm listing answers from the index's rows
without building record models, parsing YAML, or drawing with rich on a pipe, and reads no
people registry unless it names people (--person, --text)."""

from __future__ import annotations

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
