"""Writing record files: atomically, under a lock, with the file's own encoding conventions.

Every command that writes records goes through `write_text`:

1. the new content goes to a temporary file in the same folder (`.NAME.<random>.jdiplo-tmp`:
   the leading dot keeps it out of the record set if a process dies before step 3);
2. the temporary file is flushed and fsynced, and gets the mode of the file it replaces;
3. `os.replace` renames it over the target, which is atomic on POSIX: a reader sees the old
   file or the new one, never a mix, and a killed process leaves the old file whole;
4. the folder is fsynced, so that the rename itself survives a power cut.

Writers also hold `records_lock` from reading the records to writing them, so that two
`jdiplo add` started at the same moment both land: the lock is an exclusive `flock` on the records
directory itself (an open file descriptor of the folder), so no lock file ever appears among the
records. It is advisory: editors and git ignore it, other jdiplo processes wait for it.

Portability: each step uses what `os` offers where it runs, and every fallback is tested by
simulating the missing function on POSIX (tests/authoring/test_atomic_write.py).
- No `fcntl` (Windows): writes are still atomic, but not locked.
- No `os.fchmod` (Windows before Python 3.13): the mode is set with `os.chmod` on the
  temporary file's path, after it is written and closed.
- `os.O_BINARY` (Windows only) opens the temporary file in binary mode, so that the C runtime
  never turns LF into CRLF: the bytes written are exactly the bytes given.
- A folder that cannot be opened or fsynced (Windows) is not fsynced: `os.replace` is still
  atomic there, only its durability across a power cut rests on the file system.
- A read-only temporary file (Windows refuses to delete one) is made writable, then removed.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import glob
import os
import secrets
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from jdiplo.problems import JdiploError, Problem

TEMPORARY_SUFFIX = ".jdiplo-tmp"
LOCK_TIMEOUT = 60.0


class WriteFailed(JdiploError):
    """A record file could not be written; the original is untouched."""


class LockTimeout(JdiploError):
    """Another jdiplo process held the records for too long."""


@contextlib.contextmanager
def records_lock(records_dir: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the records directory's exclusive lock (waiting up to `timeout` seconds)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    descriptor = os.open(records_dir, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"the records in {records_dir} are locked by another jdiplo process; "
                        "try again"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class TextFile:
    """A text file's content with LF line ends, and how it was stored: BOM, line ends."""

    text: str
    bom: bool = False
    newline: str = "\n"

    def encoded(self, text: str) -> bytes:
        """`text` (LF line ends) stored the way this file was."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        data = text.encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def read_text(path: Path) -> TextFile:
    """A record file as text with LF line ends, remembering its BOM and CRLF line ends."""
    data = path.read_bytes()
    bom = data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8) :].decode("utf-8") if bom else data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline == "\r\n":
        text = text.replace("\r\n", "\n")
    if "\r" in text:
        raise WriteFailed(f"{path}: lines end with a bare CR; save the file with LF line ends")
    return TextFile(text, bom, newline)


class WriteRefused(JdiploError):
    """A write that would leave records `load` does not read: nothing is written."""

    def __init__(self, relative: str, reason: str) -> None:
        self.relative = relative
        self.reason = reason
        super().__init__(f"cannot write {relative}: {reason} (nothing was written)")

    @property
    def problem(self) -> Problem:
        return Problem(self.relative, 1, 1, self.reason)


def record_target(records_dir: Path, relative: str) -> Path:
    """The path of the record file `relative` (a POSIX path under `records_dir`), refusing a
    file or folder on the way that is a symbolic link: `load` does not follow them, so what
    was written there would never be read (or would be read as another file)."""
    path = records_dir
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            shown = path.relative_to(records_dir).as_posix()
            reason = (
                f"{shown} is a symbolic link; jdiplo writes only files and folders inside "
                "the records directory"
            )
            raise WriteRefused(relative, reason)
    return path


def check_size(relative: str, content: bytes) -> None:
    """Refuse content over the size `load` reads (`layout.MAX_FILE_BYTES`)."""
    from jdiplo.layout import MAX_FILE_BYTES

    if len(content) > MAX_FILE_BYTES:
        reason = (
            f"it would be {_size(len(content))}, and record files are read only up to "
            f"{_size(MAX_FILE_BYTES)}"
        )
        raise WriteRefused(relative, reason)


def _size(count: int) -> str:
    """`25.3 MB`, `20 MB`, `8 kB`."""
    megabytes = count / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:.1f}".removesuffix(".0") + " MB"
    return f"{count / 1024:.1f}".removesuffix(".0") + " kB"


def make_folders(path: Path) -> None:
    """Create the folders `path` goes in; a failure is one line (WriteFailed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(f"cannot create {path.parent}: {error.strerror or error}") from None


def write_text(path: Path, content: bytes) -> None:
    """Replace (or create) `path` with `content` atomically; its folder must exist.

    On any failure the temporary file is removed, the original is untouched, and `WriteFailed`
    says why in one line.
    """
    write_files([(path, content)])


def write_files(contents: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files: every temporary file is written and fsynced before the first
    rename, so that a failure while writing (a full disk) changes none of them."""
    prepared: list[tuple[Path, Path, Path]] = []  # (temporary, target, as named by the caller)
    renamed = 0
    try:
        for path, content in contents:
            target = path.resolve() if path.is_symlink() else path
            prepared.append((_prepare(target, content), target, path))
        for temporary, target, _ in prepared:
            _before_rename(temporary, target)
            temporary.replace(target)
            renamed += 1
    except BaseException as error:  # an interrupt too: no temporary file is left behind
        for temporary, _, _ in prepared[renamed:]:
            _remove(temporary)
        if not isinstance(error, OSError):
            raise
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "no space left on the device"
        if len(prepared) < len(contents):  # while writing the temporary files
            failed = contents[len(prepared)][0]
        else:
            failed = prepared[renamed][2]
        written = ", ".join(str(path) for _, _, path in prepared[:renamed])
        unchanged = f"already written: {written}" if written else "nothing was changed"
        raise WriteFailed(f"cannot write {failed}: {reason}; {unchanged}") from None
    for folder in {target.parent for _, target, _ in prepared}:
        _fsync_folder(folder)


def _prepare(target: Path, content: bytes) -> Path:
    """A fsynced temporary file next to `target` holding `content`, with `target`'s mode."""
    _remove_stale_temporaries(target)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    # 0o666 before the umask, as for any new file; the original's mode when replacing one.
    descriptor = os.open(temporary, _create_flags(), 0o666)
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(descriptor, mode)
            _write_all(descriptor, content)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if mode is not None and not hasattr(os, "fchmod"):  # Windows before Python 3.13
            temporary.chmod(mode)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _create_flags() -> int:
    """Flags that create a new file for writing, in binary mode where the platform has text
    mode (Windows: without `O_BINARY`, each LF written would become CRLF)."""
    return os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _remove(path: Path) -> None:
    """Remove a temporary file, quietly; a read-only one (Windows refuses to delete those) is
    made writable first."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except PermissionError:
        with contextlib.suppress(OSError):
            path.chmod(stat.S_IWRITE | stat.S_IREAD)
            path.unlink()
    except OSError:
        pass


def _write_all(descriptor: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _before_rename(temporary: Path, target: Path) -> None:
    """Nothing; tests replace it to stop a writer just before the rename."""


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable, where the platform can (not on Windows, which
    cannot open a folder as a file)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows: PermissionError
        return
    try:
        os.fsync(descriptor)
    except OSError:  # file systems that refuse to fsync a folder
        pass
    finally:
        os.close(descriptor)


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files left by a killed writer of `target` (callers hold the records lock)."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*{TEMPORARY_SUFFIX}"):
        _remove(stale)
