"""The partner registry: codes, aliases in any case, groupings, did-you-mean."""

from __future__ import annotations

import re

import pytest

from jdiplo.partners import UnknownCode, builtin_registry

REQUIRED = {
    "US", "ROK", "DPRK", "CN", "RU", "UK", "IT", "DE", "ES", "FR", "AU", "NZ", "CA", "IN", "PH",
    "UA", "NATO", "EU", "IP4", "QUAD", "AUKUS", "G7",
}  # fmt: skip


def test_the_required_partners_are_built_in() -> None:
    registry = builtin_registry()
    assert set(registry.partner_codes()) >= REQUIRED
    assert {registry.partners[code].kind for code in ("IP4", "QUAD", "AUKUS", "G7")} == {"grouping"}
    assert set(registry.partners["IP4"].members) == {"JP", "AU", "NZ", "ROK"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ROK", "ROK"),
        ("rok", "ROK"),
        ("KR", "ROK"),
        ("South Korea", "ROK"),
        ("republic of korea", "ROK"),
        ("USA", "US"),
        ("United States", "US"),
        ("GB", "UK"),
        ("United Kingdom", "UK"),
        ("Britain", "UK"),
        ("  nato ", "NATO"),
    ],
)
def test_aliases_are_case_insensitive(text: str, code: str) -> None:
    assert builtin_registry().resolve_partner(text) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Spian", "did you mean 'ES'?"),
        ("Koria", "did you mean 'ROK'?"),
        ("JP", "focal party"),
        ("JUSK", "is a framework (use --framework)"),
    ],
)
def test_unknown_partners_say_what_was_meant(text: str, message: str) -> None:
    with pytest.raises(UnknownCode, match=re.escape(message)):
        builtin_registry().resolve_partner(text)


def test_every_code_name_and_alias_names_one_entry() -> None:
    registry = builtin_registry()
    seen: dict[str, str] = {}
    for entry in [*registry.partners.values(), *registry.frameworks.values()]:
        for name in (entry.code, entry.name, *entry.aliases):
            assert seen.setdefault(name.casefold(), entry.code) == entry.code, name


def test_group_members_are_known_partners() -> None:
    registry = builtin_registry()
    for partner in registry.partners.values():
        assert set(partner.members) <= set(registry.partners), partner.code


def test_records_store_codes_not_aliases() -> None:
    registry = builtin_registry()
    assert registry.check_partner_code("ROK") is None
    assert registry.check_partner_code("KR") == "'KR' is not a partner code: write 'ROK'"
    assert registry.check_framework_code("IP4") is None  # a grouping serves as a framework
    assert registry.check_framework_code("2+2") is None
    assert registry.check_country_code("JP") is None  # Japan is a country, not a partner
    assert registry.check_country_code("NATO") == "NATO is an organisation, not a country"
