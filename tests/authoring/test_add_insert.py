"""add inserts into any valid layout: only new lines, and the file reads back as before plus
the new event."""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fmt_layout import record_files

from jdiplo.authoring.add import Fields, Input, event_data, options_input, plan_events
from jdiplo.partners import builtin_registry
from jdiplo.store import read


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_files(), st.sampled_from(["2024", "2024-07", "2024-07-01", "2024-07-15"]))
def test_add_inserts_only_new_lines_into_any_layout(text: str, date: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "records"
        (records / "2024").mkdir(parents=True)
        target = records / "2024" / ("2024.yaml" if date == "2024" else "2024-07.yaml")
        target.write_text(text, encoding="utf-8")
        loaded, problems = read(records)
        assert problems == []
        fields = Fields(
            date=date, title="New event", kind="other", partners=["US"],
            source_url="https://example.org/new", quote="A new quote",
        )  # fmt: skip
        data = event_data(fields, builtin_registry())
        plan = plan_events(loaded, options_input(data, loaded))
        [(path, content)] = plan.writes
        assert path == target
        before, after = text.splitlines(True), content.decode("utf-8").splitlines(True)
        if not text.endswith("\n"):  # a final newline is added to the last line
            before[-1] += "\n"
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        flow_list = any(line.startswith("events: []") for line in before)
        assert flow_list or [op[0] for op in changes] == ["insert"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record_files(),
    st.lists(
        st.sampled_from(["2024", "2024-07", "2024-07-01", "2024-07-15"]), min_size=2, max_size=4
    ),
)
def test_many_events_at_once_land_as_one_at_a_time(text: str, dates: list[str]) -> None:
    """`add --from` and `import` insert many events in one pass over a file: the file must be
    what adding them one after the other gives (each insertion reading the file again)."""
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "records"
        (records / "2024").mkdir(parents=True)
        target = records / "2024" / "2024-07.yaml"
        target.write_text(text, encoding="utf-8")
        events = [
            event_data(
                Fields(
                    id=f"new-{number}", date=date, title=f"New {number}", kind="other",
                    partners=["US"], source_url="https://example.org/new", quote="A new quote",
                ),
                builtin_registry(),
            )
            for number, date in enumerate(dates)
            if date != "2024"  # one file: the month's
        ]  # fmt: skip
        if not events:
            return
        loaded, _ = read(records)
        source = Input("<test>", "\n".join(options_input(e, loaded).text for e in events))
        [(_, at_once)] = plan_events(loaded, source, allow_duplicate=True).writes
        for data in sorted(events, key=lambda e: (e["date"], e["id"])):
            loaded, problems = read(records)
            assert problems == []
            [(_, content)] = plan_events(loaded, options_input(data, loaded), True).writes
            target.write_bytes(content)
        assert at_once == target.read_bytes()
