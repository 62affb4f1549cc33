"""The layout of a records directory: which files hold records, where the registry is, and how
a file of it is read (a regular file only, bounded while it is read).

    records/                the records directory
      partners.yaml         the partner registry's additions (not a record file)
      people.yaml           the people registry's additions (not a record file)
      extract.yaml          the rules `jdiplo extract` adds to its own (not a record file)
      2024/2024-07.yaml     record files: *.yaml and *.yml, in any sub-folders
      .drafts/, .x.yaml     ignored: names that start with a dot
    seeds/                  sources that records quote, relative to the folder above records/

Kept apart from load.py so that finding and reading files needs no YAML parser and no model.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

MAX_FILE_BYTES = 20 * 1024 * 1024  # of a record or registry file
PARTNERS_FILE = "partners.yaml"
PEOPLE_FILE = "people.yaml"
REGISTRY_FILES = (PARTNERS_FILE, "partners.yml", PEOPLE_FILE, "people.yml")
RULES_FILES = ("extract.yaml", "extract.yml")  # the rules of `jdiplo extract`
RECORD_SUFFIXES = (".yaml", ".yml")


def find_record_files(records_dir: Path) -> list[str]:
    """Record files under `records_dir`, as sorted POSIX paths relative to it.

    Files and folders whose names start with a dot are skipped, and so are the registry files
    `partners.yaml` and `people.yaml` and the rules of `jdiplo extract`, `extract.yaml`, at the
    root. A folder that is a symbolic link is listed as it is, not followed: reading it reports
    that links are not followed among records (a link could lead anywhere), rather than leaving
    its records out without a word.
    """
    found: list[str] = []
    for folder, folders, files in os.walk(records_dir):
        relative = Path(folder).relative_to(records_dir)
        kept = []
        for name in folders:
            if name.startswith("."):
                continue
            if os.path.islink(os.path.join(folder, name)):  # noqa: PTH114, PTH118
                found.append((relative / name).as_posix())
            else:
                kept.append(name)
        folders[:] = kept
        for name in files:
            if name.startswith(".") or not name.endswith(RECORD_SUFFIXES):
                continue
            if relative == Path() and (name in REGISTRY_FILES or name in RULES_FILES):
                continue
            found.append((relative / name).as_posix())
    return sorted(found)


def readable_name(relative: str) -> bool:
    """Whether a path found on disk is valid UTF-8 (names that are not cannot be shown,
    stored or typed back reliably; they are reported instead of read)."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Reading a file of a records directory


class Unreadable(Exception):
    """A file that is not read: the message says why, in a user's words."""


_KINDS_OF_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bounded(path: Path | str, limit: int, follow_links: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; Unreadable otherwise.

    Nothing else is ever read: not a FIFO (which would wait for a writer), not a device (which
    may never end), and not a symbolic link unless `follow_links` (record files and folders
    must be real ones). The limit is enforced while reading, not trusted from the size a
    stat gives (0 for /dev/zero).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP or (not follow_links and _is_link(path)):
            raise Unreadable(LINK_REFUSED) from None
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a file")
            raise Unreadable(f"not a regular file ({kind}): jdiplo reads only regular files")
        if status.st_size > limit:  # refused without reading it
            raise Unreadable(_too_large(limit, status.st_size))
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if left <= 0:  # it grew while being read
        raise Unreadable(_too_large(limit, None))
    return b"".join(chunks)


def _too_large(limit: int, size: int | None) -> str:
    megabytes = limit / (1024 * 1024)
    found = f"{size / (1024 * 1024):.1f} MB; " if size is not None else ""
    return f"file too large ({found}the limit is {megabytes:g} MB): split it"


LINK_REFUSED = (
    "a symbolic link: jdiplo does not follow links among records "
    "(put the file or folder itself here)"
)


def _is_link(path: Path | str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def digest_of(data: bytes) -> str:
    """The digest the index keeps of a file's contents."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def source_path(base: Path, name: str) -> Path | str:
    """Where source `name` (relative to `base`, the repository) really is, links followed;
    or why it cannot be a source: it must resolve to a place inside the repository."""
    found = locate_source(os.fspath(base.resolve()), name)
    return found if isinstance(found, str) else Path(found.path)


class SourcePlace(NamedTuple):
    """Where a source really is, and its status there (`os.lstat` of that place: of a file,
    or of whatever it is; None when nothing is there)."""

    path: str
    status: os.stat_result | None


def locate_source(root: str, name: str) -> SourcePlace | str:
    """`source_path` for `root`, the repository resolved, with the status of the place found;
    or why it cannot be a source."""
    if "\0" in name:
        return f"source file not found: {name}"
    try:
        path = os.fspath(Path(root, name).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return f"source file cannot be resolved (a loop of links?): {name}"
    if path != root and not path.startswith(os.path.join(root, "")):  # noqa: PTH118
        return f"source file is outside the repository (the folder holding records/): {name}"
    try:
        status = os.lstat(path)
    except (OSError, ValueError):
        return SourcePlace(path, None)
    if stat.S_ISLNK(status.st_mode):  # left by resolve() in a loop (Python 3.13 does not raise)
        return f"source file cannot be resolved (a loop of links?): {name}"
    return SourcePlace(path, status)


def locate_sources(root: str, names: Iterable[str]) -> Iterator[tuple[str, SourcePlace | str]]:
    """`locate_source` of each name, for the thousands of sources every warm command checks
    (index/refresh.py): each folder is resolved once, and a source in a folder inside the
    repository that is itself no link costs one `lstat`. Anything else (a link, `.` or `..`
    last, a folder outside) takes `locate_source` itself. The two agree (tests/test_sources.py).
    """
    inside = os.path.join(root, "")  # noqa: PTH118 (text, not pathlib: thousands of calls)
    # the folder of a name, as written -> that folder resolved, with a trailing separator (None
    # for the slow path). Only relative names with `/` as their one separator are looked up
    # this way; the others (absolute, or with `\\` or a drive on Windows) take the slow path.
    folders: dict[str, str | None] = {}
    windows = os.sep != "/"
    lstat, is_link = os.lstat, stat.S_ISLNK
    for name in names:
        written, _, last = name.rpartition("/")
        prefix = None
        if not name.startswith("/") and not (windows and ("\\" in name or ":" in name)):
            if written not in folders:
                folder = os.path.dirname(os.path.join(root, name))  # noqa: PTH118, PTH120
                resolved = _resolved_folder(folder, root, inside)
                folders[written] = None if resolved is None else os.path.join(resolved, "")  # noqa: PTH118
            prefix = folders[written]
        if prefix is None or last in ("", ".", "..") or "\0" in name:
            yield name, locate_source(root, name)
            continue
        path = prefix + last
        try:
            status = lstat(path)
        except (OSError, ValueError):
            yield name, SourcePlace(path, None)
            continue
        yield (
            name,
            (locate_source(root, name) if is_link(status.st_mode) else SourcePlace(path, status)),
        )


def _resolved_folder(folder: str, root: str, inside: str) -> str | None:
    """A folder resolved, if it resolves inside the repository `root` (else None)."""
    try:
        resolved = os.fspath(Path(folder).resolve())
    except (OSError, RuntimeError, ValueError):
        return None
    return resolved if resolved == root or resolved.startswith(inside) else None
