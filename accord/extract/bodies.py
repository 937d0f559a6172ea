"""bodies.v1: agencies, institutes, programmes and groups — from the gazetteer, or by the shape of their names."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import HANGUL, Document

NAME = "bodies.v1"
_WORD = r"(?:U\.S\.(?:-[A-Z]+)?|[A-Z][\w'’\-–]*)"
# The same word with its capital taken first, so that the engine can skip from capital to capital
# instead of trying a match at every position.
_FIRST_WORD = r"[A-Z](?:(?<=U)\.S\.(?:-[A-Z]+)?|[\w'’\-–]*)"
_PHRASE = re.compile(
    rf"{_FIRST_WORD}(?:(?:[ ]+(?:of|and|for|on|the|&|de))*[ ]+{_WORD}){{0,10}}(?:[ ]+\((?P<acronym>[A-Z][A-Za-z]{{1,9}})\))?"
)


@dataclass(slots=True)
class Body:
    name: str  # as written, or its short form when the text gives one in brackets
    party: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    known: Scanner[str]
    known_korean: Scanner[str]  # Hangul names: a particle may follow with no space (과기정통부는)
    by_phrase: dict[str, tuple[str, str | None, str]]  # phrase → (name, party, kind)
    shape: re.Pattern[str]
    shape_words: frozenset[str]  # a phrase without one of these cannot have a body's shape
    adjectives: dict[str, str]


@cache
def _gazetteer() -> _Gazetteer:
    data = lexicon.load("bodies")
    by_phrase: dict[str, tuple[str, str | None, str]] = {}
    korean: list[str] = []
    for body in data["body"]:
        entry = (body["name"], body["party"] or None, body["kind"])
        by_phrase[body["name"]] = entry
        if body["acronym"]:
            by_phrase[body["acronym"]] = entry
        for name in body.get("korean", []):
            by_phrase[name] = entry
            korean.append(name)
    suffixes = "|".join(data["patterns"]["suffixes"])
    heads = "|".join(data["patterns"]["heads"])
    shape = re.compile(
        rf"(?:\b(?:{suffixes})\b(?![ ]+(?:of|for)[ ]+[A-Z])|\b(?:{heads})[ ]+(?:of|for)[ ]+[A-Z])"
    )
    adjectives = {}
    for code, party in lexicon.load("actors")["parties"].items():
        for adjective in party.get("adjectives", []):
            adjectives[adjective] = code
    latin = [phrase for phrase in by_phrase if phrase not in korean]
    known = Scanner([(re.escape(phrase), phrase) for phrase in latin], ignore_case=False)
    known_korean = Scanner([(re.escape(name), name) for name in korean], ignore_case=False, word_end=False)
    shape_words = set()
    for pattern in [*data["patterns"]["suffixes"], *data["patterns"]["heads"]]:
        for word in re.sub(r"\\w\+|[?()\[\]\\]", " ", pattern).split():
            shape_words.update({word, word.rstrip("s"), word.rstrip("s") + "s", word.replace("re", "er")})
    return _Gazetteer(known, known_korean, by_phrase, shape, frozenset(shape_words), adjectives)


@extractor(NAME, requires=("actor",), assigns=("body",), prepare=_gazetteer)
def find_bodies(doc: Document, found: Findings) -> list[Finding]:
    """Named bodies, each with the party it acts for when the gazetteer or its name tells."""
    gazetteer = _gazetteer()
    findings: dict[tuple[int, int], Finding] = {}
    for match in _PHRASE.finditer(doc.text, doc.lo, doc.hi):
        phrase = match.group(0)
        if " " not in phrase:
            continue  # one capitalised word, most often a sentence's first
        if gazetteer.shape_words.isdisjoint(phrase.split()):
            continue
        acronym = match.group("acronym")
        stop = match.end() if not acronym else match.start("acronym") - 2
        stop = _before_a_party(doc.text, found, match.start(), stop)
        for start, end in _pieces(doc.text, match.start(), stop, gazetteer):
            piece = doc.text[start:end]
            unit = doc.unit_at(start, end)
            if unit is None or gazetteer.shape.search(piece) is None or " " not in piece:
                continue
            party = _party_of(doc.text, piece, start, end, gazetteer, found)
            known = gazetteer.by_phrase.get(piece.removeprefix("U.S. "))
            last = end == match.end() or (acronym is not None and end == match.start("acronym") - 2)
            name = acronym if acronym and last else piece
            findings[(start, end)] = Finding(
                "body",
                start,
                end,
                f"{NAME}:shape",
                f"'{piece}' is named like a body",
                Body(name, party, known[2] if known else "other"),
                unit,
            )
    shaped = sorted(findings)
    hits = list(gazetteer.known.scan(doc.text, doc.lo, doc.hi, shared=doc.scans))
    if HANGUL.search(doc.text, doc.lo, doc.hi):
        hits += gazetteer.known_korean.scan(doc.text, doc.lo, doc.hi, shared=doc.scans)
    for hit_start, hit_end, payload, _match in hits:
        unit = doc.unit_at(hit_start, hit_end)
        if unit is None or _inside(shaped, hit_start, hit_end):
            continue
        name, party, kind = gazetteer.by_phrase[payload]
        findings[(hit_start, hit_end)] = Finding(
            "body",
            hit_start,
            hit_end,
            f"{NAME}:gazetteer",
            f"'{payload}' is {name} in the gazetteer",
            Body(payload, party, kind),
            unit,
        )
    return sorted(findings.values(), key=lambda f: f.start)


_AND_THE = re.compile(r" and the ")
_AND = re.compile(r" and ")
# "The ...", or a sentence's first verb before "the": "Support the Global Health Security Agenda".
_LEAD = re.compile(r"The |[A-Z][a-z]+ the ")
_POSSESSOR = re.compile(r"[\w.\-–]+['’]s ")


def _before_a_party(text: str, found: Findings, start: int, end: int) -> int:
    """Where a capitalised phrase ends at the latest: before a party named after "and" in it
    ("the Department of Energy and Korea will ...": Korea is a party beside the body, not in it)."""
    for mention in found.within("actor", start, end):
        # Only a party that closes the phrase: "and Japan Bank for International Cooperation" is a name.
        if (
            mention.value.how == "name"
            and mention.end == end
            and text.endswith(" and ", start, mention.start)
        ):
            return mention.start - len(" and ")
    return end


def _pieces(text: str, start: int, end: int, gazetteer: _Gazetteer) -> list[tuple[int, int]]:
    """A capitalised phrase cut into body names: "A Foundation and the B Institute" is two,
    "NASA’s Commercial Lunar Payload Services" is the services, a leading "The" or "Support the"
    goes, and "Department of Health and Human Services" stays whole."""

    def complete(name: str) -> bool:
        words = name.split()
        return bool(words) and (
            words[-1] in gazetteer.shape_words or name.removeprefix("U.S. ") in gazetteer.by_phrase
        )

    pieces: list[tuple[int, int]] = []
    begin = start
    # "and the" parts two names more surely than a bare "and" ("Department of Health and Human
    # Services"): before it, a name of the shape "Ministry of X" is complete too.
    joins = list(_AND_THE.finditer(text, start, end))
    by_and_the = bool(joins)
    joins = joins or list(_AND.finditer(text, start, end))
    for join in joins:
        left, right = text[begin : join.start()], text[join.end() : end]
        whole = complete(left) or (by_and_the and gazetteer.shape.search(left) is not None)
        if whole and not gazetteer.shape_words.isdisjoint(right.split()):
            pieces.append((begin, join.start()))
            begin = join.end()
    pieces.append((begin, end))
    out = []
    for piece_start, piece_end in pieces:
        if lead := _LEAD.match(text, piece_start, piece_end):
            piece_start = lead.end()
        if owner := _POSSESSOR.match(text, piece_start, piece_end):
            piece_start = owner.end()
        out.append((piece_start, piece_end))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) within one of the sorted, non-overlapping `spans`?"""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _party_of(
    text: str, phrase: str, start: int, end: int, gazetteer: _Gazetteer, found: Findings
) -> str | None:
    core = phrase.split(" (")[0]
    known = gazetteer.by_phrase.get(core.removeprefix("U.S. ")) or gazetteer.by_phrase.get(core)
    if known and known[1]:
        return known[1]
    codes = {code for f in found.within("actor", start, end) for code in f.value.codes}
    if len(codes) == 1:
        return codes.pop()
    first = phrase.split()[0]
    # "USAID Edge Fund", "NASA’s Commercial Lunar Payload Services": a programme named after, or
    # owned by, a known body acts for that body's party.
    for owner in (first, _owner_before(text, start)):
        known = gazetteer.by_phrase.get(owner) if owner else None
        if known and known[1]:
            return known[1]
    return gazetteer.adjectives.get(first)


_OWNER_BEFORE = re.compile(r"([\w.\-–]+)['’]s $")


# A match of _OWNER_BEFORE ends its window in one of these ("$" may stand before a final newline):
# where the window ends otherwise, the engine need not try each of its forty places.
_POSSESSIVE_ENDS = ("'s ", "’s ", "'s \n", "’s \n")


def _owner_before(text: str, start: int) -> str | None:
    lo = max(0, start - 40)
    if not text.endswith(_POSSESSIVE_ENDS, lo, start):
        return None
    match = _OWNER_BEFORE.search(text, lo, start)
    return match.group(1) if match else None
