"""Loading: every broken input gets its located problem; odd but valid files load."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATA, Invoke
from jdiplo.layout import MAX_FILE_BYTES, find_record_files
from jdiplo.store import read

BAD = DATA / "bad"
WITHOUT_YAML_RS = "without-yaml_rs"
HAS_YAML_RS = importlib.util.find_spec("yaml_rs") is not None
needs_yaml_rs = pytest.mark.skipif(not HAS_YAML_RS, reason="yaml_rs (the fast extra) is absent")


# Every test of this file (the bad-input corpus included) runs twice: with yaml_rs, the fast
# parser, as installed by the `fast` extra, and as if it were not installed, where ruamel reads
# every file. Tests named *fast_parser* compare the two paths themselves and run once.


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fast_parser" not in metafunc.function.__name__:
        metafunc.parametrize("yaml_parser", ["yaml_rs", WITHOUT_YAML_RS], indirect=True)


@pytest.fixture(autouse=True)
def yaml_parser(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    from jdiplo import plainyaml

    parser: str = getattr(request, "param", "yaml_rs")
    if parser == WITHOUT_YAML_RS:
        monkeypatch.setitem(sys.modules, "yaml_rs", None)  # `import yaml_rs` fails
    # An index of this test's own, so that every record file is read with this parser.
    monkeypatch.setenv("JDIPLO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    plainyaml.fast_loads.cache_clear()
    assert (plainyaml.fast_loads() is None) == (parser == WITHOUT_YAML_RS or not HAS_YAML_RS)
    yield parser
    plainyaml.fast_loads.cache_clear()


CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())

VALID_EVENT = """\
  - id: a
    date: 2024-07-01
    title: A meeting
    kind: meeting
    partners: [US]
    sources:
      - {url: "https://example.org/a", quote: q}
"""


@pytest.mark.parametrize("case", CASES)
def test_each_broken_input_gets_its_located_problems(
    jdiplo: Invoke, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tests/data/bad/CASE/records pairs with CASE/expected: the exact stderr of validate, run
    in CASE (the repository), so that paths are shown from there."""
    monkeypatch.chdir(BAD / case)
    result = jdiplo("validate")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == (BAD / case / "expected").read_text(encoding="utf-8")


def test_the_corpus_covers_what_the_format_promises() -> None:
    expected = {
        "yaml-syntax", "duplicate-key", "wrong-types", "impossible-date", "unknown-field",
        "vocabularies", "partners", "related", "end-before-date", "duplicate-id", "quotes",
        "non-utf8", "billion-laughs", "missing-fields", "structure", "registry",
        "multiple-documents", "fulfils",
    }  # fmt: skip
    assert expected <= set(CASES)


def write(folder: Path, relative: str, data: bytes) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return folder


def test_bom_and_crlf_are_ordinary(tmp_path: Path) -> None:
    text = ("events:\n" + VALID_EVENT).replace("\n", "\r\n").encode("utf-8")
    write(tmp_path, "2024/2024-07.yaml", b"\xef\xbb\xbf" + text)
    loaded, problems = read(tmp_path)
    assert problems == []
    assert [event.title for event in loaded.events] == ["A meeting"]


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "2024" / "big.yaml"
    path.parent.mkdir()
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    loaded, _ = read(tmp_path)
    assert [str(problem) for problem in loaded.problems] == [
        "2024/big.yaml:1:1: file too large (20.0 MB; the limit is 20 MB): split it"
    ]


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, opener: str) -> None:
    depth = 30_000  # deep enough to overflow the C composer's stack if it were reached
    body = opener * depth if opener != "- " else "".join("  " * i + "-\n" for i in range(200))
    write(tmp_path, "deep.yaml", f"events: {body}\n".encode())
    loaded, _ = read(tmp_path)
    assert loaded.problems, "nesting must be reported"
    assert loaded.events == []


def test_dot_files_and_folders_and_other_files_are_skipped(tmp_path: Path) -> None:
    event = ("events:\n" + VALID_EVENT).encode()
    write(tmp_path, "2024/2024-07.yaml", event)
    write(tmp_path, "2024/.draft.yaml", b"not: [valid")
    write(tmp_path, ".git/x.yaml", b"not: [valid")
    write(tmp_path, "notes.txt", b"anything")
    write(tmp_path, "partners.yaml", b"partners: []\n")
    write(tmp_path, "2023/old.yml", event.replace(b"id: a", b"id: b"))
    assert find_record_files(tmp_path) == ["2023/old.yml", "2024/2024-07.yaml"]


def test_dates_stay_as_written_and_a_bare_year_is_a_year(tmp_path: Path) -> None:
    text = VALID_EVENT.replace(
        "date: 2024-07-01", "date: 2024\n    status: announced\n    due: 2025"
    )
    write(tmp_path, "a.yaml", ("events:\n" + text).encode())
    loaded, problems = read(tmp_path)
    assert problems == []
    record = loaded.events[0].record()
    assert (record["date"], record["due"]) == ("2024", "2025")


def test_yaml_12_keeps_norway_and_yes_as_text(tmp_path: Path) -> None:
    text = VALID_EVENT.replace("title: A meeting", "title: yes").replace(
        "kind: meeting", "kind: meeting\n    tags: [NO, on, off]"
    )
    write(tmp_path, "a.yaml", ("events:\n" + text).encode())
    loaded, problems = read(tmp_path)
    assert problems == []
    assert loaded.events[0].title == "yes"
    assert loaded.events[0].tags == ["NO", "on", "off"]


def test_partners_yaml_extends_the_registry(tmp_path: Path) -> None:
    write(
        tmp_path,
        "partners.yaml",
        b"partners:\n  - {code: XS, name: Example State, kind: state, aliases: [Examplia]}\n",
    )
    write(tmp_path, "a.yaml", ("events:\n" + VALID_EVENT.replace("[US]", "[XS]")).encode())
    loaded, problems = read(tmp_path)
    assert problems == []
    assert loaded.registry.resolve_partner("examplia") == "XS"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@example(data=b"?\r.")  # YAML counts a line at a lone CR, editors do not
@example(data=b"-\xc2\x85.")  # nor at U+0085
@example(data="events:\n  - id: a\u2028".encode())
def test_any_bytes_give_events_or_located_problems(tmp_path: Path, data: bytes) -> None:
    """Whatever the bytes, reading gives events or problems located on a line of the file as
    an editor counts them (lines end with LF), never an exception."""
    folder = tmp_path / "any"
    shutil.rmtree(folder, ignore_errors=True)
    write(folder, "f.yaml", data)
    loaded, problems = read(folder)
    lines = data.split(b"\n")
    for problem in problems:
        assert problem.path == "f.yaml"
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.col <= len(lines[problem.line - 1].decode("utf-8", "replace")) + 1
        assert problem.message
    if not problems:
        assert all(event.origin and event.origin.path == "f.yaml" for event in loaded.events)
        assert len({event.id for event in loaded.events}) == len(loaded.events)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "events:\n",
                VALID_EVENT,
                "  - id: x\n",
                "    tags: [a, &x b, *x]\n",
                "    date: 2024-13-01\n",
                "    - oops\n",
                "    title: 'unterminated\n",
                "    partners: {US: 1}\n",
                "\t\n",
                "---\n",
                "    kind: !!python/object:os.system x\n",
                "    <<: {a: 1}\n",
            ]
        ),
        max_size=8,
    )
)
def test_any_mix_of_record_lines_gives_events_or_located_problems(
    tmp_path: Path, pieces: list[str]
) -> None:
    folder = tmp_path / "mix"
    shutil.rmtree(folder, ignore_errors=True)
    text = "".join(pieces)
    write(folder, "f.yaml", text.encode())
    loaded, problems = read(folder)
    for problem in problems:
        assert 1 <= problem.line <= text.count("\n") + 2
    if not problems:
        assert all(event.id for event in loaded.events)


def test_read_events_reads_a_list_of_event_nodes_from_any_text() -> None:
    from jdiplo.load import compose, position_of, read_events
    from jdiplo.partners import builtin_registry

    root, problems = compose(VALID_EVENT + VALID_EVENT.replace("id: a", "id: B"), "input")
    assert root is not None and problems == []
    events, problems, invalid, _ = read_events(root.value, "input", builtin_registry())
    assert [event.id for event in events] == ["a"]
    assert invalid == {"B"}
    assert [str(problem).split(": ", 1)[0] for problem in problems] == ["input:8:9"]
    assert position_of(root.value[0], ("sources", 0, "quote")) == (7, 47)


# The fast parser (yaml_rs) must read exactly what ruamel reads, or leave the file to ruamel.


def both_paths(records_dir: Path, relative: str) -> tuple[object, object]:
    from jdiplo.load import load_file, load_registry

    registry, _ = load_registry(records_dir)
    results = []
    for fast in (True, False):
        contents = load_file(records_dir, relative, registry, fast=fast)
        events = [(event.record(), event.origin) for event in contents.events]
        results.append((events, contents.problems, contents.invalid_ids, contents.evidence))
    return results[0], results[1]


def record_dirs() -> list[tuple[Path, str]]:
    pairs = []
    for folder in DATA.rglob("records"):
        if folder.is_dir():
            pairs += [(folder, relative) for relative in find_record_files(folder)]
    bundled = DATA.parent.parent / "records"
    return pairs + [(bundled, relative) for relative in find_record_files(bundled)]


@pytest.mark.parametrize(
    ("records_dir", "relative"), record_dirs(), ids=lambda value: str(value)[-40:]
)
def test_the_fast_parser_agrees_with_ruamel_on_the_test_corpus(
    records_dir: Path, relative: str
) -> None:
    fast, slow = both_paths(records_dir, relative)
    assert fast == slow


@needs_yaml_rs
def test_the_fast_parser_reads_ordinary_record_files() -> None:
    from jdiplo.load import load_registry, read_fast, read_text

    bundled = DATA.parent.parent / "records"
    text, _ = read_text(bundled / "2024" / "2024-07.yaml", "2024/2024-07.yaml")
    assert text is not None
    read = read_fast(text, "2024/2024-07.yaml", load_registry(bundled)[0])
    assert read is not None and len(read[0]) == 24 and read[1] is None


@needs_yaml_rs
def test_the_fast_parser_is_asked_for_its_policies_explicitly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Duplicate keys refused and no alias expanded: asked for, not left to yaml_rs's defaults."""
    import yaml_rs

    from jdiplo import plainyaml

    calls: list[dict[str, object]] = []
    real_loads = yaml_rs.loads

    def recording(text: str, **options: object) -> object:
        calls.append(options)
        return real_loads(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml_rs, "loads", recording)
    plainyaml.fast_loads.cache_clear()
    try:
        loads = plainyaml.fast_loads()
        assert loads is not None
        assert loads("events: []\n") == {"events": []}
    finally:
        plainyaml.fast_loads.cache_clear()
    assert calls == [
        {
            "parse_datetime": False,
            "duplicate_key_policy": yaml_rs.DuplicateKeyPolicy.Error,
            "alias_limits": calls[0]["alias_limits"],
        }
    ]
    for duplicated in ("events:\n  - id: a\n    id: b\n", "events: []\nevents: []\n"):
        with pytest.raises(yaml_rs.YAMLDecodeError, match="duplicate mapping key"):
            loads(duplicated)
    with pytest.raises(yaml_rs.YAMLDecodeError, match="alias"):
        loads("a: &x 1\nb: *x\n")


@pytest.mark.parametrize(
    "text",
    [
        *(f"events: []\n# {token}\n" for token in ("!", "&", "*", "<<", "\\", "\t", "0x1")),
        *(f"events: []\n# {token}\n" for token in ("0X1", "0o7", "0O7", "0b1", "0B1")),
        "events: []\n# \u2028\n",
        "events: []\n# \u2029\n",
        "events: []\n# \ufeff\n",
        "%YAML 1.2\n---\nevents: []\n",
        "events: []\n%TAG ! tag:example.org,2024:\n",
        "events: []\n# a \x07 bell\n",
        "events:\n  - title: =\n",
        "events:\n  - title: [a, =]\n",
    ],
)
def test_text_the_fast_parser_could_read_otherwise_is_left_to_ruamel(text: str) -> None:
    from jdiplo.plainyaml import plain_events, risky

    assert risky(text)
    assert plain_events(text) is None


@pytest.mark.parametrize(
    "text", ["events: []\n", "events:\n  - title: a=b\n", "events:\n  - title: 'x==y, z>=1'\n"]
)
def test_ordinary_text_is_not_risky(text: str) -> None:
    from jdiplo.plainyaml import risky

    assert not risky(text)


@needs_yaml_rs
def test_a_list_of_events_not_written_as_a_block_is_left_to_ruamel() -> None:
    from jdiplo.plainyaml import plain_events

    assert plain_events("events:\n  [{id: a}]\n") is None
    assert plain_events("events: [{id: a}]\n") is None


@needs_yaml_rs
@pytest.mark.parametrize("before", ["\n", "\n\n# a comment\n", "# one\n\n"])
def test_the_fast_parser_places_events_as_ruamel_does_after_blank_lines(before: str) -> None:
    from jdiplo.load import load_bytes
    from jdiplo.partners import builtin_registry

    data = (before + "events:\n" + VALID_EVENT + VALID_EVENT.replace("id: a", "id: b")).encode()
    fast = load_bytes(data, "f.yaml", builtin_registry(), fast=True, fingerprints=True)
    slow = load_bytes(data, "f.yaml", builtin_registry(), fast=False)
    assert fast.fingerprints is not None  # (read by the fast parser)
    assert [e.origin for e in fast.events] == [e.origin for e in slow.events]
    assert len(fast.events) == 2


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [(b"\xff", 1, 1), (b"\n\xff", 2, 1), (b"\nab\xff", 2, 3), (b"a\n\nb\xc3\xa9\xff", 3, 3)],
)
def test_bytes_that_are_not_utf8_are_located_at_the_first_bad_byte(
    data: bytes, line: int, column: int
) -> None:
    from jdiplo.plainyaml import decode

    problem = decode(data, "f.yaml")[1]
    assert problem is not None and (problem.line, problem.col) == (line, column)
    assert problem.message.startswith(f"not valid UTF-8 (byte 0x{data[-1]:02x})")


@needs_yaml_rs
def test_the_fast_parser_leaves_a_file_with_a_duplicate_key_to_ruamel() -> None:
    from jdiplo.load import read_fast
    from jdiplo.partners import builtin_registry

    text = "events:\n" + VALID_EVENT.replace(
        "    title: A meeting\n", "    title: A\n    title: B\n"
    )
    assert read_fast(text, "f.yaml", builtin_registry()) is None
    assert read_fast("events:\n" + VALID_EVENT, "f.yaml", builtin_registry()) is not None


def test_without_the_fast_parser_a_file_is_read_by_ruamel(yaml_parser: str) -> None:
    from jdiplo.load import read_fast
    from jdiplo.partners import builtin_registry

    fast = read_fast("events:\n" + VALID_EVENT, "f.yaml", builtin_registry())
    assert (fast is None) == (yaml_parser == WITHOUT_YAML_RS or not HAS_YAML_RS)


FIELD_LINES = [
    "    title: A meeting\n",
    "    title: 'quoted: text'\n",
    '    title: "double \\"quoted\\""\n',
    "    title: 0x1F\n",
    "    title: 2024-07-01\n",
    "    title: =\n",
    "    title: yes\n",
    "    title: ~\n",
    "    title: >-\n      folded\n      text\n",
    "    date: 2024\n",
    "    date: 2024-7-1\n",
    "    date: 2024-02-30\n",
    "    end: 2024-07-02\n",
    "    status: announced\n",
    "    due: 2025\n",
    "    kind: meeting\n",
    "    kind: [meeting]\n",
    "    partners: [US, ROK]\n",
    "    partners:\n      - US\n",
    "    partners: [KR]\n",
    "    tags: [a, a]\n",
    "    tags: [NO, on, 012]\n",
    "    amount: {value: 0o17, currency: JPY}\n",
    "    amount: {value: 1_000, currency: JPY, usd: .inf}\n",
    "    summary: x # comment\n",
    "    # a comment\n",
    "    unknown: 1\n",
    "    id: b\n",
    "    2024: year key\n",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(FIELD_LINES), max_size=6), min_size=1, max_size=3))
def test_the_fast_parser_agrees_with_ruamel_on_generated_events(
    tmp_path: Path, events: list[list[str]]
) -> None:
    folder = tmp_path / "generated"
    shutil.rmtree(folder, ignore_errors=True)
    text = "events:\n" + "".join(
        VALID_EVENT.replace("  - id: a\n", f"  - id: e{number}\n") + "".join(lines)
        for number, lines in enumerate(events)
    )
    write(folder, "f.yaml", text.encode())
    fast, slow = both_paths(folder, "f.yaml")
    assert fast == slow
