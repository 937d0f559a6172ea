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


@cache
def _shapes(language: str) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]]:
    def message(msgid: str, **fields: Callable[[str], str]) -> Callable[[re.Match[str]], str]:
        def build(match: re.Match[str]) -> str:
            values = {name: fields.get(name, str)(value) for name, value in match.groupdict().items()}
            return translate(language, msgid) % values

        return build

    strength = lambda value: _strength(language, value)  # noqa: E731
    area = lambda value: label(language, "area", value)  # noqa: E731
    return [
        (
            re.compile(r"verdict: commitment \((?P<strength>\w+), (?P<actors>[^)]*)\)"),
            message(N_("verdict: commitment (%(strength)s, %(actors)s)"), strength=strength),
        ),
        (re.compile(r"verdict: not a commitment: (?P<reason>.+)"), lambda m: _reason(language, m["reason"])),
        (
            re.compile(
                r"the lead-in lends its actors \((?P<actors>[^)]*)\) and strength \((?P<strength>\w+)\)"
            ),
            message(
                N_("the lead-in lends its actors (%(actors)s) and strength (%(strength)s)"), strength=strength
            ),
        ),
        (
            re.compile(r"skipped: its subject '(?P<subject>.+)' is not a party"),
            message(N_("skipped: its subject '%(subject)s' is not a party")),
        ),
        (
            re.compile(r"'(?P<words>.+)' is due (?P<due>\d{4}-\d\d-\d\d)"),
            message(N_("'%(words)s' is due %(due)s")),
        ),
        (
            re.compile(r"'(?P<words>.+)' names no single due date"),
            message(N_("'%(words)s' names no single due date")),
        ),
        (
            re.compile(
                r"'(?P<words>.+)' is (?P<amount>[\d,.]+) (?P<currency>[A-Z]{3}) over (?P<period>P\w+)"
            ),
            message(N_("'%(words)s' is %(amount)s %(currency)s over %(period)s")),
        ),
        (
            re.compile(r"'(?P<words>.+)' is (?P<amount>[\d,.]+) (?P<currency>[A-Z]{3})"),
            message(N_("'%(words)s' is %(amount)s %(currency)s")),
        ),
        (
            re.compile(r"'(?P<words>.+)' is about (?P<area>\w+), if nothing else is named"),
            message(N_("'%(words)s' is about %(area)s, if nothing else is named"), area=area),
        ),
        (
            re.compile(r"'(?P<words>.+)' is about (?P<area>\w+)"),
            message(N_("'%(words)s' is about %(area)s"), area=area),
        ),
        (re.compile(r"'(?P<words>.+)' names (?P<party>[A-Z]+)"), message(N_("'%(words)s' names %(party)s"))),
        (
            re.compile(r"'(?P<words>.+)' stands for every party \((?P<parties>[^)]*)\)"),
            message(N_("'%(words)s' stands for every party (%(parties)s)")),
        ),
        (
            re.compile(r"'(?P<words>.+)' is named like a body"),
            message(N_("'%(words)s' is named like a body")),
        ),
        (
            re.compile(r"'(?P<words>.+)' is (?P<name>.+) in the gazetteer"),
            message(N_("'%(words)s' is %(name)s in the gazetteer")),
        ),
        (
            re.compile(r"'(?P<words>.+)': not legally binding"),
            message(N_("'%(words)s': not legally binding")),
        ),
        (re.compile(r"'(?P<words>.+)': legally binding"), message(N_("'%(words)s': legally binding"))),
        (_CHAIN, lambda m: _chain(language, m)),
        # Why a link was suggested (accord.domain.continuity.Signals.explain).
        (
            re.compile(r"semantic similarity (?P<score>-?[\d.]+)"),
            message(N_("semantic similarity %(score)s")),
        ),
        (
            re.compile(r"lexical similarity (?P<score>[\d.]+): (?P<words>.+)"),
            message(N_("lexical similarity %(score)s: %(words)s")),
        ),
        (re.compile(r"lexical similarity (?P<score>[\d.]+)"), message(N_("lexical similarity %(score)s"))),
        (re.compile(r"shared names: (?P<names>.+)"), message(N_("shared names: %(names)s"))),
        (re.compile(r"back-reference (?P<note>.+)"), message(N_("back-reference %(note)s"))),
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
