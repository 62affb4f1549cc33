"""Checks across the record set: quotes in their sources, ids, related ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BUNDLED_RECORDS
from jdiplo.quotes import likely_starts, normalise_quote, quote_problem
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


def test_a_duplicate_id_points_at_the_line_of_the_first_id(tmp_path: Path) -> None:
    records = tmp_path / "records"
    (records / "2024").mkdir(parents=True)
    event = (
        "  - date: 2024\n    title: T\n    kind: other\n    partners: [US]\n"
        "    id: twice\n    sources: [{url: 'https://x.org', quote: q}]\n"
    )
    (records / "2024" / "a.yaml").write_text("events:\n" + event, encoding="utf-8")
    (records / "2024" / "b.yaml").write_text("events:\n" + event, encoding="utf-8")
    _, problems = read(records)
    assert [str(problem) for problem in problems] == [
        "2024/b.yaml:6:9: duplicate id 'twice' (first at 2024/a.yaml:6)"
    ]


def test_unknown_people_are_warned_of_once_each_in_file_order_where_named(
    tmp_path: Path,
) -> None:
    from jdiplo.model import Origin
    from jdiplo.people import builtin_people
    from jdiplo.validate import MAX_WARNINGS, Mention, unknown_people

    (tmp_path / "a.yaml").write_text(
        "events:\n"
        "  - id: one\n"
        "    title: Talks with Ann Example\n"  # named in a title first: not where the warning is
        "    people:\n"
        "      - {name: Ann Example}\n"
        "  - id: two\n"
        '    people: [{name: "B\\u00e9a Written-Escaped"}]\n'
        "  - id: three\n"  # the same person, written plainly: not the first mention
        "    people: [{name: Béa Written-Escaped}]\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text("events:\n  - people: [{name: Kihara Minoru}]\n", "utf-8")
    mentions = [
        Mention(Origin("b.yaml", 2, 0), "Carl Later"),
        Mention(Origin("a.yaml", 6, 1), "Béa Written-Escaped"),
        Mention(Origin("a.yaml", 2, 0), "Ann Example"),
        Mention(Origin("a.yaml", 2, 0), "example ann"),  # the same person, another spelling
        Mention(Origin("b.yaml", 2, 0), "Minoru Kihara"),  # known to the built-in registry
    ]
    warnings, unsaid = unknown_people(mentions, builtin_people(), tmp_path)
    assert [(problem.path, problem.line, problem.col) for problem in warnings] == [
        ("a.yaml", 5, 16),  # at the name in its people entry
        ("a.yaml", 6, 1),  # written with an escape: at its event
        ("b.yaml", 2, 1),  # not in the file as written: at its event
    ]
    assert [problem.message.split("'")[1] for problem in warnings] == [
        "Ann Example",
        "Béa Written-Escaped",
        "Carl Later",
    ]
    assert unsaid == 0
    many = [Mention(Origin("a.yaml", 2, 0), f"Person {n:02d}") for n in range(MAX_WARNINGS + 3)]
    warnings, unsaid = unknown_people(many, builtin_people(), tmp_path)
    assert (len(warnings), unsaid) == (MAX_WARNINGS, 3)


def test_an_unknown_person_is_located_in_its_own_event(tmp_path: Path) -> None:
    """Not at an earlier event whose name begins the same way, and on the first line too (a
    record file written in flow style)."""
    from jdiplo.model import Origin
    from jdiplo.people import builtin_people
    from jdiplo.validate import Mention, unknown_people

    (tmp_path / "a.yaml").write_text(
        "events:\n"
        "  - id: one\n"
        "    people: [{name: Cho Tae-yul}]\n"  # known; begins with the unknown name below
        "  - id: two\n"
        "    people: [{name: Cho}]\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text("events: [{id: x, people: [{name: Dee Flow}]}]\n", "utf-8")
    mentions = [Mention(Origin("a.yaml", 4, 1), "Cho"), Mention(Origin("b.yaml", 1, 0), "Dee Flow")]
    warnings, _ = unknown_people(mentions, builtin_people(), tmp_path)
    assert [(problem.path, problem.line, problem.col) for problem in warnings] == [
        ("a.yaml", 5, 21),
        ("b.yaml", 1, 34),
    ]


# Where a quote parts from its source, when the source holds look-alikes of the passage.


@given(
    st.lists(_WORDS, min_size=6, max_size=40, unique=True),
    st.integers(0, 30),
    st.data(),
)
def test_a_quote_is_compared_with_its_passage_not_with_look_alikes(
    words: list[str], decoys: int, data: st.DataObject
) -> None:
    """Copies of the passage with two or three words changed, as many as 30 of them and on
    either side, never hide the passage that differs from the quote by one word (each copy in
    its own sentences, as a source repeats a phrase)."""
    fresh = st.text(alphabet="ABCDEFGHIJ", min_size=1, max_size=9)  # words the passage lacks
    filler = " ".join(["Other sentences say other things."] * (len(" ".join(words)) // 20 + 3))
    changed = data.draw(st.integers(0, len(words) - 1), label="changed")
    new = data.draw(fresh, label="new")
    copies = []
    for _ in range(decoys):
        places = data.draw(
            st.lists(st.integers(0, len(words) - 1), min_size=2, max_size=3, unique=True)
        )
        copy = list(words)
        for place in places:
            copy[place] = data.draw(fresh.filter(lambda word: word != new))
        copies.append(" ".join(copy))
    before = data.draw(st.integers(0, decoys), label="copies before the passage")
    source = f" {filler} ".join([*copies[:before], " ".join(words), *copies[before:]])
    quote = list(words)
    quote[changed] = new
    message = quote_problem(" ".join(quote), source)
    assert message is not None
    assert f"the quote has \u00ab{new}\u00bb, the source \u00ab{words[changed]}\u00bb" in message


def test_excerpts_are_found_in_order_even_when_the_first_occurs_again_later() -> None:
    source = "Tokyo said yes. Seoul said no. Tokyo said yes."
    assert quote_problem("Tokyo said yes. … Seoul said no.", source) is None


def test_a_long_quote_with_nothing_close_is_shown_shortened() -> None:
    quote = "xyzzy plugh " * 6  # 72 characters, none of them from the source
    assert quote_problem(quote, EXERCISE) == (
        f"quote not found in the source, nor anything close to it: {(quote.strip()[:57] + '...')!r}"
    )


def test_words_that_differ_are_shown_as_written_and_many_are_cut_short() -> None:
    message = quote_problem("the japan maritime Self-Defence Force", EXERCISE)
    assert message is not None
    assert message.startswith(
        "quote not found in the source: the quote has \u00abjapan maritime\u00bb, the source "
        "\u00abJapan Maritime\u00bb (the case differs: write 'Japan Maritime'); "
    )
    quote = "In July, one two three four five six seven eight the first of their kind"
    message = quote_problem(quote, EXERCISE)
    assert message is not None
    assert message.startswith(
        "quote not found in the source: the quote has \u00abone two three four five \u2026\u00bb,"
    )


def test_a_word_three_quarters_alike_is_another_spelling() -> None:
    # difflib's ratio of "abcd" and "abce" is 2 * 3 / 8 = 0.75: the least still alike.
    message = quote_problem("the abcd of it", "we saw the abce of it")
    assert message is not None
    assert "(write it as the source does: 'abce')" in message
    message = quote_problem("the abcd of it", "we saw the abef of it")
    assert message is not None
    assert "write it as the source does" not in message


def test_a_long_quote_of_common_words_is_still_compared_word_by_word() -> None:
    # difflib's "autojunk" would treat words this common as noise in a passage of 200 words
    # or more, and call the whole passage different.
    words = [("the", "of", "alliance", "navy", "talks")[(n * n) % 5] for n in range(320)]
    quote = list(words)
    quote[200] = "zebra"
    message = quote_problem(" ".join(quote), "intro " + " ".join(words) + " outro")
    assert message is not None
    assert f"the quote has \u00abzebra\u00bb, the source \u00ab{words[200]}\u00bb" in message


_DARWIN = (
    "Long before this, on July 29, the Japan Maritime Self-Defence Force and the Royal "
    "Australian Navy held joint exercises off Darwin. After that, ministers of both countries "
    "met in Tokyo and agreed on many new steps for the coming year together."
)


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (  # words the quote adds at its end, where the source ends: shown with the word before
            "for the coming year together. Then more",
            "the quote has «together. Then more», the source «together.»; closest passage: "
            "'for the coming year «together.»'",
        ),
        (  # a word the source has and the quote lacks: shown with the word after it (the
            # passage shown is the one the quote spans)
            "the Royal Australian Navy held exercises off Darwin",
            "the quote has «exercises», the source «joint exercises»; closest passage: "
            "'the Royal Australian Navy held «joint exercises» off Darwin'",
        ),
        (  # at the source's start: no ellipsis before
            "Long before that, on July 29, the Japan",
            "the quote has «that,», the source «this,»; closest passage: "
            "'Long before «this,» on July 29, the Japan'",
        ),
        (  # a word changed in the middle of a long quote: six words either side, both cut
            "Long before this, on July 29, the Japan Maritime Self-Defence Force and the Royal "
            "Australian Navy held joint drills off Darwin. After that, ministers of both "
            "countries met in Tokyo",
            "the quote has «drills», the source «exercises»; closest passage: "
            "'…the Royal Australian Navy held joint «exercises» off Darwin. After that, "
            "ministers of…'",
        ),
    ],
)
def test_where_a_quote_parts_from_its_source_is_shown_exactly(quote: str, message: str) -> None:
    found = quote_problem(normalise_quote(quote), normalise_quote(_DARWIN))
    assert found == f"quote not found in the source: {message}"


@pytest.mark.parametrize(
    "quote",
    [
        "Long before this, on July 29,",  # at the source's start
        "the Royal Australian Navy held joint exercises off Darwin.",
        "the Royal Australian Navy held joint drills off Darwin.",  # a word changed
        "and agreed on many new steps for the coming year together.",  # at its end
    ],
)
def test_the_likeliest_start_of_a_quote_is_where_it_starts(quote: str) -> None:
    """The votes of the quote's words agree on the place it was taken from, to the character
    (a word changed for one of another length shifts none of the words before it)."""
    source = normalise_quote(" ".join([_DARWIN] * 3))  # three copies: the first is the likeliest
    expected = source.index(" ".join(quote.split(" ")[:3]))
    starts = likely_starts(normalise_quote(quote), source, 20)
    assert starts[0] == expected
    assert len(starts) >= 3 and all(start in starts for start in (expected + len(_DARWIN) + 1,))
    assert all(abs(a - b) > 20 for a in starts for b in starts if a != b)


def test_typographic_quotes_and_composed_letters_match_their_plain_forms() -> None:
    source = normalise_quote('He called relations "fully normalized" at the Cafe\u0301 de Flore.')
    assert quote_problem(normalise_quote("called relations “fully normalized”"), source) is None
    assert quote_problem(normalise_quote("at the Café de Flore."), source) is None


@pytest.mark.parametrize(("length", "shown"), [(60, 60), (61, 57)])
def test_a_quote_with_nothing_close_is_shown_whole_up_to_sixty_characters(
    length: int, shown: int
) -> None:
    quote = "q" * length  # not a word of the source
    problem = quote_problem(quote, "an entirely unrelated source text")
    assert problem == (
        "quote not found in the source, nor anything close to it: "
        + repr(quote if shown == length else quote[:shown] + "...")
    )


@pytest.mark.parametrize(("count", "marked"), [(6, "a1 a2 a3 a4 a5 a6"), (7, "a1 a2 a3 a4 a5 …")])
def test_up_to_six_differing_words_are_marked_then_cut_short(count: int, marked: str) -> None:
    source = "one two three four five six " + " ".join(f"a{n}" for n in range(1, count + 1))
    quote = "one two three four five six " + " ".join(f"b{n}" for n in range(1, count + 1))
    problem = quote_problem(quote, source + " seven eight")
    assert problem is not None and f"the source «{marked}»" in problem


def test_a_passage_repeated_with_common_words_changed_is_still_found() -> None:
    """Seven copies of the passage before it, each with two common words changed: its rarest
    words vote for all eight places alike, and the words in their places tell them apart."""
    passage = "alpha the beta the gamma the delta the epsilon the zeta the eta the theta iota kappa"
    decoy = passage.replace("the", "a", 2)
    filler = "The cat and the dog saw the hen and the fox by the barn. " * 4
    source = filler.join([*([decoy] * 7), passage, ""])
    message = quote_problem(passage.replace("zeta", "zeda"), source)
    assert message is not None
    assert "the quote has \u00abzeda\u00bb, the source \u00abzeta\u00bb" in message


def test_the_passage_with_the_most_rare_words_in_place_is_compared_first() -> None:
    """Seven copies before the passage, each with one of its rare words changed: the rare
    words' votes put the passage first, ahead of the copies they tie among themselves."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    decoys = [" ".join([*words[:n], "omega", *words[n + 1 :]]) for n in range(7)]
    filler = "The cat and the dog saw the hen and the fox by the barn. " * 4
    source = f" {filler}".join([*decoys, " ".join(words), ""])
    quote = " ".join(words).replace("kappa", "kapa")
    message = quote_problem(quote, source)
    assert message is not None
    assert "the quote has \u00abkapa\u00bb, the source \u00abkappa\u00bb" in message
