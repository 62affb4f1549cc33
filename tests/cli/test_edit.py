"""`jdiplo edit ID`: the editor opens at the record's line; broken records never pass silently."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import Invoke
from jdiplo.authoring.edit import editor_command
from jdiplo.cli import edit as edit_command

MONTH = "2024/2024-07.yaml"


@pytest.fixture
def editor(tmp_path: Path) -> tuple[Path, Path]:
    """(the editor command's script, its log). On each call the script applies the next
    `old=>new` line of tmp_path/edits to the file it opens."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "here = Path(__file__).parent\n"
        "log = here / 'log'\n"
        "with log.open('a', encoding='utf-8') as out:\n"
        "    out.write(' '.join(sys.argv[1:]) + '\\n')\n"
        "calls = log.read_text(encoding='utf-8').count('\\n')\n"
        "edits = (here / 'edits').read_text(encoding='utf-8').splitlines()\n"
        "if calls <= len(edits):\n"
        "    old, new = edits[calls - 1].split('=>')\n"
        "    path = Path(sys.argv[-1])\n"
        "    path.write_text(path.read_text(encoding='utf-8').replace(old, new, 1), 'utf-8')\n",
        encoding="utf-8",
    )
    return script, tmp_path / "log"


def environment(script: Path) -> dict[str, str | None]:
    return {"VISUAL": None, "EDITOR": f"{sys.executable} {script}"}


def test_the_editor_opens_at_the_line_and_a_good_edit_passes(
    jdiplo: Invoke, sample: Path, editor: tuple[Path, Path]
) -> None:
    script, log = editor
    (script.parent / "edits").write_text("2+2 meeting of=>2+2 talks of\n", encoding="utf-8")
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2", env=environment(script)
    )
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    assert log.read_text(encoding="utf-8") == f"+20 {sample / MONTH}\n"


def test_a_breaking_edit_exits_1_with_the_problems(
    jdiplo: Invoke, sample: Path, editor: tuple[Path, Path]
) -> None:
    script, _ = editor
    (script.parent / "edits").write_text("kind: meeting=>kind: meting\n", encoding="utf-8")
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2", env=environment(script)
    )
    assert result.code == 1
    assert result.stderr == (
        "2024/2024-07.yaml:6:11: unknown kind 'meting' (did you mean 'meeting'?)\n"
        "1 problem in 1 file\n"
    )


def test_on_a_terminal_the_editor_reopens_at_the_problem(
    jdiplo: Invoke, sample: Path, editor: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    script, log = editor
    (script.parent / "edits").write_text(
        "kind: meeting=>kind: meting\nkind: meting=>kind: meeting\n", encoding="utf-8"
    )
    monkeypatch.setattr(edit_command, "_interactive", lambda: True)
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2",
        env=environment(script), input="y\n",
    )  # fmt: skip
    assert (result.code, result.stdout) == (0, ""), result.stderr
    assert "unknown kind 'meting'" in result.stderr
    assert "Reopen the editor to fix them?" in result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [
        f"+20 {sample / MONTH}",
        f"+6 {sample / MONTH}",  # the first problem
    ]


def test_declining_to_reopen_exits_1(
    jdiplo: Invoke, sample: Path, editor: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    script, _ = editor
    (script.parent / "edits").write_text("kind: meeting=>kind: meting\n", encoding="utf-8")
    monkeypatch.setattr(edit_command, "_interactive", lambda: True)
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2",
        env=environment(script), input="n\n",
    )  # fmt: skip
    assert result.code == 1


def test_an_invalid_event_can_still_be_opened(
    jdiplo: Invoke, sample: Path, editor: tuple[Path, Path]
) -> None:
    script, log = editor
    path = sample / MONTH
    path.write_text(path.read_text(encoding="utf-8").replace("kind: institutional", "kind: x"))
    (script.parent / "edits").write_text("kind: x=>kind: institutional\n", encoding="utf-8")
    result = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-us-joint-forces-command",
        env=environment(script),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert log.read_text(encoding="utf-8") == f"+36 {path}\n"


def test_unknown_id_and_missing_editor(jdiplo: Invoke, sample: Path) -> None:
    unknown = jdiplo("--records", str(sample), "edit", "2024-07-28-japan-us-2plus3")
    assert unknown.code == 1
    assert "did you mean '2024-07-28-japan-us-2plus2'?" in unknown.stderr
    no_editor = jdiplo(
        "--records", str(sample), "edit", "2024-07-28-japan-us-2plus2",
        env={"VISUAL": None, "EDITOR": None},
    )  # fmt: skip
    assert no_editor.code == 2
    assert "set $VISUAL or $EDITOR" in no_editor.stderr


def test_editor_commands() -> None:
    file = Path("r/2024.yaml")
    assert editor_command(file, 7, {"EDITOR": "vim"}) == ["vim", "+7", "r/2024.yaml"]
    assert editor_command(file, 7, {"VISUAL": "nano -w", "EDITOR": "vi"}) == [
        "nano", "-w", "+7", "r/2024.yaml"
    ]  # fmt: skip
    assert editor_command(file, 7, {"EDITOR": "code"}) == [
        "code", "--wait", "--goto", "r/2024.yaml:7"
    ]  # fmt: skip
    assert editor_command(file, 7, {"EDITOR": "subl -w"}) == ["subl", "-w", "r/2024.yaml:7"]
