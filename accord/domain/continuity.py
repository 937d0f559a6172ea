"""Links between commitments across documents: what they are, and how a candidate is scored.

Pure rules: the signals are measured elsewhere (references and names in accord.extract,
similarities in the ranking service); here they are weighed and explained.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from accord.domain.choices import Choices

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class Relation(Choices, noun="relation", hint="fulfills, progress, continues or reaffirms"):
    FULFILLS = "fulfills"  # the later text says the earlier commitment is done
    PROGRESS = "progress"  # it reports a step taken on it
    CONTINUES = "continues"  # it carries the same effort forward
    REAFFIRMS = "reaffirms"  # it restates it

    @property
    def reports_progress(self) -> bool:
        """Accepting such a link proposes a progress entry on the earlier commitment."""
        return self in (Relation.FULFILLS, Relation.PROGRESS)


class LinkStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


# Weights of the signals; the semantic and lexical similarities are cosines in [0, 1].
SEMANTIC = 0.45
LEXICAL = 0.35
NAMES = 0.30
REFERENCE = 0.25
# A document of exactly the same parties continues the series more often than a wider one.
OTHER_SERIES = 0.85
# A sentence the extractor did not take for a commitment is less often what a later text reports on.
NOT_A_COMMITMENT = 1.0
# Below this a candidate is not suggested at all; each later span keeps at most TOP suggestions.
THRESHOLD = 0.25
TOP = 3


Signal = TypeVar("Signal", float, "npt.NDArray[np.float64]")


def weighed(semantic: Signal, lexical: Signal, names: Signal, reference: Signal) -> Signal:
    """The signals' weighted sum, for one candidate (floats) or many at once (numpy arrays)."""
    return SEMANTIC * semantic + LEXICAL * lexical + NAMES * names + REFERENCE * reference


@dataclass(frozen=True, slots=True)
class Signals:
    semantic: float
    lexical: float
    names: float  # rarity-weighted share of proper names, acronyms and registry bodies, in [0, 1]
    shared_names: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()
    reference: float = 0.0  # 1: the later text names this document's date or event; 0.5: a cue only
    reference_note: str | None = None
    same_series: bool = True
    is_commitment: bool = True  # the earlier span is a commitment, not a sentence passed over
    reasons: list[str] = field(default_factory=list)

    def score(self) -> float:
        raw = weighed(max(self.semantic, 0.0), self.lexical, self.names, self.reference)
        raw *= 1.0 if self.same_series else OTHER_SERIES
        return round(raw * (1.0 if self.is_commitment else NOT_A_COMMITMENT), 4)

    def explain(self) -> list[str]:
        out = [f"semantic similarity {self.semantic:.2f}", f"lexical similarity {self.lexical:.2f}"]
        if self.shared_words:
            out[-1] += ": " + ", ".join(self.shared_words[:6])
        if self.shared_names:
            out.append("shared names: " + ", ".join(self.shared_names[:5]))
        if self.reference_note:
            out.append("back-reference " + self.reference_note)
        if not self.same_series:
            out.append("earlier document of other parties")
        if not self.is_commitment:
            out.append("earlier sentence not extracted as a commitment")
        return out


def reference_strength(
    *,
    years: tuple[int, ...],
    month: int | None,
    last: str | None,
    events: tuple[str, ...],
    later_date: dt.date | None,
    earlier_date: dt.date | None,
    earlier_title: str,
) -> float:
    """How well a back-reference's date and event words fit one earlier document: 1.0 when its
    date (or "last year") and an event word fit, 0.75 when one does, 0.25 for a cue naming
    neither, 0 when it names a date this document does not have."""
    named_date = bool(years or last)
    date_fits = False
    if earlier_date is not None:
        if years and earlier_date.year in years:
            date_fits = month is None or earlier_date.month == month
        if last and later_date is not None:
            if last == "year":
                date_fits = date_fits or earlier_date.year == later_date.year - 1
            elif last == "month":
                date_fits = date_fits or (later_date - earlier_date).days <= 62
            else:  # a month's name: that month within the past year
                date_fits = date_fits or (later_date - earlier_date).days <= 366
    title = earlier_title.lower()
    event_fits = any(event in title for event in events if event not in ("agreement", "partnership"))
    if named_date and not date_fits:
        return 0.0
    if date_fits and event_fits:
        return 1.0
    if date_fits or event_fits:
        return 0.75
    return 0.25
