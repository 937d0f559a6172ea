"""The agreement's text as a document: the provision tree's headings as headings, lists as
lists, paragraphs as paragraphs, each block carrying its commitments highlighted at their exact
spans (a commitment that runs over several blocks is highlighted in each, linking to the same
commitment). Every character of the text is shown once, but for list bullets ("-", "•") that the
list itself now draws; an item's own marker ("(a)", "1.") stays, it may be cited.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from accord.services.queries import ProvisionNode
from accord.web.highlight import Mark, highlight

_BULLET = re.compile(r"^\s*[-*•·‣–]\s*$")


class _Writer:
    def __init__(self, text: str, marks: Sequence[Mark], anchors: Mapping[int, Sequence[str]]) -> None:
        self.text = text
        self.marks = marks
        self.anchors = anchors
        self.out: list[str] = []

    def piece(self, start: int, end: int) -> Markup:
        """text[start:end], highlighted, with the anchors that fall inside it."""
        if start >= end:
            return Markup("")
        clipped = [
            Mark(m.id, max(m.start, start) - start, min(m.end, end) - start, m.strength)
            for m in self.marks
            if m.start < end and m.end > start
        ]
        local = {at - start: names for at, names in self.anchors.items() if start <= at < end}
        return highlight(self.text[start:end], clipped, local)

    def gap(self, start: int, end: int, *, in_list: bool) -> tuple[Markup, Markup]:
        """What lies between two blocks: (shown as a block of its own, an item's marker)."""
        between = self.text[start:end]
        if not between.strip():
            return Markup(""), self._anchors_only(start, end)
        if in_list and _BULLET.match(between):
            return Markup(""), self._anchors_only(start, end)
        if in_list and len(between.strip()) <= 8:
            return Markup(""), Markup('<span class="marker">{}</span> ').format(self.piece(start, end))
        return Markup('<p class="loose">{}</p>').format(self.piece(start, end)), Markup("")

    def _anchors_only(self, start: int, end: int) -> Markup:
        return Markup("").join(
            Markup('<span class="anchor" id="{}"></span>').format(name)
            for at in sorted(self.anchors)
            if start <= at < end
            for name in self.anchors[at]
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
                    parts.append(Markup('<ul class="items">{}</ul>').format(Markup("").join(items)))
                    items = []
                parts.append(loose)
            rendered = self.node(node, depth)
            if is_item:
                items.append(Markup("<li>{}{}</li>").format(marker, rendered))
            else:
                parts.append(marker + rendered)
            here = max(here, node.end)
        if items:
            parts.append(Markup('<ul class="items">{}</ul>').format(Markup("").join(items)))
        loose, marker = self.gap(here, end, in_list=False)
        parts.extend((loose, marker))
        return Markup("").join(parts)

    def node(self, node: ProvisionNode, depth: int) -> Markup:
        kind = node.kind
        blocks = [child for child in node.children if child.kind != "sentence"]
        if kind == "heading":
            level = min(3 + depth, 6)
            return Markup('<h{0} class="provision-heading">{1}</h{0}>').format(
                level, self.piece(node.start, node.end)
            )
        if kind == "section":
            inner = self.blocks(node.children, node.start, node.end, depth)
            return Markup('<section class="provision">{}</section>').format(inner)
        if not blocks:  # a paragraph, a lead-in sentence or an item: its sentences run on as prose
            css = {"lead_in": "lead-in", "list_item": "item-text"}.get(kind, "paragraph")
            tag = "span" if kind == "list_item" else "p"
            return Markup('<{0} class="{1}">{2}</{0}>').format(tag, css, self.piece(node.start, node.end))
        if kind == "list_item" and node.children and node.children[0].kind == "heading":
            title, rest = node.children[0], node.children[1:]
            head = Markup('<strong class="item-title">{}</strong>').format(self.piece(title.start, title.end))
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
