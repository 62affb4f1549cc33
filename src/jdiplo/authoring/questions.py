"""The questions `jdiplo add` asks on a terminal: for the fields that are missing, and again for
a value that is wrong, so that no answer is ever lost to a mistake in another one.

Each answer is checked at once; a wrong one is asked again with the reason (a did-you-mean,
the vocabulary). A quote is checked against its source file as soon as it is typed, and a
mismatch shows the closest passage of the source. What only the whole record set can tell (a
duplicate id, a related id that does not exist) comes back from `add` as `FieldProblems`, and
`ask_again` asks for the options they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdiplo.authoring.add import Fields, amount, person, place, with_choices
from jdiplo.problems import UsageError, did_you_mean

if TYPE_CHECKING:
    from jdiplo.partners import Registry

Ask = Callable[[str], str]
Say = Callable[[str], None]


@dataclass
class Questions:
    """Asking on a terminal: `ask(question)` returns the answer (possibly empty), `say`
    prints a message; `records_dir` locates the source files quotes are checked against."""

    registry: Registry
    ask: Ask
    say: Say
    records_dir: Path | None = None

    def missing(self, fields: Fields) -> None:
        """Ask for the required fields `fields` lacks."""
        if not fields.date:
            self.again(fields, "--date")
        if not fields.title:
            self.again(fields, "--title")
        if not fields.kind:
            self.again(fields, "--kind")
        if not fields.partners:
            self.again(fields, "--partner")
        if not fields.source_url and not fields.source_file:
            self.again(fields, "--source-url or --source-file")
        if not fields.quote:
            self.again(fields, "--quote")

    def again(self, fields: Fields, option: str) -> None:
        """Ask (again) for the value of `option`, until the answer is valid, and set it."""
        question, check, attribute = self._question(fields, option)
        while True:
            answer = self.ask(question).strip()
            try:
                value = check(answer)
            except (ValueError, UsageError) as error:
                self.say(str(error))
                continue
            break
        if attribute == "source":
            fields.source_url, fields.source_file = (None, value)
            if re.match(r"https?://", value):
                fields.source_url, fields.source_file = value, None
        else:
            setattr(fields, attribute, value)

    def _question(self, fields: Fields, option: str) -> tuple[str, Callable[[str], Any], str]:
        """The question for `option`, the check of an answer, the `Fields` attribute it sets."""
        from jdiplo.vocabularies import DOMAINS, KINDS, LEVELS, STATUSES

        registry = self.registry
        optional = " (empty for none)"
        questions: dict[str, tuple[str, Callable[[str], Any], str]] = {
            "--id": ("Id (lowercase letters, digits, hyphens; empty for the default)", _id, "id"),
            "--date": ("Date (YYYY-MM-DD, YYYY-MM or YYYY)", _required(_date), "date"),
            "--end": ("Last day (YYYY-MM-DD, YYYY-MM or YYYY)" + optional, _date, "end"),
            "--due": ("Due (YYYY-MM-DD, YYYY-MM or YYYY)" + optional, _date, "due"),
            "--status": (f"Status ({', '.join(STATUSES)})", _one_of("status", STATUSES), "status"),
            "--title": ("Title (one line)", _required(_line), "title"),
            "--kind": (f"Kind ({', '.join(KINDS)})", _required(_one_of("kind", KINDS)), "kind"),
            "--partner": (
                "Partners (codes or names, separated by commas)",
                _required(_codes(registry.resolve_partner, "--partner", registry)),
                "partners",
            ),
            "--framework": (
                "Frameworks (codes, separated by commas)" + optional,
                _codes(registry.resolve_framework, "--framework", registry),
                "frameworks",
            ),
            "--level": (
                f"Level ({', '.join(LEVELS)})" + optional,
                _one_of("level", LEVELS),
                "level",
            ),
            "--domain": (
                f"Domains ({', '.join(DOMAINS)}; separated by commas)" + optional,
                _each(_one_of("domain", DOMAINS)),
                "domains",
            ),
            "--person": (
                "People ('Name|Role|Country', separated by ';')" + optional,
                _people(registry),
                "people",
            ),
            "--place": ("Place ('Name|Country')" + optional, _place(registry), "place"),
            "--summary": ("Summary" + optional, _text, "summary"),
            "--first": ("Firsts (separated by ';')" + optional, _list(";"), "firsts"),
            "--amount": ("Amount ('VALUE|CURRENCY' or 'VALUE|CURRENCY|USD')", _amount, "amount"),
            "--tag": ("Tags (separated by commas)" + optional, _list(","), "tags"),
            "--related": ("Related ids (separated by commas)" + optional, _list(","), "related"),
            "--fulfils": (
                "Ids of the announced steps it carries out (separated by commas)" + optional,
                _list(","),
                "fulfils",
            ),
            "--source-title": ("Source title" + optional, _line, "source_title"),
            "--source-publisher": ("Source publisher" + optional, _line, "source_publisher"),
            "--source-author": ("Source author" + optional, _line, "source_author"),
            "--source-date": ("Source date" + optional, _date, "source_date"),
            "--quote": (
                "Quote (verbatim, from the source)",
                _required(self._quote(fields)),
                "quote",
            ),
        }
        source = (
            "Source: a URL, or a file relative to the records' folder",
            _required(_line),
            "source",
        )
        for name in ("--source-url", "--source-file", "--source-url or --source-file"):
            questions[name] = source
        if option not in questions:
            raise UsageError(f"jdiplo cannot ask for {option}", option)
        return questions[option]

    def _quote(self, fields: Fields) -> Callable[[str], str]:
        """A check of a quote against its source file, when it is one that can be read."""
        from jdiplo.quotes import quote_problem

        def check(answer: str) -> str:
            text = _source_text(self.records_dir, fields.source_file)
            if answer and text is not None and (problem := quote_problem(answer, text)):
                raise ValueError(problem)
            return answer

        return check


def _source_text(records_dir: Path | None, file: str | None) -> str | None:
    """The normalised text of a source file inside the records' repository, if readable."""
    from jdiplo.quotes import normalise_quote

    if records_dir is None or not file:
        return None
    base = records_dir.resolve().parent
    path = (base / file).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return normalise_quote(data.decode("utf-8-sig", errors="replace"))


# Checks of answers: each returns the value to set, or raises ValueError with the reason.


def _required(check: Callable[[str], Any]) -> Callable[[str], Any]:
    def required(answer: str) -> Any:
        if not answer:
            raise ValueError("an answer is needed")
        return check(answer)

    return required


def _date(answer: str) -> str | None:
    from jdiplo.dates import parse_partial_date  # its DateError is a ValueError

    if not answer:
        return None
    parse_partial_date(answer)
    return answer


def _line(answer: str) -> str | None:
    return answer or None


def _text(answer: str) -> str | None:
    return answer or None


def _id(answer: str) -> str | None:
    from jdiplo.vocabularies import ID_PATTERN

    if answer and not re.fullmatch(ID_PATTERN, answer):
        raise ValueError(f"invalid id {answer!r}: use lowercase letters, digits and hyphens")
    return answer or None


def _one_of(name: str, values: tuple[str, ...]) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if answer and answer not in values:
            raise ValueError(
                f"unknown {name} {answer!r}{did_you_mean(answer, values)}; "
                f"choose from {', '.join(values)}"
            )
        return answer or None

    return check


def _list(separator: str) -> Callable[[str], list[str]]:
    def split(answer: str) -> list[str]:
        return [item.strip() for item in answer.split(separator) if item.strip()]

    return split


def _each(check: Callable[[str], Any]) -> Callable[[str], list[str]]:
    def each(answer: str) -> list[str]:
        return [check(item) for item in _list(",")(answer)]

    return each


def _codes(
    resolve: Callable[[str], str], option: str, registry: Registry
) -> Callable[[str], list[str]]:
    from jdiplo.partners import UnknownCode

    def codes(answer: str) -> list[str]:
        try:
            return [resolve(name) for name in _list(",")(answer)]
        except UnknownCode as error:
            raise ValueError(with_choices(option, str(error), registry)) from None

    return codes


def _people(registry: Registry) -> Callable[[str], list[str]]:
    def people(answer: str) -> list[str]:
        entries = _list(";")(answer)
        for entry in entries:
            person(entry, registry)  # the form and the country, checked
        return entries

    return people


def _place(registry: Registry) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if answer:
            place(answer, registry)
        return answer or None

    return check


def _amount(answer: str) -> str | None:
    if answer:
        amount(answer)
    return answer or None
