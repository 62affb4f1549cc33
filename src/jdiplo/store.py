"""Where events come from: which records directory, and its validated record set.

Today every command loads and validates the YAML files directly; an index can take this
module's place without commands noticing. Commands only ever see a complete, valid record set:
any problem raises `RecordsInvalid`, so no answer is silently partial.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jdiplo.load import Loaded, Progress, load_records, load_registry
from jdiplo.model import Event
from jdiplo.partners import Registry
from jdiplo.problems import Problem, RecordsInvalid, UsageError
from jdiplo.validate import check

ENVIRONMENT_VARIABLE = "JDIPLO_RECORDS"


@dataclass(frozen=True)
class RecordSet:
    """A valid record set, events in date order."""

    records_dir: Path
    registry: Registry
    events: list[Event]
    files: list[str]


def bundled_records_dir() -> Path:
    """The record set shipped with jdiplo (in the wheel), or the source tree's in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled" / "records"
    if installed.is_dir():
        return installed
    return package.parent.parent / "records"


def resolve_records_dir(option: Path | None, cwd: Path | None = None) -> Path:
    """`--records`, else $JDIPLO_RECORDS, else ./records when it exists, else the bundled set."""
    if option is not None:
        return _existing(option, "--records")
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return _existing(Path(from_environment), ENVIRONMENT_VARIABLE)
    local = (cwd or Path.cwd()) / "records"
    if local.is_dir():
        return local
    return bundled_records_dir()


def _existing(path: Path, source: str) -> Path:
    if not path.is_dir():
        raise UsageError(f"records directory not found: {path}", source)
    return path


def registry(records_dir: Path) -> Registry:
    """The partner registry of `records_dir`; raises RecordsInvalid for a bad partners.yaml."""
    partners, problems = load_registry(records_dir)
    if problems:
        raise RecordsInvalid(problems)
    return partners


def read(records_dir: Path, progress: Progress | None = None) -> tuple[Loaded, list[Problem]]:
    """Everything loaded, and every problem of the record set (empty when it is valid)."""
    loaded = load_records(records_dir, progress)
    return loaded, loaded.problems + check(loaded)


def open_records(records_dir: Path, progress: Progress | None = None) -> RecordSet:
    """The valid record set of `records_dir`; raises RecordsInvalid listing every problem."""
    loaded, problems = read(records_dir, progress)
    if problems:
        raise RecordsInvalid(problems)
    events = sorted(loaded.events, key=lambda event: event.sort_key)
    return RecordSet(records_dir, loaded.registry, events, loaded.files)
