"""Assembling commitments from findings: one per sentence that states an action, with actors,
strength, areas, bodies, money and time — following ANNOTATION.md's rules of inheritance:
a lead-in lends its actor and modal to its items, a follow-on sentence inherits the one before.

The pipeline's last step (`assembly.v1`): its findings, of kind "commitment", hold the
commitments themselves.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

from accord.domain.commitments import Amount, Commitment, Strength, strongest, weakest
from accord.domain.provisions import Provision, ProvisionKind
from accord.extract import lexicon
from accord.extract.areas import NAME as AREAS
from accord.extract.areas import WEAK
from accord.extract.findings import Finding
from accord.extract.modality import WELCOME, Chain, party_mentions
from accord.extract.registry import Findings, Trace, extractor
from accord.extract.units import HANGUL, Document, Unit

# "This includes ...", "These efforts will cover ...": a sentence that spells out the one before.
_INCLUSION = re.compile(
    r"(?:this|these|that|such|it|they|(?:the )?(?:areas?|fields?|activities|cooperation|collaboration|work|"
    r"efforts?|initiative|partnership|programme|program|project|plan|agreement|arrangement|focus|priorities)"
    r"(?: of (?:cooperation|collaboration))?)\b[^,;:]{0,60}?\b"
    r"(?:include|includes|encompass|encompasses|comprise|comprises|cover|covers|involve|involves|entail|entails)\b",
    re.IGNORECASE,
)


# "... in the following areas:" — the items after it are fields of cooperation, not actions.
_FIELDS_FOLLOW = re.compile(
    r"\bthe following (?:\w+ )?(?:areas|fields|sectors|topics|subjects|domains|priorities|themes)\s*:\s*$"
)
# The first word of an item, after any adverb: "Collaboratively promoting ...".
_FIRST_WORD = re.compile(r"(?:\w+ly\s+)?([\w-]+)")


@cache
def _item_verbs() -> frozenset[str]:
    return frozenset(lexicon.load("modality")["item_verbs"]["words"])


@cache
def _acknowledging_verbs() -> frozenset[str]:
    return frozenset(lexicon.load("modality")["acknowledging_verbs"]["words"])


def _verb_bases(word: str) -> set[str]:
    """The base forms a gerund may come from: "building" → build, "noting" → note, "planning" → plan."""
    if not word.endswith("ing") or len(word) < 6:
        return {word}
    stem = word[:-3]
    bases = {word, stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        bases.add(stem[:-1])
    return bases


@dataclass(slots=True)
class _Context:
    """What a sentence lends to the items under it or the sentence after it."""

    actors: list[str]
    strength: Strength
    areas: list[str]
    is_commitment: bool
    lists_fields: bool = False  # "... in the following areas:": its items name fields, not actions


NAME = "assembly.v1"


@extractor(
    NAME,
    requires=("actor", "body", "chain", "not_commitment", "area", "amount", "timeframe"),
    assigns=("commitment",),
)
def commitments(doc: Document, found: Findings) -> list[Finding]:
    """Commitments: one per sentence that states an action, by ANNOTATION.md's rules of inheritance."""
    # Read whole, never by unit: so no unit is noted.
    return [
        Finding("commitment", commitment.start, commitment.end, NAME, "", commitment)
        for commitment in assemble(doc, found, found.trace)
    ]


def assemble(doc: Document, found: Findings, trace: Trace | None = None) -> list[Commitment]:
    """The commitments of `doc`; `trace`, when given, receives every sentence's rule trace,
    ending with the verdict, for error analysis (`accord eval --explain`)."""
    contexts: dict[int, _Context] = {}
    commitments: list[Commitment] = []
    everyone = list(doc.parties)
    titles: dict[int, list[str]] = {}  # areas named by each heading
    title_end = _title_end(doc.text)
    blocked_units = found.by_unit("not_commitment")
    chains_of = found.by_unit("chain")
    areas_of = found.by_unit("area")
    for unit in doc.units:
        if unit.end <= title_end:
            if trace is not None:
                trace[unit.start, unit.end] = ["verdict: not a commitment: the document's title"]
            continue
        blocked = unit.index in blocked_units
        chains = chains_of.get(unit.index) or []
        lead = contexts.get(unit.lead_in) if unit.lead_in is not None else None
        previous = contexts.get(unit.previous) if unit.previous is not None else None
        explanations: list[str] = [f.explanation for f in chains]
        strength, actors = _strength_and_actors(doc, found, unit, chains, lead, previous, explanations)
        if strength is None:
            # A lead-in with no chain of its own passes on what the sentence before it had.
            if unit.is_lead_in and previous is not None:
                contexts[unit.index] = _Context(previous.actors, previous.strength, previous.areas, False)
            if trace is not None:
                trace[unit.start, unit.end] = [
                    *explanations,
                    "verdict: no commitment (no verb chain that commits)",
                ]
            continue
        actors = actors or everyone
        own_areas = _areas(areas_of.get(unit.index, []), doc.text)
        areas = own_areas or (previous.areas if previous else []) or (lead.areas if lead else [])
        # The title of the group or section a sentence sits in is evidence for its area too.
        if unit.heading is not None:
            heading_areas = titles.get(unit.heading)
            if heading_areas is None:
                heading_areas = titles[unit.heading] = _heading_areas(doc, found, unit)
            # A title that names several fields ("Clean Energy and Critical Minerals") joins topics:
            # an item that names one of them is about that one, not about all of them.
            if not set(own_areas) & set(heading_areas):
                areas = _with_heading_areas(areas, heading_areas)
        is_commitment = not blocked
        lists_fields = (
            doc.text[unit.end - 1] == ":"
            and _FIELDS_FOLLOW.search(doc.text, unit.start, unit.end) is not None
        )
        contexts[unit.index] = _Context(actors, strength, areas, is_commitment, lists_fields)
        if not is_commitment:
            if trace is not None:
                reasons = [f.explanation for f in blocked_units[unit.index]]
                trace[unit.start, unit.end] = [
                    *explanations,
                    *(f"verdict: not a commitment: {r}" for r in reasons),
                ]
            continue
        if trace is not None:
            trace[unit.start, unit.end] = [
                *explanations,
                f"verdict: commitment ({strength}, {'+'.join(actors)})",
            ]
        # A commitment keeps the rules that made it; what was skipped on the way is only traced.
        kept = [line for line in explanations if not line.startswith("skipped: ")]
        commitments.append(_commitment(doc, found, unit, actors, strength, areas, chains, kept))
    return commitments


def _title_end(text: str) -> int:
    """The end of the document's title: its first line, when that line has no final punctuation
    ("JOINT FACT SHEET: The United States and India Continue to Chart ...")."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not line or line[-1] in ".!?;:。" or end == len(text):
        return -1
    return start + len(line)


def _strength_and_actors(
    doc: Document,
    found: Findings,
    unit: Unit,
    chains: list[Finding],
    lead: _Context | None,
    previous: _Context | None,
    explanations: list[str],
) -> tuple[Strength | None, list[str]]:
    strengths: list[Strength] = []
    actors: list[str] = []
    previous_foreign: str | None = None
    own_clauses = any(not f.value.item_initial for f in chains)
    for finding in chains:
        chain: Chain = finding.value
        if chain.item_initial:
            if lead is None:
                explanations.append("skipped: a list item's first verb, but no lead-in governs the item")
                continue
            # An item with a verb chain of its own is a sentence ("Google plans to invest ..."), not a phrase.
            describes = (
                not own_clauses
                and not _welcomes(doc, unit.lead_in)
                and _describes_an_activity(doc, found, unit)
            )
            if lead.lists_fields and not describes:
                explanations.append("skipped: its lead-in lists fields ('the following areas:'), not actions")
                continue
            if not _begins_with_verb(doc, unit) and not describes:
                explanations.append("skipped: the item does not begin with a verb or a gerund")
                continue
            if _acknowledges(doc, unit):
                explanations.append("skipped: the item notes or celebrates something; it names no action")
                continue
            own = [link.strength for link in chain.links if link.strength is not None and link.role != "bare"]
            strengths.append(weakest([lead.strength, *own]))
            explanations.append(
                f"the lead-in lends its actors ({'+'.join(lead.actors)}) and strength ({lead.strength})"
            )
            if chain.subject is None:
                _extend(actors, lead.actors)
        else:
            if chain.subject:
                # A party named before "ensure" or "that" is not the subject of the clause after it.
                foreign = _aimed_at_thing(doc, unit, finding.start, finding.end)
            else:
                foreign = _foreign_subject(doc, unit, finding.start, finding.end)
            if foreign is _COORDINATED:
                # "This project will provide ... and is expected to support ...": the same subject.
                foreign = previous_foreign
            previous_foreign = foreign
            if foreign is not None:
                explanations.append(f"skipped: its subject '{foreign}' is not a party")
                continue
            strengths.append(chain.strength)
        if chain.subject:
            _extend(actors, list(chain.subject))
    if strengths:
        if not actors and previous is not None and previous.is_commitment:
            _extend(actors, previous.actors)
            explanations.append("no subject of its own: the actors of the sentence before")
        return strongest(strengths), actors
    if (
        previous is not None
        and previous.is_commitment
        and not unit.is_lead_in
        and _INCLUSION.match(doc.text, unit.start, unit.end)
    ):
        explanations.append(
            "a follow-on sentence: it inherits the actors and strength of the sentence before"
        )
        return previous.strength, list(previous.actors)
    return None, []


# Connectives that open a clause without being its subject.
_OPENERS = re.compile(
    r"^(?:(?:additionally|moreover|furthermore|further|also|in addition|to that end|to this end|"
    r"in this regard|in particular|specifically|today|now|finally|similarly|likewise|accordingly|"
    r"therefore|thus|however|meanwhile|separately)\b\s*,?\s*)+",
    re.IGNORECASE,
)
# Subjects that commit no party: a thing said to have an effect ("This initiative will foster",
# "It will focus") — statements of effect, not actions.
_EFFECT_SUBJECT = re.compile(r"^(?:it|this|these|that|those|such)\b", re.IGNORECASE)
# Words that may open a subject that stands for the parties or their own work ("The Fund",
# "Each Party", "Our forces", "A joint review"); any other capitalised word opens a name, and a
# name that is not a party's is someone else's: "Google plans to invest", "Toyota has announced".
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "their",
        "each",
        "both",
        "all",
        "either",
        "neither",
        "any",
        "every",
        "joint",
        "bilateral",
        "trilateral",
    ]
)
# "... will be completed", "shall be made available": done by the parties, though not named.
_PASSIVE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:also\s+)?be\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ne|lt|de|un|ht)\b")
# A verb coordinated with the one before it shares its subject: "X underscored ... and resolved to".
_COORDINATED_TAIL = re.compile(r"(?:^|\s)(?:and|or|but|as well as|and also|while)$", re.IGNORECASE)
# Pronouns that stand for the parties named before ("They will ...").
_PARTY_PRONOUN = re.compile(r"^(?:they|we|he|she)\b", re.IGNORECASE)
# A subject that stands for the parties' joint work or machinery, which the parties act through.
_JOINT_SUBJECT = re.compile(
    r"\b(?:cooperation|collaboration|working groups?|group|committee|task force|council|dialogues?|"
    r"consultations|exchanges|mechanism|secretariat|participants?|party|parties|sides?|leaders|"
    r"ministers|officials|governments|agencies|forces)\b",
    re.IGNORECASE,
)


# "The new ground stations will enhance ...", "These rules will make trade more open": a thing,
# not the parties or their machinery, said to have an effect. "The Fund will support ..." acts.
_EFFECT_VERB = re.compile(
    r"\s+(?:\w+ly\s+)?(?:also\s+)?(?:enhance|foster|improve|enable|allow|boost|benefit|bolster|underpin|"
    r"pave the way|lay the (?:foundation|groundwork)|form the (?:basis|foundation|bedrock|backbone)|"
    r"make\s[^,.;]{1,60}?\s(?:more|less)\s)",
    re.IGNORECASE,
)


# The subject of a clause the parties' own action aims at: "... work to ensure [that] regulations
# and investments will make ..." — what follows the last "ensure" or "that".
_AIMED_AT = re.compile(r".*\b(?:ensure|ensuring|that|so)\s+(?=\S)", re.IGNORECASE | re.DOTALL)


def _aimed_at_thing(doc: Document, unit: Unit, head: int, head_end: int) -> str | None:
    """The subject of the clause a party's action aims at, when it is a thing with an effect."""
    zone = doc.text[max(unit.start, head - 120) : head].strip(" ,")
    aimed = _AIMED_AT.match(zone)
    if aimed is None or not _is_a_thing_with_an_effect(zone, doc.text, head_end):
        return None
    return zone[aimed.end() :]


def _is_a_thing_with_an_effect(zone: str, text: str, chain_end: int) -> bool:
    if _EFFECT_VERB.match(text, chain_end) is None:
        return False
    aimed = _AIMED_AT.match(zone)
    subject = zone[aimed.end() :] if aimed else zone
    first = subject.split(None, 1)[0] if subject.strip() else ""
    thing = first.lower() in _DETERMINERS or (aimed is not None and first[:1].islower())
    return thing and not _JOINT_SUBJECT.search(subject)


_COORDINATED = "(coordinated with the verb before)"
_APPOSITIVE = re.compile(r"([^,]+),\s*(?:a|an)\s[^,]+", re.IGNORECASE)


def _foreign_subject(doc: Document, unit: Unit, head: int, head_end: int) -> str | None:
    """The subject of the clause that holds a chain at `head`, when it names no party:
    "Google plans to invest", "It will focus on". Such a clause commits no party, and does not
    inherit the actors of the sentence before. Korean is verb-final: its subjects are not read here."""
    text = doc.text
    if HANGUL.search(text, max(unit.start, head - 120), head) or _PASSIVE_AFTER.match(text, head_end):
        return None
    # A subject sits close before its verb: the last 120 characters are enough to read it.
    lo = max(unit.start, head - 120)
    clause = max(lo, text.rfind(";", lo, head) + 1, text.rfind(": ", lo, head) + 1)
    zone = text[clause:head].strip(" ,")
    appositive = _APPOSITIVE.fullmatch(zone)
    if appositive:
        zone = appositive.group(1)  # "Telus, a Canadian telecoms company, plans to ..."
    elif "," in zone:
        # A leading phrase set off by a comma ("In order to support this initiative, they ...").
        zone = zone.rsplit(",", 1)[1].strip() or zone
    zone = _OPENERS.sub("", zone)
    if _COORDINATED_TAIL.search(zone):
        return _COORDINATED
    if not zone or _PARTY_PRONOUN.match(zone):
        return None
    if _EFFECT_SUBJECT.match(zone) or _is_a_thing_with_an_effect(zone, text, head_end):
        return zone if len(zone) <= 60 else zone[:57] + "..."
    first = zone.split(None, 1)[0]
    if unit.item_initial and not _verb_bases(first.lower()).isdisjoint(
        _item_verbs() | _acknowledging_verbs()
    ):
        return None  # the item's own first verb ("Recognize ..., commit to ..."), not a subject
    # An acronym opens an agency's name more often than a company's ("FDA and PMDA intend to").
    if _JOINT_SUBJECT.search(zone) or sum(c.isupper() for c in first) >= 2:
        return None
    if first[:1].isupper() and first.lower() not in _DETERMINERS:
        return zone if len(zone) <= 60 else zone[:57] + "..."
    return None


def _first_word(doc: Document, unit: Unit) -> str | None:
    match = _FIRST_WORD.match(doc.text[unit.start : min(unit.end, unit.start + 60)])
    return match.group(1).lower() if match else None


def _begins_with_verb(doc: Document, unit: Unit) -> bool:
    word = _first_word(doc, unit)
    if word is None:
        return False
    return word.endswith("ing") or word in _item_verbs()


# A noun-phrase item of this many words or more describes an activity ("Technical consultations on
# ... to promote ..."); a shorter one names a field ("quantum sensing;").
_ACTIVITY_WORDS = 6


_FINITE_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had)\s")
_SUBJECT_PRONOUN = re.compile(r"(?:we|our|they|their|this|these|it|its)\b", re.IGNORECASE)


def _welcomes(doc: Document, lead_in: int | None) -> bool:
    """Under "... welcome:", a noun-phrase item is what is welcomed, often someone else's act."""
    if lead_in is None:
        return False
    lead = doc.units[lead_in]
    return WELCOME.search(doc.text, lead.start, lead.end) is not None


def _describes_an_activity(doc: Document, found: Findings, unit: Unit) -> bool:
    """A long noun phrase, not a sentence with a subject of its own ("The ROK became ...")."""
    words = doc.text[unit.start : unit.end].split(None, _ACTIVITY_WORDS)
    if len(words) < _ACTIVITY_WORDS or not words[0][:1].isalpha() or _SUBJECT_PRONOUN.fullmatch(words[0]):
        return False
    if _FINITE_VERB.search(doc.text, unit.start, unit.end):
        return False  # a sentence of its own ("The agency was founded in 2010"), not a phrase
    return not any(mention.start - unit.start < 30 for mention in found.in_unit("actor", unit.index))


def _acknowledges(doc: Document, unit: Unit) -> bool:
    """An item that opens with "Noting", "Celebrating", "Recognizing": it looks at what is or was."""
    word = _first_word(doc, unit)
    return word is not None and not _verb_bases(word).isdisjoint(_acknowledging_verbs())


def _extend(target: list[str], codes: list[str]) -> None:
    for code in codes:
        if code not in target:
            target.append(code)


# Areas that say how or through what the parties act, not what about: they count only when
# nothing else is named ("the working group is tasked to map supply chains" is about supply chains).
_VEHICLE_AREAS = frozenset({"governance"})


# "establish a working group", "the creation of a Task Force": the machinery is what is committed.
# A full stop inside a name ("the U.S.-ROK Dialogue") or after an initial does not end the stretch.
# A character of the same sentence: not a stop, unless the stop sits inside a name or after an initial.
_IN_SENTENCE = r"(?:[^.;:]|\.(?=\S)|(?<=\b[A-Z])\.)"
_CREATES = re.compile(
    r"\b(?:establish\w*|launch\w*|creat\w*|set(?:ting)? up|convene\w*|hold|holding|form\w*|"
    r"institutionali[sz]\w*|inaugura\w*)\b" + _IN_SENTENCE + "{0,50}$",
    re.IGNORECASE,
)


# The same said of the machinery after its name: "a working group will be set up", and in Korean,
# where the verb follows its object ("공동위원회를 ... 개최하기로"). Not "the Forum to be held in
# Kyoto": an event someone else holds.
_CREATED = re.compile(
    _IN_SENTENCE + r"{0,40}?(?:\b(?<!\bto )(?:be|been|is|are|was|were)\s+(?:launched|established|created|"
    r"set up|convened|held|formed|inaugurated|institutionali[sz]ed)\b|개최|설치|신설|출범|발족|구성)",
    re.IGNORECASE,
)


def _is_created(text: str, finding: Finding) -> bool:
    return bool(
        _CREATES.search(text, max(0, finding.start - 60), finding.start) or _CREATED.match(text, finding.end)
    )


def _areas(findings: list[Finding], text: str = "") -> list[str]:
    strong = [f for f in findings if not _is_weak(f)]
    if strong:
        findings = strong
    areas: list[str] = []
    for finding in findings:
        if finding.value in _VEHICLE_AREAS and text and not _is_created(text, finding):
            continue
        if finding.value not in areas:
            areas.append(finding.value)
    if not areas:
        areas = [f.value for f in findings[:1]]
    return areas


def _is_weak(finding: Finding) -> bool:
    return finding.rule.startswith(_WEAK_RULE)


_WEAK_RULE = f"{AREAS}:{WEAK}:"


def _with_heading_areas(areas: list[str], heading: list[str]) -> list[str]:
    # A title names the field; the machinery in it ("... Technology Dialogue") is no evidence.
    return areas + [area for area in heading if area not in areas and area not in _VEHICLE_AREAS]


def _heading_areas(doc: Document, found: Findings, unit: Unit) -> list[str]:
    if unit.heading is None:
        return []
    index: int | None = unit.heading
    while index is not None:
        heading = doc.provisions[index]
        areas: list[str] = []
        for finding in found.within("area", heading.start, heading.end):
            if finding.value not in areas:
                areas.append(finding.value)
        if areas:
            return areas
        index = _title_above(doc.provisions, heading)
    return []


def _title_above(provisions: list[Provision], heading: Provision) -> int | None:
    """The heading just above `heading` when nothing but it stands in between ("Statement on
    Export Controls" over "Principles"): a title whose subtitles name no field of their own."""
    if heading.parent is None or heading.parent == 0:
        return None
    before = provisions[heading.parent - 1]
    empty = before.parent is not None and provisions[before.parent].end <= before.end + _TITLE_GAP
    return before.index if before.kind is ProvisionKind.HEADING and empty else None


_TITLE_GAP = 2  # the line break(s) after a title whose section holds nothing else


def _commitment(
    doc: Document,
    found: Findings,
    unit: Unit,
    actors: list[str],
    strength: Strength,
    areas: list[str],
    chains: list[Finding],
    explanations: list[str],
) -> Commitment:
    bodies: list[str] = []
    for finding in found.in_unit("body", unit.index):
        if finding.value.name not in bodies:
            bodies.append(finding.value.name)
    amount_findings = found.in_unit("amount", unit.index)
    # Mentions of one party each (names, and bodies that act for a party of the document).
    mentions = [
        (start, end, codes[0])
        for start, end, codes, _possessive in (party_mentions(found, unit, doc) if amount_findings else [])
        if len(codes) == 1
    ]
    amounts = [
        _amount(doc.text, finding, chains, actors, mentions)
        for finding in amount_findings
        if not _given_by_others(doc.text, unit.start, finding.start, mentions)
        and not _CUMULATIVE.search(doc.text, max(unit.start, finding.start - 80), finding.start)
    ]
    timeframes = found.in_unit("timeframe", unit.index)
    timeframe = timeframes[0].value if timeframes else None
    explanations = [*explanations, *(f.explanation for f in amount_findings)]
    explanations += [f.explanation for f in timeframes[:1]]
    return Commitment(
        start=unit.start,
        end=unit.end,
        text=doc.source,
        actors=_shared(tuple(actors)),
        strength=strength,
        areas=_shared(tuple(areas)),
        bodies=_shared(tuple(bodies)),
        amounts=tuple(amounts),
        timeframe=timeframe.text if timeframe else None,
        due=timeframe.due if timeframe else None,
        provision=unit.provision,
        # The same sentences explain thousands of commitments: keep one copy of each.
        explanations=_shared_strings(tuple(explanations)),
    )


_SHARED: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(value: tuple[str, ...]) -> tuple[str, ...]:
    """One copy of each distinct tuple of strings (actors, areas, explanations repeat endlessly)."""
    if len(_SHARED) > 100_000:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


def _shared_strings(value: tuple[str, ...]) -> tuple[str, ...]:
    """Like _shared, with each string of a tuple seen for the first time kept once too."""
    known = _SHARED.get(value)
    return known if known is not None else _shared(tuple(sys.intern(s) for s in value))


# "which puts the U.S. commitment to $35 million": a running total, not a new pledge.
_CUMULATIVE = re.compile(
    r"\b(?:puts?|brings?|bringing|raises?|raising|takes?|taking)\b[^;$]{0,60}\b(?:to|at)\s+(?:over\s+|nearly\s+|more than\s+)?$",
    re.IGNORECASE,
)
# "with Qualcomm contributing an additional $9.4 million": money that a named other gives.
_OTHER_GIVES = re.compile(
    r"(?P<name>\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)\s+(?:also\s+)?(?:is\s+|will\s+|plans to\s+|intends to\s+)?"
    r"(?:contribut|invest|provid|commit|pledg|spend|add|donat|fund)\w*\s+"
    r"(?:an?\s+additional\s+|a\s+further\s+|up\s+to\s+|nearly\s+|approximately\s+|about\s+|over\s+|more than\s+)?$"
)


def _given_by_others(text: str, lo: int, at: int, mentions: list[tuple[int, int, str]]) -> bool:
    clause = max(lo, text.rfind(",", lo, at) + 1, text.rfind(";", lo, at) + 1)
    match = _OTHER_GIVES.search(text, clause, at)
    if match is None:
        return False
    start, end = match.span("name")
    if match.group("name").split()[0].lower() in _DETERMINERS:
        return False
    return not any(m_start < end and start < m_end for m_start, m_end, _code in mentions)


# "… and the ROK $10 million", "Korea's $1 billion": the party written right before the figure.
_OWNER_BEFORE = re.compile(r"(?:['’]s)?\s*(?:\(\w+\)\s*)?(?:will\s+provide\s+|contributes?\s+|pledged?\s+)?$")
# "USAID's Emerging Technologies program, an 18-month, $410,000 activity": the figure describes the
# programme that the party's body owns.
_OWNED_APPOSITIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,8}?[\w-]+,\s+an?\s+(?:[\w-]+,?\s+){0,3}")
# "$15 million from NSF": the source written right after it.
_SOURCE_AFTER = re.compile(r"\s+(?:(?:from|by)\s+(?:the\s+)?)?$")


def _amount(
    text: str,
    finding: Finding,
    chains: list[Finding],
    actors: list[str],
    mentions: list[tuple[int, int, str]],
) -> Amount:
    """The pledging party: one written next to the figure ("… and the ROK $10 million", "$15 million
    from NSF"), else the subject of the nearest chain before the amount, else the only actor."""
    actor = None
    for _start, end, code in reversed(mentions):
        if end <= finding.start:
            if (finding.start - end <= 40 and _OWNER_BEFORE.fullmatch(text, end, finding.start)) or (
                finding.start - end <= 120 and _OWNED_APPOSITIVE.fullmatch(text, end, finding.start)
            ):
                actor = code
            break
    if actor is None:
        for start, _end, code in mentions:
            if start >= finding.end and start - finding.end <= 12:
                if _SOURCE_AFTER.fullmatch(text, finding.end, start):
                    actor = code
                break
    if actor is None:
        for chain in reversed(chains):
            if chain.start < finding.start and chain.value.subject and len(chain.value.subject) == 1:
                actor = chain.value.subject[0]
                break
    if actor is None and len(actors) == 1:
        actor = actors[0]

    money = finding.value
    return Amount(money.value, money.currency, actor, money.period, finding.start, finding.end)
