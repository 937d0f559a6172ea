"""A deterministic benchmark corpus recombined from real agreement texts.

Synthetic sentences from a tiny vocabulary flatter tokenisers that cache by word
(spaCy runs about seven times faster on them than on real prose), so the corpus
is made of real documents instead: each synthetic document joins sections of
two or three real ones, with list items shuffled and figures changed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "examples").rglob("*.txt")),
    *sorted((ROOT / "tests" / "corpus" / "own").glob("*.txt")),
]
_DIGITS = re.compile(r"\d")


def _sections(text: str) -> list[list[str]]:
    """Runs of lines, cut before lines that look like headings (short, unpunctuated)."""
    sections: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and len(stripped) < 80 and stripped[-1] not in ".;:,!?" and sections[-1]:
            sections.append([])
        sections[-1].append(line)
    return [s for s in sections if any(line.strip() for line in s)]


def _shuffle_items(lines: list[str], rng: random.Random) -> list[str]:
    out, run = [], []
    for line in [*lines, ""]:
        if line.lstrip().startswith(("-", "•", "*")):
            run.append(line)
            continue
        rng.shuffle(run)
        out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


def corpus(megabytes: float, seed: int = 7) -> list[str]:
    """Documents totalling at least `megabytes` MB of UTF-8."""
    rng = random.Random(seed)
    pool = [_sections(path.read_text(encoding="utf-8")) for path in SOURCES]
    documents, size = [], 0
    while size < megabytes * 1_000_000:
        parts: list[str] = []
        for sections in rng.sample(pool, k=min(len(pool), rng.randint(2, 3))):
            for section in sections[: rng.randint(2, len(sections))]:
                lines = _shuffle_items(section, rng)
                parts.append("\n".join(lines))
        text = _DIGITS.sub(lambda _m: str(rng.randint(0, 9)), "\n".join(parts)) + "\n"
        documents.append(text)
        size += len(text.encode("utf-8"))
    return documents
