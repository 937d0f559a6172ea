"""Compiling long lists of phrases into fast regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(phrases: Iterable[str]) -> str:
    """One alternation for many literal phrases, factored as a trie so the engine never backtracks far.

    Longer phrases win over their prefixes ("Republic of Korea" over "Republic").
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    # Longest first: a branch that continues is tried before stopping here.
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


def word_bounded(pattern: str) -> str:
    """Match only at word edges; works for phrases that begin or end with punctuation ("U.S.")."""
    return rf"(?<![\w.]){pattern}(?![\w])"
