"""The HTML report of the bundled records in a real browser (headless Chromium).

CI always has Chromium (.ci/run installs Debian's package when it is missing); elsewhere the
test is skipped, saying why. `pytest --update-golden` also rewrites the screenshot the README
shows, docs/report-2024-07.png.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Browser, Visit, find_chromium
from reports_data import bundled, in_period

from conftest import BUNDLED_RECORDS, ROOT, invoke

CHROMIUM = find_chromium()
SCREENSHOT = ROOT / "docs" / "report-2024-07.png"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium; CI installs it)",
)


@pytest.fixture(scope="module")
def july(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visit]:
    folder = tmp_path_factory.mktemp("report")
    page = folder / "july-2024.html"
    result = invoke(
        "--records", str(BUNDLED_RECORDS), "report", "--month", "2024-07",
        "--as-of", "2025-01-15", "-o", str(page),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert CHROMIUM is not None
    browser = Browser(CHROMIUM)
    try:
        yield browser.visit(page.as_uri())
    finally:
        browser.close()


def test_every_event_title_is_in_the_rendered_page(july: Visit) -> None:
    import html

    text = html.unescape(july.dom)
    for event in in_period(bundled(), "2024-07"):
        assert event.title in text, event.id
        assert f'id="event-{event.id}"' in july.dom


def test_every_footnote_link_resolves_to_an_anchor(july: Visit) -> None:
    assert july.checks["links"] > 50
    assert july.checks["broken"] == []
    citations = july.dom.count('href="#source-')
    assert citations >= 24


def test_no_request_leaves_the_file(july: Visit) -> None:
    assert july.requests, "the browser saw no request at all"
    assert july.requests[0].startswith("file://")
    for url in july.requests:
        assert url.startswith(("file://", "data:")), url[:100]


def test_no_console_message_or_error(july: Visit) -> None:
    assert july.console == []
    assert july.errors == []  # a content-security-policy violation would be one
    assert july.checks["scripts"] == 0


def test_charts_load_and_say_what_they_show(july: Visit) -> None:
    images = july.checks["images"]
    assert len(images) == 4  # timeline, months, temperature, network
    for image in images:
        assert image["src"].startswith("data:image/svg+xml")
        assert image["loaded"], image
        assert len(image["alt"]) > 20


def test_headings_go_in_order_and_the_page_fits_its_window(july: Visit) -> None:
    headings = july.checks["headings"]
    assert headings[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(headings))
    assert july.checks["width"] <= 1200  # no horizontal scrolling at a desktop width


def test_a_screenshot_is_taken(july: Visit, request: pytest.FixtureRequest) -> None:
    assert july.screenshot.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", july.screenshot[16:24])
    assert (width, height) == (1200, 1800)
    if request.config.getoption("--update-golden"):
        SCREENSHOT.write_bytes(july.screenshot)
    assert SCREENSHOT.is_file(), "docs/report-2024-07.png: run pytest --update-golden"


def test_the_readme_shows_the_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/report-2024-07.png)" in readme
    assert Path(SCREENSHOT).is_file()
