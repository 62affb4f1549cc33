"""The canonical layout: every scalar reads back as itself, for YAML 1.1 and 1.2 readers."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from jdiplo.authoring.style import event_lines, fold, foldable, plain_allowed, scalar

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def read(text: str, version: str) -> Any:
    """`text` read by ruamel's pure reader, which must agree with libyaml's (jdiplo's)."""
    document = f"%YAML {version}\n---\n{text}"
    data = YAML(typ="safe", pure=True).load(document)
    assert YAML(typ="safe", pure=False).load(document) == data
    return data


@given(texts)
@example("yes")
@example("2024-07-28")
@example("1_000")
@example("- a")
@example("a: b")
@example("a #b")
@example("'quoted'")
@example("\u2028")
@example("\x85")
@example("tab\tin")
@example("\ufeffbom")
@example("=")
@example("<<")
@example("~")
@example("...")
@example("x?")
def test_a_scalar_reads_back_as_itself(text: str) -> None:
    for version in ("1.1", "1.2"):
        assert read(f"key: {scalar(text, flow=False)}\n", version) == {"key": text}
        assert read(f"key: [{scalar(text, flow=True)}, x]\n", version) == {"key": [text, "x"]}
        assert read(f"key: {{a: {scalar(text, flow=True)}}}\n", version) == {"key": {"a": text}}


@given(st.floats(min_value=0, allow_infinity=False, allow_nan=False) | st.integers(min_value=0))
def test_numbers_read_back_as_themselves(number: float) -> None:
    for version in ("1.1", "1.2"):
        assert read(f"value: {scalar(number, flow=True)}\n", version) == {"value": number}


def test_plain_text_stays_plain() -> None:
    assert scalar("Japan-US 2+2 meeting in Tokyo", flow=False) == "Japan-US 2+2 meeting in Tokyo"
    assert scalar("2+2", flow=True) == "2+2"
    assert scalar("Chitose Air Base, Hokkaido", flow=True) == "'Chitose Air Base, Hokkaido'"
    assert scalar("2024", flow=False) == "'2024'"
    assert scalar("ALERT\x1b[31m", flow=False) == '"ALERT\\x1b[31m"'
    assert not plain_allowed("No", flow=False)  # a boolean to YAML 1.1 readers


words = st.lists(
    st.text(st.characters(exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
    min_size=1,
    max_size=30,
)


@given(words, st.integers(min_value=1, max_value=60))
def test_folding_breaks_only_between_words(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    lines = fold(text, width)
    assert " ".join(lines) == text
    assert all(len(line) <= width or " " not in line for line in lines)


@given(words)
def test_a_folded_scalar_reads_back_as_itself(parts: list[str]) -> None:
    text = " ".join(parts)
    if not foldable(text):
        return
    body = "\n".join("  " + line for line in fold(text, 20))
    for version in ("1.1", "1.2"):
        assert read(f"quote: >-\n{body}\n", version) == {"quote": text}


def test_an_event_in_the_house_style() -> None:
    data = {
        "id": "2024-07-23-kihara-london",
        "date": "2024-07-23",
        "title": "Defence Minister Kihara meets the UK and Italian defence ministers in London",
        "kind": "meeting",
        "partners": ["UK", "IT"],
        "people": [
            {"name": "Kihara Minoru", "role": "Defence Minister", "country": "JP"},
            {"name": "John Healy", "role": "Defence Minister, UK", "country": "UK"},
        ],
        "place": {"name": "Chitose Air Base, Hokkaido", "country": "JP"},
        "amount": {"value": 3000000000, "currency": "JPY"},
        "sources": [{"url": "https://example.org/a", "quote": "word " * 30 + "end"}],
        "tags": ["london"],
    }
    assert [line.text for line in event_lines(data)] == [
        "  - id: 2024-07-23-kihara-london",
        "    date: 2024-07-23",
        "    title: Defence Minister Kihara meets the UK and Italian defence ministers in London",
        "    kind: meeting",
        "    partners: [UK, IT]",
        "    people:",
        "      - {name: Kihara Minoru, role: Defence Minister, country: JP}",
        "      - name: John Healy",
        "        role: Defence Minister, UK",
        "        country: UK",
        "    place:",
        "      name: Chitose Air Base, Hokkaido",
        "      country: JP",
        "    amount: {value: 3000000000, currency: JPY}",
        "    sources:",
        "      - url: https://example.org/a",
        "        quote: >-",
        "          " + "word " * 17 + "word",
        "          " + "word " * 12 + "end",
        "    tags: [london]",
    ]
