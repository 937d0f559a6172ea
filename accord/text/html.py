"""HTML to the plain line format: navigation, scripts and styles dropped; headings and items kept as lines."""

from __future__ import annotations

import contextlib
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from lxml import etree

from accord.errors import LimitExceeded

_DROP = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "form",
    "template",
    "svg",
    "iframe",
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
    "figcaption",
}
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


MAX_DEPTH = 256  # elements nested in one another; libxml2's own historical limit
_CHUNK = 1 << 16


def nesting_depth(markup: str, limit: int = MAX_DEPTH) -> int:
    """How deep elements nest, as an HTML parser repairs them (unclosed <p> and <li> closed), read
    as a stream without building a tree; stops counting past `limit`."""
    parser = etree.HTMLPullParser(events=("start", "end"))
    depth = deepest = 0
    for offset in range(0, len(markup), _CHUNK):
        parser.feed(markup[offset : offset + _CHUNK])
        for event, element in parser.read_events():
            if event == "start":
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit:
                    return deepest
            else:
                depth -= 1
                element.clear()
    # No element at all ("" or bare text): nothing nests, and the loader reports what is empty.
    with contextlib.suppress(etree.XMLSyntaxError):
        parser.close()
    return deepest


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The page's text as lines; a page nested deeper than MAX_DEPTH is refused (InputError) before
    it is walked, as walking it would recurse past Python's limit."""
    if nesting_depth(markup) > MAX_DEPTH:
        raise LimitExceeded(
            f"the HTML nests elements more than {MAX_DEPTH} deep",
            hint="no document needs this; save it as .txt, or simplify the markup",
        )
    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [role="banner"], [role="contentinfo"]'):
        tag.decompose()
    root = soup.body or soup
    lines: list[str] = []
    _walk(root, lines, list_depth=0)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    return text, title or None


def _inline_text(tag: Tag) -> str:
    return _SPACES.sub(" ", tag.get_text(" ")).strip()


def _walk(node: Tag, lines: list[str], list_depth: int) -> None:
    buffer: list[str] = []

    def flush() -> None:
        joined = _SPACES.sub(" ", "".join(buffer)).strip()
        buffer.clear()
        if joined:
            lines.extend([joined, ""])

    for child in node.children:
        if isinstance(child, NavigableString):
            buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _HEADINGS:
            flush()
            heading = _inline_text(child)
            if heading:
                lines.extend(["#" * _HEADINGS[name] + " " + heading, ""])
        elif name in ("ul", "ol"):
            flush()
            for number, item in enumerate(child.find_all("li", recursive=False), start=1):
                marker = f"{number}." if name == "ol" else "-"
                nested = item.find_all(["ul", "ol"], recursive=False)
                for sub in nested:
                    sub.extract()
                item_text = _inline_text(item)
                if item_text:
                    lines.append("  " * list_depth + f"{marker} {item_text}")
                for sub in nested:
                    holder = BeautifulSoup("", "lxml").new_tag("div")
                    holder.append(sub)
                    _walk(holder, lines, list_depth + 1)
            lines.append("")
        elif name == "br":
            buffer.append("\n")
        elif name in _BLOCKS or name in ("li", "body", "html"):
            flush()
            _walk(child, lines, list_depth)
        elif name in ("td", "th"):
            buffer.append(" " + _inline_text(child) + " |")
        else:
            buffer.append(child.get_text(" "))
    flush()
