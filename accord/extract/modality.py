"""modality.v1: verb chains that carry commitment strength, who governs each, and sentences that
are not commitments (the instrument's operating clauses, lead-ins that only point at their list).

A chain starts at a modal ("will", "plan to", "are committed to"), at a verb right after its
subject ("We encourage", "Germany supports"), or at the first verb of a list item ("Explore ...");
verbs that follow it closely join it. The weakest link decides the chain's strength.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.domain.commitments import Strength, weakest
from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import HANGUL, Document, Unit

NAME = "modality.v1"

# Between two links of one chain: only adverbs and particles ("will also actively work to").
_GLUE = re.compile(
    r"[ ]+(?:(?:\w+ly|also|jointly|together|further|continue to|to|both|each|all|then|not only|now|more|"
    r"again|first|collaboratively)[ ]+){0,3}$"
)
# Between a subject and its bare verb: "We also", "Germany, as host, ".
# The rest of an organ's name after the party's own word: "[Philippine Department] of Energy (DOE)".
_ORGAN_TAIL = (
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:(?:,\s+|\s+(?:and|&|of|for)\s+|\s+)[A-Z][\w'’.-]*)*)?"
)
_SUBJECT_GAP = re.compile(
    r"^(?:['’]s)?"
    + _ORGAN_TAIL
    + r"\s*(?:\([^)]{1,40}\)\s*)?(?:,[^,]{1,60},\s*)?(?:(?:\w+ly|also|each|jointly|together|both|all|further|now|hereby|therefore)\s+){0,2}$"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|with|in|by|between|for|to|from|at|on|among|under|towards?|including|and its|than|like|as|across|within)"
    r"\s+(?:the\s+|a\s+|an\s+)?$"
)
# Matched at the end of the chain (so no "^"): "will:" or "will undertake the following work:".
# "..., and launch": a verb coordinated with the chain before it, in the same clause.
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|or|as well as)\s+(?:\w+ly\s+)?$")
# "will undertake the following:", "are intended to include:": the verb only points at the items.
_POINTS_AT_LIST = re.compile(
    r"\s*(?:\w+\s+)?(?:the\s+)?(?:following\b|below\b|as follows\b)|\s*(?:\w+\s*)?:\s*$"
)
# A modal with no verb before the colon: "the Parties shall, subject to their laws:".
_MODAL_THEN_COLON = re.compile(r"\s*,[^:]*:\s*$")


@dataclass(slots=True)
class Link:
    start: int
    end: int
    strength: Strength | None  # None: a neutral verb, which keeps the chain's strength
    role: str  # "modal", "verb", "bare", "neutral"


@dataclass(slots=True)
class Chain:
    """One verb chain and what governs it."""

    strength: Strength
    subject: tuple[str, ...] | None  # party codes of its subject, None when the sentence names none
    subject_span: tuple[int, int] | None
    item_initial: bool  # it begins the list item: the lead-in's modal governs it too
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    scanner: Scanner[tuple[Strength | None, str]]  # payload: strength, role
    korean: list[tuple[re.Pattern[str], Strength]]
    operating: Scanner[str]
    instrument_subject: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    data = lexicon.load("modality")
    alternatives: list[tuple[str, Strength | None, str]] = []
    for strength in Strength:
        for group in data.get(strength.value, []):
            for pattern in group["patterns"]:
                alternatives.append((pattern, strength, group["role"]))
    for pattern in data["neutral"]["patterns"]:
        alternatives.append((pattern, None, "neutral"))
    # Where two match at one place the longer wins; on a tie, the more specific (longer) pattern.
    alternatives.sort(key=lambda a: -len(a[0]))
    scanner = Scanner([(pattern, (strength, role)) for pattern, strength, role in alternatives])
    korean = [
        (re.compile(rf"(?:{pattern})\s*[.。]?\s*$"), Strength(group["strength"]))
        for order in ("aspiration", "intent", "firm")
        for group in data["korean"]
        if group["strength"] == order
        for pattern in group["patterns"]
    ]
    not_commitment = data["not_commitment"]
    instrument = not_commitment["instrument"]
    operating = Scanner([(pattern, "operating") for pattern in not_commitment["operating"]], word_end=False)
    instrument_subject = re.compile(
        rf"(?:(?:the|this|its)\s+)?(?:\w+\s+){{0,2}}?(?:of|under)\s+(?:{instrument})\b(?!,)|(?:{instrument})\b",
        re.IGNORECASE,
    )
    return _Lexicon(scanner, korean, operating, instrument_subject)


_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom)\s+$")


def _links_by_unit(doc: Document) -> dict[int, list[Link]]:
    lex = _lexicon()
    by_unit: dict[int, list[Link]] = {}
    for hit_start, hit_end, payload, _match in lex.scanner.scan(doc.text, doc.lo, doc.hi, shared=doc.scans):
        unit = doc.unit_at(hit_start, hit_end)
        if unit is None:
            continue
        strength, role = payload
        if role == "modal" and doc.text[hit_start:hit_end] == "May":
            continue  # the month, not the modal
        if (
            role != "verb"
            # Without "who" in its window the pattern cannot match: the engine is spared most links.
            and doc.text.find("who", max(0, hit_start - 8), hit_start) >= 0
            and _RELATIVE_BEFORE.search(doc.text, max(0, hit_start - 8), hit_start)
        ):
            continue  # "actors who seek to ...": a relative clause describes someone; it commits no one
        by_unit.setdefault(unit, []).append(Link(hit_start, hit_end, strength, role))
    return by_unit


@extractor(
    NAME, requires=("actor", "body"), assigns=("chain", "not_commitment", "candidate"), prepare=_lexicon
)
def find_chains(doc: Document, found: Findings) -> list[Finding]:
    """Verb chains with their strength and subject; operating clauses and pointing lead-ins."""
    lex = _lexicon()
    findings: list[Finding] = []
    links_by_unit = _links_by_unit(doc)
    operating_units = {
        doc.unit_at(hit_start, hit_end)
        for hit_start, hit_end, _payload, _match in lex.operating.scan(
            doc.text, doc.lo, doc.hi, shared=doc.scans
        )
    }
    candidates: set[int] = set()
    for unit in doc.units:
        text = doc.text
        if (
            unit.index in links_by_unit
            or unit.item_initial
            or unit.is_lead_in
            or (unit.previous is not None and unit.previous in candidates)
        ):
            candidates.add(unit.index)
        reason = _not_commitment(doc, unit, lex, unit.index in operating_units)
        if reason:
            findings.append(
                Finding(
                    "not_commitment",
                    unit.start,
                    unit.end,
                    f"{NAME}:{reason[0]}",
                    reason[1],
                    reason[0],
                    unit.index,
                )
            )
            continue
        links = links_by_unit.get(unit.index)
        # With no verb of its own, only a list item's first sentence can hold a chain (its lead-in's).
        chains = _chains(doc, unit, links or [], found) if links or unit.item_initial else []
        korean = _korean_chain(doc, unit, lex, found)
        if korean is not None:
            chains.append(korean)
            candidates.add(unit.index)
        for chain in chains:
            first, last = chain.links[0], chain.links[-1]
            words = " + ".join(
                f"'{text[link.start : link.end]}' ({link.strength or 'neutral'})" for link in chain.links
            )
            who = f"; subject {'+'.join(chain.subject)}" if chain.subject else ""
            findings.append(
                Finding(
                    "chain",
                    first.start,
                    last.end,
                    f"{NAME}:{first.role}",
                    f"{words} → {chain.strength}{who}",
                    chain,
                    unit.index,
                )
            )
        ends_in_colon = text[unit.end - 1] == ":"
        final = chains[-1].links[-1] if chains else None
        if (
            ends_in_colon
            and final is not None
            and (
                _POINTS_AT_LIST.match(text, final.end, unit.end)
                or (final.role == "modal" and _MODAL_THEN_COLON.match(text, final.end, unit.end))
            )
        ):
            findings.append(
                Finding(
                    "not_commitment",
                    unit.start,
                    unit.end,
                    f"{NAME}:lead_in",
                    "the lead-in names no action of its own; it lends its actor and modal to the items below",
                    "lead_in",
                    unit.index,
                )
            )
    # The sentences that may turn out to be commitments; later extractors read only these.
    findings.extend(
        Finding("candidate", doc.units[i].start, doc.units[i].end, f"{NAME}:candidate", "", None, i)
        for i in sorted(candidates)
    )
    return findings


def _not_commitment(doc: Document, unit: Unit, lex: _Lexicon, operating: bool) -> tuple[str, str] | None:
    if operating or lex.instrument_subject.match(doc.text, unit.start, unit.end):
        return ("operating_clause", "an operating clause of the instrument itself, recorded as a term")
    return None


def _chains(doc: Document, unit: Unit, links: list[Link], found: Findings) -> list[Chain]:
    text = doc.text
    chains: list[list[Link]] = []
    heads_item = False
    dropped_until = -1
    for link in links:
        if _inside_quotation(text, unit.start, link.start):
            continue  # words quoted from another text ("the Plan notes, “we support ...”") commit no one here
        if link.start < dropped_until:
            continue  # inside a welcome that commits no party ("welcomes Shopify's plan to ...")
        at_item_start = unit.item_initial and not text[unit.start : link.start].strip(" ,")
        if not at_item_start and not _welcome_is_the_parties(doc, unit, link, found):
            dropped_until = link.end
            continue
        if chains:
            previous = chains[-1][-1]
            if link.start >= previous.end and _GLUE.match(text, previous.end, link.start) is not None:
                if link.role != "bare":  # "will support": a governed "support" adds nothing
                    chains[-1].append(link)
                continue
        if link.role == "modal":
            if _read_as_noun(text, unit.start, link.start):
                continue  # "the COP28 pledge to triple ...", "with the aim to": a noun, not a verb
            if _in_relative_clause(text, unit.start, link.start):
                continue  # "a partnership that will train ...": says what something does, not who acts
            if _PROGRESSIVE.fullmatch(text, link.start, link.end) and (
                _subject_before(doc, unit, link.start, found, strict=True) is None
            ):
                # "challenges ... are undermining", "companies are exploring": an announcement
                # commits only the party that is its subject, written right before it.
                continue
            chains.append([link])
            continue
        if (
            chains
            and link.role in ("verb", "neutral")
            and _COORDINATED.search(text, max(chains[-1][-1].end, link.start - 24), link.start)
        ):
            # "will discuss X and launch Y": the second verb shares the first one's modal.
            chains.append([*chains[-1][:-1], link] if len(chains[-1]) > 1 else [chains[-1][0], link])
            continue
        starts_item = unit.item_initial and not text[unit.start : link.start].strip(" ,")
        if starts_item:
            heads_item = True
            chains.append([link])
            continue
        if (
            link.role in ("verb", "bare")
            and _subject_before(doc, unit, link.start, found, strict=True) is not None
        ):
            chains.append([link])
        elif (
            not chains
            and link.role in ("verb", "bare")
            and not text[link.start : link.end].split(None, 1)[0].endswith("ing")
            and _AND_BEFORE.search(text, max(unit.start, link.start - 6), link.start)
            and _subject_before(doc, unit, link.start, found, strict=False) is not None
        ):
            # "The Participants acknowledge X and support Y": the second verb shares the subject
            # of a first verb that commits to nothing.
            chains.append([link])
    if unit.item_initial and not heads_item and not _has_own_subject(doc, unit, chains, found):
        # An item that begins with a verb of no strength ("Facilitate ...") is governed by its lead-in alone.
        first_word_end = text.find(" ", unit.start, unit.end)
        end = first_word_end if first_word_end > 0 else unit.end
        chains.insert(0, [Link(unit.start, end, None, "neutral")])
        heads_item = True
    if len(chains) > 1:
        main = [c for c in chains if not _subordinate(text, unit, c[0].start)]
        chains = main or chains
    result = []
    for index, links_of_chain in enumerate(chains):
        strengths = [link.strength for link in links_of_chain if link.strength is not None]
        item_initial = heads_item and index == 0
        if not strengths and not item_initial:
            continue
        strength = weakest(strengths) if strengths else Strength.FIRM
        subject = _subject_of(doc, unit, links_of_chain[0], found)
        result.append(
            Chain(
                strength,
                subject[0] if subject else None,
                subject[1] if subject else None,
                item_initial,
                tuple(links_of_chain),
            )
        )
    return result


# "a new partnership that will train", "the Fund, which will support": a relative clause, unless
# "that" follows a verb of saying ("agreed that will ..." does not occur; "agreed that they will" has
# its subject between).
_RELATIVE_HEAD = re.compile(r"(?:\b(?P<word>[\w-]+)\s+that|,?\s*\b(?:which|who))\s+$", re.IGNORECASE)
_SAYING = frozenset(
    [
        "agree",
        "agreed",
        "agrees",
        "announce",
        "announced",
        "announces",
        "decide",
        "decided",
        "decides",
        "confirm",
        "confirmed",
        "ensure",
        "ensuring",
        "note",
        "noted",
        "say",
        "said",
        "state",
        "stated",
        "affirm",
        "affirmed",
        "reaffirm",
        "reaffirmed",
        "recognize",
        "recognized",
        "stress",
        "stressed",
        "expect",
        "expected",
        "hope",
        "hoped",
        "believe",
        "believed",
        "so",
        "such",
    ]
)


_AND_BEFORE = re.compile(r"\band\s+$")
_NOUN_READINGS = ("pledge", "plan", "aim", "bid", "goal", "commitment", "intent")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ur|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat|with|whose)\s+(?:[A-Z][A-Z-]*[0-9][A-Z0-9-]*\s+)?$"
)


def _inside_quotation(text: str, lo: int, position: int) -> bool:
    return text.count("“", lo, position) > text.count("”", lo, position)


def _read_as_noun(text: str, lo: int, position: int) -> bool:
    """ "pledge to", "plan to", "aim to" after a determiner are nouns: "the COP28 pledge to" (a name
    with a digit may sit between; "the ROK plans to" is a verb)."""
    if not text.startswith(_NOUN_READINGS, position):
        return False
    return _DETERMINER_BEFORE.search(text, max(lo, position - 30), position) is not None


def _in_relative_clause(text: str, lo: int, position: int) -> bool:
    before = text[max(lo, position - 40) : position]
    if not before.endswith(("that ", "which ", "who ")):
        return False  # the common case, decided without a regular expression
    match = _RELATIVE_HEAD.search(before)
    if match is None:
        return False
    word = match.group("word")
    return word is None or word.lower() not in _SAYING


_PROGRESSIVE = re.compile(r"(?:are|is)\s.*ing", re.IGNORECASE)

_SUBORDINATE = re.compile(r"\b(?:which|who|whom|whose|where|when|if|unless|until|once|whereby)\b")


def _subordinate(text: str, unit: Unit, position: int) -> bool:
    """Is the chain at `position` inside a relative or conditional clause ("..., under which X will ...")?"""
    clause_start = max(
        text.rfind(",", unit.start, position), text.rfind(";", unit.start, position), unit.start
    )
    return _SUBORDINATE.search(text, clause_start, position) is not None


def _has_own_subject(doc: Document, unit: Unit, chains: list[list[Link]], found: Findings) -> bool:
    return any(_subject_before(doc, unit, chain[0].start, found, strict=False) for chain in chains)


def party_mentions(
    found: Findings, unit: Unit, doc: Document
) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """(start, end, codes, possessive) of parties and of bodies that act for one, in order.

    A mention inside another ("Korea" in "National Research Foundation of Korea") is dropped, and
    a bracketed short form right after a name ("... Service (DAAD)") joins that name.
    """
    key = ("mentions", unit.index)
    cached = found.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    found_mentions = [
        (f.start, f.end, f.value.codes, f.value.possessive) for f in found.in_unit("actor", unit.index)
    ]
    text = doc.text
    for body in found.in_unit("body", unit.index):
        party = body.value.party
        # A body acts for its party only if that party is one of the document's.
        codes = (party,) if party and (not doc.parties or party in doc.parties) else ()
        found_mentions.append((body.start, body.end, codes, False))
    found_mentions.sort(key=lambda m: (m[0], -m[1]))
    out: list[tuple[int, int, tuple[str, ...], bool]] = []
    for mention in found_mentions:
        if out and mention[0] < out[-1][1]:
            continue
        if out and text[out[-1][1] : mention[0]] == " (" and text[mention[1] : mention[1] + 1] == ")":
            last = out[-1]
            out[-1] = (last[0], mention[1] + 1, last[2] or mention[2], last[3])
            continue
        out.append(mention)
    found.memo[key] = out
    return out


def _modifier(text: str, mention: tuple[int, int, tuple[str, ...], bool]) -> bool:
    """A party named inside a compound or after "a" modifies a noun, it is no subject:
    "the U.S.-Japan Tourism Year", "Quantinuum, a U.S. quantum computer maker"."""
    start, end = mention[0], mention[1]
    if text[start - 1 : start] in ("-", "–") or text[end : end + 1] in ("-", "–"):
        return True
    before = text[max(0, start - 5) : start].lower()
    return before.endswith((" a ", " an ", " one ")) or before in ("a ", "an ", "one ")


def _subject_candidates(
    found: Findings, unit: Unit, doc: Document
) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """The unit's party mentions that can be a subject (not modifiers), worked out once per unit."""
    key = ("subjects", unit.index)
    cached = found.memo.get(key)
    if cached is None:
        cached = found.memo[key] = [m for m in party_mentions(found, unit, doc) if not _modifier(doc.text, m)]
    return cached  # type: ignore[return-value]


def _subject_before(
    doc: Document, unit: Unit, position: int, found: Findings, *, strict: bool
) -> tuple[tuple[str, ...], tuple[int, int]] | None:
    """The subject that governs a verb at `position`: the party mentions right before it."""
    # Asked up to three times for one verb (does it start a chain, does the item have a subject of
    # its own, whose chain is it): two in five calls were repeats on the benchmark corpus.
    key = ("subject", unit.index, position, strict)
    if key in found.memo:
        return found.memo[key]  # type: ignore[return-value]
    subject = _read_subject_before(doc, unit, position, found, strict=strict)
    found.memo[key] = subject
    return subject


def _read_subject_before(
    doc: Document, unit: Unit, position: int, found: Findings, *, strict: bool
) -> tuple[tuple[str, ...], tuple[int, int]] | None:
    text = doc.text
    mentions = [m for m in _subject_candidates(found, unit, doc) if m[1] <= position]
    if not mentions:
        return None
    last = mentions[-1]
    if last[3]:
        return None
    gap_ok = _SUBJECT_GAP.match(text[last[1] : position]) is not None
    if not gap_ok and strict:
        return None
    if not gap_ok:
        # The sentence's own subject: its first mention that is not an object of a preposition.
        for mention in mentions:
            before = text[max(unit.start, mention[0] - 20) : mention[0]]
            if not mention[3] and not _PREPOSITION_BEFORE.search(before):
                return _group(text, mentions, mentions.index(mention), forward=True)
        return None
    return _group(text, mentions, len(mentions) - 1, forward=False)


_JOIN = re.compile(
    r"^"
    + _ORGAN_TAIL
    + r"(?:\s*\([^)]{1,40}\))?(?:,\s*|\s+)(?:and\s+|as well as\s+|together with\s+|&\s+)?(?:the\s+)?$"
    r"|^\s+and\s+(?:the\s+)?$"
    # "The United States, in collaboration with Japan, will ...": a partner set off by commas acts too.
    r"|^,\s*(?:in\s+(?:close\s+)?(?:collaboration|cooperation|partnership|coordination)\s+with|together\s+with|"
    r"along\s+with|jointly\s+with)\s+(?:the\s+)?$"
)


def _group(
    text: str, mentions: list[tuple[int, int, tuple[str, ...], bool]], index: int, *, forward: bool
) -> tuple[tuple[str, ...], tuple[int, int]]:
    """A mention with the ones joined to it by "and" or commas: "the United States and the ROK"."""
    first = last = index
    while first > 0 and _JOIN.match(text[mentions[first - 1][1] : mentions[first][0]]):
        first -= 1
    if forward:
        while last + 1 < len(mentions) and _JOIN.match(text[mentions[last][1] : mentions[last + 1][0]]):
            last += 1
    codes: list[str] = []
    for mention in mentions[first : last + 1]:
        for code in mention[2]:
            if code not in codes:
                codes.append(code)
    return tuple(codes), (mentions[first][0], mentions[last][1])


# A subject or topic in Korean: the party (or the noun it modifies, "덴마크 혁신펀드", with a name in
# brackets) and then its particle: 은/는/이/가, or 도 ("also").
_KOREAN_TOPIC = re.compile(
    r"\s*(?:정부|측)?(?:\s?[\uac00-\ud7a3]{1,8}?)?(?:\([^()]{1,50}\))?\s*(?:은|는|이|가|도)(?=[\s,])"
)
_JOINT_WORDS = re.compile(
    r"\b(?:bilateral|trilateral|joint|our|two countries|both countries)\b", re.IGNORECASE
)


def _welcome_is_the_parties(doc: Document, unit: Unit, link: Link, found: Findings) -> bool:
    """Welcoming commits a party only to its own step: the owner of a welcomed plan must be a party,
    and a welcomed launch or establishment must name a party or be joint."""
    text = doc.text
    if not _welcome_at(text, link.start, link.end):
        return True
    written = text[link.start : link.end]
    if "'s" in written or "’s" in written:  # "welcomes Japan's plan to"
        return any(link.start <= m[0] < link.end and m[3] and m[2] for m in party_mentions(found, unit, doc))
    if written.endswith(" of"):  # "welcome the launch of"
        reach = min(unit.end, link.end + 150)
        return _JOINT_WORDS.search(text, link.end, reach) is not None or any(
            link.end <= m[0] < reach and m[2] for m in party_mentions(found, unit, doc)
        )
    return True


# "welcome", "welcomes", "welcomed", "welcoming": also read by assembly (a lead-in that welcomes).
WELCOME = re.compile(r"(?i)\bwelcom(?:e[sd]?|ing)\b")


def _welcome_at(text: str, start: int, end: int) -> bool:
    """WELCOME.match(text, start, end), answered without the engine where the text does not begin
    with "welcom" in some case (no other character folds to one of its letters): most links, "will"
    among them, are not a welcome."""
    return text[start : start + 6].lower() == "welcom" and WELCOME.match(text, start, end) is not None


def _subject_of(
    doc: Document, unit: Unit, head: Link, found: Findings
) -> tuple[tuple[str, ...], tuple[int, int]] | None:
    text = doc.text
    if _welcome_at(text, head.start, len(text)):
        # "welcomed Korea's plan to join ...": the plan's owner is the actor.
        owners = [m for m in party_mentions(found, unit, doc) if head.start <= m[0] < head.end and m[3]]
        if owners:
            return owners[0][2], (owners[0][0], owners[0][1])
    return _subject_before(doc, unit, head.start, found, strict=False)


def _korean_chain(doc: Document, unit: Unit, lex: _Lexicon, found: Findings) -> Chain | None:
    if HANGUL.search(doc.text, max(unit.start, unit.end - 12), unit.end) is None:
        return None
    sentence = doc.text[unit.start : unit.end]
    for pattern, strength in lex.korean:
        match = pattern.search(sentence)
        if match is None:
            continue
        mentions = [m for m in party_mentions(found, unit, doc) if not m[3]]
        subject = None
        for mention in mentions:
            after = doc.text[mention[1] : mention[1] + 60]
            if _KOREAN_TOPIC.match(after):
                subject = (mention[2], (mention[0], mention[1]))
                break
        link = Link(unit.start + match.start(), unit.start + match.end(), strength, "modal")
        return Chain(
            strength, subject[0] if subject else None, subject[1] if subject else None, False, (link,)
        )
    return None
