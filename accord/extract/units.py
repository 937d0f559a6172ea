"""Units of extraction: the sentences of a document, with the structure around them."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from accord.domain.provisions import Provision, ProvisionKind
from accord.extract.scanner import SharedScan

HANGUL = re.compile("[\uac00-\ud7a3]")  # a Korean syllable: Korean rules run only where there is one


@dataclass(slots=True)
class Unit:
    index: int
    start: int
    end: int
    provision: int  # the sentence's provision index
    block: int  # its paragraph, list item or lead-in
    position: int  # 0-based place of the sentence in its block
    item: int | None  # the list item it belongs to, if any
    item_initial: bool  # the first sentence of a list item: may begin with a bare verb
    lead_in: int | None  # unit index of the lead-in sentence governing its list item
    is_lead_in: bool  # the sentence of a lead-in (ends in a colon, items follow)
    previous: int | None  # unit index of the sentence before it in the same block
    heading: int | None  # provision index of the nearest heading above it


@dataclass(slots=True)
class Document:
    """Everything extractors read: the exact text, its provisions and sentence units, and metadata."""

    text: str
    provisions: list[Provision]
    parties: tuple[str, ...] = ()
    date: dt.date | None = None
    # A long document is read in parts: provisions[first:last], which cover text[lo:hi].
    first: int = 0
    last: int = -1  # -1: to the end
    lo: int = 0
    hi: int = -1
    units: list[Unit] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    # Every vocabulary is looked for in one automaton pass over text[lo:hi], shared by the extractors.
    scans: SharedScan = field(default_factory=SharedScan, repr=False)
    # The text as written, which commitments quote; `text` may read a wrapped line break as a space.
    source: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.last < 0:
            self.last = len(self.provisions)
        if self.hi < 0:
            self.hi = len(self.text)
        if not self.source:
            self.source = self.text
        if not self.units:
            self.units = build_units(self.text, self.provisions, self.first, self.last)
        self._starts = [unit.start for unit in self.units]

    def unit_at(self, start: int, end: int) -> int | None:
        """The unit containing [start, end), if any."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self.units[i].end:
            return i
        return None

    def unit_text(self, unit: Unit) -> str:
        return self.text[unit.start : unit.end]


def build_units(
    text: str, provisions: list[Provision], first: int = 0, last: int | None = None
) -> list[Unit]:
    units: list[Unit] = []
    unit_of_sentence: dict[int, int] = {}
    last_in_block: dict[int, int] = {}
    heading_of_section: dict[int, int] = {}
    # The lead-in that still governs list items: titled groups may sit between it and its items,
    # and only the next ordinary paragraph ends its reach.
    open_lead: int | None = None
    for index in range(first, len(provisions) if last is None else last):
        provision = provisions[index]
        if provision.kind is ProvisionKind.HEADING and provision.parent is not None:
            heading_of_section.setdefault(provision.parent, provision.index)
        if provision.kind is not ProvisionKind.SENTENCE or provision.parent is None:
            continue
        block = provisions[provision.parent]
        item = _enclosing_item(provisions, block)
        lead_in_unit = None
        if item is not None and provisions[item].parent is not None:
            owner = provisions[provisions[item].parent]  # type: ignore[index]
            if owner.kind is ProvisionKind.LEAD_IN:
                lead_in_unit = unit_of_sentence.get(owner.index + 1)  # the lead-in's sentence comes first
            elif owner.kind is ProvisionKind.LIST_ITEM:
                # "2.1 ... the Parties shall:" followed by "(a) facilitate ...": the item's last sentence leads in.
                last = last_in_block.get(owner.index)
                if last is not None and text[units[last].end - 1] == ":":
                    lead_in_unit = last
        if item is not None and lead_in_unit is None:
            lead_in_unit = open_lead
        previous = last_in_block.get(block.index)
        position = 0 if previous is None else units[previous].position + 1
        if previous is None and block.kind is ProvisionKind.LEAD_IN:
            # A lead-in cut from the end of its paragraph ("... datasets. Key focus areas include:")
            # follows that paragraph's last sentence.
            before = _previous_sibling(provisions, block)
            if before is not None and before.kind is ProvisionKind.PARAGRAPH:
                previous = last_in_block.get(before.index)
        item_initial = item is not None and position == 0 and _first_block_of_item(provisions, block, item)
        unit = Unit(
            index=len(units),
            start=provision.start,
            end=provision.end,
            provision=provision.index,
            block=block.index,
            position=position,
            item=item,
            item_initial=item_initial,
            lead_in=lead_in_unit,
            is_lead_in=block.kind is ProvisionKind.LEAD_IN
            or (item is None and _points_at_what_follows(text, provision, block)),
            previous=previous,
            heading=_nearest_heading(provisions, provision, heading_of_section),
        )
        unit_of_sentence[provision.index] = unit.index
        last_in_block[block.index] = unit.index
        units.append(unit)
        if unit.is_lead_in:
            open_lead = unit.index
        elif item is None:
            open_lead = None
        elif provision.end == block.end and text[provision.end - 1] == ":":
            # A list written flat ("- ... in areas such as:" then "- Semiconductor capacity"): the
            # item that ends in a colon leads in the items after it.
            open_lead = unit.index
    return units


# "... with a particular focus on the following areas.", or a colon with a titled group between it
# and its items: a paragraph that announces the list below it leads in.
_ANNOUNCES_LIST = re.compile(
    r"(?:\b(?:the following(?:\s+[\w-]+){0,3}|as follows)\s*[.:]|:)\s*$", re.IGNORECASE
)


def _points_at_what_follows(text: str, sentence: Provision, block: Provision) -> bool:
    """The last sentence of a paragraph that announces a list ("... the following areas.")."""
    if block.kind is not ProvisionKind.PARAGRAPH or sentence.end != block.end:
        return False
    last = text[sentence.end - 1]
    if last == ":":
        return True
    return (
        last == "."
        and _ANNOUNCES_LIST.search(text, max(sentence.start, sentence.end - 80), sentence.end) is not None
    )


def _previous_sibling(provisions: list[Provision], node: Provision) -> Provision | None:
    """The sibling right before `node`: walk back from it, through the previous sibling's descendants."""
    index = node.index - 1
    while index >= 0:
        candidate = provisions[index]
        if candidate.parent_index == node.parent_index:
            return candidate
        if candidate.index == node.parent_index:
            return None  # reached the parent: `node` is its first child
        index -= 1
    return None


def _enclosing_item(provisions: list[Provision], block: Provision) -> int | None:
    if block.kind is ProvisionKind.LIST_ITEM:
        return block.index
    if block.kind is ProvisionKind.PARAGRAPH and block.parent is not None:
        parent = provisions[block.parent]
        if parent.kind is ProvisionKind.LIST_ITEM:
            return parent.index
    return None


def _first_block_of_item(provisions: list[Provision], block: Provision, item: int) -> bool:
    """Is `block` the item itself, or the first paragraph under a titled item ("- Research Security")?"""
    if block.index == item:
        return True
    first = next(
        (
            p
            for p in provisions[item + 1 : block.index + 1]
            if p.parent_index == item and p.kind is not ProvisionKind.HEADING
        ),
        None,
    )
    return first is not None and first.index == block.index


def _nearest_heading(
    provisions: list[Provision], provision: Provision, heading_of_section: dict[int, int]
) -> int | None:
    parent = provision.parent
    while parent is not None:
        node = provisions[parent]
        if node.kind is ProvisionKind.SECTION:
            return heading_of_section.get(parent)
        parent = node.parent
    return None
