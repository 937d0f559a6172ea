"""The spans of a later text that linking compares with earlier ones: its commitments, and its
sentences outside every commitment, each with what it leans on.

Pure of the database: the process that stores a text reads them from its rows, and the process
that prepares it (a worker, with `accord ingest --jobs N`) works them out from the extraction to
embed them beforehand, so that the storing process finds their vectors made.
"""

from __future__ import annotations

import bisect
import itertools
import re

from accord.extract.lexical import acronyms
from accord.services.linking import Unit

MIN_WORDS = 6  # headings and fragments say nothing to link

# A sentence that leans on the one before it: "This effort will be bolstered by ...".
_ANAPHOR = re.compile(
    r"^\s*(?:this|these|that|those|such|the (?:effort|initiative|programme|program|partnership|work))\b",
    re.IGNORECASE,
)


class Covered:
    """A text's commitment spans, asked whether a sentence overlaps any of them: by bisection over
    the spans in order of their starts, not against each span (a text holds hundreds of each)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # the spans that start before `end`
        return before > 0 and self._reach[before - 1] > start


def uncovered(text: str, covered: Covered, start: int, end: int) -> str | None:
    """The sentence text[start:end] when it overlaps no commitment and has MIN_WORDS words: a span
    linking compares on its own (a later text's unit, an earlier text's statement)."""
    if covered.overlaps(start, end):
        return None
    quote = text[start:end]
    return quote if len(quote.split()) >= MIN_WORDS else None


def link_units(
    text: str,
    commitments: list[tuple[int, int, str]],
    sentences: list[tuple[int, int]],
    proper: frozenset[str],
) -> list[Unit]:
    """The (start, end, quote) commitments of `text`, and those of its (start, end) sentences that
    overlap none of them and have MIN_WORDS words, in order, each with its context: the sentence
    before one that opens with "This ..." or "These ...", and the long forms of the acronyms the
    text defines."""
    covered = Covered([(s, e) for s, e, _ in commitments])
    units = [Unit(s, e, q, True) for s, e, q in commitments]
    for start, end in sentences:
        quote = uncovered(text, covered, start, end)
        if quote is not None:
            units.append(Unit(start, end, quote, False))
    defined = acronyms(text)
    ends = sorted((e, s) for s, e in sentences)
    end_values = [e for e, _ in ends]
    latest_start = list(itertools.accumulate((s for _, s in ends), max))  # of the sentences ended so far
    out = []
    for unit in sorted(units, key=lambda u: (u.start, u.end)):
        context = []
        if _ANAPHOR.match(unit.text):
            ended = bisect.bisect_right(end_values, unit.start)  # the sentences that end before it
            if ended:
                previous = latest_start[ended - 1]
                context.append(text[previous : min(unit.start, previous + 600)])
        context += [
            f"{long} ({acronym})" for acronym, long in defined.items()
            if acronym in unit.text and f"({acronym})" not in unit.text
        ]  # fmt: skip
        out.append(Unit(unit.start, unit.end, unit.text, unit.is_commitment, " ".join(context), proper))
    return out
