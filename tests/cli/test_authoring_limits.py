"""Authoring writes only what reading accepts (issue 9): nothing over the size `load` reads, and
nothing behind a symbolic link inside the records directory (load does not follow them). Each
refusal is one line, and nothing is written."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from jdiplo import layout
from jdiplo.authoring.files import WriteRefused, record_target

MONTH = "2024/2024-07.yaml"
ADD = [
    "add", "--date", "2024-07-25", "--title", "Talks", "--kind", "meeting", "-p", "US",
    "--source-url", "https://example.org/talks", "--quote", "they talked",
]  # fmt: skip
REFUSED = "is a symbolic link; jdiplo writes only files and folders inside the records directory"
# Reading refuses them too (with its own words): a command may stop there, before writing.
LINKED = "a symbolic link: jdiplo does not follow links among records"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def linked_year(sample: Path) -> tuple[Path, Path]:
    """The sample records with their 2024 folder moved elsewhere and linked back."""
    elsewhere = sample.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.move(sample / "2024", elsewhere / "2024")
    (sample / "2024").symlink_to(elsewhere / "2024", target_is_directory=True)
    return sample, elsewhere


def test_add_into_a_symlinked_year_folder_is_refused_every_time(
    jdiplo: Invoke, linked_year: tuple[Path, Path]
) -> None:
    sample, elsewhere = linked_year
    before = snapshot(elsewhere)
    for _ in range(2):  # the second add was an internal error (exit 70)
        result = jdiplo("--records", str(sample), *ADD)
        assert (result.code, result.stdout) == (1, "")
        assert LINKED in result.stderr
    assert snapshot(elsewhere) == before


def test_the_target_of_a_write_is_refused_behind_any_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "2024").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WriteRefused) as refused:
        record_target(tmp_path / "records", MONTH)
    assert str(refused.value) == f"cannot write {MONTH}: 2024 {REFUSED} (nothing was written)"
    assert str(refused.value.problem) == f"{MONTH}:1:1: 2024 {REFUSED}"
    (tmp_path / "records" / "2025").mkdir()
    (tmp_path / "records" / "2025" / "2025-01.yaml").symlink_to(tmp_path / "elsewhere" / "x")
    with pytest.raises(WriteRefused, match=r"2025/2025-01\.yaml is a symbolic link"):
        record_target(tmp_path / "records", "2025/2025-01.yaml")
    assert record_target(tmp_path / "records", "2025/2025-02.yaml") == (
        tmp_path / "records" / "2025" / "2025-02.yaml"
    )


def test_add_to_a_symlinked_record_file_is_refused(jdiplo: Invoke, sample: Path) -> None:
    real = sample.parent / "real.yaml"
    shutil.move(sample / MONTH, real)
    (sample / MONTH).symlink_to(real)
    before = real.read_bytes()
    result = jdiplo("--records", str(sample), *ADD, "--dry-run")
    assert result.code == 1
    assert LINKED in result.stderr
    assert jdiplo("--records", str(sample), *ADD).code == 1
    assert real.read_bytes() == before
    assert (sample / MONTH).is_symlink()


def test_fmt_leaves_a_symlinked_record_file_alone(jdiplo: Invoke, sample: Path) -> None:
    real = sample.parent / "real.yaml"
    real.write_bytes((sample / MONTH).read_bytes().replace(b"partners: [US]", b"partners: [ US ]"))
    (sample / MONTH).unlink()
    (sample / MONTH).symlink_to(real)
    before = real.read_bytes()
    result = jdiplo("--records", str(sample), "fmt")
    assert result.code == 1
    assert f"{MONTH}:1:1: {LINKED}" in result.stderr
    assert real.read_bytes() == before


def test_edit_does_not_open_a_file_behind_a_symbolic_link(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    real = sample.parent / "real.yaml"
    shutil.move(sample / MONTH, real)
    (sample / MONTH).symlink_to(real)
    log = tmp_path / "opened"
    editor = f"{sys.executable} -c \"open({str(log)!r}, 'w').write('opened')\""
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2", env={"EDITOR": editor}
    )
    assert result.code == 1
    assert LINKED in result.stderr or "no event with id" in result.stderr
    assert not log.exists()


def test_add_from_a_25_mb_event_is_refused_and_writes_nothing(jdiplo: Invoke, sample: Path) -> None:
    before = snapshot(sample)
    event = {
        "date": "2024-07-25",
        "title": "Huge",
        "kind": "other",
        "partners": ["US"],
        "summary": "x" * (25 * 1024 * 1024),
        "sources": [{"url": "https://example.org/huge", "quote": "q"}],
    }
    result = jdiplo("--records", str(sample), "add", "--from", "-", input=json.dumps(event))
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        "jdiplo: cannot add from <stdin>: it is over 20 MB, more than a record file may hold "
        "(nothing was written)\n"
    )
    assert snapshot(sample) == before
    assert jdiplo("--records", str(sample), "validate").code == 0


def test_an_event_that_would_make_its_file_too_large_is_refused(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size of the text to be written is checked before writing (here with a limit of
    8 kB, which the new event passes only together with the events of its month)."""
    monkeypatch.setattr(layout, "MAX_FILE_BYTES", 8 * 1024)
    before = snapshot(sample)
    summary = "word " * 1400
    result = jdiplo("--records", str(sample), *ADD, "--summary", summary)
    assert result.code == 1
    assert result.stderr.startswith(f"jdiplo: cannot write {MONTH}: it would be 8.")
    assert result.stderr.endswith(
        " kB, and record files are read only up to 8 kB (nothing was written)\n"
    )
    assert snapshot(sample) == before
    alone = jdiplo("--records", str(sample), *ADD, "--date", "2024-09-01", "--summary", summary)
    assert alone.code == 0, alone.stderr
