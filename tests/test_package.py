"""The package as released: the wheel and the sdist, built by the project's own backend."""

from __future__ import annotations

import email.parser
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

from conftest import ROOT
from jdiplo import __version__

PYTHONS = ("3.11", "3.12", "3.13")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel, sdist), built with hatchling's PEP 517 hooks from the repository's root: no
    network, no isolated environment. Skipped where hatchling is not installed."""
    backend = pytest.importorskip("hatchling.build", reason="hatchling (the test extra) is absent")
    output = tmp_path_factory.mktemp("dist")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        wheel = output / backend.build_wheel(str(output))
        sdist = output / backend.build_sdist(str(output))
    return wheel, sdist


def metadata(text: str) -> Message:
    return email.parser.Parser().parsestr(text, headersonly=True)


def source_files(folder: str) -> list[str]:
    return sorted(
        path.relative_to(ROOT / folder).as_posix()
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    )


def check_metadata(fields: Message) -> None:
    assert fields["Name"] == "jdiplo"
    assert fields["Version"] == __version__
    assert fields["License-Expression"] == "MIT"
    assert fields.get_all("License-File") == ["LICENSE"]
    assert fields["Requires-Python"] == ">=3.11"
    classifiers = fields.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Operating System :: OS Independent" in classifiers
    assert {f"Programming Language :: Python :: {version}" for version in PYTHONS} <= set(
        classifiers
    )
    assert not [item for item in classifiers if item.startswith("License ::")]  # PEP 639
    assert "japan" in fields["Keywords"].split(",")
    assert fields["Author"] == "jdiplo contributors"
    requires = fields.get_all("Requires-Dist") or []
    assert any(item.startswith("typer<0.30,>=0.29") for item in requires)
    # yaml-rs only through the `fast` extra, pinned
    fast = [item for item in requires if item.startswith("yaml-rs")]
    assert fast and all("==0.1.6" in item and "extra ==" in item for item in fast)


def test_the_wheel_has_the_license_the_types_and_the_bundled_records(
    built: tuple[Path, Path],
) -> None:
    wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"jdiplo-{__version__}.dist-info"
        license_text = archive.read(f"{info}/licenses/LICENSE").decode("utf-8")
        fields = metadata(archive.read(f"{info}/METADATA").decode("utf-8"))
    assert license_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License\n\nCopyright (c) 2026 jdiplo contributors\n")
    assert "jdiplo/py.typed" in names
    assert "jdiplo/cli/app.py" in names
    for folder in ("records", "seeds"):
        bundled = {name for name in names if name.startswith(f"jdiplo/_bundled/{folder}/")}
        expected = {f"jdiplo/_bundled/{folder}/{name}" for name in source_files(folder)}
        assert bundled == expected and expected
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    check_metadata(fields)


def test_the_sdist_has_the_license_the_types_and_what_tests_need(
    built: tuple[Path, Path],
) -> None:
    _, sdist = built
    top = f"jdiplo-{__version__}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        member = archive.extractfile(f"{top}/PKG-INFO")
        assert member is not None
        fields = metadata(member.read().decode("utf-8"))
        license_file = archive.extractfile(f"{top}/LICENSE")
        assert license_file is not None
        license_text = license_file.read().decode("utf-8")
    assert license_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    for name in (
        "pyproject.toml", "README.md", "CHANGELOG.md", ".pre-commit-hooks.yaml",
        "src/jdiplo/py.typed", "tests/conftest.py",
    ):  # fmt: skip
        assert f"{top}/{name}" in names, name
    for folder in ("records", "seeds"):
        assert {f"{top}/{folder}/{name}" for name in source_files(folder)} <= names
    assert not [name for name in names if "/.venv/" in name or "__pycache__" in name]
    check_metadata(fields)
