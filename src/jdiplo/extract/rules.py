"""The rules of `jdiplo extract` as data: `data/extract.yaml`, and a records directory's own
`extract.yaml` added to it.

Rules are word lists, not regular expressions: a phrase is matched as whole words, a `*` at the
end of a word matches any ending. A records directory's file is untrusted input like any record
file: its problems are reported as `extract.yaml:line:col: message`, and its phrases are escaped
before they become patterns, so no text in it can make matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdiplo.extract.lexicon import Phrases
from jdiplo.problems import Problem, RecordsInvalid, did_you_mean
from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from jdiplo.partners import Registry

RULES_FILE = "extract.yaml"
BUILTIN = Path(__file__).resolve().parent.parent / "data" / RULES_FILE

_TAG = "tag:yaml.org,2002:"
Loc = tuple[str | int, ...]


# Phrases


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regular expression (for the few patterns that are not word lists): its
    words escaped, `*` any ending, any spaces between words, whole words at both ends."""
    parts = []
    for word in phrase.split():
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w'\u2019-]*")
        else:
            parts.append(re.escape(word))
    body = r"\s+".join(parts)
    lead = r"(?<![\w-])" if re.match(r"\w", phrase) else ""
    tail = r"(?![\w])" if re.search(r"[\w*]$", phrase) else ""
    return f"{lead}{body}{tail}"


# The rules


@dataclass(frozen=True)
class KindRule:
    kind: str
    rule: str
    words: Phrases
    with_words: Phrases | None = None
    unless: Phrases | None = None
    group: str | None = None  # rules of a group compete by position in the clause
    ongoing: str | None = None  # the kind when the clause tells an ongoing process


@dataclass(frozen=True)
class VocabularyRule:
    """A level or domain and the words that give it."""

    value: str
    words: Phrases


@dataclass(frozen=True)
class ImpliedFramework:
    framework: str
    partners: frozenset[str] | None
    words: Phrases | None


@dataclass(frozen=True, eq=False)
class Rules:
    demonyms: dict[str, str]
    codes_in_text: frozenset[str]
    capitals: dict[str, str]
    places: dict[str, str]
    venues: tuple[str, ...]
    not_partners: Phrases
    venue_words: Phrases
    topic_words: Phrases
    topic_nouns: Phrases
    implied_frameworks: tuple[ImpliedFramework, ...]
    kinds: tuple[KindRule, ...]
    levels: tuple[VocabularyRule, ...]
    domains: tuple[VocabularyRule, ...]
    titles: tuple[str, ...]
    honorifics: tuple[str, ...]
    plans: Phrases
    plan_verbs: Phrases
    announcements: Phrases
    deadlines: tuple[str, ...]
    opinions: Phrases
    courtesies: Phrases
    negations: tuple[str, ...]
    preparations: tuple[str, ...]
    readouts: Phrases
    statements: Phrases
    capital_verbs: frozenset[str]
    past_verbs: frozenset[str]
    topic_shifts: Phrases
    continuations: Phrases
    participants: Phrases
    ongoing_be: tuple[str, ...]
    ongoing_phrases: Phrases
    ongoing_except: tuple[str, ...]
    held_at: Phrases
    occasions: Phrases
    back_reference: Phrases
    new_event_verbs: Phrases
    first_phrases: Phrases
    first_nouns: tuple[str, ...]
    first_not_after: tuple[str, ...]
    sequence_words: tuple[str, ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    parts: dict[str, tuple[int, int]]
    abbreviations: frozenset[str]
    currencies: dict[str, str]
    multipliers: dict[str, int]

    def phrase_lists(self) -> list[Phrases]:
        """Every list of phrases of the rules, for the lexicon."""
        lists = [
            self.not_partners, self.venue_words, self.topic_words, self.topic_nouns,
            self.plans, self.plan_verbs, self.announcements, self.opinions, self.courtesies,
            self.readouts, self.statements, self.back_reference, self.new_event_verbs,
            self.first_phrases, self.topic_shifts, self.continuations, self.participants,
            self.ongoing_phrases, self.held_at, self.occasions,
        ]  # fmt: skip
        for rule in self.kinds:
            lists.append(rule.words)
            lists += [words for words in (rule.with_words, rule.unless) if words is not None]
        lists += [rule.words for rule in (*self.levels, *self.domains)]
        lists += [rule.words for rule in self.implied_frameworks if rule.words is not None]
        return lists

    def kind_rank(self, kind: str) -> int:
        """The place of the first rule of `kind` (smaller: more specific)."""
        for number, rule in enumerate(self.kinds):
            if rule.kind == kind:
                return number
        return len(self.kinds)

    def level_rank(self, level: str) -> int:
        """0 for the highest level."""
        return LEVELS.index(level) if level in LEVELS else len(LEVELS)


# Reading


def load_rules(records_dir: Path | None, registry: Registry) -> Rules:
    """The built-in rules, with the records directory's `extract.yaml` added when it has one.
    RecordsInvalid (each problem located in its file) when either file is wrong."""
    data, problems = _read(BUILTIN, RULES_FILE, registry)
    if problems:  # the built-in file is checked by the tests; this is a broken installation
        raise RecordsInvalid(problems)
    if records_dir is not None and (records_dir / RULES_FILE).is_file():
        extra, problems = _read(records_dir / RULES_FILE, RULES_FILE, registry)
        if problems:
            raise RecordsInvalid(problems)
        data = merged(data, extra)
    return build(data)


def builtin_problems(registry: Registry) -> list[Problem]:
    """Problems of the built-in rules (none: a test says so)."""
    return _read(BUILTIN, RULES_FILE, registry)[1]


def _read(path: Path, relative: str, registry: Registry) -> tuple[dict[str, Any], list[Problem]]:
    root, problems = _compose(path, relative)
    if root is None:
        return {}, problems
    positions: dict[Loc, tuple[int, int]] = {}
    data = _plain(root, (), positions)
    checker = _Checker(relative, positions, registry)
    checker.check(data)
    return (data if isinstance(data, dict) and not checker.problems else {}), checker.problems


MAX_RULES_BYTES = 1024 * 1024


def _compose(path: Path, relative: str) -> tuple[Node | None, list[Problem]]:
    """The node tree of a rules file (read with ruamel's C composer: no model, no pydantic,
    so that `extract` starts fast), or the problem that stopped it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_RULES_BYTES + 1)
    except OSError as error:
        return None, [Problem(relative, 1, 1, f"cannot read the file: {error.strerror}")]
    if len(data) > MAX_RULES_BYTES:
        return None, [Problem(relative, 1, 1, "file too large (the limit is 1 MB)")]
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"not valid UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8"
        return None, [Problem(relative, line, 1, message)]
    try:
        node = YAML(typ="safe", pure=False).compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = error.problem or error.context or "invalid YAML"
        return None, [Problem(relative, line, col, f"YAML syntax error: {message}")]
    except (YAMLError, ValueError, RecursionError) as error:
        return None, [Problem(relative, 1, 1, f"YAML error: {' '.join(str(error).split())}")]
    return node, []


def _plain(node: Node, loc: Loc, positions: dict[Loc, tuple[int, int]]) -> Any:
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag == _TAG + "map":
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, (*loc, "<key>"), positions)
            key = key if isinstance(key, str) else str(key)
            positions[(*loc, key, "<key>")] = positions.pop((*loc, "<key>"))
            result[key] = _plain(value_node, (*loc, key), positions)
        return result
    if node.tag == _TAG + "seq":
        return [_plain(item, (*loc, index), positions) for index, item in enumerate(node.value)]
    value = node.value
    if node.tag == _TAG + "int":
        try:
            return int(value.replace("_", ""))
        except ValueError:
            return value
    if node.tag == _TAG + "null":
        return None
    if node.tag == _TAG + "bool":
        return value.lower() == "true"
    return value


_SECTIONS = {
    "demonyms": "map",
    "codes_in_text": "list",
    "capitals": "map",
    "places": "map",
    "venues": "list",
    "not_partners": "list",
    "venue_words": "list",
    "topic_words": "list",
    "topic_nouns": "list",
    "implied_frameworks": "rules",
    "kinds": "rules",
    "levels": "rules",
    "domains": "rules",
    "titles": "list",
    "honorifics": "list",
    "plans": "list",
    "plan_verbs": "list",
    "announcements": "list",
    "deadlines": "list",
    "opinions": "list",
    "courtesies": "list",
    "negations": "list",
    "preparations": "list",
    "readouts": "list",
    "statements": "list",
    "capital_verbs": "list",
    "past_verbs": "list",
    "topic_shifts": "list",
    "continuations": "list",
    "participants": "list",
    "ongoing": "groups",
    "held_at": "list",
    "occasions": "list",
    "back_references": "groups",
    "new_event_verbs": "list",
    "firsts": "groups",
    "sequence_words": "list",
    "dates": "groups",
    "abbreviations": "list",
    "amounts": "groups",
}
_GROUPS = {
    "back_references": {"determiners": "list", "nouns": "list", "openers": "list"},
    "ongoing": {"be": "list", "phrases": "list", "except": "list"},
    "firsts": {"phrases": "list", "nouns": "list", "not_after": "list"},
    "dates": {"months": "map", "weekdays": "map", "seasons": "map", "parts": "map"},
    "amounts": {"currencies": "map", "multipliers": "map"},
}
_RULE_KEYS = {
    "kinds": ({"kind", "words"}, {"rule", "with", "unless", "group", "ongoing"}),
    "levels": ({"level", "words"}, set()),
    "domains": ({"domain", "words"}, set()),
    "implied_frameworks": ({"framework"}, {"partners", "words"}),
}


class _Checker:
    def __init__(
        self, relative: str, positions: Mapping[Loc, tuple[int, int]], registry: Registry
    ) -> None:
        self.relative = relative
        self.positions = positions
        self.registry = registry
        self.problems: list[Problem] = []

    def fail(self, loc: Loc, message: str) -> None:
        line, col = self.positions.get(loc, (1, 1))
        self.problems.append(Problem(self.relative, line, col, message))

    def check(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            self.fail((), "expected a mapping of rule sections (kinds, demonyms, ...)")
            return
        for key, value in data.items():
            if key not in _SECTIONS:
                message = f"unknown section {key!r}{did_you_mean(key, list(_SECTIONS))}"
                self.fail((key, "<key>"), message)
                continue
            shape = _SECTIONS[key]
            if shape == "groups":
                self.groups((key,), value, _GROUPS[key])
            elif shape == "rules":
                self.rules(key, value)
            else:
                self.shaped((key,), value, shape)
            if key in ("demonyms", "capitals", "places") and isinstance(value, dict):
                self.codes(key, value)

    def shaped(self, loc: Loc, value: Any, shape: str) -> None:
        if shape == "list":
            if not isinstance(value, list):
                self.fail(loc, f"{_dotted(loc)} must be a list of words or phrases")
                return
            for index, item in enumerate(value):
                self.phrase((*loc, index), item)
        else:
            if not isinstance(value, dict):
                self.fail(loc, f"{_dotted(loc)} must be a mapping")
                return
            for key, item in value.items():
                self.phrase((*loc, key, "<key>"), key)
                self.map_value((*loc, key), item)

    def map_value(self, loc: Loc, value: Any) -> None:
        section = loc[-2] if len(loc) >= 2 else ""
        if section in ("months", "weekdays", "multipliers"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.fail(loc, f"{_dotted(loc)} must be a whole number")
        elif section in ("seasons", "parts"):
            pair = value if isinstance(value, list) else []
            if len(pair) != 2 or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in pair
            ):
                self.fail(loc, f"{_dotted(loc)} must be two numbers, [first, last]")
        elif not isinstance(value, str) or not value.strip():
            self.fail(loc, f"{_dotted(loc)} must be a code")

    def phrase(self, loc: Loc, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            self.fail(loc, f"{_dotted(loc)} must be a word or phrase")
        elif "\n" in value:
            self.fail(loc, f"{_dotted(loc)} must be one line")

    def groups(self, loc: Loc, value: Any, shapes: Mapping[str, str]) -> None:
        if not isinstance(value, dict):
            self.fail(loc, f"{_dotted(loc)} must be a mapping of {', '.join(shapes)}")
            return
        for key, item in value.items():
            if key not in shapes:
                message = f"unknown key {key!r} in {_dotted(loc)}{did_you_mean(key, list(shapes))}"
                self.fail((*loc, key, "<key>"), message)
                continue
            self.shaped((*loc, key), item, shapes[key])

    def rules(self, section: str, value: Any) -> None:
        required, optional = _RULE_KEYS[section]
        if not isinstance(value, list):
            self.fail((section,), f"{section} must be a list of rules")
            return
        vocabulary = {"kinds": KINDS, "levels": LEVELS, "domains": DOMAINS}.get(section)
        for index, rule in enumerate(value):
            loc: Loc = (section, index)
            if not isinstance(rule, dict):
                self.fail(loc, f"a rule of {section} must be a mapping")
                continue
            for key in required - set(rule):
                self.fail(loc, f"a rule of {section} needs {key!r}")
            for key in set(rule) - required - optional:
                known = required | optional
                self.fail((*loc, key, "<key>"), f"unknown key {key!r}{did_you_mean(key, known)}")
            for key in ("words", "with", "unless", "partners"):
                if key in rule:
                    self.shaped((*loc, key), rule[key], "list")
            for key in ("rule", "group"):
                if key in rule:
                    self.phrase((*loc, key), rule[key])
            name = section.rstrip("s") if section != "implied_frameworks" else "framework"
            value_of_rule = rule.get(name)
            if vocabulary is not None and value_of_rule is not None:
                self.vocabulary((*loc, name), name, value_of_rule, vocabulary)
            if section == "kinds" and "ongoing" in rule:
                self.vocabulary((*loc, "ongoing"), "kind", rule["ongoing"], KINDS)
            if section == "implied_frameworks":
                self.implied(loc, rule)

    def vocabulary(self, loc: Loc, name: str, value: Any, values: Sequence[str]) -> None:
        if value not in values:
            self.fail(loc, f"unknown {name} {value!r}{did_you_mean(str(value), values)}")

    def implied(self, loc: Loc, rule: Mapping[str, Any]) -> None:
        framework = rule.get("framework")
        if isinstance(framework, str):
            message = self.registry.check_framework_code(framework)
            if message is not None:
                self.fail((*loc, "framework"), message)
        else:
            self.fail((*loc, "framework"), "framework must be a code")
        if "partners" not in rule and "words" not in rule:
            self.fail(loc, "an implied framework needs partners or words")
        for index, code in enumerate(rule.get("partners") or ()):
            if isinstance(code, str) and (message := self.registry.check_partner_code(code)):
                self.fail((*loc, "partners", index), message)

    def codes(self, section: str, value: Mapping[str, Any]) -> None:
        for name, code in value.items():
            if not isinstance(code, str):
                continue
            if section == "demonyms" and code == self.registry.focal:
                continue
            if section == "demonyms":
                message = self.registry.check_partner_code(code)
            else:
                message = self.registry.check_country_code(code)
            if message is not None:
                self.fail((section, name), message)


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc if part != "<key>")


# Merging and building


def merged(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`extra` added to `base`: maps merged (extra wins), lists added, rules tried first."""
    result = dict(base)
    for key, value in extra.items():
        if value is None:
            continue
        shape = _SECTIONS[key]
        old = result.get(key)
        if shape == "groups":
            inner = dict(old or {})
            for group, items in value.items():
                inner[group] = _merge_value(_GROUPS[key][group], inner.get(group), items)
            result[key] = inner
        elif shape == "rules":
            result[key] = [*value, *(old or [])]
        else:
            result[key] = _merge_value(shape, old, value)
    return result


def _merge_value(shape: str, old: Any, new: Any) -> Any:
    if shape == "map":
        return {**(old or {}), **new}
    return [*(old or []), *new]


def build(data: Mapping[str, Any]) -> Rules:
    def words(key: str, ignore_case: bool = True) -> Phrases:
        return Phrases(tuple(data.get(key) or ()), ignore_case)

    def group(key: str, name: str) -> Any:
        return (data.get(key) or {}).get(name) or ()

    back = data.get("back_references") or {}
    references = [
        f"{determiner} {noun}"
        for determiner in back.get("determiners") or ()
        for noun in back.get("nouns") or ()
    ]
    back_reference = Phrases((*references, *(back.get("openers") or ())))
    dates = data.get("dates") or {}
    amounts = data.get("amounts") or {}
    return Rules(
        demonyms=dict(data.get("demonyms") or {}),
        codes_in_text=frozenset(data.get("codes_in_text") or ()),
        capitals=dict(data.get("capitals") or {}),
        places=dict(data.get("places") or {}),
        venues=tuple(data.get("venues") or ()),
        not_partners=words("not_partners", ignore_case=False),
        venue_words=words("venue_words"),
        topic_words=words("topic_words"),
        topic_nouns=words("topic_nouns"),
        implied_frameworks=tuple(
            ImpliedFramework(
                rule["framework"],
                frozenset(rule["partners"]) if rule.get("partners") else None,
                Phrases(tuple(rule["words"])) if rule.get("words") else None,
            )
            for rule in data.get("implied_frameworks") or ()
        ),
        kinds=tuple(
            KindRule(
                rule["kind"],
                rule.get("rule") or f"words of {rule['kind']}",
                Phrases(tuple(rule["words"])),
                Phrases(tuple(rule["with"])) if rule.get("with") else None,
                Phrases(tuple(rule["unless"])) if rule.get("unless") else None,
                rule.get("group"),
                rule.get("ongoing"),
            )
            for rule in data.get("kinds") or ()
        ),
        levels=_vocabulary_rules(data.get("levels") or (), "level"),
        domains=_vocabulary_rules(data.get("domains") or (), "domain"),
        titles=tuple(data.get("titles") or ()),
        honorifics=tuple(data.get("honorifics") or ()),
        plans=words("plans"),
        plan_verbs=words("plan_verbs"),
        announcements=words("announcements"),
        deadlines=tuple(data.get("deadlines") or ()),
        opinions=words("opinions"),
        courtesies=words("courtesies"),
        negations=tuple(data.get("negations") or ()),
        preparations=tuple(data.get("preparations") or ()),
        readouts=words("readouts"),
        statements=words("statements"),
        capital_verbs=frozenset(data.get("capital_verbs") or ()),
        past_verbs=frozenset(data.get("past_verbs") or ()),
        topic_shifts=words("topic_shifts"),
        continuations=words("continuations"),
        participants=words("participants"),
        ongoing_be=tuple(group("ongoing", "be")),
        ongoing_phrases=Phrases(tuple(group("ongoing", "phrases"))),
        ongoing_except=tuple(group("ongoing", "except")),
        held_at=words("held_at"),
        occasions=words("occasions"),
        back_reference=back_reference,
        new_event_verbs=words("new_event_verbs"),
        first_phrases=Phrases(tuple(group("firsts", "phrases"))),
        first_nouns=tuple(group("firsts", "nouns")),
        first_not_after=tuple(group("firsts", "not_after")),
        sequence_words=tuple(data.get("sequence_words") or ()),
        months=dict(dates.get("months") or {}),
        weekdays=dict(dates.get("weekdays") or {}),
        seasons={name: (pair[0], pair[1]) for name, pair in (dates.get("seasons") or {}).items()},
        parts={name: (pair[0], pair[1]) for name, pair in (dates.get("parts") or {}).items()},
        abbreviations=frozenset(data.get("abbreviations") or ()),
        currencies=dict(amounts.get("currencies") or {}),
        multipliers=dict(amounts.get("multipliers") or {}),
    )


def _vocabulary_rules(rules: Sequence[Mapping[str, Any]], key: str) -> tuple[VocabularyRule, ...]:
    return tuple(VocabularyRule(rule[key], Phrases(tuple(rule["words"]))) for rule in rules)
