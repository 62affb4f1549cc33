"""Checks across the record set: quotes in their sources, ids, related ids."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import BUNDLED_RECORDS
from jdiplo.store import read
from jdiplo.validate import normalise_quote, quote_problem

SOURCE = normalise_quote(
    "Despite the usual wording that \u2018missiles will be used only by the US armed forces\u2019,"
    "\n  Japanese media writes that the US itself is running out of these missiles."
)


def test_typographic_quotes_and_whitespace_are_normalised() -> None:
    quote = "wording that 'missiles will be used only by the US armed forces', Japanese media"
    assert quote_problem(quote, SOURCE) is None


def test_excerpts_separated_by_an_ellipsis_must_occur_in_order() -> None:
    assert (
        quote_problem("Despite the usual wording … running out of these missiles", SOURCE) is None
    )
    assert quote_problem("Despite [...] Japanese media writes", SOURCE) is None
    reversed_quote = "running out of these missiles … Despite the usual wording"
    assert quote_problem(reversed_quote, SOURCE) == (
        "excerpt 2 of the quote occurs in the source, but not after excerpt 1"
    )


def test_a_changed_word_is_not_found() -> None:
    assert quote_problem("the US itself is running out of these rockets", SOURCE) == (
        "quote not found in the source: 'the US itself is running out of these rockets'"
    )


@given(st.integers(0, len(SOURCE) - 1), st.integers(1, 80))
def test_any_slice_of_the_source_is_found(start: int, length: int) -> None:
    quote = SOURCE[start : start + length].strip()
    if quote and "…" not in quote:
        assert quote_problem(quote, SOURCE) is None


def test_the_bundled_records_quote_their_source_verbatim() -> None:
    loaded, problems = read(BUNDLED_RECORDS)
    assert problems == []
    assert len(loaded.events) >= 20
    for event in loaded.events:
        assert [source.file for source in event.sources] == ["seeds/000_7715609ff7e77d61.txt"]


def test_an_event_that_fails_to_load_is_not_reported_again_as_a_missing_related_id(
    sample: Path,
) -> None:
    month = sample / "2024" / "2024-07.yaml"
    text = month.read_text(encoding="utf-8")
    month.write_text(text.replace("kind: institutional", "kind: institute"), encoding="utf-8")
    _, problems = read(sample)
    assert [problem.message for problem in problems] == [
        "unknown kind 'institute' (did you mean 'institutional'?)"
    ]


def test_check_locates_problems_with_the_locator_it_is_given(tmp_path: Path) -> None:
    from jdiplo.validate import check

    records = tmp_path / "records"
    (records / "2024").mkdir(parents=True)
    (records / "2024" / "2024-07.yaml").write_text(
        "events:\n  - id: a\n    date: 2024\n    title: T\n    kind: other\n"
        "    partners: [US]\n    sources: [{url: 'https://x.org', quote: q}]\n"
        "    related: [nowhere]\n",
        encoding="utf-8",
    )
    loaded, _ = read(records)
    seen: list[tuple[str | int, ...]] = []

    def locate(origin: object, loc: tuple[str | int, ...]) -> tuple[int, int]:
        seen.append(loc)
        return 42, 7

    [problem] = check(loaded, locate)
    assert str(problem) == "2024/2024-07.yaml:42:7: related id 'nowhere' does not exist"
    assert seen == [("related", 0)]
