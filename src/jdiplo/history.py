"""The records' history in git: the events of the records directory at a revision.

git is run as a program, with arguments (never through a shell): `rev-parse` to find the
repository and resolve revisions, `rev-list --before` for the last commit before a date,
`ls-tree` to list the record files of a revision and `cat-file --batch` to read them. The
files are read as text with load's public functions, exactly as `validate` reads files on
disk; a file that cannot be read at a revision is a problem of that revision
(`REV:path:line:col: message`), never a crash.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from jdiplo.layout import PARTNERS_FILE, RECORD_SUFFIXES, REGISTRY_FILES
from jdiplo.problems import JdiploError, UsageError

if TYPE_CHECKING:
    from jdiplo.model import Event
    from jdiplo.partners import Registry

_TAG = "tag:yaml.org,2002:"


class NotARepository(JdiploError):
    """The records are not in a git repository (or git is not installed)."""


class UnknownRevision(UsageError):
    """A revision git does not know (exit 2, like any bad option value)."""


@dataclass
class State:
    """The events of the records at one revision (or in the working tree) and what could not
    be read there: `problems` as lines, `invalid_ids` the ids of events that failed."""

    label: str
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    invalid_ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Repository:
    """The git repository holding a records directory: its top folder, and the records
    directory's path inside it (POSIX, "" when they are the same folder)."""

    root: Path
    records: str

    @classmethod
    def of(cls, records_dir: Path) -> Repository:
        folder = records_dir.resolve()
        try:
            result = _git(folder, "rev-parse", "--show-toplevel")
        except FileNotFoundError:
            raise NotARepository("git is not installed; jdiplo changes needs it") from None
        if result.returncode != 0:
            raise NotARepository(
                f"{records_dir} is not in a git repository: jdiplo changes compares the "
                "records between git revisions (git init, then commit the records)"
            )
        root = Path(result.stdout.decode().strip()).resolve()
        inside = folder.relative_to(root).as_posix()
        return cls(root, "" if inside == "." else inside)

    def commit(self, revision: str, option: str = "REV") -> str:
        """The full hash of the commit `revision` names; UnknownRevision otherwise."""
        if revision.startswith("-"):
            raise UnknownRevision(f"{option}: unknown revision {revision!r}", option)
        result = _git(self.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if result.returncode != 0 and revision == "HEAD":
            raise NotARepository(
                f"the repository {self.root} has no commit yet: commit the records, then "
                "jdiplo changes shows what changed since"
            )
        if result.returncode != 0:
            raise UnknownRevision(
                f"{option}: unknown revision {revision!r} (a commit, branch or tag: HEAD, "
                "HEAD~3, main, v1.0, a hash)",
                option,
            )
        return result.stdout.decode().strip()

    def commit_before(self, day: dt.date) -> str | None:
        """The last commit of HEAD's history made before `day` began (committer time, local
        time zone), or None when there is none."""
        before = f"{day.isoformat()} 00:00:00"
        head = self.commit("HEAD")
        result = _git(self.root, "rev-list", "-n", "1", f"--before={before}", head, "--")
        if result.returncode != 0:
            raise NotARepository(f"git rev-list failed: {_message(result)}")
        found = result.stdout.decode().strip()
        return found or None

    def describe(self, commit: str, revision: str) -> str:
        """`HEAD (1a2b3c4, 2024-08-01)`: a revision as given, its short hash, its date."""
        result = _git(self.root, "log", "-1", "--format=%h %cs", commit, "--")
        short, _, day = result.stdout.decode().strip().partition(" ")
        if revision == short or commit.startswith(revision):
            return f"{short} ({day})"
        return f"{revision} ({short}, {day})"

    def state(self, commit: str, label: str, registry: Registry) -> State:
        """The events of the records directory at `commit`, read as `validate` reads files.
        `registry` is used unless the revision has its own partners.yaml."""
        state = State(label)
        files = self._record_blobs(commit)
        prefix = f"{self.records}/" if self.records else ""
        registry_blob = files.pop(PARTNERS_FILE, None)
        if registry_blob is not None:
            registry = self._registry(commit, prefix, registry_blob, state)
        texts = self._read_blobs([blob for blob, _ in files.values()])
        for relative, (blob, size) in sorted(files.items()):
            shown = f"{commit[:7]}:{prefix}{relative}"
            if size > _max_bytes():
                state.problems.append(f"{shown}:1:1: file too large ({size} bytes)")
                continue
            _read_text(texts[blob], relative, shown, registry, state)
        return state

    def _record_blobs(self, commit: str) -> dict[str, tuple[str, int]]:
        """relative path -> (blob, size) of the record files (and the registry file) of the
        records directory at `commit`, found as `layout.find_record_files` finds them."""
        arguments = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
        if self.records:
            arguments += ["--", self.records + "/"]
        result = _git(self.root, *arguments)
        if result.returncode != 0:
            raise NotARepository(f"git ls-tree failed: {_message(result)}")
        found: dict[str, tuple[str, int]] = {}
        for entry in result.stdout.split(b"\0"):
            if not entry:
                continue
            details, _, raw_path = entry.partition(b"\t")
            mode, kind, blob, size = details.decode().split()
            path = raw_path.decode("utf-8", errors="surrogateescape")
            relative = path[len(self.records) + 1 :] if self.records else path
            parts = PurePosixPath(relative).parts
            if kind != "blob" or mode not in ("100644", "100755"):
                continue  # symbolic links and submodules: jdiplo reads neither
            if any(part.startswith(".") for part in parts):
                continue
            if len(parts) == 1 and relative in REGISTRY_FILES:
                if relative == PARTNERS_FILE:
                    found[relative] = (blob, int(size))
                continue
            if relative.endswith(RECORD_SUFFIXES):
                found[relative] = (blob, int(size))
        return found

    def _read_blobs(self, blobs: Sequence[str]) -> dict[str, bytes]:
        """The contents of blobs, read by one `git cat-file --batch`."""
        if not blobs:
            return {}
        unique = list(dict.fromkeys(blobs))
        request = "".join(f"{blob}\n" for blob in unique).encode()
        result = subprocess.run(
            ["git", "-C", str(self.root), "cat-file", "--batch"],
            input=request,
            capture_output=True,
            check=False,
            env=_environment(),
        )
        if result.returncode != 0:
            raise NotARepository(f"git cat-file failed: {_message(result)}")
        contents: dict[str, bytes] = {}
        output, position = result.stdout, 0
        for blob in unique:
            end = output.index(b"\n", position)
            header = output[position:end].decode().split()
            size = int(header[2])
            contents[blob] = output[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return contents

    def _registry(self, commit: str, prefix: str, blob: tuple[str, int], state: State) -> Registry:
        """The partner registry of the revision, from its partners.yaml (read by
        `load.load_registry`, from a temporary copy)."""
        import tempfile

        from jdiplo.load import load_registry

        text = self._read_blobs([blob[0]])[blob[0]]
        with tempfile.TemporaryDirectory(prefix="jdiplo-changes-") as folder:
            (Path(folder) / PARTNERS_FILE).write_bytes(text)
            registry, problems = load_registry(Path(folder))
        for problem in problems:
            state.problems.append(f"{commit[:7]}:{prefix}{problem}")
        return registry


def working_tree(records_dir: Path, label: str = "the working tree") -> State:
    """The events of the records directory as the files on disk have them (each file read as a
    revision's is: the checks across files are validate's business, not a comparison's)."""
    from jdiplo.layout import find_record_files
    from jdiplo.load import load_file, load_registry

    registry, problems = load_registry(records_dir)
    state = State(label, [], [], set())
    for relative in find_record_files(records_dir):
        contents = load_file(records_dir, relative, registry)
        state.events.extend(contents.events)
        state.invalid_ids |= contents.invalid_ids
        problems += contents.problems
    shown = _shown(records_dir)
    state.problems.extend(f"{shown}/{problem}" for problem in sorted(problems))
    return state


def _read_text(data: bytes, relative: str, shown: str, registry: Registry, state: State) -> None:
    """Add the events of one record file's bytes to `state`, and its problems."""
    from jdiplo.load import load_bytes

    prefix = shown[: -len(relative)]
    contents = load_bytes(data, relative, registry)
    state.events.extend(contents.events)
    state.invalid_ids |= contents.invalid_ids
    state.problems.extend(f"{prefix}{found}" for found in contents.problems)


def _max_bytes() -> int:
    from jdiplo.layout import MAX_FILE_BYTES

    return MAX_FILE_BYTES


def _shown(records_dir: Path) -> str:
    try:
        return records_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(records_dir)


def _environment() -> dict[str, str]:
    """git's environment: the user's, without a pager, prompts or translated messages."""
    return {
        **os.environ,
        "GIT_PAGER": "cat",
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C",
        "GIT_OPTIONAL_LOCKS": "0",
    }


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-C", str(folder), *arguments],
        capture_output=True,
        check=False,
        env=_environment(),
    )


def _message(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"
