"""Evidence files: checked before they are kept, stored once by the SHA-256 of their content, and
read back for those who may read the commitment they back.

A file is accepted only as one of a few document and image types, and only if its first bytes
are what that type begins with: a file named report.pdf that is an executable, or HTML sent as
text, is refused. Every face hands over the bytes and the type it was declared as (the browser's
part header, the file name's suffix on the command line).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.errors import InputError, LimitExceeded, NotFound
from accord.i18n import N_
from accord.limits import MAX_FILE, MAX_FILE_MB
from accord.storage.database import Database
from accord.storage.tables import EvidenceFileRow, ProgressRow

FIELD = "evidence_file"  # the name forms and the API give the file

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {  # media type → the file name suffixes it is known by
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/plain": (".txt",),
    "text/csv": (".csv",),
    _DOCX: (".docx",),
    _XLSX: (".xlsx",),
}
_SUFFIXES = {suffix: media for media, suffixes in TYPES.items() for suffix in suffixes}
ACCEPT = ",".join([*TYPES, *_SUFFIXES])  # for <input type="file" accept=...>
NAMES = "PDF, PNG, JPEG, plain text, CSV, DOCX or XLSX"


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file checked and ready to be stored."""

    name: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredFile:
    name: str
    media_type: str
    content: bytes


def media_type_of(name: str) -> str | None:
    """The type a file name's suffix declares (for the command line, which has no other)."""
    for suffix, media in _SUFFIXES.items():
        if name.lower().endswith(suffix):
            return media
    return None


def _zip_holds(content: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False


def _looks_like(media: str, content: bytes) -> bool:
    if media == "application/pdf":
        return content.startswith(b"%PDF-")
    if media == "image/png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if media == "image/jpeg":
        return content.startswith(b"\xff\xd8\xff")
    if media == _DOCX:
        return content.startswith(b"PK\x03\x04") and _zip_holds(content, "word/")
    if media == _XLSX:
        return content.startswith(b"PK\x03\x04") and _zip_holds(content, "xl/")
    # Text: UTF-8 without NUL, and not a page a browser would run if it were served inline.
    try:
        decoded = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in decoded and not decoded.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html", "<script")
    )


def check_evidence(name: str, declared: str | None, content: bytes) -> EvidenceFile:
    """The file, if it may be kept: not empty, at most MAX_FILE_MB, of an accepted type that its content
    matches. The declared type may be missing or generic; the name's suffix then declares it."""
    cleaned = name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "evidence"
    if not content:
        raise InputError(N_("the evidence file is empty"), hint=N_("choose the file again"), field=FIELD)
    if len(content) > MAX_FILE:
        raise LimitExceeded(
            N_("the evidence file is larger than %(mb)s MB"),
            hint=N_("give a link to it instead"),
            values={"mb": MAX_FILE_MB},
            field=FIELD,
        )
    media = (declared or "").split(";")[0].strip().lower()
    if media not in TYPES:
        media = media_type_of(cleaned) or media
    if media not in TYPES:
        raise InputError(
            N_("the evidence file is not of a type accepted"),
            hint=N_("send %(types)s"),
            field=FIELD,
            values={"types": NAMES},
        )
    if not _looks_like(media, content):
        raise InputError(
            N_("the evidence file's content does not match its type"),
            hint=N_("send %(types)s"),
            field=FIELD,
            values={"types": NAMES},
        )
    return EvidenceFile(cleaned, media, content)


def keep(session: Session, evidence: EvidenceFile) -> str:
    """Store the file under its SHA-256 (once, however many entries cite it); its hash."""
    digest = evidence.sha256
    if session.get(EvidenceFileRow, digest) is None:
        session.add(
            EvidenceFileRow(
                sha256=digest, media_type=evidence.media_type, byte_size=len(evidence.content),
                content=evidence.content,
            )
        )  # fmt: skip
        session.flush()
    return digest


def evidence_file(db: Database, entry: int) -> StoredFile:
    """The file a progress entry cites. Reading it is reading the commitment: whoever may read
    the record (the face's read gate decides) may download it."""
    with db.reading() as session:
        found = session.execute(
            select(ProgressRow.evidence_name, EvidenceFileRow.media_type, EvidenceFileRow.content)
            .join(EvidenceFileRow, EvidenceFileRow.sha256 == ProgressRow.evidence_sha256)
            .where(ProgressRow.id == entry)
        ).first()
    if found is None:
        raise NotFound(
            f"no evidence file for progress entry {entry}", hint="the commitment page links each file"
        )
    name, media, content = found
    return StoredFile(name or "evidence", media, content)
