"""Parties: countries by ISO 3166-1 alpha-2 code, and international organisations, with
English and Korean names.

Country names come from the CLDR data that Babel ships, so every ISO party is known
offline; a few official short forms used in agreements replace CLDR's colloquial ones
(CLDR says "South Korea", agreements say "Republic of Korea").

Organisations sign and act too (the EU in G7 and TTC texts). Their codes follow one rule:
the code ISO 3166 reserves for the organisation where there is one (`EU`, `UN`), else the
organisation's own acronym (`ASEAN`), unless that acronym is a country's ISO code. The
African Union's acronym `AU` is Australia's, and its French/Portuguese `UA` is Ukraine's,
so it is `AFU` (three letters, the way ISO 3166-1 alpha-3 forms codes from a name; no
country has it, and a code of more than two letters can never collide with a country).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale

from accord.errors import InputError

# The longest code a party may have; storage sizes its code columns by it.
CODE_MAX_LENGTH = 8
# What a party code looks like before it is looked up: letters only, two to eight of them.
CODE_PATTERN = rf"^[A-Za-z]{{2,{CODE_MAX_LENGTH}}}$"

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
    organisation: bool = False


# Korean names as the Korean Ministry of Foreign Affairs writes them.
ORGANISATIONS = (
    Party("EU", "European Union", "유럽연합", organisation=True),
    Party("AFU", "African Union", "아프리카연합", organisation=True),
    Party("ASEAN", "Association of Southeast Asian Nations", "아세안", organisation=True),
    Party("UN", "United Nations", "국제연합", organisation=True),
)


@cache
def all_parties() -> dict[str, Party]:
    """Every known party by code: the countries, then the organisations."""
    english = Locale("en").territories
    korean = Locale("ko").territories
    parties = {
        code: Party(code, _OFFICIAL_EN.get(code, english[code]), korean.get(code, english[code]))
        for code in sorted(english)
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    # A test checks that no organisation's code is a country's: records under it would be ambiguous.
    parties.update((organisation.code, organisation) for organisation in ORGANISATIONS)
    return parties


def party(code: str) -> Party:
    """The party for a country's ISO 3166-1 alpha-2 code or an organisation's code, case-insensitive."""
    known = all_parties()
    found = known.get(code.strip().upper())
    if found is None:
        organisations = ", ".join(f"{o.code} ({o.name_en})" for o in ORGANISATIONS)
        raise InputError(
            f"unknown party code {code!r}",
            hint=f"use an ISO 3166-1 alpha-2 country code such as US, KR, JP or DE, or an organisation: {organisations}",
        )
    return found


def is_party_code(code: str) -> bool:
    """Whether `code` names a known party (case-insensitive), e.g. to tell a party from a body's name."""
    return code.strip().upper() in all_parties()


def party_list(codes: Iterable[str]) -> tuple[str, ...]:
    """The codes of an agreement's parties, in order; an unknown or repeated code is refused."""
    found: list[str] = []
    for code in codes:
        known = party(code).code
        if known in found:
            raise InputError(f"party {known} is named twice", hint="name each party once")
        found.append(known)
    return tuple(found)
