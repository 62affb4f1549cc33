"""`jdiplo schema`: the JSON Schema of a record file, on stdout."""

from __future__ import annotations

import json

import typer


def run(ctx: typer.Context) -> None:
    """Print the JSON Schema of a record file: fields and their docs, vocabularies and the
    partner codes of the records (including their partners.yaml) as enums.

    Editors that use yaml-language-server (VS Code, Neovim, Helix, Zed...) then complete and
    check records as they are typed: put the schema next to the records and start each record
    file with `# yaml-language-server: $schema=../../records.schema.json` (see
    docs/authoring.md).

    \b
    Examples:
      jdiplo schema > records.schema.json
      jdiplo schema | jq '.["$defs"].Event.properties.kind.enum'
    """
    from jdiplo.authoring.schema import record_file_schema
    from jdiplo.cli.options import store
    from jdiplo.render.console import stdout_output

    schema = record_file_schema(store(ctx).registry)
    stdout_output().write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
