"""Reading a document file with its metadata, without the database (for `accord extract`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.domain.agreements import AgreementMeta, guess_kind
from accord.services.extraction import Extraction, extract_text, extraction_json
from accord.text.loaders import load
from accord.text.metadata import read_sidecar, sidecar_path


def extract_file(path: Path, meta_path: Path | None = None) -> tuple[dict[str, Any], Extraction]:
    """Extract one file; metadata from `meta_path`, else from a sidecar beside the file."""
    source = load(path)
    sidecar = meta_path or sidecar_path(path)
    meta = read_sidecar(sidecar) if sidecar else AgreementMeta()
    extraction = extract_text(source.text, parties=meta.parties, date=meta.date)
    title = meta.title or source.title_hint or path.stem
    described = {
        "title": title,
        "date": meta.date.isoformat() if meta.date else None,
        "kind": (meta.kind or guess_kind(title)).value,
        "parties": list(meta.parties),
    }
    return extraction_json(extraction, described), extraction
