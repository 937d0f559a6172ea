"""Sentence boundaries inside one block of text, as spans into the original string.

A boundary is sentence-final punctuation followed by whitespace and something that
can open a sentence. Abbreviations ("U.S.", "e.g.", "No.") and decimals
("$2.5 billion") do not end sentences; semicolons never do, because list items
that end in ";" are one sentence each.
"""

from __future__ import annotations

import re

# Final punctuation (with any closing quotes), then whitespace, then anything but a lower-case letter.
# (Written "[...][...]*", not "[...]+": a pattern that opens with a plain character class lets the
# engine skip ahead to the next punctuation mark instead of trying a match at every position.)
_CANDIDATE = re.compile(r"([.!?…。][.!?…。]*[\"'”’)\]]*)\s+(?=[^\sa-z])")

# Lower-case tokens, with their final period, that do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "sr.",
        "jr.",
        "st.",
        "gen.",
        "gov.",
        "sen.",
        "rep.",
        "amb.",
        "hon.",
        "pres.",
        "sec.",
        "dept.",
        "no.",
        "nos.",
        "art.",
        "arts.",
        "para.",
        "paras.",
        "sect.",
        "ch.",
        "vol.",
        "pp.",
        "p.",
        "fig.",
        "op.",
        "cf.",
        "viz.",
        "vs.",
        "v.",
        "approx.",
        "inc.",
        "ltd.",
        "co.",
        "corp.",
        "plc.",
        "llc.",
        "e.g.",
        "i.e.",
        "al.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    ]
)

_INITIALS = re.compile(r"(?:[a-z]\.)+")


def _is_abbreviation(text: str, period_at: int, floor: int) -> bool:
    k = max(text.rfind(" ", floor, period_at), text.rfind("\n", floor, period_at)) + 1
    token = text[max(k, floor) : period_at + 1].lstrip("(\"'“‘[").lower()
    # "India-U.S. Defense ...": initials at the end of a hyphenated name end no sentence either.
    last = token.rsplit("-", 1)[-1]
    return (
        token in ABBREVIATIONS
        or _INITIALS.fullmatch(token) is not None
        or _INITIALS.fullmatch(last) is not None
    )


_FINALS = ".!?…。"


def candidates(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches `_CANDIDATE.finditer(text, start, end)` gives, tried only at the final marks.

    Every match begins with a final mark (the pattern's first character class), so finditer's walk
    (try each position from `start`, and after a match resume at its end, a match never being
    empty) finds the same matches when it tries only the positions of the marks, in order: here
    each mark's next place, by `str.find`, the smallest first. `str.find` passes over the text far
    faster than the search's test of each character against the class (~40 ms per MB).
    """
    found: list[re.Match[str]] = []
    marks: list[str] = []
    heads: list[int] = []
    for mark in _FINALS:
        at = text.find(mark, start, end)
        if at >= 0:
            marks.append(mark)
            heads.append(at)
    resume = start
    match_at = _CANDIDATE.match
    while heads:
        at = min(heads)
        if at >= resume:
            match = match_at(text, at, end)
            if match is not None:
                found.append(match)
                resume = match.end()
        i = heads.index(at)  # marks are different characters: one is at `at`
        following = text.find(marks[i], max(at + 1, resume), end)
        if following < 0:
            del heads[i]
            del marks[i]
        else:
            heads[i] = following
    return found


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed [start, end) spans of the sentences in text[start:end], covering all its non-blank text."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    spans: list[tuple[int, int]] = []
    begin = start
    for match in candidates(text, start, end):
        stop = match.end(1)
        if (
            stop - match.start() == 1
            and text[match.start()] == "."
            and _is_abbreviation(text, match.start(), begin)
        ):
            continue
        spans.append((begin, stop))
        begin = match.end()
    spans.append((begin, end))
    return spans
