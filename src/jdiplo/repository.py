"""Which records: found as git finds a repository, from any folder inside one.

--records DIR          the records directory named on the command line, else
$JDIPLO_RECORDS        the one named by the environment, else
<repository>/records   the first folder, from the current one up to the root, that holds
                       a `records/` directory (the repository: sources are relative to it),
                       else
the bundled records    the July 2024 record set shipped with jdiplo, with a note on stderr
                       when it is a terminal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from jdiplo.problems import UsageError

ENVIRONMENT_VARIABLE = "JDIPLO_RECORDS"
RECORDS_FOLDER = "records"
BUNDLED_NOTE = "using the bundled July 2024 record set; jdiplo init to start your own"


class Records(NamedTuple):
    """A records directory, and how it was chosen."""

    directory: Path
    how: str  # "--records", "$JDIPLO_RECORDS", "repository" or "bundled"

    @property
    def bundled(self) -> bool:
        return self.how == "bundled"


def bundled_records_dir() -> Path:
    """The record set shipped with jdiplo (in the wheel), or the source tree's in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled" / "records"
    if installed.is_dir():
        return installed
    return package.parent.parent / RECORDS_FOLDER


def find_records(option: Path | None, cwd: Path | None = None) -> Records:
    """The records directory a command works on (see the module's description)."""
    if option is not None:
        return Records(_existing(option, "--records"), "--records")
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Records(_existing(Path(from_environment), ENVIRONMENT_VARIABLE), "environment")
    repository = find_repository(cwd or Path.cwd())
    if repository is not None:
        return Records(repository / RECORDS_FOLDER, "repository")
    return Records(bundled_records_dir(), "bundled")


def find_repository(start: Path) -> Path | None:
    """The first folder from `start` up to the root that holds a records directory."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / RECORDS_FOLDER).is_dir():
            return candidate
    return None


def _existing(path: Path, source: str) -> Path:
    """The records directory named by `source`, resolved: its parent is the repository
    (`--records .` or `--records ..` name a folder whose parent, as a relative path, would be
    the wrong one)."""
    if not path.is_dir():
        raise UsageError(f"records directory not found: {path}", source)
    return path.resolve()
