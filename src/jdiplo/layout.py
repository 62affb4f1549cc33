"""The layout of a records directory: which files hold records, and where the registry is.

    records/                the records directory
      partners.yaml         the partner registry's additions (not a record file)
      people.yaml           the people registry's additions (not a record file)
      extract.yaml          the rules `jdiplo extract` adds to its own (not a record file)
      2024/2024-07.yaml     record files: *.yaml and *.yml, in any sub-folders
      .drafts/, .x.yaml     ignored: names that start with a dot
    seeds/                  sources that records quote, relative to the folder above records/

Kept apart from load.py so that finding files needs no YAML parser and no model.
"""

from __future__ import annotations

import os
from pathlib import Path

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
