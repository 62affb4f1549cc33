"""YAML text of one record, written directly (no dumper), in the style of the hand-written files.

Short values are plain scalars when YAML reads them back as the same string, and double-quoted
otherwise; long free text becomes a folded block (`>-`) wrapped at a fixed width. Lists of
codes and small mappings are written in flow style (`[US, ROK]`, `{name: ..., country: JP}`),
as analysts write them. Everything here is checked by `tests/test_bench_generate.py`, which
reads tricky strings back with ruamel.yaml.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

WRAP_WIDTH = 92
FOLD_ABOVE = 72  # text longer than this (after `key: `) becomes a folded block

# Characters that may not start a plain scalar (conservatively, whatever follows them).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = re.compile(r"[,\[\]{}:]")  # ":" too: libyaml rejects "a:b" in flow
# What YAML 1.2 (ruamel) or YAML 1.1 (PyYAML, used by yq) would not read as a string.
_NOT_A_STRING = re.compile(
    r"""
    ~ | null | Null | NULL
    | [yY] | [nN] | yes | Yes | YES | no | No | NO | on | On | ON | off | Off | OFF
    | true | True | TRUE | false | False | FALSE
    | [-+]? (?: 0b[01_]+ | 0o?[0-7_]+ | 0x[0-9a-fA-F_]+ | [0-9][0-9_]* )
    | [-+]? (?: \.[0-9_]+ | [0-9][0-9_]* (?: \.[0-9_]* )? ) (?: [eE][-+]?[0-9]+ )?
    | [-+]? [0-9][0-9_]* (?: :[0-5]?[0-9] )+ (?: \.[0-9_]* )?
    | [-+]? \. (?: inf | Inf | INF ) | \. (?: nan | NaN | NAN )
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} (?: [Tt \t] .* )?
    | = | <<
    """,
    re.VERBOSE,
)
# Characters YAML does not allow raw in a stream, or reads as line breaks.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def is_plain_safe(text: str, flow: bool = False) -> bool:
    """Whether `text` can be written unquoted and still read back as exactly this string."""
    return bool(
        text
        and text[0] not in _INDICATORS
        and text == text.strip()
        and "\n" not in text
        and "\r" not in text
        and "\t" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _UNPRINTABLE.search(text)
        and not _NOT_A_STRING.fullmatch(text)
        and not (flow and _FLOW_INDICATORS.search(text))
    )


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a one-line YAML scalar: plain when that is safe, else double-quoted."""
    if is_plain_safe(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"


def flow_mapping(mapping: Mapping[str, Any]) -> str:
    """A small mapping on one line; None values are left out, numbers written as numbers."""
    parts = []
    for key, value in mapping.items():
        if value is None:
            continue
        shown = scalar(value, flow=True) if isinstance(value, str) else json.dumps(value)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def text_value(key: str, text: str, indent: int) -> str:
    """`key: text` at `indent`, as a folded block when the text is long and can be folded."""
    pad = " " * indent
    if len(text) <= FOLD_ABOVE or not _foldable(text):
        return f"{pad}{key}: {scalar(text)}\n"
    lines = _wrap(text, WRAP_WIDTH - indent - 2)
    body = "".join(f"{pad}  {line}\n" for line in lines)
    return f"{pad}{key}: >-\n{body}"


def _foldable(text: str) -> bool:
    # A folded block joins its lines with single spaces: the text must have no other spacing.
    return (
        text == text.strip()
        and "  " not in text
        and not re.search(r"[\n\r\t]", text)
        and not _UNPRINTABLE.search(text)
    )


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split(" "):
        if current and length + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, length = [], 0
        length += len(word) + (1 if current else 0)
        current.append(word)
    lines.append(" ".join(current))
    return lines
