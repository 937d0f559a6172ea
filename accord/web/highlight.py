"""The agreement's text as HTML with every commitment highlighted at its exact span.

The text is cut at every span boundary and each piece escaped on its own. A piece inside
several commitments (nested or overlapping spans) links to the innermost one and lists all of
them in `data-commitments`, so no link is ever nested in another and none is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    id: int
    start: int
    end: int
    strength: str


def highlight(text: str, marks: Sequence[Mark], anchors: Mapping[int, Sequence[str]] | None = None) -> Markup:
    """`anchors` maps an offset to the ids of empty targets placed there (a search result links
    to the provision that starts at it)."""
    anchors = anchors or {}
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for mark in usable:
        starts.setdefault(mark.start, []).append(mark)
        ends.setdefault(mark.end, []).append(mark)
    boundaries = sorted({0, len(text), *starts, *ends, *(a for a in anchors if 0 <= a < len(text))})
    active: dict[int, Mark] = {}
    out: list[str] = []
    for here, there in pairwise(boundaries):
        for mark in ends.get(here, ()):
            active.pop(mark.id, None)
        for mark in starts.get(here, ()):
            active[mark.id] = mark
        out.extend(f'<span class="anchor" id="{escape(name)}"></span>' for name in anchors.get(here, ()))
        piece = escape(text[here:there])
        if not active:
            out.append(piece)
            continue
        inner = min(active.values(), key=lambda m: (m.end - m.start, m.id))
        ids = " ".join(str(i) for i in sorted(active))
        nested = " nested" if len(active) > 1 else ""
        out.append(
            f'<a class="hl s-{escape(inner.strength)}{nested}" href="/commitments/{inner.id}" '
            f'data-commitment-id="{inner.id}" data-commitments="{ids}">{piece}</a>'
        )
    return Markup("".join(out))
