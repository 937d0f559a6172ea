"""A long document is read in parts of whole subtrees (`extraction._parts`); a text no longer
than a part is read whole without working its parts out, which holds only if it is one part."""

from __future__ import annotations

from itertools import pairwise

from accord.extract.extraction import PART_CHARS, _parts, segment
from tests.extract.snapshot import corpus_texts


def test_a_text_no_longer_than_a_part_is_one_part() -> None:
    for path in corpus_texts():
        text = path.read_text(encoding="utf-8")
        assert len(text) <= PART_CHARS, path
        parts = list(_parts(segment(text), PART_CHARS))
        assert len(parts) <= 1, path


def test_the_parts_of_a_long_text_cover_its_tree_in_order() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in corpus_texts())
    provisions = segment(text)
    parts = list(_parts(provisions, PART_CHARS))
    assert len(text) > PART_CHARS and len(parts) > 1
    assert parts[0][0] == 0 and parts[-1][1] == len(provisions)
    for (_, last, _, hi), (first, _, lo, _) in pairwise(parts):
        assert last <= first and hi <= lo
