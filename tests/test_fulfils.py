"""`fulfils`: a later event names the announced steps it carries out; the ids must exist, with
or without the index, however the record set changes between commands."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke

PLAN = """\
  - id: plan
    date: 2024-07-01
    status: announced
    due: 2024
    title: A plan announced
    kind: institutional
    partners: [US]
    sources:
      - {url: "https://example.org/a", quote: q}
"""
DELIVERY = """\
  - id: done
    date: 2024-12-20
    title: The plan carried out
    kind: institutional
    partners: [US]
    sources:
      - {url: "https://example.org/b", quote: q}
    fulfils: [FULFILS]
"""


def write_set(folder: Path, fulfils: str = "plan", plan: bool = True) -> Path:
    records = folder / "records"
    (records / "2024").mkdir(parents=True, exist_ok=True)
    (records / "2024" / "2024-07.yaml").write_text("events:\n" + (PLAN if plan else " []\n"))
    (records / "2024" / "2024-12.yaml").write_text(
        "events:\n" + DELIVERY.replace("FULFILS", fulfils)
    )
    return records


def test_a_valid_link_answers(jdiplo: Invoke, tmp_path: Path) -> None:
    records = write_set(tmp_path)
    result = jdiplo("--records", str(records), "list", "--format", "ids")
    assert (result.code, result.stdout) == (0, "plan\ndone\n")


def test_an_id_that_appears_later_is_refused_at_its_place(jdiplo: Invoke, tmp_path: Path) -> None:
    records = write_set(tmp_path)
    assert jdiplo("--records", str(records), "list").code == 0  # the index (if any) is built
    write_set(tmp_path, fulfils="plan, nope")
    result = jdiplo("--records", str(records), "list")
    assert result.code == 1
    assert result.stderr == (
        "records/2024/2024-12.yaml:9:21: fulfils id 'nope' does not exist\n1 problem in 1 file\n"
    )


def test_removing_a_step_that_was_fulfilled_is_a_problem_at_the_fulfilling_event(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = write_set(tmp_path)
    assert jdiplo("--records", str(records), "list").code == 0
    write_set(tmp_path, plan=False)
    result = jdiplo("--records", str(records), "list")
    assert result.code == 1
    assert result.stderr.startswith(
        "records/2024/2024-12.yaml:9:15: fulfils id 'plan' does not exist\n"
    )


def test_validate_reports_it_too(jdiplo: Invoke, tmp_path: Path) -> None:
    records = write_set(tmp_path, fulfils="nope")
    result = jdiplo("--records", str(records), "validate")
    assert result.code == 1
    assert "2024/2024-12.yaml:9:15: fulfils id 'nope' does not exist" in result.stderr


def test_show_names_what_an_event_fulfils(jdiplo: Invoke, tmp_path: Path) -> None:
    records = write_set(tmp_path)
    result = jdiplo("--records", str(records), "show", "done")
    assert "\nfulfils    plan\n" in result.stdout


def test_the_json_record_carries_fulfils_after_related(jdiplo: Invoke, tmp_path: Path) -> None:
    records = write_set(tmp_path)
    result = jdiplo("--records", str(records), "list", "--format", "jsonl")
    assert result.stdout.splitlines()[1].endswith('"related":[],"fulfils":["plan"],"coding":null}')
