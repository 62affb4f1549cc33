"""extract.sentences: sentences as exact spans of the text; headings; abbreviations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jdiplo.extract.sentences import split

ABBREVIATIONS = {"Mr", "e.g", "U.S", "Nov"}


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split(text, ABBREVIATIONS)]


def test_sentences_end_at_a_full_stop_before_a_capital() -> None:
    assert texts("Japan met Korea. Then it left. done.") == [
        "Japan met Korea.",
        "Then it left. done.",
    ]


def test_abbreviations_initials_and_numbered_points_do_not_end_a_sentence() -> None:
    text = "Mr. Kishida met the U.S. Secretary on Nov. 18 and J. Smith.\n2. The two Ministers met."
    assert texts(text) == [
        "Mr. Kishida met the U.S. Secretary on Nov. 18 and J. Smith.",
        "2. The two Ministers met.",
    ]


def test_a_line_without_final_punctuation_is_a_heading() -> None:
    sentences = split("ROK-Japanese relations: problems\nThey met. Then they left.\n", set())
    assert [s.heading for s in sentences] == [True, False, False]
    assert [s.line for s in sentences] == [1, 2, 2]
    assert [s.paragraph for s in sentences] == [0, 1, 1]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    assert texts("He said “fully normalized.” Then (they met.) It ended.") == [
        "He said “fully normalized.”",
        "Then (they met.)",
        "It ended.",
    ]


def test_crlf_and_blank_lines() -> None:
    text = "First one.\r\n\r\nSecond one.\r\n"
    assert texts(text) == ["First one.", "Second one."]
    assert [s.paragraph for s in split(text, set())] == [0, 1]


@given(st.text(alphabet=st.sampled_from('ab .!?\n\r"\u2019(A1)'), max_size=80))
def test_sentences_are_ordered_trimmed_spans_within_their_line(text: str) -> None:
    previous_end = 0
    for sentence in split(text, ABBREVIATIONS):
        part = text[sentence.start : sentence.end]
        assert part and part == part.strip()
        assert "\n" not in part
        assert sentence.start >= previous_end
        previous_end = sentence.end
