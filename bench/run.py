"""Benchmark jdiplo against jq and yq on synthetic record sets: the targets of issues 4 and 8.

    python bench/run.py                         every scenario, sets of 1k, 10k and 100k events
    python bench/run.py --quick                 1k and 10k only, 3 runs
    python bench/run.py --scenario validate --sizes 10k --runs 9
    python bench/run.py --jdiplo ~/other/.venv/bin/jdiplo

In each scenario jdiplo and its peer run alternately (A B, B A, ...), after one untimed run of
each, in the same invocation: the machines are noisy, so what counts is the ratio of the medians.
Record sets come from bench/generate.py (seed 1) and are cached under bench/out/, rebuilt when
missing or when the generator changed. jdiplo's cache (JDIPLO_CACHE_DIR) is a temporary folder,
removed at the end.

A scenario runs at each chosen size up to the size of its target; at a smaller size the verdict
is shown in parentheses, as an indication only. Exit status: 0 when every target is met, 1 when
one is not or a command failed, 2 for bad options. This is not a test: tests/ never runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import generate

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
SEED = 1
MONTHS = 120  # 10 years of monthly files, from FIRST_MONTH
FIRST_MONTH = generate.Month(2015, 1)
JQ_FILTER = '.[] | select(.partners | index("ROK"))'
CHANGE_MARK = b"# changed by bench/run.py\n"
GENERATOR_FILES = ("generate.py", "synthetic_world.py", "record_yaml.py")


# Running commands


class CommandFailed(Exception):
    def __init__(self, command: Sequence[str], status: int, stderr: str) -> None:
        lines = stderr.strip().splitlines()
        detail = lines[-1] if lines else "no message"
        super().__init__(f"`{' '.join(command[:3])} ...` exited with {status}: {detail}")


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_bytes: int


@dataclass
class Samples:
    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples)

    @property
    def megabytes(self) -> float:
        return statistics.median(sample.max_rss_bytes for sample in self.samples) / 2**20


# GNU time reports the peak memory of the command alone. Without it, the peak memory of a child
# of this process also counts the pages it shared with this (large) process before its exec.
GNU_TIME = Path("/usr/bin/time")


def run_once(command: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Sample:
    """Wall-clock time and peak memory of one run; stdout goes to /dev/null."""
    with tempfile.TemporaryFile() as stderr, tempfile.NamedTemporaryFile("r") as memory:
        measured = list(command)
        if GNU_TIME.exists():
            measured = [str(GNU_TIME), "-f", "%M", "-o", memory.name, *command]
        started = time.perf_counter()
        process = subprocess.Popen(
            measured,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd=cwd,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace")
            raise CommandFailed(command, process.returncode, message)
        if GNU_TIME.exists():  # KiB, of the command and the descendants it waited for
            return Sample(seconds, int(memory.read().split()[-1]) * 1024)
    # ru_maxrss: the largest of the child and the descendants it waited for (yq's jq).
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return Sample(seconds, usage.ru_maxrss * scale)


class Progress:
    """One line on stderr, rewritten in place; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def show(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[K{text}")
            sys.stderr.flush()

    def clear(self) -> None:
        self.show("")


# Record sets


@dataclass(frozen=True)
class SyntheticSet:
    label: str
    folder: Path

    @property
    def records(self) -> Path:
        return self.folder / "records"

    @property
    def events_json(self) -> Path:
        return self.folder / "events.json"

    @property
    def record_files(self) -> list[Path]:
        return sorted(self.records.rglob("*.yaml"))

    @property
    def middle_file(self) -> Path:
        """The file the change scenario edits; its month is the one the digest reports on."""
        files = self.record_files
        return files[len(files) // 2]

    @property
    def middle_month(self) -> str:
        return self.middle_file.stem


def synthetic_set(label: str, progress: Progress) -> SyntheticSet:
    """The cached set of `label` events, generated first when missing or out of date."""
    folder = OUT / f"events-{label}"
    stamp = {
        "events": SIZES[label],
        "seed": SEED,
        "months": MONTHS,
        "first_month": FIRST_MONTH.label,
        "generator": hashlib.sha256(
            b"".join((BENCH / name).read_bytes() for name in GENERATOR_FILES)
        ).hexdigest(),
    }
    stamp_file = folder / "stamp.json"
    if stamp_file.is_file() and json.loads(stamp_file.read_text("utf-8")) == stamp:
        data = SyntheticSet(label, folder)
        _undo_interrupted_change(data.middle_file)
        return data
    progress.show(f"generating {label} events in {folder}")
    partial = OUT / f"events-{label}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    generate.generate(SIZES[label], SEED, partial, MONTHS, FIRST_MONTH)
    (partial / "stamp.json").write_text(json.dumps(stamp) + "\n", "utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return SyntheticSet(label, folder)


def _undo_interrupted_change(path: Path) -> None:
    content = path.read_bytes()
    if content.endswith(CHANGE_MARK):
        path.write_bytes(content.removesuffix(CHANGE_MARK))


# Measuring


@dataclass
class Bench:
    jdiplo: Path
    runs: int
    cache_dir: Path
    progress: Progress
    env: dict[str, str] = field(init=False)
    warm_lists: dict[str, tuple[Samples, Samples]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = {key: value for key, value in os.environ.items() if key != "JDIPLO_RECORDS"}
        self.env["JDIPLO_CACHE_DIR"] = str(self.cache_dir)

    def command(self, *args: str, records: Path | None = None) -> list[str]:
        options = ["--records", str(records)] if records is not None else []
        return [str(self.jdiplo), *options, *args]

    def clear_cache(self) -> None:
        for entry in self.cache_dir.iterdir():
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    def compare(
        self,
        label: str,
        ours: list[str],
        peer: list[str],
        before_ours: Callable[[], None] | None = None,
        cwd: Path | None = None,
        before_peer: Callable[[], None] | None = None,
    ) -> tuple[Samples, Samples]:
        """Medians of `self.runs` runs of each, alternating, after one untimed run of each."""
        ours_samples, peer_samples = Samples(), Samples()

        def run_ours(record: bool) -> None:
            if before_ours is not None:
                before_ours()
            sample = run_once(ours, self.env, cwd)
            if record:
                ours_samples.samples.append(sample)

        def run_peer(record: bool) -> None:
            if before_peer is not None:
                before_peer()
            sample = run_once(peer, self.env, cwd)
            if record:
                peer_samples.samples.append(sample)

        self.progress.show(f"{label}: warming up")
        run_ours(record=False)
        run_peer(record=False)
        for number in range(1, self.runs + 1):
            self.progress.show(f"{label}: run {number} of {self.runs}")
            first, second = (run_ours, run_peer) if number % 2 else (run_peer, run_ours)
            first(True)
            second(True)
        return ours_samples, peer_samples

    def warm_list(self, data: SyntheticSet) -> tuple[Samples, Samples]:
        """Warm `list --partner ROK` against jq; measured once per set, shared by two rows."""
        if data.label not in self.warm_lists:
            ours = self.command(
                "list", "--partner", "ROK", "--format", "jsonl", records=data.records
            )
            peer = ["jq", "-c", JQ_FILTER, str(data.events_json)]
            self.warm_lists[data.label] = self.compare(f"list {data.label}", ours, peer)
        return self.warm_lists[data.label]

    def has_command(self, name: str) -> bool:
        done = subprocess.run(
            [str(self.jdiplo), name, "--help"], capture_output=True, env=self.env, check=False
        )
        return done.returncode == 0


# Scenarios


@dataclass(frozen=True)
class Outcome:
    ours: float | None = None
    peer: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    name: str
    target: float  # the largest acceptable ratio of jdiplo to its peer
    target_size: str | None  # None: the bundled records, not a synthetic set
    unit: str
    description: str
    needs: tuple[str, ...]  # peers that must be installed
    measure: Callable[[Bench, SyntheticSet | None], Outcome]


def measure_list(bench: Bench, data: SyntheticSet | None) -> Outcome:
    assert data is not None
    ours, peer = bench.warm_list(data)
    return Outcome(ours.seconds, peer.seconds)


def measure_digest(bench: Bench, data: SyntheticSet | None) -> Outcome:
    assert data is not None
    if not bench.has_command("digest"):
        return Outcome(note="skipped: this jdiplo has no `digest` command yet")
    ours = bench.command("digest", "--month", data.middle_month, records=data.records)
    peer = ["jq", "-c", JQ_FILTER, str(data.events_json)]
    ours_samples, peer_samples = bench.compare(f"digest {data.label}", ours, peer)
    return Outcome(ours_samples.seconds, peer_samples.seconds, f"month {data.middle_month}")


def measure_validate(bench: Bench, data: SyntheticSet | None) -> Outcome:
    assert data is not None
    ours = bench.command("validate", records=data.records)
    peer = ["yq", "-r", ".events[].id", *map(str, data.record_files)]
    label = f"validate {data.label}"
    ours_samples, peer_samples = bench.compare(label, ours, peer, before_ours=bench.clear_cache)
    return Outcome(ours_samples.seconds, peer_samples.seconds)


def measure_list_changed(bench: Bench, data: SyntheticSet | None) -> Outcome:
    assert data is not None
    path = data.middle_file
    original = path.read_bytes()

    def change_one_file() -> None:  # a real change: new size and mtime, same events
        changed = path.read_bytes() == original
        path.write_bytes(original + CHANGE_MARK if changed else original)

    command = bench.command("list", "--partner", "ROK", "--format", "jsonl", records=data.records)
    try:
        changed, warm = bench.compare(
            f"list-changed {data.label}", command, command, before_ours=change_one_file
        )
    finally:
        path.write_bytes(original)
    return Outcome(changed.seconds, warm.seconds, f"changed {path.relative_to(data.records)}")


def measure_startup(bench: Bench, data: SyntheticSet | None) -> Outcome:
    python = interpreter_of(bench.jdiplo)
    with tempfile.TemporaryDirectory() as empty:  # no ./records: jdiplo reads its bundled set
        ours = bench.command("list", "--partner", "ROK")
        peer = [str(python), str(BENCH / "hello_typer.py")]
        ours_samples, peer_samples = bench.compare("startup", ours, peer, cwd=Path(empty))
    return Outcome(ours_samples.seconds, peer_samples.seconds)


def measure_nocache_list(bench: Bench, data: SyntheticSet | None) -> Outcome:
    """The index in memory (`--no-cache`) against reading and checking alone: what the one
    engine costs beyond reading the files."""
    assert data is not None
    ours = bench.command(
        "--no-cache", "list", "--partner", "ROK", "--format", "jsonl", records=data.records
    )
    peer = bench.command("validate", records=data.records)
    label = f"nocache-list {data.label}"
    ours_samples, peer_samples = bench.compare(label, ours, peer, before_peer=bench.clear_cache)
    return Outcome(ours_samples.seconds, peer_samples.seconds, "peer: cold jdiplo validate")


def measure_memory(bench: Bench, data: SyntheticSet | None) -> Outcome:
    assert data is not None
    ours, peer = bench.warm_list(data)
    return Outcome(ours.megabytes, peer.megabytes, "peak RSS of the list runs")


SCENARIOS = (
    Scenario(
        "list", 0.15, "100k", "s",
        f"warm `jdiplo list --partner ROK --format jsonl` vs `jq -c '{JQ_FILTER}' events.json`",
        ("jq",), measure_list,
    ),
    Scenario(
        "digest", 0.15, "100k", "s",
        "warm `jdiplo digest --month <the middle month>` vs the same jq filter",
        ("jq",), measure_digest,
    ),
    Scenario(
        "validate", 0.5, "10k", "s",
        "cold `jdiplo validate` (cache cleared before each run) vs `yq -r '.events[].id' FILES`",
        ("yq",), measure_validate,
    ),
    Scenario(
        "list-changed", 1.3, "100k", "s",
        "the warm list just after one of the 120 files changed vs the warm list",
        (), measure_list_changed,
    ),
    Scenario(
        "startup", 1.1, None, "s",
        "`jdiplo list --partner ROK` on the bundled records vs bench/hello_typer.py, same Python",
        (), measure_startup,
    ),
    Scenario(
        "memory", 0.15, "100k", "MB",
        "peak memory (max RSS) of the warm list vs jq's",
        ("jq",), measure_memory,
    ),
    Scenario(
        "nocache-list", 1.2, "10k", "s",
        "`jdiplo --no-cache list --partner ROK` (the index in memory) vs a cold `jdiplo validate`",
        (), measure_nocache_list,
    ),
)  # fmt: skip
SCENARIO_NAMES = tuple(scenario.name for scenario in SCENARIOS)


def sizes_for(scenario: Scenario, chosen: Sequence[str]) -> list[str | None]:
    """The chosen sizes up to the target's (the smallest chosen if none is that small)."""
    if scenario.target_size is None:
        return [None]
    limit = SIZES[scenario.target_size]
    fitting = [size for size in chosen if SIZES[size] <= limit]
    return list(fitting or [min(chosen, key=lambda size: SIZES[size])])


# Reporting


@dataclass(frozen=True)
class Row:
    scenario: Scenario
    size: str | None
    outcome: Outcome

    @property
    def ratio(self) -> float | None:
        ours, peer = self.outcome.ours, self.outcome.peer
        return None if ours is None or peer is None or peer == 0 else ours / peer

    @property
    def met(self) -> bool | None:
        return None if self.ratio is None else self.ratio <= self.scenario.target

    @property
    def verdict(self) -> str:
        if self.met is None:
            return ""
        word = "PASS" if self.met else "FAIL"
        return word if self.size == self.scenario.target_size else f"({word})"

    def cells(self) -> list[str]:
        unit = self.scenario.unit
        return [
            self.scenario.name,
            self.size or "bundled",
            quantity(self.outcome.ours, unit),
            quantity(self.outcome.peer, unit),
            "" if self.ratio is None else f"{self.ratio:.2f}x",
            f"<= {self.scenario.target}x",
            self.verdict,
            self.outcome.note,
        ]


def quantity(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} s" if unit == "s" else f"{value:.0f} MB"


def table(rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; numbers (columns 3 to 5) aligned right."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if 2 <= column <= 4 else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def interpreter_of(script: Path) -> Path:
    """The Python a console script runs with: its #! line, else the python beside it, else
    the Python running this benchmark."""
    try:
        with script.open("rb") as stream:
            first_line = stream.readline().decode("utf-8", "replace")
    except OSError:
        first_line = ""
    words = first_line.removeprefix("#!").split() if first_line.startswith("#!") else []
    if len(words) > 1 and Path(words[0]).name == "env":
        words = [shutil.which(words[1]) or ""]
    if words and Path(words[0]).name.startswith("python") and Path(words[0]).is_file():
        return Path(words[0])
    beside = script.parent / "python"
    return beside if beside.is_file() else Path(sys.executable)


def version_of(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if done.returncode == 0 and text else "unknown"


def header(jdiplo: Path, runs: int) -> str:
    python = interpreter_of(jdiplo)
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [
            line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = f" ({models[0].split(':', 1)[1].strip()})" if models else ""
    python_version = version_of(
        [str(python), "-c", "import platform; print(platform.python_version())"]
    )
    jdiplo_version = version_of([str(jdiplo), "--version"])
    peers = f"{version_of(['jq', '--version'])}, {version_of(['yq', '--version'])}"
    return "\n".join(
        (
            f"machine: {os.cpu_count()} cores{cpu}, {platform.system()} {platform.release()}",
            f"python: {python_version} ({python})",
            f"{jdiplo_version} ({jdiplo}); peers: {peers}",
            f"medians of {runs} runs each, jdiplo and peer alternating; ratio = jdiplo / peer",
        )
    )


# Command line


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark jdiplo against jq and yq (the targets of issues 4 and 8).",
        epilog="Scenarios: " + ", ".join(SCENARIO_NAMES) + ". Not part of the test suite.",
    )
    parser.add_argument(
        "--sizes", metavar="LIST", help="record sets to use, from 1k,10k,100k (default: all)"
    )
    parser.add_argument("--runs", type=int, metavar="N", help="timed runs of each side (5)")
    parser.add_argument(
        "--scenario", action="append", choices=SCENARIO_NAMES, metavar="NAME",
        help="run only this scenario (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--jdiplo", type=Path, default=Path(sys.executable).parent / "jdiplo", metavar="PATH",
        help="the jdiplo to measure (default: the one next to this Python)",
    )  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 runs")
    args = parser.parse_args(argv)
    sizes = args.sizes or ("1k,10k" if args.quick else "1k,10k,100k")
    args.sizes = [size.strip() for size in sizes.split(",") if size.strip()]
    unknown = [size for size in args.sizes if size not in SIZES]
    if unknown or not args.sizes:
        parser.error(f"--sizes: choose from {', '.join(SIZES)}, not {sizes!r}")
    args.runs = args.runs if args.runs is not None else 3 if args.quick else 5
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (args.jdiplo.is_file() and os.access(args.jdiplo, os.X_OK)):
        parser.error(f"no jdiplo to run at {args.jdiplo} (use --jdiplo PATH)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    scenarios = [s for s in SCENARIOS if args.scenario is None or s.name in args.scenario]
    progress = Progress()
    print(header(args.jdiplo, args.runs), end="\n\n", flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="jdiplo-bench-cache-") as cache_dir:
        bench = Bench(args.jdiplo, args.runs, Path(cache_dir), progress)
        sets: dict[str, SyntheticSet] = {}
        for scenario in scenarios:
            for size in sizes_for(scenario, args.sizes):
                missing = [peer for peer in scenario.needs if shutil.which(peer) is None]
                if missing:
                    outcome = Outcome(note=f"skipped: {', '.join(missing)} not found")
                    rows.append(Row(scenario, size, outcome))
                    continue
                data = None
                if size is not None:
                    data = sets.get(size) or sets.setdefault(size, synthetic_set(size, progress))
                try:
                    outcome = scenario.measure(bench, data)
                except CommandFailed as error:
                    outcome = Outcome(note=f"error: {error}")
                rows.append(Row(scenario, size, outcome))
        progress.clear()
    titles = ["scenario", "size", "jdiplo", "peer", "ratio", "target", "result", "note"]
    print(table([titles] + [row.cells() for row in rows]))
    print()
    for scenario in scenarios:
        print(f"{scenario.name}: {scenario.description}")
    if any(row.verdict.startswith("(") for row in rows):
        print("(PASS)/(FAIL): measured at a smaller size than the target's; an indication only")
    failed = any(
        (row.met is False and row.size == row.scenario.target_size)
        or row.outcome.note.startswith("error")
        for row in rows
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
