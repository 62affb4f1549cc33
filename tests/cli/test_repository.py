"""A records repository that works like git (issue 10): found from any folder inside it, paths
shown from where the user stands, every problem in one run, evidence and people searchable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_pipes import on_a_terminal

from conftest import BUNDLED_RECORDS, DATA, Invoke

JDIPLO = Path(sys.executable).parent / "jdiplo"
EXAMPLE = "records/2024/2024-07.yaml"


@pytest.fixture
def repository(jdiplo: Invoke, tmp_path: Path) -> Path:
    """A new analyst's repository, made with `jdiplo init`."""
    result = jdiplo("init", str(tmp_path / "myrecords"))
    assert result.code == 0, result.stderr
    return tmp_path / "myrecords"


def break_example(repository: Path) -> None:
    path = repository / EXAMPLE
    text = path.read_text(encoding="utf-8")
    assert "kind: " in text
    path.write_text(text.replace("kind: ", "kind: x", 1), encoding="utf-8")


@pytest.mark.parametrize("where", [".", "records", "records/2024", "sources"])
def test_the_repository_is_found_from_any_folder_inside_it(
    jdiplo: Invoke, repository: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """From myrecords/records or myrecords/sources, validate checked the bundled set (OK: 24
    events) while the analyst's own records had problems."""
    break_example(repository)
    monkeypatch.chdir(repository / where)
    result = jdiplo("validate")
    assert result.code == 1
    shown = os.path.relpath(repository / EXAMPLE, repository / where)
    assert result.stderr.startswith(f"{shown}:")
    listed = jdiplo("list", "--format", "ids")
    assert listed.code == 1 and "24" not in listed.stdout


def test_records_and_its_variable_come_before_the_repository(
    jdiplo: Invoke, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "records")
    bundled = ["--records", str(BUNDLED_RECORDS)]
    assert jdiplo(*bundled, "validate").stdout == "OK: 24 events in 1 file\n"
    environment = {"JDIPLO_RECORDS": str(BUNDLED_RECORDS)}
    assert jdiplo("validate", env=environment).stdout == "OK: 24 events in 1 file\n"


@pytest.mark.parametrize(
    ("where", "named"), [("records", "."), ("records/2024", ".."), ("", "records")]
)
def test_a_relative_records_option_names_its_repository_whatever_its_spelling(
    jdiplo: Invoke, repository: Path, monkeypatch: pytest.MonkeyPatch, where: str, named: str
) -> None:
    """`--records .` from records/ (or `..` from records/2024) has the repository above it:
    the example's source, in sources/, is found, as it is without the option."""
    monkeypatch.chdir(repository / where)
    assert jdiplo("--records", named, "validate").stdout == "OK: 1 event in 1 file\n"
    environment = {"JDIPLO_RECORDS": named}
    assert jdiplo("validate", env=environment).stdout == "OK: 1 event in 1 file\n"


NOTE = "jdiplo: using the bundled July 2024 record set; jdiplo init to start your own"


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_outside_any_repository_the_bundled_set_says_so_on_a_terminal(tmp_path: Path) -> None:
    output = on_a_terminal(["list", "--partner", "ROK"], tmp_path)
    assert output.count(NOTE) == 1
    piped = subprocess.run(
        [str(JDIPLO), "validate"], cwd=tmp_path, capture_output=True, text=True,
        env={key: value for key, value in os.environ.items() if key != "JDIPLO_RECORDS"},
    )  # fmt: skip
    assert (piped.stdout, piped.stderr) == ("OK: 24 events in 1 file\n", "")  # a pipe: no note
    inside = on_a_terminal(["validate"], DATA / "sample")
    assert NOTE not in inside


def test_paths_are_shown_from_where_the_user_stands_by_every_command(
    jdiplo: Invoke, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate printed 2025/2025-03.yaml (from records/), fmt --check records/2025/... and
    add --dry-run records/...: one rule now, the path from the current folder."""
    monkeypatch.chdir(repository)
    month = repository / EXAMPLE
    keys = "    level: ministerial\n    domains: [diplomacy, defence]\n"
    swapped = "    domains: [diplomacy, defence]\n    level: ministerial\n"
    month.write_text(month.read_text(encoding="utf-8").replace(keys, swapped, 1), "utf-8")
    assert jdiplo("fmt", "--check").stdout == f"{EXAMPLE}\n"
    added = jdiplo(
        "add", "--date", "2024-07-29", "--title", "A test meeting", "--kind", "meeting",
        "-p", "US", "--source-url", "https://example.org/t", "--quote", "they met", "--dry-run",
    )  # fmt: skip
    assert added.code == 0, added.stderr
    assert f"{EXAMPLE}:" in added.stderr
    break_example(repository)
    assert jdiplo("validate").stderr.startswith(f"{EXAMPLE}:")
    monkeypatch.chdir(repository / "records" / "2024")
    assert jdiplo("validate").stderr.startswith("2024-07.yaml:")
    assert jdiplo("fmt", "--check").stdout == ""  # the file with problems is left alone


FIVE_MISTAKES = """events:
  - id: first
    date: 2024-07-01
    title: A meeting with a bad kind
    kind: phone-call
    partners: [US]
    sources:
      - {file: seeds/source.txt, quote: "a quote that is not in the source"}
  - id: second
    date: 2024-07-02
    title: A meeting with an unknown partner
    kind: meeting
    partners: [NOWHERE]
    sources:
      - {file: seeds/source.txt, quote: Tokyo hosted a meeting}
  - id: third
    date: 2024-02-30
    title: A meeting on a day that does not exist
    kind: meeting
    partners: [US]
    sources:
      - {file: seeds/source.txt, quote: Tokyo hosted a meeting}
  - id: first
    date: 2024-07-04
    title: A meeting with an id already taken
    kind: meeting
    partners: [US]
    sources:
      - {file: seeds/source.txt, quote: Tokyo hosted a meeting}
"""


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["index", "no-cache"])
def test_every_problem_is_reported_in_one_run(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: list[str]
) -> None:
    """Five mistakes gave three problems; the quote and the duplicate id came only after the
    others were fixed. All five come at once, in order of place."""
    (tmp_path / "records" / "2024").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "source.txt").write_text("Tokyo hosted a meeting.\n", "utf-8")
    (tmp_path / "records" / "2024" / "2024-07.yaml").write_text(FIVE_MISTAKES, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = jdiplo(*cache, "validate", env={"JDIPLO_NO_CACHE": None})
    assert result.code == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "5 problems in 1 file"
    found = [line.split(": ", 1)[1] for line in problems[:-1]]
    assert [line.split(": ")[0] for line in problems[:-1]] == [
        "records/2024/2024-07.yaml:5:11",
        "records/2024/2024-07.yaml:8:41",
        "records/2024/2024-07.yaml:13:16",
        "records/2024/2024-07.yaml:17:11",
        "records/2024/2024-07.yaml:23:9",
    ]
    assert found[0].startswith("unknown kind 'phone-call'")
    assert found[1].startswith("quote not found in the source")
    assert found[2].startswith("unknown partner 'NOWHERE'")
    assert found[3].startswith("invalid date '2024-02-30'")
    assert found[4] == "duplicate id 'first' (first at records/2024/2024-07.yaml:2)"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--text", "Laos"], ["2024-07-26-japan-rok-foreign-ministers"]),
        (["--text", "laos", "--in", "quote"], ["2024-07-26-japan-rok-foreign-ministers"]),
        (["--text", "Laos", "--in", "title,summary"], []),
        (["--text", "Vientiane", "--in", "place"], ["2024-07-26-japan-rok-foreign-ministers"]),
    ],
)
def test_text_searches_the_evidence(
    jdiplo: Invoke, arguments: list[str], expected: list[str]
) -> None:
    result = jdiplo("--records", str(BUNDLED_RECORDS), "list", *arguments, "-F", "ids")
    assert (result.code, result.stdout.split()) == (0, expected)


def test_text_finds_a_publisher_and_a_name_in_any_order(jdiplo: Invoke) -> None:
    every = jdiplo("--records", str(BUNDLED_RECORDS), "list", "-F", "ids").stdout.split()
    outlook = ["--text", "New Eastern Outlook"]
    assert (
        jdiplo("--records", str(BUNDLED_RECORDS), "list", *outlook, "-F", "ids").stdout.split()
        == every
    )
    given_first = jdiplo("--records", str(BUNDLED_RECORDS), "list", "--text", "Minoru Kihara")
    family_first = jdiplo("--records", str(BUNDLED_RECORDS), "list", "--text", "Kihara Minoru")
    assert given_first.stdout == family_first.stdout and given_first.stdout.count("\n") >= 2


@pytest.mark.parametrize("name", ["Minoru Kihara", "kihara minoru", "KIHARA"])
def test_person_finds_every_spelling(jdiplo: Invoke, name: str) -> None:
    result = jdiplo("--records", str(BUNDLED_RECORDS), "list", "--person", name, "-F", "jsonl")
    assert result.code == 0
    records = result.stdout.splitlines()
    assert len(records) >= 2
    assert all("Kihara" in record for record in records)


@pytest.mark.parametrize(
    "command", [["digest"], ["summary", "--by", "kind"], ["partners"], ["report", "-F", "json"]]
)
def test_person_narrows_every_report(jdiplo: Invoke, command: list[str]) -> None:
    whole = jdiplo("--records", str(BUNDLED_RECORDS), *command)
    narrowed = jdiplo("--records", str(BUNDLED_RECORDS), *command, "--person", "Kihara")
    assert whole.code == narrowed.code == 0, narrowed.stderr
    assert narrowed.stdout != whole.stdout


def test_an_unknown_person_is_a_warning_with_a_suggestion(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA / "sample", tmp_path / "sample")
    month = tmp_path / "sample" / "records" / "2024" / "2024-07.yaml"
    month.write_text(
        month.read_text(encoding="utf-8").replace("Yoko Kamikawa", "Yoko Kamikowa"), "utf-8"
    )
    monkeypatch.chdir(tmp_path / "sample")
    for cache in ([], ["--no-cache"]):
        jdiplo("list")  # the index exists: validate uses it (the first pass), or not
        result = jdiplo(*cache, "validate", env={"JDIPLO_NO_CACHE": None})
        assert result.code == 0
        assert result.stdout == "OK: 3 events in 1 file\n"
        assert result.stderr == (
            "records/2024/2024-07.yaml:11:16: warning: unknown person 'Yoko Kamikowa' (did you "
            "mean 'Yoko Kamikawa'?): add them to people.yaml\n"
        )
