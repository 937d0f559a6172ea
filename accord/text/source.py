"""A loaded document: the exact text every span points into, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    media_type: str
    sha256: str  # of the original bytes, so the same file is recognised whatever its name
    byte_size: int
    path: str
    title_hint: str | None = None  # e.g. an HTML <title> or a DOCX core property
