"""Problems found in records, and the exceptions that carry them.

A `Problem` is data, printed as `path:line:col: message`, the format compilers, linters and
editors understand. Loading and validation collect problems instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """Something wrong at a place in a record file. `line` and `col` are 1-based. `see` is
    another place the message refers to, (words, path, line): `(first at PATH:LINE)`.
    Problems sort by place (path, line, col), then message."""

    path: str
    line: int
    col: int
    message: str
    see: tuple[str, str, int] | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.text()}"

    def text(self, path: Callable[[str], str] = str) -> str:
        """The message, with the place it refers to shown by `path`."""
        if self.see is None:
            return self.message
        words, where, line = self.see
        return f"{self.message} ({words} {path(where)}:{line})"


class JdiploError(Exception):
    """An error meant for the user: printed as one line, never as a traceback."""

    exit_code = 1


class RecordsInvalid(JdiploError):
    """The records have problems; commands refuse to answer from them. `base` is the records
    directory the problems' paths are relative to (their paths are shown from the current
    folder); None when they are relative to nothing (input not yet in a file)."""

    def __init__(self, problems: Sequence[Problem], files: int = 0, base: Path | None = None):
        self.problems = sorted(problems)
        self.files = files or len({problem.path for problem in problems})
        self.base = base
        super().__init__(summary_line(self.problems))

    def shown(self) -> list[str]:
        """Each problem as `path:line:col: message`, its path as the user would type it."""
        return shown_problems(self.problems, self.base)


def shown_problems(problems: Iterable[Problem], base: Path | None) -> list[str]:
    """Each problem as `path:line:col: message`, its paths (relative to the records directory
    `base`) as a user in the current folder would type them; as they are without a base."""
    if base is None:
        return [str(problem) for problem in problems]
    shown = paths_shown_from(base)
    return [f"{shown(p.path)}:{p.line}:{p.col}: {p.text(shown)}" for p in problems]


def paths_shown_from(base: Path) -> Callable[[str], str]:
    """A function showing a path relative to the records directory `base` as a user in the
    current folder would type it (`shown_path`)."""
    repository = base.parent

    def shown(path: str) -> str:
        return shown_path(base / path, repository)

    return shown


class UsageError(JdiploError):
    """A bad option value found after parsing (exit 2, like typer's usage errors)."""

    exit_code = 2

    def __init__(self, message: str, option: str | None = None) -> None:
        self.option = option
        super().__init__(message)


def shown_path(path: Path, repository: Path | None = None) -> str:
    """A path as a user in the current folder would type it (so that `path:line:col` opens in
    editors and terminals): relative to the current folder when the path is inside it, or when
    the current folder is inside `repository`; else absolute. Bytes of a name that are not
    UTF-8 are shown as `\\xNN`."""
    try:
        cwd = Path.cwd()
    except OSError:  # the current folder was removed
        return os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    target = path if path.is_absolute() else cwd / path
    inside = cwd in target.parents or target == cwd
    if inside or (repository is not None and _within(cwd, repository.absolute())):
        shown = os.path.relpath(target, cwd)
    else:
        shown = str(target)
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def _within(folder: Path, ancestor: Path) -> bool:
    return folder == ancestor or ancestor in folder.parents


def summary_line(problems: Sequence[Problem]) -> str:
    """`3 problems in 2 files`."""
    count = len(problems)
    files = len({problem.path for problem in problems})
    return f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def did_you_mean(word: str, choices: Iterable[str] | Mapping[str, str]) -> str:
    """` (did you mean 'meeting'?)` for the closest choice, or an empty string.

    With a mapping, its keys (names, aliases) are matched and the value (a code) is suggested.
    Matching ignores case.
    """
    pairs = choices.items() if isinstance(choices, Mapping) else ((c, c) for c in choices)
    folded: dict[str, str] = {}
    for name, suggestion in pairs:
        folded.setdefault(name.casefold(), suggestion)
    matches = difflib.get_close_matches(word.strip().casefold(), list(folded), n=1, cutoff=0.6)
    if not matches:
        return ""
    return f" (did you mean {folded[matches[0]]!r}?)"
