"""ISO 3166 alpha-3 codes in the registry: every built-in state has one, organisations none."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from jdiplo.model import PartnerEntry
from jdiplo.partners import builtin_registry


def test_every_built_in_state_has_a_distinct_iso3_code() -> None:
    registry = builtin_registry()
    states = [partner for partner in registry.partners.values() if partner.kind == "state"]
    codes = [partner.iso3 for partner in states]
    assert all(code is not None and re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert {"JP": "JPN", "ROK": "KOR", "UK": "GBR", "US": "USA", "DE": "DEU"}.items() <= {
        partner.code: partner.iso3 for partner in states
    }.items()
    assert all(p.iso3 is None for p in registry.partners.values() if p.kind != "state")


def test_codes_are_found_from_iso3() -> None:
    registry = builtin_registry()
    assert registry.code_of_iso3("kor") == "ROK"
    assert registry.code_of_iso3("JPN") == "JP"
    assert registry.code_of_iso3("IGO") is None


def test_partners_yaml_may_give_a_state_its_iso3() -> None:
    assert (
        PartnerEntry.model_validate(
            {"code": "NO", "name": "Norway", "kind": "state", "iso3": "NOR"}
        ).iso3
        == "NOR"
    )
    with pytest.raises(ValidationError, match="only states have an ISO 3166 code"):
        PartnerEntry.model_validate({"code": "X", "name": "X", "kind": "grouping", "iso3": "XXX"})
    with pytest.raises(ValidationError):
        PartnerEntry.model_validate({"code": "NO", "name": "N", "kind": "state", "iso3": "no"})
