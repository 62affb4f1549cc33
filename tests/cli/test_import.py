"""`jdiplo import` as a user runs it: round trips that lose nothing, every problem of every row
before anything is written, names resolved, ids generated or kept, clashes refused, skipped or
renamed, and the rest of each record file untouched."""

from __future__ import annotations

import difflib
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED_RECORDS, DATA, Invoke, invoke
from jdiplo.authoring.style import event_lines
from jdiplo.coding import MODES, PLOVER_CONTEXTS, PLOVER_EVENTS
from jdiplo.dates import parse_partial_date
from jdiplo.partners import builtin_registry
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS

INTEROP = DATA / "interop" / "records"
SEEDS = BUNDLED_RECORDS.parent / "seeds"


def new_repository(folder: Path, seeds: bool = False) -> Path:
    """`jdiplo init` without its example month (and with the seed article when asked)."""
    result = invoke("init", str(folder))
    assert result.code == 0, result.stderr
    (folder / "records" / "2024" / "2024-07.yaml").unlink()
    if seeds:
        (folder / "seeds").mkdir()
        for path in SEEDS.iterdir():
            (folder / "seeds" / path.name).write_bytes(path.read_bytes())
    return folder / "records"


def listed(records: Path) -> list[dict[str, Any]]:
    result = invoke("--records", str(records), "list", "--format", "json")
    assert result.code == 0, result.stderr
    records_list: list[dict[str, Any]] = json.loads(result.stdout)
    return records_list


def files(records: Path) -> dict[str, bytes]:
    return {str(path.relative_to(records)): path.read_bytes() for path in records.rglob("*.yaml")}


# Round trips


@pytest.mark.parametrize(
    ("export_args", "import_format"),
    [
        (["export", "--to", "jsonl"], "jsonl"),
        (["list", "--format", "json"], "json"),
        (["list", "--format", "csv"], "csv"),
        (["export", "--to", "plover"], "plover"),
    ],
)
def test_the_bundled_records_come_back_identical(
    jdiplo: Invoke, tmp_path: Path, export_args: list[str], import_format: str
) -> None:
    exported = jdiplo(*export_args)
    assert exported.code == 0, exported.stderr
    source = tmp_path / f"events.{import_format}"
    source.write_text(exported.stdout, encoding="utf-8")
    records = new_repository(tmp_path / "repo", seeds=True)
    result = jdiplo("--records", str(records), "import", str(source), "--from", import_format)
    assert result.code == 0, result.stderr
    assert len(result.stdout.split()) == 24
    assert listed(records) == listed(BUNDLED_RECORDS)
    assert jdiplo("--records", str(records), "fmt", "--check").code == 0  # canonical layout


def test_plover_round_trip_keeps_the_records_own_coding(jdiplo: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "events.plover"
    source.write_text(
        jdiplo("--records", str(INTEROP), "export", "--to", "plover").stdout, encoding="utf-8"
    )
    records = new_repository(tmp_path / "repo")
    assert jdiplo("--records", str(records), "import", str(source), "--from", "plover").code == 0
    assert listed(records) == listed(INTEROP)


# The property: any record set, exported as jsonl and imported into a new repository, lists
# back identically.

registry = builtin_registry()
_visible = st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp"))
_any = st.characters(blacklist_categories=("Cs",))


def lines() -> st.SearchStrategy[str]:
    """One-line text: at least one visible character, no CR or LF."""
    return st.builds(
        lambda before, visible, after: before + visible + after,
        st.text(_any.filter(lambda c: c not in "\r\n"), max_size=6),
        _visible,
        st.text(_any.filter(lambda c: c not in "\r\n"), max_size=6),
    )


def texts() -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: a + b, lines(), st.text(_any, max_size=8))


dates = st.builds(
    lambda year, month, day, precision: (
        f"{year}" if precision == 0 else
        f"{year}-{month:02d}" if precision == 1 else f"{year}-{month:02d}-{day:02d}"
    ),
    st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)  # fmt: skip
ids_strategy = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
codings = (
    st.sampled_from(PLOVER_EVENTS).flatmap(
        lambda name: st.fixed_dictionaries(
            {"event": st.just(name)},
            optional={
                "mode": st.sampled_from(MODES[name]) if MODES[name] else st.nothing(),
                "context": st.lists(
                    st.sampled_from(PLOVER_CONTEXTS), min_size=1, max_size=2, unique=True
                ),
            },
        )
    )
    | st.lists(st.sampled_from(PLOVER_CONTEXTS), min_size=1, max_size=2, unique=True).map(
        lambda contexts: {"context": contexts}
    )
)  # fmt: skip
sources = st.fixed_dictionaries(
    {
        "url": st.from_regex(r"https://example\.org/[a-z0-9/]{0,10}", fullmatch=True),
        "quote": texts(),
    },
    optional={
        "title": lines(),
        "publisher": lines(),
        "author": lines(),
        "date": dates,
    },
)
people = st.fixed_dictionaries(
    {"name": lines()},
    optional={"role": lines(), "country": st.sampled_from(registry.country_codes())},
)


def not_before(later: str, earlier: str) -> bool:
    return parse_partial_date(later).last >= parse_partial_date(earlier).first


@st.composite
def record_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    event_ids = draw(st.lists(ids_strategy, min_size=1, max_size=4, unique=True))
    events = []
    for event_id in event_ids:
        date = draw(dates)
        event: dict[str, Any] = {"id": event_id, "date": date}
        if draw(st.booleans()):
            end = draw(dates)
            if not_before(end, date):
                event["end"] = end
        if draw(st.booleans()):
            event["status"] = "announced"
            due = draw(st.none() | dates)
            if due is not None and not_before(due, date):
                event["due"] = due
        event["title"] = draw(lines())
        event["kind"] = draw(st.sampled_from(KINDS))
        event["partners"] = draw(
            st.lists(st.sampled_from(registry.partner_codes()), min_size=1, max_size=3, unique=True)
        )
        optional: dict[str, Any] = {
            "frameworks": st.lists(
                st.sampled_from(registry.framework_codes()), min_size=1, max_size=2, unique=True
            ),
            "level": st.sampled_from(LEVELS),
            "domains": st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=3, unique=True),
            "people": st.lists(people, min_size=1, max_size=2),
            "place": st.fixed_dictionaries(
                {"name": lines()}, optional={"country": st.sampled_from(registry.country_codes())}
            ),
            "summary": texts(),
            "firsts": st.lists(lines(), min_size=1, max_size=2),
            "amount": st.fixed_dictionaries(
                {
                    "value": st.integers(0, 10**12) | st.floats(0, 1e9, allow_nan=False),
                    "currency": st.from_regex(r"[A-Z]{3}", fullmatch=True),
                },
                optional={"usd": st.integers(0, 10**10)},
            ),
            "tags": st.lists(lines(), min_size=1, max_size=2, unique=True),
            "coding": codings,
        }
        for name, strategy in optional.items():
            if draw(st.booleans()):
                event[name] = draw(strategy)
        event["sources"] = draw(st.lists(sources, min_size=1, max_size=2))
        others = [other for other in event_ids if other != event_id]
        if others and draw(st.booleans()):
            event["related"] = draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
        events.append(event)
    return events


def write_record_set(records: Path, events: list[dict[str, Any]]) -> None:
    records.mkdir(parents=True)
    body = "\n".join(line.text for event in events for line in event_lines(event, column=2))
    (records / "events.yaml").write_text(f"events:\n{body}\n", encoding="utf-8")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(record_sets())
def test_export_jsonl_then_import_gives_back_identical_records(
    events: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "original" / "records"
        write_record_set(original, events)
        exported = invoke("--records", str(original), "export", "--to", "jsonl")
        assert exported.code == 0, exported.stderr
        source = Path(folder) / "events.jsonl"
        source.write_text(exported.stdout, encoding="utf-8")
        records = new_repository(Path(folder) / "copy")
        result = invoke(
            "--records", str(records), "import", str(source), "--from", "jsonl",
            "--allow-duplicate",  # generated events may cite the same quote of the same source
        )  # fmt: skip
        assert result.code == 0, result.stderr
        assert listed(records) == listed(original)


# Problems: every row, nothing written


def test_every_problem_of_every_row_is_reported_and_nothing_is_written(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = new_repository(tmp_path / "repo")
    (records / "2024").mkdir(exist_ok=True)
    before = files(records)
    good = {
        "date": "2024-05-01",
        "title": "Fine",
        "kind": "meeting",
        "partners": ["US"],
        "sources": [{"url": "https://example.org/a", "quote": "q"}],
    }
    rows = [
        json.dumps(good),
        json.dumps({**good, "kind": "meating"}),
        "{not json",
        json.dumps({**good, "partners": ["Republic of Koria"]}),
        "",
        json.dumps({**good, "colour": "red"}),
        json.dumps(["a", "list"]),
        json.dumps({**good, "coding": {"event": "AID", "mode": "visit"}}),
        json.dumps({**good, "related": ["nowhere"]}),  # checked across the set, as valid rows are
    ]
    source = tmp_path / "events.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = jdiplo("--records", str(records), "import", str(source))
    assert result.code == 1
    name = str(source)
    assert result.stderr.splitlines() == [
        f"{name}:2: unknown kind 'meating' (did you mean 'meeting'?)",
        f"{name}:3: not a line of JSON: Expecting property name enclosed in double quotes"
        " (column 2)",
        f"{name}:4: partners: unknown partner 'Republic of Koria' (did you mean 'ROK'?)",
        f"{name}:6: unknown field 'colour'",
        f"{name}:7: expected an event (a JSON object), not an array",
        f"{name}:8: coding: AID has no modes in PLOVER",
        f"{name}:9: related id 'nowhere' does not exist",
        "7 problems in 1 file",
    ]
    assert result.stdout == ""
    assert files(records) == before


def test_names_and_aliases_become_codes_and_ids_are_made_as_add_makes_them(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = new_repository(tmp_path / "repo")
    source = tmp_path / "events.json"
    event = {
        "date": "2024-07-28",
        "title": "Japan-US 2+2 meeting in Tokyo",
        "kind": "meeting",
        "partners": ["South Korea", "usa"],
        "frameworks": ["two-plus-two"],
        "place": {"name": "Tokyo", "country": "Japan"},
        "sources": [{"url": "https://example.org/a", "quote": "q"}],
    }
    source.write_text(json.dumps([event, event], indent=2), encoding="utf-8")
    refused = jdiplo("--records", str(records), "import", str(source))
    assert refused.stderr.splitlines()[0] == (
        f"{source}:24: likely a duplicate of 2024-07-28-japan-us-2plus2-meeting-tokyo (line 2): "
        "the same date and partners, a similar title; --allow-duplicate imports it anyway"
    )
    result = jdiplo("--records", str(records), "import", str(source), "--allow-duplicate")
    assert result.code == 0, result.stderr
    assert result.stdout.split() == [
        "2024-07-28-japan-us-2plus2-meeting-tokyo",
        "2024-07-28-japan-us-2plus2-meeting-tokyo-2",
    ]
    [first, second] = listed(records)
    assert first["partners"] == second["partners"] == ["ROK", "US"]
    assert first["frameworks"] == ["2+2"]
    assert first["place"] == {"name": "Tokyo", "country": "JP"}
    assert "imported 2 events into" in result.stderr


def test_json_problems_point_at_the_line_where_the_event_starts(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = new_repository(tmp_path / "repo")
    events = [
        {"id": "a", "date": "2024", "title": "A", "kind": "other", "partners": ["US"],
         "sources": [{"url": "https://example.org/a", "quote": "q"}]},
        {"id": "b", "date": "2024-02-30", "title": "B", "kind": "other", "partners": ["US"],
         "sources": [{"url": "https://example.org/a", "quote": "q"}]},
    ]  # fmt: skip
    source = tmp_path / "events.json"
    text = json.dumps(events, indent=2)
    source.write_text(text, encoding="utf-8")
    result = jdiplo("--records", str(records), "import", str(source))
    starts = [number for number, line in enumerate(text.splitlines(), 1) if line == "  {"]
    assert result.stderr.splitlines()[0] == (
        f"{source}:{starts[1]}: invalid date '2024-02-30': February 2024 has 29 days"
    )


def test_an_id_in_the_records_is_refused_skipped_or_renamed(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    source = tmp_path / "events.jsonl"
    source.write_text(jdiplo("--records", str(INTEROP), "export", "--to", "jsonl").stdout)
    assert jdiplo("--records", str(records), "import", str(source)).code == 0
    before = files(records)

    refused = jdiplo("--records", str(records), "import", str(source))
    assert refused.code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{source}:1: id '2024-manila-grant' is already in the records (2024/2024.yaml:3); "
        "--on-conflict skip leaves it out, rename gives it a new id"
    )
    assert files(records) == before

    skipped = jdiplo("--records", str(records), "import", str(source), "--on-conflict", "skip")
    assert skipped.code == 0 and skipped.stdout == ""
    assert "imported 0 events; skipped 4 already in the records" in skipped.stderr
    assert files(records) == before

    renamed = jdiplo("--records", str(records), "import", str(source), "--on-conflict", "rename")
    assert renamed.code == 0, renamed.stderr
    assert renamed.stdout.split() == [
        "2024-manila-grant-2",
        "2024-03-un-statement-2",
        "2024-03-nato-dialogue-2",
        "2024-03-20-seoul-visit-2",
    ]
    assert "renamed 2024-manila-grant -> 2024-manila-grant-2" in renamed.stderr
    assert len(listed(records)) == 8


def test_a_repeated_id_in_the_file_is_a_problem_of_its_second_row(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = new_repository(tmp_path / "repo")
    line = json.dumps(
        {"id": "x", "date": "2024", "title": "t", "kind": "other", "partners": ["US"],
         "sources": [{"url": "https://example.org/", "quote": "q"}]}
    )  # fmt: skip
    source = tmp_path / "events.jsonl"
    source.write_text(f"{line}\n{line}\n")
    result = jdiplo("--records", str(records), "import", str(source))
    assert result.stderr.splitlines()[0] == f"{source}:2: duplicate id 'x' (first at line 1)"


def test_dry_run_prints_the_yaml_and_writes_nothing(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    before = files(records)
    source = tmp_path / "events.jsonl"
    source.write_text(
        jdiplo("--records", str(INTEROP), "export", "--to", "jsonl", "--partner", "PH").stdout
    )
    result = jdiplo("--records", str(records), "import", str(source), "--dry-run")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "  - id: 2024-manila-grant",
        "    date: 2024",
        "    title: Japan grants coastal radars to the Philippines",
    ]
    assert "    coding: {event: AID}" in result.stdout.splitlines()
    assert "would import 1 event" in result.stderr
    assert files(records) == before


def test_import_adds_lines_and_changes_nothing_else(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    month = records / "2024" / "2024-03.yaml"
    month.parent.mkdir(exist_ok=True)
    text = (
        "# My March.\n"
        "events:\n"
        "  - id: mine   # keep this comment\n"
        "    date: 2024-03-25\n"
        "    kind: other\n"
        "    title: 'Quoted, as I like it'\n"
        "    partners: [US]\n"
        "    sources: [{url: 'https://example.org/mine', quote: mine}]\n"
    )
    month.write_text(text, encoding="utf-8")
    source = tmp_path / "events.jsonl"
    source.write_text(jdiplo("--records", str(INTEROP), "export", "--to", "jsonl").stdout)
    assert jdiplo("--records", str(records), "import", str(source)).code == 0
    after = month.read_text(encoding="utf-8")
    matcher = difflib.SequenceMatcher(a=text.splitlines(), b=after.splitlines(), autojunk=False)
    assert {operation[0] for operation in matcher.get_opcodes()} == {"equal", "insert"}


def test_a_spreadsheet_csv_with_add_style_cells(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    source = tmp_path / "sheet.csv"
    source.write_text(
        "date,title,kind,partners,people,place,amount,domains,source_url,quote,coding\n"
        '2024-05-02,Defence ministers meet,meeting,"UK; Italy",'
        '"J. Healy|Defence Minister|UK; G. Crosetto||IT",London|UK,"3,000,000|JPY|19500",'
        "defence,https://example.org/m,They met.,CONSULT|multilateral\n",
        encoding="utf-8",
    )
    result = jdiplo("--records", str(records), "import", str(source))
    assert result.code == 0, result.stderr
    [event] = listed(records)
    assert event["partners"] == ["UK", "IT"]
    assert event["people"] == [
        {"name": "J. Healy", "role": "Defence Minister", "country": "UK"},
        {"name": "G. Crosetto", "role": None, "country": "IT"},
    ]
    assert event["place"] == {"name": "London", "country": "UK"}
    assert event["amount"] == {"value": 3000000, "currency": "JPY", "usd": 19500}
    assert event["sources"] == [
        {"title": None, "url": "https://example.org/m", "file": None, "publisher": None,
         "author": None, "date": None, "quote": "They met."}
    ]  # fmt: skip
    assert event["coding"] == {"event": "CONSULT", "mode": "multilateral", "context": []}


def test_a_csv_with_an_unknown_column_names_it(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    source = tmp_path / "sheet.csv"
    source.write_text("date,titel,kind\n2024,x,other\n", encoding="utf-8")
    result = jdiplo("--records", str(records), "import", str(source))
    assert result.code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{source}:1: unknown column 'titel' (did you mean 'title'?)"
    )


def test_plover_lines_from_another_coder(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    lines = [
        {"id": "polecat-1", "date": "2024-05-03", "actor": [{"code": "JPN"}, {"code": "PHL"}],
         "event": ["COOPERATE"], "context": ["military"], "event_text": ["Joint patrol"],
         "cite_info": {"url": "https://example.org/p"},
         "text": "Japan and the Philippines patrolled."},
        {"id": "polecat-2", "date": "2024-05-04", "actor": [{"code": "FRA"}],
         "recipient": [{"code": "DEU"}], "event": ["CONSULT"], "event_text": ["Talks"],
         "cite_info": [{"url": "https://example.org/q"}]},
    ]  # fmt: skip
    source = tmp_path / "polecat.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = jdiplo("--records", str(records), "import", str(source), "--from", "plover")
    assert result.code == 1
    assert result.stderr.splitlines() == [
        f"{source}:2: JPN is not a party: jdiplo records Japan's relations",
        f"{source}:2: cite_info without a quote (x_quote) and no text: every record quotes its"
        " source",
        "2 problems in 1 file",
    ]
    source.write_text(json.dumps(lines[0]) + "\n")
    result = jdiplo("--records", str(records), "import", str(source), "--from", "plover")
    assert result.code == 0, result.stderr
    [event] = listed(records)
    assert (event["kind"], event["partners"], event["title"]) == ("other", ["PH"], "Joint patrol")
    assert event["coding"] == {"event": "COOPERATE", "mode": None, "context": ["military"]}
    assert event["sources"][0]["quote"] == "Japan and the Philippines patrolled."


def test_format_from_the_suffix_or_named(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    source = tmp_path / "events.txt"
    source.write_text("")
    result = jdiplo("--records", str(records), "import", str(source))
    assert result.code == 2 and "name the format" in result.stderr
    result = jdiplo("--records", str(records), "import", str(source), "--from", "jsnl")
    assert result.code == 2 and "(did you mean 'jsonl'?)" in result.stderr
    result = jdiplo("--records", str(records), "import", str(source), "--on-conflict", "merge")
    assert result.code == 2
    assert jdiplo("--records", str(records), "import", "missing.jsonl").code == 2


def test_stdin_and_the_bundled_records_are_not_written(jdiplo: Invoke, tmp_path: Path) -> None:
    records = new_repository(tmp_path / "repo")
    text = jdiplo("--records", str(INTEROP), "export", "--to", "jsonl").stdout
    result = jdiplo("--records", str(records), "import", "-", "--from", "jsonl", input=text)
    assert result.code == 0, result.stderr
    assert len(listed(records)) == 4
    refused = jdiplo("import", "-", "--from", "jsonl", input=text)  # no --records: refused
    assert refused.code == 2 and "does not change the record set bundled" in refused.stderr


def test_a_duplicate_of_a_recorded_event_names_its_place_from_the_current_folder(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = new_repository(tmp_path / "repo")
    event = {
        "date": "2024-07-28",
        "title": "Japan-US 2+2 meeting in Tokyo",
        "kind": "meeting",
        "partners": ["US"],
        "sources": [{"url": "https://example.org/a", "quote": "q"}],
    }
    first = tmp_path / "first.json"
    first.write_text(json.dumps([event]), encoding="utf-8")
    assert jdiplo("--records", str(records), "import", str(first)).code == 0
    again = tmp_path / "again.json"
    again.write_text(json.dumps([{**event, "title": "JAPAN-US 2+2 meeting in Tokyo"}]))
    monkeypatch.chdir(tmp_path / "repo")
    refused = jdiplo("import", str(again))
    assert refused.code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{again}:1: likely a duplicate of 2024-07-28-japan-us-2plus2-meeting-tokyo "
        "(records/2024/2024-07.yaml:3): the same date and partners, a similar title; "
        "--allow-duplicate imports it anyway"
    )
