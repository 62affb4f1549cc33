"""add inserts into any valid layout: only new lines, and the file reads back as before plus
the new event."""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fmt_layout import record_files

from jdiplo.authoring.add import Fields, event_data, options_input, plan_events
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
