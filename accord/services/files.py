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
