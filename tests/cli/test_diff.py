"""`jdiplo diff` as a user runs it, on the hand-built data set tests/data/diffset."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from reports_data import DIFFSET
from test_reports_diff import JUNE_TO_JULY

from conftest import Invoke

RECORDS = str(DIFFSET)


def diff_json(jdiplo: Invoke, *arguments: str) -> dict[str, object]:
    result = jdiplo("--records", RECORDS, "diff", *arguments, "--format", "json")
    assert result.code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_json_matches_the_hand_count(jdiplo: Invoke) -> None:
    document = diff_json(jdiplo, "2024-06", "2024-07")
    assert {key: document[key] for key in JUNE_TO_JULY} == JUNE_TO_JULY
    assert list(document) == [*JUNE_TO_JULY, "firsts", "announced"]


def test_one_period_is_compared_with_the_one_before(jdiplo: Invoke) -> None:
    assert diff_json(jdiplo, "2024-07") == diff_json(jdiplo, "2024-06", "2024-07")
    assert diff_json(jdiplo, "2024Q3")["a"] == {
        "period": "2024Q2", "start": "2024-04-01", "end": "2024-06-30", "total": 7,
    }  # fmt: skip
    days = diff_json(jdiplo, "2024-07-01..2024-07-10")
    # t04 by its days (06-29 to 07-02), t05 by its month (2024-06), t11 by its year (2024)
    assert days["a"] == {
        "period": "2024-06-21..2024-06-30",
        "start": "2024-06-21",
        "end": "2024-06-30",
        "total": 3,
    }


def test_filters_narrow_both_periods(jdiplo: Invoke) -> None:
    document = diff_json(jdiplo, "2024-06", "2024-07", "--partner", "Korea")
    assert (document["a"], document["b"]) == (
        {"period": "2024-06", "start": "2024-06-01", "end": "2024-06-30", "total": 2},
        {"period": "2024-07", "start": "2024-07-01", "end": "2024-07-31", "total": 3},
    )


def test_text_on_a_pipe(jdiplo: Invoke) -> None:
    result = jdiplo("--records", RECORDS, "diff", "2024-06", "2024-07")
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Changes from 2024-06 to 2024-07",
        "  2024-06  2024-06-01 to 2024-06-30 · 6 events",
        "  2024-07  2024-07-01 to 2024-07-31 · 7 events (+1)",
    ]
    assert "  ROK            2        3      +1" in lines
    assert "  (none)                  2        3      +1" in lines  # events without a level
    assert "New partners: DE, ES, NZ" in lines and "Dropped partners: UK" in lines
    assert (
        "  due 2025  Test event 9, a plan with the US announced in July, due in 2025 (US; "
        "announced 2024-07)" in lines
    )


def test_table_and_markdown(jdiplo: Invoke) -> None:
    table = jdiplo("--records", RECORDS, "diff", "2024-06", "2024-07", "-F", "table")
    assert table.code == 0 and "ROK" in table.stdout and "\x1b" not in table.stdout
    source = jdiplo("--records", RECORDS, "diff", "2024-06", "2024-07", "-F", "md").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    headings = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Changes from 2024-06 to 2024-07", "Partners", "Kinds", "Domains", "Levels",
        "Frameworks", "New and dropped partners", "Firsts recorded in 2024-07",
        "Announced steps recorded in 2024-07",
    ]  # fmt: skip
    assert sum(token.type == "table_open" for token in tokens) == 5
    first_table = tokens[[t.type for t in tokens].index("table_open") :]
    rows = first_table[: [t.type for t in first_table].index("table_close")]
    assert sum(token.type == "tr_open" for token in rows) == 1 + 8  # header and 8 partners


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["2024-13"], "Invalid value for A: invalid period '2024-13': there is no month 13"),
        (["2024-06", "2024Q9"], "Invalid value for B: invalid period '2024Q9'"),
        (["2024.."], "has no period before it"),
        (["2024-06", "2024-07", "2024-08"], "unexpected extra argument(s) (2024-08)"),
        ([], "Missing argument 'A'"),
        (["2024-07", "--kind", "summt"], "did you mean 'summit'?"),
        (["2024-07", "--format", "csv"], "choose from table, text, md, json"),
    ],
)
def test_bad_arguments_are_usage_errors(jdiplo: Invoke, arguments: list[str], message: str) -> None:
    result = jdiplo("--records", RECORDS, "diff", *arguments)
    assert result.code == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_open_periods_compare(jdiplo: Invoke) -> None:
    document = diff_json(jdiplo, "..2024-06", "2024-07..")
    assert document["a"] == {"period": "..2024-06", "start": None, "end": "2024-06-30", "total": 7}
    assert document["b"] == {"period": "2024-07..", "start": "2024-07-01", "end": None, "total": 8}
