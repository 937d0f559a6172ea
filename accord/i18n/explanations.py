"""The extractor's explanations ("'will' (firm) → firm; subject US") and the reasons a link was
suggested ("semantic similarity 0.55"), in the reader's language.

The extractor writes them in English and they are stored so (the record does not change with
the reader's language). Each shape it writes is matched here and rebuilt from a catalogue message,
with the words quoted from the document kept as written and the stored values (strengths, areas)
named by their labels. A line of a shape not listed here is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from accord.i18n import N_, translate
from accord.i18n.labels import label

# Lines that carry no value: translated whole (msgid = the extractor's own words).
FIXED = (
    N_("verdict: no commitment (no verb chain that commits)"),
    N_("verdict: not a commitment: the document's title"),
    N_("skipped: a list item's first verb, but no lead-in governs the item"),
    N_("skipped: its lead-in lists fields ('the following areas:'), not actions"),
    N_("skipped: the item does not begin with a verb or a gerund"),
    N_("skipped: the item notes or celebrates something; it names no action"),
    N_("no subject of its own: the actors of the sentence before"),
    N_("a follow-on sentence: it inherits the actors and strength of the sentence before"),
    N_("the lead-in names no action of its own; it lends its actor and modal to the items below"),
    N_("an operating clause of the instrument itself, recorded as a term"),
    N_("earlier document of other parties"),
    N_("earlier sentence not extracted as a commitment"),
)
NEUTRAL = N_("neutral")

# One link of a verb chain: 'quoted words' (strength). The quote may hold apostrophes ("ROK's").
_LINK = re.compile(r"'(?P<words>.+?)' \((?P<strength>\w+)\)(?: \+ |$)")
_CHAIN = re.compile(r"(?P<links>'.+\)) → (?P<strength>\w+)(?:; subject (?P<actors>.+))?")


def _strength(language: str, value: str) -> str:
    return translate(language, NEUTRAL) if value == "neutral" else label(language, "strength", value).lower()


def _chain(language: str, match: re.Match[str]) -> str | None:
    links = list(_LINK.finditer(match["links"]))
    if not links or "".join(m.group(0) for m in links) != match["links"]:
        return None
    said = " + ".join(f"'{m['words']}' ({_strength(language, m['strength'])})" for m in links)
    strength = _strength(language, match["strength"])
    if match["actors"]:
        message = translate(language, N_("%(links)s → %(strength)s; subject %(actors)s"))
        return message % {"links": said, "strength": strength, "actors": match["actors"]}
    return translate(language, N_("%(links)s → %(strength)s")) % {"links": said, "strength": strength}


# What each named field of a message matches in a stored line, when not anything (`.+`).
_FIELDS = {
    "strength": r"\w+",
    "area": r"\w+",
    "actors": r"[^)]*",
    "parties": r"[^)]*",
    "due": r"\d{4}-\d\d-\d\d",
    "amount": r"[\d,.]+",
    "currency": r"[A-Z]{3}",
    "period": r"P\w+",
    "party": r"[A-Z]+",
    "score": r"-?[\d.]+",
}
_FIELD = re.compile(r"%\((\w+)\)s")

# The extractor's lines, most specific first (the first that matches the whole line is used),
# then why a link was suggested (accord.domain.continuity.Signals.explain).
SHAPES = (
    N_("verdict: commitment (%(strength)s, %(actors)s)"),
    N_("the lead-in lends its actors (%(actors)s) and strength (%(strength)s)"),
    N_("skipped: its subject '%(subject)s' is not a party"),
    N_("'%(words)s' is due %(due)s"),
    N_("'%(words)s' names no single due date"),
    N_("'%(words)s' is %(amount)s %(currency)s over %(period)s"),
    N_("'%(words)s' is %(amount)s %(currency)s"),
    N_("'%(words)s' is about %(area)s, if nothing else is named"),
    N_("'%(words)s' is about %(area)s"),
    N_("'%(words)s' names %(party)s"),
    N_("'%(words)s' stands for every party (%(parties)s)"),
    N_("'%(words)s' is named like a body"),
    N_("'%(words)s' is %(name)s in the gazetteer"),
    N_("'%(words)s': not legally binding"),
    N_("'%(words)s': legally binding"),
    N_("semantic similarity %(score)s"),
    N_("lexical similarity %(score)s: %(words)s"),
    N_("lexical similarity %(score)s"),
    N_("shared names: %(names)s"),
    N_("back-reference %(note)s"),
)


def _pattern(msgid: str) -> re.Pattern[str]:
    """The stored English line a message template was filled from, each field a named group."""
    pieces = _FIELD.split(msgid)  # literal, field, literal, field, ..., literal
    return re.compile(
        "".join(
            re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>{_FIELDS.get(piece, '.+')})"
            for i, piece in enumerate(pieces)
        )
    )


@cache
def _shapes(language: str) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]]:
    convert: dict[str, Callable[[str], str]] = {
        "strength": lambda value: _strength(language, value),
        "area": lambda value: label(language, "area", value),
    }

    def message(msgid: str) -> Callable[[re.Match[str]], str]:
        def build(match: re.Match[str]) -> str:
            values = {name: convert.get(name, str)(value) for name, value in match.groupdict().items()}
            return translate(language, msgid) % values

        return build

    # A reason is itself an explanation; a verb chain is rebuilt link by link (and passed over,
    # returning None, when its links do not make up the whole quote).
    return [
        (re.compile(r"verdict: not a commitment: (?P<reason>.+)"), lambda m: _reason(language, m["reason"])),
        (_CHAIN, lambda m: _chain(language, m)),
        *((_pattern(msgid), message(msgid)) for msgid in SHAPES),
    ]


def _reason(language: str, reason: str) -> str:
    prefix = translate(language, N_("verdict: not a commitment: %(reason)s"))
    return prefix % {"reason": translate(language, reason) if reason in FIXED else explain(language, reason)}


def explain(language: str, line: str) -> str:
    """One stored explanation line in `language`; English lines come back unchanged."""
    if language == "en" or not line:
        return line
    if line in FIXED:
        return translate(language, line)
    for pattern, build in _shapes(language):
        match = pattern.fullmatch(line)
        if match is not None:
            built = build(match)
            if built is not None:
                return built
    return line
