"""`jdiplo export` as a user runs it: each format valid against its schema, nothing dropped,
derived codes marked as derived, every list filter, -o FILE."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import BUNDLED_RECORDS, DATA, TESTS, Invoke
from jdiplo.vocabularies import KINDS

SCHEMAS = TESTS / "schemas"
INTEROP = DATA / "interop" / "records"
RECORD_SETS = [BUNDLED_RECORDS, INTEROP]


def schema(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def export(jdiplo: Invoke, records: Path, *args: str) -> str:
    result = jdiplo("--records", str(records), "export", *args)
    assert result.code == 0, result.stderr
    return result.stdout


def ids(jdiplo: Invoke, records: Path, *args: str) -> list[str]:
    return jdiplo("--records", str(records), "list", *args, "--format", "ids").stdout.split()


def plover(jdiplo: Invoke, records: Path, *args: str) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in export(jdiplo, records, "--to", "plover", *args).splitlines()
    ]


# PLOVER


@pytest.mark.parametrize("records", RECORD_SETS, ids=["bundled", "interop"])
def test_plover_lines_are_valid_and_none_is_dropped(jdiplo: Invoke, records: Path) -> None:
    validator = Draft202012Validator(schema("plover.schema.json"))
    lines = plover(jdiplo, records)
    for line in lines:
        errors = [error.message for error in validator.iter_errors(line)]
        assert errors == [], (line["id"], errors)
    assert [line["id"] for line in lines] == ids(jdiplo, records)


def test_japan_is_always_a_party_as_jpn(jdiplo: Invoke) -> None:
    for line in plover(jdiplo, BUNDLED_RECORDS):
        parties = [entity["code"] for entity in line["actor"] + line["recipient"]]
        assert "JPN" in parties
        assert "ROK" not in parties and "UK" not in parties  # ISO 3166, not jdiplo's codes


def test_coarse_dates_become_first_days_with_their_precision(jdiplo: Invoke) -> None:
    lines = {line["id"]: line for line in plover(jdiplo, INTEROP)}
    year = lines["2024-manila-grant"]
    assert (year["date"], year["enddate"], year["x_date_precision"]) == (
        "2024-01-01",
        "2024-12-31",
        "year",
    )
    month = lines["2024-03-un-statement"]
    assert (month["date"], month["enddate"], month["x_date_precision"]) == (
        "2024-03-01",
        "2024-03-31",
        "month",
    )
    days = lines["2024-03-nato-dialogue"]
    assert (days["date"], days["enddate"], days["x_end_precision"]) == (
        "2024-03-04",
        "2024-03-05",
        "day",
    )


def test_organisations_are_the_manuals_non_state_codes(jdiplo: Invoke) -> None:
    lines = {line["id"]: line for line in plover(jdiplo, INTEROP)}
    actors = lines["2024-03-un-statement"]["actor"]
    assert [(a["code"], a.get("identifier_text")) for a in actors] == [
        ("JPN", None),
        ("UNO", "United Nations"),
        ("EUR", "European Union"),
    ]
    nato = lines["2024-03-nato-dialogue"]["actor"][1]
    assert nato == {
        "code": "IGO",
        "identifier_text": "North Atlantic Treaty Organization",
        "x_code": "NATO",
    }


def test_a_visit_has_the_visitor_as_actor_and_the_host_as_recipient(jdiplo: Invoke) -> None:
    lines = {line["id"]: line for line in plover(jdiplo, BUNDLED_RECORDS)}
    tokyo = lines["2024-07-28-japan-rok-defence-ministers"]  # the ROK minister in Tokyo
    assert [a["code"] for a in tokyo["actor"]] == ["KOR"]
    assert [r["code"] for r in tokyo["recipient"]] == ["JPN"]
    assert (tokyo["event"], tokyo["mode"], tokyo["event_scale"]) == (["CONSULT"], ["visit"], 4)
    seoul = {line["id"]: line for line in plover(jdiplo, INTEROP)}["2024-03-20-seoul-visit"]
    assert [a["code"] for a in seoul["actor"]] == ["JPN"]
    assert [r["code"] for r in seoul["recipient"]] == ["KOR"]
    summit = lines["2024-07-11-ip4-leaders-nato-summit"]  # reciprocal: all actors
    assert [a["code"] for a in summit["actor"]] == ["JPN", "KOR", "AUS", "NZL"]
    assert summit["recipient"] == [] and summit["mode"] == ["multilateral"]


def test_unmappable_events_are_kept_without_an_event(jdiplo: Invoke) -> None:
    lines = {line["id"]: line for line in plover(jdiplo, BUNDLED_RECORDS)}
    statement = lines["2024-07-rok-ambassador-fully-normalized"]
    assert statement["has_event"] is False
    assert (statement["event"], statement["quad_code"], statement["event_scale"]) == (
        [],
        None,
        None,
    )
    assert statement["event_text"][0].startswith("ROK Ambassador")


def test_derived_codes_are_marked_and_the_records_own_coding_wins(jdiplo: Invoke) -> None:
    lines = {line["id"]: line for line in plover(jdiplo, INTEROP)}
    grant = lines["2024-manila-grant"]  # an arms transfer the record codes as AID
    assert (grant["event"], grant["quad_code"], grant["event_scale"]) == (["AID"], 2, 10)
    assert grant["x_coding_source"] == "record"
    assert lines["2024-03-20-seoul-visit"]["x_coding_source"] == "derived"


def test_plover_carries_sources_text_links_and_place(jdiplo: Invoke) -> None:
    nato = {line["id"]: line for line in plover(jdiplo, INTEROP)}["2024-03-nato-dialogue"]
    assert nato["event_text"] == [
        "Japan-NATO dialogue in Brussels <script>alert(1)</script>",
        'Talks on cyber defence & "hybrid" threats.',
    ]  # JSON keeps text exact
    assert nato["link"] == ["2024-03-un-statement"]
    assert nato["event_loc"] == {"extracted_place": "Brussels"}
    assert nato["cite_info"][0]["url"] == "https://example.org/nato"
    assert nato["cite_info"][0]["x_quote"] == "Officials of Japan and NATO met in Brussels."
    assert nato["context"] == ["military", "cyber"]


def test_every_list_filter_selects_what_is_exported(jdiplo: Invoke) -> None:
    for filters in (["--partner", "South Korea"], ["--kind", "meeting", "--level", "ministerial"]):
        exported = [line["id"] for line in plover(jdiplo, BUNDLED_RECORDS, *filters)]
        assert exported == ids(jdiplo, BUNDLED_RECORDS, *filters)
        assert exported
    limited = plover(jdiplo, BUNDLED_RECORDS, "--sort", "-date", "--limit", "2")
    assert [line["id"] for line in limited] == ids(
        jdiplo, BUNDLED_RECORDS, "--sort", "-date", "--limit", "2"
    )


def test_a_state_without_iso3_is_written_as_its_code_with_a_note(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    from jdiplo.export import ExportContext
    from jdiplo.export.plover import entity, missing_iso3
    from jdiplo.model import Event
    from jdiplo.partners import Partner, builtin_registry

    registry = builtin_registry().extended([Partner("NO", "Norway", "state")], [])
    assert entity("NO", registry) == {"code": "NO", "x_code": "NO"}
    event = Event.model_validate(
        {
            "id": "e",
            "date": "2024",
            "title": "t",
            "kind": "other",
            "partners": ["NO", "US"],
            "sources": [{"url": "https://example.org/", "quote": "q"}],
        }
    )
    assert missing_iso3([event], registry) == ["NO"]
    assert ExportContext("plover", registry).coding(event).event is None


# TimelineJS


@pytest.mark.parametrize("records", RECORD_SETS, ids=["bundled", "interop"])
@pytest.mark.parametrize("group", ["partner", "kind"])
def test_timelinejs_is_valid(jdiplo: Invoke, records: Path, group: str) -> None:
    document = json.loads(export(jdiplo, records, "--to", "timelinejs", "--group", group))
    errors = [
        e.message
        for e in Draft202012Validator(schema("timelinejs.schema.json")).iter_errors(document)
    ]
    assert errors == []
    slides = document["events"]
    assert [slide["unique_id"] for slide in slides] == ids(jdiplo, records)
    groups = {slide["group"] for slide in slides}
    if group == "partner":
        assert groups <= {"ROK", "US", "UK", "DE", "PH", "NATO", "UN"}
    else:
        assert groups <= set(KINDS)


def test_timelinejs_dates_have_only_the_known_parts(jdiplo: Invoke) -> None:
    slides = {
        slide["unique_id"]: slide
        for slide in json.loads(export(jdiplo, INTEROP, "--to", "timelinejs"))["events"]
    }
    grant = slides["2024-manila-grant"]
    assert grant["start_date"] == {"year": 2024}
    assert grant["display_date"] == "2024"
    assert slides["2024-03-un-statement"]["start_date"] == {"year": 2024, "month": 3}
    nato = slides["2024-03-nato-dialogue"]
    assert nato["start_date"] == {"year": 2024, "month": 3, "day": 4}
    assert nato["end_date"] == {"year": 2024, "month": 3, "day": 5}
    assert "display_date" not in nato  # days: TimelineJS formats them itself
    assert nato["group"] == "NATO"


def test_timelinejs_text_is_escaped_html_with_the_sources(jdiplo: Invoke) -> None:
    slides = {
        slide["unique_id"]: slide
        for slide in json.loads(export(jdiplo, INTEROP, "--to", "timelinejs"))["events"]
    }
    text = slides["2024-03-nato-dialogue"]["text"]
    assert (
        text["headline"] == "Japan-NATO dialogue in Brussels &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert "<script>" not in text["text"]
    assert "cyber defence &amp; &quot;hybrid&quot; threats" in text["text"]
    assert '<a href="https://example.org/nato">Example Wire, 2024-03-06</a>' in text["text"]
    assert "<blockquote>Officials of Japan and NATO met in Brussels.</blockquote>" in text["text"]


def test_group_is_only_for_timelinejs(jdiplo: Invoke) -> None:
    result = jdiplo("--records", str(INTEROP), "export", "--to", "plover", "--group", "kind")
    assert result.code == 2 and "--group is for --to timelinejs" in result.stderr
    result = jdiplo("--records", str(INTEROP), "export", "--to", "timelinejs", "--group", "year")
    assert result.code == 2 and "unknown group 'year'" in result.stderr


# CSL-JSON


@pytest.mark.parametrize("records", RECORD_SETS, ids=["bundled", "interop"])
def test_csl_json_is_valid_against_the_csl_data_schema(jdiplo: Invoke, records: Path) -> None:
    items = json.loads(export(jdiplo, records, "--to", "csl-json"))
    errors = [e.message for e in Draft7Validator(schema("csl-data.json")).iter_errors(items)]
    assert errors == []
    assert len({item["id"] for item in items}) == len(items)


def test_csl_items_are_the_distinct_sources_with_the_events_citing_them(jdiplo: Invoke) -> None:
    bundled = json.loads(export(jdiplo, BUNDLED_RECORDS, "--to", "csl-json"))
    assert len(bundled) == 1  # 24 events, one article
    assert bundled[0]["publisher"] == "New Eastern Outlook"
    assert bundled[0]["author"] == [{"literal": "Nazar Kurbanov"}]
    assert bundled[0]["note"].count(", ") == 23
    items = {item["URL"]: item for item in json.loads(export(jdiplo, INTEROP, "--to", "csl-json"))}
    radars = items["https://example.org/radars"]  # cited by two events: one item
    assert radars["issued"] == {"date-parts": [[2024, 3]]}  # as written: no invented day
    assert radars["title"] == "Radars for Manila" and radars["type"] == "webpage"
    assert radars["note"] == "Cited by jdiplo events: 2024-manila-grant, 2024-03-nato-dialogue"
    assert items["https://example.org/nato"]["issued"] == {"date-parts": [[2024, 3, 6]]}


def test_csl_keys_are_stable_across_selections(jdiplo: Invoke) -> None:
    every = json.loads(export(jdiplo, INTEROP, "--to", "csl-json"))
    some = json.loads(export(jdiplo, INTEROP, "--to", "csl-json", "--partner", "PH"))
    keys = {item["URL"]: item["id"] for item in every}
    assert [(item["URL"], item["id"]) for item in some] == [
        ("https://example.org/radars", keys["https://example.org/radars"])
    ]


# Tables


def test_csv_long_has_one_row_per_event_and_partner(jdiplo: Invoke) -> None:
    from jdiplo.export.tables import COLUMNS

    text = export(jdiplo, BUNDLED_RECORDS, "--to", "csv-long")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    events = json.loads(jdiplo("list", "--format", "json").stdout)
    assert len(rows) == sum(len(event["partners"]) for event in events)
    leads = [row for row in rows if row["partner_position"] == "1"]
    assert [row["id"] for row in leads] == [event["id"] for event in events]
    for row in rows:  # scalar cells: no JSON to parse
        assert not any(value.startswith(("[", "{")) for value in row.values())
    summit = [row for row in rows if row["id"] == "2024-07-11-ip4-leaders-us-president"]
    assert [row["partner"] for row in summit] == ["ROK", "AU", "NZ", "US"]
    assert {row["partners_count"] for row in summit} == {"4"}
    assert summit[3]["partner_iso3"] == "USA" and summit[3]["partner_name"] == "United States"
    month = rows[0]
    assert (month["date"], month["date_start"], month["date_end"], month["date_precision"]) == (
        "2024-07",
        "2024-07-01",
        "2024-07-31",
        "month",
    )


def test_csv_long_pivots_like_summary(jdiplo: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(export(jdiplo, BUNDLED_RECORDS, "--to", "csv-long"))))
    by_partner: dict[str, int] = {}
    for row in rows:
        by_partner[row["partner"]] = by_partner.get(row["partner"], 0) + 1
    summary = jdiplo("summary", "--by", "partner", "--format", "csv").stdout
    expected = {row["partner"]: int(row["count"]) for row in csv.DictReader(io.StringIO(summary))}
    assert by_partner == expected


def test_tsv_long_escapes_control_characters(jdiplo: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "a.yaml").write_text(
        'events:\n  - id: e\n    date: 2024\n    title: "tab\\there"\n    kind: other\n'
        '    partners: [US]\n    summary: "line\\nbreak"\n'
        "    sources: [{url: 'https://example.org/', quote: q}]\n",
        encoding="utf-8",
    )
    lines = export(jdiplo, records, "--to", "tsv-long").splitlines()
    assert len(lines) == 2
    cells = lines[1].split("\t")
    assert "tab\\there" in cells and "line\\nbreak" in cells
    text = export(jdiplo, records, "--to", "csv-long")
    assert "line\nbreak" in next(csv.DictReader(io.StringIO(text)))["summary"]  # exact in CSV


# Parquet


def test_parquet_has_typed_columns(jdiplo: Invoke, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("arro3.io")
    target = tmp_path / "events.parquet"
    export(jdiplo, INTEROP, "--to", "parquet", "-o", str(target))
    connection = duckdb.connect()
    described = f"SELECT column_name, column_type FROM (DESCRIBE '{target}')"
    types = dict(connection.execute(described).fetchall())
    assert types["date_start"] == "DATE" and types["date"] == "VARCHAR"
    assert types["intensity"] == "DOUBLE" and types["quad_code"] == "TINYINT"
    assert types["partners"] == "VARCHAR[]"
    assert types["people"].startswith("STRUCT") and types["people"].endswith("[]")
    rows = connection.execute(
        f"SELECT id, date_start, date_end, partners, amount_value, plover_event, coding_source "
        f"FROM '{target}' ORDER BY id"
    ).fetchall()
    import datetime as dt

    assert ("2024-manila-grant", dt.date(2024, 1, 1), dt.date(2024, 12, 31), ["PH"],
            650000000.0, "AID", "record") in rows  # fmt: skip
    nulls = f"SELECT count(*) FROM '{target}' WHERE plover_event IS NULL"
    assert connection.execute(nulls).fetchall() == [
        (1,)
    ]  # the statement: kept, without a PLOVER type


def test_parquet_without_the_extra_is_one_line(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "arro3.io", None)  # import arro3.io raises ImportError
    target = tmp_path / "events.parquet"
    result = jdiplo("--records", str(INTEROP), "export", "--to", "parquet", "-o", str(target))
    assert result.code == 1
    assert result.stderr.splitlines() == [
        "jdiplo: parquet needs the parquet extra: pip install 'jdiplo[parquet]' (it adds "
        "arro3-io); or export --to jsonl or csv-long, which DuckDB and pandas read too"
    ]
    assert not target.exists()


def test_parquet_is_not_written_to_a_terminal(
    jdiplo: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jdiplo.cli.export as command

    monkeypatch.setattr(command, "_stdout_is_terminal", lambda: True)
    result = jdiplo("--records", str(INTEROP), "export", "--to", "parquet")
    assert result.code == 2 and "parquet is binary" in result.stderr


# jsonl, options, output


def test_jsonl_is_list_format_jsonl(jdiplo: Invoke) -> None:
    for records in RECORD_SETS:
        listed = jdiplo("--records", str(records), "list", "--format", "jsonl").stdout
        assert export(jdiplo, records, "--to", "jsonl") == listed


def test_the_formats_of_help_are_the_exporters(jdiplo: Invoke) -> None:
    from jdiplo.cli.export import FORMATS
    from jdiplo.export import FORMATS as WRITERS

    assert list(FORMATS) == list(WRITERS)


def test_unknown_format_is_a_usage_error_with_a_suggestion(jdiplo: Invoke) -> None:
    result = jdiplo("export", "--to", "plovr")
    assert result.code == 2
    assert "unknown format 'plovr' (did you mean 'plover'?)" in result.stderr
    assert jdiplo("export").code == 2  # --to is required


def test_output_file_is_written_whole(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    result = jdiplo("--records", str(INTEROP), "export", "--to", "plover", "-o", str(target))
    assert result.code == 0 and result.stdout == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    bad = jdiplo("--records", str(INTEROP), "export", "--to", "plover", "-o", str(tmp_path))
    assert bad.code == 2 and "is a folder" in bad.stderr


def test_an_empty_selection_is_an_empty_export(jdiplo: Invoke) -> None:
    assert export(jdiplo, INTEROP, "--to", "plover", "--partner", "CN") == ""
    assert json.loads(export(jdiplo, INTEROP, "--to", "csl-json", "--partner", "CN")) == []
    empty = json.loads(export(jdiplo, INTEROP, "--to", "timelinejs", "--partner", "CN"))
    assert empty["events"] == []
    assert export(jdiplo, INTEROP, "--to", "csv-long", "--partner", "CN").count("\n") == 1
