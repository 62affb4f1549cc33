"""`jdiplo changes`: what was added, corrected and removed since the last commit, a revision or
a date, in every format; one-line refusals outside git and for unknown revisions."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BUNDLED_RECORDS, GIT_ENVIRONMENT, ROOT, Invoke

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MONTH = "records/2024/2024-07.yaml"
ENVIRONMENT = GIT_ENVIRONMENT
NEW_EVENT = """
  - id: 2024-07-31-new
    date: 2024-07-31
    title: A new event
    kind: statement
    partners: [US]
    sources:
      - url: https://example.org/new
        quote: new
"""


def git(folder: Path, *arguments: str, date: str | None = None) -> str:
    environment = {**os.environ, **ENVIRONMENT}
    if date is not None:
        environment |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(
        ["git", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A records repository with the bundled records committed on 2024-07-31, and the current
    folder."""
    folder = tmp_path / "japan-records"
    shutil.copytree(BUNDLED_RECORDS, folder / "records")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "July", date="2024-07-31T12:00:00")
    monkeypatch.chdir(folder)
    return folder


def edit(folder: Path) -> None:
    """Correct a title, drop an event, add one."""
    path = folder / MONTH
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: Japan-US 2+2 meeting of foreign and defence ministers in Tokyo",
        "title: Japan-US 2+2 talks in Tokyo",
    )
    start = text.index("  - id: 2024-07-nippon-skies-2024")
    end = text.index("  - id:", start + 1)
    text = text[:start] + text[end:]
    text = text.replace("related: [2024-07-nippon-skies-2024]", "related: []")
    path.write_text(text.rstrip("\n") + "\n" + NEW_EVENT, encoding="utf-8")


def test_against_the_working_tree_by_default(jdiplo: Invoke, repository: Path) -> None:
    edit(repository)
    result = jdiplo("changes")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Changes from HEAD (")
    assert lines[0].endswith(", 2024-07-31) to the working tree")
    assert lines[1] == "  1 added · 1 modified · 1 removed"
    assert "Added" in lines and "Modified" in lines and "Removed" in lines
    assert "  2024-07-31  2024-07-31-new  A new event  (US)" in lines
    assert (
        "      title  Japan-US 2+2 meeting of foreign and defence ministers in Tokyo -> "
        "Japan-US 2+2 talks in Tokyo"
    ) in lines


def test_json_jsonl_csv_and_markdown(jdiplo: Invoke, repository: Path) -> None:
    edit(repository)
    report = json.loads(jdiplo("changes", "--format", "json").stdout)
    assert list(report) == ["before", "after", "added", "removed", "modified", "problems"]
    assert [entry["id"] for entry in report["added"]] == ["2024-07-31-new"]
    assert [entry["id"] for entry in report["removed"]] == ["2024-07-nippon-skies-2024"]
    [modified] = report["modified"]
    assert modified["fields"] == [
        {
            "field": "title",
            "before": "Japan-US 2+2 meeting of foreign and defence ministers in Tokyo",
            "after": "Japan-US 2+2 talks in Tokyo",
        }
    ]
    assert report["added"][0]["record"]["sources"][0]["url"] == "https://example.org/new"
    lines = [json.loads(line) for line in jdiplo("changes", "-F", "jsonl").stdout.splitlines()]
    assert [(line["change"], line["id"]) for line in lines] == [
        ("added", "2024-07-31-new"),
        ("modified", "2024-07-28-japan-us-2plus2"),
        ("removed", "2024-07-nippon-skies-2024"),
    ]
    rows = list(csv.DictReader(io.StringIO(jdiplo("changes", "-F", "csv").stdout)))
    assert [(row["change"], row["field"]) for row in rows] == [
        ("added", ""),
        ("modified", "title"),
        ("removed", ""),
    ]
    md = jdiplo("changes", "-F", "md").stdout
    assert md.startswith("## Corrections and additions since HEAD \\(")
    assert "### Added\n\n- **2024-07-31** · A new event (US) · `2024-07-31-new`\n" in md
    assert (
        "  - title: was “Japan-US 2\\+2 meeting of foreign and defence ministers in Tokyo”, "
        "now “Japan-US 2\\+2 talks in Tokyo”"
    ) in md


def test_between_two_revisions_and_since_a_date(jdiplo: Invoke, repository: Path) -> None:
    edit(repository)
    git(repository, "commit", "-qam", "August", date="2024-08-15T12:00:00")
    assert jdiplo("changes").stdout.splitlines()[1] == "  0 added · 0 modified · 0 removed"
    between = jdiplo("changes", "HEAD~1", "HEAD", "-F", "json")
    report = json.loads(between.stdout)
    assert report["before"].startswith("HEAD~1 (")
    assert report["after"].startswith("HEAD (")
    assert len(report["added"]) == len(report["removed"]) == len(report["modified"]) == 1
    since = json.loads(jdiplo("changes", "--since", "2024-08-01", "-F", "json").stdout)
    assert since["before"].startswith("2024-08-01 (the last commit before it: ")
    assert (since["added"], since["removed"]) == (report["added"], report["removed"])
    early = json.loads(jdiplo("changes", "--since", "2024-07", "-F", "json").stdout)
    assert early["before"] == "2024-07 (no commit before it: every event is new)"
    assert len(early["added"]) == 24
    assert jdiplo("changes", "--since", "2024-08-01", "HEAD~1").stdout.splitlines()[1] == (
        "  0 added · 0 modified · 0 removed"
    )


def test_records_in_a_sub_folder_and_a_file_that_does_not_parse(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "work"
    shutil.copytree(BUNDLED_RECORDS, folder / "japan" / "records")
    git(folder, "init", "-q")
    broken = folder / "japan" / "records" / "2024" / "2024-06.yaml"
    broken.write_text("events:\n  - id: [\n", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "records")
    broken.unlink()
    monkeypatch.chdir(folder / "japan")
    result = jdiplo("changes")
    assert result.code == 0
    assert result.stdout.splitlines()[1] == "  0 added · 0 modified · 0 removed"
    [problem, note] = result.stderr.splitlines()
    assert problem.endswith(
        ":japan/records/2024/2024-06.yaml:2:10: YAML syntax error: did not find expected node "
        "content (while parsing a flow node)"
    )
    assert note.startswith("1 problem: the events of those files")


def test_outside_git_is_one_line(jdiplo: Invoke, tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_RECORDS, tmp_path / "records")
    result = jdiplo("--records", str(tmp_path / "records"), "changes")
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        f"jdiplo: {tmp_path / 'records'} is not in a git repository: jdiplo changes compares "
        "the records between git revisions (git init, then commit the records)\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nope"], "jdiplo: REV: unknown revision 'nope' (a commit, branch or tag: "),
        (["a", "b", "c"], "jdiplo: too many revisions: a b c; give at most REV REV2\n"),
        (["HEAD", "nope"], "jdiplo: REV2: unknown revision 'nope'"),
        (["--since", "2024-13"], "jdiplo: --since: invalid date '2024-13': there is no month 13\n"),
        (["--since", "2024", "a", "b"], "jdiplo: too many revisions: a b; give at most REV2 only"),
        (["--format", "yaml"], "Invalid value for --format"),
    ],
)
def test_usage_errors(jdiplo: Invoke, repository: Path, arguments: list[str], message: str) -> None:
    result = jdiplo("changes", *arguments)
    assert (result.code, result.stdout) == (2, "")
    assert message in result.stderr


def test_a_repository_without_commits(jdiplo: Invoke, tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_RECORDS, tmp_path / "records")
    git(tmp_path, "init", "-q")
    result = jdiplo("--records", str(tmp_path / "records"), "changes")
    assert result.code == 1
    assert "has no commit yet" in result.stderr and result.stderr.count("\n") == 1
