"""Suggesting links from a newly stored document to the earlier commitments of its partnerships.

For every commitment and every other sentence of the new document, each earlier commitment of
the same parties (a partnership: two parties in common; a trilateral text touches three) is
scored from four signals, weighed by `accord.domain.continuity`:

- semantic similarity: WordLlama sentence vectors (int8 in the database, a float32 matrix here);
- lexical similarity: cosine of rarity-weighted (IDF over the candidate pool) word stems;
- shared names: proper names, acronyms and registry bodies, weighted by rarity;
- back-references ("building on", "fulfils a commitment made in April 2023", "reaffirmed")
  whose date or event fits the earlier document.

Candidates are the top semantic neighbours of each span plus every commitment sharing a rare
name, so a commitment that names the same programme is never missed for want of similar words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain, repeat

import numpy as np

from accord.domain.continuity import THRESHOLD, TOP, LinkStatus, Relation, Signals, reference_strength
from accord.extract.references import Reference, find_references
from accord.services.batch_words import batch_words
from accord.services.candidate_screen import Request, Screen
from accord.services.pool_items import PoolItems
from accord.services.span_words import Ids, Lexical, Words, joined, lexical_of, numbering, sentence_vectors

NEIGHBOURS = 40  # semantic neighbours of each later span that are scored in full
SAMPLE = 20_000  # pool items whose words give the rarity weights
NAMED = 100  # at most this many more that share a rare name with it
_PAST_REPORT = (
    " launched", " established", " concluded", " completed", " signed", " opened", " held ",
    " have worked", " has worked", " has provided", " have provided", " announced", " welcome the establishment",
    " welcomed the establishment", " delivered", " achieved", " became", " entered into force",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unit:
    """A span of the later document that may refer back: a commitment, or a sentence outside any."""

    start: int
    end: int
    text: str
    is_commitment: bool
    # What the span leans on: the sentence before it when it opens with "This effort ..." or
    # "These ...", and the long forms of acronyms the document defined elsewhere.
    context: str = ""
    proper: frozenset[str] = frozenset()
    # Worked out where the text was prepared (in a worker, with --jobs N), when it was: the terms
    # and names of `compared` (`lexical_of`), and the back-references of `text`.
    lexical: Lexical | None = field(default=None, compare=False)
    references: tuple[Reference, ...] | None = field(default=None, compare=False)

    @property
    def compared(self) -> str:
        return f"{self.context} {self.text}".strip()

    def __reduce__(self) -> tuple[type[Unit], tuple[object, ...]]:
        # A prepared text's units come back from a worker to the storing process: a tuple of
        # fields loads in a fifth of the time of a slotted dataclass's state (`fields()` per object).
        return Unit, (
            self.start, self.end, self.text, self.is_commitment, self.context, self.proper, self.lexical,
            self.references,
        )  # fmt: skip


@dataclass(slots=True)
class Earlier:
    commitment_id: int | None  # None: a sentence of the earlier text that no commitment covers
    agreement_id: int
    document_id: int
    start: int
    end: int
    quote: str
    date: dt.date | None
    title: str
    same_series: bool
    bodies: tuple[str, ...] = ()
    proper: frozenset[str] = frozenset()  # words its document only writes capitalised
    words: Words | None = None  # kept once a pool has worked them out
    # Set by whoever made the item, unique in that process: a worker process that is sent the same
    # item for text after text finds its words by this number instead of by its text.
    serial: int | None = None
    # Its text's terms and names (`lexical.terms`, `lexical.names` with `proper`), when the process
    # that prepared its text worked them out: every worker that ranks against it need not.
    lexical: Lexical | None = None

    def __reduce__(self) -> tuple[type[Earlier], tuple[object, ...]]:
        # Items go to worker processes text after text: a tuple of fields pickles in half the time
        # a slotted dataclass does and loads in a quarter. The words stay behind: their terms'
        # numbers mean nothing in another process.
        return Earlier, (
            self.commitment_id, self.agreement_id, self.document_id, self.start, self.end, self.quote,
            self.date, self.title, self.same_series, self.bodies, self.proper, None, self.serial, self.lexical,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Proposal:
    unit: Unit
    earlier: Earlier
    relation: Relation
    score: float
    explicit: bool
    reasons: list[str]


class Pool:
    """The earlier commitments a new document is compared with, their vectors and word statistics."""

    def __init__(self, pooled: PoolItems) -> None:
        self.items = pooled.items
        self.vectors = pooled.vectors
        while True:  # until every item's words number their terms the same way
            generation, self._numbers = numbering()
            self.batches = [batch_words(batch, generation) for batch in pooled.batches]
            if all(found.generation == generation for found in self.batches):
                break
        self.order = np.asarray(pooled.order, np.int64)
        flat = [words for found in self.batches for words in found.words]
        self.words = [flat[n] for n in pooled.order]
        self._offsets = np.cumsum([0] + [len(found.words) for found in self.batches])[:-1].tolist()
        self._positions: Ids | None = None
        # Counts by term (and name) number; every item's terms and names are numbered by now.
        self._word_df = np.zeros(len(self._numbers), np.int64)
        self._name_counts = np.zeros(len(self._numbers), np.int64)
        # Document frequencies from an even sample of at most SAMPLE items (every k-th): rarity
        # weights need proportions, not exact counts, and a new document must not wait for a
        # count over every stored commitment. Up to twice SAMPLE the sample is every item, and
        # the counts are the sums of the batches' counts.
        step = max(1, len(self.items) // SAMPLE)
        self._name_df: Counter[str] | None = None  # of a sample; None: the sample is every item
        for found in self.batches:
            self._name_counts[found.name_terms] += found.name_counts
        if step == 1:
            self._n = max(len(self.items), 1)
            for found in self.batches:
                self._word_df[found.terms] += found.counts
        else:
            sample = self.words[::step]
            self._n = max(len(sample), 1)
            numbers, counts = np.unique(joined(sample)[0], return_counts=True)
            self._word_df[numbers] = counts
            self._name_df = Counter(chain.from_iterable(words.names for words in sample))
        self.idfs = _Memo(self._idf)  # by term, worked out on first use
        self.squares = _Memo(lambda term: self.idfs[term] ** 2)  # by term, the same squared
        self.rarities = _Memo(self._name_rarity)  # by name, `name_rarity`
        self._holding: dict[str, Ids] = {}
        self._norms: dict[int, float] = {}
        self._screen: Screen | None = None

    @property
    def screen(self) -> Screen:
        if self._screen is None:
            self._screen = Screen(self)
        return self._screen

    def norm(self, index: int) -> float:
        """The length of an item's rarity-weighted term vector, computed for candidates only."""
        found = self._norms.get(index)
        if found is None:
            # Each term's squared weight is worked out once per pool: candidates share most terms.
            found = self._norms[index] = math.sqrt(
                sum(map(self.squares.__getitem__, self.words[index].stems))
            )
        return found

    def idf(self, term: str) -> float:
        return self.idfs[term]

    def _idf(self, term: str) -> float:
        known = self._numbers.get(term)
        return self._rarity_weight(
            0 if known is None or known >= len(self._word_df) else int(self._word_df[known])
        )

    def _rarity_weight(self, df: int) -> float:
        """The idf of a term `df` items of the sample hold."""
        return math.log(1.0 + self._n / (1 + df))

    def weigh(self, terms: Iterable[str]) -> None:
        """Work out `idf` and `squared_idf` of the terms not weighed yet, their counts read at once."""
        new = [term for term in dict.fromkeys(terms) if term not in self.idfs]
        numbers = np.array(self.numbers(new), np.int64)
        counted = (numbers >= 0) & (numbers < len(self._word_df))
        dfs = np.where(counted, self._word_df[np.where(counted, numbers, 0)], 0).tolist()
        for term, df in zip(new, dfs, strict=True):
            idf = self.idfs[term] = self._rarity_weight(df)
            self.squares[term] = idf**2

    def squared_idf(self, term: str) -> float:
        return self.squares[term]

    def numbers(self, terms: Iterable[str]) -> list[int]:
        """The terms' numbers in the numbering of this pool's words (-1: none has one)."""
        return list(map(self._numbers.get, terms, repeat(-1)))

    def squared_idfs(self, numbers: Ids) -> np.ndarray:
        """`squared_idf` of many terms by number, at once (to the last bits: for screening only)."""
        df = self._word_df[numbers].astype(np.float64)
        return np.log(1.0 + self._n / (1.0 + df)) ** 2

    def _held(self, key: str) -> int:
        """How many items use the name."""
        known = self._numbers.get(key)
        return 0 if known is None or known >= len(self._name_counts) else int(self._name_counts[known])

    def holding(self, key: str) -> Ids:
        """The items that use the name, in their order."""
        found = self._holding.get(key)
        if found is None:
            self.hold([key])
            found = self._holding[key]
        return found

    def hold(self, keys: Iterable[str]) -> None:
        """Work out `holding` of several names at once: each batch is looked through once for all
        of them (a set intersection), rather than once for each name."""
        wanted = {key for key in keys if key not in self._holding}
        held = {key for key in wanted if self._held(key)}  # the others: spare the batches a look
        # Each name's holders in each batch, with the batch's offset: added once per name below,
        # not once per batch and name.
        parts: dict[str, list[tuple[Ids, int]]] = {key: [] for key in held}
        if held:
            for offset, batch in zip(self._offsets, self.batches, strict=True):
                holders = batch.holders
                for key in held & holders.keys():
                    parts[key].append((holders[key], offset))
        named = [key for key in wanted if parts.get(key)]
        for key in wanted.difference(named):
            self._holding[key] = np.zeros(0, np.int64)
        if not named:
            return
        if self._positions is None:
            self._positions = np.empty(len(self.order), np.int64)
            self._positions[self.order] = np.arange(len(self.order))
        # All the names' holders end to end, in pool positions, sorted by name, then by position.
        found = [part for key in named for part in parts[key]]
        lengths = [len(ids) for ids, _ in found]
        positions = self._positions[
            np.concatenate([ids for ids, _ in found]) + np.repeat([offset for _, offset in found], lengths)
        ]
        counts = [sum(len(ids) for ids, _ in parts[key]) for key in named]
        owner = np.repeat(np.arange(len(named)), counts)
        ordered = positions[np.lexsort((positions, owner))]
        self._holding.update(zip(named, np.split(ordered, np.cumsum(counts)[:-1]), strict=True))

    def name_rarity(self, key: str) -> float:
        """1 for a name only one earlier commitment uses, falling towards 0 for common ones."""
        return self.rarities[key]

    def _name_rarity(self, key: str) -> float:
        df = self._name_df.get(key, 0) if self._name_df is not None else self._held(key)
        if df == 0:
            # Absent from the sample but present in the pool: rarer than anything sampled.
            return 1.0 if len(self.holding(key)) else 0.0
        return max(0.0, 1.0 - math.log(df) / math.log(max(self._n, 2) + 1)) if self._n > 1 else 1.0

    def rare_name_candidates(self, keys: set[str]) -> set[int]:
        out: set[int] = set()
        for key in keys:
            if self.name_rarity(key) >= 0.5:
                out.update(self.holding(key).tolist())
        return out

    @classmethod
    def of(cls, items: list[Earlier], vectors: np.ndarray) -> Pool:
        """A pool of items made together, in their order."""
        return cls(PoolItems.of(items, vectors))


class _Memo(dict[str, float]):
    """`function(key)` by key, each worked out on first use."""

    def __init__(self, function: Callable[[str], float]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, key: str) -> float:
        value = self[key] = self._function(key)
        return value


def rank(
    units: list[Unit],
    unit_vectors: np.ndarray,
    pool: Pool,
    *,
    later_date: dt.date | None,
    rejected: set[tuple[int, int, int, int, int]] | None = None,
) -> list[Proposal]:
    """The best TOP earlier commitments of each unit whose score reaches THRESHOLD."""
    if not pool.items or not units:
        return []
    rejected = rejected or set()
    similarities = unit_vectors @ pool.vectors.T  # (units, pool)
    lexical = [lexical_of(u.compared, u.proper) if u.lexical is None else u.lexical for u in units]
    words = [(Counter(unit_terms), set(unit_names)) for unit_terms, unit_names in lexical]
    # The items holding each name the text uses, found for all its units at once.
    pool.hold(chain.from_iterable(unit_names for _, unit_names in words))
    pool.weigh(chain.from_iterable(unit_terms for unit_terms, _ in words))
    k = min(NEIGHBOURS, len(pool.items))
    nearest = np.argpartition(-similarities, k - 1, axis=1)[:, :k].tolist()
    squared_idf = pool.squares.__getitem__
    requests: list[Request] = []
    found: list[list[Reference]] = []
    for row, (unit, (unit_stems, unit_names)) in enumerate(zip(units, words, strict=True)):
        references = find_references(unit.text) if unit.references is None else list(unit.references)
        named = pool.rare_name_candidates(unit_names)
        if len(named) > NAMED:  # a large pool: the named ones nearest in meaning
            sims = similarities[row]
            rows = np.fromiter(named, dtype=np.int64, count=len(named))
            named = set(rows[np.argpartition(-sims[rows], NAMED - 1)[:NAMED]].tolist())
        candidates = set(nearest[row]) | named
        # Each of the unit's words weighed once, not once per candidate sharing it.
        weights = dict(zip(unit_stems, map(squared_idf, unit_stems), strict=True))
        unit_norm = math.sqrt(sum(weights.values())) or 1.0
        open_ = (
            [i for i in candidates if _key(pool.items[i], unit) not in rejected]
            if rejected
            else list(candidates)
        )
        requests.append(Request(row, open_, weights, unit_norm, unit_names, bool(references)))
        found.append(references)
    proposals: list[Proposal] = []
    screened = pool.screen.may_rank(requests, similarities, TOP)
    for unit, request, references, passed in zip(units, requests, found, screened, strict=True):
        sims = similarities[request.row]
        scored: list[tuple[float, int, Signals, bool]] = []
        for index in passed:
            signals, explicit = _signals(
                unit,
                request.weights,
                request.names,
                request.norm,
                references,
                float(sims[index]),
                pool,
                index,
                later_date,
            )
            score = signals.score()
            if score >= THRESHOLD:
                scored.append((score, index, signals, explicit))
        scored.sort(key=lambda kept: (-kept[0], pool.items[kept[1]].start))
        relation = _relation(unit, references)
        proposals.extend(
            Proposal(unit, pool.items[index], relation, score, explicit, _explained(signals, pool))
            for score, index, signals, explicit in scored[:TOP]
        )
    return proposals


def _key(earlier: Earlier, unit: Unit) -> tuple[int, int, int, int, int]:
    return (earlier.document_id, earlier.start, earlier.end, unit.start, unit.end)


def _explained(signals: Signals, pool: Pool) -> list[str]:
    """The reasons, rarest words and names first (only for the suggestions kept)."""
    return replace(
        signals,
        # Rarest first; equally rare ones keep their order (reverse=True keeps a sort stable).
        shared_words=tuple(sorted(signals.shared_words, key=pool.idfs.__getitem__, reverse=True)),
        # Equally rare names by name: a set's order changes from one process to the next.
        shared_names=tuple(sorted(signals.shared_names, key=lambda k: (-pool.name_rarity(k), k))),
    ).explain()


def _signals(
    unit: Unit,
    weights: Mapping[str, float],
    unit_names: set[str],
    unit_norm: float,
    references: list[Reference],
    semantic: float,
    pool: Pool,
    index: int,
    later_date: dt.date | None,
) -> tuple[Signals, bool]:
    earlier = pool.items[index]
    words = pool.words[index]
    stems = words.stems
    shared = [t for t in weights if t in stems]
    dot = sum(map(weights.__getitem__, shared))
    lexical = dot / (unit_norm * (pool.norm(index) or 1.0))
    shared_names = unit_names & words.names
    name_score = max(map(pool.rarities.__getitem__, shared_names), default=0.0)
    best, note = 0.0, None
    for reference in references:
        strength = reference_strength(
            years=reference.years, month=reference.month, last=reference.last, events=reference.events,
            later_date=later_date, earlier_date=earlier.date, earlier_title=earlier.title,
        )  # fmt: skip
        if strength > best:
            best, note = strength, reference.explain()
    shared_words = tuple(shared)
    signals = Signals(
        semantic,
        lexical,
        name_score,
        tuple(shared_names),
        shared_words,
        best,
        note,
        earlier.same_series,
        is_commitment=earlier.commitment_id is not None,
    )
    return signals, best >= 0.75


def _relation(unit: Unit, references: list[Reference]) -> Relation:
    """The first back-reference names the relation; else a sentence reporting something done is
    progress, a commitment carries the effort on."""
    if references:
        return references[0].relation
    padded = f" {unit.text.lower()} "
    if not unit.is_commitment or any(cue in padded for cue in _PAST_REPORT):
        return Relation.PROGRESS
    return Relation.CONTINUES


def embed_units(units: list[Unit]) -> np.ndarray:
    return sentence_vectors([u.compared for u in units])


@dataclass(frozen=True, slots=True)
class RankJob:
    """Everything `rank` needs for one later text, sent to whichever process ranks it."""

    units: list[Unit]
    unit_vectors: np.ndarray
    pool: PoolItems
    later_date: dt.date | None
    rejected: set[tuple[int, int, int, int, int]]


# A ranked proposal by position: (unit index, pool item index, relation, score, explicit, reasons).
# Positions rather than the objects, so that sending results back between processes stays cheap.
Ranked = tuple[int, int, Relation, float, bool, list[str]]


def rank_job(job: RankJob) -> list[Ranked]:
    """`rank` for one job, its pool built where it runs (the pool's word statistics are work too)."""
    pool = Pool(job.pool)
    units = {id(unit): n for n, unit in enumerate(job.units)}
    items = {id(item): n for n, item in enumerate(pool.items)}
    return [
        (units[id(p.unit)], items[id(p.earlier)], p.relation, p.score, p.explicit, p.reasons)
        for p in rank(job.units, job.unit_vectors, pool, later_date=job.later_date, rejected=job.rejected)
    ]


@dataclass(frozen=True, slots=True)
class RankedNow:
    results: list[list[Ranked]]

    def get(self) -> list[list[Ranked]]:
        return self.results


def rank_now(jobs: list[RankJob]) -> RankedNow:
    """The jobs ranked in this process, one after another, before it returns."""
    return RankedNow([rank_job(job) for job in jobs])


__all__ = [
    "LinkStatus", "Pool", "Proposal", "RankJob", "Ranked", "Unit", "embed_units", "rank", "rank_job", "rank_now",
]  # fmt: skip
