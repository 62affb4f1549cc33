"""`jdiplo fmt` as a user runs it: --check for CI, files with problems left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import BUNDLED_RECORDS, ROOT, Invoke

MONTH = "2024/2024-07.yaml"

MISFORMATTED = """\
# My notes for August.
events:
- title: "Second event"   # I will check the title
  id: b-second
  date: 2024-08-20
  kind: statement
  partners:
  - US
  sources:
  - {url: "https://example.org/b", quote: "A quote"}
# About the first event
- id: a-first
  date: 2024-08-02
  title: First event
  kind: meeting
  partners: [ROK]
  sources:
  - url: https://example.org/a
    quote: Another quote
"""

FORMATTED = """\
# My notes for August.
events:
  # About the first event
  - id: a-first
    date: 2024-08-02
    title: First event
    kind: meeting
    partners: [ROK]
    sources:
      - url: https://example.org/a
        quote: Another quote

  - id: b-second
    date: 2024-08-20
    title: Second event  # I will check the title
    kind: statement
    partners: [US]
    sources:
      - url: https://example.org/b
        quote: A quote
"""


def records_with(tmp_path: Path, **files: str) -> Path:
    records = tmp_path / "records"
    shutil.copytree(BUNDLED_RECORDS, records)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for name, text in files.items():
        path = records / "2024" / f"{name.replace('_', '-')}.yaml"
        path.write_text(text, encoding="utf-8")
    return records


def test_the_bundled_records_are_in_canonical_form(jdiplo: Invoke) -> None:
    result = jdiplo("--records", str(BUNDLED_RECORDS), "fmt", "--check")
    assert (result.code, result.stdout, result.stderr) == (0, "", "")


def test_check_lists_a_misformatted_file_and_touches_nothing(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = records_with(tmp_path, **{"2024_08": MISFORMATTED})
    before = {path: path.read_bytes() for path in records.rglob("*.yaml")}
    result = jdiplo("--records", str(records), "fmt", "--check")
    assert result.code == 1
    assert result.stdout == "records/2024/2024-08.yaml\n"
    assert {path: path.read_bytes() for path in records.rglob("*.yaml")} == before


def test_fmt_formats_keeps_comments_and_changes_nothing_the_second_time(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = records_with(tmp_path, **{"2024_08": MISFORMATTED})
    july = (records / MONTH).read_bytes()
    first = jdiplo("--records", str(records), "fmt")
    assert (first.code, first.stderr) == (0, "")
    assert first.stdout == "records/2024/2024-08.yaml\n"
    assert (records / "2024" / "2024-08.yaml").read_text(encoding="utf-8") == FORMATTED
    assert (records / MONTH).read_bytes() == july
    second = jdiplo("--records", str(records), "fmt")
    assert (second.code, second.stdout) == (0, "")
    assert jdiplo("--records", str(records), "fmt", "--check").code == 0
    assert jdiplo("--records", str(records), "validate").code == 0


def test_a_file_with_problems_is_left_alone_and_the_others_are_formatted(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    broken = MISFORMATTED.replace("kind: statement", "kind: statment")
    records = records_with(
        tmp_path,
        **{
            "2024_08": broken,
            "2024_09": MISFORMATTED.replace("2024-08", "2024-09")
            .replace("a-first", "c")
            .replace("b-second", "d"),
        },
    )
    result = jdiplo("--records", str(records), "fmt")
    assert result.code == 1
    assert "2024/2024-08.yaml:6:9: unknown kind 'statment' (did you mean 'statement'?)" in (
        result.stderr
    )
    assert (records / "2024" / "2024-08.yaml").read_text(encoding="utf-8") == broken
    assert result.stdout == "records/2024/2024-09.yaml\n"


def test_paths_select_files_and_folders(jdiplo: Invoke, tmp_path: Path) -> None:
    records = records_with(tmp_path, **{"2024_08": MISFORMATTED})
    target = records / "2024" / "2024-08.yaml"
    assert jdiplo("--records", str(records), "fmt", "--check", str(records / MONTH)).code == 0
    assert jdiplo("--records", str(records), "fmt", "--check", str(records / "2024")).code == 1
    outside = jdiplo("--records", str(records), "fmt", str(tmp_path / "seeds"))
    assert outside.code == 2
    assert "is not in the records directory" in outside.stderr
    assert (
        jdiplo("--records", str(records), "fmt", str(target)).stdout
        == "records/2024/2024-08.yaml\n"
    )


def test_line_ends_and_byte_order_mark_are_kept(jdiplo: Invoke, tmp_path: Path) -> None:
    records = records_with(tmp_path)
    path = records / "2024" / "2024-08.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MISFORMATTED.replace("\n", "\r\n").encode("utf-8"))
    assert jdiplo("--records", str(records), "fmt").code == 0
    expected = b"\xef\xbb\xbf" + FORMATTED.replace("\n", "\r\n").encode("utf-8")
    assert path.read_bytes() == expected


def test_a_layout_fmt_cannot_keep_is_refused_and_reported(jdiplo: Invoke, tmp_path: Path) -> None:
    flow = '{events: [{id: x, date: 2024, title: T, kind: other, partners: [US], sources: [{url: "https://x.org", quote: q}]}]}  # c\n'  # noqa: E501
    records = records_with(tmp_path, **{"2024_08": MISFORMATTED, "2024_09": flow})
    result = jdiplo("--records", str(records), "fmt")
    assert result.code == 1
    assert "2024/2024-09.yaml:1:1: write the top level as a block mapping" in result.stderr
    assert result.stdout == "records/2024/2024-08.yaml\n"
    assert (records / "2024" / "2024-09.yaml").read_text(encoding="utf-8") == flow


def test_a_flow_style_list_without_comments_becomes_a_block_list(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    flow = 'events: [{id: x, date: 2024, title: T, kind: other, partners: [US], sources: [{url: "https://x.org", quote: q}]}]\n'  # noqa: E501
    records = records_with(tmp_path, **{"2024_09": flow})
    assert jdiplo("--records", str(records), "fmt").code == 0
    assert (records / "2024" / "2024-09.yaml").read_text(encoding="utf-8") == (
        "events:\n  - id: x\n    date: 2024\n    title: T\n    kind: other\n"
        "    partners: [US]\n    sources:\n      - url: https://x.org\n        quote: q\n"
    )
