"""Reading a document file with its metadata, without the database (for `accord extract`), and
a document received over HTTP as a file the loaders can read."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from accord.domain.agreements import AgreementMeta, guess_kind
from accord.errors import AccordError
from accord.extract.extraction import Extraction, extract_text, extraction_json
from accord.text.loaders import load
from accord.text.metadata import read_sidecar, sidecar_path


def document_meta(
    path: Path, meta_path: Path | None = None, flags: AgreementMeta | None = None
) -> AgreementMeta:
    """A document's metadata: `flags` where given, else `meta_path` or the sidecar beside the file."""
    given = flags or AgreementMeta()
    sidecar = meta_path or sidecar_path(path)
    if sidecar is None:
        return given
    overridden = [name for name in ("title", "date", "kind", "parties") if getattr(given, name)]
    return given.merged_over(read_sidecar(sidecar, overridden))


def extract_file(path: Path, meta: AgreementMeta | None = None) -> tuple[dict[str, Any], Extraction]:
    """Extract one file with its metadata (default: the sidecar beside it)."""
    meta = meta if meta is not None else document_meta(path)
    source = load(path)
    extraction = extract_text(source.text, parties=meta.parties, date=meta.date)
    title = meta.title or source.title_hint or path.stem
    described = {
        "title": title,
        "date": meta.date.isoformat() if meta.date else None,
        "kind": (meta.kind or guess_kind(title)).value,
        "parties": list(meta.parties),
    }
    return extraction_json(extraction, described), extraction


@contextmanager
def uploaded_file(name: str, suffix: str, data: bytes) -> Iterator[Path]:
    """The bytes of an upload as a file named after it, in a private temporary folder. An error
    about the file names it as the client sent it: the server's temporary paths stay private."""
    shown = Path(name).stem + suffix
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / shown
        path.write_bytes(data)
        try:
            yield path
        except AccordError as error:
            error.message = error.message.replace(str(path), shown).replace(folder, "")
            error.args = (error.message,)
            raise
