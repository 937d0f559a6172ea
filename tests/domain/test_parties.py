"""The party registry: ISO countries from CLDR, and the organisations that sign beside them."""

from __future__ import annotations

import re

import pytest

from accord.domain.parties import CODE_PATTERN, ORGANISATIONS, all_parties, is_party_code, party
from accord.errors import InputError


@pytest.mark.parametrize(
    ("code", "english", "korean"),
    [
        ("EU", "European Union", "유럽연합"),
        ("AFU", "African Union", "아프리카연합"),
        ("ASEAN", "Association of Southeast Asian Nations", "아세안"),
        ("UN", "United Nations", "국제연합"),
    ],
)
def test_organisations_are_parties_with_english_and_korean_names(
    code: str, english: str, korean: str
) -> None:
    found = party(code.lower())
    assert (found.code, found.name_en, found.name_ko, found.organisation) == (code, english, korean, True)


def test_countries_stay_iso_codes_and_au_is_australia() -> None:
    assert party("au").name_en == "Australia" and not party("AU").organisation
    assert party("kr").name_en == "Republic of Korea" and party("KR").name_ko == "대한민국"
    countries = [p for p in all_parties().values() if not p.organisation]
    assert len(countries) > 240 and all(len(p.code) == 2 for p in countries)


def test_no_organisation_takes_a_country_code_and_every_code_has_the_shape_the_api_accepts() -> None:
    countries = {p.code for p in all_parties().values() if not p.organisation}
    assert not countries & {o.code for o in ORGANISATIONS}
    assert all(re.fullmatch(CODE_PATTERN, code) for code in all_parties())
    assert [p.code for p in all_parties().values() if p.organisation] == ["EU", "AFU", "ASEAN", "UN"]


def test_an_unknown_code_names_the_organisations_in_its_hint() -> None:
    with pytest.raises(InputError, match="unknown party code 'AX1'") as raised:
        party("AX1")
    assert "AFU (African Union)" in (raised.value.hint or "")
    assert is_party_code(" asean ") and not is_party_code("NSF")
