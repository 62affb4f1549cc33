"""`jdiplo add` on a terminal keeps the work: a wrong value is asked for again (the quote too,
showing the closest passage of its source), never the end of the session; and a likely
duplicate is refused unless asked for. Terminal answers are injected on stdin, with
`_interactive` made true, as a user would type them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Invoke
from jdiplo.authoring.add import OPTION_OF_FIELD, OPTION_OF_SOURCE_FIELD, Fields
from jdiplo.authoring.questions import Questions
from jdiplo.cli import add as add_command
from jdiplo.partners import builtin_registry

MONTH = "2024/2024-07.yaml"
SEED = "seeds/000_7715609ff7e77d61.txt"
RIGHT_QUOTE = "the Japanese Self Defence Forces is seriously increasing"
WRONG_QUOTE = "the Japanese Self Defense Forces is seriously increasing"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(add_command, "_interactive", lambda: True)


def typed(*answers: str) -> str:
    return "".join(answer + "\n" for answer in answers)


@pytest.mark.usefixtures("terminal")
def test_a_wrong_quote_asked_last_is_asked_again_and_no_answer_is_lost(
    jdiplo: Invoke, sample: Path
) -> None:
    answers = typed(
        "2024-07-25", "Interaction between the forces increases", "statement", "US", SEED,
        WRONG_QUOTE, RIGHT_QUOTE,
    )  # fmt: skip
    result = jdiplo("--records", str(sample), "add", input=answers)
    assert result.code == 0, result.stderr
    assert result.stdout == "2024-07-25-interaction-between-forces-increases\n"
    assert (
        "quote not found in the source: the quote has \u00abDefense\u00bb, the source "
        "\u00abDefence\u00bb (write it as the source does: 'Defence'); closest passage: "
        "'the Japanese Self \u00abDefence\u00bb Forces is seriously increasing'"
    ) in result.stderr
    assert result.stderr.count("Quote (verbatim, from the source): ") == 2
    text = (sample / MONTH).read_text(encoding="utf-8")
    assert f"quote: {RIGHT_QUOTE}\n" in text
    assert "title: Interaction between the forces increases\n" in text


@pytest.mark.usefixtures("terminal")
def test_a_wrong_quote_given_as_an_option_is_asked_for_on_a_terminal(
    jdiplo: Invoke, sample: Path
) -> None:
    arguments = ["--date", "2024-07-25", "--title", "Forces", "--kind", "statement", "-p", "US"]
    arguments += ["--source-file", SEED, "--quote", WRONG_QUOTE]
    result = jdiplo("--records", str(sample), "add", *arguments, input=typed(RIGHT_QUOTE))
    assert result.code == 0, result.stderr
    assert result.stderr.startswith("--quote: quote not found in the source: the quote has ")
    assert f"quote: {RIGHT_QUOTE}\n" in (sample / MONTH).read_text(encoding="utf-8")


@pytest.mark.usefixtures("terminal")
def test_bad_kinds_and_partners_are_asked_again_listing_the_vocabulary(
    jdiplo: Invoke, sample: Path
) -> None:
    arguments = ["--date", "2024-07-25", "--title", "A call", "--kind", "phone call"]
    arguments += ["-p", "Sout Korea", "--source-url", "https://example.org/call", "--quote", "q"]
    answers = typed("Korea del Sur", "South Korea", "phone", "meeting")
    result = jdiplo("--records", str(sample), "add", *arguments, input=answers)
    assert result.code == 0, result.stderr
    assert result.stdout == "2024-07-25-call\n"
    lines = result.stderr.splitlines()
    # The partner is resolved before the records are read, so it is the first problem told.
    assert lines[0].startswith(
        "--partner: unknown partner 'Sout Korea' (did you mean 'ROK'?); choose from US, ROK, "
    )
    assert "unknown partner 'Korea del Sur'" in result.stderr
    assert (
        "--kind: unknown kind 'phone call'; choose from meeting, summit, visit, agreement, "
        "exercise, arms-transfer, co-development, deployment, institutional, statement, other"
    ) in result.stderr
    assert "Kind (meeting, summit, visit, agreement" in result.stderr
    text = (sample / MONTH).read_text(encoding="utf-8")
    assert "    kind: meeting\n    partners: [ROK]\n" in text


@pytest.mark.usefixtures("terminal")
def test_problems_only_the_record_set_shows_are_asked_again(jdiplo: Invoke, sample: Path) -> None:
    arguments = ["--date", "2024-07-25", "--title", "Talks", "--kind", "meeting", "-p", "US"]
    arguments += ["--source-url", "https://example.org/t", "--quote", "q", "--related", "nope"]
    arguments += ["--id", "2024-07-28-japan-us-2plus2"]
    answers = typed("Not An Id", "", "")
    result = jdiplo("--records", str(sample), "add", *arguments, input=answers)
    assert result.code == 0, result.stderr
    assert "--id: duplicate id '2024-07-28-japan-us-2plus2'" in result.stderr
    assert "invalid id 'Not An Id'" in result.stderr
    assert "--related: related id 'nope' does not exist" in result.stderr
    assert result.stdout == "2024-07-25-talks\n"  # the default id, as the empty answer asked


@pytest.mark.usefixtures("terminal")
def test_the_end_of_the_input_adds_nothing(jdiplo: Invoke, sample: Path) -> None:
    before = (sample / MONTH).read_bytes()
    result = jdiplo("--records", str(sample), "add", input=typed("2024-07-25", "Talks"))
    assert result.code == 1
    assert result.stdout == ""
    assert (sample / MONTH).read_bytes() == before


# Likely duplicates

DUPLICATE = [
    "add", "--date", "2024-07-28", "--kind", "meeting", "-p", "US",
    "--title", "Japan US 2+2 meeting of foreign and defence ministers in Tokyo",
    "--source-url", "https://example.org/2plus2", "--quote", "q",
]  # fmt: skip


def test_a_likely_duplicate_is_refused_naming_the_existing_event(
    jdiplo: Invoke, sample: Path
) -> None:
    before = (sample / MONTH).read_bytes()
    result = jdiplo("--records", str(sample), *DUPLICATE)
    assert (result.code, result.stdout) == (2, "")
    month = os.path.relpath(sample / MONTH)  # as a user in the current folder types it
    assert result.stderr == (
        f"jdiplo: likely a duplicate of 2024-07-28-japan-us-2plus2 ({month}:20): the "
        "same date and partners, a similar title; give --allow-duplicate to add it anyway\n"
    )
    assert (sample / MONTH).read_bytes() == before
    allowed = jdiplo("--records", str(sample), *DUPLICATE, "--allow-duplicate")
    assert allowed.code == 0, allowed.stderr


def test_the_same_quote_of_the_same_source_is_a_likely_duplicate(
    jdiplo: Invoke, sample: Path
) -> None:
    quote = "Tokyo hosted a meeting of the foreign and defence ministers of Japan and the US"
    arguments = ["add", "--date", "2024-07-29", "--title", "Something else", "--kind", "other"]
    arguments += ["-p", "US", "--source-file", SEED, "--quote", quote]
    first = jdiplo("--records", str(sample), *arguments)
    assert first.code == 0, first.stderr
    again = jdiplo("--records", str(sample), *arguments[:4], "Another title", *arguments[5:])
    assert again.code == 2
    assert again.stderr.startswith(
        "jdiplo: likely a duplicate of 2024-07-29-something-else "
        f"({os.path.relpath(sample / MONTH)}:"
    )
    assert "the same quote of the same source" in again.stderr


def test_a_duplicate_from_a_file_is_located_in_the_input(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    source = tmp_path / "new.yaml"
    source.write_text(
        "- date: 2024-07-28\n  title: JAPAN-US 2+2 meeting of foreign and defence ministers\n"
        "  kind: meeting\n  partners: [US]\n  sources: [{url: 'https://x.org', quote: q}]\n",
        encoding="utf-8",
    )
    result = jdiplo("--records", str(sample), "add", "--from", str(source))
    assert result.code == 1
    assert result.stderr.startswith(
        f"{source}:1:3: likely a duplicate of 2024-07-28-japan-us-2plus2 "
        f"({os.path.relpath(sample / MONTH)}:20)"
    )


def test_a_duplicate_names_the_recorded_event_from_the_current_folder(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the repository, the place of the recorded event opens from where the user is."""
    monkeypatch.chdir(sample.parent)
    result = jdiplo("--records", "records", *DUPLICATE)
    assert result.stderr.startswith(
        f"jdiplo: likely a duplicate of 2024-07-28-japan-us-2plus2 (records/{MONTH}:20): "
    )
    monkeypatch.chdir(sample / "2024")
    result = jdiplo("--records", "..", *DUPLICATE)
    assert "(2024-07.yaml:20)" in result.stderr


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(("answer", "code"), [("n", 1), ("", 1), ("y", 0)])
def test_on_a_terminal_a_likely_duplicate_is_added_only_when_confirmed(
    jdiplo: Invoke, sample: Path, answer: str, code: int
) -> None:
    before = (sample / MONTH).read_bytes()
    result = jdiplo("--records", str(sample), *DUPLICATE, input=typed(answer))
    assert result.code == code, result.stderr
    assert "likely a duplicate of 2024-07-28-japan-us-2plus2" in result.stderr
    assert "Add it anyway? [y/N]: " in result.stderr
    assert ((sample / MONTH).read_bytes() == before) == (code == 1)


def test_every_option_a_problem_can_name_can_be_asked_for() -> None:
    """`add` asks again for whatever option a problem names: each has a question."""
    asked: list[str] = []
    questions = Questions(builtin_registry(), asked.append, lambda message: None)
    options = [*OPTION_OF_FIELD.values(), *OPTION_OF_SOURCE_FIELD.values()]
    for option in [*options, "--source-url or --source-file"]:
        question, _, _ = questions._question(Fields(), option)
        assert question
