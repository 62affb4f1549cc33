"""`jdiplo add` as a user runs it: one command, safe in scripts, and the rest of the file stays
byte for byte as it was."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BUNDLED_RECORDS, ROOT, Invoke
from jdiplo.cli import add as add_command

MONTH = "2024/2024-07.yaml"
SEED = "seeds/000_7715609ff7e77d61.txt"

COMPLETE = [
    "add", "--date", "2024-07-24", "--title", "Japan and the US hold talks", "--kind", "meeting",
    "--partner", "United States", "--source-file", SEED,
    "--quote", "On July 28, Tokyo hosted a meeting of the foreign and defence ministers",
]  # fmt: skip

NEW_EVENT = """\
  - id: 2024-07-24-japan-us-hold-talks
    date: 2024-07-24
    title: Japan and the US hold talks
    kind: meeting
    partners: [US]
    sources:
      - file: seeds/000_7715609ff7e77d61.txt
        quote: On July 28, Tokyo hosted a meeting of the foreign and defence ministers
"""


def commented_records(tmp_path: Path) -> Path:
    """A copy of the bundled records with comments an analyst added by hand, everywhere."""
    shutil.copytree(BUNDLED_RECORDS, tmp_path / "records")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "records" / MONTH
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: 2024-07-26-japan-rok-foreign-ministers\n",
        "  # Check the Vientiane meeting against the MOFA readout.\n"
        "  - id: 2024-07-26-japan-rok-foreign-ministers   # confirmed\n",
    )
    text = text.replace(
        "    related: [2024-07-23-kihara-london-uk-italy]\n",
        "    related: [2024-07-23-kihara-london-uk-italy]\n    # TODO: add the readout\n",
    )
    text = text.replace("    kind: exercise\n", "    kind: exercise      # or deployment?\n")
    path.write_text(text + "# end of July\n", encoding="utf-8")
    return tmp_path / "records"


def only_inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if anything else changed."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True))
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert len(changes) == 1 and changes[0][0] == "insert", changes
    _, _, _, start, end = changes[0]
    return after.splitlines(True)[start:end]


def test_add_inserts_only_the_new_lines_in_date_order(jdiplo: Invoke, tmp_path: Path) -> None:
    records = commented_records(tmp_path)
    before = (records / MONTH).read_text(encoding="utf-8")
    result = jdiplo("--records", str(records), *COMPLETE)
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == "2024-07-24-japan-us-hold-talks\n"
    after = (records / MONTH).read_text(encoding="utf-8")
    inserted = only_inserted(before, after)  # the event and a blank line, before or after it
    assert "".join(inserted).strip("\n") + "\n" == NEW_EVENT
    assert len(inserted) == NEW_EVENT.count("\n") + 1
    # Between the events of the 23rd (and their trailing comment) and the 26th's comment.
    assert (
        "    # TODO: add the readout\n\n" + NEW_EVENT + "\n  # Check the Vientiane meeting"
    ) in after
    assert jdiplo("--records", str(records), "validate").code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_shows_only_the_new_event(jdiplo: Invoke, tmp_path: Path) -> None:
    records = commented_records(tmp_path)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "records")
    assert jdiplo("--records", str(records), *COMPLETE).code == 0
    assert git("diff", "--numstat") == f"{NEW_EVENT.count(chr(10)) + 1}\t0\trecords/{MONTH}\n"


def test_first_and_last_of_a_file_and_a_new_month(jdiplo: Invoke, tmp_path: Path) -> None:
    records = commented_records(tmp_path)
    base = ["--records", str(records), "add", "--kind", "other", "-p", "US"]
    base += ["--source-url", "https://example.org/x", "--quote", "q", "--allow-duplicate"]
    first = jdiplo(*base, "--date", "2024", "--title", "A year")
    assert first.stdout == "2024-year\n"
    assert (
        (records / "2024" / "2024.yaml")
        .read_text(encoding="utf-8")
        .startswith("events:\n  - id: 2024-year\n    date: 2024\n")
    )
    before = (records / MONTH).read_text(encoding="utf-8")
    assert jdiplo(*base, "--date", "2024-07", "--title", "Early").code == 0
    assert jdiplo(*base, "--date", "2024-07-31", "--title", "Late").code == 0
    after = (records / MONTH).read_text(encoding="utf-8")
    assert after.index("id: 2024-07-early") < after.index("id: 2024-07-gigo-autumn")
    assert after.index("id: 2024-07-31-late") > after.index("id: 2024-07-28-us-joint-forces")
    assert after.endswith("id: 2024-07-31-late") is False
    assert after.endswith("# end of July\n")
    assert jdiplo(*base, "--date", "2025-01-02", "--title", "Next year").code == 0
    assert (records / "2025" / "2025-01.yaml").is_file()
    assert before.count("\n") < after.count("\n")
    assert jdiplo("--records", str(records), "validate").stdout == "OK: 28 events in 3 files\n"


def test_the_same_title_twice_gets_two_ids(jdiplo: Invoke, sample: Path) -> None:
    ids = [
        jdiplo("--records", str(sample), *COMPLETE, "--allow-duplicate").stdout for _ in range(3)
    ]
    assert ids == [
        "2024-07-24-japan-us-hold-talks\n",
        "2024-07-24-japan-us-hold-talks-2\n",
        "2024-07-24-japan-us-hold-talks-3\n",
    ]


def test_every_field_has_an_option(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo(
        "--records", str(sample), "add", "--id", "full", "--date", "2024-07-28",
        "--end", "2024-07-29", "--status", "announced", "--due", "2025", "--title", "Full",
        "--kind", "agreement", "-p", "kr", "-p", "US", "--framework", "jusk", "--level",
        "ministerial", "--domain", "defence", "--person", "Kihara Minoru|Defence Minister|Japan",
        "--person", "Shin Won-sik||ROK", "--place", "Tokyo|JP", "--summary", "A summary.",
        "--first", "a first", "--amount", "3,000,000,000|JPY|19500000", "--source-title", "T",
        "--source-url", "https://example.org/x", "--source-publisher", "P", "--source-author",
        "A", "--source-date", "2024-07", "--quote", "q", "--tag", "x", "--related",
        "2024-07-28-japan-us-2plus2", "--fulfils", "2024-07-28-us-joint-forces-command",
        "--dry-run",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stdout == (
        "  - id: full\n    date: 2024-07-28\n    end: 2024-07-29\n    status: announced\n"
        "    due: 2025\n    title: Full\n    kind: agreement\n    partners: [ROK, US]\n"
        "    frameworks: [JUSK]\n    level: ministerial\n    domains: [defence]\n"
        "    people:\n      - {name: Kihara Minoru, role: Defence Minister, country: JP}\n"
        "      - {name: Shin Won-sik, country: ROK}\n    place: {name: Tokyo, country: JP}\n"
        "    summary: A summary.\n    firsts:\n      - a first\n"
        "    amount: {value: 3000000000, currency: JPY, usd: 19500000}\n    sources:\n"
        "      - title: T\n        url: https://example.org/x\n        publisher: P\n"
        "        author: A\n        date: 2024-07\n        quote: q\n    tags: [x]\n"
        "    related: [2024-07-28-japan-us-2plus2]\n"
        "    fulfils: [2024-07-28-us-joint-forces-command]\n"
    )
    assert result.stderr == "would add full to sample/records/2024/2024-07.yaml:49\n"


def test_dry_run_writes_nothing(jdiplo: Invoke, sample: Path) -> None:
    before = (sample / MONTH).read_bytes()
    result = jdiplo("--records", str(sample), *COMPLETE, "--dry-run")
    assert result.stdout == NEW_EVENT
    assert (sample / MONTH).read_bytes() == before


def test_without_a_terminal_missing_fields_are_a_usage_error(jdiplo: Invoke, sample: Path) -> None:
    before = (sample / MONTH).read_bytes()
    result = jdiplo("--records", str(sample), "add", "--date", "2024-07-01", "--title", "T")
    assert result.code == 2
    assert result.stdout == ""
    assert (
        "missing --kind, --partner, --source-url or --source-file, --quote "
        "(jdiplo asks for them only on a terminal)"
    ) in result.stderr
    assert (sample / MONTH).read_bytes() == before


def test_on_a_terminal_missing_fields_are_asked_for(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(add_command, "_interactive", lambda: True)
    answers = ["2024-07-32", "2024-07-25", "Talks", "meetign", "meeting", "Sout Korea"]
    answers += ["South Korea, us", "https://example.org/t", "They talked"]
    result = jdiplo("--records", str(sample), "add", input="\n".join(answers) + "\n")
    assert result.code == 0, result.stderr
    assert result.stdout == "2024-07-25-talks\n"  # questions and answers stay off stdout
    assert "July 2024 has 31 days" in result.stderr
    assert "Kind (meeting, summit, visit" in result.stderr
    assert "unknown kind 'meetign' (did you mean 'meeting'?)" in result.stderr
    assert "unknown partner 'Sout Korea' (did you mean 'ROK'?)" in result.stderr
    assert "    partners: [ROK, US]\n" in (sample / MONTH).read_text(encoding="utf-8")


KINDS_LISTED = (
    "choose from meeting, summit, visit, agreement, exercise, arms-transfer, co-development, "
    "deployment, institutional, statement, other"
)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ["--kind", "meetign"],
            f"--kind: unknown kind 'meetign' (did you mean 'meeting'?); {KINDS_LISTED}",
        ),
        (["--kind", "phone call"], f"--kind: unknown kind 'phone call'; {KINDS_LISTED}"),
        (
            ["--partner", "Sout Korea"],
            "--partner: unknown partner 'Sout Korea' (did you mean 'ROK'?); choose from US, ROK,",
        ),
        (["--level", "top"], "--level: unknown level 'top'; choose from leaders, ministerial,"),
        (["--date", "2024-13"], "--date: invalid date '2024-13': there is no month 13"),
        (["--related", "nope"], "--related: related id 'nope' does not exist"),
        (
            ["--quote", "the Japanese Self Defense Forces"],
            "--quote: quote not found in the source: the quote has \u00abDefense\u00bb, the "
            "source \u00abDefence\u00bb (write it as the source does: 'Defence'); closest "
            "passage: 'the Japanese Self \u00abDefence\u00bb Forces' (seeds/",
        ),
        (["--id", "2024-07-28-japan-us-2plus2"], "--id: duplicate id '2024-07-28-japan-us-2plus2'"),
        (["--person", "a|b|c|d"], "--person: expected 'Name|Role|Country', not 'a|b|c|d'"),
        (["--amount", "lots|JPY"], "--amount: 'lots' is not a number (in 'lots|JPY')"),
        (["--status", "held", "--due", "2025"], "--due: due is only for announced steps"),
    ],
)
def test_a_bad_value_is_a_one_line_usage_error_and_nothing_is_written(
    jdiplo: Invoke, sample: Path, change: list[str], message: str
) -> None:
    before = (sample / MONTH).read_bytes()
    arguments = list(COMPLETE)
    for option, value in zip(change[::2], change[1::2], strict=True):
        if option in arguments:
            arguments[arguments.index(option) + 1] = value
        else:
            arguments += [option, value]
    result = jdiplo("--records", str(sample), *arguments)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("jdiplo: " + message), result.stderr
    assert result.stderr.count("\n") == 1
    assert (sample / MONTH).read_bytes() == before


def test_several_bad_values_are_named_on_one_line(jdiplo: Invoke, sample: Path) -> None:
    arguments = [*COMPLETE, "--level", "top"]
    arguments[arguments.index("--kind") + 1] = "phone call"
    result = jdiplo("--records", str(sample), *arguments)
    assert result.code == 2
    assert result.stderr.startswith("jdiplo: --kind: unknown kind 'phone call'; choose from ")
    assert result.stderr.endswith(
        "; --level: unknown level 'top'; choose from leaders, ministerial, chiefs-of-staff, "
        "senior-officials, ambassador, working\n"
    )


def test_invalid_records_are_refused(jdiplo: Invoke, sample: Path) -> None:
    path = sample / MONTH
    path.write_text(path.read_text(encoding="utf-8").replace("kind: meeting", "kind: x", 1))
    result = jdiplo("--records", str(sample), *COMPLETE)
    assert result.code == 1
    assert f"{os.path.relpath(path)}:6:11: unknown kind 'x'" in result.stderr


def test_from_json_of_list_after_id_clashes_are_resolved(jdiplo: Invoke, sample: Path) -> None:
    exported = jdiplo("--records", str(sample), "list", "--partner", "US", "--format", "json")
    add = ["--records", str(sample), "add", "--from", "-", "--allow-duplicate"]
    clash = jdiplo(*add, input=exported.stdout)
    assert clash.code == 1
    month = os.path.relpath(sample / MONTH)  # as a user in the current folder types it
    assert clash.stderr.splitlines()[0] == (
        f"<stdin>:3:11: duplicate id '2024-07-28-japan-us-2plus2' (first at {month}:20)"
    )
    events = json.loads(exported.stdout)
    for event in events:
        event["id"] += "-copy"
        event["related"] = [related + "-copy" for related in event["related"]]
    added = jdiplo(*add, input=json.dumps(events))
    assert added.code == 0, added.stderr
    assert added.stdout.split() == [event["id"] for event in events]
    text = (sample / MONTH).read_text(encoding="utf-8")
    assert "null" not in text and "[]" not in text and "status: held" not in text
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 5 events in 1 file\n"


def test_from_a_yaml_file_gives_ids_to_events_without_one(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    source = tmp_path / "new.yaml"
    source.write_text(
        "- date: 2024-08-01\n  title: One\n  kind: visit\n  partners: [Italy]\n"
        "  sources: [{url: 'https://example.org/1', quote: q}]\n"
        "- date: 2024-07-02\n  title: Two\n  kind: visit\n  partners: [UK]\n"
        "  sources: [{url: 'https://example.org/2', quote: q}]\n",
        encoding="utf-8",
    )
    result = jdiplo("--records", str(sample), "add", "--from", str(source))
    assert result.stdout == "2024-08-01-one\n2024-07-02-two\n"
    assert "    partners: [IT]\n" in (sample / "2024" / "2024-08.yaml").read_text(encoding="utf-8")


def test_from_input_problems_are_located_in_the_input(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    source = tmp_path / "new.yaml"
    source.write_text("events:\n  - id: x\n    date: 2024-07-01\n    kind: meetign\n")
    result = jdiplo("--records", str(sample), "add", "--from", str(source))
    assert result.code == 1
    assert f"{source}:2:5: missing required field 'title'" in result.stderr
    assert f"{source}:4:11: unknown kind 'meetign' (did you mean 'meeting'?)" in result.stderr


def test_from_cannot_be_mixed_with_field_options(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "add", "--from", "-", "--title", "x", input="[]")
    assert result.code == 2
    assert "--from" in result.stderr


def test_a_new_month_file_gets_the_editor_hint_when_there_is_a_schema(
    jdiplo: Invoke, sample: Path
) -> None:
    (sample.parent / "records.schema.json").write_text("{}", encoding="utf-8")
    arguments = [arg if arg != "2024-07-24" else "2024-09-03" for arg in COMPLETE]
    assert jdiplo("--records", str(sample), *arguments).code == 0
    text = (sample / "2024" / "2024-09.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../records.schema.json\nevents:\n")


@pytest.mark.parametrize("command", [COMPLETE, ["fmt"], ["edit", "2024-07-28-japan-us-2plus2"]])
def test_writers_never_default_to_the_bundled_records(jdiplo: Invoke, command: list[str]) -> None:
    before = (BUNDLED_RECORDS / MONTH).read_bytes()
    result = jdiplo(*command, env={"EDITOR": "true"})  # run from an empty folder
    assert result.code == 2
    assert "no records to write to here" in result.stderr
    assert (BUNDLED_RECORDS / MONTH).read_bytes() == before


def test_an_empty_flow_list_takes_the_event_and_keeps_its_comment(
    jdiplo: Invoke, sample: Path
) -> None:
    path = sample / "2024" / "2024-06.yaml"
    path.write_text("# June\nevents: []  # none yet\n", encoding="utf-8")
    arguments = [arg if arg != "2024-07-24" else "2024-06-03" for arg in COMPLETE]
    assert jdiplo("--records", str(sample), *arguments).code == 0
    expected = NEW_EVENT.replace("2024-07-24", "2024-06-03")
    assert path.read_text(encoding="utf-8") == "# June\nevents:  # none yet\n" + expected


def test_a_flow_style_list_of_events_is_left_alone(jdiplo: Invoke, sample: Path) -> None:
    path = sample / "2024" / "2024-06.yaml"
    flow = 'events: [{id: x, date: 2024-06, title: T, kind: other, partners: [US], sources: [{url: "https://x.org", quote: q}]}]\n'  # noqa: E501
    path.write_text(flow, encoding="utf-8")
    arguments = [arg if arg != "2024-07-24" else "2024-06-03" for arg in COMPLETE]
    result = jdiplo("--records", str(sample), *arguments)
    assert result.code == 1
    assert "2024/2024-06.yaml:1:1: its events are written in flow style" in result.stderr
    assert path.read_text(encoding="utf-8") == flow
