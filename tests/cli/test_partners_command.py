"""`jdiplo partners`: the registry with event counts."""

from __future__ import annotations

import csv
import io
import json

from reports_data import DIFFSET

from conftest import BUNDLED_RECORDS, Invoke

RECORDS = str(BUNDLED_RECORDS)


def test_plain_rows(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "partners")
    assert result.code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["ROK", "Republic of Korea", "state", "10", "2024-07-28"] in rows
    assert ["FR", "France", "state", "0", ""] in rows
    assert ["IP4", "Indo-Pacific Four", "grouping", "3", "2024-07-11"] in rows
    assert rows[-1][:3] == ["GCAP", "Global Combat Air Programme", "framework"]


def test_json_and_csv(jdiplo: Invoke) -> None:
    document = json.loads(jdiplo("--records", RECORDS, "partners", "-F", "json").stdout)
    ip4 = next(row for row in document["partners"] if row["code"] == "IP4")
    assert ip4 == {
        "code": "IP4", "name": "Indo-Pacific Four", "kind": "grouping",
        "aliases": ["Indo-Pacific partners", "IP-4"], "members": ["JP", "AU", "NZ", "ROK"],
        "events": 3, "last_event": "2024-07-11",
    }  # fmt: skip
    rows = list(
        csv.DictReader(io.StringIO(jdiplo("--records", RECORDS, "partners", "-F", "csv").stdout))
    )
    assert next(row for row in rows if row["code"] == "IP4")["members"] == "JP;AU;NZ;ROK"


def test_period_filters_choose_the_events_that_count(jdiplo: Invoke) -> None:
    result = jdiplo("--records", str(DIFFSET), "partners", "--month", "2024-05")
    rows = {line.split("\t")[0]: line.split("\t")[3:] for line in result.stdout.splitlines()}
    assert rows["AU"] == ["1", "2024-05-15"]
    assert rows["US"] == ["1", "2024"]  # t11, dated only 2024, overlaps May
    assert rows["UK"] == ["0", ""]


def test_table_and_markdown(jdiplo: Invoke) -> None:
    table = jdiplo("--records", RECORDS, "partners", "--format", "table").stdout
    assert table.splitlines()[0].split()[:5] == ["code", "name", "kind", "events", "last"]
    md = jdiplo("--records", RECORDS, "partners", "--format", "md").stdout
    assert md.splitlines()[0] == "| code | name | kind | events | last event | members | aliases |"
    assert "| 2\\+2 |" in md


def test_bad_format_is_a_usage_error(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "partners", "--format", "yml")
    assert result.code == 2 and "choose from" in result.stderr
