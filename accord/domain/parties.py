"""Parties are countries by ISO 3166-1 alpha-2 code, with English and Korean names.

Names come from the CLDR data that Babel ships, so every ISO party is known
offline; a few official short forms used in agreements replace CLDR's
colloquial ones (CLDR says "South Korea", agreements say "Republic of Korea").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale

from accord.errors import InputError

# CLDR territory codes that are not ISO 3166-1 alpha-2 country codes: regions,
# unions, private-use and exceptionally reserved codes.
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "QO", "UN", "XA", "XB", "XK", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"}
)

_OFFICIAL_EN = {
    "KR": "Republic of Korea",
    "KP": "Democratic People's Republic of Korea",
    "US": "United States",
    "VN": "Viet Nam",
}


@dataclass(frozen=True, slots=True)
class Party:
    code: str
    name_en: str
    name_ko: str


@cache
def all_parties() -> dict[str, Party]:
    english = Locale("en").territories
    korean = Locale("ko").territories
    return {
        code: Party(code, _OFFICIAL_EN.get(code, english[code]), korean.get(code, english[code]))
        for code in sorted(english)
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def party(code: str) -> Party:
    """The party for an ISO 3166-1 alpha-2 code, case-insensitive."""
    known = all_parties()
    found = known.get(code.strip().upper())
    if found is None:
        raise InputError(
            f"unknown party code {code!r}",
            hint="use an ISO 3166-1 alpha-2 country code such as US, KR, JP or DE",
        )
    return found
