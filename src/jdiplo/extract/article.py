"""The article `jdiplo extract` reads: its text, where it sits in the repository, and the drafts
made from it (the steps of the command, without the command line)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jdiplo.problems import JdiploError, Problem, RecordsInvalid

if TYPE_CHECKING:
    from jdiplo.dates import PartialDate
    from jdiplo.extract.candidates import Note
    from jdiplo.extract.dates import Reference
    from jdiplo.extract.output import Draft
    from jdiplo.partners import Registry

MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass
class Result:
    drafts: list[Draft]
    notes: list[Note]
    reference: Reference
    registry: Registry


def decoded(data: bytes, name: str) -> str:
    """The article's text (a byte order mark dropped); a located problem when it is not
    UTF-8 or too large."""
    if len(data) > MAX_ARTICLE_BYTES:
        megabytes = len(data) / (1024 * 1024)
        message = f"article too large ({megabytes:.1f} MB; the limit is 5 MB)"
        raise RecordsInvalid([Problem(name, 1, 1, message)])
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        message = f"not valid UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8"
        raise RecordsInvalid([Problem(name, line, column, message)]) from None


def read_file(path: Path) -> bytes:
    """The bytes of a regular file, read at most to the size limit."""
    try:
        if not path.is_file():
            kind = "a folder" if path.is_dir() else "not a regular file"
            if not path.exists():
                raise JdiploError(f"cannot read {path}: no such file")
            raise JdiploError(f"cannot read {path}: {kind}")
        with path.open("rb") as stream:
            return stream.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise JdiploError(f"cannot read {path}: {error.strerror}") from None


def repository_file(path: Path, records_dir: Path) -> str | None:
    """The article's path relative to the folder holding the records directory (what a
    source's `file` is), or None when it is outside that folder."""
    base = records_dir.resolve().parent
    try:
        relative = path.resolve().relative_to(base)
    except ValueError:
        return None
    if not relative.parts:
        return None
    return relative.as_posix() if os.sep == "/" else relative.as_posix().replace(os.sep, "/")


def registry_of(records_dir: Path) -> Registry:
    """The registry of a records directory: the built-in one (read without the record model,
    which `extract` does not need), extended by its `partners.yaml` when it has one."""
    from jdiplo.layout import PARTNERS_FILE
    from jdiplo.partners import builtin_registry

    if not (records_dir / PARTNERS_FILE).is_file():
        return builtin_registry()
    from jdiplo.load import load_registry

    registry, problems = load_registry(records_dir)
    if problems:
        raise RecordsInvalid(problems)
    return registry


def draft(
    text: str,
    records_dir: Path,
    published: PartialDate | None,
    source: dict[str, str],
) -> Result:
    """The candidate events of `text`, checked, with the notes on what was left out."""
    from jdiplo.extract.candidates import Extractor
    from jdiplo.extract.output import drafts
    from jdiplo.extract.rules import load_rules

    registry = registry_of(records_dir)
    rules = load_rules(records_dir, registry)
    extraction = Extractor(rules, registry).extract(text, published)
    made, left_out = drafts(extraction, text, source, registry)
    notes = sorted([*extraction.notes, *left_out], key=lambda note: note.line)
    return Result(made, notes, extraction.reference, registry)
