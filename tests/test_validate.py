"""Checks across the record set: quotes in their sources, ids, related ids."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import BUNDLED_RECORDS
from jdiplo.quotes import normalise_quote, quote_problem
from jdiplo.store import read

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


def test_a_changed_word_is_named_beside_the_source_word() -> None:
    assert quote_problem("the US itself is running out of these rockets", SOURCE) == (
        "quote not found in the source: the quote has \u00abrockets\u00bb, the source "
        "\u00abmissiles.\u00bb; closest passage: '\u2026itself is running out of these "
        "\u00abmissiles.\u00bb'"
    )


# The cases of issue 10, as an analyst met them: a one-word change near the end of a quote.
EXERCISE = normalise_quote(
    "In July, the Japan Maritime Self-Defence Force and the Royal Australian Navy held\n"
    "joint exercises off Darwin, the first of their kind in the Timor Sea."
)


def test_a_changed_word_at_the_end_is_shown_with_the_closest_passage() -> None:
    quote = (
        "the Japan Maritime Self-Defence Force and the Royal Australian Navy held joint "
        "exercises near Darwin"
    )
    message = quote_problem(quote, EXERCISE)
    assert message == (
        "quote not found in the source: the quote has \u00abnear\u00bb, the source "
        "\u00aboff\u00bb; closest passage: '\u2026Royal Australian Navy held joint exercises "
        "\u00aboff\u00bb Darwin'"
    )


def test_another_spelling_is_shown_with_the_source_s_spelling() -> None:
    quote = "the Japan Maritime Self-Defense Force and the Royal Australian Navy"
    message = quote_problem(quote, EXERCISE)
    assert message is not None
    assert message.startswith(
        "quote not found in the source: the quote has \u00abSelf-Defense\u00bb, the source "
        "\u00abSelf-Defence\u00bb (write it as the source does: 'Self-Defence'); "
    )
    assert "closest passage: 'the Japan Maritime \u00abSelf-Defence\u00bb Force and" in message


def test_case_missing_and_extra_words() -> None:
    def difference(quote: str) -> str:
        message = quote_problem(quote, EXERCISE)
        assert message is not None
        return message.split("; closest passage")[0].removeprefix("quote not found in the source: ")

    assert difference("the japan Maritime Self-Defence Force") == (
        "the quote has \u00abjapan\u00bb, the source \u00abJapan\u00bb "
        "(the case differs: write 'Japan')"
    )
    assert difference("the Royal Australian Navy held exercises off Darwin") == (
        "the quote has \u00abexercises\u00bb, the source \u00abjoint exercises\u00bb"
    )
    assert difference("the Royal Australian Navy really held joint exercises") == (
        "the quote has \u00abreally held\u00bb, the source \u00abheld\u00bb"
    )
    # Quotes may start and end inside a word; that is not where they part from the source.
    assert difference("yal Australian Navy held some exercises of") == (
        "the quote has \u00absome\u00bb, the source \u00abjoint\u00bb"
    )


def test_nothing_close_is_said_so() -> None:
    assert quote_problem("xyzzy plugh", EXERCISE) == (
        "quote not found in the source, nor anything close to it: 'xyzzy plugh'"
    )


def test_an_excerpt_is_named_by_its_number() -> None:
    message = quote_problem("In July, the Japan … held joint exercises near Darwin", EXERCISE)
    assert message is not None
    assert message.startswith(
        "excerpt 2 of the quote not found in the source: the quote has \u00abnear\u00bb"
    )


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@given(
    st.lists(_WORDS, min_size=3, max_size=300, unique=True),
    st.data(),
)
def test_one_changed_word_names_the_quote_s_word_and_the_source_s(
    words: list[str], data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(words) - 2), label="start")
    end = data.draw(st.integers(start + 2, min(len(words), start + 60)), label="end")
    changed = data.draw(st.integers(start, end - 1), label="changed")
    new = data.draw(_WORDS.filter(lambda word: word not in words), label="new")
    source = " ".join(words)
    quote_words = words[start:end]
    quote_words[changed - start] = new
    quote = " ".join(quote_words)
    if quote in source:  # the change made a quote that the source holds anyway
        assert quote_problem(quote, source) is None
        return
    message = quote_problem(quote, source)
    assert message is not None
    assert f"the quote has \u00ab{new}\u00bb, the source \u00ab{words[changed]}\u00bb" in message
    assert "\n" not in message


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


# Reading a source: what a quote is checked against, and what the index keeps of it.


def test_a_source_is_read_as_its_bytes_say(tmp_path: Path) -> None:
    from jdiplo.index.freshness import now_ns, state_of
    from jdiplo.layout import digest_of
    from jdiplo.validate import read_source

    data = b"\xef\xbb\xbfTokyo and Seoul agreed \xff"  # a byte-order mark, a byte not UTF-8
    source = tmp_path / "seeds" / "article.txt"
    source.parent.mkdir()
    source.write_bytes(data)
    before = now_ns()
    read = read_source(tmp_path, "seeds/article.txt")
    # The byte-order mark is not text (a quote of the first words is found); a byte that is
    # not UTF-8 is a replacement character, not an error.
    assert read.text == "Tokyo and Seoul agreed \ufffd"
    assert quote_problem("Tokyo and Seoul", read.text) is None
    assert read.problem is None
    assert read.state == state_of(str(source))
    assert before <= read.checked_ns <= now_ns()
    assert read.digest == digest_of(data)


def test_a_source_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    from jdiplo.validate import read_source

    (tmp_path / "seeds" / "folder.txt").mkdir(parents=True)
    (tmp_path / "seeds" / "gone.txt").symlink_to(tmp_path / "seeds" / "nowhere.txt")
    problems = {
        name: read_source(tmp_path, name)
        for name in ("seeds/missing.txt", "seeds/gone.txt", "seeds/folder.txt", "../outside.txt")
    }
    assert {name: read.problem for name, read in problems.items()} == {
        "seeds/missing.txt": "source file not found: seeds/missing.txt",
        "seeds/gone.txt": "source file not found: seeds/gone.txt",
        "seeds/folder.txt": (
            "source file seeds/folder.txt: not a regular file (a folder): jdiplo reads only"
            " regular files"
        ),
        "../outside.txt": (
            "source file is outside the repository (the folder holding records/): ../outside.txt"
        ),
    }
    assert all(read.text is None and read.state is None for read in problems.values())
