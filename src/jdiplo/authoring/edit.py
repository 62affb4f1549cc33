"""`jdiplo edit ID`: the record's file and line, the editor command that opens it there.

The editor comes from $VISUAL, else $EDITOR (a command line, such as `code --wait`). Most
editors take `+LINE FILE` (vi, vim, nvim, nano, emacs, micro, kak, ne, joe...); those that do
not get their own form: VS Code and its kin `--goto FILE:LINE`, Sublime Text, Zed and Helix
`FILE:LINE`. Editors that return at once (VS Code, Sublime Text, Zed) get `--wait`, so that the
records are checked after the editing, not before.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path

from jdiplo.problems import JdiploError, UsageError, did_you_mean

_GOTO = {"code", "code-insiders", "codium", "cursor", "windsurf"}
_FILE_LINE = {"subl", "sublime_text", "zed", "zeditor", "hx", "helix"}
_WAIT = {"code", "code-insiders", "codium", "cursor", "windsurf", "subl", "sublime_text", "zed"}


def find_event(records_dir: Path, event_id: str) -> tuple[str, int]:
    """The file (relative to `records_dir`) and line of the event `event_id`.

    An event that fails validation is found too (by its `id:` line), so that it can be fixed.
    """
    from jdiplo.store import read

    loaded, _ = read(records_dir)
    for event in loaded.events:
        if event.id == event_id and event.origin is not None:
            return event.origin.path, event.origin.line
    if event_id in loaded.invalid_ids:
        pattern = re.compile(
            r"^\s*(?:-\s+)?id\s*:\s*(['\"]?)" + re.escape(event_id) + r"\1\s*(?:#.*)?$"
        )
        for relative in loaded.files:
            text = (records_dir / relative).read_text(encoding="utf-8-sig", errors="replace")
            for number, line in enumerate(text.split("\n"), start=1):
                if pattern.match(line):
                    return relative, number
    known = [event.id for event in loaded.events] + sorted(loaded.invalid_ids)
    raise JdiploError(f"no event with id {event_id!r}{did_you_mean(event_id, known)}")


def editor_command(path: Path, line: int, environment: Mapping[str, str]) -> list[str]:
    """The command that opens `path` at `line` in the user's editor."""
    editor = environment.get("VISUAL") or environment.get("EDITOR")
    if not editor or not editor.strip():
        raise UsageError("set $VISUAL or $EDITOR to your editor (for example: export EDITOR=nano)")
    try:
        words = shlex.split(editor)
    except ValueError as error:
        raise UsageError(f"cannot read the editor command {editor!r}: {error}") from None
    name = Path(words[0]).name.removesuffix(".exe")
    wait = ["--wait"] if name in _WAIT and not {"--wait", "-w"} & set(words) else []
    if name in _GOTO:
        return [*words, *wait, "--goto", f"{path}:{line}"]
    if name in _FILE_LINE:
        return [*words, *wait, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]
