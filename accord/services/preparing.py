"""Preparing a document for storage: everything about one file that can be known without the
database (load, metadata, segment, extract, the commitments' vectors). Pure of the database, so
that worker processes can do it while one process stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accord.domain.agreements import AgreementKind, AgreementMeta, guess_kind, slugify
from accord.domain.provisions import Provision, ProvisionKind
from accord.errors import LimitExceeded
from accord.extract import Extraction, embedding, extract_text
from accord.extract.embedding import Vectors
from accord.extract.extraction import segment
from accord.extract.files import document_meta
from accord.extract.lexical import proper_words
from accord.extract.references import find_references
from accord.extract.registry import Findings
from accord.services.link_units import link_units
from accord.services.linking import Unit
from accord.services.span_words import Lexical, lexical_of
from accord.text.loaders import load
from accord.text.source import SourceText


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """Everything about one file that can be known without the database."""

    source: SourceText
    meta: AgreementMeta
    title: str
    kind: AgreementKind
    slug: str
    provisions: list[Provision] = field(repr=False)
    extraction: Extraction = field(repr=False)
    # The commitments' sentence vectors, when a worker process computed them beside the extraction.
    vectors: Vectors | None = field(default=None, repr=False)
    # The words the text only writes capitalised (`lexical.proper_words`), which linking reads:
    # worked out beside the extraction, in a worker when there are workers.
    proper: frozenset[str] | None = field(default=None, repr=False)
    # The sentence vectors linking will compare the text by (its link units, and its sentences as
    # earlier spans for the texts after it), by text: made beside the extraction, in a worker when
    # there are workers, rather than by the process that stores.
    link_vectors: tuple[list[str], Vectors] | None = field(default=None, repr=False)
    # Its link units (`link_units`), worked out for their vectors: the storing process ranks them
    # rather than working them out again from the rows it has just written.
    link_units: list[Unit] | None = field(default=None, repr=False)
    # Each link unit's own terms and names (`lexical_of`) by (start, end): the text's commitments
    # and uncovered sentences are the earlier spans of later texts, whose rankings need them.
    span_lexical: dict[tuple[int, int], Lexical] | None = field(default=None, repr=False)

    def link_unit_vectors(self) -> Vectors | None:
        """The vector of each link unit, in order, from `link_vectors` (the rows `embed_units` gives)."""
        if self.link_units is None or self.link_vectors is None:
            return None
        texts, vectors = self.link_vectors
        row_of = {text: n for n, text in enumerate(texts)}
        return vectors[[row_of[unit.compared] for unit in self.link_units]]


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one document may hold: a document received over HTTP is bounded, so that no upload
    costs minutes of work (the CLI reads documents of any size)."""

    provisions: int
    commitments: int


UPLOAD_LIMITS = Limits(provisions=20_000, commitments=5_000)


def prepare(
    path: Path, flags: AgreementMeta | None = None, *, limits: Limits | None = None
) -> PreparedDocument:
    """Load, read metadata (flags over sidecar) and segment one file. Raises InputError on bad input."""
    source = load(path)
    meta = document_meta(path, flags=flags)
    provisions = segment(source.text)
    # Every commitment sits in a provision, so counting provisions bounds the extraction's work
    # before it starts; the commitments are counted again once found.
    if limits is not None and len(provisions) > limits.provisions:
        raise _over(path, f"{len(provisions):,} provisions", f"{limits.provisions:,}")
    title = meta.title or source.title_hint or _first_heading(source.text, provisions) or path.stem
    kind = meta.kind or guess_kind(title)
    slug = meta.slug or slugify(path.name.split(".")[0])
    extraction = extract_text(source.text, parties=meta.parties, date=meta.date, provisions=provisions)
    if limits is not None and len(extraction.commitments) > limits.commitments:
        raise _over(path, f"{len(extraction.commitments):,} commitments", f"{limits.commitments:,}")
    return PreparedDocument(source, meta, title.strip(), kind, slug, provisions, extraction)


def _over(path: Path, found: str, limit: str) -> LimitExceeded:
    return LimitExceeded(
        f"{path}: the document holds {found}, more than the {limit} an upload may have",
        hint="split it into several documents, or ingest it with the CLI (`accord ingest FILE`)",
    )


def _first_heading(text: str, provisions: Sequence[Provision]) -> str | None:
    for provision in provisions[:3]:
        if provision.kind is ProvisionKind.HEADING:
            return text[provision.start : provision.end]
    return None


def check(path: Path, flags: AgreementMeta | None = None) -> int:
    """Read a file and its metadata as `prepare` will, raising the same InputError on bad input;
    the file's size in bytes. A batch is checked whole before any of it is stored."""
    source = load(path)
    document_meta(path, flags=flags)
    return source.byte_size


def prepare_for_store(
    path: Path, flags: AgreementMeta | None = None, limits: Limits | None = None
) -> PreparedDocument:
    """`prepare`, plus the commitments' vectors, less what storing does not read (the findings):
    what a worker process sends to the one that stores, so the less to pickle the better."""
    prepared = prepare(path, flags, limits=limits)
    extraction = dataclasses.replace(prepared.extraction, findings=Findings())
    proper = proper_words(prepared.source.text)
    quotes = [c.quote for c in extraction.commitments]
    units = _link_units(prepared, proper)
    lexical = {(unit.start, unit.end): lexical_of(unit.text, proper) for unit in units}
    # A unit is compared by its own text, mostly: then its terms and names are its span's.
    units = [
        dataclasses.replace(
            unit,
            lexical=lexical[(unit.start, unit.end)] if unit.compared == unit.text else None,
            references=tuple(find_references(unit.text)),
        )
        for unit in units
    ]
    texts = _linked_texts(units)
    # One call for both: a commitment's quote is mostly its link unit's text as well, and each row
    # depends on its own text only.
    distinct = list(dict.fromkeys(quotes + texts))
    rows = embedding.embed(distinct)
    row_of = {text: n for n, text in enumerate(distinct)}
    return dataclasses.replace(
        prepared,
        extraction=extraction,
        vectors=rows[[row_of[quote] for quote in quotes]],
        proper=proper,
        link_vectors=(texts, rows[[row_of[text] for text in texts]]),
        link_units=units,
        span_lexical=lexical,
    )


def _link_units(prepared: PreparedDocument, proper: frozenset[str]) -> list[Unit]:
    return link_units(
        prepared.source.text,
        [(c.start, c.end, c.quote) for c in prepared.extraction.commitments],
        [(p.start, p.end) for p in prepared.provisions if p.kind is ProvisionKind.SENTENCE],
        proper,
    )


def _linked_texts(units: list[Unit]) -> list[str]:
    """The texts linking embeds for this document, each once: what each of its link units is
    compared as, and its sentences outside every commitment as earlier spans of later texts."""
    compared = [unit.compared for unit in units]
    return list(dict.fromkeys(compared + [unit.text for unit in units if not unit.is_commitment]))
