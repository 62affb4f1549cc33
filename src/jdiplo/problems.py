"""Problems found in records, and the exceptions that carry them.

A `Problem` is data, printed as `path:line:col: message`, the format compilers, linters and
editors understand. Loading and validation collect problems instead of stopping at the first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something wrong at a place in a record file. `line` and `col` are 1-based."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class JdiploError(Exception):
    """An error meant for the user: printed as one line, never as a traceback."""

    exit_code = 1


class RecordsInvalid(JdiploError):
    """The records have problems; commands refuse to answer from them."""

    def __init__(self, problems: Sequence[Problem], files: int = 0) -> None:
        self.problems = sorted(problems)
        self.files = files or len({problem.path for problem in problems})
        super().__init__(summary_line(self.problems))


class UsageError(JdiploError):
    """A bad option value found after parsing (exit 2, like typer's usage errors)."""

    exit_code = 2

    def __init__(self, message: str, option: str | None = None) -> None:
        self.option = option
        super().__init__(message)


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
