"""`jdiplo people`: the people registry with event counts, matching names in any order."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import BUNDLED_RECORDS, Invoke

RECORDS = str(BUNDLED_RECORDS)
MONTH = "2024/2024-07.yaml"


def test_plain_rows(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "people")
    assert result.code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["Kihara Minoru", "JP", "2", "2024-07-28"]
    assert ["Fumio Kishida", "JP", "4", "2024-07-11"] in rows
    assert ["Yun Duk-min", "ROK", "1", "2024-07"] in rows
    assert len(rows) == 11


def test_json_csv_table_and_markdown(jdiplo: Invoke) -> None:
    document = json.loads(jdiplo("--records", RECORDS, "people", "-F", "json").stdout)
    assert document["people"][0] == {
        "name": "Kihara Minoru",
        "country": "JP",
        "aliases": ["Kihara"],
        "offices": [{"role": "Defence Minister", "country": "JP", "start": None, "end": None}],
        "events": 2,
        "last_event": "2024-07-28",
        "registered": True,
    }
    rows = list(
        csv.DictReader(io.StringIO(jdiplo("--records", RECORDS, "people", "-F", "csv").stdout))
    )
    assert rows[0] == {
        "name": "Kihara Minoru",
        "country": "JP",
        "aliases": "Kihara",
        "offices": "Defence Minister (JP)",
        "events": "2",
        "last_event": "2024-07-28",
        "registered": "true",
    }
    table = jdiplo("--records", RECORDS, "people", "-F", "table").stdout
    assert table.splitlines()[0].split() == [
        "name",
        "country",
        "events",
        "last",
        "event",
        "offices",
        "aliases",
    ]
    md = jdiplo("--records", RECORDS, "people", "-F", "md").stdout
    assert md.splitlines()[0] == "| name | country | events | last event | offices | aliases |"
    assert "| Kihara Minoru | JP | 2 | 2024-07-28 | Defence Minister \\(JP\\) | Kihara |" in md


def test_filters_choose_the_events_that_count(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "people", "--partner", "UK", "-F", "plain")
    counts = {line.split("\t")[0]: line.split("\t")[2] for line in result.stdout.splitlines()}
    assert counts["John Healy"] == "2"
    assert counts["Kihara Minoru"] == "1"
    assert counts["Fumio Kishida"] == "0"


def records_with_people_yaml(tmp_path: Path, people: str) -> Path:
    import shutil

    shutil.copytree(BUNDLED_RECORDS, tmp_path / "records")
    shutil.copytree(BUNDLED_RECORDS.parent / "seeds", tmp_path / "seeds")
    path = tmp_path / "records" / MONTH
    text = path.read_text(encoding="utf-8")
    # The second meeting of Kihara's, written given name first; and someone not registered.
    text = text.replace(
        "{name: Kihara Minoru, role: Defence Minister, country: JP}\n      - {name: Shin Won-sik",
        "{name: Minoru Kihara, role: Defence Minister, country: JP}\n"
        "      - {name: Someone New, country: ROK}\n      - {name: Shin Won-sik",
    )
    path.write_text(text, encoding="utf-8")
    (tmp_path / "records" / "people.yaml").write_text(people, encoding="utf-8")
    return tmp_path / "records"


def test_both_name_orders_count_for_one_person_and_people_yaml_adds_offices(
    jdiplo: Invoke, tmp_path: Path
) -> None:
    records = records_with_people_yaml(
        tmp_path,
        "people:\n  - name: Kihara Minoru\n    family_name: Kihara\n    country: JP\n"
        "    offices:\n      - {role: Defence Minister, country: JP, start: 2023-09-13}\n",
    )
    result = jdiplo("--records", str(records), "people", "-F", "json")
    assert result.code == 0, result.stderr
    people = {row["name"]: row for row in json.loads(result.stdout)["people"]}
    assert people["Kihara Minoru"]["events"] == 2
    assert people["Kihara Minoru"]["offices"][0]["start"] == "2023-09-13"
    assert people["Someone New"] == {
        "name": "Someone New",
        "country": "ROK",
        "aliases": [],
        "offices": [],
        "events": 1,
        "last_event": "2024-07-28",
        "registered": False,
    }
    table = jdiplo("--records", str(records), "people", "-F", "table").stdout
    assert "Someone New *" in table
    assert "Defence Minister (JP, from 2023-09-13)" in table
    assert table.rstrip().endswith("* named in events, not in the people registry (people.yaml)")


def test_a_bad_people_yaml_is_reported_located(jdiplo: Invoke, tmp_path: Path) -> None:
    records = records_with_people_yaml(tmp_path, "people:\n  - name: X Y\n    country: Nowhere\n")
    result = jdiplo("--records", str(records), "people")
    assert (result.code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "records/people.yaml:3:14: unknown country 'Nowhere'\n1 problem in 1 file\n"
    )


def test_a_bad_people_yaml_refuses_a_listing_too(jdiplo: Invoke, tmp_path: Path) -> None:
    records = records_with_people_yaml(tmp_path, "people:\n  - name: X Y\n    country: Nowhere\n")
    for _ in ("cold", "warm"):  # the second run finds the index built
        result = jdiplo("--records", str(records), "list", "--partner", "ROK")
        assert (result.code, result.stdout) == (1, "")
        assert result.stderr.startswith("records/people.yaml:3:14: unknown country 'Nowhere'\n")


def test_list_person_knows_the_spellings_people_yaml_adds(jdiplo: Invoke, tmp_path: Path) -> None:
    records = records_with_people_yaml(
        tmp_path, "people:\n  - name: Someone New\n    aliases: [The Newcomer]\n"
    )
    for _ in ("cold", "warm"):
        result = jdiplo("--records", str(records), "list", "--person", "the newcomer", "-F", "ids")
        assert result.code == 0, result.stderr
        assert result.stdout.splitlines() == ["2024-07-28-japan-rok-defence-ministers"]
