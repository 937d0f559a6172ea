"""The literal tests that spare the engine a search (accord.extract.literals), and the rules that use
them: the folding they rely on holds for every code point; `needs` accepts what every match holds and
rejects what some match lacks; and every gated search answers what the search alone answers, on both
engines, on hand-written and random texts that meet the gates' edges (case variants the engine folds
onto ASCII, long runs of whitespace, a verb just inside or outside its reach). Deliberately wrong
gates are shown to be caught."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from accord.extract import literals
from tests.extract.random_texts import engines, random_texts

_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))

_HAND = [
    "This Memorandum of Understanding is not legally binding and does not create legal obligations.",
    "The arrangement is non-binding; it shall be governed by international law. It does not create any rights or obligations.",
    "This MOU shall take effect upon signature and shall remain in force for five years, and will continue.",
    "It may be amended by mutual written consent of the Participants. Either may terminate it on 90 days' notice.",
    "The Joint Steering Committee to oversee it; implemented through a Joint Committee, by the Board.",
    "the parties will establish a working group that is to be set up; a council will be institutionalised.",
    "the parties will work to ensure that  regulations   will make markets more open, so  that it works",
    "The two Ministers and Secretaries of State, the senior officials and advisers met.",
    "The two AI ſecretaries and the space ſecretary met.",
    "develop AI in ways consistent with our values, in line with rights that respect and uphold them",
    "These are growing; is expanding; ARE INVESTING; Is   going; are",
    "ſet up İnſtitutionaliſed \u212aorea ıs bındıng oblıgatıons, the ſtatement, the Agreement was ſet up.",
    "양측은 공동위원회를 개최하기로 하였다. 이 양해각서는 서명한 날부터 효력을 발생한다. 법적 구속력이 없다.",
    "상호 서면 합의에 의하여 개정될 수 있다. 6개월 전에 서면으로 통보함으로써 종료할 수 있다.",
    "abcdefghij abcdefghij abcdefghij abcdefghijk were\n\n\t\u2003 institutionalised.",
    "It enters into force on the date of signature. It comes into force from 1 May and will continue.",
    "with Qualcomm adding an additional ",
    "which takes the total to ",
    "Japan will PUT it at, and Korea raises it to nearly ",
]
# Words of the patterns, their cut-off ends, case variants the engine folds, whitespace of kinds.
_PIECES = [
    "the", "The", "this", "This", "present", "Memorandum", "MOU", "agreement", "Agreement", "annex",
    "statement", "of", "under", "is", "are", "Are", "IS", "not", "legally", "binding", "non-", "non",
    "do", "does", "create", "any", "legal", "rights or", "obligations", "governed by", "international law",
    "take", "takes", "enters", "into", "effect", "force", "effective", "upon", "on", "from", "and", "shall",
    "amend", "amended", "by", "mutual", "written", "consent", "notice", "terminate", "days", "months",
    "Implement", "implementation", "through", "Joint", "Steering", "Committee", "Board", "oversee",
    "establish", "launch", "create", "set", "setting", "up", "convene", "hold", "form", "be", "been",
    "was", "were", "to", "launched", "held", "formed", "institutionalised", "institutionalized",
    "ensure", "ensuring", "that", "so", "also", "ministers", "Ministry", "secretaries", "advisors",
    "officials", "in ways", "consistent with", "in line with", "respect", "respects", "reinforces",
    "upholds", "growing", "ing", "will", "ſ", "\u212a", "ı", "İ", "et up", "tatement", "nnex", "inding",
    "개최", "설치", "효력을", "발생", "발효", "법적", "구속력이", "개정", "상호", "합의", "은", "는",
    " ", " ", " ", "  ", "   ", "\n", "\t", "\u2003", "\u00a0", ".", ",", ";", ":", "U.", "S.", "-", "'",
    "abcdefghij", "x",
    # _foreign_subject's gated patterns: joint subjects, openers and coordinating words at the edges.
    "cooperation", "Committee", "working groups", "task force", "Sides", "party", "Parties", "leaders",
    "Moreover,", "in this regard", "In This Regard", "furthermore", "ſpecifically", "Now", "nowhere",
    "as well as", "AS WELL AS", "and also", "while", "whıle", "but", "or", "And", "\n",
    # _commitment's: running totals and money others give.
    "puts", "brings", "raising", "takes", "Taking", "at", "more than", "over", "Qualcomm", "NSF",
    "contributing", "invests", "adds", "an additional", "up to", "pledged", "$",
]  # fmt: skip


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _HAND + random_texts(_PIECES, (1500, 30), (1500, 25))


# The folding `folded` relies on, on every code point.


def test_the_engine_folds_onto_ascii_only_the_case_pair_and_the_table() -> None:
    for code in range(128):
        char = chr(code)
        matched = set(re.compile(re.escape(char), re.IGNORECASE).findall(_EVERY_CHARACTER))
        table = {c for c, letter in literals.FOLDING_ONTO_ASCII.items() if letter == char.lower()}
        assert matched == {char.lower(), char.upper()} | table, char


def test_lower_keeps_every_place_and_makes_ascii_and_korean_only_of_themselves() -> None:
    for char in _EVERY_CHARACTER:
        if char in literals.FOLDING_ONTO_ASCII:
            continue
        lowered = char.lower()
        assert len(lowered) == 1, hex(ord(char))
        if lowered.isascii() or "\uac00" <= lowered <= "\ud7a3":
            assert lowered == char or char.isascii(), hex(ord(char))


def test_korean_syllables_match_only_themselves_in_any_case() -> None:
    # The engine matches a character without case (as sre_compile reads it) as written.
    import _sre

    assert not any(_sre.unicode_iscased(code) for code in range(0xAC00, 0xD7A4))
    for char in "개최설치신설출범발족구성효력발효법적구속력정수":
        assert re.compile(char, re.IGNORECASE).findall(_EVERY_CHARACTER) == [char]


def test_the_whitespace_class_is_isspace() -> None:
    assert set(re.findall(r"\s", _EVERY_CHARACTER)) == {c for c in _EVERY_CHARACTER if c.isspace()}


def test_folded_is_lower_or_none() -> None:
    assert literals.folded("The MOU", 0, 7) == "the mou"
    assert literals.folded("The MOU", -3, 3) == "the"  # a negative bound is 0, as the engine reads it
    assert literals.folded("ſet", 0, 3) is None
    assert literals.folded("été Été", 0, 7) == "été été"
    assert literals.may_hold(("set",), "ſet", 0, 3)
    assert not literals.may_hold(("set",), "sat", 0, 3)


# `needs`: what it accepts is held by every match; what some match lacks is rejected.


def _gates(package: str) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    terms = importlib.import_module(f"{package}.extract.terms")
    assembly = importlib.import_module(f"{package}.extract.assembly")
    areas = importlib.import_module(f"{package}.extract.areas")
    modality = importlib.import_module(f"{package}.extract.modality")
    lex = modality._lexicon()
    return [
        (terms._NOT_BINDING, terms._NOT_BINDING_NEEDS),
        (terms._BINDING, terms._BINDING_NEEDS),
        (terms._ENTRY, terms._ENTRY_NEEDS),
        (terms._AMENDMENT, terms._AMENDMENT_NEEDS),
        (terms._FRAMEWORK, terms._FRAMEWORK_NEEDS),
        (terms._KOREAN_NOT_BINDING, terms._KOREAN_NOT_BINDING_NEEDS),
        (terms._KOREAN_ENTRY, terms._KOREAN_ENTRY_NEEDS),
        (terms._KOREAN_AMENDMENT, terms._KOREAN_AMENDMENT_NEEDS),
        (assembly._CREATES, assembly._CREATES_NEEDS),
        (assembly._CREATED, assembly._CREATED_NEEDS),
        (assembly._AIMED_AT, assembly._AIMED_AT_NEEDS),
        (areas._AS_A_VALUE_BEFORE, areas._AS_A_VALUE_NEEDS),
        (areas._OFFICE_AFTER, areas._OFFICE_NEEDS),
        (modality._PROGRESSIVE, modality._PROGRESSIVE_NEEDS),
        (lex.instrument_subject, lex.instrument_needs),
        (assembly._JOINT_SUBJECT, assembly._JOINT_NEEDS),
        (assembly._CUMULATIVE, assembly._CUMULATIVE_NEEDS),
        (assembly._OTHER_GIVES, assembly._OTHER_GIVES_NEEDS),
    ]


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for start in range(len(text) + 1):
        match = pattern.match(text, start)
        if match is not None:
            yield match


def test_every_match_holds_one_of_the_literals(texts: list[str]) -> None:
    seen = 0
    for pattern, needed in _gates("accord"):
        for text in texts:
            for match in _matches(pattern, text):
                seen += 1
                assert literals.may_hold(needed, text, match.start(), match.end()), (pattern.pattern, match)
    assert seen > 1000


@pytest.mark.parametrize(
    ("pattern", "wrong"),
    [
        (r"\b(?:is|are) not binding|do not create obligations", ("binding",)),
        (r"legally[- ]binding", ("legally binding",)),
        (r"set(?:ting)? up", ("set up",)),
        (r"(?:be|were)\s+held", ("be held", "were held")),
        (r"amend\w*", ("amended",)),
        (r"x(?:ab)?y", ("ab",)),
        (r"(?:of)?fice", ("office",)),
        (r"a{0,2}b", ("ab",)),
        (r"[A-Za-z]binding", ("xbinding",)),
        (r"(?<=x)binding", ("xbinding",)),
        (r"(?i)\u00e9t\u00e9", ("\u00e9t\u00e9",)),  # a letter outside ASCII: other characters match it
    ],
)
def test_needs_rejects_what_some_match_lacks(pattern: str, wrong: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        literals.needs(re.compile(pattern, re.IGNORECASE), *wrong)


def test_needs_accepts_what_every_match_holds() -> None:
    assert literals.needs(re.compile(r"\b(?:is|are) not binding|non-?binding", re.I), "binding")
    assert literals.needs(re.compile(r"(?:be|were)\s+held"), "held")
    assert literals.needs(re.compile(r"a(?:b|c)d"), "abd", "acd")
    assert literals.needs(re.compile(r"(?:x|y)+binding"), "binding")


# Every gated search answers what the search alone answers.


def _windows(text: str) -> Iterator[tuple[int, int]]:
    n = len(text)
    yield from ((0, n), (-3, n + 3), (1, n - 1), (n // 2, n), (0, n // 2), (5, 2))
    for lo in range(0, n, 7):
        yield lo, min(n, lo + 60)


def _same(found: object, expected: object) -> bool:
    if isinstance(found, re.Match) and isinstance(expected, re.Match):
        return found.span() == expected.span()
    return found == expected


def _first_difference(
    package: str, texts: list[str]
) -> tuple[str, str, object] | None:  # (which, text, where) of the first gate that answers otherwise
    terms = importlib.import_module(f"{package}.extract.terms")
    assembly = importlib.import_module(f"{package}.extract.assembly")
    areas = importlib.import_module(f"{package}.extract.areas")
    modality = importlib.import_module(f"{package}.extract.modality")
    lits = importlib.import_module(f"{package}.extract.literals")
    lex = modality._lexicon()
    searched = [
        (terms._NOT_BINDING, terms._NOT_BINDING_NEEDS),
        (terms._BINDING, terms._BINDING_NEEDS),
        (terms._ENTRY, terms._ENTRY_NEEDS),
        (terms._AMENDMENT, terms._AMENDMENT_NEEDS),
        (terms._FRAMEWORK, terms._FRAMEWORK_NEEDS),
        (terms._KOREAN_NOT_BINDING, terms._KOREAN_NOT_BINDING_NEEDS),
        (terms._KOREAN_ENTRY, terms._KOREAN_ENTRY_NEEDS),
        (terms._KOREAN_AMENDMENT, terms._KOREAN_AMENDMENT_NEEDS),
    ]
    diplomacy = (("diplomacy", False),)
    for text in texts:
        n = len(text)
        for lo, hi in _windows(text):
            window = lits.folded(text, lo, hi)
            for pattern, needed in searched:
                if not _same(
                    terms._search(pattern, needed, window, text, lo, hi), pattern.search(text, lo, hi)
                ):
                    return pattern.pattern, text, (lo, hi)
            if lo >= 0 and not _same(terms._notice(text, lo, hi, window), terms._notice(text, lo, hi, None)):
                return "_notice", text, (lo, hi)
            gate = lits.may_hold(lex.instrument_needs, text, lo, hi)
            if not gate and lex.instrument_subject.match(text, lo, hi) is not None:
                return "instrument_subject", text, (lo, hi)
            if lo >= 0 and assembly._created_before(text, lo, hi) != (
                assembly._CREATES.search(text, lo, hi) is not None
            ):
                return "_created_before", text, (lo, hi)
            if assembly._cumulative(text, lo, hi) != (assembly._CUMULATIVE.search(text, lo, hi) is not None):
                return "_cumulative", text, (lo, hi)
            if not _same(assembly._other_gives(text, lo, hi), assembly._OTHER_GIVES.search(text, lo, hi)):
                return "_other_gives", text, (lo, hi)
            if modality._progressive(text, lo, hi) != (
                modality._PROGRESSIVE.fullmatch(text, lo, hi) is not None
            ):
                return "_progressive", text, (lo, hi)
        for at in range(n + 1):
            if assembly._created_after(text, at) != (assembly._CREATED.match(text, at) is not None):
                return "_created_after", text, at
            office = text.startswith(" ", at) and areas._OFFICE_AFTER.match(text, at) is not None
            if areas._office_after(text, at) != office:
                return "_office_after", text, at
            value = areas._AS_A_VALUE_BEFORE.search(text, max(0, at - areas._VALUE_REACH), at) is not None
            if areas._is_a_value(diplomacy, text, at) != value:
                return "_is_a_value", text, at
            zone = text[max(0, at - 120) : at]
            if not _same(assembly._aimed_at(zone), assembly._AIMED_AT.match(zone)):
                return "_aimed_at", zone, at
            if assembly._joint_subject(zone) != (assembly._JOINT_SUBJECT.search(zone) is not None):
                return "_joint_subject", zone, at
            if assembly._coordinated_tail(zone) != (assembly._COORDINATED_TAIL.search(zone) is not None):
                return "_coordinated_tail", zone, at
            opening = text[at : at + 60]
            if assembly._without_openers(opening) != assembly._OPENERS.sub("", opening):
                return "_without_openers", opening, at
    return None


@pytest.mark.parametrize("package", engines())
def test_the_gated_searches_answer_as_the_searches(package: str, texts: list[str]) -> None:
    assert _first_difference(package, texts) is None


def _wrong_folding(text: str, lo: int, hi: int) -> str | None:
    return text[max(lo, 0) : max(hi, 0)].lower()  # str.lower alone: "ſet up" is no "set up"


@pytest.mark.parametrize(
    ("module", "name", "wrong", "caught"),
    [
        ("literals", "folded", _wrong_folding, None),
        ("terms", "_NOT_BINDING_NEEDS", ("binding",), "_NOT_BINDING"),
        ("terms", "_ENTRY_NEEDS", ("effect",), "_ENTRY"),
        # "institutionali", the literal of the longest word, ends 14 letters into it
        ("assembly", "_CREATED_LONGEST", len("institutionali") - 1, "_created_after"),
        ("assembly", "_CREATED_REACH", 40 + len("were") - 1, "_created_after"),
        (
            "assembly",
            "_CREATES_NEEDS",
            ("establish", "launch", "creat", "convene", "hold", "form"),
            "_created_before",
        ),
        ("areas", "_OFFICE_LONGEST", len("minist") - 1, "_office_after"),
        ("areas", "_OFFICE_FIRST", "msaMSAſ", "_office_after"),  # "officials" left out
        ("areas", "_OFFICE_FIRST", "msaoMSAO", "_office_after"),  # "ſecretary" left out
        ("areas", "_AS_A_VALUE_NEEDS", ("in way", "consistent with", "respect"), "_is_a_value"),
        ("modality", "_PROGRESSIVE_NEEDS", ("are",), "_progressive"),
        ("assembly", "_AIMED_AT_NEEDS", ("ensur", "that"), "_aimed_at"),
        ("assembly", "_JOINT_NEEDS", ("cooperation", "committee", "group", "side"), "_joint_subject"),
        # "as well as", the longest word, is cut to "s well as"; "in this regard" to "in this regar"
        ("assembly", "_COORDINATED_LONGEST", len("as well as") - 1, "_coordinated_tail"),
        ("assembly", "_OPENER_LONGEST", len("in this regard") - 1, "_without_openers"),
        ("assembly", "_CUMULATIVE_NEEDS", ("put", "bring", "rais"), "_cumulative"),
        (
            "assembly",
            "_OTHER_GIVES_NEEDS",
            ("contribut", "invest", "provid", "commit", "pledg"),
            "_other_gives",
        ),
    ],
)
def test_a_wrong_gate_is_caught(
    module: str, name: str, wrong: object, caught: str | None, texts: list[str], monkeypatch: Any
) -> None:
    """On the sources, where a module's names can be replaced: each wrong gate answers otherwise on
    some text (a wrong folding, a literal left out, a reach one too short)."""
    target: ModuleType = importlib.import_module(f"accord.extract.{module}")
    monkeypatch.setattr(target, name, wrong)
    difference = _first_difference("accord", texts)
    assert difference is not None
    if caught is not None:
        terms = importlib.import_module("accord.extract.terms")
        expected = getattr(terms, caught).pattern if caught.isupper() else caught
        assert difference[0] == expected
