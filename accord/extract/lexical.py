"""Words and names of a text, for comparing two commitments lexically.

Stems (Snowball English) of content words, and the proper names and acronyms a text
mentions: "Blue Dot Network", "JUMPP", "Artemis". A shared rare name is the strongest
sign that two texts speak of the same initiative, body or programme.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+[A-Za-z]+")
# A run of capitalised words (joined by short lowercase links: "of", "for", "and", "the"), or an acronym.
_NAME = re.compile(
    r"\b(?:[A-Z][a-zA-Z0-9\-]*[a-z0-9][a-zA-Z0-9\-]*|[A-Z]{2,}[a-z]?)"
    r"(?:\s+(?:(?:of|for|and|the|on|in|to|de)\s+)?(?:[A-Z][a-zA-Z0-9\-]*|[A-Z]{2,}))*"
)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9\-\+&]{1,12})\)|\b([A-Z]{2,}[0-9]*[a-z]?)\b")

# Function words and the vocabulary every cooperation text shares: they say nothing about *which* effort.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "again",
        "against",
        "all",
        "also",
        "among",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "both",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "each",
        "either",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "may",
        "might",
        "more",
        "most",
        "must",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "would",
        "you",
        "your",
        "including",
        "include",
        "includes",
        "such",
        "well",
        "new",
        "two",
        "three",
        "one",
        "first",
        "participant",
        "participants",
        "side",
        "sides",
        "government",
        "governments",
        "country",
        "countries",
        "nation",
        "nations",
        "united",
        "states",
        "state",
        "korea",
        "korean",
        "republic",
        "rok",
        "japan",
        "japanese",
        "us",
        "u",
        "s",
        "leader",
        "leaders",
        "president",
        "prime",
        "minister",
        "announce",
        "announced",
        "announces",
        "welcome",
        "welcomes",
        "welcomed",
        "intend",
        "intends",
        "plan",
        "plans",
        "aim",
        "aims",
        "seek",
        "seeks",
        "commit",
        "commits",
        "committed",
        "commitment",
        "commitments",
        "continue",
        "continued",
        "cooperation",
        "cooperate",
        "collaboration",
        "collaborate",
        "partnership",
        "partner",
        "partners",
        "work",
        "working",
        "together",
        "joint",
        "jointly",
        "bilateral",
        "support",
        "supporting",
        "effort",
        "efforts",
        "areas",
        "area",
        "field",
        "fields",
    ]
)
# Capitalised words that open sentences or name the parties: never a name of an effort.
_NOT_NAMES = frozenset(
    [
        "The",
        "This",
        "These",
        "That",
        "Those",
        "We",
        "Our",
        "Both",
        "Each",
        "In",
        "On",
        "For",
        "To",
        "As",
        "By",
        "With",
        "Under",
        "Through",
        "Building",
        "Today",
        "United",
        "States",
        "Japan",
        "Korea",
        "Republic",
        "ROK",
        "U.S.",
        "US",
        "USA",
        "America",
        "American",
        "Americans",
        "Japanese",
        "Korean",
        "Koreans",
        "President",
        "Prime",
        "Minister",
        "Participants",
        "Participant",
        "Government",
        "Governments",
        "Leaders",
        "Secretary",
        "Department",
        "Ministry",
        "Together",
        "Additionally",
        "Further",
        "Furthermore",
        "Recognizing",
        "Recognize",
        "Expand",
        "Encourage",
        "Support",
        "Strengthen",
        "Explore",
        "Promote",
        "Establish",
        "Develop",
        "Enhance",
        "Advance",
        "Launch",
        "And",
        "Also",
        "In",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """Stems of the content words and each pair of neighbouring ones ("critic miner"): a shared
    pair is far more specific than two shared words."""
    words = stems(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


_DEFINED = re.compile(r"((?:[\w\-]+\s+){1,7}?)\(([A-Z][A-Za-z0-9/\-&]{1,12})\)")
# A definition holds only these characters, so it lies inside one run of them; runs without a
# bracket are skipped (trying _DEFINED at every position of a whole text was the dearest step of
# reading a new text's sentences for links).
_DEFINITION_RUN = re.compile(r"[\w\s\-()/&]+")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines, "advanced and small modular reactors (A/SMRs)", with their long form:
    the words before the brackets, as many as the acronym has capitals (and its links)."""
    out: dict[str, str] = {}
    for match in definitions(text):
        acronym = match.group(2)
        letters = sum(1 for ch in acronym if ch.isupper())
        words = match.group(1).split()
        take, seen = [], 0
        for word in reversed(words):
            take.append(word)
            if word.lower() not in _LINKS:
                seen += 1
            if seen >= max(letters, 1):
                break
        out.setdefault(acronym, " ".join(reversed(take)))
    return out


def definitions(text: str) -> Iterator[re.Match[str]]:
    """`_DEFINED`'s matches in the text, as its `finditer` gives them (positions within their run)."""
    for run in _DEFINITION_RUN.finditer(text):
        if "(" in run.group():
            yield from _DEFINED.finditer(run.group())


def stems(text: str) -> list[str]:
    """Stems of the content words, in order (repeats kept)."""
    kept = _TOKEN_STEMS
    out = []
    for token in _WORD.findall(text):
        try:
            found = kept[token]
        except KeyError:
            if len(kept) >= _TOKENS_KEPT:
                kept.clear()
            found = kept[token] = _token_stem(token)
        if found is not None:
            out.append(found)
    return out


def _token_stem(token: str) -> str | None:
    """A token's stem, or None for a function word or a fragment."""
    word = token.lower().replace("’", "'").split("'")[0].strip("-")
    if len(word) < 2 or word in STOPWORDS:
        return None
    stemmed = stem(word)
    return None if stemmed in STOPWORDS else stemmed


# Each distinct token is lowered, cut and stemmed once: a text's words are mostly ones seen before,
# and linking reads every stored sentence of a partnership (a dict lookup, where the steps cost ten).
_TOKEN_STEMS: dict[str, str | None] = {}
_TOKENS_KEPT = 200_000


_NUMBERED = re.compile(r"\b\d+[A-Z]{1,3}\b")  # 5G, 6G, 3D


def _first_word(text: str) -> int:
    match = re.search(r"[A-Za-z]", text)
    return match.start() if match else -1


_LINKS = frozenset({"of", "for", "and", "the", "on", "in", "to", "de"})
_NAME_SEPARATOR = re.compile(r"[\s\-–/]+")
_ROMAN = re.compile(r"^[ivx]+$")


def proper_words(document: str) -> frozenset[str]:
    """Words the document only ever writes capitalised ("Artemis", "Moonshot"): inside a longer
    name they are still names on their own, unlike "Sustainable" in "Dialogue on Sustainable
    Agriculture" when the text also says "sustainable"."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for match in _WORD.finditer(document):
        word = match.group()
        (capitalised if word[0].isupper() else lower).add(word.lower())
    return frozenset(capitalised - lower)


@lru_cache(maxsize=100_000)
def _name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A run of capitalised words: the words it keeps (lowercased) and its keys. Worked out once
    per distinct run: names recur from text to text ("Republic of Korea", "Joint Committee")."""
    stripped = (w.strip(".,;:’'()") for w in _NAME_SEPARATOR.split(name))
    words = [w for w in stripped if w and w not in _NOT_NAMES]
    kept = [w.lower() for w in words if w.lower() not in _LINKS]
    kept = [w for w in kept if len(w) >= 2 and w not in STOPWORDS and not _ROMAN.match(w)]
    stems = [stem(w) for w in kept]
    # A one-word name ("Artemis") is a key; inside a longer name a lone word is often plain
    # English ("Sustainable" in "Dialogue on Sustainable Agriculture"), so only runs count.
    keys = [
        " ".join(stems[i : i + size])
        for size in ((1,) if len(stems) == 1 else (2, 3))
        for i in range(len(stems) - size + 1)
    ]
    return tuple(kept), tuple(keys)


def names(text: str, proper: frozenset[str] = frozenset()) -> set[str]:
    """Proper names and acronyms as normalised keys: each name's stemmed words and their runs of two
    and three ("blue dot network secretariat" also gives "blue dot network" and "dot"), so a name
    written longer or shorter in the other text still meets it. Callers weight keys by rarity."""
    found: set[str] = {m.lower() for m in _NUMBERED.findall(text)}
    first = _first_word(text)
    for match in _NAME.finditer(text):
        name = match.group()
        if match.start() == first and " " not in name and name[1:].islower():
            continue  # capitalised only because it opens the text
        kept, keys = _name_keys(name)
        if len(kept) > 1:
            found.update(stem(w) for w in kept if w in proper)
        found.update(keys)
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1) or match.group(2)
        if acronym and acronym not in _NOT_NAMES and acronym.upper() not in {"US", "USA", "ROK", "EU", "UK"}:
            key = stem(acronym.lower())
            if not _ROMAN.match(key):
                found.add(key)
    return found
