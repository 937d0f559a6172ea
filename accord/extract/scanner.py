"""Finding many vocabulary patterns in one pass.

A regular expression that joins hundreds of alternatives is slow in Python's engine,
which tries every alternative at every position. Instead, each pattern's possible
literal beginnings ("will", "plan to", "are"/"is" ...) are read from the pattern
itself and put in an Aho–Corasick automaton; only where one of them occurs is the
full pattern tried, anchored there. Patterns with no literal beginning are searched
on their own. The scanners of all vocabularies can share one automaton pass over a
document (SharedScan): walking the text costs more than confirming the hits.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from itertools import product
from operator import itemgetter
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, ClassVar, Final, Generic, TypeVar

import ahocorasick_rs

Payload = TypeVar("Payload")
_MAX_PREFIXES = 64


# A hit: (start, end, payload, match), the match None for a plain word, matched whole by the
# automaton. A tuple, not an object: tens of thousands are made for each megabyte of text.
Hit = tuple[int, int, Payload, re.Match[str] | None]


def literal_prefixes(pattern: str, *, classes: bool = False) -> set[str] | None:
    """The literal strings one of which every match of `pattern` begins with, or None if there are none.

    With `classes`, a character class that lists a few characters ("[56]G") is read as the choice
    between them; not for a pattern matched in any case, whose prefixes stand for their case variants
    ("people[- ]to" would stand for "People-to" but no longer for "People-To").
    """
    parsed = _parsed_or_none(pattern)
    return None if parsed is None else _literal_prefixes(parsed, classes)


def _parsed_or_none(pattern: str) -> Any:
    try:
        return sre_parse.parse(pattern)
    except re.error:
        return None


def _literal_prefixes(parsed: Any, classes: bool) -> set[str] | None:
    prefixes = _prefixes(list(_data(parsed)), classes)
    if not prefixes or any(len(p) < 2 and not _rare_initial(p) for p in prefixes):
        return None
    return prefixes


def _rare_initial(char: str) -> bool:
    """A single character that is selective enough to look for on its own: a symbol ("$", "€")."""
    return unicodedata.category(char).startswith("S")


def _class_chars(items: list) -> set[str] | None:  # type: ignore[type-arg]
    """The characters a character class matches, when it lists them or short ranges of them.

    Not \\d: it stands for hundreds of digits, which would crowd the automaton's root.
    """
    chars: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(av))
        elif op is sre_constants.RANGE and av[1] - av[0] < _MAX_PREFIXES:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _prefixes(items: list, classes: bool) -> set[str] | None:  # type: ignore[type-arg]
    """Walk a parsed sequence, extending the set of literal prefixes until something non-literal."""
    current = {""}
    for index, (op, av) in enumerate(items):
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] == 0 and current == {""}:
            # An optional part first ("(?:later\s+)?this year"): with it, or straight to what follows.
            rest = list(items[index + 1 :])
            with_it = _prefixes(list(_data(av[2])) + rest, classes)
            without = _prefixes(rest, classes)
            if with_it is None or without is None or len(with_it | without) > _MAX_PREFIXES:
                return None
            return with_it | without
        if op is sre_constants.LITERAL:
            current = {p + chr(av) for p in current}
            continue
        if op is sre_constants.IN and classes:
            chars = _class_chars(av)
            if chars is None:
                return current if current != {""} else None
            combined = {p + c for p in current for c in chars}
            if len(combined) > _MAX_PREFIXES:
                return current if current != {""} else None
            current = combined
            continue
        if op in (sre_constants.AT, sre_constants.ASSERT_NOT, sre_constants.ASSERT):
            if current == {""}:
                continue  # an assertion before anything: it does not consume text
            return current
        if op is sre_constants.SUBPATTERN:
            inner = _prefixes(list(_data(av[-1])), classes)
            if inner is None:
                return current if current != {""} else None
            combined = {p + q for p, q in product(current, inner)}
            if len(combined) > _MAX_PREFIXES:
                return current if current != {""} else None
            current = combined
            if any(_partial(_data(av[-1]))):
                return current
            continue
        if op is sre_constants.BRANCH:
            branches = [_prefixes(list(_data(branch)), classes) for branch in av[1]]
            if any(b is None for b in branches):
                return current if current != {""} else None
            options = set().union(*branches)  # type: ignore[arg-type]
            combined = {p + q for p, q in product(current, options)}
            if len(combined) > _MAX_PREFIXES:
                return current if current != {""} else None
            # After a branch the prefixes may have different lengths: stop here.
            return combined
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, item = av
            if low >= 1:
                inner = _prefixes(list(_data(item)), classes)
                if inner:
                    return {p + q for p, q in product(current, inner)}
            return current if current != {""} else None
        return current if current != {""} else None
    return current


def _partial(items: object) -> list[bool]:
    """Does a subpattern contain something beyond literals (so the prefix stops after it)?"""
    return [op is not sre_constants.LITERAL for op, _ in items]  # type: ignore[attr-defined]


def _case_variants(literal: str) -> set[str]:
    # Title Case too: headings and names of programmes capitalise every word ("Research Security").
    return {
        literal,
        literal.lower(),
        literal.upper(),
        literal[:1].upper() + literal[1:].lower(),
        literal.title(),
    }


# What can follow a trigger, read from the pattern: the characters each match has at the first
# places after its beginning, so that a hit the pattern cannot confirm is mostly told by looking at
# a few characters instead of running the pattern (some 3,000 instructions a try, two thirds of the
# tries failing: "in" inside "international", "in the" for "in\s+<month>", "is" before anything but
# "extended"). Only ASCII characters are told apart: one outside ASCII always passes.
class _Run:
    r"""One or more characters of a set, as many as there are ("\s+")."""

    __slots__ = ("chars",)

    def __init__(self, chars: frozenset[str]) -> None:
        self.chars = chars

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Run) and other.chars == self.chars

    def __hash__(self) -> int:
        return hash(self.chars)


# What a match has at one place: one of some ASCII characters (a frozenset), any character (None),
# or a run of characters of a set (_Run).
_Column = frozenset[str] | None | _Run
_Path = tuple[_Column, ...]
_MAX_PATHS = 256
_MAX_STEPS = 6
# A check, step by step from the trigger's end: (kind, the ASCII characters allowed).
_ANY: Final = 0
_ONE: Final = 1
_RUN: Final = 2
Follow = tuple[tuple[int, str], ...]
_ASCII = [chr(code) for code in range(128)]
_SINGLE = (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY)
_column_cache: dict[tuple[Any, Any, int], frozenset[str]] = {}


def _single_column(op: Any, av: Any, flags: int) -> frozenset[str]:
    """The ASCII characters one single-character item (a literal, a class, ".") matches under
    `flags`, found by trying each of them on the item compiled alone: what the engine does, whatever
    its case folding or its classes' Unicode tables."""
    # The item itself is the key, made hashable: its repr calls a Python __repr__ per constant.
    key = (op, tuple(av) if isinstance(av, list) else av, flags)
    cached = _column_cache.get(key)
    if cached is None:
        state = sre_parse.State()
        state.flags = flags
        compiled = sre_compile.compile(sre_parse.SubPattern(state, [(op, av)]), flags)
        cached = frozenset(char for char in _ASCII if compiled.fullmatch(char) is not None)
        _column_cache[key] = cached
    return cached


def _walk(
    items: Any, flags: int, paths: set[_Path], closed: set[_Path], limit: int, trigger: str
) -> set[_Path]:
    """Extend `paths` (the columns so far) through a parsed sequence; a path whose next place cannot
    be told (after a repeat of several characters, a back-reference) goes to `closed` as it is.
    Returns the open ones. A path along which no match could begin with `trigger` is dropped as
    soon as a place tells (see _admits): of a pattern's many words, only those a trigger begins are
    followed further.

    Every match of the sequence, begun where one of the `paths` leaves off, goes on along one of
    the returned or closed paths: zero-width items (\b, look-arounds) take no place, a path is never
    made longer than what every match along it consumes, and a choice (a branch, an optional part)
    keeps a path for each way. A path is closed at `limit` places: what lies further is not read."""
    for op, av in _data(items):
        if not paths:
            return paths
        if len(paths) > _MAX_PATHS:
            closed |= paths
            return set()
        long = {path for path in paths if len(path) >= limit}
        if long:
            closed |= long
            paths = paths - long
            if not paths:
                return paths
        if op in _SINGLE:
            paths = _extended(paths, _single_column(op, av, flags), trigger)
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        elif op is sre_constants.SUBPATTERN:
            _group, add, remove, inner = av
            paths = _walk(inner, (flags | add) & ~remove, paths, closed, limit, trigger)
        elif op is sre_constants.BRANCH:
            paths = set().union(*(_walk(branch, flags, paths, closed, limit, trigger) for branch in av[1]))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            paths = _repeat(av, flags, paths, closed, limit, trigger)
        else:
            closed |= paths
            return set()
    return paths


def _repeat(
    av: Any, flags: int, paths: set[_Path], closed: set[_Path], limit: int, trigger: str
) -> set[_Path]:
    low, high, item = av
    item = _data(item)
    if low >= 1 and len(item) == 1 and item[0][0] in _SINGLE:
        # One or more characters of a set ("\s+", "[^,;.]{1,80}"): a run. (Where a bounded one
        # stops early, the match fails; the check, reading on, only lets more through.)
        return _extended(paths, _Run(_single_column(item[0][0], item[0][1], flags)), trigger)
    once = _walk(item, flags, paths, closed, limit, trigger)
    if low == 0 and high == 1:
        return paths | once  # without it or with it, then what follows
    if low == 1 and high == 1:
        return once
    closed |= once  # where another one would begin is not known
    if low == 0:
        return paths
    return set()


def _extended(paths: set[_Path], column: _Column, trigger: str) -> set[_Path]:
    """Each of `paths` with `column` after it, but for those it makes inadmissible (see _admits)."""
    return {(*path, column) for path in paths if _admitted(column, len(path), trigger)}


def _pattern_paths(parsed: Any, limit: int, trigger: str = "") -> set[_Path]:
    """The column paths of a parsed pattern, up to `limit` places: every match begins along one of
    them; with a `trigger`, every match that begins with it, and the paths all admit it."""
    return _items_paths(parsed, parsed.state.flags, limit, trigger)


def _items_paths(items: Any, flags: int, limit: int, trigger: str) -> set[_Path]:
    closed: set[_Path] = set()
    open_paths = _walk(items, flags, {()}, closed, limit, trigger)
    return open_paths | closed


def _data(items: Any) -> Any:
    """A parsed sequence's items as the list it holds: a SubPattern is otherwise read through a
    __getitem__ written in Python, a call per item at every walk."""
    return items.data if isinstance(items, sre_parse.SubPattern) else items


def _admits(path: _Path, trigger: str) -> bool:
    """Could a match along `path` begin with `trigger`, as far as the path tells?"""
    return all(_admitted(column, place, trigger) for place, column in enumerate(path))


def _admitted(column: _Column, place: int, trigger: str) -> bool:
    """Could a match with `column` at `place` have there what `trigger` has (nothing beyond its
    end)? A run is let through: what it covers is not known, so _follow tells nothing then."""
    if place >= len(trigger) or column is None or isinstance(column, _Run):
        return True
    char = trigger[place]
    return char >= "\x80" or char in column


def _follow(paths: set[_Path] | None, trigger: str) -> Follow | None:
    """What every match beginning with `trigger` has after it, step by step, or None. Paths whose
    first places do not admit the trigger are left out: the automaton found the trigger there."""
    if paths is None:
        return None
    length = len(trigger)
    admitting = [path for path in paths if _admits(path, trigger)]
    if not admitting or any(
        len(path) < length or any(isinstance(c, _Run) for c in path[:length]) for path in admitting
    ):
        return None  # a match could have unknown places right after the trigger: nothing to tell
    return _steps([path[length:] for path in admitting])


def _steps(rests: list[_Path]) -> Follow | None:
    """One check that passes along any of `rests`: at each place, the characters any of them has
    there, as long as they agree on what a place is (one character, or a run)."""
    steps: list[tuple[int, str]] = []
    for offset in range(min(min(map(len, rests)), _MAX_STEPS)):
        columns = [rest[offset] for rest in rests]
        if all(isinstance(column, _Run) for column in columns):
            chars = frozenset().union(*(column.chars for column in columns if isinstance(column, _Run)))
            steps.append((_RUN, "".join(sorted(chars))))
        elif any(column is None for column in columns):
            steps.append((_ANY, ""))
        elif all(isinstance(column, frozenset) for column in columns):
            chars = frozenset().union(*(column for column in columns if isinstance(column, frozenset)))
            steps.append((_ONE, "".join(sorted(chars))))
        else:
            break
    return _trimmed(steps)


def _trimmed(steps: list[tuple[int, str]]) -> Follow | None:
    """`steps` cut where a check would be unsound or idle: after a run whose next step allows one
    of its characters (where the run ends would not be known), and of its idle steps at the end."""
    for index, (kind, allowed) in enumerate(steps[:-1]):
        if kind == _RUN:
            next_kind, next_allowed = steps[index + 1]
            if next_kind != _ONE or set(next_allowed) & set(allowed):
                steps = steps[: index + 1]
                break
    while steps and (steps[-1][0] == _ANY or len(steps[-1][1]) == len(_ASCII)):
        steps.pop()
    return tuple(steps) or None


def _merged_follow(follows: list[Follow | None]) -> Follow | None:
    """A check that passes wherever one of `follows` does."""
    if not follows or any(follow is None for follow in follows):
        return None
    steps: list[tuple[int, str]] = []
    for offset in range(min(len(follow) for follow in follows if follow is not None)):
        kinds = {follow[offset][0] for follow in follows if follow is not None}
        if len(kinds) != 1:
            break
        chars = set().union(*(follow[offset][1] for follow in follows if follow is not None))
        steps.append((kinds.pop(), "".join(sorted(chars))))
    return _trimmed(steps)


def _program(follow: Follow | None) -> bytes | None:
    """`follow` as _follows reads it: per step its kind, then a byte per ASCII character, 1 where
    it is allowed (read as integers, compiled, with no string made per character)."""
    if follow is None:
        return None
    made = _programs.get(follow)
    if made is None:
        program = bytearray()
        for kind, allowed in follow:
            table = bytearray(_STEP)
            table[0] = kind
            for char in allowed:
                table[1 + ord(char)] = 1
            program += table
        made = _programs[follow] = bytes(program)
    return made


_programs: dict[Follow, bytes] = {}  # the same checks recur under many triggers


_STEP: Final = 129  # a kind, then a byte per ASCII character


def _follows(text: str, at: int, program: bytes) -> bool:
    """Does text[at:] go along the steps of `program` (see _program)? A character outside ASCII
    passes a step; one met in a run ends the check (where the run ends is not known)."""
    size = len(text)
    place = at
    for base in range(0, len(program), _STEP):
        if place >= size:
            return False
        code = ord(text[place])
        place += 1
        kind = program[base]
        if kind == _ANY:
            continue
        if code >= 128:
            if kind == _RUN:
                return True
            continue
        if not program[base + 1 + code]:
            return False
        if kind == _RUN:
            while place < size:
                code = ord(text[place])
                if code >= 128:
                    return True
                if not program[base + 1 + code]:
                    break
                place += 1
    return True


# One raw hit as the scanners keep it: (start, -end, entry order, match, payload); sorted, they come
# in document order with the longest match first at one place.
_Raw = tuple[int, int, int, "re.Match[str] | None", Any]
_BY_PLACE = itemgetter(0, 1, 2)
# The payload of a key's hit (see Scanner's `figure_first`): where to try a pattern, not a hit itself.
_KEY: Any = object()
_Candidates = list[tuple[int, "re.Pattern[str] | None", Any]]


class _Entry:
    """What the automaton stores under one key, for one scanner that has it.

    A class rather than a tuple: compiled, its fields are read straight from the object and its
    integers and flags are held unboxed, where a tuple's eight fields were unpacked and type-checked
    at every hit of every vocabulary (over a million on the 20 MB corpus).
    """

    __slots__ = (
        "candidates",
        "follow",
        "follows",
        "gate",
        "length",
        "plain",
        "plain_end_check",
        "plain_order",
        "plain_payload",
        "ready",
        "shift",
        "slot",
        "trigger",
        "word_end",
    )

    def __init__(
        self,
        slot: int,
        length: int,
        word_end: bool,
        plain_end_check: bool,
        gate: re.Pattern[str] | None,
        candidates: _Candidates,
        trigger: str,
    ) -> None:
        self.slot = slot  # the scanner's place among those sharing the pass
        # A hit's match begins `shift` after the key's last character; a plain word ends `length`
        # after its start.
        self.shift = 1 - length
        self.length = length
        self.word_end = word_end
        # A plain word must be followed by a non-word character (it ends in one, and the scanner
        # wants word ends).
        self.plain_end_check = plain_end_check
        # One pattern that matches where any of the candidates' patterns does, or None.
        self.gate = gate
        self.candidates = candidates
        # What must follow the trigger for each candidate's pattern to match there (see _follow),
        # and for any of them to: worked out by prepare() when a hit first needs them, not here.
        # Reading the patterns for all the triggers took some 0.9 G instructions, paid by every run
        # however short its text, where a run over a few documents meets a small part of them.
        self.trigger = trigger
        self.ready = False
        self.follows: list[bytes | None] = []
        self.follow: bytes | None = None
        # The one candidate is a plain word, matched whole by the automaton (most are).
        self.plain = len(candidates) == 1 and candidates[0][1] is None
        self.plain_order = candidates[0][0] if self.plain else 0
        self.plain_payload: Any = candidates[0][2] if self.plain else None

    def prepare(self) -> None:
        """Work out the checks of what follows the trigger (a plain word needs none)."""
        own = [_candidate_follow(compiled, self.trigger) for _order, compiled, _payload in self.candidates]
        self.follows = [_program(follow) for follow in own]
        self.follow = _program(_merged_follow(own))
        self.ready = True  # last: a hit in another thread meanwhile works them out again, the same


class Scanner(Generic[Payload]):
    """Many (pattern, payload) entries, searched together; matches must start and end on word edges."""

    def __init__(
        self,
        entries: list[tuple[str, Payload]],
        *,
        ignore_case: bool | list[bool] = True,
        word_end: bool = True,
        hangul_inside_words: bool = False,
        figure_first: dict[int, tuple[list[str], int]] | None = None,
        marks: list[str] | None = None,
    ) -> None:
        """`figure_first` marks, by their index in `entries`, the patterns whose every match is a
        figure (decimal digits, commas and points) followed by one of some keys, the key beginning at
        most so many characters after the figure ends ("3 trillion won": " won", 9): index → (keys,
        reach). Such a pattern is tried only just before the keys, which the automaton pass finds,
        where a pattern without a literal beginning is otherwise searched for through all the text.

        `marks` are strings wanted wherever they occur, inside words too: `places` tells where they
        begin (a scanner made for them alone, as a narrower search's places to look at)."""
        self._word_end = word_end
        # Korean writes compound nouns as one word ("과학기술공동위원회"): with this, a keyword
        # written in Hangul is found where it begins inside a word, not only at a word's start.
        self._hangul_inside = hangul_inside_words
        cases = ignore_case if isinstance(ignore_case, list) else [ignore_case] * len(entries)
        by_trigger: dict[str, _Candidates] = {}
        self._fallback: list[tuple[int, re.Pattern[str], Payload]] = []
        self._figure_first: list[tuple[int, re.Pattern[str], Payload, int]] = []
        self._keys: dict[str, _Candidates] = {}  # entered in the automaton as they are, found anywhere
        for mark in marks or []:
            self._keys.setdefault(mark, []).append((-1, None, _KEY))
        for order, ((pattern, payload), insensitive) in enumerate(zip(entries, cases, strict=True)):
            # Matches start on word edges anyway; a leading \b would only stop the engine's fast skipping.
            pattern = pattern.removeprefix("\\b")
            compiled = re.compile(pattern, re.IGNORECASE if insensitive else 0)
            parsed = _parsed_or_none(pattern)
            prefixes = None if parsed is None else _literal_prefixes(parsed, not insensitive)
            if prefixes is None and figure_first and order in figure_first:
                keys, reach = figure_first[order]
                self._figure_first.append((order, compiled, payload, reach))
                for key in keys:
                    self._keys.setdefault(key, []).append((order, None, _KEY))
                continue
            if prefixes is None:
                self._fallback.append((order, compiled, payload))
                continue
            only = next(iter(prefixes)) if len(prefixes) == 1 else None
            # A plain phrase (written as is, or escaped): the automaton's hit is the whole match.
            literal = only is not None and (
                re.escape(only) == pattern or re.fullmatch(r"[\w ]+", pattern) is not None
            )
            if not literal:
                _parsed.setdefault(compiled, parsed)  # read again where a hit needs its checks
            for prefix in prefixes:
                for variant in _case_variants(prefix) if insensitive else {prefix}:
                    by_trigger.setdefault(variant, []).append((order, None if literal else compiled, payload))
        self._triggers = by_trigger
        # Its own automaton is built on first use: most scanners read only through a SharedScan.
        self._own: Automaton | None = None
        self._own_built = False
        _Combined.join(self)

    def scan(
        self, text: str, lo: int = 0, hi: int | None = None, *, shared: SharedScan | None = None
    ) -> Iterator[Hit[Payload]]:
        """Non-overlapping hits in text[lo:hi], in order; at one place the longest match wins, then the earliest entry.

        With `shared`, the automaton pass over text[lo:hi] is made once for every scanner that reads
        the same span through it.
        """
        hi = len(text) if hi is None else hi
        if shared is not None and (self._triggers or self._keys):
            found = shared.hits(self, text, lo, hi)
            if self._fallback:
                found = list(found)
        elif self._triggers or self._keys:
            found = _trigger_hits(self._automaton(), text, lo, hi, 1)[0]
        else:
            found = []
        if self._figure_first:
            keys = sorted([hit[0] for hit in found if hit[4] is _KEY])
            found = [hit for hit in found if hit[4] is not _KEY]  # a new list: `found` may be shared
            for order, compiled, payload, reach in self._figure_first:
                for match in _figures_before(compiled, text, lo, hi, keys, reach):
                    self._add_fallback_hit(found, text, match, order, payload)
        for order, compiled, payload in self._fallback:
            for match in compiled.finditer(text, lo, hi):
                self._add_fallback_hit(found, text, match, order, payload)
        found.sort(key=_BY_PLACE)
        last_end = -1
        for start, negative_end, _order, confirmed, payload in found:
            if start < last_end:
                continue
            last_end = -negative_end
            yield start, last_end, payload, confirmed

    def places(
        self, text: str, lo: int = 0, hi: int | None = None, *, shared: SharedScan | None = None
    ) -> list[int]:
        """Where the marks begin in text[lo:hi] (each lying whole in it), in order, once each."""
        hi = len(text) if hi is None else hi
        if not self._keys:
            return []
        if shared is not None:
            found = shared.hits(self, text, lo, hi)
        else:
            found = _trigger_hits(self._automaton(), text, lo, hi, 1)[0]
        return sorted({hit[0] for hit in found if hit[4] is _KEY})

    def _add_fallback_hit(
        self, found: list[_Raw], text: str, match: re.Match[str], order: int, payload: Payload
    ) -> None:
        start = match.start()
        if (
            start > 0
            and _is_word(text[start - 1])
            and _is_word(text[start])
            and not (self._hangul_inside and _is_hangul(text[start]))
        ):
            return
        if self._ends_ok(text, match):
            found.append((start, -match.end(), order, match, payload))

    def _automaton(self) -> Automaton | None:
        if not self._own_built:
            self._own, self._own_built = _automaton([self]), True
        return self._own

    def _ends_ok(self, text: str, match: re.Match[str]) -> bool:
        if match.end() == match.start():
            return False
        return not self._word_end or _ends_cleanly(text, match)


def _automaton(scanners: list[Scanner[Any]]) -> Automaton | None:
    """One automaton for the triggers of all `scanners`; each hit names the scanners (slots) it is for."""
    merged: dict[str, list[_Entry]] = {}
    for slot, scanner in enumerate(scanners):
        word_end = scanner._word_end
        for trigger, candidates in scanner._triggers.items():
            length = len(trigger)
            plain_end_check = word_end and trigger[-1].isalnum()
            entry = _Entry(slot, length, word_end, plain_end_check, _gate(candidates), candidates, trigger)
            if not _is_word(trigger[0]) or (scanner._hangul_inside and _is_hangul(trigger[0])):
                merged.setdefault(trigger, []).append(entry)
                continue
            # A trigger that begins with a letter is entered after each character that can come before
            # a word, so the automaton itself skips its hits inside words ("in" in "within"). (Entered
            # once, with the character before checked per hit, the automaton would be a tenth of the
            # size but walk the text a third slower: its root would fan out to every first letter.)
            for before in _BEFORE_WORD:
                merged.setdefault(before + trigger, []).append(entry)
        for key, candidates in scanner._keys.items():
            merged.setdefault(key, []).append(_Entry(slot, len(key), False, False, None, candidates, key))
    if not merged:
        return None
    values: dict[tuple[int, ...], tuple[_Entry, ...]] = {}  # the keys of one trigger share one value
    keys: list[str] = []
    entries_of_key: list[tuple[_Entry, ...]] = []
    for key, entries in merged.items():
        value = tuple(entries)
        keys.append(key)
        entries_of_key.append(values.setdefault(tuple(map(id, value)), value))
    return Automaton(keys, entries_of_key)


def _candidate_follow(compiled: re.Pattern[str] | None, trigger: str) -> Follow | None:
    if compiled is None:
        return None  # a plain word: the automaton has matched all of it
    parsed = _parsed.get(compiled)
    if parsed is None:
        # Parsed once for all its triggers (parsing costs more than a walk led by a trigger).
        parsed = _parsed[compiled] = sre_parse.parse(compiled.pattern, compiled.flags)
    # No more places are read after a trigger than a check has steps. (A parse kept by the scanner
    # was made without the pattern's flags: they do not change the parse, only how it matches.)
    flags = parsed.state.flags | compiled.flags
    return _follow(_items_paths(parsed, flags, len(trigger) + _MAX_STEPS, trigger), trigger)


# The parses of the patterns that triggers stand for, kept by the scanners from finding their
# literal prefixes, across automatons (a scanner's own one reads the same patterns).
_parsed: dict[re.Pattern[str], Any] = {}


class Automaton:
    """The keys of all triggers, found in one walk of the text, and what each key stands for.

    ahocorasick_rs (Rust) walks the text about three times as fast as pyahocorasick did (0.34 s
    against 1.06 s on the 20 MB benchmark corpus, with the same 1.27M hits) and hands back all the
    hits of a span at once, as (key, start, end) in characters.
    """

    def __init__(self, keys: list[str], entries: list[tuple[_Entry, ...]]) -> None:
        # Overlapping, standard matches: every key wherever it ends, as the scanners expect.
        self.matcher = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)
        self.entries = entries


def _gate(candidates: _Candidates) -> re.Pattern[str] | None:
    """Where a trigger has several patterns to try (" in": "in May 2024", "in 2024", "in the coming
    years"), one pattern joining them tells at once, at most places, that none of them matches."""
    patterns = [compiled for _order, compiled, _payload in candidates if compiled is not None]
    if len(patterns) < 2 or len(patterns) < len(candidates):
        return None
    parts = []
    for compiled in patterns:
        source = compiled.pattern
        if "(?P=" in source or re.search(r"\\[1-9]", source):
            return None  # a back-reference would point elsewhere once joined
        source = _NAMED_GROUP.sub("(?:", source)
        parts.append(f"(?i:{source})" if compiled.flags & re.IGNORECASE else f"(?:{source})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _trigger_hits(automaton: Automaton | None, text: str, lo: int, hi: int, slots: int) -> list[list[_Raw]]:
    """The raw hits of each slot's triggers in text[lo:hi], each confirmed by its pattern."""
    found: list[list[_Raw]] = [[] for _ in range(slots)]
    if automaton is None or lo >= hi:
        return found
    # The automaton is given a slice: on a long text, handing it the whole string with bounds would
    # have it convert all of it on every call. The slice starts one character early, for the
    # character before a word; at the very start a space stands in for it.
    if lo == 0:
        base, chunk = -1, " " + text[:hi]
    else:
        base, chunk = lo - 1, text[lo - 1 : hi]
    size = len(text)
    # The loop below runs for every hit of every vocabulary: kept flat, with typed locals and the
    # word-end test inlined, so that compiled it works on unboxed integers.
    entries_of_key = automaton.entries
    for key, _key_start, key_end in automaton.matcher.find_matches_as_indexes(chunk, overlapping=True):
        at = base + key_end - 1  # where the key's last character is
        for entry in entries_of_key[key]:
            start = at + entry.shift
            if start < lo:
                continue
            if entry.plain:
                end = start + entry.length
                if entry.plain_end_check and end < size:
                    after = text[end]
                    if after.isalnum() or after == "_":
                        continue
                found[entry.slot].append((start, -end, entry.plain_order, None, entry.plain_payload))
                continue
            if not entry.ready:
                entry.prepare()
            follow = entry.follow
            if follow is not None and not _follows(text, start + entry.length, follow):
                continue
            gate = entry.gate
            if gate is not None and gate.match(text, start) is None:
                continue
            out = found[entry.slot]
            follows = entry.follows
            for index, (order, compiled, payload) in enumerate(entry.candidates):
                if compiled is None:  # a plain word: the automaton has matched all of it
                    end = start + entry.length
                    if entry.plain_end_check and end < size and (text[end].isalnum() or text[end] == "_"):
                        continue
                    out.append((start, -end, order, None, payload))
                    continue
                own = follows[index]
                if own is not None and not _follows(text, start + entry.length, own):
                    continue
                match = compiled.match(text, start)
                if match is None:
                    continue
                end = match.end()
                if (
                    entry.word_end
                    and end < size
                    and text[end - 1].isalnum()
                    and (text[end].isalnum() or text[end] == "_")
                ):
                    continue
                out.append((start, -end, order, match, payload))
    return found


def _figures_before(
    compiled: re.Pattern[str], text: str, lo: int, hi: int, keys: list[int], reach: int
) -> list[re.Match[str]]:
    """What compiled.finditer(text, lo, hi) finds, for a pattern whose every match is a figure
    followed by a key beginning at most `reach` characters after it, the keys found at `keys`
    (sorted). A match can begin only where a figure runs up to `reach` characters before a key, so
    only there is the pattern tried, each place in order and once, as finditer would: from the end
    of each match found on. (Tried at a place, the pattern matches as it would when searched for.)"""
    matches: list[re.Match[str]] = []
    done = lo  # every place before it has been tried, or lies inside a match found
    for key in keys:
        first = key - reach
        if first < done:
            first = done
        while first > done and _is_figure(text[first - 1]):
            first -= 1
        for start in range(first, key):
            if start < done or not text[start].isdecimal():  # \d is a decimal digit
                continue
            match = compiled.match(text, start, hi)
            if match is not None:
                matches.append(match)
                done = match.end()
        if key > done:
            done = key
    return matches


def _is_figure(char: str) -> bool:
    return char.isdecimal() or char == "," or char == "."


class SharedScan:
    """One automaton pass over a span of text for all the scanners that read it (a document's part).

    Every scanner joins the combined automaton when it is made; one made while a span is being read
    scans that span on its own (the pipeline makes its extractors' scanners before it reads anything).
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._span = (0, 0)
        self._slots: dict[int, int] = {}
        self._found: list[list[_Raw]] = []

    def hits(self, scanner: Scanner[Any], text: str, lo: int, hi: int) -> list[_Raw]:
        if self._text is not text or self._span != (lo, hi):
            self._text, self._span = text, (lo, hi)
            members, automaton = _Combined.current()
            self._slots = {id(member): slot for slot, member in enumerate(members)}
            self._found = _trigger_hits(automaton, text, lo, hi, len(members))
        slot = self._slots.get(id(scanner))
        if slot is None:
            # Made after this span's pass began: it joins the pass from the next span on.
            return _trigger_hits(scanner._automaton(), text, lo, hi, 1)[0]
        return self._found[slot]  # the scanner's own: it sorts it in place, copies before adding to it


class _Combined:
    """The scanners that share one pass, and their automaton (replaced whole, never changed in place)."""

    members: ClassVar[tuple[Scanner[Any], ...]] = ()
    pending: ClassVar[tuple[Scanner[Any], ...]] = ()
    automaton: ClassVar[Automaton | None] = None
    lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def current(cls) -> tuple[tuple[Scanner[Any], ...], Automaton | None]:
        with cls.lock:
            if cls.pending:
                members = cls.members + cls.pending
                cls.automaton, cls.members, cls.pending = _automaton(list(members)), members, ()
            return cls.members, cls.automaton

    @classmethod
    def join(cls, scanner: Scanner[Any]) -> None:
        with cls.lock:
            if scanner not in cls.members and scanner not in cls.pending:
                cls.pending = (*cls.pending, scanner)


_BEFORE_WORD = (
    " ",
    "\n",
    "\t",
    "(",
    "[",
    "“",
    "‘",
    '"',
    "'",
    "-",
    "/",
    "—",
    "–",
    "\u00a0",
    ",",
    ".",
    ";",
    ":",
    "\r",
    "\f",
)


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _ends_cleanly(text: str, match: re.Match[str]) -> bool:
    end = match.end()
    if end == match.start():
        return False
    return end >= len(text) or not (_is_word(text[end - 1]) and _is_word(text[end]))
