"""Cheap tests that spare the regular-expression engine a search that cannot succeed.

Most rule patterns are matched in any case and open with `\\b`, which the engine cannot skip ahead
for: it tries them at every position of their window. Every match of such a pattern holds one of a
few literal strings ("binding", "obligations"); where the window holds none of them, the search
fails, and finding that out with `str.lower` and `in` costs a small part of what the engine would.

`needs(pattern, *literals)` checks, when the module is imported, that every match of `pattern`
holds one of `literals` (see `_covers`); `may_hold(literals, text, lo, hi)` is the test itself, and
`folded` with `may_hold_in` share one lowered window between the tests of several patterns.

Case is folded exactly as the engine folds it where that is what matters (see `folded`), which
`str.lower` alone does not do: re.IGNORECASE matches "ſ" to "s", "ı" and "İ" to "i", and the Kelvin
sign to "k", and "İ".lower() is two characters long. tests/extract/test_literals.py checks both
claims on every code point.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# The characters outside ASCII that re.IGNORECASE matches to an ASCII letter, each with its letter.
# No other character outside ASCII lowers to one character of ASCII, nor to more than one character.
FOLDING_ONTO_ASCII: dict[str, str] = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLDING_ONTO_ASCII = "".join(FOLDING_ONTO_ASCII)

# Korean syllables have no case: the engine matches one to itself alone in any case, and no other
# character lowers to one. So a literal may hold them as well as ASCII.
_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7a3"

_MAX_STRINGS = 4096  # the most strings a run of fixed pieces is spelled out into (see _covers)


def needs(pattern: re.Pattern[str], *literals: str) -> tuple[str, ...]:
    """`literals`, once it is shown that every match of `pattern` holds one of them; a ValueError if
    that cannot be shown, so that a pattern edited into matching without them fails at import."""
    if not literals or any(not _foldable(literal) or literal != literal.lower() for literal in literals):
        raise ValueError(f"literals must be lower-case ASCII or Korean: {literals!r}")
    if not _covers(list(sre_parse.parse(pattern.pattern, pattern.flags)), literals):
        raise ValueError(f"not every match of {pattern.pattern!r} holds one of {literals!r}")
    return literals


def folded(text: str, lo: int, hi: int) -> str | None:
    """text[lo:hi] (bounds as the engine reads them) lowered, or None when that is not how the engine
    sees it matched in any case: where it holds a character of FOLDING_ONTO_ASCII (almost never).

    Without those, the lowered window is as long as the window, each ASCII character of it lowers to
    the ASCII character at the same place, and no other character lowers to one of ASCII or to a
    Korean syllable: an ASCII or Korean literal matches the window at a place in any case exactly
    where its lower case is found at that place of the lowered window."""
    window = text[max(lo, 0) : max(hi, 0)]  # the engine reads a negative bound as 0, not from the end
    if window.isascii():
        return window.lower()
    for char in _FOLDING_ONTO_ASCII:
        if char in window:
            return None
    return window.lower()


def may_hold_in(window: str | None, literals: tuple[str, ...]) -> bool:
    """Whether a window lowered by `folded` may hold one of `literals`, in any case."""
    if window is None:
        return True
    return any(literal in window for literal in literals)


def may_hold(literals: tuple[str, ...], text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] may hold one of `literals` (lower case) in any case: False only where no
    match of a pattern that `needs` them can lie in that window."""
    return may_hold_in(folded(text, lo, hi), literals)


def _foldable(text: str) -> bool:
    return all(c.isascii() or _HANGUL_FIRST <= c <= _HANGUL_LAST for c in text)


# How every match of a parsed pattern is shown to hold one of the literals.
#
# A piece of a pattern is *fixed* when the strings it can consume form a small known set: a literal
# character, a class that lists its characters ("[- ]"), an alternation of fixed pieces, a group or a
# bounded repetition of one, an optional one (which adds the empty string), and the zero-width ones
# (\b, ^, $, lookarounds), which consume the empty string. Consecutive fixed pieces of a sequence
# consume one string of their product, side by side, in every match. So every match holds one of
# the literals if, in some sequence of the pattern (read from the top), either
#   - every string of the product of a run of consecutive fixed pieces holds one of them, or
#   - some piece does, recursively: an alternation if each of its branches does, a group or a
#     repetition of at least once if its body does.
# A literal is compared in lower case with strings spelled in lower case: a match in any case or as
# written holds the lower case of each character of it where `folded` looks (see there); a character
# that cannot be spelled so (a letter outside ASCII, which other characters may match) ends a run.


def _covers(items: list[Any], literals: tuple[str, ...]) -> bool:
    run: set[str] | None = {""}
    for op, av in items:
        strings = _fixed(op, av)
        if strings is not None and run is not None:
            joined = (
                {a + b for a in run for b in strings} if len(run) * len(strings) <= _MAX_STRINGS else None
            )
            if joined is not None:
                run = joined
                continue
        if run is not None and _all_hold(run, literals):
            return True
        if _piece_covers(op, av, literals):
            return True
        run = strings if strings is not None else {""}
    return run is not None and _all_hold(run, literals)


def _all_hold(strings: set[str], literals: tuple[str, ...]) -> bool:
    return all(any(literal in s for literal in literals) for s in strings)


def _piece_covers(op: Any, av: Any, literals: tuple[str, ...]) -> bool:
    if op is sre_constants.BRANCH:
        return all(_covers(list(branch), literals) for branch in av[1])
    if op is sre_constants.SUBPATTERN:
        return _covers(list(av[3]), literals)
    if op is sre_constants.ATOMIC_GROUP:
        return _covers(list(av), literals)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _covers(list(av[2]), literals)
    return False


def _fixed(op: Any, av: Any) -> set[str] | None:
    """The strings, in lower case, that a piece of a pattern may consume, when they are few and known."""
    if op is sre_constants.LITERAL:
        char = chr(av).lower()
        return {char} if len(char) == 1 and _foldable(char) else None
    if op is sre_constants.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is not sre_constants.LITERAL:
                return None  # a range, a category, a negated class
            char = chr(item_av).lower()
            if len(char) != 1 or not _foldable(char):
                return None
            chars.add(char)
        return chars
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return {""}  # zero-width: it consumes nothing
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            strings = _sequence_fixed(list(branch))
            if strings is None:
                return None
            union |= strings
        return union
    if op is sre_constants.SUBPATTERN:
        return _sequence_fixed(list(av[3]))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence_fixed(list(av))
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, high, body = av
        strings = _sequence_fixed(list(body))
        if strings is None or high > 4:
            return None
        spelled: set[str] = {""} if low == 0 else set()
        power = {""}
        for count in range(1, high + 1):
            power = {a + b for a in power for b in strings}
            if len(power) > _MAX_STRINGS:
                return None
            if count >= low:
                spelled |= power
        return spelled
    return None


def _sequence_fixed(items: list[Any]) -> set[str] | None:
    strings = {""}
    for op, av in items:
        piece = _fixed(op, av)
        if piece is None or len(strings) * len(piece) > _MAX_STRINGS:
            return None
        strings = {a + b for a in strings for b in piece}
    return strings
