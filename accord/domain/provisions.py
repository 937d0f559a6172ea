"""The provision tree: every node is a half-open [start, end) span into a document's exact text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProvisionKind(StrEnum):
    SECTION = "section"  # a heading and everything under it
    HEADING = "heading"  # the heading line itself
    PARAGRAPH = "paragraph"
    LEAD_IN = "lead_in"  # a sentence ending in a colon and the list items it introduces
    LIST_ITEM = "list_item"
    SENTENCE = "sentence"


@dataclass(slots=True)
class Provision:
    index: int  # position in document (pre-)order; parents come before their children
    kind: ProvisionKind
    start: int
    end: int
    parent: int | None
    ordinal: int  # 1-based position among its siblings
    depth: int

    def text(self, document_text: str) -> str:
        return document_text[self.start : self.end]
