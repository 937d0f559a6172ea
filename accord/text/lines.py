"""Classifying the lines of a document: blank, heading, list item or running text.

Works on spans only; a "line" may also be a piece of a physical line, because
list items sometimes begin in the middle of one ("... ecosystem. - Advanced ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# With the private-use glyphs that Word's Symbol and Wingdings bullets become in a copied PDF.
_BULLETS = "-•*–—·▪◦○●■□►➢✓‣⁃\uf0b7\uf0a7\uf0d8"
_BULLET = re.compile(rf"[ \t]*([{re.escape(_BULLETS)}])[ \t]+(?=\S)")
# Word's second-level bullet pasted as text: a lone "o" before a capital, which no sentence begins with.
_LETTER_BULLET = re.compile(r"[ \t]*(o)[ \t]+(?=[A-Z0-9\"“(])")
_ENUM = re.compile(
    r"[ \t]*(\(?(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[A-Za-z][.)]|[ivxlcdm]{1,7}[.)]|[IVXLCDM]{1,7}[.)])"
    r"|\((?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})\))[ \t]+(?=\S)"
)
_MARKDOWN_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_ARTICLE = re.compile(
    r"[ \t]*(?:(?:Article|ARTICLE|Section|SECTION|Chapter|CHAPTER|Part|PART|Annex|ANNEX)[ \t]+(?:\d+|[IVXLC]+)\b"
    r"|제[ \t]*\d+[ \t]*[조장절])"
)
# A list item that starts mid-line: sentence-final punctuation, spaces, a bullet, a space, a capital.
# (The punctuation is matched rather than looked behind at: a pattern that begins with a character
# class lets the engine skip ahead quickly. Only the "gap" group is the cut.)
_MIDLINE_ITEM = re.compile(rf"[.;!?…](?P<gap>[ \t]+)(?=[{re.escape(_BULLETS)}][ \t]+[A-Z0-9\"“])")
_ARTICLE_INITIALS = frozenset("ASCPa제")
_CLOSED = re.compile(r"[.!?:;…。][\"'”’)\]]*$")
_SMALL_WORDS = frozenset(
    [
        "with",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "upon",
        "their",
        "this",
        "that",
        "these",
        "those",
        "between",
        "through",
        "among",
        "across",
        "within",
        "without",
        "about",
        "against",
        "toward",
        "towards",
        "during",
        "after",
        "before",
        "while",
        "whose",
        "which",
    ]
)
_MAX_HEADING_WORDS = 16
_MAX_HEADING_CHARS = 150


class LineKind(Enum):
    BLANK = "blank"
    HEADING = "heading"
    ITEM = "item"
    TEXT = "text"


@dataclass(slots=True)
class Line:
    start: int  # the physical (or mid-line) span
    end: int
    content_start: int  # after indentation and any marker, trimmed
    content_end: int
    indent: int
    kind: LineKind
    key: str = ""  # heading style or list-marker style
    markdown_level: int = 0
    midline: bool = False


def is_closed(text: str, start: int, end: int) -> bool:
    """Does text[start:end] end like a finished sentence or a lead-in?"""
    return _CLOSED.search(text, max(start, end - 4), end) is not None


def is_title_like(text: str, start: int, end: int) -> bool:
    """Short, unpunctuated at the end, and capitalised like a heading."""
    if end - start > _MAX_HEADING_CHARS or start >= end:
        return False
    content = text[start:end]
    if content[-1] in ".;,:!?…。" or not (content[0].isupper() or content[0].isdigit()):
        return False
    words = content.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    significant = [w for w in words if len(w.strip("()[]\"'“”‘’,")) >= 4 and w.lower() not in _SMALL_WORDS]
    if not significant:
        return len(words) <= 3
    capitalised = sum(1 for w in significant if w.lstrip("(\"'“‘")[:1].isupper() or w[:1].isdigit())
    return capitalised / len(significant) >= 0.75


def _marker_key(marker: str) -> str:
    core = marker.strip("()")
    style = "(" if marker.startswith("(") else marker[-1]
    core = core.rstrip(".)")
    if "." in core:
        return f"decimal{core.count('.')}"
    if core.isdigit():
        kind = "arabic"
    elif len(core) == 1 and core not in "ivxIVX":
        kind = "alpha-lower" if core.islower() else "alpha-upper"
    else:
        kind = "roman-lower" if core.islower() else "roman-upper"
    return kind + style


def classify_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    position, length = 0, len(text)
    midline_search = _MIDLINE_ITEM.search
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        match = midline_search(text, position, line_end)
        if match is None:
            lines.append(_classify(text, position, line_end, False))
        else:
            begin, midline = position, False
            while match is not None:
                lines.append(_classify(text, begin, match.start("gap"), midline))
                begin, midline = match.end(), True
                match = midline_search(text, begin, line_end)
            lines.append(_classify(text, begin, line_end, True))
        position = line_end + 1
    return lines


def _classify(text: str, start: int, end: int, midline: bool) -> Line:
    content_start, content_end = start, end
    while content_start < content_end and text[content_start] in " \t\r\f\v\ufeff\u00a0":
        content_start += 1
    while content_end > content_start and text[content_end - 1].isspace():
        content_end -= 1
    indent = content_start - start
    if content_start == content_end:
        return Line(start, end, content_start, content_end, indent, LineKind.BLANK)
    # Each pattern below can only match where the line's first character is one of its own; most
    # lines begin with a letter, and are spared the patterns that need a "#", a bullet or a digit.
    first = text[content_start]
    if first == "#" and (match := _MARKDOWN_HEADING.match(text, start, end)):
        level = len(match.group(1))
        return Line(start, end, match.end(), content_end, indent, LineKind.HEADING, f"md{level}", level)
    if (first in _BULLETS and (match := _BULLET.match(text, start, end))) or (
        first == "o" and (match := _LETTER_BULLET.match(text, start, end))
    ):
        return Line(
            start, end, match.end(), content_end, indent, LineKind.ITEM, match.group(1), midline=midline
        )
    if first in _ARTICLE_INITIALS and _ARTICLE.match(text, start, end):
        return Line(start, end, content_start, content_end, indent, LineKind.HEADING, "article")
    if (first == "(" or first.isdecimal() or (first.isascii() and first.isalpha())) and (
        match := _ENUM.match(text, start, end)
    ):
        key = _marker_key(match.group(1))
        if key.startswith(("roman-upper", "alpha-upper")) and is_title_like(text, match.end(), content_end):
            return Line(start, end, content_start, content_end, indent, LineKind.HEADING, key)
        return Line(start, end, match.end(), content_end, indent, LineKind.ITEM, key)
    return Line(start, end, content_start, content_end, indent, LineKind.TEXT)
