"""A record set is untrusted input (analysts validate each other's repositories in CI): nothing
it says may make jdiplo read outside its repository, read what is not a regular file, or hang.

tests/data/untrusted/CASE holds a repository (records/, seeds/), a README saying what it tries,
`special` (the files git cannot hold, made here: `fifo PATH`, `link PATH TARGET`, `folder
PATH`, `file PATH TEXT`, paths relative to the case's folder) and `expected`: the exact stderr
of `jdiplo validate` run in the case's folder, with the index and without it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import DATA, Invoke
from jdiplo.index.database import index_path

UNTRUSTED = DATA / "untrusted"
CASES = sorted(path.name for path in UNTRUSTED.iterdir() if path.is_dir())


def build(case: str, tmp_path: Path) -> Path:
    """The case's repository in `tmp_path`, with its special files made."""
    folder = tmp_path / case
    shutil.copytree(UNTRUSTED / case, folder, symlinks=True)
    special = folder / "special"
    for line in special.read_text(encoding="utf-8").splitlines() if special.exists() else ():
        kind, path, *rest = line.split(" ", 2)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "link":
            target.symlink_to(rest[0])
        elif kind == "folder":
            target.mkdir()
        elif kind == "file":
            target.write_text(rest[0] + "\n", encoding="utf-8")
        else:
            raise AssertionError(f"unknown special {kind!r} in {case}")
    return folder


@pytest.mark.parametrize("case", CASES)
def test_each_untrusted_case_gets_its_exact_refusal(
    jdiplo: Invoke, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build(case, tmp_path)
    monkeypatch.chdir(folder)
    expected = (UNTRUSTED / case / "expected").read_text(encoding="utf-8")
    with_index = {"JDIPLO_NO_CACHE": None}
    assert jdiplo("list", env=with_index).code == 1  # an index exists: validate uses it
    for args, env in ((["validate"], with_index), (["--no-cache", "validate"], None)):
        result = jdiplo(*args, env=env)
        assert (result.code, result.stdout, result.stderr) == (1, "", expected), args


def test_the_corpus_covers_what_the_boundaries_promise() -> None:
    assert {
        "source-traversal", "source-outside-parent", "source-link-out", "source-fifo",
        "source-folder", "source-absolute", "record-fifo", "record-link-zero", "linked-folder",
    } <= set(CASES)  # fmt: skip


def test_a_quote_outside_the_repository_is_no_oracle(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the quote matches the file outside or not, the answer is the same: validate
    never tells anything of a file outside the repository."""
    folder = build("source-outside-parent", tmp_path)
    monkeypatch.chdir(folder)
    month = folder / "records" / "2024" / "2024-07.yaml"
    right = jdiplo("--no-cache", "validate")
    month.write_text(month.read_text(encoding="utf-8").replace("TOKEN=", "NOPE="), "utf-8")
    wrong = jdiplo("--no-cache", "validate")
    assert right.stderr == wrong.stderr and right.code == wrong.code == 1


def test_no_path_outside_the_repository_reaches_the_index(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jdiplo sql "select * from sources"` listed such paths with their sizes: a file with a
    refused source is never stored, and neither is its source."""
    folder = build("source-traversal", tmp_path)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("JDIPLO_NO_CACHE", raising=False)
    jdiplo("list")
    with sqlite3.connect(index_path(folder / "records")) as connection:
        stored = connection.execute("SELECT path FROM sources").fetchall()
        files = connection.execute("SELECT path FROM files").fetchall()
    assert stored == [] and files == []


def test_add_refuses_a_source_outside_the_repository(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sample.parent.parent / "secret.env").write_text("TOKEN=abc\n", encoding="utf-8")
    monkeypatch.chdir(sample.parent)
    before = {path: path.read_bytes() for path in sample.rglob("*.yaml")}
    result = jdiplo(
        "add", "--date", "2024-07-29", "--title", "A leak", "--kind", "meeting", "-p", "US",
        "--source-file", "../secret.env", "--quote", "TOKEN=abc",
    )  # fmt: skip
    assert result.code != 0
    assert "source file is outside the repository" in result.stderr
    assert result.stderr.count("\n") == 1
    assert {path: path.read_bytes() for path in sample.rglob("*.yaml")} == before


SQL_TITLES = """events:
  - id: quoting
    date: 2024-07-01
    title: "O'Brien's talks'); DROP TABLE events; --"
    kind: meeting
    partners: [US]
    sources: [{url: "https://example.org/a", quote: "a"}]
  - id: wildcards
    date: 2024-07-02
    title: 100% of the _deal_
    kind: meeting
    partners: [US]
    sources: [{url: "https://example.org/b", quote: "b"}]
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("'); DROP TABLE events; --", ["quoting"]),
        ("%", ["wildcards"]),
        ("_", ["wildcards"]),
        ("o'brien", ["quoting"]),
        ("%'", []),
    ],
)
def test_record_text_and_options_are_data_to_sql(
    jdiplo: Invoke, tmp_path: Path, text: str, found: list[str]
) -> None:
    """Text from records and from options reaches SQL only as parameters: quotes are text,
    `%` and `_` are characters (not LIKE's wildcards), and the index stays whole."""
    records = tmp_path / "records"
    (records / "2024").mkdir(parents=True)
    (records / "2024" / "2024-07.yaml").write_text(SQL_TITLES, encoding="utf-8")
    for cache in ([], ["--no-cache"]):
        result = jdiplo(*cache, "--records", str(records), "list", "--text", text, "-F", "ids")
        assert (result.code, result.stdout.split()) == (0, found)
    listed = jdiplo("--records", str(records), "list", "-F", "jsonl").stdout.splitlines()
    assert [line.count("DROP TABLE") for line in listed] == [1, 0]
    unknown = jdiplo("--records", str(records), "list", "--partner", "US'; DROP TABLE events")
    assert unknown.code == 2 and "unknown partner" in unknown.stderr
