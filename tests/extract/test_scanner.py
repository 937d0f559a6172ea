"""The vocabulary scanner: words found at word edges, and Hangul keywords inside Korean compounds
when a vocabulary asks for it."""

from __future__ import annotations

import pytest

from accord.extract.scanner import Scanner


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
