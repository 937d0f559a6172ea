"""Reading .txt, .md, .html, .pdf and .docx files into SourceText.

Structured formats are flattened to plain lines that the segmenter understands:
headings become "# Heading" lines, list items "- item" lines, paragraphs are
separated by blank lines. The flattened text is what gets stored, so spans
always point into the stored text.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from pathlib import Path

from accord.errors import InputError
from accord.text.source import SourceText

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def load(path: Path) -> SourceText:
    """Read one file; any problem is an InputError naming the file and what to do."""
    if not path.exists():
        raise InputError(f"{path}: no such file", hint="check the path; accord ingest takes file paths")
    if path.is_dir():
        raise InputError(f"{path}: is a directory", hint=f"pass the files inside it, e.g. {path}/*.txt")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise InputError(
            f"{path}: unsupported file type {suffix or '(none)'!r}",
            hint="accord reads " + ", ".join(SUPPORTED),
        )
    data = path.read_bytes()
    text, media_type, title_hint = reader(path, data)
    if not text.strip():
        raise InputError(
            f"{path}: the document is empty", hint="nothing to ingest; check that the file has text"
        )
    return SourceText(
        text=text,
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
        byte_size=len(data),
        path=str(path),
        title_hint=title_hint,
    )


def decode_text(path: Path, data: bytes) -> str:
    """The file's text; a NUL character anywhere (in the first 8 KB: a binary file) is refused, so
    that what is stored is always text, wherever the NUL sits."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{path}: looks like a binary file, not text",
            hint="give accord a .txt, .md, .html, .pdf or .docx document",
        )
    text = _decoded(path, data)
    if "\x00" in text:
        raise InputError(
            f"{path}: contains a NUL character at position {text.index(chr(0))}",
            hint="text files have no NUL characters; is part of the file binary? Remove them and try again",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(path: Path, data: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{path}: cannot be read as {encoding} (bad byte at position {error.start})",
                    hint="save it again as UTF-8",
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: cannot be read as UTF-8 (bad byte at position {error.start})",
            hint="convert it first, e.g. `iconv -f cp949 -t utf-8 FILE > FILE.utf8.txt`",
        ) from None


def _plain(path: Path, data: bytes) -> tuple[str, str, str | None]:
    media = "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"
    return decode_text(path, data), media, None


def _html(path: Path, data: bytes) -> tuple[str, str, str | None]:
    from accord.text.html import html_to_text

    try:
        text, title = html_to_text(decode_text(path, data))
    except InputError as error:
        if error.message.startswith(f"{path}:"):
            raise
        raise type(error)(f"{path}: {error.message}", hint=error.hint) from None
    return text, "text/html", title


# pypdf reports what it had to repair in a damaged file ("EOF marker not found") as log warnings,
# which Python prints on stderr when the program configured no logging: the error raised (or the
# text read) says what matters; a server that configures logging still receives them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def _pdf(path: Path, data: bytes) -> tuple[str, str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{path}: the PDF is encrypted", hint="save an unencrypted copy and ingest that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise InputError(
            f"{path}: not a readable PDF ({error})", hint="check that the file is a complete PDF"
        ) from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(
            f"{path}: the PDF has no text layer (a scan?)",
            hint="run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, then ingest out.pdf",
        )
    title = reader.metadata.title if reader.metadata and reader.metadata.title else None
    return text, "application/pdf", title


def _docx(path: Path, data: bytes) -> tuple[str, str, str | None]:
    from accord.text.docx import docx_to_text

    return docx_to_text(path, data)


_READERS: dict[str, Callable[[Path, bytes], tuple[str, str, str | None]]] = {
    ".txt": _plain,
    ".md": _plain,
    ".markdown": _plain,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}
