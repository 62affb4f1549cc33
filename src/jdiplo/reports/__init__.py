"""Reports: pure functions from events to small report objects (frozen dataclasses).

No printing, no rich, no I/O. Renderers (jdiplo.render) turn report objects into text, tables,
Markdown and JSON. The JSON contract of a report is `report.record()`: its fields, in order,
as JSON-ready values; docs/reports.md documents each one.

    digest.py    period_digest (a period's story), partner_digest (a relationship)
    diff.py      period_diff: counts in two periods and the change
    summary.py   summarise: counts by one or more dimensions
    partners.py  partner_table: the registry with event counts
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar


@dataclasses.dataclass(frozen=True)
class Report:
    """What every report object has: a name (used to find its renderers) and its record."""

    report: ClassVar[str] = ""

    def record(self) -> dict[str, Any]:
        """The report as JSON-ready data: every field, in declaration order."""
        return dataclasses.asdict(self)
