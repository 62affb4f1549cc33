"""`jdiplo init DIR`: a new records repository, laid out like jdiplo's own.

    DIR/
      README.md                  what is where, and the commands to use
      records/                   the records directory (jdiplo finds ./records by itself)
        2024/2024-07.yaml        an EXAMPLE month file with one event; it validates
        partners.yaml            partners and frameworks beyond the built-in ones (empty)
      sources/example-excerpt.txt  the EXAMPLE source the example event quotes
      records.schema.json        `jdiplo schema`, for editors (yaml-language-server)
      .pre-commit-config.yaml    runs `jdiplo validate` and `jdiplo fmt` before each commit

Source `file` paths in records are relative to DIR, the folder holding `records/`.
"""

from __future__ import annotations

import json
from pathlib import Path

from jdiplo.authoring.document import NotKept
from jdiplo.authoring.files import make_folders, write_files
from jdiplo.authoring.schema import SCHEMA_FILE
from jdiplo.problems import JdiploError

EXAMPLE_MONTH = "records/2024/2024-07.yaml"
EXAMPLE_SOURCE = "sources/example-excerpt.txt"

README = """\
# Records

Records of Japan's diplomatic and defence relations, kept with
[jdiplo](https://pypi.org/project/jdiplo/): one YAML file a month under `records/`, every event
quoting its source verbatim.

- `records/YYYY/YYYY-MM.yaml`: the events of a month. `records/2024/2024-07.yaml` is an
  **example** created by `jdiplo init`: delete it (and `sources/example-excerpt.txt`) once
  you have seen how a record looks.
- `records/partners.yaml`: partners and frameworks beyond jdiplo's built-in registry.
- `sources/`: local copies of sources; a record's `file:` is a path relative to this folder.
- `records.schema.json`: the JSON Schema of a record file, for completion and checking in
  editors. Regenerate it after changing `records/partners.yaml`:
  `jdiplo schema > records.schema.json`.

## Recording events

Run these from this folder (jdiplo reads `./records`):

```sh
jdiplo add --date 2024-07-28 --title "..." --kind meeting --partner US \\
  --source-url https://... --quote "..."       # asks for what is missing on a terminal
jdiplo edit ID                                   # opens $EDITOR at the event, checks after
jdiplo validate                                  # every problem as file:line:col
jdiplo fmt                                       # the canonical layout, comments kept
jdiplo list --partner US
```

`pre-commit install` (https://pre-commit.com) runs `jdiplo validate` and `jdiplo fmt` before
each commit.
"""

EXAMPLE = """\
# yaml-language-server: $schema=../../records.schema.json
#
# AN EXAMPLE created by `jdiplo init`: one event of July 2024, quoting the excerpt in
# sources/example-excerpt.txt. Delete both once you have seen how a record looks; `jdiplo add`
# writes new records for you, into records/YYYY/YYYY-MM.yaml.

events:
  - id: example-2024-07-28-japan-us-2plus2
    date: 2024-07-28
    title: Japan-US 2+2 meeting of foreign and defence ministers in Tokyo
    kind: meeting
    partners: [US]
    frameworks: [2+2]
    level: ministerial
    domains: [diplomacy, defence]
    place: {name: Tokyo, country: JP}
    sources:
      - file: sources/example-excerpt.txt
        publisher: New Eastern Outlook
        author: Nazar Kurbanov
        quote: >-
          On July 28, Tokyo hosted a meeting of the foreign and defence ministers of Japan and
          the US in the 2+2 format
    tags: [example]
"""

SOURCE = """\
AN EXAMPLE SOURCE created by `jdiplo init` for the example record in records/2024/2024-07.yaml:
an excerpt of an article by Nazar Kurbanov on Japan's foreign policy in July 2024, published by
New Eastern Outlook. Delete it with the example record.

On July 28, Tokyo hosted a meeting of the foreign and defence ministers of Japan and the US in \
the 2+2 format, at which it was announced that due to the reorganisation of the Japanese Self \
Defence Forces, the structure of the units of the US armed forces stationed in Japan is also \
changing.
"""

PARTNERS = """\
# Partners and frameworks of these records, beyond jdiplo's built-in registry (its codes are
# listed by `jdiplo schema`). For example:
#
# partners:
#   - code: NO
#     name: Norway
#     kind: state            # state, organisation or grouping
#     aliases: [NOR, Kingdom of Norway]
# frameworks:
#   - code: JAU
#     name: Japan-Australia-US trilateral
#
# After a change, regenerate the schema: jdiplo schema > records.schema.json

partners: []
frameworks: []
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) runs jdiplo before each commit: `pre-commit install`.
# These hooks run the jdiplo installed on this machine. To have pre-commit install jdiplo
# itself, use the hooks that jdiplo publishes (its .pre-commit-hooks.yaml) instead:
#
#   - repo: <the URL of the jdiplo repository>
#     rev: <a jdiplo release tag>
#     hooks:
#       - id: jdiplo-validate
#       - id: jdiplo-fmt
repos:
  - repo: local
    hooks:
      - id: jdiplo-validate
        name: jdiplo validate
        entry: jdiplo validate
        language: system
        pass_filenames: false
        always_run: true
      - id: jdiplo-fmt
        name: jdiplo fmt
        entry: jdiplo fmt
        language: system
        files: ^records/.*\\.ya?ml$
"""


def create(directory: Path) -> list[Path]:
    """Create the repository in `directory` (absent or empty); the paths of the new files."""
    from jdiplo.authoring.schema import record_file_schema
    from jdiplo.partners import builtin_registry
    from jdiplo.store import read

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise JdiploError(f"{directory} already exists and is not empty; choose a new folder")
    schema = json.dumps(record_file_schema(builtin_registry()), indent=2, ensure_ascii=False)
    contents = {
        "README.md": README,
        ".pre-commit-config.yaml": PRE_COMMIT,
        SCHEMA_FILE: schema + "\n",
        "records/partners.yaml": PARTNERS,
        EXAMPLE_MONTH: EXAMPLE,
        EXAMPLE_SOURCE: SOURCE,
    }
    writes = []
    for name, text in contents.items():
        path = directory / name
        make_folders(path)
        writes.append((path, text.encode("utf-8")))
    write_files(writes)
    _, problems = read(directory / "records")
    if problems:  # the templates are tested; this would be a bug
        raise NotKept(f"the new records do not validate: {problems[0]}")
    return [path for path, _ in writes]
