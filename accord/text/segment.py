"""Cutting a document's text into a provision tree.

Sections hold a heading and everything up to the next heading of the same or a
higher level; a lead-in (a sentence ending in a colon) holds the list items that
follow it; paragraphs and list items hold their sentences. Every node is a
[start, end) span into the exact text, and a parent's span contains its children's.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.domain.provisions import Provision, ProvisionKind
from accord.text.lines import Line, LineKind, classify_lines, is_closed, is_title_like
from accord.text.sentences import sentence_spans


@dataclass(slots=True)
class _Block:
    kind: LineKind  # HEADING, ITEM or TEXT
    start: int  # content span, trimmed, without the marker
    end: int
    indent: int
    key: str = ""
    markdown_level: int = 0
    titled: bool = False  # an item whose first line is a title with a body under it
    body_of_item: bool = False  # a text block that is the body of the titled item before it
    after_blank: bool = False


def _blocks(text: str, lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    previous_blank = True
    count = len(lines)
    for i, line in enumerate(lines):
        if line.kind is LineKind.BLANK:
            previous_blank = True
            continue
        nxt = _next_content_line(lines, i)
        last = blocks[-1] if blocks else None
        open_text = (
            last is not None
            and not previous_blank
            and last.kind in (LineKind.TEXT, LineKind.ITEM)
            and not is_closed(text, last.start, last.end)
        )
        kind, key = line.kind, line.key
        if kind is LineKind.TEXT and last is not None and open_text and not _starts_body(text, last, line):
            last.end = line.content_end  # a wrapped line continues the block
            previous_blank = False
            continue
        if (
            kind is LineKind.TEXT
            and last is not None
            and last.kind is LineKind.ITEM
            and not previous_blank
            and line.indent > last.indent
            and not is_closed(text, last.start, last.end)
        ):
            last.end = line.content_end  # an indented line continues the item above
            previous_blank = False
            continue
        if kind is LineKind.TEXT and (
            (not open_text and _heading_in_context(text, line, nxt))
            or (not blocks and _document_title(text, line, nxt))
        ):
            kind, key = LineKind.HEADING, "plain"
        if kind is LineKind.ITEM and key.startswith("arabic") and _heading_in_context(text, line, nxt):
            kind = LineKind.HEADING
        block = _Block(kind, line.content_start, line.content_end, line.indent, key, line.markdown_level)
        block.after_blank = previous_blank
        if kind is LineKind.ITEM and line.midline and blocks:
            block.indent = _indent_of_list(blocks, key)
        if kind is LineKind.ITEM and nxt is not None and _titled_item(text, line, nxt):
            block.titled = True
        if (
            kind is LineKind.TEXT
            and last is not None
            and last.kind is LineKind.ITEM
            and (last.titled or last.body_of_item)
            and not previous_blank
        ):
            block.body_of_item = True
        blocks.append(block)
        previous_blank = False
    del count
    return blocks


def _next_content_line(lines: list[Line], i: int) -> Line | None:
    for j in range(i + 1, len(lines)):
        if lines[j].kind is not LineKind.BLANK:
            return lines[j]
    return None


def _starts_body(text: str, last: _Block, line: Line) -> bool:
    """After a titled item ("- Research Security"), a capitalised line is its body, not a wrapped title."""
    return last.kind is LineKind.ITEM and last.titled


def _heading_in_context(text: str, line: Line, nxt: Line | None) -> bool:
    if not is_title_like(text, line.content_start, line.content_end) or _runs_on(text, line):
        return False
    if nxt is None:
        return True
    first = text[nxt.content_start : nxt.content_start + 1]
    return not (nxt.kind is LineKind.TEXT and first.islower())


def _document_title(text: str, line: Line, nxt: Line | None) -> bool:
    """The first line, too long to look like a heading, is still the document's title when it ends
    as a title ends (on a word that is not a small one, no punctuation) and a capitalised line
    follows: a hard-wrapped sentence breaks after "and" or "the", or runs on in lower case."""
    if (
        nxt is None
        or nxt.kind is not LineKind.TEXT
        or line.content_end - line.content_start > _MAX_TITLE_CHARS
    ):
        return False
    content = text[line.content_start : line.content_end]
    return (
        content[:1].isupper()
        and (content[-1].isalnum() or content[-1] in ")]\"'”’")
        and not _runs_on(text, line)
        and text[nxt.content_start : nxt.content_start + 1].isupper()
    )


def _runs_on(text: str, line: Line) -> bool:
    words = text[line.content_start : line.content_end].split()
    return bool(words) and words[-1].lower() in _RUNS_ON


_MAX_TITLE_CHARS = 300
# Words a hard-wrapped line may break after but a title does not end on.
_RUNS_ON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "but",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "as",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "than",
        "that",
        "this",
        "these",
        "those",
        "their",
        "its",
        "our",
        "between",
        "through",
        "among",
        "across",
        "within",
        "about",
        "against",
        "toward",
        "towards",
    ]
)


def _titled_item(text: str, line: Line, nxt: Line) -> bool:
    if nxt.kind is not LineKind.TEXT or nxt.indent > line.indent or nxt.start != line.end + 1:
        return False
    first = text[nxt.content_start : nxt.content_start + 1]
    return is_title_like(text, line.content_start, line.content_end) and not first.islower()


def _indent_of_list(blocks: list[_Block], key: str) -> int:
    for block in reversed(blocks):
        if block.kind is LineKind.ITEM and block.key == key:
            return block.indent
        if block.kind is LineKind.HEADING:
            break
    return 0


@dataclass(slots=True)
class _Open:
    node: int
    role: str  # "section", "lead_in" or "item"
    level: int = 0
    key: str = ""
    indent: int = 0


class _TreeBuilder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes: list[Provision] = []
        self.stack: list[_Open] = []
        self.child_counts: dict[int | None, int] = {}
        self.heading_levels: dict[str, int] = {}

    def add(self, kind: ProvisionKind, start: int, end: int, parent: int | None) -> int:
        ordinal = self.child_counts.get(parent, 0) + 1
        self.child_counts[parent] = ordinal
        depth = 0 if parent is None else self.nodes[parent].depth + 1
        index = len(self.nodes)
        parent_index = -1 if parent is None else parent
        self.nodes.append(Provision(index, kind, start, end, parent_index, ordinal, depth))
        return index

    def finish(self) -> list[Provision]:
        """Stretch every container to its last descendant (children follow their parents)."""
        nodes = self.nodes
        for node in reversed(nodes):
            parent = node.parent_index
            if parent >= 0 and nodes[parent].end < node.end:
                nodes[parent].end = node.end
        return nodes

    def parent(self) -> int | None:
        return self.stack[-1].node if self.stack else None

    def add_sentences(self, start: int, end: int, parent: int) -> None:
        for s_start, s_end in sentence_spans(self.text, start, end):
            self.add(ProvisionKind.SENTENCE, s_start, s_end, parent)

    def level_of(self, block: _Block) -> int:
        if block.markdown_level:
            return block.markdown_level
        if block.key not in self.heading_levels:
            self.heading_levels[block.key] = len(self.heading_levels) + 1
        return self.heading_levels[block.key]

    def heading(self, block: _Block) -> None:
        level = self.level_of(block)
        while self.stack and not (self.stack[-1].role == "section" and self.stack[-1].level < level):
            self.stack.pop()
        section = self.add(ProvisionKind.SECTION, block.start, block.end, self.parent())
        self.add(ProvisionKind.HEADING, block.start, block.end, section)
        self.stack.append(_Open(section, "section", level=level))

    def item(self, block: _Block) -> None:
        while self.stack:
            top = self.stack[-1]
            if top.role != "item":
                break
            if block.indent > top.indent:
                break
            if block.indent == top.indent:
                if block.key == top.key:
                    self.stack.pop()
                    break
                if any(
                    o.role == "item" and o.key == block.key and o.indent == block.indent for o in self.stack
                ):
                    self.stack.pop()
                    continue
                break
            self.stack.pop()
        node = self.add(ProvisionKind.LIST_ITEM, block.start, block.end, self.parent())
        if block.titled:
            title_end = self.text.find("\n", block.start, block.end)
            title_end = block.end if title_end < 0 else title_end
            self.add(ProvisionKind.HEADING, block.start, title_end, node)
            if title_end < block.end:
                self.paragraph(title_end, block.end, node)
        else:
            self.add_sentences(block.start, block.end, node)
        self.stack.append(_Open(node, "item", key=block.key, indent=block.indent))

    def paragraph(self, start: int, end: int, parent: int | None) -> None:
        node = self.add(ProvisionKind.PARAGRAPH, start, end, parent)
        self.add_sentences(start, end, node)

    def text_block(self, block: _Block, lead_in: bool) -> None:
        if block.body_of_item and self.stack and self.stack[-1].role == "item":
            self.paragraph(block.start, block.end, self.stack[-1].node)
            return
        while self.stack and self.stack[-1].role != "section":
            top = self.stack[-1]
            if top.role == "item" and block.indent > top.indent and not block.after_blank:
                self.paragraph(block.start, block.end, top.node)
                return
            self.stack.pop()
        if not lead_in:
            self.paragraph(block.start, block.end, self.parent())
            return
        sentences = sentence_spans(self.text, block.start, block.end)
        if len(sentences) > 1:
            self.paragraph(sentences[0][0], sentences[-2][1], self.parent())
        lead_start, lead_end = sentences[-1]
        node = self.add(ProvisionKind.LEAD_IN, lead_start, lead_end, self.parent())
        self.add(ProvisionKind.SENTENCE, lead_start, lead_end, node)
        self.stack.append(_Open(node, "lead_in", indent=block.indent))


def segment(text: str) -> list[Provision]:
    """The provision tree of `text`, in document order (every parent before its children)."""
    blocks = _blocks(text, classify_lines(text))
    # Taken from the end of the reversed list, each block is freed once placed: kept whole beside
    # the provisions, the blocks of a long document made its peak memory (a third of the text's size).
    blocks.reverse()
    builder = _TreeBuilder(text)
    while blocks:
        block = blocks.pop()
        if block.kind is LineKind.HEADING:
            builder.heading(block)
        elif block.kind is LineKind.ITEM:
            builder.item(block)
        else:
            following = blocks[-1] if blocks else None
            lead_in = (
                following is not None
                and following.kind is LineKind.ITEM
                and not block.body_of_item
                and text[block.end - 1] == ":"
            )
            builder.text_block(block, lead_in)
    return builder.finish()
