"""bench/generate.py: its synthetic record sets pass `jdiplo validate`, match `jdiplo list
--format json`, and are reproducible from their seed. (The benchmark itself is not a test.)"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, Invoke

BENCH = ROOT / "bench"
EVENTS = 300


def generate(out: Path, seed: int = 3, events: int = EVENTS) -> Path:
    """Run the generator as users do; returns `out`."""
    command = [sys.executable, str(BENCH / "generate.py"), "--events", str(events)]
    command += ["--seed", str(seed), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "set")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generated_records_pass_validate(jdiplo: Invoke, generated: Path) -> None:
    result = jdiplo("--records", str(generated / "records"), "validate")
    assert result.code == 0, result.stderr
    assert result.stdout == f"OK: {EVENTS} events in 120 files\n"


def test_events_json_is_what_jdiplo_lists_without_empty_fields(
    jdiplo: Invoke, generated: Path
) -> None:
    result = jdiplo("--records", str(generated / "records"), "list", "--format", "json")
    assert result.code == 0, result.stderr
    listed = [
        {key: value for key, value in record.items() if value not in (None, [])}
        for record in json.loads(result.stdout)
    ]
    assert json.loads((generated / "events.json").read_text("utf-8")) == listed


def test_the_mix_has_what_real_records_have(generated: Path) -> None:
    events: list[dict[str, Any]] = json.loads((generated / "events.json").read_text("utf-8"))
    partners = [code for event in events for code in event["partners"]]
    assert partners.count("US") > partners.count("ROK") > partners.count("FR") > 0
    assert {len(event["date"]) for event in events} == {4, 7, 10}  # year, month and day dates
    for field in ("end", "due", "amount", "level", "place", "summary"):
        assert any(event.get(field) is not None for event in events), field
    for field in ("frameworks", "people", "firsts", "tags", "related"):
        assert any(event.get(field) for event in events), field
    assert any(len(event["partners"]) > 1 for event in events)
    assert any(event["status"] == "announced" for event in events)
    quotes = [source["quote"] for event in events for source in event["sources"]]
    assert any(" … " in quote for quote in quotes)  # elided quotes
    assert any("\u2019" in quote for quote in quotes)  # typographic apostrophes
    ids = {event["id"] for event in events}
    assert all(related in ids for event in events for related in event.get("related", []))


def test_same_seed_same_bytes_other_seed_other_events(tmp_path: Path, generated: Path) -> None:
    again = generate(tmp_path / "again")
    assert tree(again) == tree(generated)
    other = generate(tmp_path / "other", seed=4)
    assert (other / "events.json").read_bytes() != (generated / "events.json").read_bytes()


def test_it_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = generate(tmp_path / "set", events=10)
    command = [sys.executable, str(BENCH / "generate.py"), "--events", "10", "--out", str(out)]
    refused = subprocess.run(command, capture_output=True, text=True)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    subprocess.run([*command, "--force"], check=True, capture_output=True)


# The YAML scalars the generator writes read back as the same strings.


def record_yaml() -> ModuleType:
    spec = importlib.util.spec_from_file_location("record_yaml", BENCH / "record_yaml.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRICKY = [
    "plain words", "yes", "No", "off", "null", "~", "true", "1", "-1", "0o17", "0x1F", "1e3",
    ".5", ".inf", ".NaN", "1_000", "1:20", "2024", "2024-07", "2024-07-28", "2024-07-28 10:00",
    "2+2", "2024-07-28-japan-us-2plus2", "- dash", "-dash", "?", ": colon", "a: b", "a:b",
    "ends with colon:", "a #hash", "a#hash", "#hash", "'single'", '"double"', "O'Neill",
    "say \"hi\"", "[list]", "{map}", "a, b", "a [b]", "&anchor", "*alias", "!tag", "|", ">",
    "%directive", "@at", "`tick`", " leading", "trailing ", "tab\there", "line\nbreak",
    "Nguyễn Văn An", "… elided", "\u2028separator", "\x85next line", "del\x7f", "bell\x07",
    "=", "<<", "Chitose Air Base, Hokkaido",
]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY)
def test_scalars_read_back_exactly(text: str) -> None:
    writer = record_yaml()
    document = (
        f"block: {writer.scalar(text)}\n"
        f"flow: {writer.flow_list([text, 'x'])}\n"
        f"mapping: {writer.flow_mapping({'name': text, 'country': 'JP', 'none': None})}\n"
    )
    data = YAML(typ="safe", pure=False).load(document)
    assert data == {"block": text, "flow": [text, "x"], "mapping": {"name": text, "country": "JP"}}


@pytest.mark.parametrize(
    "text",
    [
        "short",
        " ".join(["a long sentence that has to be folded over several lines"] * 5),
        "long text: with a colon, # a hash, - a dash and 'quotes' " * 3 + "end",
        "long text  with  double spaces that cannot be folded " * 3,
    ],
)
def test_long_text_reads_back_exactly(text: str) -> None:
    writer = record_yaml()
    document = "events:\n  - id: x\n" + writer.text_value("quote", text, 4)
    assert YAML(typ="safe", pure=False).load(document) == {"events": [{"id": "x", "quote": text}]}
