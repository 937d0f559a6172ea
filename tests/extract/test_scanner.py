"""The vocabulary scanner: words found at word edges, and Hangul keywords inside Korean compounds
when a vocabulary asks for it."""

from __future__ import annotations

import pytest

from accord.extract.scanner import Scanner
from tests.extract.random_texts import engines


def found(scanner: Scanner[str], text: str) -> list[tuple[str, str]]:
    return [(text[start:end], payload) for start, end, payload, _match in scanner.scan(text)]


def test_an_english_word_is_not_found_inside_another() -> None:
    scanner = Scanner([("in", "IN"), ("forum", "FORUM")], hangul_inside_words=True)
    assert found(scanner, "within the forum, in Lima") == [("forum", "FORUM"), ("in", "IN")]


@pytest.mark.parametrize("inside", [False, True])
def test_a_hangul_keyword_inside_a_compound_is_found_only_when_asked(inside: bool) -> None:
    scanner = Scanner(
        [("위원회", "committee"), ("양자", "quantum")], word_end=False, hangul_inside_words=inside
    )
    text = "양국은 양자기술공동위원회를 개최한다."
    expected = [("양자", "quantum"), ("위원회", "committee")] if inside else [("양자", "quantum")]
    assert found(scanner, text) == expected


def test_a_hangul_pattern_with_no_literal_start_is_found_inside_a_compound_too() -> None:
    scanner = Scanner([("[가-힣]회의", "meeting")], word_end=False, hangul_inside_words=True)
    assert found(scanner, "정례장관회의를 연다") == [("관회의", "meeting")]


def test_every_area_keyword_has_a_literal_beginning_for_the_shared_pass() -> None:
    # One with none is searched alone over every text: a single one made areas.v1 four times slower.
    from accord.extract import lexicon
    from accord.extract.scanner import literal_prefixes

    vocabulary = lexicon.load("areas")
    unanchored = [
        keyword
        for tier in vocabulary.values()
        for keywords in tier.values()
        for keyword in keywords
        if literal_prefixes(keyword.removeprefix("\\b"), classes=keyword != keyword.lower()) is None
    ]
    assert unanchored == []


_FIGURES = [
    "The two sides pledged 3 trillion won and 1,500,000 US dollars over 5 years.",
    "A1,5 million won was spent; 2.5.3 won too, and 7.won, 8 .5 won, 1,2,3,, dollars.",
    "정부는 100억 원을, 기업은 ５０ 억원을, 연구원 3명은 12 백만 달러를 지원한다.",
    "١٢٣ dollars, ５ million yen, 12,000 Korean won, 7 KRW, 8 bn USD, 9 European euros, 10 euro",
    "5 million\nwon, 10  dollars, 1,000 trillion dollars, 4 thousandUSD, 6 m USD, 2 mn, 3 bn.",
    "",
    "won 5 won",
]


@pytest.mark.parametrize("package", engines())
def test_a_figure_first_pattern_tried_only_before_its_keys_finds_what_searching_all_the_text_does(
    package: str,
) -> None:
    # money.v1's "3 trillion won": only the places up to its reach before a currency are tried.
    import importlib
    import random

    scanner_module = importlib.import_module(f"{package}.extract.scanner")
    money = importlib.import_module(f"{package}.extract.money")._money().scanner
    [(_order, pattern, _payload, reach)] = money._figure_first
    keys = list(money._keys)
    pieces = ["1", "0", "١", "５", ",", ".", " ", "million", "m", "trillion", "won", "Korean won", "USD"]
    pieces += [
        "dollars",
        "원",
        "억",
        "백만",
        " 원",
        "A",
        "$",
        "KRW",
        "\n",
        "wonder",
        "European",
        "(",
        "위원회",
    ]
    rng = random.Random(15)
    texts = _FIGURES + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for text in texts:
        for lo, hi in ((0, len(text)), (min(3, len(text)), max(0, len(text) - 2))):
            places = sorted(
                at for key in keys for at in range(lo, hi) if text.startswith(key, at) and at + len(key) <= hi
            )
            searched = [m.span() for m in pattern.finditer(text, lo, hi)]
            tried = [m.span() for m in scanner_module._figures_before(pattern, text, lo, hi, places, reach)]
            assert tried == searched, (text, lo, hi)
