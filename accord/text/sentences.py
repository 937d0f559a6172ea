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
    if token in ABBREVIATIONS or is_initials(token):
        return True
    # "India-U.S. Defense ...": initials at the end of a hyphenated name end no sentence either.
    # (What follows the last "-": `token.rsplit("-", 1)[-1]`.)
    hyphen = token.rfind("-")
    return hyphen >= 0 and is_initials(token[hyphen + 1 :])


def is_initials(token: str) -> bool:
    """`_INITIALS.fullmatch(token) is not None`: `token` is one or more pairs of a letter a-z and a
    period. Read pair by pair rather than by the engine, whose call cost more than the reading."""
    n = len(token)
    if n == 0 or n % 2 == 1:
        return False
    for i in range(0, n, 2):
        letter = ord(token[i])
        if letter < 97 or letter > 122 or token[i + 1] != ".":
            return False
    return True


_FINALS = ".!?…。"


def final_marks(text: str, start: int = 0, end: int = -1) -> list[int]:
    """The places of the final marks (`_FINALS`) in text[start:end], in order: found by `str.find`,
    which passes over a text far faster than a search testing each character against the class.
    Segmentation finds them once for the whole document and `candidates` takes each block's."""
    if end < 0:
        end = len(text)
    marks: list[int] = []
    for mark in _FINALS:
        at = text.find(mark, start, end)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1, end)
    marks.sort()
    return marks


def candidates(text: str, start: int, end: int, marks: list[int] | None = None) -> list[tuple[int, int, int]]:
    """(start, end of group 1, end) of each match `_CANDIDATE.finditer(text, start, end)` gives,
    tried only at the final marks: `marks`, the places of all the final marks of `text` in order
    (`final_marks(text)`), or None for those of the span to be found here.

    Every match begins with a final mark (the pattern's first character class), so finditer's walk
    (try each position from `start`, and after a match resume at its end, a match never being
    empty) finds the same matches when it tries only the positions of the marks in order, those
    before the end of the last match left out. A mark is tried by `_match_at`.
    """
    if marks is None:
        marks, i = final_marks(text, start, end), 0
    else:
        i = _first_at_or_after(marks, start)
    found: list[tuple[int, int, int]] = []
    resume, count = start, len(marks)
    while i < count:
        at = marks[i]
        i += 1
        if at >= end:
            break
        if at < resume:
            continue
        stop, after = _match_at(text, at, end)
        if after >= 0:
            found.append((at, stop, after))
            resume = after
    return found


def _first_at_or_after(marks: list[int], start: int) -> int:
    """`bisect_left(marks, start)`, written out: compiled, a tenth of the call's cost."""
    lo, hi = 0, len(marks)
    while lo < hi:
        middle = (lo + hi) // 2
        if marks[middle] < start:
            lo = middle + 1
        else:
            hi = middle
    return lo


def _match_at(text: str, at: int, end: int) -> tuple[int, int]:
    r"""(end of group 1, end) of `_CANDIDATE.match(text, at, end)` for a final mark at `at`, or
    (-1, -1) where it does not match.

    The pattern's parts are runs of four classes that share no character (final marks, closing
    marks, whitespace, then one character that is neither whitespace nor a-z, looked at), so its
    only possible match takes each run whole: giving a character back leaves it where the next part
    needs a character of another class. The whole runs are read here, one character at a time
    (compiled, `ord(text[k])` is read in place: no string is made); `\s` is `str.isspace` (the
    same for every code point: tests/extract/test_sentences.py checks it).
    """
    k = at + 1
    while k < end and _is_final(ord(text[k])):
        k += 1
    while k < end and _is_closing(ord(text[k])):
        k += 1
    stop = k
    while k < end and _is_space(text, k):
        k += 1
    if k in (stop, end) or 97 <= ord(text[k]) <= 122:
        return -1, -1
    return stop, k


def _is_final(code: int) -> bool:  # .!?…。
    return code == 46 or code == 33 or code == 63 or code == 0x2026 or code == 0x3002


def _is_closing(code: int) -> bool:  # "'”’)]
    return code == 34 or code == 39 or code == 0x201D or code == 0x2019 or code == 41 or code == 93


def _is_space(text: str, k: int) -> bool:
    code = ord(text[k])
    if code == 32:
        return True
    if 32 < code < 128:
        return False  # the other ASCII spaces are below 32
    return text[k].isspace()


def sentence_spans(text: str, start: int, end: int, marks: list[int] | None = None) -> list[tuple[int, int]]:
    """Trimmed [start, end) spans of the sentences in text[start:end], covering all its non-blank text.
    `marks`: the places of the final marks of the whole text (`final_marks(text)`), if known."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    spans: list[tuple[int, int]] = []
    begin = start
    for at, stop, after in candidates(text, start, end, marks):
        if stop - at == 1 and text[at] == "." and _is_abbreviation(text, at, begin):
            continue
        spans.append((begin, stop))
        begin = after
    spans.append((begin, end))
    return spans
