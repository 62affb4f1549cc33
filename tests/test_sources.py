"""Where a source really is: `locate_sources` (thousands of sources, checked by every warm
command) must say exactly what `locate_source` (one source, the definition) says, whatever
links, loops, missing folders or odd names a record set throws at them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from jdiplo.layout import SourcePlace, locate_source, locate_sources, source_path

# The repository every example looks into: folders, files, and links of every kind.
TREE = {
    "seeds/a.txt": "file",
    "seeds/b.txt": "file",
    "seeds/deep/c.txt": "file",
    "other/d.txt": "file",
    "records/r.yaml": "file",
}
LINKS = {
    "seeds/to-a.txt": "a.txt",  # a link to a file beside it
    "seeds/to-other": "../other",  # a link to a folder inside
    "seeds/to-outside": "../../outside",  # a link to a folder outside
    "seeds/to-secret.txt": "../../outside/secret.txt",  # a link to a file outside
    "seeds/dangling.txt": "nowhere.txt",
    "seeds/loop-1": "loop-2",
    "seeds/loop-2": "loop-1",
    "linked-seeds": "seeds",  # a folder reached through a link
}
PARTS = [
    "seeds", "other", "records", "deep", "linked-seeds", "to-other", "to-outside",
    "a.txt", "b.txt", "c.txt", "d.txt", "to-a.txt", "to-secret.txt", "secret.txt",
    "dangling.txt", "loop-1", "loop-2", "missing", "..", ".", "", "x\0y", "/etc",
]  # fmt: skip


def repository(base: Path) -> str:
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_text("secret\n", encoding="utf-8")
    root = base / "repo"
    for name in TREE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name + "\n", encoding="utf-8")
    for name, target in LINKS.items():
        (root / name).symlink_to(target)
    return os.fspath(root.resolve())


def seen(place: SourcePlace | str) -> object:
    """What a caller relies on: the message, or the place and what is there."""
    if isinstance(place, str):
        return place
    status = place.status
    return place.path, None if status is None else (status.st_ino, status.st_dev, status.st_mode)


names = st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("/".join)


@settings(max_examples=examples(300))
@given(batch=st.lists(names, max_size=12))
def test_many_sources_are_located_as_each_one_is(batch: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = repository(Path(folder))
        many = list(locate_sources(root, batch))
        assert [name for name, _ in many] == batch
        assert [seen(place) for _, place in many] == [
            seen(locate_source(root, name)) for name in batch
        ]


def test_sources_are_found_inside_and_refused_outside(tmp_path: Path) -> None:
    root = repository(tmp_path)
    base = Path(root)
    assert source_path(base, "seeds/a.txt") == base / "seeds" / "a.txt"
    assert source_path(base, "seeds/to-a.txt") == base / "seeds" / "a.txt"
    assert source_path(base, "linked-seeds/deep/c.txt") == base / "seeds" / "deep" / "c.txt"
    assert source_path(base, "seeds/to-other/d.txt") == base / "other" / "d.txt"
    outside = "source file is outside the repository (the folder holding records/): "
    for name in ("seeds/to-secret.txt", "seeds/to-outside/secret.txt", "../outside/secret.txt"):
        assert source_path(base, name) == outside + name
    assert source_path(base, "seeds/loop-1") == (
        "source file cannot be resolved (a loop of links?): seeds/loop-1"
    )
    assert source_path(base, "seeds/a\0.txt") == "source file not found: seeds/a\0.txt"
    missing = locate_source(root, "seeds/missing.txt")
    assert missing == SourcePlace(str(Path(root, "seeds", "missing.txt")), None)
    found = dict(locate_sources(root, ["seeds/a.txt", "seeds/b.txt"]))
    for name, place in found.items():
        assert isinstance(place, SourcePlace) and place.status is not None
        assert place.status.st_ino == Path(root, name).lstat().st_ino
