"""The agreement's text as a document: the provision tree's headings as headings, lists as
lists, paragraphs as paragraphs, each block carrying its commitments highlighted at their exact
spans (a commitment that runs over several blocks is highlighted in each, linking to the same
commitment). Every character of the text is shown once, but for list bullets ("-", "•") that the
list itself now draws; an item's own marker ("(a)", "1.") stays, it may be cited.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate

from markupsafe import Markup, escape

from accord.services.queries import ProvisionNode
from accord.web.highlight import Mark, highlight

_BULLET = re.compile(r"^\s*[-*•·‣–]\s*$")


class _Writer:
    """Writes blocks of the text. The marks and anchors are indexed once (sorted, with bisect),
    because a piece asks for those within its range: scanning all of them for every piece made the
    largest agreement's page (2,700 pieces, 350 marks, 1,900 anchors) quadratic.

    Every piece it joins is Markup already (escaped by `highlight`), and the tags and classes are
    its own constants, so blocks are put together with f-strings: Markup.format escaped each
    argument again through string.Formatter, a fifth of the page's time."""

    def __init__(self, text: str, marks: Sequence[Mark], anchors: Mapping[int, Sequence[str]]) -> None:
        self.text = text
        self.marks = sorted(marks, key=lambda m: m.start)
        self.mark_starts = [m.start for m in self.marks]
        # The furthest end among the marks up to each index: a walk back from a piece's end stops
        # where no earlier mark can reach into the piece.
        self.reach = list(accumulate((m.end for m in self.marks), max))
        self.anchors = anchors
        self.anchor_offsets = sorted(anchors)

    def piece(self, start: int, end: int) -> Markup:
        """text[start:end], highlighted, with the anchors that fall inside it."""
        if start >= end:
            return Markup("")
        clipped = [
            Mark(m.id, max(m.start, start) - start, min(m.end, end) - start, m.strength)
            for m in self._marks_over(start, end)
        ]
        local = {at - start: self.anchors[at] for at in self._anchors_in(start, end)}
        return highlight(self.text[start:end], clipped, local)

    def _marks_over(self, start: int, end: int) -> list[Mark]:
        """The marks that overlap [start, end), in start order."""
        found = []
        index = bisect_left(self.mark_starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            if self.marks[index].end > start:
                found.append(self.marks[index])
            index -= 1
        found.reverse()
        return found

    def _anchors_in(self, start: int, end: int) -> list[int]:
        """The anchor offsets in [start, end), in order."""
        offsets = self.anchor_offsets
        return offsets[bisect_left(offsets, start) : bisect_left(offsets, end)]

    def gap(self, start: int, end: int, *, in_list: bool) -> tuple[Markup, Markup]:
        """What lies between two blocks: (shown as a block of its own, an item's marker)."""
        between = self.text[start:end]
        if not between.strip():
            return Markup(""), self._anchors_only(start, end)
        if in_list and _BULLET.match(between):
            return Markup(""), self._anchors_only(start, end)
        if in_list and len(between.strip()) <= 8:
            return Markup(""), Markup(f'<span class="marker">{self.piece(start, end)}</span> ')
        return Markup(f'<p class="loose">{self.piece(start, end)}</p>'), Markup("")

    def _anchors_only(self, start: int, end: int) -> Markup:
        return Markup(
            "".join(
                f'<span class="anchor" id="{escape(name)}"></span>'
                for at in self._anchors_in(start, end)
                for name in self.anchors[at]
            )
        )

    def blocks(self, nodes: Sequence[ProvisionNode], start: int, end: int, depth: int) -> Markup:
        """The nodes in order, the text between them kept, consecutive list items as one list."""
        parts: list[Markup] = []
        items: list[Markup] = []
        here = start
        for node in nodes:
            is_item = node.kind == "list_item"
            loose, marker = self.gap(here, node.start, in_list=is_item)
            if loose or not is_item:
                if items:
                    parts.append(Markup(f'<ul class="items">{"".join(items)}</ul>'))
                    items = []
                parts.append(loose)
            rendered = self.node(node, depth)
            if is_item:
                items.append(Markup(f"<li>{marker}{rendered}</li>"))
            else:
                parts.append(marker + rendered)
            here = max(here, node.end)
        if items:
            parts.append(Markup(f'<ul class="items">{"".join(items)}</ul>'))
        loose, marker = self.gap(here, end, in_list=False)
        parts.extend((loose, marker))
        return Markup("".join(parts))

    def node(self, node: ProvisionNode, depth: int) -> Markup:
        kind = node.kind
        blocks = [child for child in node.children if child.kind != "sentence"]
        if kind == "heading":
            level = min(3 + depth, 6)
            piece = self.piece(node.start, node.end)
            return Markup(f'<h{level} class="provision-heading">{piece}</h{level}>')
        if kind == "section":
            inner = self.blocks(node.children, node.start, node.end, depth)
            return Markup(f'<section class="provision">{inner}</section>')
        if not blocks:  # a paragraph, a lead-in sentence or an item: its sentences run on as prose
            css = {"lead_in": "lead-in", "list_item": "item-text"}.get(kind, "paragraph")
            tag = "span" if kind == "list_item" else "p"
            return Markup(f'<{tag} class="{css}">{self.piece(node.start, node.end)}</{tag}>')
        if kind == "list_item" and node.children and node.children[0].kind == "heading":
            title, rest = node.children[0], node.children[1:]
            head = Markup(f'<strong class="item-title">{self.piece(title.start, title.end)}</strong>')
            return head + self.blocks(rest, title.end, node.end, depth + 1)
        if kind == "lead_in":
            # The lead-in sentence, then the items it introduces.
            return self.blocks(
                [_as_paragraph(c, "lead_in") if c.kind == "sentence" else c for c in node.children],
                node.start, node.end, depth,
            )  # fmt: skip
        return self.blocks(
            [_as_paragraph(c, "paragraph") if c.kind == "sentence" else c for c in node.children],
            node.start, node.end, depth + (1 if kind == "list_item" else 0),
        )  # fmt: skip


def _as_paragraph(sentence: ProvisionNode, kind: str) -> ProvisionNode:
    return ProvisionNode(sentence.id, kind, sentence.ordinal, sentence.start, sentence.end, sentence.text)


def document_html(
    text: str, tree: Sequence[ProvisionNode], marks: Sequence[Mark], anchors: Mapping[int, Sequence[str]]
) -> Markup:
    """The text as blocks; without a provision tree, the highlighted text as it is."""
    if not tree:
        return Markup('<div class="plain">{}</div>').format(highlight(text, marks, anchors))
    return _Writer(text, marks, anchors).blocks(sorted(tree, key=lambda n: n.start), 0, len(text), 0)


__all__ = ["document_html", "escape"]
