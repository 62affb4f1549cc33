"""Writing an output path (`--svg FILE`, `-o FILE`): atomic for files, streamed for the rest.

    -                       stdout
    a new path, a file      written atomically: a temporary file beside it, then a rename, so
                            a reader sees the old file or the new one, and a failure leaves the
                            old one whole (a symbolic link to a file keeps being a link)
    anything else           written through as a stream, never replaced: FIFOs, process
                            substitution (`>(wc -c)`), devices (`/dev/null`), `/dev/stdout`

A target is checked before any work is done (`output_target`), so that a bad path is a usage
error at once, and opened when there is something to write (`open_output`).
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jdiplo.problems import UsageError

STDOUT = "-"
# Paths there are streams or kernel views, whatever a stat says: never renamed over.
_SPECIAL_ROOTS = ("/dev/", "/proc/")


@dataclass(frozen=True)
class OutputTarget:
    """Where an output goes. `path` is None for stdout; `streamed` outputs are written
    through as they come, the others atomically to `path` when complete."""

    name: str
    path: Path | None
    streamed: bool


def output_target(name: str | Path, option: str, outside: Path | None = None) -> OutputTarget:
    """The checked target of an output option; UsageError (naming `option`) when it cannot be
    written: a folder, a folder that does not exist, or a file inside `outside` (the records
    directory, which holds records only)."""
    text = os.fspath(name)
    if text == STDOUT:
        return OutputTarget(text, None, streamed=True)
    path = Path(text).expanduser()
    try:
        status = path.stat()  # follows links: what would be written to
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise UsageError(f"cannot write {text}: {error.strerror or error}", option) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{text} is a folder; name a file", option)
    if status is not None and _is_stdout(status):  # /dev/stdout, /dev/fd/1, or the file itself
        return OutputTarget(text, None, streamed=True)
    if _special(path) or (status is not None and not stat.S_ISREG(status.st_mode)):
        return OutputTarget(text, path, streamed=True)
    target = path.resolve()  # a link to a file: the file is replaced, the link stays
    if not target.parent.is_dir():
        raise UsageError(f"folder not found: {path.parent}", option)
    if outside is not None:
        records = outside.resolve()
        if target == records or records in target.parents:
            raise UsageError(f"{text} is inside the records directory; write it elsewhere", option)
    return OutputTarget(text, target, streamed=False)


def _is_stdout(status: os.stat_result) -> bool:
    try:
        stdout = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (tests, a closed descriptor)
        return False
    return (status.st_dev, status.st_ino) == (stdout.st_dev, stdout.st_ino)


def _special(path: Path) -> bool:
    named, resolved = str(path.absolute()), str(path.resolve())
    return named.startswith(_SPECIAL_ROOTS) or resolved.startswith(_SPECIAL_ROOTS)


@contextmanager
def open_output(target: OutputTarget, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream for the output. A file is written when the block ends without an error (and
    not at all otherwise); a stream receives what is written as it is written."""
    if target.path is None:
        stream: IO[Any] = sys.stdout
        if binary:
            sys.stdout.flush()
            stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    if target.streamed:
        try:
            handle = target.path.open("wb" if binary else "w", encoding=None if binary else "utf-8")
        except OSError as error:
            raise UsageError(f"cannot write {target.name}: {error.strerror or error}") from None
        with handle:
            yield handle
        return
    buffer = io.BytesIO()
    text = None if binary else io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    yield buffer if text is None else text
    if text is not None:
        text.flush()
    from jdiplo.authoring.files import write_text

    write_text(target.path, buffer.getvalue())


def write_output(target: OutputTarget, content: bytes) -> None:
    """All of `content` to the target."""
    with open_output(target, binary=True) as stream:
        stream.write(content)
