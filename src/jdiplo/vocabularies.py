"""The closed vocabularies of the record format: kinds, statuses, levels and domains.

They are defined once, here, as Literal types; the pydantic models (model.py), option
validation and shell completion all read them from this module, which imports nothing heavy.
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal[
    "meeting",
    "summit",
    "visit",
    "agreement",
    "exercise",
    "arms-transfer",
    "co-development",
    "deployment",
    "institutional",
    "statement",
    "other",
]
Status = Literal["held", "announced"]
Level = Literal[
    "leaders", "ministerial", "chiefs-of-staff", "senior-officials", "ambassador", "working"
]
Domain = Literal[
    "diplomacy",
    "defence",
    "defence-industry",
    "deterrence",
    "intelligence",
    "cyber",
    "space",
    "maritime",
    "economy",
    "technology",
    "energy",
    "heritage",
    "culture",
    "humanitarian",
]

KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
LEVELS: tuple[str, ...] = get_args(Level)
DOMAINS: tuple[str, ...] = get_args(Domain)

# An event id (compiled where it is matched: `re.fullmatch(ID_PATTERN, text)`).
ID_PATTERN = r"[a-z0-9][a-z0-9-]*"

# The dimensions `jdiplo summary --by` counts events by.
DIMENSIONS = ("partner", "kind", "domain", "level", "framework", "month", "year")

# The fields `--text` searches (`--in` chooses among them): the title, the summary, the people
# (names and roles), the place, the firsts, the tags, the quotes, and the sources' publishers,
# authors and titles.
TEXT_FIELDS = ("title", "summary", "people", "place", "firsts", "tags", "quote", "source")

# The fields whose values are ids of other events, which must exist.
ID_LINKS = ("related", "fulfils")
