"""`jdiplo report` as the analyst sending the July 2024 brief runs it: one HTML file that
fetches nothing, reads without JavaScript or charts, and cites every event."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from reports_data import bundled, in_period

from conftest import BUNDLED_RECORDS, DATA, ROOT, Invoke

RECORDS = str(BUNDLED_RECORDS)
JULY = ("--records", RECORDS, "report", "--month", "2024-07", "--as-of", "2025-01-15")


class Page(HTMLParser):
    """What a test needs of a page: elements in order with their attributes, and text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attributes for name, attributes in self.elements if name == tag]

    def content(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def july() -> str:
    from conftest import invoke

    result = invoke(*JULY)
    assert result.code == 0, result.stderr
    return result.stdout


def test_the_page_forbids_every_fetch_and_has_no_script(july: str) -> None:
    page = Page(july)
    (policy,) = [
        attributes["content"]
        for attributes in page.all("meta")
        if attributes.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert "script-src" not in policy  # default-src 'none' forbids scripts
    assert page.all("script") == [] and page.all("link") == [] and page.all("iframe") == []
    for image in page.all("img"):
        assert (image.get("src") or "").startswith("data:image/svg+xml;base64,")
        assert len(image.get("alt") or "") > 20  # a text alternative
    assert "@import" not in july and "url(" not in july
    # the only addresses: none here (the sources are files); a source URL would be a link
    assert not re.search(r"(src|href)=\"https?:", july)


def test_headings_go_in_order_and_tables_have_headers(july: str) -> None:
    page = Page(july)
    levels = [int(tag[1]) for tag, _ in page.elements if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels  # never skips a level
    tables = july.count("<table")
    assert tables >= 8
    assert july.count("<thead>") == tables and "<th scope=" in july
    assert page.all("html")[0].get("lang") == "en"


def test_every_link_within_the_page_lands_on_an_anchor(july: str) -> None:
    page = Page(july)
    ids = {attributes["id"] for _, attributes in page.elements if attributes.get("id")}
    links = [attributes["href"] or "" for attributes in page.all("a")]
    inside = [link for link in links if link.startswith("#")]
    assert inside and all(link[1:] in ids for link in inside)
    assert all(link.startswith("#") for link in links)  # nothing else to follow here
    citations = [link for link in inside if link.startswith("#source-")]
    assert len(set(citations)) == 24


def test_every_event_is_told_with_its_sources_and_the_quotes_are_there(july: str) -> None:
    page = Page(july)
    text = page.content()
    events = in_period(bundled(), "2024-07")
    ids = {attributes.get("id") for _, attributes in page.elements}
    for event in events:
        assert " ".join(event.title.split()) in text, event.id
        assert f"event-{event.id}" in ids, event.id
        for source in event.sources:
            assert " ".join(source.quote.split()) in text
    assert "Italy (IT)" in text and "Spain (ES)" in text
    assert text.count("New Eastern Outlook, Nazar Kurbanov,") == 24


def test_steps_are_overdue_due_or_delivered_as_of_the_day(july: str) -> None:
    text = Page(july).content()
    overdue = text[text.index("Overdue") : text.index("Still to fall due")]
    assert "GIGO" in overdue and "joint forces command" in overdue
    assert "Tempest fighter should be deployed by 2035" not in overdue


def test_the_page_prints_and_reads_without_charts(july: str) -> None:
    assert "@media print" in july
    page = Page(july)
    captions = [text for text in page.text if "Who met whom" in text]
    assert captions
    assert "JP" in Page(july).content()  # the network's table names Japan's lines


def test_the_same_records_give_the_same_page(jdiplo: Invoke, july: str) -> None:
    assert jdiplo(*JULY).stdout == july


def test_output_file_is_written_whole(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "july-2024.html"
    result = jdiplo(*JULY, "-o", str(target))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["july-2024.html"]


def test_json_is_the_brief_record(jdiplo: Invoke) -> None:
    document = json.loads(jdiplo(*JULY, "--format", "json").stdout)
    assert list(document) == [
        "period", "start", "end", "as_of", "total", "matching", "digest", "timeline", "months",
        "temperature", "nodes", "edges", "partners", "frameworks", "kinds", "domains", "levels",
    ]  # fmt: skip
    assert document["total"] == 24 and document["as_of"] == "2025-01-15"
    assert document["nodes"][0] == {"code": "JP", "name": "Japan", "kind": "focal", "events": 24}
    assert {"a": "JP", "b": "US", "weight": 11} in document["edges"]
    assert {"a": "UK", "b": "IT", "weight": 4} in document["edges"]
    months = {entry["precision"] for entry in document["timeline"]}
    assert months == {"day", "month"}


def hostile(tmp_path: Path) -> str:
    target = tmp_path / "hostile"
    shutil.copytree(DATA / "sample", target)
    path = target / "records" / "2024" / "2024-07.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: Foreign Ministers Kamikawa and Cho Tae-yul meet in Vientiane"
    title = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" \x1b[31m\u202eevil'
    path.write_text(text.replace(old, f"title: {json.dumps(title)}"), encoding="utf-8")
    return str(target / "records")


def test_record_text_is_text_never_markup(jdiplo: Invoke, tmp_path: Path) -> None:
    result = jdiplo("--records", hostile(tmp_path), "report")
    assert result.code == 0, result.stderr
    page = Page(result.stdout)
    assert page.all("script") == []
    assert all((image.get("src") or "").startswith("data:") for image in page.all("img"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[31m\\u202eevil" in page.content()


def test_the_records_of_main_s_hostile_set_stay_data(jdiplo: Invoke) -> None:
    result = jdiplo("--records", str(DATA / "hostile" / "records"), "report")
    assert result.code == 0, result.stderr
    assert "[bold red]ALERT[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "pdf"], "choose from html, json"),
        (["-o", "/no/such/folder/r.html"], "folder not found"),
        (["--as-of", "2024-13-01"], "is not a day"),
        (["--month", "2024-13"], "there is no month 13"),
    ],
)
def test_bad_options_are_usage_errors(jdiplo: Invoke, arguments: list[str], message: str) -> None:
    result = jdiplo("--records", RECORDS, "report", *arguments)
    assert result.code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_report_never_goes_into_the_records(jdiplo: Invoke, sample: Path) -> None:
    result = jdiplo("--records", str(sample), "report", "-o", str(sample / "r.html"))
    assert result.code == 2
    assert "inside the records directory" in result.stderr


def test_a_period_without_events_is_a_page_too(jdiplo: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "empty.html"
    result = jdiplo("--records", RECORDS, "report", "--month", "2023-01", "-o", str(target))
    assert (result.code, result.stderr) == (0, "")
    text = Page(target.read_text(encoding="utf-8")).content()
    assert "0 events" in text and "None recorded." in text


# The temperature of each relationship: derived codings, never facts; uncoded is empty


def test_json_temperature_is_the_summary_of_intensities(jdiplo: Invoke) -> None:
    document = json.loads(jdiplo(*JULY, "--format", "json").stdout)
    summary = jdiplo(
        "--records", RECORDS, "summary", "--by", "partner", "--by", "month",
        "--measure", "intensity", "--month", "2024-07", "--format", "json",
    )  # fmt: skip
    assert document["temperature"] == json.loads(summary.stdout)
    rows = {row["partner"]: row for row in document["temperature"]["rows"]}
    assert rows["UNESCO"] == {
        "partner": "UNESCO", "month": "2024-07", "count": 1,
        "intensity_sum": None, "intensity_mean": None,
    }  # fmt: skip
    assert rows["US"]["intensity_sum"] == 46.5 and rows["US"]["count"] == 11


def test_every_field_of_the_json_is_documented(jdiplo: Invoke) -> None:
    document = json.loads(jdiplo(*JULY, "--format", "json").stdout)
    docs = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    section = docs.split("## `jdiplo report`", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| (`[^|]*)\|", section, flags=re.MULTILINE))
    names = {name for row in documented for name in re.findall(r"`([a-z_]+)`", row)}
    assert set(document) <= names, set(document) - names
    assert "derived" in section.split("`temperature`", 1)[1].split("\n", 1)[0]


def section(page: str, anchor: str) -> str:
    start = page.index(f'<h2 id="{anchor}">')
    return page[start : page.index("</section>", start)]


def test_the_temperature_section_is_marked_derived_and_leaves_uncoded_cells_empty(
    july: str,
) -> None:
    temperature = section(july, "temperature")
    page = Page(temperature)
    text = page.content()
    assert "Temperature of each relationship (derived codings)" in text
    caption = temperature.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
    assert caption.startswith("Derived codings, not facts from a source.")
    assert "hatched: events, none coded (no value)" in caption
    table = temperature[temperature.index("<table") :]
    assert "derived PLOVER codings, not facts from a source" in Page(table).content()
    (image,) = page.all("img")
    assert "derived coding and not a fact from a source" in (image.get("alt") or "")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
    cells = {name: re.findall(r"<td[^>]*>(.*?)</td>", rest) for name, rest in rows}
    assert cells["UNESCO"] == ["2024-07", "1", "", ""]  # events, none coded: empty, not 0
    assert cells["US"] == ["2024-07", "11", "46.5", "4.65"]
    assert len(cells) == 10  # every partner of July
    contents = Page(july[july.index('<nav aria-label="Contents">') : july.index("</nav>")])
    assert "#temperature" in [link.get("href") for link in contents.all("a")]


def test_the_temperature_chart_is_drawn_for_the_page() -> None:
    from jdiplo.render import figures
    from jdiplo.render.html import TEMPERATURE_TITLE, charts, data_address
    from jdiplo.reports.brief import brief

    records = bundled()
    july = brief(in_period(records, "2024-07"), records.registry, today=dt.date(2025, 1, 15))
    drawn = charts(july)
    assert list(drawn) == ["timeline", "months", "temperature", "network"]
    figure = figures.summary_figure(july.temperature, TEMPERATURE_TITLE)
    assert drawn["temperature"] == data_address(figures.svg(figure, "temperature"))
    assert "derived codings, not facts from a source" in TEMPERATURE_TITLE
