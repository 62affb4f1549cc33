"""Shell completion of vocabulary options (bash protocol, as the installed script answers it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke


def complete(jdiplo: Invoke, words: str) -> list[str]:
    parts = words.split(" ")
    result = jdiplo(
        env={
            "_JDIPLO_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        }
    )
    assert result.code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("jdiplo list --partner R", ["ROK", "RU"]),
        ("jdiplo list --kind ex", ["exercise"]),
        ("jdiplo list --level min", ["ministerial"]),
        ("jdiplo list --domain defence-", ["defence-industry"]),
        ("jdiplo list --framework 2", ["2+2"]),
        ("jdiplo list --format js", ["json", "jsonl"]),
        ("jdiplo list --sort pa", ["partner"]),
        ("jdiplo export --sort ", ["date", "-date", "id", "partner"]),
        ("jdiplo show --format y", ["yaml"]),
    ],
)
def test_vocabulary_options_complete(jdiplo: Invoke, words: str, expected: list[str]) -> None:
    assert complete(jdiplo, words) == expected


def test_partner_completion_knows_the_records_own_partners(jdiplo: Invoke, tmp_path: Path) -> None:
    (tmp_path / "partners.yaml").write_text(
        "partners:\n  - {code: NORDEFCO, name: Nordic Defence Cooperation, kind: grouping}\n"
    )
    words = f"jdiplo --records {tmp_path} list --partner NO"
    assert complete(jdiplo, words) == ["NORDEFCO"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("jdiplo add --kind sum", ["summit"]),
        ("jdiplo add --partner RO", ["ROK"]),
        ("jdiplo add --status ann", ["announced"]),
    ],
)
def test_add_options_complete(jdiplo: Invoke, words: str, expected: list[str]) -> None:
    assert complete(jdiplo, words) == expected


def test_event_ids_complete_for_edit_and_related(jdiplo: Invoke, sample: Path) -> None:
    expected = ["2024-07-28-japan-us-2plus2", "2024-07-28-us-joint-forces-command"]
    assert complete(jdiplo, f"jdiplo --records {sample} edit 2024-07-28") == expected
    assert complete(jdiplo, f"jdiplo --records {sample} add --related 2024-07-28-j") == [
        expected[0]
    ]
