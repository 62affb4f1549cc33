"""The index: answers like the YAML, re-reads only what changed, survives damage and company."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, Invoke, examples
from jdiplo.index.database import index_path

JDIPLO = Path(sys.executable).parent / "jdiplo"
MONTH = "2024/2024-07.yaml"
EVENT = """
  - id: {id}
    date: {date}
    title: {title}
    kind: meeting
    partners: [{partner}]
    sources:
      - file: {source}
        quote: {quote}
"""
SEED = "seeds/000_7715609ff7e77d61.txt"
SEED_QUOTE = "Tokyo hosted a meeting of the foreign and defence ministers"


def event(
    id: str,
    date: str = "2024-08-01",
    title: str = "A meeting",
    partner: str = "US",
    source: str = SEED,
    quote: str = SEED_QUOTE,
) -> str:
    return EVENT.format(id=id, date=date, title=title, partner=partner, source=source, quote=quote)


@pytest.fixture(autouse=True)
def with_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the index: they use it even in a `pytest --no-cache` run."""
    monkeypatch.delenv("JDIPLO_NO_CACHE", raising=False)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files jdiplo parses, in order (the index should parse only what changed)."""
    import jdiplo.load

    parsed: list[str] = []
    original = jdiplo.load.load_file

    def spy(records_dir: Path, relative: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parsed.append(relative)
        return original(records_dir, relative, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jdiplo.load, "load_file", spy)
    return parsed


def ids(jdiplo: Invoke, records: Path, *args: str) -> list[str]:
    result = jdiplo("--records", str(records), "list", "--format", "ids", *args)
    assert result.code == 0, result.stderr
    return result.stdout.split()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_warm_index_reads_no_record_file(jdiplo: Invoke, sample: Path, reads: list[str]) -> None:
    first = ids(jdiplo, sample)
    assert reads == [MONTH]
    reads.clear()
    assert ids(jdiplo, sample) == first
    assert reads == []


def test_edit_add_delete_and_rename_are_seen(
    jdiplo: Invoke, sample: Path, reads: list[str]
) -> None:
    ids(jdiplo, sample)
    august = sample / "2024" / "2024-08.yaml"
    write(august, "events:" + event("added-in-august"))
    reads.clear()
    assert "added-in-august" in ids(jdiplo, sample)
    assert reads == ["2024/2024-08.yaml"]  # only the new file

    write(august, "events:" + event("renamed-in-august"))  # an edit
    assert ids(jdiplo, sample)[-1] == "renamed-in-august"

    august.rename(sample / "2024" / "2024-08-bis.yaml")
    reads.clear()
    assert ids(jdiplo, sample)[-1] == "renamed-in-august"
    assert reads == ["2024/2024-08-bis.yaml"]

    (sample / "2024" / "2024-08-bis.yaml").unlink()
    assert "renamed-in-august" not in ids(jdiplo, sample)


def test_an_edit_that_keeps_size_and_time_is_seen(jdiplo: Invoke, sample: Path) -> None:
    """A file edited twice within one tick of a coarse clock, around the time it was indexed:
    its size and time do not change, its contents do."""
    month = sample / MONTH
    os.utime(month)  # just written
    ids(jdiplo, sample)
    status = month.stat()
    text = month.read_text(encoding="utf-8")
    changed = text.replace("Vientiane\n", "Vientianu\n", 1)
    assert len(changed) == len(text) and changed != text
    month.write_text(changed, encoding="utf-8")
    os.utime(month, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same time
    result = jdiplo("--records", str(sample), "list", "--text", "vientianu", "--format", "ids")
    assert result.stdout.split() == ["2024-07-26-japan-rok-foreign-ministers"]


def test_a_file_that_turns_invalid_is_refused_every_time_until_fixed(
    jdiplo: Invoke, sample: Path, reads: list[str]
) -> None:
    ids(jdiplo, sample)
    month = sample / MONTH
    good = month.read_text(encoding="utf-8")
    month.write_text(good.replace("kind: institutional", "kind: institute"), encoding="utf-8")
    for _ in range(2):
        reads.clear()
        result = jdiplo("--records", str(sample), "list")
        assert result.code == 1
        assert "unknown kind 'institute'" in result.stderr
        assert reads == [MONTH]  # a file with problems is never stored
    month.write_text(good, encoding="utf-8")
    assert len(ids(jdiplo, sample)) == 3


def test_a_duplicate_id_across_stored_files_is_reported_until_fixed(
    jdiplo: Invoke, sample: Path
) -> None:
    ids(jdiplo, sample)
    copy = sample / "2024" / "copy.yaml"
    write(copy, "events:" + event("2024-07-28-japan-us-2plus2"))
    for _ in range(2):
        result = jdiplo("--records", str(sample), "validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0] == (
            "sample/records/2024/copy.yaml:2:9: duplicate id '2024-07-28-japan-us-2plus2' "
            "(first at sample/records/2024/2024-07.yaml:20)"
        )
    copy.unlink()
    assert jdiplo("--records", str(sample), "validate").code == 0


def test_removing_an_event_that_another_file_relates_to_is_seen(
    jdiplo: Invoke, sample: Path
) -> None:
    august = sample / "2024" / "2024-08.yaml"
    write(august, "events:" + event("plan-in-august") + "    related: [target-in-september]\n")
    september = sample / "2024" / "2024-09.yaml"
    write(september, "events:" + event("target-in-september", date="2024-09-01"))
    assert jdiplo("--records", str(sample), "validate").code == 0
    write(september, "events:" + event("renamed-in-september", date="2024-09-01"))
    result = jdiplo("--records", str(sample), "validate")
    assert result.code == 1
    assert "related id 'target-in-september' does not exist" in result.stderr
    assert result.stderr.startswith("sample/records/2024/2024-08.yaml:")


def test_a_related_id_removed_with_many_files_at_once_is_seen(
    jdiplo: Invoke, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a few files, the checks after a refresh look at every event: ids that went with
    deleted files must not slip through."""
    monkeypatch.setattr("jdiplo.index.database.FEW", 1)
    write(sample / "2024" / "2024-08.yaml", "events:" + event("plan") + "    related: [gone]\n")
    write(sample / "2024" / "2024-09.yaml", "events:" + event("gone", date="2024-09-01"))
    write(sample / "2024" / "2024-10.yaml", "events:" + event("other", date="2024-10-01"))
    assert jdiplo("--records", str(sample), "list").code == 0
    (sample / "2024" / "2024-09.yaml").unlink()
    (sample / "2024" / "2024-10.yaml").unlink()
    result = jdiplo("--records", str(sample), "list")
    assert result.code == 1
    assert "related id 'gone' does not exist" in result.stderr


def test_an_id_taken_by_a_new_file_is_seen(jdiplo: Invoke, sample: Path) -> None:
    assert jdiplo("--records", str(sample), "validate").code == 0
    write(
        sample / "2024" / "2024-10.yaml",
        "events:" + event("2024-07-26-japan-rok-foreign-ministers"),
    )
    result = jdiplo("--records", str(sample), "validate")
    assert result.code == 1
    assert "duplicate id '2024-07-26-japan-rok-foreign-ministers'" in result.stderr


def test_long_events_are_found_in_any_period_they_cover(jdiplo: Invoke, sample: Path) -> None:
    """The index reads only the events that can overlap a period, by the longest an event
    lasts; that bound must grow as longer events arrive."""
    assert ids(jdiplo, sample, "--month", "2023-12") == []
    write(sample / "2023" / "2023.yaml", "events:" + event("a-whole-year", date="2023"))
    assert ids(jdiplo, sample, "--month", "2023-12") == ["a-whole-year"]
    long_event = event("two-years", date="2022-01-01") + "    end: 2024-07-27\n"
    write(sample / "2022" / "2022-01.yaml", "events:" + long_event)
    for month in ("2022-01", "2023-06", "2024-07"):
        assert "two-years" in ids(jdiplo, sample, "--month", month), month
    args = ["--records", str(sample), "list", "--period", "2023-12..2024-07", "-F", "ids"]
    assert jdiplo(*args).stdout == jdiplo("--no-cache", *args).stdout


def test_a_changed_source_file_checks_its_quotes_again(jdiplo: Invoke, sample: Path) -> None:
    ids(jdiplo, sample)
    seed = sample.parent / "seeds" / "000_7715609ff7e77d61.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Vientiane", "Vienna"))
    result = jdiplo("--records", str(sample), "validate")
    assert result.code == 1
    assert "quote not found in the source" in result.stderr


def test_a_changed_partners_yaml_checks_every_file_again(jdiplo: Invoke, sample: Path) -> None:
    write(sample / "2024" / "2024-08.yaml", "events:" + event("with-norway", partner="NO"))
    assert jdiplo("--records", str(sample), "validate").code == 1  # NO is not a partner yet
    write(sample / "partners.yaml", "partners:\n  - {code: NO, name: Norway, kind: state}\n")
    assert jdiplo("--records", str(sample), "validate").stdout == "OK: 4 events in 2 files\n"
    assert ids(jdiplo, sample, "--partner", "norway") == ["with-norway"]
    (sample / "partners.yaml").unlink()
    assert jdiplo("--records", str(sample), "validate").code == 1


@pytest.mark.parametrize("damage", [b"not a database at all" * 100, b""])
def test_a_corrupt_index_is_rebuilt_silently(jdiplo: Invoke, sample: Path, damage: bytes) -> None:
    expected = ids(jdiplo, sample)
    path = index_path(sample)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(damage)
    result = jdiplo("--records", str(sample), "list", "--format", "ids")
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.split() == expected


def test_an_index_of_another_version_is_rebuilt(
    jdiplo: Invoke, sample: Path, reads: list[str]
) -> None:
    ids(jdiplo, sample)
    with sqlite3.connect(index_path(sample)) as connection:
        connection.execute("UPDATE meta SET value = '0.0.0' WHERE key = 'jdiplo'")
    reads.clear()
    assert len(ids(jdiplo, sample)) == 3
    assert reads == [MONTH]


def test_an_unusable_cache_folder_falls_back_to_reading_the_files(
    jdiplo: Invoke, sample: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with_index = jdiplo("--records", str(sample), "list", "--format", "jsonl")
    without = jdiplo(
        "--records", str(sample), "list", "--format", "jsonl",
        env={"JDIPLO_CACHE_DIR": str(blocker / "cache")},
    )  # fmt: skip
    assert without.code == 0
    assert without.stdout == with_index.stdout
    assert without.stderr.startswith("jdiplo: note: the index cannot be used (cannot create ")
    assert without.stderr.endswith("); answering from the YAML files\n")
    assert without.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "records",
    sorted(
        [DATA / "sample" / "records", DATA / "diffset" / "records", DATA / "hostile" / "records"]
        + [path / "records" for path in (DATA / "bad").iterdir()]
    ),
    ids=lambda path: path.parent.name,
)
def test_every_answer_is_the_same_with_and_without_the_index(jdiplo: Invoke, records: Path) -> None:
    for args in (["validate"], ["list", "--format", "jsonl"], ["list", "--sort", "-date"]):
        cached = jdiplo("--records", str(records), *args)
        cached_again = jdiplo("--records", str(records), *args)
        direct = jdiplo("--no-cache", "--records", str(records), *args)
        assert cached == cached_again == direct, args


@pytest.mark.skipif(not JDIPLO.exists(), reason="jdiplo is not installed here")
def test_processes_building_at_once_all_answer_fully_and_leave_a_sound_index(
    tmp_path: Path,
) -> None:
    """Six processes start on a new index at once, twice over: each answers with every
    event (none may see the index half built) and the index ends whole."""
    records = tmp_path / "records"
    for month in range(1, 13):
        events = "".join(
            event(f"m{month:02d}-{n:03d}", date=f"2024-{month:02d}-01") for n in range(50)
        )
        write(records / "2024" / f"2024-{month:02d}.yaml", "events:" + events)
    write(records / "partners.yaml", "partners:\n  - {code: NO, name: Norway, kind: state}\n")
    shutil.copytree(DATA / "sample" / "seeds", tmp_path / "seeds")
    command = [str(JDIPLO), "--records", str(records), "list", "--format", "jsonl"]
    for round_number in range(2):
        cache = tmp_path / f"cache-{round_number}"
        environment = {**os.environ, "JDIPLO_CACHE_DIR": str(cache)}
        processes = [
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
            )
            for _ in range(6)
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert [process.returncode for process in processes] == [0] * 6, outputs[0][1]
        assert [len(out.splitlines()) for out, _ in outputs] == [600] * 6
        assert len({out for out, _ in outputs}) == 1
        [database] = cache.glob("*.sqlite")
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("SELECT count(*) FROM events").fetchone() == (600,)
            assert connection.execute("SELECT count(*) FROM files").fetchone() == (12,)


def test_a_command_reads_one_state_of_the_index_whatever_others_commit(sample: Path) -> None:
    """Once a command has found the index up to date, what other processes commit (here, all
    of it forgotten, as a refresh does before storing the files again) does not reach it."""
    from jdiplo.query import Query
    from jdiplo.store import open_records

    records = open_records(sample, cache=True)
    try:
        with sqlite3.connect(index_path(sample), timeout=10) as other:
            other.execute("PRAGMA foreign_keys = ON")
            other.execute("DELETE FROM files")  # cascades to every event
        assert records.count() == 3
        assert len(list(records.listing(Query()))) == 3
    finally:
        records.close()
    again = open_records(sample, cache=True)  # the next command stores the files again
    assert len(again.select(Query())) == 3
    again.close()


def test_the_stored_record_is_what_jsonl_prints(jdiplo: Invoke, sample: Path) -> None:
    direct = jdiplo("--no-cache", "--records", str(sample), "list", "--format", "jsonl").stdout
    ids(jdiplo, sample)
    with sqlite3.connect(index_path(sample)) as connection:
        stored = [
            row[0]
            for row in connection.execute(
                "SELECT record FROM events ORDER BY first_day, date_rank, id"
            )
        ]
    assert "\n".join(stored) + "\n" == direct
    assert json.loads(stored[0])["id"] == "2024-07-26-japan-rok-foreign-ministers"


# An edited file keeps the rows of the events whose record did not change: the index after any
# edits must hold exactly what an index built from the edited files holds.

VARIANTS = [
    ("kept-a", "2024-08-01", "A meeting"),
    ("kept-b", "2024-08-02", "Another meeting"),
    ("kept-c", "2024-08-03", "A third meeting"),
    ("kept-c", "2024-08-03", "The third meeting, retitled"),
    ("kept-d", "2024-08", "A month-long exercise"),
    ("kept-e", "2024-08-05", "A meeting"),
    ("kept-f", "2024-08-06", "A meeting told elsewhere", "US", "seeds/other.txt", "Told elsewhere"),
]


def index_contents(records: Path, valid: bool = True) -> list[object]:
    """Everything the index holds of the events, by file and place (numbers aside), and of
    the sources of each file; `valid`: the record set must have no problem."""
    from jdiplo.index.database import open_index
    from jdiplo.index.refresh import bring_up_to_date
    from jdiplo.index.schema import EVENT_COLUMNS, LINKS

    index = open_index(records)
    try:
        problems = bring_up_to_date(index)[2]
        assert problems == [] or not valid
        query = index.connection.execute
        columns = ", ".join(f"e.{column.strip()}" for column in EVENT_COLUMNS.split(","))
        held: list[object] = query(
            f"SELECT {columns} FROM events e ORDER BY e.file, e.position"
        ).fetchall()
        for table in [*LINKS, "event_text"]:
            linked = (
                f"SELECT e.file, e.position, t.* FROM {table} t JOIN events e ON e.number = t.event"
            )
            held += sorted(
                (table, file, position, *rest) for file, position, _, *rest in query(linked)
            )
        # and the sources each file's quotes were checked against (a change of one of them
        # makes the file be read again)
        held += query("SELECT * FROM file_sources ORDER BY file, source").fetchall()
        return held
    finally:
        index.close()


# The same events, written in ways that differ as text: the fast parser reads the first three
# as the same data (an edit of none of the events); a "!" sends the file to ruamel.
STYLES = {
    "plain": lambda text: text,
    "commented": lambda text: f"# August\n{text}# (changed)\n",
    "quoted": lambda text: text.replace("title: ", "title: '").replace("\n    kind", "'\n    kind"),
    "read by ruamel": lambda text: f"# read by ruamel!\n{text}",
}


@settings(max_examples=examples(25), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(
            st.lists(st.sampled_from(range(len(VARIANTS))), max_size=5),
            st.sampled_from(sorted(STYLES)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_an_edited_file_is_held_as_if_indexed_anew(
    tmp_path: Path, edits: list[tuple[list[int], str]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        shutil.copytree(DATA / "sample", Path(folder) / "sample")
        records = Path(folder) / "sample" / "records"
        write(records.parent / "seeds" / "other.txt", "Told elsewhere.\n")
        august = records / "2024" / "2024-08.yaml"
        for step, (chosen, style) in enumerate(edits):
            taken = {}  # one variant per id: ids stay unique
            for number in chosen:
                taken.setdefault(VARIANTS[number][0], VARIANTS[number])
            listed = "".join(event(*variant) for variant in taken.values())
            write(august, STYLES[style]("events:" + (listed or " []\n")))
            incremental = index_contents(records)
            anew = Path(folder) / f"anew-{step}"
            shutil.copytree(records.parent, anew)
            assert incremental == index_contents(anew / "records")


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the events of plain files validated, in order."""
    import jdiplo.load

    seen: list[str] = []
    original = jdiplo.load.validated

    def spy(items, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(item["id"] for item in items)
        return original(items, *args, **kwargs)

    monkeypatch.setattr(jdiplo.load, "validated", spy)
    return seen


def test_an_edit_checks_again_only_the_events_it_changed(
    jdiplo: Invoke, sample: Path, validated: list[str]
) -> None:
    august = sample / "2024" / "2024-08.yaml"
    three = [event("a"), event("b", title="B"), event("c", title="C")]
    write(august, "events:" + "".join(three))
    listed = ids(jdiplo, sample)
    assert validated[-3:] == ["a", "b", "c"]

    def answers() -> list[object]:
        return [
            jdiplo(*args).stdout
            for args in (
                ["--records", str(sample), "validate"],
                ["--records", str(sample), "list", "--format", "jsonl"],
            )
        ]

    validated.clear()
    write(august, "# a comment\nevents:" + "".join(three) + "# another\n")
    assert ids(jdiplo, sample) == listed
    assert validated == []  # no event changed

    write(august, "events:" + three[2] + three[0] + event("b", title="B, retitled"))
    cached = answers()
    assert validated == ["b"]
    validated.clear()
    assert (
        cached
        == answers()
        == [
            jdiplo("--no-cache", *args).stdout
            for args in (
                ["--records", str(sample), "validate"],
                ["--records", str(sample), "list", "--format", "jsonl"],
            )
        ]
    )


def test_an_event_copied_in_an_edit_is_a_duplicate_on_both_paths(
    jdiplo: Invoke, sample: Path
) -> None:
    august = sample / "2024" / "2024-08.yaml"
    write(august, "events:" + event("once"))
    ids(jdiplo, sample)
    write(august, "events:" + event("once") + event("once"))  # the same data twice
    cached = jdiplo("--records", str(sample), "validate")
    direct = jdiplo("--no-cache", "--records", str(sample), "validate")
    assert cached.code == direct.code == 1
    assert "once" in cached.stderr + cached.stdout
    assert cached == direct


def test_an_edit_with_a_changed_source_checks_every_quote_again(
    jdiplo: Invoke, sample: Path
) -> None:
    """An event an edit leaves as it was is not checked again only while its sources are
    unchanged: here the source changed too, and its quote no longer matches."""
    august = sample / "2024" / "2024-08.yaml"
    write(august, "events:" + event("kept") + event("other", title="Other"))
    ids(jdiplo, sample)
    seed = sample.parent / "seeds" / "000_7715609ff7e77d61.txt"
    seed.write_text("Nothing of the sort.\n", encoding="utf-8")
    write(august, "# edited\nevents:" + event("kept") + event("other", title="Other"))
    cached = jdiplo("--records", str(sample), "validate")
    direct = jdiplo("--no-cache", "--records", str(sample), "validate")
    assert cached.code == direct.code == 1
    assert "2024-08.yaml" in cached.stderr + cached.stdout
    assert cached == direct


def test_files_edited_and_added_at_once_are_all_read(jdiplo: Invoke, sample: Path) -> None:
    """An edited file whose events are kept is read the edited way; the files after it, in
    the same refresh, are read all the same."""
    june, august = sample / "2024" / "2024-06.yaml", sample / "2024" / "2024-08.yaml"
    write(june, "events:" + event("in-june", date="2024-06-03"))
    listed = ids(jdiplo, sample)
    write(june, "events:" + event("in-june", date="2024-06-03") + "# a comment\n")
    write(august, "events:" + event("in-august"))
    assert ids(jdiplo, sample) == [*listed, "in-august"]
    direct = jdiplo("--no-cache", "--records", str(sample), "list", "--format", "ids")
    assert direct.stdout.split() == [*listed, "in-august"]


@pytest.mark.parametrize("how", ["read whole", "kept by fingerprint"])
def test_the_index_keeps_the_state_of_each_file_itself(
    jdiplo: Invoke, sample: Path, how: str
) -> None:
    """What the index stores of a file's state is that file's (size, times, inode): the next
    command finds it unchanged."""
    from jdiplo.index.database import open_index
    from jdiplo.index.freshness import state_of

    ids(jdiplo, sample)
    month = sample / MONTH
    if how == "kept by fingerprint":
        month.write_text(month.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
        ids(jdiplo, sample)
    index = open_index(sample)
    try:
        stored = index.stored_files()[MONTH]
    finally:
        index.close()
    assert stored[0] == state_of(str(month))


# Reading in parallel (the worker processes of a large record set) gives what reading one file
# after another gives: rows, problems, and the events an edit left as they were.


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="reads in parallel on 2 cores or more")
def test_files_read_in_parallel_are_held_as_files_read_one_by_one(
    jdiplo: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jdiplo.index.reading as reading

    def record_set(name: str) -> Path:
        shutil.copytree(DATA / "sample", tmp_path / name)
        records = tmp_path / name / "records"
        for month in range(1, 13):
            events = "".join(
                event(f"m{month:02d}-{n}", date=f"2023-{month:02d}-0{n + 1}") for n in range(3)
            )
            write(records / "2023" / f"2023-{month:02d}.yaml", "events:" + events)
        return records

    def answers(records: Path) -> list[object]:
        commands = [["validate"], ["list", "--format", "jsonl"], ["digest", "--period", "2023"]]
        found: list[object] = [index_contents(records, valid=False)]
        for command in commands:
            result = jdiplo("--records", str(records), *command)
            where = f"{records.parent.name}/"  # (paths are shown from the current folder)
            found.append((result.code, result.stdout, result.stderr.replace(where, "")))
        return found

    def edit(records: Path) -> None:  # a comment, a retitled event, a broken file
        march = records / "2023" / "2023-03.yaml"
        write(march, march.read_text(encoding="utf-8") + "# checked\n")
        april = records / "2023" / "2023-04.yaml"
        write(april, april.read_text(encoding="utf-8").replace("A meeting", "A summit", 1))
        may = records / "2023" / "2023-05.yaml"
        write(may, may.read_text(encoding="utf-8").replace("kind: meeting", "kind: meetign", 1))

    serial = record_set("serial")
    before, _ = answers(serial), edit(serial)
    after = answers(serial)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)  # every refresh of 8 files or more
    monkeypatch.setattr(reading.os, "cpu_count", lambda: 4)
    parallel = record_set("parallel")
    assert answers(parallel) == before
    edit(parallel)
    touched = parallel / "2023"
    for month in range(6, 13):  # enough files changed at once to read them in parallel
        path = touched / f"2023-{month:02d}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert answers(parallel)[1:] == after[1:]
    assert after[1][0] == 1  # (the broken file is reported)
