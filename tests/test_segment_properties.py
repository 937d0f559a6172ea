"""Properties of the provision tree over generated documents of headings, paragraphs and nested lists."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.provisions import Provision, ProvisionKind
from accord.text.segment import segment

WORDS = st.sampled_from(
    [
        "the",
        "Participants",
        "will",
        "plan",
        "to",
        "cooperate",
        "on",
        "AI",
        "quantum",
        "6G",
        "U.S.",
        "ROK",
        "e.g.",
        "$2.5",
        "billion",
        "research",
        "security",
        "space",
        "Korea's",
        "“trusted”",
        "supply",
        "chains",
        "(NASA)",
        "2026",
        "협력",
        "강화",
        "and",
        "of",
        "in",
    ]
)
SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    WORDS,
    st.lists(WORDS, min_size=1, max_size=12),
    st.sampled_from([".", ".", "!", "?", ";", ":", ""]),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
TITLE = st.lists(
    st.sampled_from(["Research", "Security", "Space", "Quantum", "Health", "AI", "Supply Chains"]),
    min_size=1,
    max_size=5,
).map(" and ".join)
MARKERS = st.sampled_from(["-", "•", "*", "1.", "(a)", "a)", "2)"])


@st.composite
def list_block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    marker = draw(MARKERS)
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        lines.append("  " * depth * 2 + f"{marker} {draw(PARAGRAPH)}")
        if depth < 2 and draw(st.booleans()):
            lines.extend(draw(list_block(depth + 1)))
        if draw(st.booleans()):
            lines.append("")
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for number in range(draw(st.integers(1, 5))):
        style = draw(st.sampled_from(["roman", "markdown", "plain", "none"]))
        if style == "roman":
            lines.append(f"{'I' * (number + 1)}. {draw(TITLE)}")
        elif style == "markdown":
            lines.append(f"{'#' * draw(st.integers(1, 3))} {draw(TITLE)}")
        elif style == "plain":
            lines.append(draw(TITLE))
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["paragraph", "lead_in", "list"]))
            if kind == "paragraph":
                lines.append(draw(PARAGRAPH))
            elif kind == "lead_in":
                lines.append(draw(PARAGRAPH).rstrip(".!?;:") + " include:")
                lines.extend(draw(list_block()))
            else:
                lines.extend(draw(list_block()))
            if draw(st.booleans()):
                lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def _children(nodes: list[Provision]) -> dict[int | None, list[Provision]]:
    by_parent: dict[int | None, list[Provision]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent, []).append(node)
    return by_parent


# 100 generated documents: generating them, not segmenting them, is what costs (about 40 ms each).
@settings(max_examples=100, deadline=None)
@given(documents())
def test_tree_properties(text: str) -> None:
    nodes = segment(text)
    assert nodes, "a non-blank document has provisions"
    by_parent = _children(nodes)
    for node in nodes:
        assert 0 <= node.start < node.end <= len(text), "spans are in bounds and not empty"
        assert text[node.start : node.end] == text[node.start : node.end].strip(), "spans are trimmed"
        if node.parent is not None:
            parent = nodes[node.parent]
            assert parent.start <= node.start and node.end <= parent.end, "children nest inside parents"
            assert parent.index < node.index, "parents come first"
    for siblings in by_parent.values():
        ordered = sorted(siblings, key=lambda n: n.ordinal)
        assert [n.ordinal for n in ordered] == list(range(1, len(ordered) + 1))
        for left, right in itertools.pairwise(ordered):
            assert left.end <= right.start, "siblings do not overlap and keep document order"
    for node in nodes:
        if node.kind is not ProvisionKind.PARAGRAPH:
            continue
        sentences = [n for n in by_parent.get(node.index, []) if n.kind is ProvisionKind.SENTENCE]
        covered = {i for s in sentences for i in range(s.start, s.end)}
        visible = {i for i in range(node.start, node.end) if not text[i].isspace()}
        assert visible <= covered, "sentences cover their paragraph's non-blank text"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_consistent_tree(text: str) -> None:
    nodes = segment(text)
    for node in nodes:
        assert 0 <= node.start <= node.end <= len(text)
        if node.parent is not None:
            parent = nodes[node.parent]
            assert parent.start <= node.start and node.end <= parent.end
