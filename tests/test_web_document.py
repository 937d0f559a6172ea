"""The agreement's text as a document (accord.web.document): every commitment highlighted over
exactly its span, whatever blocks it crosses, and every provision's anchor placed once. The writer
looks marks and anchors up through sorted indexes; these properties pin what it finds."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.services.agreement_views import provision_tree
from accord.text.segment import segment
from accord.web.document import document_html
from accord.web.highlight import Mark
from tests.conftest import EXAMPLES

TEXT = (EXAMPLES / "us-kr-tpd-mou-2025.txt").read_text(encoding="utf-8")
PROVISIONS = segment(TEXT)
TREE = provision_tree(
    TEXT, [(p.index, p.parent, p.kind.value, p.ordinal, p.start, p.end) for p in PROVISIONS]
)
ANCHORS = {
    start: [f"provision-{p.index}" for p in PROVISIONS if p.start == start]
    for start in {p.start for p in PROVISIONS}
}
_LINK = re.compile(
    r'<a class="hl[^"]*" href="/commitments/\d+" data-commitment-id="\d+" data-commitments="([\d ]+)">([^<]*)</a>'
)


def _bare(text: str) -> str:
    """Text without what the document may leave out between blocks: whitespace and list bullets."""
    return re.sub(r"[\s\-•]", "", text)


spans = st.lists(
    st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 2_500), st.sampled_from(["firm", "intent"])),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(spans)
def test_each_commitment_is_highlighted_over_its_whole_span_across_blocks(
    found: list[tuple[int, int, str]],
) -> None:
    marks = [
        Mark(i + 1, start, min(start + size, len(TEXT)), strength)
        for i, (start, size, strength) in enumerate(found)
    ]
    out = str(document_html(TEXT, TREE, marks, ANCHORS))
    assert re.search(r"<a [^>]*>[^<]*<a ", out) is None  # no link inside a link
    linked: dict[int, list[str]] = {}
    for ids, piece in _LINK.findall(out):
        for i in ids.split():
            linked.setdefault(int(i), []).append(html.unescape(piece))
    for mark in marks:
        assert _bare("".join(linked.get(mark.id, []))) == _bare(TEXT[mark.start : mark.end]), mark
    for names in ANCHORS.values():
        for name in names:
            assert out.count(f'id="{name}"') == 1, name


def test_without_commitments_every_word_is_shown_once_in_order() -> None:
    out = str(document_html(TEXT, TREE, [], ANCHORS))
    assert _bare(html.unescape(re.sub(r"<[^>]+>", "", out))) == _bare(TEXT)
