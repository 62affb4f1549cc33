"""Time `jdiplo extract` on an article of about 2,000 words (issue 13: under a second).

    python bench/extract_speed.py              5 runs of the installed jdiplo, the median
    python bench/extract_speed.py --runs 9 --words 4000
    python bench/extract_speed.py --jdiplo ~/other/.venv/bin/jdiplo

The article is the seed article followed by the test articles of tests/data/articles/, repeated
until it has the words asked for, in a scratch repository (so that sources cite it by path). The
whole command is timed, start-up included, as an analyst runs it. Exit status 0 when the median
is under the target, 1 otherwise. This is not a test: tests/ never times anything.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def article(words: int) -> str:
    texts = [(ROOT / "seeds" / "000_7715609ff7e77d61.txt").read_text(encoding="utf-8")]
    texts += [
        path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    ]
    parts: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            parts.append(text.strip())
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(parts) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=2000)
    default = Path(sys.executable).parent / "jdiplo"
    parser.add_argument("--jdiplo", type=Path, default=default, help="the jdiplo to time")
    options = parser.parse_args()
    if not options.jdiplo.exists() and shutil.which(str(options.jdiplo)) is None:
        parser.error(f"no jdiplo at {options.jdiplo}")
    with tempfile.TemporaryDirectory(prefix="jdiplo-extract-speed-") as folder:
        repository = Path(folder)
        (repository / "records").mkdir()
        (repository / "seeds").mkdir()
        text = article(options.words)
        path = repository / "seeds" / "long-article.txt"
        path.write_text(text, encoding="utf-8")
        command = [
            str(options.jdiplo),
            "extract",
            "seeds/long-article.txt",
            "--published",
            "2025-07",
        ]
        subprocess.run(command, cwd=repository, capture_output=True, check=True)  # warm the disk
        times = []
        candidates = 0
        for _ in range(options.runs):
            began = time.perf_counter()
            result = subprocess.run(command, cwd=repository, capture_output=True, text=True)
            times.append(time.perf_counter() - began)
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                return 1
            candidates = result.stdout.count("\n  - date:")
    median = statistics.median(times)
    verdict = "PASS" if median < TARGET_SECONDS else "FAIL"
    print(
        f"jdiplo extract on {len(text.split())} words: {candidates} candidates, "
        f"median {median:.3f} s of {options.runs} runs (min {min(times):.3f} s), "
        f"target < {TARGET_SECONDS:.1f} s: {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
