"""The app as a whole: where records come from, help, version, exit statuses, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED_RECORDS, Invoke
from jdiplo import __version__
from jdiplo.cli.app import COMMANDS


def test_version(jdiplo: Invoke) -> None:
    assert jdiplo("--version").stdout == f"jdiplo {__version__}\n"


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"jdiplo {command}" in readme, command


def test_no_arguments_shows_help(jdiplo: Invoke) -> None:
    result = jdiplo()
    assert result.code == 2
    assert "Commands:" in result.stderr + result.stdout


def test_records_option_then_environment_then_local_folder(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 3 events in 1 file\n"
    by_environment = jdiplo("validate", env={"JDIPLO_RECORDS": str(sample)})
    assert by_environment.stdout == "OK: 3 events in 1 file\n"
    assert jdiplo(
        "--records", str(empty), "validate", env={"JDIPLO_RECORDS": str(sample)}
    ).stdout == ("OK: 0 events in 0 files\n")
    shutil.copytree(sample.parent, tmp_path, dirs_exist_ok=True)  # ./records and ./seeds
    assert jdiplo("validate").stdout == "OK: 3 events in 1 file\n"


def test_without_records_anywhere_the_bundled_set_answers(jdiplo: Invoke) -> None:
    bundled = sum(
        1 for line in (BUNDLED_RECORDS / "2024" / "2024-07.yaml").open() if "- id:" in line
    )
    result = jdiplo("validate")
    assert result.stdout == f"OK: {bundled} events in 1 file\n"


def test_a_missing_records_directory_is_a_usage_error(jdiplo: Invoke, tmp_path: Path) -> None:
    result = jdiplo("--records", str(tmp_path / "nope"), "list")
    assert result.code == 2
    assert "records directory not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_records_are_refused_by_every_command(jdiplo: Invoke, sample: Path) -> None:
    month = sample / "2024" / "2024-07.yaml"
    month.write_text(month.read_text().replace("kind: meeting", "kind: meetin", 1))
    for args in (["list"], ["show", "2024-07-28-japan-us-2plus2"], ["validate"]):
        result = jdiplo("--records", str(sample), *args)
        assert result.code == 1, args
        assert result.stdout == ""
        assert result.stderr.splitlines() == [  # the path as seen from the current folder
            "sample/records/2024/2024-07.yaml:6:11: unknown kind 'meetin' (did you mean "
            "'meeting'?)",
            "1 problem in 1 file",
        ]


def test_usage_errors_exit_2_with_a_usage_line(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "list", "--format", "xml")
    assert result.code == 2
    assert result.stderr.startswith("Usage: jdiplo list [OPTIONS]")
    assert "unknown format 'xml'" in result.stderr
    assert jdiplo("list", "--no-such-option").code == 2


def test_an_unexpected_error_is_one_line_unless_debug(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **options: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("jdiplo.load.load_file", broken)
    result = jdiplo("--records", str(sample), "list")
    assert result.code == 70
    assert result.stderr == (
        "jdiplo: internal error: RuntimeError: disk on fire (run with --debug for details)\n"
    )
    with pytest.raises(RuntimeError):
        jdiplo("--debug", "--records", str(sample), "list")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lst", "Error: No such command 'lst'. Did you mean 'list'?\n"),
        ("valdate", "Error: No such command 'valdate'. Did you mean 'validate'?\n"),
        ("sumary", "Error: No such command 'sumary'. Did you mean 'summary'?\n"),
        ("zzz", "Error: No such command 'zzz'.\n"),
    ],
)
def test_an_unknown_command_is_a_usage_error_with_a_did_you_mean(
    jdiplo: Invoke, typed: str, message: str
) -> None:
    """Suggestions cover every command, also those not built yet in this process."""
    result = jdiplo(typed, "--help")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: jdiplo [OPTIONS] COMMAND [ARGS]...\n")
    assert result.stderr.endswith(message)


def test_no_private_typer_module_is_used() -> None:
    """typer vendors click as a private module that external code must not use."""
    tree = Path(__file__).parents[2]
    private = "typer." + "_" + "click"  # spelled so that this test does not find itself
    users = [
        path.relative_to(tree)
        for folder in ("src", "tests", "bench")
        for path in sorted((tree / folder).rglob("*.py"))
        if private in path.read_text(encoding="utf-8")
    ]
    assert users == []
