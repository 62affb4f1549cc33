"""extract.lexicon: phrases found by words, in one pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jdiplo.extract.lexicon import Lexicon, Phrases


def found(phrases: Phrases, text: str) -> list[str]:
    return [hit.text for hit in Lexicon([phrases]).scan(text).find(phrases)]


def test_whole_words_ignoring_case() -> None:
    words = Phrases(("held talks", "meeting"))
    assert found(words, "They HELD  talks at the meeting; meetings too.") == [
        "HELD  talks",
        "meeting",
    ]


def test_a_star_matches_any_ending() -> None:
    assert found(Phrases(("develop*",)), "co-development; developing; envelope") == [
        "development",
        "developing",
    ]


def test_case_counts_when_the_list_says_so() -> None:
    names = Phrases(("US", "U.S."), ignore_case=False)
    assert found(names, "the US and us and the U.S. and U. S.") == ["US", "U.S."]


def test_no_space_in_the_phrase_means_none_in_the_text() -> None:
    assert found(Phrases(("2+2",)), "a 2+2 meeting, not 2 + 2") == ["2+2"]


def test_the_longest_phrase_wins_and_hits_do_not_overlap() -> None:
    names = Phrases(("Korea", "South Korea", "South Korean"), ignore_case=False)
    assert found(names, "South Korean and South Korea and Korea") == [
        "South Korean",
        "South Korea",
        "Korea",
    ]


def test_find_between_positions() -> None:
    words = Phrases(("talks",))
    doc = Lexicon([words]).scan("talks, talks, talks")
    assert [hit.begin for hit in doc.find(words, 1, 13)] == [7]
    assert doc.search(words, 14) is not None and doc.search(words, 19) is None


@given(
    st.text(alphabet=st.sampled_from("ab+. ()[]?\\$"), min_size=1, max_size=12),
    st.text(alphabet=st.sampled_from("abAB+. ()[]?\\$\n"), max_size=60),
)
def test_a_phrase_finds_only_itself_whatever_its_characters(phrase: str, text: str) -> None:
    words = Phrases((phrase,))
    for hit in Lexicon([words]).scan(text).find(words):
        assert text[hit.begin : hit.stop] == hit.text
        assert "".join(hit.text.split()).casefold() == "".join(phrase.split()).casefold()
