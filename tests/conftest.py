"""Shared fixtures: run the CLI in-process through the real entry point, and sample records."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

from jdiplo.cli.app import run

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DATA = TESTS / "data"
BUNDLED_RECORDS = ROOT / "records"


# Property tests are derandomised in CI (`CI` set, as .ci/run does): the same examples every
# run, so that a failure there is a failure of the change, not of the draw. Locally they draw
# anew each run, and hypothesis keeps what it found in .hypothesis/. No deadline: speed is
# measured by bench/, and a busy machine must not fail a test.
hypothesis_settings.register_profile("local", deadline=None)
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, print_blob=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "local")
# For mutation testing (`--hypothesis-profile mutation`, as pyproject's [tool.mutmut] gives
# it): the CI examples without shrinking. A mutant is killed by the first failing example.
hypothesis_settings.register_profile(
    "mutation",
    parent=hypothesis_settings.get_profile("ci"),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def examples(count: int) -> int:
    """`count` examples for a slow property test; under the mutation profile an eighth of them
    (at least 25): a mutant runs each test it reaches, so the slowest tests set the pace, and
    the examples a mutant fails on come early (the same ones every run)."""
    if hypothesis_settings.get_current_profile_name() == "mutation":
        return max(25, count // 8)
    return count


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


Invoke = Callable[..., Outcome]


def invoke(
    *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> Outcome:
    """Run `jdiplo ARGS...` in-process through `run`, the function the console script calls,
    so exit statuses and error messages are the ones a user sees."""
    runner = CliRunner()
    base: dict[str, str | None] = {
        "JDIPLO_RECORDS": None,
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "COLUMNS": "200",
    }
    with runner.isolation(input=input, env={**base, **(env or {})}) as (stdout, stderr, _):
        code = run(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        return Outcome(
            int(code), stdout.getvalue().decode("utf-8"), stderr.getvalue().decode("utf-8")
        )


# A git identity and configuration of the tests' own, whatever the machine has.
GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.org",
    "GIT_COMMITTER_NAME": "Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run_script(
    script: str, cwd: Path, env: Mapping[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """A script of the docs run as a reader would paste it: bash, stopping at the first error."""
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def jdiplo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Invoke]:
    """`jdiplo(*args)` run from an empty folder, so ./records is never picked up by accident."""
    monkeypatch.chdir(tmp_path)
    yield invoke


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of tests/data/sample (records/ and the seeds/ they quote); returns its
    records directory."""
    target = tmp_path / "sample"
    shutil.copytree(DATA / "sample", target)
    return target / "records"


# Golden files: human-facing text pinned under tests/golden/. Regenerate them deliberately with
# `pytest --update-golden`, review the diff, commit.

GOLDEN = TESTS / "golden"
Golden = Callable[[str, str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current output",
    )
    parser.addoption(
        "--no-cache",
        action="store_true",
        default=False,
        help="run every command without the index (JDIPLO_NO_CACHE=1): the answers must match",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Every jdiplo a test runs (in-process or not) keeps its index in a folder of this run's,
    # never in the user's cache; with --no-cache, none uses an index at all.
    os.environ["JDIPLO_CACHE_DIR"] = tempfile.mkdtemp(prefix="jdiplo-test-cache-")
    # Colour is decided by the tests that are about it, not by the shell (or CI) running them.
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE"):
        os.environ.pop(name, None)
    if config.getoption("--no-cache"):
        os.environ["JDIPLO_NO_CACHE"] = "1"
    else:
        os.environ.pop("JDIPLO_NO_CACHE", None)


# In CI every test runs: a test skipped there (its extra not installed, jdiplo not on the
# PATH...) would pass without proving anything, so it fails instead. Only a skip that depends
# on who runs the suite, not on what was installed, is allowed.
ALLOWED_SKIPS = ("root reads files whatever their permissions",)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and os.environ.get("CI") and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if reason not in ALLOWED_SKIPS:
            report.outcome = "failed"
            report.longrepr = f"skipped in CI, where every test must run: {reason}"
    return report


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """`golden(name, text)`: text must equal tests/golden/NAME (or rewrites it on request)."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.is_file(), f"no golden file {path}: run pytest --update-golden, then review"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"output differs from {path} (pytest --update-golden to accept)"

    return check
