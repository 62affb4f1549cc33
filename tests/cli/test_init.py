"""`jdiplo init DIR`: a new records repository that works at once."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT, Invoke


def test_init_makes_a_repository_that_validates_and_is_formatted(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "notes"
    result = jdiplo("init", str(target))
    assert (result.code, result.stdout) == (0, "")
    assert "example" in result.stderr
    assert sorted(
        path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()
    ) == [
        ".pre-commit-config.yaml",
        "README.md",
        "records.schema.json",
        "records/2024/2024-07.yaml",
        "records/partners.yaml",
        "sources/example-excerpt.txt",
    ]
    records = str(target / "records")
    assert jdiplo("--records", records, "validate").stdout == "OK: 1 event in 1 file\n"
    assert jdiplo("--records", records, "fmt", "--check").code == 0
    example = (target / "records" / "2024" / "2024-07.yaml").read_text(encoding="utf-8")
    assert example.startswith("# yaml-language-server: $schema=../../records.schema.json\n")
    assert "AN EXAMPLE" in example
    assert "AN EXAMPLE" in (target / "sources" / "example-excerpt.txt").read_text()
    schema = jdiplo("--records", records, "schema").stdout
    assert json.loads((target / "records.schema.json").read_text()) == json.loads(schema)


def test_the_new_repository_takes_new_records(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "notes"
    assert jdiplo("init", str(target)).code == 0
    added = jdiplo(
        "--records", str(target / "records"), "add", "--date", "2024-08-02", "--title", "Talks",
        "--kind", "meeting", "-p", "US", "--source-url", "https://example.org", "--quote", "q",
    )  # fmt: skip
    assert added.code == 0, added.stderr
    new_month = (target / "records" / "2024" / "2024-08.yaml").read_text(encoding="utf-8")
    assert new_month.startswith("# yaml-language-server: $schema=../../records.schema.json\n")


def test_init_refuses_a_folder_that_is_not_empty(jdiplo: Invoke, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    result = jdiplo("init", str(tmp_path / "notes"))
    assert result.code == 1
    assert "already exists and is not empty" in result.stderr
    assert [path.name for path in (tmp_path / "notes").iterdir()] == ["mine.txt"]


def test_pre_commit_hooks_are_the_published_ones(jdiplo: Invoke, tmp_path: Path) -> None:
    yaml = YAML(typ="safe", pure=True)
    published = yaml.load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert jdiplo("init", str(tmp_path / "notes")).code == 0
    config = yaml.load((tmp_path / "notes" / ".pre-commit-config.yaml").read_text())
    local = config["repos"][0]["hooks"]
    assert [hook["id"] for hook in published] == ["jdiplo-validate", "jdiplo-fmt"]
    assert [(h["id"], h["entry"]) for h in local] == [(h["id"], h["entry"]) for h in published]
    assert [h.get("files") for h in local] == [h.get("files") for h in published]
