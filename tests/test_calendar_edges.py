"""Dates at the edges of the calendar (years 0001 and 9999, a span of a thousand years) never
overflow: every command answers, or refuses with a usage error, with and without the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Invoke
from jdiplo.periods import Period, PeriodError, parse_period, previous

EDGES = {
    "0001/0001-01.yaml": """\
events:
  - id: first-day
    date: 0001-01-01
    title: The first day of the calendar
    kind: meeting
    partners: [US]
    sources:
      - {url: "https://example.org/a", quote: q}
""",
    "1000/1000-01.yaml": """\
events:
  - id: thousand-years
    date: 1000-01-01
    end: 2024-12-31
    title: A thousand years
    kind: exercise
    partners: [UK]
    sources:
      - {url: "https://example.org/b", quote: q}
""",
    "2024/2024-07.yaml": """\
events:
  - id: july-2024
    date: 2024-07-28
    title: An ordinary day
    kind: meeting
    partners: [US]
    sources:
      - {url: "https://example.org/c", quote: q}
""",
    "9999/9999-12.yaml": """\
events:
  - id: last-day
    date: 9999-12-31
    title: The last day of the calendar
    kind: meeting
    partners: [US]
    sources:
      - {url: "https://example.org/d", quote: q}
  - id: last-year
    date: 9999
    status: announced
    due: 9999
    title: A plan for the last year
    kind: statement
    partners: [ROK]
    sources:
      - {url: "https://example.org/e", quote: q}
""",
}
EVERY_ID = {"first-day", "thousand-years", "july-2024", "last-day", "last-year"}


@pytest.fixture
def edges(tmp_path: Path) -> Path:
    records = tmp_path / "edges" / "records"
    for relative, text in EDGES.items():
        (records / relative).parent.mkdir(parents=True, exist_ok=True)
        (records / relative).write_text(text, encoding="utf-8")
    return records


# The index bounds where events overlapping a period can start by subtracting the longest
# span of any event from the period's start (Query.sql): before year 1 there is no bound.
MODES = ["index", "no-cache"]


def run(jdiplo: Invoke, records: Path, mode: str, *arguments: str) -> tuple[int, str, str]:
    if mode == "index":  # the index, even in a `pytest --no-cache` run
        result = jdiplo("--records", str(records), *arguments, env={"JDIPLO_NO_CACHE": None})
    else:
        result = jdiplo("--records", str(records), "--no-cache", *arguments)
    return result.code, result.stdout, result.stderr


def ids(jdiplo: Invoke, records: Path, mode: str, *arguments: str) -> set[str]:
    code, stdout, stderr = run(jdiplo, records, mode, "list", *arguments, "--format", "ids")
    assert (code, stderr) == (0, ""), stderr
    return set(stdout.split())


@pytest.mark.parametrize("mode", MODES)
def test_the_edge_records_are_valid(jdiplo: Invoke, edges: Path, mode: str) -> None:
    assert run(jdiplo, edges, mode, "validate") == (0, "OK: 5 events in 4 files\n", "")
    assert ids(jdiplo, edges, mode) == EVERY_ID


@pytest.mark.parametrize("mode", MODES)
def test_a_period_of_year_1000_finds_the_thousand_year_span(
    jdiplo: Invoke, edges: Path, mode: str
) -> None:
    assert ids(jdiplo, edges, mode, "--period", "1000") == {"thousand-years"}


@pytest.mark.parametrize("mode", MODES)
def test_a_period_of_year_1(jdiplo: Invoke, edges: Path, mode: str) -> None:
    assert ids(jdiplo, edges, mode, "--period", "0001") == {"first-day"}
    assert ids(jdiplo, edges, mode, "--period", "0001-01-01") == {"first-day"}


@pytest.mark.parametrize("mode", MODES)
def test_since_year_1_and_open_ranges_from_year_1(jdiplo: Invoke, edges: Path, mode: str) -> None:
    assert ids(jdiplo, edges, mode, "--since", "0001") == EVERY_ID
    assert ids(jdiplo, edges, mode, "--period", "0001..") == EVERY_ID


@pytest.mark.parametrize("mode", MODES)
def test_until_the_last_day_and_ranges_to_year_9999(jdiplo: Invoke, edges: Path, mode: str) -> None:
    assert ids(jdiplo, edges, mode, "--until", "9999-12-31") == EVERY_ID
    assert ids(jdiplo, edges, mode, "--period", "..9999") == EVERY_ID
    assert ids(jdiplo, edges, mode, "--period", "9999-12-31") == {"last-day", "last-year"}
    assert ids(jdiplo, edges, mode, "--due", "9999") == {"last-year"}


@pytest.mark.parametrize("mode", MODES)
def test_the_last_fiscal_year(jdiplo: Invoke, edges: Path, mode: str) -> None:
    """FY9998 runs to 9999-03-31; FY9999 would end in year 10000: a usage error."""
    assert ids(jdiplo, edges, mode, "--period", "FY9998") == {"last-year"}
    code, stdout, stderr = run(jdiplo, edges, mode, "list", "--period", "FY9999")
    assert (code, stdout) == (2, "")
    assert stderr.endswith(
        "Error: Invalid value for --period: invalid period 'FY9999': year out of range\n"
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "period",
    ["0001", "0001-01", "0001-01-01", "0001Q1", "0001H1", "FY0001", "0001-01-01..0001-01-05"],
)
def test_there_is_no_period_before_the_first(
    jdiplo: Invoke, edges: Path, mode: str, period: str
) -> None:
    code, stdout, stderr = run(jdiplo, edges, mode, "diff", period)
    assert (code, stdout) == (2, "")
    assert stderr.endswith(f"Error: Invalid value for A: there is no period before {period!r}\n")


@pytest.mark.parametrize("mode", MODES)
def test_diff_of_year_9999_with_the_year_before(jdiplo: Invoke, edges: Path, mode: str) -> None:
    code, stdout, stderr = run(jdiplo, edges, mode, "diff", "9999", "--format", "json")
    assert (code, stderr) == (0, "")
    document = json.loads(stdout)
    assert document["a"] == {
        "period": "9998",
        "start": "9998-01-01",
        "end": "9998-12-31",
        "total": 0,
    }
    assert document["b"] == {
        "period": "9999",
        "start": "9999-01-01",
        "end": "9999-12-31",
        "total": 2,
    }


@pytest.mark.parametrize("mode", MODES)
def test_diff_of_year_1_and_year_9999(jdiplo: Invoke, edges: Path, mode: str) -> None:
    code, stdout, stderr = run(jdiplo, edges, mode, "diff", "0001", "9999", "--format", "json")
    assert (code, stderr) == (0, "")
    document = json.loads(stdout)
    assert (document["a"]["total"], document["b"]["total"]) == (1, 2)


@pytest.mark.parametrize("mode", MODES)
def test_reports_over_the_first_years(jdiplo: Invoke, edges: Path, mode: str) -> None:
    code, stdout, stderr = run(
        jdiplo, edges, mode, "digest", "--period", "0001", "--format", "json"
    )
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["total"] == 1
    code, stdout, stderr = run(
        jdiplo, edges, mode, "summary", "--by", "year", "--period", "1000..2024", "--format", "csv"
    )
    assert (code, stdout, stderr) == (0, "year,count\r\n1000,1\r\n2024,1\r\n", "")
    code, stdout, stderr = run(
        jdiplo, edges, mode, "digest", "--partner", "UK", "--period", "1000", "--format", "json"
    )
    assert (code, stderr) == (0, "")
    assert [event["id"] for event in json.loads(stdout)["timeline"]] == ["thousand-years"]


@pytest.mark.parametrize("mode", MODES)
def test_reports_over_the_last_year(jdiplo: Invoke, edges: Path, mode: str) -> None:
    code, stdout, stderr = run(
        jdiplo, edges, mode, "digest", "--period", "9999", "--format", "json"
    )
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["total"] == 2
    code, stdout, stderr = run(
        jdiplo, edges, mode, "summary", "--by", "month", "--period", "9999", "--format", "csv"
    )
    assert (code, stdout, stderr) == (0, "month,count\r\n9999,1\r\n9999-12,1\r\n", "")


# Period arithmetic, for every year of the calendar

YEARS = st.integers(min_value=1, max_value=9999)
UNITS = [
    "{y:04d}",
    "{y:04d}-{m:02d}",
    "{y:04d}-{m:02d}-01",
    "{y:04d}Q{q}",
    "{y:04d}H{h}",
    "FY{y:04d}",
    "{y:04d}..",
    "..{y:04d}",
    "{y:04d}-{m:02d}..{y:04d}-12-31",
]


@given(
    year=YEARS,
    month=st.integers(1, 12),
    quarter=st.integers(1, 4),
    half=st.integers(1, 2),
    template=st.sampled_from(UNITS),
)
def test_any_period_and_the_one_before_it_are_read_or_refused(
    year: int, month: int, quarter: int, half: int, template: str
) -> None:
    """No OverflowError anywhere: a Period, or a PeriodError that says why."""
    text = template.format(y=year, m=month, q=quarter, h=half)
    try:
        period = parse_period(text)
    except PeriodError:
        assert text == "FY9999"
        return
    assert period.start is None or period.end is None or period.start <= period.end
    try:
        before = previous(period)
    except PeriodError as error:
        assert "no period before" in str(error)
        return
    assert before.start is not None and before.end is not None and period.start is not None
    assert before.end < period.start
    if period.unit != "range":  # a unit's label reads back as the same period
        assert parse_period(before.label) == before
        assert parse_period(period.label) == period


@pytest.mark.parametrize(
    ("text", "label"),
    [("0001Q1", "0001Q1"), ("0010H2", "0010H2"), ("FY0001", "FY0001"), ("fy0999", "FY0999")],
)
def test_labels_of_early_years_have_four_digits(text: str, label: str) -> None:
    period: Period = parse_period(text)
    assert period.label == label
    assert parse_period(period.label) == period
