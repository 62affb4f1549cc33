"""`jdiplo extract`: as an analyst runs it, from an article to records."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import jdiplo.cli.extract as extract_command
from conftest import DATA, ROOT, Invoke

SEED = "000_7715609ff7e77d61.txt"
JDIPLO = Path(sys.executable).parent / "jdiplo"
ARTICLE = "In July 2024, much happened.\nOn July 28, Japan and the US held talks in Tokyo.\n"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A records repository with no events yet and the seed article in seeds/."""
    folder = tmp_path / "repository"
    (folder / "records").mkdir(parents=True)
    (folder / "seeds").mkdir()
    shutil.copyfile(ROOT / "seeds" / SEED, folder / "seeds" / SEED)
    return folder


def extract(jdiplo: Invoke, repository: Path, *args: str, input: str | None = None) -> object:
    return jdiplo("--records", str(repository / "records"), "extract", *args, input=input)


def test_the_draft_goes_into_the_records_as_it_is(jdiplo: Invoke, repository: Path) -> None:
    article = str(repository / "seeds" / SEED)
    drafted = extract(
        jdiplo, repository, article, "--published", "2024-07", "--publisher", "New Eastern Outlook",
        "--author", "Nazar Kurbanov",
    )  # fmt: skip
    assert drafted.code == 0, drafted.stderr
    assert drafted.stderr == ""
    data = YAML(typ="safe").load(drafted.stdout)
    assert len(data["events"]) >= 20
    source = data["events"][0]["sources"][0]
    assert source["file"] == f"seeds/{SEED}"
    assert (source["publisher"], source["author"], str(source["date"])) == (
        "New Eastern Outlook", "Nazar Kurbanov", "2024-07",
    )  # fmt: skip
    records = str(repository / "records")
    added = jdiplo("--records", records, "add", "--from", "-", input=drafted.stdout)
    assert added.code == 0, added.stderr
    assert len(added.stdout.split()) == len(data["events"])
    checked = jdiplo("--records", records, "validate")
    assert checked.stdout == f"OK: {len(data['events'])} events in 1 file\n"


def test_json_and_jsonl(jdiplo: Invoke, repository: Path) -> None:
    article = str(repository / "seeds" / SEED)
    as_json = extract(jdiplo, repository, article, "--published", "2024-07", "--format", "json")
    as_lines = extract(jdiplo, repository, article, "--published", "2024-07", "-F", "jsonl")
    as_yaml = extract(jdiplo, repository, article, "--published", "2024-07")
    events = json.loads(as_json.stdout)
    assert [json.loads(line) for line in as_lines.stdout.splitlines()] == events
    assert len(events) == len(YAML(typ="safe").load(as_yaml.stdout)["events"])
    assert all("id" not in event and "#" not in json.dumps(event["kind"]) for event in events)


def test_stdin_needs_a_url(jdiplo: Invoke, repository: Path) -> None:
    refused = extract(jdiplo, repository, "-", input=ARTICLE)
    assert refused.code == 2
    assert "stdin is not in the repository of the records" in refused.stderr
    assert "give its --url" in refused.stderr
    done = extract(jdiplo, repository, "-", "--url", "https://example.org/a", input=ARTICLE)
    assert done.code == 0, done.stderr
    [event] = YAML(typ="safe").load(done.stdout)["events"]
    assert event["sources"][0] == {
        "url": "https://example.org/a",
        "quote": "On July 28, Japan and the US held talks in Tokyo.",
    }


def test_an_article_outside_the_repository_needs_a_url(
    jdiplo: Invoke, repository: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    refused = extract(jdiplo, repository, str(outside))
    assert refused.code == 2 and "give its --url, or copy it into the repository" in refused.stderr
    done = extract(jdiplo, repository, str(outside), "--url", "https://example.org/a")
    assert done.code == 0 and "url: https://example.org/a\n" in done.stdout
    assert "file:" not in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2024-13"], "Invalid value for --published: invalid date '2024-13'"),
        (["--url", "example.org"], "Invalid value for --url: 'example.org' is not a web address"),
        (["--format", "yml"], "unknown format 'yml' (did you mean 'yaml'?)"),
        (["--publisher", ""], "Invalid value for --publisher: must be one line of text"),
    ],
)
def test_bad_options_are_usage_errors(
    jdiplo: Invoke, repository: Path, args: list[str], message: str
) -> None:
    result = extract(jdiplo, repository, str(repository / "seeds" / SEED), *args)
    assert result.code == 2
    assert message in result.stderr and result.stdout == ""


def test_unreadable_articles(jdiplo: Invoke, repository: Path) -> None:
    broken = repository / "seeds" / "broken.txt"
    broken.write_bytes(b"In July 2024,\nJapan \xff met the US.\n")
    result = extract(jdiplo, repository, str(broken))
    assert result.code == 1
    assert f"{broken}:2:7: not valid UTF-8 (byte 0xff)" in result.stderr
    missing = extract(jdiplo, repository, str(repository / "seeds" / "nope.txt"))
    assert (
        missing.code == 1 and "cannot read" in missing.stderr and "no such file" in missing.stderr
    )
    folder = extract(jdiplo, repository, str(repository / "seeds"))
    assert folder.code == 1 and "a folder" in folder.stderr


def test_what_cannot_be_dated_is_reported_on_stderr(jdiplo: Invoke, repository: Path) -> None:
    article = repository / "seeds" / "undated.txt"
    article.write_text("On July 28, Japan and the US held talks in Tokyo.\n", encoding="utf-8")
    result = extract(jdiplo, repository, str(article))
    assert result.code == 0
    assert result.stdout.endswith("events: []\n")
    assert (
        f'{article}:1: not drafted: no year for "July 28" (a day without its year): give '
        "--published: 'On July 28, Japan and the US held talks in Tokyo.'"
    ) in result.stderr
    dated = extract(jdiplo, repository, str(article), "--published", "2024-08-02")
    assert "date: 2024-07-28" in dated.stdout and dated.stderr == ""


def test_the_records_own_rules_apply_and_are_checked(jdiplo: Invoke, repository: Path) -> None:
    article = repository / "seeds" / "kiwi.txt"
    article.write_text(
        "In July 2024, a Kiwi frigate held exercises with Japan.\n", encoding="utf-8"
    )
    (repository / "records" / "extract.yaml").write_text(
        "demonyms:\n  Kiwi: NZ\n", encoding="utf-8"
    )
    result = extract(jdiplo, repository, str(article))
    assert "partners: [NZ]" in result.stdout
    assert jdiplo("--records", str(repository / "records"), "validate").code == 0
    (repository / "records" / "extract.yaml").write_text(
        "demonyms:\n  Kiwi: NZL\n", encoding="utf-8"
    )
    broken = extract(jdiplo, repository, str(article))
    assert broken.code == 1
    assert "extract.yaml:2:9: 'NZL' is not a partner code: write 'NZ'" in broken.stderr


# Review


def test_review_needs_a_terminal(jdiplo: Invoke, repository: Path) -> None:
    result = extract(jdiplo, repository, str(repository / "seeds" / SEED), "--review")
    assert result.code == 2
    assert "Error: --review walks the candidates on a terminal" in result.stderr
    assert result.stdout == ""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_command, "_interactive", lambda: True)


def editor(tmp_path: Path) -> str:
    """An editor (a script) that retitles the draft it opens."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "start = text.index('title:')\n"
        "end = text.index('\\n', start)\n"
        "text = text[:start] + 'title: Edited by the analyst' + text[end:]\n"
        "path.write_text(text, encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_review_writes_what_is_accepted_and_skips_duplicates(
    jdiplo: Invoke, tmp_path: Path, terminal: None
) -> None:
    shutil.copytree(DATA / "sample", tmp_path / "sample")
    records = tmp_path / "sample" / "records"
    article = str(tmp_path / "sample" / "seeds" / SEED)
    drafted = jdiplo("--records", str(records), "extract", article, "--published", "2024-07")
    count = YAML(typ="safe").load(drafted.stdout)["events"].__len__()
    # Enter skips the first two (the sample's 2+2 and US command), edit and accept the third,
    # Enter for the rest
    answers = "\n\ne\na\n" + "\n" * (count - 3)
    result = jdiplo(
        "--records", str(records), "extract", article, "--published", "2024-07", "--review",
        input=answers, env={"EDITOR": editor(tmp_path), "VISUAL": None},
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stderr.count("It duplicates ") == 3
    assert "It duplicates 2024-07-28-japan-us-2plus2: Enter skips it." in result.stderr
    ids = result.stdout.split()
    assert len(ids) == count - 3
    text = (records / "2024" / "2024-07.yaml").read_text(encoding="utf-8")
    assert "title: Edited by the analyst" in text
    assert (
        jdiplo("--records", str(records), "validate").stdout
        == f"OK: {3 + len(ids)} events in 1 file\n"
    )


def test_review_adds_a_duplicate_the_analyst_accepts(
    jdiplo: Invoke, sample: Path, terminal: None
) -> None:
    article = str(sample.parent / "seeds" / SEED)
    result = jdiplo(
        "--records", str(sample), "extract", article, "--published", "2024-07", "--review",
        input="a\nq\n",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert "It duplicates 2024-07-28-japan-us-2plus2" in result.stderr
    [added] = result.stdout.split()
    assert added.startswith("2024-07-28-tokyo-hosted-meeting")
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 4 events in 1 file\n"


def test_review_quit_changes_nothing(jdiplo: Invoke, sample: Path, terminal: None) -> None:
    before = (sample / "2024" / "2024-07.yaml").read_bytes()
    article = str(sample.parent / "seeds" / SEED)
    result = jdiplo(
        "--records",
        str(sample),
        "extract",
        article,
        "--published",
        "2024-07",
        "--review",
        input="q\n",
    )
    assert result.code == 0
    assert "Nothing accepted: the records are unchanged." in result.stderr
    assert result.stdout == ""
    assert (sample / "2024" / "2024-07.yaml").read_bytes() == before


def test_review_without_an_editor_goes_on(jdiplo: Invoke, sample: Path, terminal: None) -> None:
    article = str(sample.parent / "seeds" / SEED)
    result = jdiplo(
        "--records", str(sample), "extract", article, "--published", "2024-07", "--review",
        input="e\nq\n", env={"EDITOR": None, "VISUAL": None},
    )  # fmt: skip
    assert result.code == 0
    assert "Not changed: set $VISUAL or $EDITOR to your editor" in result.stderr


def test_review_reads_answers_so_not_the_article_on_stdin(
    jdiplo: Invoke, sample: Path, terminal: None
) -> None:
    result = jdiplo(
        "--records", str(sample), "extract", "-", "--url", "https://e.org/a", "--review"
    )
    assert result.code == 2 and "give the article as a FILE, not -" in result.stderr


def test_review_ends_quietly_when_input_ends(jdiplo: Invoke, sample: Path, terminal: None) -> None:
    article = str(sample.parent / "seeds" / SEED)
    result = jdiplo(
        "--records",
        str(sample),
        "extract",
        article,
        "--published",
        "2024-07",
        "--review",
        input="a\n",
    )
    assert result.code != 0 and "Traceback" not in result.stderr


# A real pipe


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_extract_into_add_in_a_real_pipe(repository: Path) -> None:
    command = (
        f"jdiplo extract seeds/{SEED} --published 2024-07 | jdiplo add --from - --dry-run | head -3"
    )
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=repository,
        env={**os.environ, "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("  - id: 2024-07-")


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_a_closed_pipe_is_a_quiet_end(repository: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", f"jdiplo extract seeds/{SEED} --published 2024-07 | head -c 20"],
        cwd=repository,
        env={**os.environ, "PATH": f"{JDIPLO.parent}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout == "# Candidate events d"
    assert result.stderr == ""
