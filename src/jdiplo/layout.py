"""The layout of a records directory: which files hold records, and where the registry is.

    records/                the records directory
      partners.yaml         the registry's additions (not a record file)
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
REGISTRY_FILES = (PARTNERS_FILE, "partners.yml")
RULES_FILES = ("extract.yaml", "extract.yml")
RECORD_SUFFIXES = (".yaml", ".yml")


def find_record_files(records_dir: Path) -> list[str]:
    """Record files under `records_dir`, as sorted POSIX paths relative to it.

    Files and folders whose names start with a dot are skipped, and so are the registry file
    `partners.yaml` and the rules of `jdiplo extract`, `extract.yaml`, at the root.
    """
    found: list[str] = []
    for folder, folders, files in os.walk(records_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = Path(folder).relative_to(records_dir)
        for name in files:
            if name.startswith(".") or not name.endswith(RECORD_SUFFIXES):
                continue
            if relative == Path() and (name in REGISTRY_FILES or name in RULES_FILES):
                continue
            found.append((relative / name).as_posix())
    return sorted(found)
