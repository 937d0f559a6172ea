"""The provision tree: every node is a half-open [start, end) span into a document's exact text.

This module is part of the extraction engine's compiled twin (accord.extract.engine): a document
of 100 MB has over a million provisions, and as a compiled native class each holds its integers
unboxed, which took peak memory on that document from 4.3x to 3.2x its size (measured side by side).
Outside the engine nothing tells the two classes apart: nothing checks a provision's type.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.domain.provision_kinds import ProvisionKind

__all__ = ["Provision", "ProvisionKind"]


@dataclass(slots=True)
class Provision:
    index: int  # position in document (pre-)order; parents come before their children
    kind: ProvisionKind
    start: int
    end: int
    # -1 for a root: a plain int, which the compiled class holds unboxed, where an `int | None`
    # would cost every provision an int object of its own (37 MB on the 100 MB document).
    parent_index: int
    ordinal: int  # 1-based position among its siblings
    depth: int

    @property
    def parent(self) -> int | None:
        return None if self.parent_index < 0 else self.parent_index

    def text(self, document_text: str) -> str:
        return document_text[self.start : self.end]
